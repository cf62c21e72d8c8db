"""Web: a FastAPI dashboard and JSON API over the store."""
from .app import create_app

__all__ = ["create_app"]

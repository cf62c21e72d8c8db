"""Store: the embedded DuckDB database behind a small interface (another backend can implement ``Store``)."""
from .base import Store
from .duck import DuckStore, open_store

__all__ = ["DuckStore", "Store", "open_store"]

"""Store: the embedded DuckDB database behind a small interface (another backend can implement ``Store``)."""
from .base import Store
from .duck import DuckStore, check_writable, open_store

__all__ = ["DuckStore", "Store", "check_writable", "open_store"]

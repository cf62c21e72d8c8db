"""Store: the embedded DuckDB file (default) or a PostgreSQL database given by URL, behind one interface.

``open_store(db)`` picks the backend from ``db``: ``postgresql://user@host:port/dbname`` (or
``postgres://``) opens PostgreSQL, anything else is a DuckDB file. Both answer the same methods with the
same results (``sql.py``)."""
from __future__ import annotations

from pathlib import Path

from .base import Store
from .duck import DuckStore
from .postgres import PostgresStore, is_postgres_url
from .rows import Rows, rows_for

__all__ = ["DuckStore", "PostgresStore", "Rows", "Store", "check_writable", "is_postgres_url", "open_store", "rows_for"]


def open_store(db: str | Path = "realpolitik.duckdb", *, read_only: bool = False, wait: float = 2.0):
    if is_postgres_url(db):
        return PostgresStore(str(db), read_only=read_only, wait=wait)
    return DuckStore(db, read_only=read_only, wait=wait)


def check_writable(db: str | Path) -> None:
    """Open the store for writing and close it at once: raises ``StoreError`` before any slow work when
    the store cannot be written (a DuckDB file another process holds, a database that refuses us)."""
    open_store(db).close()

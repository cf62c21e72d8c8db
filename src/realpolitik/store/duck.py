"""DuckDB implementation of the store. Each ``add`` is one transaction loaded from Arrow tables; the
queries themselves are shared with PostgreSQL (``sql.py``)."""
from __future__ import annotations

import time
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from ..errors import StoreError
from .rows import TABLES, Rows
from .monitor import MonitorState
from .drivers import DriverErrors, first_line
from .sql import SQLStore


class DuckStore(SQLStore, MonitorState):
    """One DuckDB connection. DuckDB lets one process write or several read a file, so callers open the
    store for as long as they need it; opening waits up to ``wait`` seconds for another process's lock.
    Every driver error leaves as a ``StoreError`` naming the file."""

    def __init__(self, path: str | Path = "realpolitik.duckdb", *, read_only: bool = False,
                 wait: float = 2.0) -> None:
        self.path = str(path)
        if read_only and self.path != ":memory:" and not Path(self.path).exists():
            raise StoreError(f"{self.path}: no such store; run 'realpolitik ingest' first")
        deadline = time.monotonic() + wait
        while True:
            try:
                self.con = duckdb.connect(self.path, read_only=read_only)
                break
            except duckdb.Error as exc:
                if _is_lock_error(exc) and time.monotonic() < deadline:
                    time.sleep(0.05)
                    continue
                if _is_lock_error(exc):
                    raise StoreError(f"{self.path}: the store is in use by another process that writes to it "
                                     "(an ingest, or a server adding an article); try again when it is done") from None
                raise StoreError(f"{self.path}: cannot open the store ({first_line(exc)})") from None
        if not read_only:
            with self._driver("prepare the store"):
                self.con.execute(resources.files("realpolitik.store").joinpath("schema.sql").read_text())

    def _driver(self, doing: str) -> DriverErrors:
        return DriverErrors(self.path, doing, duckdb.Error)

    # -- writing -------------------------------------------------------------------------
    def stored(self, hashes: Iterable[str]) -> set[str]:
        hashes = list(dict.fromkeys(hashes))
        found: set[str] = set()
        with self._driver("read the stored documents"):
            for start in range(0, len(hashes), 500):
                part = hashes[start:start + 500]
                rows = self.con.execute(f"SELECT doc_hash FROM documents WHERE doc_hash IN ({', '.join('?' * len(part))})",
                                        part).fetchall()
                found.update(r[0] for r in rows)
        return found

    def _insert(self, batch: Rows) -> int:
        with self._driver("add documents (nothing was stored)"):
            self.con.execute("BEGIN TRANSACTION")
            try:
                for table in TABLES:
                    rows = batch.rows[table]
                    if rows:
                        arrow = pa.Table.from_pylist(rows)
                        self.con.register("incoming", arrow)
                        columns = ", ".join(arrow.column_names)
                        self.con.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM incoming")
                        self.con.unregister("incoming")
                self.con.execute("COMMIT")
            except BaseException:
                self.con.execute("ROLLBACK")
                raise
        return len(batch)

    def _write(self, statements: list[tuple[str, list[Any]]], doing: str) -> None:
        """Statements in one transaction (the monitor's state and alerts)."""
        with self._driver(doing):
            self.con.execute("BEGIN TRANSACTION")
            try:
                for sql, params in statements:
                    self.con.execute(sql, params)
                self.con.execute("COMMIT")
            except BaseException:
                self.con.execute("ROLLBACK")
                raise

    # -- reading -------------------------------------------------------------------------
    def query(self, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        with self._driver("query the store"):
            cursor = self.con.execute(sql, params or [])
            names = [d[0] for d in cursor.description]
            return [dict(zip(names, row)) for row in cursor.fetchall()]

    def close(self) -> None:
        with self._driver("close the store"):
            self.con.close()

    def __enter__(self) -> DuckStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _is_lock_error(exc: Exception) -> bool:
    text = str(exc).lower()
    return "lock" in text or "different configuration" in text


def open_store(path: str | Path = "realpolitik.duckdb", *, read_only: bool = False, wait: float = 2.0) -> DuckStore:
    return DuckStore(path, read_only=read_only, wait=wait)


def check_writable(path: str | Path) -> None:
    """Open the store for writing and close it at once: raises ``StoreError`` before any slow work when
    another process holds it, or the file or folder cannot be written."""
    DuckStore(path).close()

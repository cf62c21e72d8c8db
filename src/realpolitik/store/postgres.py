"""PostgreSQL implementation of the store (psycopg 3): the shared store for many writers and a server.

The schema is ``schema.sql`` itself, read with PostgreSQL's names for two types (text columns use the
"C" collation so text sorts byte by byte, as DuckDB sorts it). The queries are the shared ones in
``sql.py``; ``?`` placeholders become ``%s``. Several processes may add at once: a document is inserted
with ``ON CONFLICT DO NOTHING`` and only the documents this transaction really inserted get their
sentences, actors, events and quantities, so a text stored twice at the same moment is kept once.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal
from importlib import resources
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from ..errors import StoreError
from .rows import TABLES, Rows
from .drivers import DriverErrors, first_line
from .sql import SQLStore

SCHEMA_LOCK = 7_746_120  # advisory lock id: two processes creating the tables at once wait for each other


def is_postgres_url(db: object) -> bool:
    return str(db).startswith(("postgresql://", "postgres://"))


def safe_url(url: str) -> str:
    """The URL without its password, for messages."""
    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        parts = parts._replace(netloc=netloc)
    return urlunsplit(parts)


def postgres_schema() -> str:
    text = resources.files("realpolitik.store").joinpath("schema.sql").read_text()
    text = re.sub(r"\bVARCHAR\b", 'TEXT COLLATE "C"', text)
    text = re.sub(r"\bDOUBLE\b(?!\s+PRECISION)", "DOUBLE PRECISION", text)
    return text


def _placeholders(sql: str) -> str:
    return sql.replace("%", "%%").replace("?", "%s")


def _value(v: Any) -> Any:
    return float(v) if isinstance(v, Decimal) else v


class PostgresStore(SQLStore):
    """One connection to a PostgreSQL database given by URL. Reads run in autocommit (read-only when
    asked); each ``add`` is one transaction. Every driver error leaves as a ``StoreError``."""

    def __init__(self, url: str, *, read_only: bool = False, wait: float = 2.0) -> None:
        import psycopg

        self._psycopg = psycopg
        self.path = safe_url(url)
        try:
            self.con = psycopg.connect(url, autocommit=True, connect_timeout=max(1, int(wait) + 1))
        except psycopg.Error as exc:
            raise StoreError(f"{self.path}: cannot connect to the database ({first_line(exc)})") from None
        if read_only:
            self.con.read_only = True
            with self._driver("open the store"):
                found = self.con.execute("SELECT to_regclass('documents') IS NOT NULL").fetchone()[0]
            if not found:
                self.con.close()
                raise StoreError(f"{self.path}: no such store; run 'realpolitik ingest' first")
        else:
            with self._driver("prepare the store"), self.con.transaction():
                self.con.execute(f"SELECT pg_advisory_xact_lock({SCHEMA_LOCK})")
                self.con.execute(postgres_schema())

    def _driver(self, doing: str) -> DriverErrors:
        return DriverErrors(self.path, doing, self._psycopg.Error)

    # -- writing -------------------------------------------------------------------------
    def stored(self, hashes: Iterable[str]) -> set[str]:
        hashes = list(dict.fromkeys(hashes))
        with self._driver("read the stored documents"):
            rows = self.con.execute("SELECT doc_hash FROM documents WHERE doc_hash = ANY(%s)", [hashes]).fetchall()
        return {r[0] for r in rows}

    def _insert(self, batch: Rows) -> int:
        docs = batch.rows["documents"]
        columns = list(docs[0])
        insert = (f"INSERT INTO documents ({', '.join(columns)}) VALUES ({', '.join(['%s'] * len(columns))}) "
                  "ON CONFLICT (doc_hash) DO NOTHING RETURNING doc_hash")
        with self._driver("add documents (nothing was stored)"), self.con.transaction():
            fresh = set()
            with self.con.cursor() as cur:
                for doc in docs:
                    cur.execute(insert, [doc[c] for c in columns])
                    row = cur.fetchone()
                    if row:
                        fresh.add(row[0])
                for table in TABLES[1:]:
                    rows = [r for r in batch.rows[table] if r["doc_hash"] in fresh]
                    if not rows:
                        continue
                    names = list(rows[0])
                    with cur.copy(f"COPY {table} ({', '.join(names)}) FROM STDIN") as copy:
                        for r in rows:
                            copy.write_row([r[n] for n in names])
        return len(fresh)

    # -- reading -------------------------------------------------------------------------
    def query(self, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        with self._driver("query the store"):
            cursor = self.con.execute(_placeholders(sql), params or None)
            names = [d.name for d in cursor.description]
            return [{n: _value(v) for n, v in zip(names, row)} for row in cursor.fetchall()]

    def close(self) -> None:
        if not self.con.closed:
            self.con.close()

    def __enter__(self) -> PostgresStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()



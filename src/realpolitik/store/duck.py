"""DuckDB implementation of the store. Each ``add`` is one transaction loaded from Arrow tables."""
from __future__ import annotations

import hashlib
import time
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from ..errors import StoreError, check_date
from ..records import Actor, Extraction
from ..sources import doc_id_for

TABLES = ("documents", "sentences", "actors", "events", "quantities")


class DuckStore:
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
                raise StoreError(f"{self.path}: cannot open the store ({_first_line(exc)})") from None
        if not read_only:
            with self._driver("prepare the store"):
                self.con.execute(resources.files("realpolitik.store").joinpath("schema.sql").read_text())

    def _driver(self, doing: str) -> _DriverErrors:
        return _DriverErrors(self.path, doing)

    # -- writing -------------------------------------------------------------------------
    def add(self, extractions: Iterable[Extraction]) -> int:
        batch = _Batch()
        with self._driver("read the stored documents"):
            known = {r[0] for r in self.con.execute("SELECT doc_hash FROM documents").fetchall()}
        for extraction in extractions:
            digest = doc_id_for(extraction.document.text)
            if digest in known:
                continue
            known.add(digest)
            batch.add(digest, extraction)
        if not batch.rows["documents"]:
            return 0
        with self._driver("add documents (nothing was stored)"):
            self._insert(batch)
        return len(batch.rows["documents"])

    def _insert(self, batch: _Batch) -> None:
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

    # -- reading -------------------------------------------------------------------------
    def query(self, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        with self._driver("query the store"):
            cursor = self.con.execute(sql, params or [])
            names = [d[0] for d in cursor.description]
            return [dict(zip(names, row)) for row in cursor.fetchall()]

    def events(self, *, actor: str | None = None, dyad: tuple[str, str] | None = None,
               plover: str | None = None, since: str | None = None, until: str | None = None,
               factual: bool = False, doc_hash: str | None = None, limit: int | None = None,
               min_confidence: float | None = None) -> list[dict[str, Any]]:
        """Events matching every filter given. ``min_confidence`` keeps events whose stored confidence
        is at least that value (events without one are then left out); ``None`` or 0 keeps all."""
        if min_confidence is not None and not 0 <= min_confidence <= 1:
            raise ValueError(f"min_confidence must be a number from 0 to 1, not {min_confidence!r}")
        since, until = check_date(since, "since"), check_date(until, "until")
        sides = "source_code, source_country, source_org"
        targets = "target_code, target_country, target_org"
        filters = [  # (active, SQL condition, parameters)
            (actor, f"(? IN ({sides}, {targets}))", [actor]),
            (dyad, f"(? IN ({sides}) AND ? IN ({targets}))", list(dyad or [])),
            (plover, "(plover = ? OR cameo = ?)", [(plover or "").upper(), plover]),
            (since, "date >= CAST(? AS DATE)", [since]),
            (until, "date <= CAST(? AS DATE)", [until]),
            (factual, "factual", []),
            (doc_hash, "doc_hash = ?", [doc_hash]),
            (bool(min_confidence and min_confidence > 0), "confidence >= ?", [min_confidence]),
        ]
        where = [sql for active, sql, _ in filters if active]
        params = [p for active, _, values in filters if active for p in values]
        sql = "SELECT * FROM events" + (" WHERE " + " AND ".join(where) if where else "")
        sql += " ORDER BY date NULLS LAST, doc_hash, sentence"
        if limit:
            sql += f" LIMIT {int(limit)}"
        return self.query(sql, params)

    def counts(self) -> dict[str, int]:
        with self._driver("count rows"):
            return {t: self.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}

    def close(self) -> None:
        with self._driver("close the store"):
            self.con.close()

    def __enter__(self) -> DuckStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _DriverErrors:
    """Turns a DuckDB error raised inside the block into a StoreError saying what was being done."""

    def __init__(self, path: str, doing: str) -> None:
        self.path, self.doing = path, doing

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: type | None, exc: BaseException | None, _tb: object) -> bool:
        if isinstance(exc, duckdb.Error):
            raise StoreError(f"{self.path}: cannot {self.doing} ({_first_line(exc)})") from None
        return False


def _is_lock_error(exc: Exception) -> bool:
    text = str(exc).lower()
    return "lock" in text or "different configuration" in text


def _first_line(exc: Exception) -> str:
    return " ".join(str(exc).split())[:300]


class _Batch:
    def __init__(self) -> None:
        self.rows: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}

    def add(self, digest: str, ex: Extraction) -> None:
        d = ex.document
        text = d.text
        self.rows["documents"].append({"doc_hash": digest, "doc_id": d.doc_id, "title": d.title, "date": d.date,
                                       "url": d.url, "origin": d.origin, "text": text})
        for i, (start, end) in enumerate(ex.sentences):
            self.rows["sentences"].append({"doc_hash": digest, "sentence": i, "start_char": start,
                                           "end_char": end, "text": text[start:end]})
        for m in ex.mentions:
            self.rows["actors"].append({"doc_hash": digest, "sentence": m.sentence, "start_char": m.span[0],
                                        "end_char": m.span[1], **_actor_cols(m.actor, "")})
        for n, e in enumerate(ex.events):
            key = f"{digest}:{e.sentence}:{e.event_span[0]}:{e.cameo}:{n}"
            row = {"event_id": hashlib.sha1(key.encode()).hexdigest()[:16], "doc_hash": digest,
                   "sentence": e.sentence, "start_char": e.span[0], "end_char": e.span[1],
                   "event_start": e.event_span[0], "event_end": e.event_span[1], "sentence_text": e.text,
                   "event_text": e.event_text, "cameo": e.cameo, "plover": e.plover, "mode": e.mode,
                   "quad_class": e.quad_class, "goldstein": e.goldstein, "polarity": e.polarity,
                   "modality": e.modality, "factual": e.factual,
                   "attribution_code": e.attribution.code if e.attribution else None,
                   "attribution_text": e.attribution.text if e.attribution else None,
                   "date": e.date, "date_end": e.date_end, "confidence": e.confidence,
                   "date_source": e.date_source}
            row.update(_actor_cols(e.source, "source_"))
            row.update(_actor_cols(e.target, "target_"))
            self.rows["events"].append(row)
        for q in ex.quantities:
            self.rows["quantities"].append({"doc_hash": digest, "sentence": q.sentence, "start_char": q.span[0],
                                            "end_char": q.span[1], "text": q.text, "value": q.value,
                                            "unit": q.unit, "per": q.per, "approximate": q.approximate,
                                            "low": q.low, "high": q.high})


def _actor_cols(actor: Actor | None, prefix: str) -> dict[str, Any]:
    fields = ("text", "code", "country", "org", "sector")
    return {f"{prefix}{f}": (getattr(actor, f) if actor else None) for f in fields}


def open_store(path: str | Path = "realpolitik.duckdb", *, read_only: bool = False, wait: float = 2.0) -> DuckStore:
    return DuckStore(path, read_only=read_only, wait=wait)


def check_writable(path: str | Path) -> None:
    """Open the store for writing and close it at once: raises ``StoreError`` before any slow work when
    another process holds it, or the file or folder cannot be written."""
    DuckStore(path).close()

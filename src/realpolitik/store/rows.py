"""Extractions turned into table rows: what every backend inserts, and what Parquet shards hold."""
from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

from ..records import Actor, Extraction
from ..sources import doc_id_for

TABLES = ("documents", "sentences", "actors", "events", "quantities")

# events columns in schema order (exports list them explicitly rather than with a dialect's EXCLUDE)
EVENT_COLUMNS = (
    "event_id", "doc_hash", "sentence", "start_char", "end_char", "event_start", "event_end", "sentence_text",
    "event_text", "source_text", "source_code", "source_country", "source_org", "source_sector", "target_text",
    "target_code", "target_country", "target_org", "target_sector", "cameo", "plover", "mode", "quad_class",
    "goldstein", "polarity", "modality", "factual", "attribution_code", "attribution_text", "date", "date_end",
    "confidence", "date_source")


class Rows:
    """Rows for the five tables, keyed by table name; ``hashes`` lists the documents in order."""

    def __init__(self) -> None:
        self.rows: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
        self._known: set[str] = set()

    @property
    def hashes(self) -> list[str]:
        return [d["doc_hash"] for d in self.rows["documents"]]

    def __len__(self) -> int:
        return len(self.rows["documents"])

    def only(self, keep: set[str]) -> Rows:
        """The rows of the documents whose hash is in ``keep``."""
        out = Rows()
        for table, rows in self.rows.items():
            out.rows[table] = [r for r in rows if r["doc_hash"] in keep]
        out._known = set(out.hashes)
        return out

    @classmethod
    def from_tables(cls, tables: dict[str, list[dict[str, Any]]]) -> Rows:
        """Rows read back from a shard (table name -> rows)."""
        out = cls()
        for table in TABLES:
            out.rows[table] = list(tables.get(table, []))
        out._known = set(out.hashes)
        return out

    def add(self, ex: Extraction) -> str | None:
        """Add one extraction; returns its hash, or None when the same text is already in this batch."""
        d = ex.document
        digest = doc_id_for(d.text)
        if digest in self._known:
            return None
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
        self._known.add(digest)
        return digest


def rows_for(extractions: Iterable[Extraction]) -> Rows:
    rows = Rows()
    for ex in extractions:
        rows.add(ex)
    return rows


def _actor_cols(actor: Actor | None, prefix: str) -> dict[str, Any]:
    fields = ("text", "code", "country", "org", "sector")
    return {f"{prefix}{f}": (getattr(actor, f) if actor else None) for f in fields}

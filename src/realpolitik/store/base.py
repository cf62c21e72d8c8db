"""The store interface. Analysis code talks to this, never to DuckDB directly."""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

from ..records import Extraction


class Store(Protocol):
    def add(self, extractions: Iterable[Extraction]) -> int:
        """Add extractions in one transaction; return how many new documents were stored."""

    def query(self, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        """Run a read-only SQL query and return rows as dicts."""

    def events(self, *, min_confidence: float | None = None, **filters: Any) -> list[dict[str, Any]]:
        """Events matching the filters (actor, dyad, plover, since, until, factual, doc_hash, limit).

        ``min_confidence`` keeps only events whose stored confidence is at least that value; ``None``
        or 0 applies no threshold. The store never reads settings: callers pass the threshold."""

    def close(self) -> None: ...

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

    # -- monitor state (realpolitik watch): kept in the store, next to what was read --------
    def watch_state(self, url: str) -> dict[str, Any] | None:
        """What ``url`` answered when last fetched (etag, last_modified, status, error), or None."""

    def seen_urls(self, urls: Iterable[str]) -> set[str]:
        """The URLs among ``urls`` whose article was already ingested."""

    def record_watch(self, states: Iterable[dict[str, Any]], items: Iterable[dict[str, Any]]) -> None:
        """Save fetch states (url, etag, last_modified, status, error) and ingested items (url,
        doc_hash, found_in) in one transaction."""

    def record_alerts(self, alerts: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
        """Keep the alerts none of whose ``event_keys`` already belongs to an alert of the same rule;
        store them and return them (in one transaction)."""

    def fired_keys(self, rule: str) -> set[str]:
        """Event keys already covered by an alert of ``rule``."""

    def alerts(self, *, limit: int = 200, since: str | None = None) -> list[dict[str, Any]]:
        """Fired alerts, newest first (``since``: fired after that ISO timestamp)."""

    def close(self) -> None: ...

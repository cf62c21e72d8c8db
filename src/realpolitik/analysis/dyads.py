"""Dyad time series: per pair and period, counts per QuadClass and Goldstein sums and means."""
from __future__ import annotations

from typing import Any

from .confidence import resolve_min_confidence

PERIODS = {"day": "day", "week": "week", "month": "month", "year": "year"}


def dyad_series(store, a: str, b: str, *, by: str = "month", factual: bool = True,
                both_directions: bool = True, min_confidence: float | None = None,
                since: str | None = None, until: str | None = None) -> list[dict[str, Any]]:
    """Per-period counts over events at or above ``min_confidence`` (``None``: the configured threshold).

    An event without a date of its own counts at its document's date and is counted again in
    ``dated_by_document``; an event with neither date is counted in a last row whose period is
    ``"undated"`` (left out when a period is asked for)."""
    if by not in PERIODS:
        raise ValueError(f"period must be one of {', '.join(PERIODS)}, not {by!r}")
    rows = store.dyad_periods(a, b, by=by, factual=factual, both_directions=both_directions,
                              min_confidence=resolve_min_confidence(min_confidence), since=since, until=until)
    for row in rows:
        row["period"] = row["period"] or "undated"
    return rows

"""Dyad time series: per pair and period, counts per QuadClass and Goldstein sums and means."""
from __future__ import annotations

from typing import Any

from .confidence import confidence_condition, resolve_min_confidence
from .query import period_condition

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
    side = "(? IN (source_code, source_country, source_org) AND ? IN (target_code, target_country, target_org))"
    where = [side if not both_directions else f"({side} OR {side})"]
    params: list[Any] = [a, b] + ([b, a] if both_directions else [])
    if factual:
        where.append("factual")
    condition, values = confidence_condition(resolve_min_confidence(min_confidence))
    if condition:
        where.append(condition)
        params += values
    period_where, period_params = period_condition(since, until, "when_")
    where += period_where
    params += period_params
    sql = f"""
        WITH e AS (SELECT e.*, coalesce(e.date, d.date) AS when_,
                          (e.date IS NULL AND d.date IS NOT NULL) OR coalesce(e.date_source, '') = 'document' AS by_doc
                   FROM events e JOIN documents d USING (doc_hash))
        SELECT date_trunc('{PERIODS[by]}', when_) AS period,
               count(*) AS events,
               count(*) FILTER (WHERE quad_class = 1) AS verbal_coop,
               count(*) FILTER (WHERE quad_class = 2) AS material_coop,
               count(*) FILTER (WHERE quad_class = 3) AS verbal_conflict,
               count(*) FILTER (WHERE quad_class = 4) AS material_conflict,
               count(*) FILTER (WHERE quad_class IN (2, 4)) AS material,
               count(*) FILTER (WHERE quad_class IN (1, 3)) AS verbal,
               round(sum(goldstein), 2) AS goldstein_sum,
               round(avg(goldstein), 2) AS goldstein_mean,
               count(*) FILTER (WHERE by_doc) AS dated_by_document
        FROM e WHERE {' AND '.join(where)}
        GROUP BY 1 ORDER BY 1 NULLS LAST"""
    rows = store.query(sql, params)
    for row in rows:
        row["period"] = str(row["period"])[:10] if row["period"] is not None else "undated"
    return rows

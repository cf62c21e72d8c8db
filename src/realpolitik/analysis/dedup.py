"""One event reported by many articles is one event with its mentions (as GDELT's NumMentions,
NumSources and NumArticles), keeping every mention's sentence."""
from __future__ import annotations

from datetime import date as Date
from typing import Any

from .. import settings


def _day(value: Any) -> Date | None:
    if value is None:
        return None
    return value if isinstance(value, Date) else Date.fromisoformat(str(value)[:10])


def deduplicate(events: list[dict[str, Any]], *, window_days: int | None = None) -> list[dict[str, Any]]:
    """Group events by source, target, PLOVER type and polarity/modality within a date window."""
    window = settings.get("analysis", "dedup_window_days") if window_days is None else window_days
    groups: list[dict[str, Any]] = []
    open_groups: dict[tuple, dict[str, Any]] = {}
    ordered = sorted(events, key=lambda e: (_day(e.get("date")) or Date.min, e.get("doc_hash") or ""))
    for event in ordered:
        key = (event.get("source_country") or event.get("source_org") or event.get("source_code"),
               event.get("target_country") or event.get("target_org") or event.get("target_code"),
               event.get("plover") or event.get("cameo"), event.get("polarity"), event.get("modality"))
        day = _day(event.get("date"))
        group = open_groups.get(key)
        if group is not None and (day is None or group["last"] is None or (day - group["last"]).days <= window):
            group["mentions"].append(event)
            group["last"] = day or group["last"]
            continue
        group = {"key": key, "first": day, "last": day, "mentions": [event]}
        open_groups[key] = group
        groups.append(group)
    return [_summarise(g) for g in groups]


def _summarise(group: dict[str, Any]) -> dict[str, Any]:
    mentions = group["mentions"]
    head = max(mentions, key=lambda e: e.get("confidence") or 0)
    sources = {(m.get("origin") or m.get("url") or m.get("doc_hash")) for m in mentions}
    return {
        **{k: head.get(k) for k in ("source_code", "source_country", "source_org", "source_text", "source_sector",
                                    "target_code", "target_country", "target_org", "target_text", "target_sector", "cameo", "plover", "mode", "quad_class",
                                    "goldstein", "polarity", "modality", "factual")},
        "date": group["first"].isoformat() if group["first"] else None,
        "num_mentions": len(mentions),
        "num_articles": len({m.get("doc_hash") for m in mentions}),
        "num_sources": len(sources),
        "mentions": [{"event_id": m.get("event_id"), "doc_hash": m.get("doc_hash"), "sentence": m.get("sentence"),
                      "sentence_text": m.get("sentence_text"), "event_text": m.get("event_text"),
                      "url": m.get("url")} for m in mentions],
    }

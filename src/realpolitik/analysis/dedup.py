"""One event reported by many articles is one event with its mentions (as GDELT's NumMentions,
NumSources and NumArticles), keeping every mention's sentence and document.

Two mentions are one real-world event only when all of these hold:

- the same source and the same target (their country or organisation: "Poland" and "Warsaw" are one
  source), both known (an event with a side missing stays alone);
- the same CAMEO root (first two digits), polarity and modality (a fact never merges with a wish);
- their days lie within ``window_days`` (``[analysis] dedup_window_days`` in settings.toml) of every
  other mention of the group. A mention's day is its own date, or its document's date when it has none;
  a mention with neither is never merged;
- compatible event words: the trigger words share a word stem ("expelled" / "expulsion of"), or both
  mentions carry the same full CAMEO code and the same date written in their own sentences.
"""
from __future__ import annotations

import re
from datetime import date as Date
from typing import Any

from .. import settings

_WORD = re.compile(r"[a-z]+")
_STOP = {"the", "a", "an", "of", "to", "with", "and", "on", "in", "for", "by", "at", "from", "into", "up", "out",
         "off", "over", "its", "their", "his", "her", "has", "have", "had", "was", "were", "been", "be", "is",
         "are", "not", "new"}
HEAD_FIELDS = ("source_code", "source_country", "source_org", "source_text", "source_sector",
               "target_code", "target_country", "target_org", "target_text", "target_sector", "cameo", "plover",
               "mode", "quad_class", "goldstein", "polarity", "modality", "factual", "confidence")


def _day(value: Any) -> Date | None:
    if value is None or value == "":
        return None
    if isinstance(value, Date):
        return value
    try:
        return Date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def event_day(event: dict[str, Any]) -> Date | None:
    """The event's own date, else its document's (``doc_date``), else None."""
    return _day(event.get("date")) or _day(event.get("doc_date"))


def _stems(text: str | None) -> set[str]:
    words = [w for w in _WORD.findall((text or "").lower()) if w not in _STOP and len(w) > 2]
    return {w[:5] if len(w) > 5 else w for w in words}


def _side(event: dict[str, Any], side: str) -> str | None:
    return event.get(f"{side}_country") or event.get(f"{side}_org") or event.get(f"{side}_code")


def merge_key(event: dict[str, Any]) -> tuple | None:
    """What two mentions of one event share; None when the event cannot be merged at all."""
    source, target, cameo = _side(event, "source"), _side(event, "target"), event.get("cameo") or ""
    if not source or not target or not cameo or event_day(event) is None:
        return None
    return (source, target, cameo[:2], event.get("polarity"), event.get("modality"))


def compatible(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Event words that can name the same act: a shared stem ("expelled" / "expulsion"), or the same full
    CAMEO code on the same day when both mentions carry that date in their own words."""
    if _stems(a.get("event_text")) & _stems(b.get("event_text")):
        return True
    own = a.get("date_source") == "text" and b.get("date_source") == "text"
    return bool(own and a.get("cameo") and a.get("cameo") == b.get("cameo") and _day(a.get("date")) == _day(b.get("date")))


def deduplicate(events: list[dict[str, Any]], *, window_days: int | None = None) -> list[dict[str, Any]]:
    """Merge mentions of one real-world event (see the module's rules); returns one row per event, oldest first.

    Rows should carry their document's fields (``doc_id``, ``title``, ``url``, ``doc_date``): see
    ``analysis.query.attach_documents``."""
    window = int(settings.get("analysis", "dedup_window_days") if window_days is None else window_days)
    groups: list[dict[str, Any]] = []
    by_key: dict[tuple, list[dict[str, Any]]] = {}
    ordered = sorted(events, key=lambda e: (event_day(e) or Date.min, str(e.get("doc_hash") or ""),
                                            e.get("sentence") or 0))
    for event in ordered:
        key = merge_key(event)
        day = event_day(event)
        if key is not None:
            for group in by_key.get(key, []):
                if (max(group["last"], day) - min(group["first"], day)).days <= window and \
                        any(compatible(event, m) for m in group["mentions"]):
                    group["mentions"].append(event)
                    group["first"], group["last"] = min(group["first"], day), max(group["last"], day)
                    break
            else:
                group = {"first": day, "last": day, "mentions": [event]}
                by_key.setdefault(key, []).append(group)
                groups.append(group)
            continue
        groups.append({"first": day, "last": day, "mentions": [event]})
    return [_summarise(g) for g in groups]


def _summarise(group: dict[str, Any]) -> dict[str, Any]:
    mentions = group["mentions"]
    head = max(mentions, key=lambda e: e.get("confidence") or 0)
    sources = {(m.get("origin") or m.get("url") or m.get("doc_hash")) for m in mentions}
    first = mentions[0]
    own_date = next((m.get("date") for m in mentions if m.get("date")), None)
    return {
        **{k: head.get(k) for k in HEAD_FIELDS},
        "date": group["first"].isoformat() if group["first"] else None,
        "date_end": group["last"].isoformat() if group["last"] and group["last"] != group["first"] else None,
        "dated_by_document": own_date is None and group["first"] is not None,
        "num_mentions": len(mentions),
        "num_articles": len({m.get("doc_hash") for m in mentions}),
        "num_sources": len(sources),
        "event_text": head.get("event_text"),
        "sentence_text": first.get("sentence_text"),
        "doc_id": first.get("doc_id"), "title": first.get("title"), "url": first.get("url"),
        "doc_date": str(first["doc_date"]) if first.get("doc_date") is not None else None,
        "mentions": [{"event_id": m.get("event_id"), "doc_hash": m.get("doc_hash"), "doc_id": m.get("doc_id"),
                      "title": m.get("title"), "url": m.get("url"),
                      "date": str(m["date"]) if m.get("date") is not None else None,
                      "doc_date": str(m["doc_date"]) if m.get("doc_date") is not None else None,
                      "sentence": m.get("sentence"), "sentence_text": m.get("sentence_text"),
                      "event_text": m.get("event_text")} for m in mentions],
    }

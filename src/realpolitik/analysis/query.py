"""What every analysis reads: events with their document (id, title, URL, date), periods, and checks
that turn a query which can only come back empty (an unknown actor, type or date) into a clear error.

An event's *time* is its own date or, when it has none, its document's date (``dated_by_document``);
an event with neither is *undated* and is kept only when no period is asked for.
"""
from __future__ import annotations

import re
from datetime import date as Date, timedelta
from functools import lru_cache
from typing import Any

from ..errors import RealpolitikError

try:  # the option error of errors.py (E006) when present
    from ..errors import OptionError as _Base
except ImportError:  # pragma: no cover
    _Base = RealpolitikError
from .confidence import resolve_min_confidence

_LAST = re.compile(r"^\s*(\d+)\s*([dwmy])\s*$", re.I)
_UNIT_DAYS = {"d": 1, "w": 7, "m": 30, "y": 365}


class QueryError(_Base, ValueError):
    """A query that names something the store or the codebook does not know."""


# -- documents ------------------------------------------------------------------------------

def attach_documents(store, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Add doc_id, title, url, origin and doc_date to event rows (in place) from their document."""
    hashes = sorted({r["doc_hash"] for r in rows if r.get("doc_hash")})
    if not hashes:
        return rows
    docs = {d["doc_hash"]: d for d in store.document_fields(hashes)}
    for row in rows:
        doc = docs.get(row.get("doc_hash"), {})
        for key in ("doc_id", "title", "url", "origin", "doc_date"):
            row.setdefault(key, doc.get(key))
            if row.get(key) is None:
                row[key] = doc.get(key)
    return rows


# -- periods --------------------------------------------------------------------------------

def parse_day(value: str | None, option: str = "date") -> str | None:
    """``value`` as an ISO date (YYYY-MM-DD; YYYY-MM and YYYY are accepted); a one-line error otherwise."""
    if value is None or value == "":
        return None
    text = str(value).strip()
    for pattern, fill in ((r"\d{4}-\d{2}-\d{2}", ""), (r"\d{4}-\d{2}", "-01"), (r"\d{4}", "-01-01")):
        if re.fullmatch(pattern, text):
            try:
                return Date.fromisoformat(text + fill).isoformat()
            except ValueError:
                break
    raise QueryError(f"{option} must be a date written YYYY-MM-DD (or YYYY-MM, YYYY), not {value!r}")


def _period_end(value: str | None, option: str) -> str | None:
    """An --until given as YYYY or YYYY-MM runs to the end of that year or month."""
    day = parse_day(value, option)
    if day is None:
        return None
    text = str(value).strip()
    if re.fullmatch(r"\d{4}", text):
        return f"{text}-12-31"
    if re.fullmatch(r"\d{4}-\d{2}", text):
        start = Date.fromisoformat(day)
        following = (start.replace(day=28) + timedelta(days=4)).replace(day=1)
        return (following - timedelta(days=1)).isoformat()
    return day


def newest_date(store) -> str | None:
    """The newest document date in the store (else the newest event date: events may lie in the future)."""
    return store.newest_date()


def resolve_period(store, *, since: str | None = None, until: str | None = None,
                   last: str | None = None) -> tuple[str | None, str | None]:
    """(since, until) as ISO dates. ``last`` ("30d", "2w", "3m", "1y") counts back from ``until`` or the
    newest document date in the store (not from today: a corpus may be old); not with ``since``."""
    since_day = parse_day(since, "--since")
    until_day = _period_end(until, "--until")
    if last is not None:
        if since_day is not None:
            raise QueryError("give either --last or --since, not both")
        match = _LAST.match(str(last))
        if not match or int(match.group(1)) == 0:
            raise QueryError(f"--last must be a number of days, weeks, months or years such as 30d, 2w, 3m, 1y, not {last!r}")
        anchor = until_day or newest_date(store)
        if anchor is None:
            raise QueryError("--last needs dated documents or events, and this store has none")
        days = int(match.group(1)) * _UNIT_DAYS[match.group(2).lower()]
        try:
            since_day = (Date.fromisoformat(anchor) - timedelta(days=days - 1)).isoformat()
        except OverflowError:  # further back than the year 1
            raise QueryError(f"--last {last}: reaches back before the year 1; give a shorter period") from None
        until_day = anchor
    if since_day and until_day and since_day > until_day:
        raise QueryError(f"the period is empty: --since {since_day} is after --until {until_day}")
    return since_day, until_day


def select_events(store, *, since: str | None = None, until: str | None = None, factual: bool | None = None,
                  doc_hash: str | None = None, pair: tuple[str, str] | None = None, both_directions: bool = True,
                  min_confidence: float | None = None, newest_first: bool = True,
                  limit: int | None = None) -> list[dict[str, Any]]:
    """Events with their document's fields and ``when`` (own date, else the document's), filtered on ``when``.

    ``factual`` True keeps facts, False keeps non-facts, None keeps both."""
    return store.select_events(since=since, until=until, factual=factual, doc_hash=doc_hash, pair=pair,
                               both_directions=both_directions, min_confidence=resolve_min_confidence(min_confidence),
                               newest_first=newest_first, limit=limit)


# -- checks ---------------------------------------------------------------------------------

def known_codes(store) -> list[str]:
    """Every actor code, country and organisation in the store, most mentioned first."""
    return store.known_codes()


def check_actor(store, code: str | None, option: str = "actor") -> None:
    """A one-line error when ``code`` names no actor, country or organisation in the store."""
    if code is None:
        return
    codes = known_codes(store)
    if code in codes:
        return
    close = [c for c in codes if c.upper() == code.upper() or c.startswith(code.upper()[:3])][:5]
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    examples = ", ".join(c for c in codes[:8])
    if not codes:
        raise QueryError(f"unknown {option} {code!r}: the store holds no actors yet")
    raise QueryError(f"unknown {option} {code!r}: no actor, country or organisation with that code in the store"
                     f"{hint} (most mentioned: {examples}; all: realpolitik actors)")


@lru_cache(maxsize=1)
def event_types() -> tuple[frozenset[str], frozenset[str]]:
    """(PLOVER types, CAMEO codes) of the codebook."""
    from ..datafiles import dict_rows, package_file

    plover, cameo = set(), set()
    for rec in dict_rows(package_file("realpolitik.events", "cameo.tsv")):
        cameo.add(rec["code"])
        if rec.get("plover"):
            plover.add(rec["plover"])
    return frozenset(plover), frozenset(cameo)


def check_type(value: str | None) -> None:
    """A one-line error when ``value`` is neither a PLOVER type nor a CAMEO code."""
    if value is None:
        return
    plover, cameo = event_types()
    if value.upper() in plover or value in cameo:
        return
    raise QueryError(f"unknown event type {value!r}: use a PLOVER type ({', '.join(sorted(plover))}) "
                     "or a CAMEO code such as 042 or 173")

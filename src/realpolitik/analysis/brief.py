"""Briefings: actors, factual events with their evidence, quantities, and apart what is not fact."""
from __future__ import annotations

import html
from typing import Any

from .confidence import resolve_min_confidence, threshold_note
from .query import select_events

NOT_FACT_LABEL = {"future": "planned or expected", "hypothetical": "feared or hypothetical",
                  "desired": "wished or demanded", "possible": "possible or claimed"}


def brief_data(store, *, doc_hash: str | None = None, limit: int = 40, min_confidence: float | None = None,
               since: str | None = None, until: str | None = None) -> dict[str, Any]:
    """What a briefing shows, newest first. Events below ``min_confidence`` (``None``: the configured
    threshold) are left out of the events and dyads and counted in ``hidden``. ``since``/``until`` (ISO
    dates) keep events whose date, or their document's date when they have none, lies in the period.
    Each list is cut at ``limit`` and the number left out is in ``more[list name]``.

    Dyads between two actors of one country (or one organisation) are ``domestic``, apart from the
    international ``dyads``."""
    threshold = resolve_min_confidence(min_confidence)
    period = {"since": since, "until": until}
    events = select_events(store, since=since, until=until, doc_hash=doc_hash, min_confidence=threshold)
    all_in_scope = select_events(store, since=since, until=until, doc_hash=doc_hash, min_confidence=0)
    factual = [e for e in events if e["factual"]]
    other = [e for e in events if not e["factual"]]
    doc_hashes = {e["doc_hash"] for e in all_in_scope}
    docs = store.documents_newest_first()
    in_period = _doc_in_period(since, until)
    docs = [d for d in docs if (doc_hash is None or d["doc_hash"] == doc_hash)
            and (d["doc_hash"] in doc_hashes or in_period(d["date"]))]
    kept = {d["doc_hash"] for d in docs}
    actors = store.actor_mentions_by_document()
    counts: dict[str, dict[str, Any]] = {}
    for a in actors:
        if a["doc_hash"] in kept:
            entry = counts.setdefault(a["code"], {"code": a["code"], "example": a["example"], "mentions": 0})
            entry["mentions"] += a["mentions"]
    actor_rows = sorted(counts.values(), key=lambda a: (-a["mentions"], a["code"]))
    quantities = [q for q in store.quantities_with_dates() if q["doc_hash"] in kept]
    pairs: dict[tuple[str, str], dict[str, Any]] = {}
    for e in factual:
        a = e["source_country"] or e["source_org"]
        b = e["target_country"] or e["target_org"]
        if not a or not b:
            continue
        d = pairs.setdefault((a, b), {"a": a, "b": b, "events": 0, "goldstein": 0.0})
        d["events"] += 1
        d["goldstein"] += float(e["goldstein"] or 0)
    ranked = sorted(pairs.values(), key=lambda d: (-d["events"], -abs(d["goldstein"]), d["a"], d["b"]))
    for d in ranked:
        d["goldstein"] = round(d["goldstein"], 1)
    international = [d for d in ranked if d["a"] != d["b"]]
    domestic = [d for d in ranked if d["a"] == d["b"]]
    lists = {"documents": docs, "actors": actor_rows, "dyads": international, "domestic": domestic,
             "factual": factual, "not_factual": other, "quantities": quantities}
    cut = {"documents": max(limit, 50), "actors": 30, "dyads": 10, "domestic": 10, "factual": limit,
           "not_factual": limit, "quantities": 30}
    data: dict[str, Any] = {name: rows[:cut[name]] for name, rows in lists.items()}
    data["more"] = {name: max(0, len(rows) - cut[name]) for name, rows in lists.items()}
    data["counts"] = {name: len(rows) for name, rows in lists.items()}
    data.update(period=period, min_confidence=threshold, hidden=len(all_in_scope) - len(events))
    return data


def _doc_in_period(since: str | None, until: str | None):
    def check(day: Any) -> bool:
        if since is None and until is None:
            return True
        if day is None:
            return False
        text = str(day)[:10]
        return (since is None or text >= since) and (until is None or text <= until)
    return check


def period_line(data: dict[str, Any]) -> str:
    """The period the briefing covers, and its order."""
    since, until = data.get("period", {}).get("since"), data.get("period", {}).get("until")
    if since and until:
        span = f"from {since} to {until}"
    elif since:
        span = f"from {since} on"
    elif until:
        span = f"up to {until}"
    else:
        span = "the whole store (choose a period with --since/--until or --last)"
    return f"Period: {span}; newest events first."


def more_line(data: dict[str, Any], name: str, what: str) -> str | None:
    """'N more ...' when a list was cut, else None."""
    n = data.get("more", {}).get(name, 0)
    return f"{n} more {what} not shown (raise --limit or choose a shorter period)." if n else None


def _when(e: dict[str, Any]) -> str:
    if e.get("date"):
        return str(e["date"])
    if e.get("doc_date"):
        return f"{e['doc_date']} (article date)"
    return "undated"


def quantity_words(q: dict[str, Any]) -> str:
    """A quantity's reading in words: value or range, unit, rate, bounds."""
    def num(v: Any) -> str:
        if v is None:
            return "?"
        v = float(v)
        for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
            if abs(v) >= size:
                return f"{v / size:,.6g} {word}"
        return f"{v:,.6g}"
    low, high = q.get("low"), q.get("high")
    if low is not None and high is not None and low != high:
        value = f"{num(low)} to {num(high)}"
    elif low is not None and high is None and q.get("value") == low and q.get("approximate"):
        value = f"at least {num(low)}"
    elif high is not None and low is None and q.get("approximate"):
        value = f"at most {num(high)}"
    else:
        value = ("about " if q.get("approximate") else "") + num(q.get("value"))
    unit = f" {q['unit']}" if q.get("unit") else ""
    per = f" per {q['per']}" if q.get("per") else ""
    return f"{value}{unit}{per}"


def threshold_line(data: dict[str, Any]) -> str:
    """The sentence naming the confidence threshold in force and how many events it hid."""
    return threshold_note(data.get("min_confidence", 0.0), data.get("hidden", 0))


def _who(e: dict[str, Any], side: str) -> str:
    return e.get(f"{side}_code") or "?"


def _line(e: dict[str, Any]) -> str:
    return f"{_who(e, 'source')} → {_who(e, 'target')} {e['plover'] or e['cameo']} ({e['cameo']})"


def _label(e: dict[str, Any]) -> str:
    return "denied or not done" if e["polarity"] == "negated" else NOT_FACT_LABEL.get(e["modality"], e["modality"])


def _dyad_text(d: dict[str, Any]) -> str:
    return f"{d['a']} → {d['b']}: {d['events']} event(s), Goldstein {d['goldstein']}"


def _escape_html(value: Any) -> Any:
    """Every text taken from documents with its HTML made inert (Markdown renderers pass HTML through)."""
    if isinstance(value, str):
        return html.escape(value, quote=False)
    if isinstance(value, dict):
        return {k: _escape_html(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_escape_html(v) for v in value]
    return value


def brief_markdown(data: dict[str, Any]) -> str:
    data = _escape_html(data)
    def more(name: str, what: str) -> list[str]:
        line = more_line(data, name, what)
        return ["", f"*{line}*"] if line else []

    out = ["# Briefing", ""]
    out.append(f"{data.get('counts', {}).get('documents', len(data['documents']))} document(s). {period_line(data)}")
    out += ["", threshold_line(data)]
    out += ["", "## Actors", ""]
    out += [f"- **{a['code']}** ({a['example']}): {a['mentions']} mention(s)" for a in data["actors"]]
    out += more("actors", "actors")
    out += ["", "## Strongest dyads (between countries or organisations)", ""]
    out += [f"- {_dyad_text(d)}" for d in data["dyads"]] or ["- none"]
    out += more("dyads", "dyads")
    if data.get("domestic"):
        out += ["", "## Domestic (actors of one country or organisation)", ""]
        out += [f"- {_dyad_text(d)}" for d in data["domestic"]]
        out += more("domestic", "domestic pairs")
    out += ["", "## What happened (factual events, newest first)", ""]
    for e in data["factual"]:
        attribution = f", according to {e['attribution_code']}" if e.get("attribution_code") else ""
        source = f" [{e.get('doc_id')}]" if e.get("doc_id") else ""
        out.append(f"- {_when(e)}: {_line(e)}{attribution}{source}  \n  > {e['sentence_text']}")
    out += more("factual", "factual events")
    out += ["", "## Quantities", ""]
    out += [f"- {q['text']} ({quantity_words(q)})" for q in data["quantities"]]
    out += more("quantities", "quantities")
    out += ["", "## Not facts: wished, feared, planned, denied", ""]
    for e in data["not_factual"]:
        out.append(f"- *{_label(e)}*: {_line(e)}  \n  > {e['sentence_text']}")
    out += more("not_factual", "non-factual events")
    return "\n".join(out) + "\n"


def brief_html(data: dict[str, Any]) -> str:
    """A self-contained HTML report; every statement links to its evidence sentence."""
    esc = html.escape

    def more(name: str, what: str) -> str:
        line = more_line(data, name, what)
        return f"<p class='more'>{esc(line)}</p>" if line else ""

    parts = ["<!doctype html><html><head><meta charset='utf-8'><title>realpolitik briefing</title><style>",
             "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}",
             ".neg{color:#a33}.ev{margin:.4rem 0}.q{color:#555}.more{font-style:italic;color:#666}"
             "blockquote{margin:.2rem 1rem;color:#444}",
             "</style></head><body><h1>Briefing</h1>"]
    parts.append(f"<p>{data.get('counts', {}).get('documents', len(data['documents']))} document(s). "
                 f"{esc(period_line(data))}</p>")
    parts.append(f"<p class='threshold'>{esc(threshold_line(data))}</p><h2>Actors</h2><ul>")
    parts += [f"<li><b>{esc(a['code'])}</b> ({esc(a['example'] or '')}): {a['mentions']}</li>" for a in data["actors"]]
    parts.append("</ul>" + more("actors", "actors") + "<h2>Strongest dyads (between countries or organisations)</h2><ul>")
    parts += [f"<li>{esc(_dyad_text(d))}</li>" for d in data["dyads"]]
    parts.append("</ul>" + more("dyads", "dyads"))
    if data.get("domestic"):
        parts.append("<h2>Domestic (actors of one country or organisation)</h2><ul>")
        parts += [f"<li>{esc(_dyad_text(d))}</li>" for d in data["domestic"]]
        parts.append("</ul>" + more("domestic", "domestic pairs"))
    parts.append("<h2>Timeline of factual events, newest first</h2>")
    for i, e in enumerate(data["factual"]):
        doc = f" <small>[{esc(str(e.get('doc_id')))}]</small>" if e.get("doc_id") else ""
        parts.append(f"<div class='ev' id='f{i}'>{esc(_when(e))}: <a href='#s-f{i}'>{esc(_line(e))}</a>{doc}"
                     f"<blockquote id='s-f{i}'>{esc(e['sentence_text'])}</blockquote></div>")
    parts.append(more("factual", "factual events") + "<h2>Quantities</h2><ul>")
    parts += [f"<li class='q'>{esc(q['text'])} ({esc(quantity_words(q))})</li>" for q in data["quantities"]]
    parts.append("</ul>" + more("quantities", "quantities") + "<h2>Not facts: wished, feared, planned, denied</h2>")
    for i, e in enumerate(data["not_factual"]):
        parts.append(f"<div class='ev neg' id='n{i}'><i>{esc(_label(e))}</i>: {esc(_line(e))}"
                     f"<blockquote>{esc(e['sentence_text'])}</blockquote></div>")
    parts.append(more("not_factual", "non-factual events") + "</body></html>")
    return "".join(parts)

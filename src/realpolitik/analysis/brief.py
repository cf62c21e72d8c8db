"""Briefings: actors, factual events with their evidence, quantities, and apart what is not fact."""
from __future__ import annotations

import html
from typing import Any

from .confidence import confidence_condition, resolve_min_confidence, threshold_note

NOT_FACT_LABEL = {"future": "planned or expected", "hypothetical": "feared or hypothetical",
                  "desired": "wished or demanded", "possible": "possible or claimed"}


def brief_data(store, *, doc_hash: str | None = None, limit: int = 40,
               min_confidence: float | None = None) -> dict[str, Any]:
    """What a briefing shows. Events below ``min_confidence`` (``None``: the configured threshold) are
    left out of the events and dyads and counted in ``hidden``."""
    threshold = resolve_min_confidence(min_confidence)
    doc_filter = "WHERE doc_hash = ?" if doc_hash else ""
    params = [doc_hash] if doc_hash else []
    actors = store.query(f"""SELECT code, any_value(text) AS example, count(*) AS mentions FROM actors {doc_filter}
                             GROUP BY code ORDER BY mentions DESC, code LIMIT 30""", params)
    events = store.events(doc_hash=doc_hash, min_confidence=threshold)
    total = store.query(f"SELECT count(*) AS n FROM events {doc_filter}", params)[0]["n"]
    factual = [e for e in events if e["factual"]]
    other = [e for e in events if not e["factual"]]
    quantities = store.query(f"SELECT * FROM quantities {doc_filter} ORDER BY doc_hash, sentence LIMIT 30", params)
    condition, confidence_params = confidence_condition(threshold)
    dyads = store.query(f"""SELECT coalesce(source_country, source_org) AS a, coalesce(target_country, target_org) AS b,
                            count(*) AS events, round(sum(goldstein), 1) AS goldstein
                            FROM events WHERE factual AND a IS NOT NULL AND b IS NOT NULL
                            {'AND doc_hash = ?' if doc_hash else ''} {'AND ' + condition if condition else ''}
                            GROUP BY 1, 2 ORDER BY events DESC, abs(sum(goldstein)) DESC LIMIT 10""",
                        params + confidence_params)
    docs = store.query(f"SELECT doc_hash, doc_id, title, date FROM documents {doc_filter} ORDER BY date", params)
    return {"documents": docs, "actors": actors, "dyads": dyads, "factual": factual[:limit],
            "not_factual": other[:limit], "quantities": quantities,
            "min_confidence": threshold, "hidden": total - len(events)}


def threshold_line(data: dict[str, Any]) -> str:
    """The sentence naming the confidence threshold in force and how many events it hid."""
    return threshold_note(data.get("min_confidence", 0.0), data.get("hidden", 0))


def _who(e: dict[str, Any], side: str) -> str:
    return e.get(f"{side}_code") or "?"


def _line(e: dict[str, Any]) -> str:
    return f"{_who(e, 'source')} → {_who(e, 'target')} {e['plover'] or e['cameo']} ({e['cameo']})"


def brief_markdown(data: dict[str, Any]) -> str:
    out = ["# Briefing", ""]
    out.append(f"{len(data['documents'])} document(s).")
    out += ["", threshold_line(data)]
    out += ["", "## Actors", ""]
    out += [f"- **{a['code']}** ({a['example']}): {a['mentions']} mention(s)" for a in data["actors"]]
    out += ["", "## Strongest dyads", ""]
    out += [f"- {d['a']} → {d['b']}: {d['events']} event(s), Goldstein {d['goldstein']}" for d in data["dyads"]]
    out += ["", "## What happened (factual events)", ""]
    for e in data["factual"]:
        attribution = f", according to {e['attribution_code']}" if e.get("attribution_code") else ""
        out.append(f"- {e['date'] or 'undated'}: {_line(e)}{attribution}  \n  > {e['sentence_text']}")
    out += ["", "## Quantities", ""]
    out += [f"- {q['text']} (value {q['value']:g}{', approximate' if q['approximate'] else ''})" for q in data["quantities"]]
    out += ["", "## Not facts: wished, feared, planned, denied", ""]
    for e in data["not_factual"]:
        label = "denied or not done" if e["polarity"] == "negated" else NOT_FACT_LABEL.get(e["modality"], e["modality"])
        out.append(f"- *{label}*: {_line(e)}  \n  > {e['sentence_text']}")
    return "\n".join(out) + "\n"


def brief_html(data: dict[str, Any]) -> str:
    """A self-contained HTML report; every statement links to its evidence sentence."""
    esc = html.escape
    parts = ["<!doctype html><html><head><meta charset='utf-8'><title>realpolitik briefing</title><style>",
             "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}",
             ".neg{color:#a33}.ev{margin:.4rem 0}.q{color:#555}blockquote{margin:.2rem 1rem;color:#444}",
             "</style></head><body><h1>Briefing</h1>"]
    parts.append(f"<p>{len(data['documents'])} document(s)</p>")
    parts.append(f"<p class='threshold'>{esc(threshold_line(data))}</p><h2>Actors</h2><ul>")
    parts += [f"<li><b>{esc(a['code'])}</b> ({esc(a['example'] or '')}): {a['mentions']}</li>" for a in data["actors"]]
    parts.append("</ul><h2>Strongest dyads</h2><ul>")
    parts += [f"<li>{esc(str(d['a']))} → {esc(str(d['b']))}: {d['events']} event(s), Goldstein {d['goldstein']}</li>"
              for d in data["dyads"]]
    parts.append("</ul><h2>Timeline of factual events</h2>")
    for i, e in enumerate(data["factual"]):
        parts.append(f"<div class='ev' id='f{i}'>{esc(str(e['date'] or 'undated'))}: <a href='#s-f{i}'>{esc(_line(e))}</a>"
                     f"<blockquote id='s-f{i}'>{esc(e['sentence_text'])}</blockquote></div>")
    parts.append("<h2>Quantities</h2><ul>")
    parts += [f"<li class='q'>{esc(q['text'])}</li>" for q in data["quantities"]]
    parts.append("</ul><h2>Not facts: wished, feared, planned, denied</h2>")
    for i, e in enumerate(data["not_factual"]):
        label = "denied or not done" if e["polarity"] == "negated" else NOT_FACT_LABEL.get(e["modality"], e["modality"])
        parts.append(f"<div class='ev neg' id='n{i}'><i>{esc(label)}</i>: {esc(_line(e))}"
                     f"<blockquote>{esc(e['sentence_text'])}</blockquote></div>")
    parts.append("</body></html>")
    return "".join(parts)

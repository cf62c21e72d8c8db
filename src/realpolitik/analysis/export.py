"""Exports: CSV, JSONL, Parquet, GDELT-2.0-compatible events CSV and PLOVER-style JSON."""
from __future__ import annotations

import csv
import json
from datetime import date as Date
from importlib import resources
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from .confidence import resolve_min_confidence
from .dedup import deduplicate

GDELT_COLUMNS = [line.strip() for line in
                 Path(str(resources.files("realpolitik.analysis").joinpath("data", "gdelt_events_columns.txt")))
                 .read_text(encoding="utf-8").splitlines() if line.strip()]


DATE_FIELDS = {"date", "date_end", "doc_date", "ingested_at"}


def export_rows(store, *, min_confidence: float | None = None, factual_only: bool = False) -> list[dict]:
    """Events at or above the threshold, each with its document's id, title, URL and date, oldest first."""
    return store.export_rows(min_confidence=resolve_min_confidence(min_confidence), factual_only=factual_only)


def export_events(store, output: Path, *, fmt: str, dedup: bool = False,
                  min_confidence: float | None = None) -> int:
    """Write events at or above ``min_confidence`` (``None``: the configured threshold) in ``fmt``.

    GDELT rows are facts only (affirmed and actual), merged into one row per real-world event; every other
    format holds every event with its polarity, modality, confidence and document (id, title, URL, date)."""
    if fmt == "gdelt":
        return _gdelt(deduplicate(export_rows(store, min_confidence=min_confidence, factual_only=True)), output)
    rows = export_rows(store, min_confidence=min_confidence)
    if dedup:
        rows = deduplicate(rows)
        for row in rows:
            row["doc_ids"] = ";".join(dict.fromkeys(str(m["doc_id"]) for m in row["mentions"]))
    if fmt == "csv":
        with open(output, "w", newline="", encoding="utf-8") as handle:
            if rows:
                writer = csv.DictWriter(handle, fieldnames=[k for k in rows[0] if k != "mentions"], extrasaction="ignore")
                writer.writeheader()
                writer.writerows(rows)
    elif fmt == "jsonl":
        with open(output, "w", encoding="utf-8") as handle:
            for row in rows:
                handle.write(json.dumps(row, default=str, ensure_ascii=False) + "\n")
    elif fmt == "parquet":
        clean = [{k: (str(v) if k in DATE_FIELDS and v is not None else v) for k, v in r.items() if k != "mentions"}
                 for r in rows]
        pq.write_table(pa.Table.from_pylist(clean), output)
    elif fmt == "plover":
        records = [_plover(r) for r in rows]
        output.write_text(json.dumps(records, default=str, indent=1), encoding="utf-8")
    else:
        plugin = exporters().get(fmt)
        if plugin is None:
            names = ", ".join(["csv", "jsonl", "parquet", "gdelt", "plover", *sorted(exporters())])
            raise ValueError(f"unknown export format {fmt!r}: use one of {names}")
        return int(plugin(rows, output))
    return len(rows)


def exporters() -> dict:
    """Export formats added by other packages through the 'realpolitik.exporters' entry point group.

    A plugin is a callable ``(rows: list[dict], output: Path) -> int`` returning the rows written.
    """
    from importlib.metadata import entry_points

    return {ep.name: ep.load() for ep in entry_points(group="realpolitik.exporters")}


def _gdelt(groups, output: Path) -> int:
    """GDELT 2.0 events table: every column, filled where we have the field."""
    today = Date.today().strftime("%Y%m%d%H%M%S")
    with open(output, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=GDELT_COLUMNS, delimiter="\t", extrasaction="ignore")
        writer.writeheader()
        for n, g in enumerate(groups, start=1):
            writer.writerow(_gdelt_row(n, g, today))
    return len(groups)


def _gdelt_row(n: int, g: dict, added: str) -> dict:
    day = (g["date"] or "").replace("-", "")
    first = g["mentions"][0]
    row = {"GLOBALEVENTID": n, "SQLDATE": day, "MonthYear": day[:6], "Year": day[:4],
           "FractionDate": f"{int(day[:4]) + (int(day[4:6]) - 1) / 12 + (int(day[6:8]) - 1) / 365:.4f}" if day else "",
           "IsRootEvent": 1 if first.get("sentence") == 0 else 0, "EventCode": g["cameo"],
           "EventBaseCode": g["cameo"][:3], "EventRootCode": g["cameo"][:2], "QuadClass": g["quad_class"],
           "GoldsteinScale": g["goldstein"], "NumMentions": g["num_mentions"], "NumSources": g["num_sources"],
           "NumArticles": g["num_articles"], "DATEADDED": added, "SOURCEURL": first.get("url") or ""}
    for n_actor, side in ((1, "source"), (2, "target")):
        row[f"Actor{n_actor}Code"] = g.get(f"{side}_code") or ""
        row[f"Actor{n_actor}Name"] = g.get(f"{side}_text") or ""
        row[f"Actor{n_actor}CountryCode"] = g.get(f"{side}_country") or ""
        row[f"Actor{n_actor}Type1Code"] = g.get(f"{side}_sector") or (g.get(f"{side}_org") or "")
    return row


def _entity(r, side: str) -> list[dict]:
    if not r.get(f"{side}_code"):
        return []
    return [{"code": r.get(f"{side}_country") or r.get(f"{side}_org") or r[f"{side}_code"],
             "sector": r.get(f"{side}_sector"), "entity_text": r.get(f"{side}_text")}]


def _plover(r) -> dict:
    """A PLOVER-style event record (field names of the PLOVER manual), plus our modality fields and document."""
    mentions = r.get("mentions")
    first = mentions[0] if mentions else r
    return {"id": r.get("event_id") or first.get("event_id"), "has_event": True,
            "date": str(r["date"]) if r.get("date") else None,
            "enddate": str(r["date_end"]) if r.get("date_end") else None,
            "actor": _entity(r, "source"), "recipient": _entity(r, "target"), "event": [r["plover"]],
            "event_text": r.get("event_text"), "quad_code": r.get("quad_class"),
            "mode": [r["mode"]] if r.get("mode") else [], "text": r.get("sentence_text"),
            "text_info": {"sequence": first.get("sentence"), "start": r.get("start_char"), "end": r.get("end_char")},
            "cite_info": {"doc_id": r.get("doc_id"), "title": r.get("title"), "url": r.get("url"),
                          "date": str(r["doc_date"]) if r.get("doc_date") else None, "corpus": r.get("origin")},
            "coder": "realpolitik", "polarity": r.get("polarity"), "modality": r.get("modality"),
            "factual": r.get("factual"), "confidence": r.get("confidence"), "cameo": r.get("cameo"),
            **({"num_mentions": r["num_mentions"], "mentions": mentions} if mentions else {})}

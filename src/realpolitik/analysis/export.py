"""Exports: CSV, JSONL, Parquet, GDELT-2.0-compatible events CSV and PLOVER-style JSON."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from .dedup import deduplicate

GDELT_COLUMNS = ["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate", "Actor1Code", "Actor1Name",
                 "Actor1CountryCode", "Actor1Type1Code", "Actor2Code", "Actor2Name", "Actor2CountryCode",
                 "Actor2Type1Code", "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
                 "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "SOURCEURL"]


def export_events(store, output: Path, *, fmt: str, dedup: bool = False) -> int:
    rows = store.query("SELECT e.*, d.url, d.origin FROM events e JOIN documents d USING (doc_hash) ORDER BY e.date")
    if fmt == "gdelt":
        return _gdelt(deduplicate(rows), output)
    if dedup:
        rows = deduplicate(rows)
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
        clean = [{k: (str(v) if k in {"date", "date_end"} and v is not None else v) for k, v in r.items() if k != "mentions"} for r in rows]
        pq.write_table(pa.Table.from_pylist(clean), output)
    elif fmt == "plover":
        records = [_plover(r) for r in rows]
        output.write_text(json.dumps(records, default=str, indent=1), encoding="utf-8")
    else:
        raise ValueError(f"unknown export format {fmt!r}: use csv, jsonl, parquet, gdelt or plover")
    return len(rows)


def _gdelt(groups, output: Path) -> int:
    with open(output, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, delimiter="\t")
        writer.writerow(GDELT_COLUMNS)
        for n, g in enumerate(groups, start=1):
            day = (g["date"] or "").replace("-", "")
            year = day[:4]
            fraction = f"{int(year) + (int(day[4:6]) - 1) / 12:.4f}" if day else ""
            writer.writerow([n, day, day[:6], year, fraction, g["source_code"], "", g["source_country"],
                             "", g["target_code"], "", g["target_country"], "", 1, g["cameo"],
                             g["cameo"][:3], g["cameo"][:2], g["quad_class"], g["goldstein"], g["num_mentions"],
                             g["num_sources"], g["num_articles"], ""])
    return len(groups)


def _plover(r) -> dict:
    return {"id": r["event_id"], "date": str(r["date"]) if r["date"] else None, "event_type": r["plover"],
            "mode": r["mode"], "actor1": r["source_text"], "actor1_code": r["source_code"],
            "actor2": r["target_text"], "actor2_code": r["target_code"], "event_text": r["event_text"],
            "polarity": r["polarity"], "modality": r["modality"], "sentence": r["sentence_text"],
            "source_doc": r["doc_hash"]}

from __future__ import annotations

import json

from typer.testing import CliRunner

from realpolitik.cli import app

runner = CliRunner()
ARTICLE = ("Japanese Prime Minister Fumio Kishida visited Canberra on Monday. "
           "North Korea has provided Russia with an estimated 7,000 containers of munitions, "
           "according to the South Korean Defense Ministry. Seoul wants to sign a treaty with Tokyo.")


def test_extract_contract(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE)
    result = runner.invoke(app, ["extract", str(path), "--date", "2024-06-19"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout.strip().splitlines()[0])
    assert set(doc) == {"doc_id", "title", "date", "actors", "events", "quantities"}
    assert doc["doc_id"] == "a.txt" and doc["date"] == "2024-06-19"
    assert {"text", "code", "country", "org", "sector", "mentions"} <= set(doc["actors"][0])
    event_keys = {"sentence", "text", "span", "source", "target", "cameo", "plover", "mode", "quad_class",
                  "goldstein", "polarity", "modality", "attribution", "event_text", "date", "confidence"}
    for event in doc["events"]:
        assert event_keys <= set(event)
        assert ARTICLE[event["span"][0]:event["span"][1]] == event["text"]
    aid = [e for e in doc["events"] if e["plover"] == "AID"]
    assert aid and aid[0]["attribution"]["code"] == "KORMIL"
    assert {"sentence", "text", "value", "unit", "per", "approximate"} <= set(doc["quantities"][0])


def test_extract_jsonl_and_stdin(tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps({"id": "x1", "text": "Chile praised Peru.", "date": "2024-02-02"}) + "\n")
    result = runner.invoke(app, ["extract", "--input", str(corpus)])
    assert json.loads(result.stdout)["doc_id"] == "x1"
    result = runner.invoke(app, ["extract", "-"], input="Peru criticized Chile.")
    assert result.exit_code == 0 and json.loads(result.stdout)["events"]


def test_ingest_events_brief_export(tmp_path):
    db = tmp_path / "s.duckdb"
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE)
    result = runner.invoke(app, ["ingest", str(path), "--db", str(db), "--date", "2024-06-19"])
    assert result.exit_code == 0, result.output
    again = runner.invoke(app, ["ingest", str(path), "--db", str(db)])
    assert "0 new document" in again.output
    result = runner.invoke(app, ["events", "--db", str(db), "--factual", "--format", "jsonl", "--dyad", "PRK", "RUS"])
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows and all(r["factual"] for r in rows)
    result = runner.invoke(app, ["brief", "--db", str(db), "--format", "markdown"])
    assert "Not facts" in result.stdout and "JPN" in result.stdout
    out = tmp_path / "e.parquet"
    assert runner.invoke(app, ["export", "--db", str(db), "--format", "parquet", "-o", str(out)]).exit_code == 0
    assert out.exists()
    assert runner.invoke(app, ["actors", "--db", str(db), "--format", "csv"]).exit_code == 0
    assert runner.invoke(app, ["dyad", "PRK", "RUS", "--db", str(db), "--format", "jsonl"]).exit_code == 0


def test_bad_input_one_line_error_and_store_untouched(tmp_path):
    db = tmp_path / "s.duckdb"
    good = tmp_path / "good.txt"
    good.write_text("Chile praised Peru.")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00\x00garbage")
    result = runner.invoke(app, ["ingest", str(good), str(bad), "--db", str(db), "--strict"])
    assert result.exit_code == 1
    assert "bad.txt" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not db.exists()
    # without --strict the bad file is a reject: the good one is stored, the run still fails in one line
    result = runner.invoke(app, ["ingest", str(good), str(bad), "--db", str(db)])
    assert result.exit_code == 1 and "1 new document" in result.stdout
    assert "bad.txt" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    rejected = [json.loads(line) for line in db.with_suffix(".rejects.jsonl").read_text().splitlines()]
    assert [r["source"] for r in rejected] == [str(bad)]
    result = runner.invoke(app, ["extract", str(tmp_path / "missing.txt")])
    assert result.exit_code == 1 and "no such file" in result.stderr

"""The confidence threshold: store, analysis, CLI, briefing and API all hide events scored below it.

The store is built from real extractions; each article's events then get a confidence set here, so the
tests do not depend on how the coder scores them.
"""
from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from realpolitik import settings
from realpolitik.analysis import build_network, dyad_series
from realpolitik.analysis.brief import brief_data, brief_html, brief_markdown
from realpolitik.analysis.confidence import default_min_confidence, resolve_min_confidence
from realpolitik.analysis.export import export_events
from realpolitik.cli import app
from realpolitik.records import Document
from realpolitik.store import open_store
from realpolitik.web import create_app

runner = CliRunner()
# (doc id, text, date, confidence given to every event of the article)
ARTICLES = [
    ("sure", "Germany praised Poland.", "2024-06-03", 0.95),
    ("fair", "Hungary criticized Poland.", "2024-06-04", 0.6),
    ("weak", "Chile praised Peru.", "2024-06-05", 0.2),
]
CONFIDENCE = {doc_id: c for doc_id, _, _, c in ARTICLES}


@pytest.fixture(scope="module")
def db(tmp_path_factory, extractor):
    path = tmp_path_factory.mktemp("confidence") / "s.duckdb"
    extractions = []
    for doc_id, text, date, confidence in ARTICLES:
        extraction = extractor.extract(Document(doc_id=doc_id, text=text, date=date, title=doc_id))
        assert extraction.events, f"no event coded in {text!r}"
        for event in extraction.events:
            event.confidence = confidence
        extractions.append(extraction)
    with open_store(path) as store:
        store.add(extractions)
    return path


@pytest.fixture(scope="module")
def counts(db):
    """Events per article, as stored."""
    with open_store(db, read_only=True) as store:
        rows = store.query("SELECT d.doc_id, count(*) AS n FROM events e JOIN documents d USING (doc_hash) GROUP BY 1")
    return {r["doc_id"]: r["n"] for r in rows}


def _at_least(counts: dict[str, int], threshold: float) -> int:
    return sum(n for doc_id, n in counts.items() if CONFIDENCE[doc_id] >= threshold)


# -- settings and the store ---------------------------------------------------------------

def test_default_comes_from_settings_and_environment(monkeypatch):
    assert 0 <= default_min_confidence() <= 1
    assert default_min_confidence() == pytest.approx(float(settings.get("events", "min_confidence")))
    monkeypatch.setenv("RP_EVENTS_MIN_CONFIDENCE", "0.85")
    settings.settings.cache_clear()
    try:
        assert default_min_confidence() == pytest.approx(0.85)
        assert resolve_min_confidence(None) == pytest.approx(0.85)
    finally:
        monkeypatch.delenv("RP_EVENTS_MIN_CONFIDENCE")
        settings.settings.cache_clear()
    for bad in (2, -0.1, "abc", float("nan"), True):
        with pytest.raises(ValueError, match="min_confidence"):
            resolve_min_confidence(bad)


def test_store_filters_on_stored_confidence(db, counts):
    with open_store(db, read_only=True) as store:
        everything = store.events()
        assert len(store.events(min_confidence=0)) == len(everything) == sum(counts.values())
        kept = store.events(min_confidence=0.5)
        assert len(kept) == _at_least(counts, 0.5) < len(everything)
        assert all(e["confidence"] >= 0.5 for e in kept)
        sure = store.events(min_confidence=0.9, factual=True)
        assert sure and all(e["confidence"] >= 0.9 and e["factual"] for e in sure)
        assert store.events(min_confidence=1.0) == []
        with pytest.raises(ValueError):
            store.events(min_confidence=1.5)


# -- analysis -----------------------------------------------------------------------------

def test_analysis_functions_take_the_threshold(db, counts, tmp_path):
    with open_store(db, read_only=True) as store:
        open_graph = build_network(store, min_confidence=0)
        strict = build_network(store, min_confidence=0.9)
        assert {"CHL", "PER", "DEU", "POL"} <= set(open_graph.nodes)
        assert "CHL" not in strict.nodes and {"DEU", "POL"} <= set(strict.nodes)
        assert sum(r["events"] for r in dyad_series(store, "CHL", "PER", by="month", min_confidence=0)) >= 1
        assert dyad_series(store, "CHL", "PER", by="month", min_confidence=0.5) == []
        out = tmp_path / "e.jsonl"
        assert export_events(store, out, fmt="jsonl", min_confidence=0) == sum(counts.values())
        assert export_events(store, out, fmt="jsonl", min_confidence=0.5) == _at_least(counts, 0.5)
        assert all(json.loads(line)["confidence"] >= 0.5 for line in out.read_text().splitlines())


def test_brief_says_which_threshold_and_how_many_hidden(db, counts):
    with open_store(db, read_only=True) as store:
        data = brief_data(store, min_confidence=0.5)
        everything = brief_data(store, min_confidence=0)
    hidden = counts["weak"]
    assert data["hidden"] == hidden and everything["hidden"] == 0
    line = f"Events with confidence below 0.50 are hidden ({hidden} hidden); change with --min-confidence."
    assert line in brief_markdown(data)
    assert line in brief_html(data)
    assert all(d["a"] != "CHL" for d in data["dyads"])
    assert any(d["a"] == "CHL" for d in everything["dyads"])
    assert "whatever its confidence" in brief_markdown(everything)


# -- CLI ----------------------------------------------------------------------------------

def _jsonl(result) -> list[dict]:
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def test_cli_events_threshold(db, counts):
    strict = _jsonl(runner.invoke(app, ["events", "--db", str(db), "--format", "jsonl", "--min-confidence", "0.9"]))
    everything = _jsonl(runner.invoke(app, ["events", "--db", str(db), "--format", "jsonl", "--min-confidence", "0"]))
    default = _jsonl(runner.invoke(app, ["events", "--db", str(db), "--format", "jsonl"]))
    assert 0 < len(strict) < len(everything) == sum(counts.values())
    assert all(r["confidence"] >= 0.9 for r in strict)
    assert len(default) == _at_least(counts, default_min_confidence())


@pytest.mark.parametrize("value", ["2", "-0.5", "abc", "nan"])
def test_cli_rejects_bad_threshold_in_one_line(db, value):
    for command in (["events"], ["brief"], ["export", "-o", "unused.csv"], ["network"], ["dyad", "CHL", "PER"]):
        result = runner.invoke(app, [*command, "--db", str(db), f"--min-confidence={value}"])
        assert result.exit_code == 1, (command, result.output)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error:") and "min-confidence" in lines[0]
        assert "Traceback" not in result.output


def test_cli_brief_export_network_dyad_threshold(db, counts, tmp_path):
    result = runner.invoke(app, ["brief", "--db", str(db), "--format", "markdown", "--min-confidence", "0.5"])
    assert result.exit_code == 0, result.output
    assert f"Events with confidence below 0.50 are hidden ({counts['weak']} hidden)" in result.stdout
    out = tmp_path / "e.jsonl"
    result = runner.invoke(app, ["export", "--db", str(db), "--format", "jsonl", "-o", str(out), "--min-confidence", "0.9"])
    assert result.exit_code == 0, result.output
    assert len(out.read_text().splitlines()) == _at_least(counts, 0.9)
    graph = tmp_path / "n.json"
    assert runner.invoke(app, ["network", "--db", str(db), "--json", str(graph), "--min-confidence", "0"]).exit_code == 0
    assert "CHL" in {n["id"] for n in json.loads(graph.read_text())["nodes"]}
    assert runner.invoke(app, ["network", "--db", str(db), "--json", str(graph), "--min-confidence", "0.5"]).exit_code == 0
    assert "CHL" not in {n["id"] for n in json.loads(graph.read_text())["nodes"]}
    shown = _jsonl(runner.invoke(app, ["dyad", "CHL", "PER", "--db", str(db), "--format", "jsonl", "--min-confidence", "0"]))
    hidden = _jsonl(runner.invoke(app, ["dyad", "CHL", "PER", "--db", str(db), "--format", "jsonl", "--min-confidence", "0.5"]))
    assert shown and not hidden


# -- API ----------------------------------------------------------------------------------

def test_api_takes_and_checks_the_threshold(db, counts):
    client = TestClient(create_app(db, read_only=True), base_url="http://127.0.0.1")
    assert client.get("/api/stats").json()["min_confidence"] == pytest.approx(default_min_confidence())
    strict = client.get("/api/events", params={"min_confidence": 0.9}).json()
    everything = client.get("/api/events", params={"min_confidence": 0}).json()
    assert 0 < len(strict) < len(everything) == sum(counts.values())
    assert len(client.get("/api/events").json()) == _at_least(counts, default_min_confidence())

    network = client.get("/api/network", params={"min_confidence": 0.5}).json()
    assert network["min_confidence"] == 0.5 and "CHL" not in {n["id"] for n in network["nodes"]}
    assert "CHL" in {n["id"] for n in client.get("/api/network", params={"min_confidence": 0}).json()["nodes"]}

    dyad = client.get("/api/dyad", params={"a": "CHL", "b": "PER", "min_confidence": 0.5}).json()
    assert dyad["series"] == [] and dyad["events"] == []
    dyad = client.get("/api/dyad", params={"a": "CHL", "b": "PER", "min_confidence": 0}).json()
    assert dyad["series"] and dyad["events"]

    weak = next(d for d in client.get("/api/documents").json() if d["doc_id"] == "weak")
    doc = client.get(f"/api/documents/{weak['doc_hash']}", params={"min_confidence": 0.5}).json()
    assert doc["events"] == [] and doc["hidden_events"] == counts["weak"] and doc["min_confidence"] == 0.5
    doc = client.get(f"/api/documents/{weak['doc_hash']}", params={"min_confidence": 0}).json()
    assert len(doc["events"]) == counts["weak"] and doc["hidden_events"] == 0

    assert client.get("/api/search", params={"q": "Chile", "min_confidence": 0.5}).json()["events"] == []
    assert client.get("/api/search", params={"q": "Chile", "min_confidence": 0}).json()["events"]


@pytest.mark.parametrize("value", ["2", "-0.1", "abc", "nan", "inf"])
def test_api_rejects_bad_threshold(db, value):
    client = TestClient(create_app(db, read_only=True), base_url="http://127.0.0.1", raise_server_exceptions=False)
    weak_hash = client.get("/api/documents").json()[0]["doc_hash"]
    for path, extra in (("/api/events", {}), ("/api/network", {}), ("/api/dyad", {"a": "CHL", "b": "PER"}),
                        (f"/api/documents/{weak_hash}", {}), ("/api/search", {"q": "Chile"})):
        response = client.get(path, params={**extra, "min_confidence": value})
        assert response.status_code == 422, (path, value, response.text)

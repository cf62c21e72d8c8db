from __future__ import annotations

import csv
import json

import pytest
from typer.testing import CliRunner

from realpolitik.analysis import build_network, deduplicate, dyad_series, network_summary
from realpolitik.analysis.brief import brief_data, brief_html
from realpolitik.analysis.network import network_change
from realpolitik.cli import app
from realpolitik.records import Document
from realpolitik.store import open_store

runner = CliRunner()
# Three articles report the same Polish expulsion within two days; a fourth is a month later.
ARTICLES = [
    ("Poland expelled two Russian diplomats on Monday.", "2024-05-06", "a"),
    ("Warsaw said it had expelled Russian diplomats after the sabotage case.", "2024-05-07", "b"),
    ("Poland expelled Russian diplomats, the foreign ministry said.", "2024-05-08", "c"),
    ("Poland expelled a Russian diplomat.", "2024-06-20", "d"),
    ("Germany praised Poland. Hungary criticized Poland. Germany and France signed a treaty.", "2024-06-21", "e"),
]


@pytest.fixture(scope="module")
def db(tmp_path_factory, extractor):
    path = tmp_path_factory.mktemp("analysis") / "s.duckdb"
    with open_store(path) as store:
        store.add([extractor.extract(Document(doc_id=i, text=t, date=d, url=f"https://example.org/{i}"))
                   for t, d, i in ARTICLES])
    return path


def test_dedup_counts_mentions_and_keeps_sentences(db):
    with open_store(db, read_only=True) as store:
        rows = store.query("SELECT e.*, d.url, d.origin FROM events e JOIN documents d USING (doc_hash) WHERE plover = 'SANCTION'")
    merged = deduplicate(rows, window_days=3)
    may = [g for g in merged if g["date"].startswith("2024-05")]
    june = [g for g in merged if g["date"].startswith("2024-06")]
    assert len(may) == 1 and may[0]["num_articles"] == 3 and may[0]["num_mentions"] == 3
    assert len({m["sentence_text"] for m in may[0]["mentions"]}) == 3
    assert len(june) == 1 and june[0]["num_articles"] == 1


def test_dyad_series_by_month(db):
    with open_store(db, read_only=True) as store:
        rows = dyad_series(store, "POL", "RUS", by="month")
    assert [r["period"] for r in rows] == ["2024-05-01", "2024-06-01"]
    assert rows[0]["material_conflict"] == 3 and rows[0]["goldstein_sum"] < 0


def test_network_blocs_and_change(db):
    with open_store(db, read_only=True) as store:
        may = build_network(store, until="2024-05-31")
        june = build_network(store, since="2024-06-01")
    summary = network_summary(june)
    assert any({"DEU", "POL"} <= set(bloc) for bloc in summary["blocs"])
    edges = {(e["source"], e["target"]): e for e in summary["edges"]}
    assert edges[("DEU", "POL")]["sign"] == 1 and edges[("HUN", "POL")]["sign"] == -1
    changes = {(c["source"], c["target"]): c for c in network_change(may, june)}
    assert changes[("POL", "RUS")]["change"] > 0  # fewer expulsions in June than in May


def test_brief_html_links_evidence(db):
    with open_store(db, read_only=True) as store:
        html = brief_html(brief_data(store))
    assert html.startswith("<!doctype html>") and "href='#s-f0'" in html and "id='s-f0'" in html


def test_exports(db, tmp_path):
    gdelt = tmp_path / "g.tsv"
    assert runner.invoke(app, ["export", "--db", str(db), "--format", "gdelt", "-o", str(gdelt)]).exit_code == 0
    rows = list(csv.DictReader(gdelt.open(), delimiter="\t"))
    assert len(next(iter(csv.reader(gdelt.open(), delimiter="\t")))) == 61
    expulsion = next(r for r in rows if r["EventRootCode"] == "16" and r["SQLDATE"].startswith("202405"))
    assert expulsion["NumArticles"] == "3" and expulsion["Actor1CountryCode"] == "POL"
    plover = tmp_path / "p.json"
    assert runner.invoke(app, ["export", "--db", str(db), "--format", "plover", "-o", str(plover)]).exit_code == 0
    record = json.loads(plover.read_text())[0]
    assert {"id", "date", "actor", "recipient", "event", "event_text", "quad_code", "text"} <= set(record)


def test_cli_dedup_and_network_versus(db, tmp_path):
    result = runner.invoke(app, ["events", "--db", str(db), "--dedup", "--type", "SANCTION", "--format", "jsonl"])
    merged = [json.loads(line) for line in result.stdout.splitlines()]
    assert max(m["num_articles"] for m in merged) == 3
    graphml = tmp_path / "n.graphml"
    result = runner.invoke(app, ["network", "--db", str(db), "--since", "2024-06-01", "--versus", "..2024-05-31",
                                 "--graphml", str(graphml)])
    assert result.exit_code == 0 and "changes against" in result.output and graphml.exists()


def test_exporter_plugins_from_entry_points(db, tmp_path, monkeypatch):
    import importlib.metadata as metadata

    def write_count(rows, output):
        output.write_text(str(len(rows)))
        return len(rows)

    class FakeEntryPoint:
        name = "count"

        def load(self):
            return write_count

    monkeypatch.setattr(metadata, "entry_points", lambda group=None: [FakeEntryPoint()] if group == "realpolitik.exporters" else [])
    out = tmp_path / "n.txt"
    result = runner.invoke(app, ["export", "--db", str(db), "--format", "count", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert int(out.read_text()) > 0
    result = runner.invoke(app, ["export", "--db", str(db), "--format", "nope", "-o", str(out)])
    assert result.exit_code == 1 and "count" in result.stderr

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
# Three articles report the same Polish expulsion within a day; a fourth is a month later.
ARTICLES = [
    ("Poland expelled two Russian diplomats on Monday.", "2024-05-06", "a"),
    ("Warsaw said it had expelled Russian diplomats after the sabotage case.", "2024-05-07", "b"),
    ("Poland expelled Russian diplomats, the foreign ministry said.", "2024-05-07", "c"),
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


# -- issue 11: deduplication, exports, briefings, honest errors, tables on pipes -----------------

MORE = [  # (doc id, text, date, title)
    ("m1", "Germany criticized Poland over the court ruling.", "2024-09-02", "Berlin and the ruling"),
    ("m2", "Germany accused Poland of ignoring the ruling.", "2024-09-02", "An accusation"),
    ("u1", "Vladimir Putin met Kim Jong Un in Pyongyang.", None, "Summit, undated report"),
    ("u2", "Vladimir Putin met Kim Jong Un in Vladivostok.", None, "Earlier summit, undated report"),
    ("n1", "Spain does not want to meet with Morocco. Spain praised Portugal.", "2024-09-03", "A refusal"),
    ("dom", "Police in France arrested French protesters.", "2024-09-04", "Domestic"),
]


@pytest.fixture(scope="module")
def db2(tmp_path_factory, extractor):
    path = tmp_path_factory.mktemp("analysis2") / "s.duckdb"
    with open_store(path) as store:
        store.add([extractor.extract(Document(doc_id=i, text=t, date=d, title=title, url=f"https://example.org/{i}"))
                   for i, t, d, title in [(a[2], a[0], a[1], f"Story {a[2]}") for a in ARTICLES] + MORE])
    return path


def _jsonl(result) -> list[dict]:
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def test_dedup_merges_only_one_real_world_event(db2):
    rows = _jsonl(runner.invoke(app, ["events", "--db", str(db2), "--dedup", "--format", "jsonl", "--min-confidence", "0"]))
    expulsions = [r for r in rows if r["source_country"] == "POL" and r["cameo"].startswith("16")]
    may = [r for r in expulsions if r["date"].startswith("2024-05")]
    assert len(may) == 1 and may[0]["num_articles"] == 3  # one event, three reports a day apart
    assert {m["doc_id"] for m in may[0]["mentions"]} == {"a", "b", "c"}
    assert all(m["sentence_text"] and m["title"] and m["url"] for m in may[0]["mentions"])
    assert len([r for r in expulsions if r["date"].startswith("2024-06")]) == 1  # six weeks later: another
    # Same day, same pair, same root, different acts ("criticized" vs "accused"): two events.
    # (The act Poland is accused of, "ignoring the ruling", is a non-fact of another root: not counted here.)
    german = [r for r in rows if r["source_country"] == "DEU" and r["target_country"] == "POL" and r["date"] == "2024-09-02"
              and r["cameo"].startswith("11")]
    assert len(german) == 2 and all(r["num_mentions"] == 1 for r in german)
    # Two summits reported without any date are never merged.
    summits = [r for r in rows if r["source_country"] == "RUS" and r["target_country"] == "PRK"]
    assert len(summits) == 2 and all(r["num_mentions"] == 1 and r["date"] is None for r in summits)


def test_dedup_window_comes_from_settings(db2, monkeypatch):
    from realpolitik import settings

    with open_store(db2, read_only=True) as store:
        rows = store.query("SELECT e.*, d.date AS doc_date, d.doc_id FROM events e JOIN documents d USING (doc_hash) "
                           "WHERE e.source_country = 'POL' AND e.cameo LIKE '16%'")
    assert settings.get("analysis", "dedup_window_days") == 1
    assert max(g["num_mentions"] for g in deduplicate(rows)) == 3
    monkeypatch.setenv("RP_ANALYSIS_DEDUP_WINDOW_DAYS", "0")
    settings.settings.cache_clear()
    try:
        assert max(g["num_mentions"] for g in deduplicate(rows)) == 2  # only the two reports of 7 May
    finally:
        monkeypatch.delenv("RP_ANALYSIS_DEDUP_WINDOW_DAYS")
        settings.settings.cache_clear()


def test_exports_carry_documents_and_gdelt_holds_facts_only(db2, tmp_path):
    gdelt = tmp_path / "g.tsv"
    assert runner.invoke(app, ["export", "--db", str(db2), "--format", "gdelt", "-o", str(gdelt),
                               "--min-confidence", "0"]).exit_code == 0
    rows = list(csv.DictReader(gdelt.open(), delimiter="\t"))
    assert not [r for r in rows if r["Actor1CountryCode"] == "ESP" and r["Actor2CountryCode"] == "MAR"]
    assert [r for r in rows if r["Actor1CountryCode"] == "ESP" and r["Actor2CountryCode"] == "PRT"]
    out = tmp_path / "e.csv"
    assert runner.invoke(app, ["export", "--db", str(db2), "--format", "csv", "-o", str(out), "--min-confidence", "0"]).exit_code == 0
    exported = list(csv.DictReader(out.open()))
    refusal = next(r for r in exported if r["source_country"] == "ESP" and r["target_country"] == "MAR")
    assert refusal["factual"] == "False" and refusal["polarity"] == "negated"
    assert refusal["doc_id"] == "n1" and refusal["title"] == "A refusal" and refusal["url"] == "https://example.org/n1"
    assert refusal["doc_date"] == "2024-09-03" and refusal["confidence"]
    jsonl = tmp_path / "e.jsonl"
    assert runner.invoke(app, ["export", "--db", str(db2), "--format", "jsonl", "-o", str(jsonl), "--min-confidence", "0"]).exit_code == 0
    first = json.loads(jsonl.read_text().splitlines()[0])
    assert {"doc_id", "title", "url", "doc_date", "polarity", "modality", "confidence"} <= set(first)
    plover = tmp_path / "p.json"
    assert runner.invoke(app, ["export", "--db", str(db2), "--format", "plover", "-o", str(plover), "--min-confidence", "0"]).exit_code == 0
    record = json.loads(plover.read_text())[0]
    assert {"doc_id", "title", "url", "date"} <= set(record["cite_info"]) and "confidence" in record


def test_brief_for_a_period_newest_first_with_more_notes(db2):
    result = runner.invoke(app, ["brief", "--db", str(db2), "--format", "markdown", "--min-confidence", "0", "--limit", "2"])
    assert result.exit_code == 0, result.output
    text = result.stdout
    facts = text.split("## What happened")[1].split("##")[0]
    dates = [line[2:12] for line in facts.splitlines() if line.startswith("- 20")]
    assert dates == sorted(dates, reverse=True) and dates[0] >= "2024-09-02"
    assert "more factual events not shown" in text
    assert "FRA → FRA" not in text.split("## Strongest dyads")[1].split("##")[0]
    assert "## Domestic" in text and "FRA → FRA" in text.split("## Domestic")[1]
    june = runner.invoke(app, ["brief", "--db", str(db2), "--format", "markdown", "--min-confidence", "0",
                               "--since", "2024-06-01", "--until", "2024-06-30"])
    assert june.exit_code == 0 and "from 2024-06-01 to 2024-06-30" in june.stdout
    facts = june.stdout.split("## What happened")[1].split("##")[0]
    assert "2024-06" in facts and "2024-05" not in facts and "2024-09" not in facts
    last = runner.invoke(app, ["brief", "--db", str(db2), "--format", "markdown", "--last", "3d", "--min-confidence", "0"])
    assert last.exit_code == 0 and "from 2024-09-02 to 2024-09-04" in last.stdout
    for bad in (["--since", "June"], ["--last", "soon"], ["--since", "2024-09-01", "--until", "2024-08-01"]):
        result = runner.invoke(app, ["brief", "--db", str(db2), *bad])
        assert result.exit_code == 1 and len(result.stderr.strip().splitlines()) == 1, bad


def test_unknown_actor_type_or_date_is_a_one_line_error(db2):
    for command, named in ((["dyad", "XXX", "YYY"], "XXX"), (["events", "--type", "FOO"], "SANCTION"),
                           (["events", "--actor", "ZZZ"], "ZZZ"), (["events", "--since", "yesterday"], "YYYY-MM-DD"),
                           (["dyad", "POL", "RUS", "--format", "xml"], "table")):
        result = runner.invoke(app, [*command, "--db", str(db2)])
        assert result.exit_code == 1, command
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error:") and named in lines[0], (command, lines)


def test_dyad_counts_undated_events(db2):
    rows = _jsonl(runner.invoke(app, ["dyad", "RUS", "PRK", "--db", str(db2), "--format", "jsonl", "--min-confidence", "0"]))
    assert rows and rows[-1]["period"] == "undated" and rows[-1]["events"] == 2
    dated = _jsonl(runner.invoke(app, ["dyad", "POL", "RUS", "--db", str(db2), "--format", "jsonl", "--min-confidence", "0"]))
    assert sum(r["events"] for r in dated) >= 4 and all(r["period"] != "undated" for r in dated)
    assert any(r["dated_by_document"] for r in dated)  # "expelled Russian diplomats" has no date of its own


def test_tables_on_a_pipe_are_tab_separated(db2):
    result = runner.invoke(app, ["events", "--db", str(db2), "--min-confidence", "0"])  # CliRunner's stdout is no terminal
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    header = lines[0].split("\t")
    assert header[:3] == ["date", "source_code", "target_code"] and "sentence_text" in header
    assert len(lines) > 5 and all(len(line.split("\t")) == len(header) for line in lines)
    assert any("expelled two Russian diplomats on Monday." in line for line in lines)  # a sentence stays on its line
    network = runner.invoke(app, ["network", "--db", str(db2), "--min-confidence", "0"])
    assert network.exit_code == 0 and "# " in network.stdout and "\t" in network.stdout
    assert "blocs" in network.stdout


def test_codes_from_codebook_parts_only(code):
    from realpolitik.actors.resolver import make_actor

    assert make_actor("the opposition", country=None, org="UN", sector="OPP", code="IGOUNO").code == "IGOUNO"
    assert make_actor("the opposition", country="RUS", org=None, sector="OPP").code == "RUSOPP"
    assert make_actor("UN refugee agency", country=None, org="UN", sector="REF", code="IGOUNO").code == "IGOUNOREF"
    text = ("The United Nations warned that aid was running out. The United Nations said the opposition "
            "had rejected the plan, and opposition rebels attacked the town.")
    codes = {m.actor.code for m in code(text).mentions}
    assert not {c for c in codes if c.startswith("IGO") and c.endswith(("OPP", "REB", "CVL", "PTY"))}

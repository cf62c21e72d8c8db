"""PostgreSQL store against a real server (the session's throwaway cluster, tests/conftest.py): the same
results as DuckDB for every query the CLI, the analysis and the dashboard make, several writers at once,
and the CLI with --db postgresql://..."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from realpolitik.analysis import build_network, dyad_series, network_summary
from realpolitik.analysis.brief import brief_data
from realpolitik.analysis.export import export_rows
from realpolitik.cli import app
from realpolitik.errors import StoreError
from realpolitik.sources import read_paths
from realpolitik.store import open_store
from realpolitik.web import create_app

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT / "examples" / "articles"
runner = CliRunner()


@pytest.fixture(scope="module")
def extractions(extractor):
    return list(extractor.extract_many(read_paths([ARTICLES], date="2024-06-19")))


@pytest.fixture
def both(tmp_path, postgres_url, extractions):
    duck = tmp_path / "s.duckdb"
    with open_store(duck) as store:
        assert store.add(extractions) == len(extractions)
    with open_store(postgres_url) as store:
        assert store.add(extractions) == len(extractions)
        assert store.add(extractions) == 0  # the same texts again: nothing new
    return str(duck), postgres_url


def _same(duck, pg, fn):
    with open_store(duck, read_only=True) as a, open_store(pg, read_only=True) as b:
        left, right = fn(a), fn(b)
    assert left == right
    return left


def test_every_store_query_matches_duckdb(both):
    duck, pg = both
    assert _same(duck, pg, lambda s: s.counts())["documents"] == 8
    codes = _same(duck, pg, lambda s: s.known_codes())
    assert "RUS" in codes
    _same(duck, pg, lambda s: s.actor_counts())
    _same(duck, pg, lambda s: s.actor_mentions_by_document())
    _same(duck, pg, lambda s: s.documents_newest_first())
    _same(duck, pg, lambda s: s.quantities_with_dates())
    _same(duck, pg, lambda s: s.newest_date())
    first = _same(duck, pg, lambda s: s.list_documents(limit=3, offset=1))
    _same(duck, pg, lambda s: s.count_documents(q="russia", since="2024-01-01"))
    _same(duck, pg, lambda s: s.document(first[0]["doc_hash"]))
    _same(duck, pg, lambda s: s.document_actors(first[0]["doc_hash"]))
    _same(duck, pg, lambda s: s.find_document(first[0]["doc_id"]))
    _same(duck, pg, lambda s: s.document_fields([d["doc_hash"] for d in first]))
    _same(duck, pg, lambda s: s.search_events("Russia", min_confidence=0.3))
    _same(duck, pg, lambda s: s.search_documents("talks"))
    for kwargs in ({}, {"actor": "RUS"}, {"plover": "CONSULT", "factual": True}, {"since": "2024-06-01", "min_confidence": 0.55}):
        _same(duck, pg, lambda s, k=kwargs: s.events(**k))
    assert _same(duck, pg, lambda s: s.select_events(min_confidence=0))
    _same(duck, pg, lambda s: s.select_events(pair=("RUS", "UKR"), factual=None, newest_first=False, limit=5))
    for by in ("day", "week", "month", "year"):
        _same(duck, pg, lambda s, b=by: dyad_series(s, "RUS", "UKR", by=b, factual=False, min_confidence=0))
    _same(duck, pg, lambda s: export_rows(s, min_confidence=0))
    _same(duck, pg, lambda s: brief_data(s, min_confidence=0.3, limit=10))
    _same(duck, pg, lambda s: network_summary(build_network(s, min_confidence=0)))


def test_cli_and_dashboard_give_the_same_answers(both, tmp_path):
    duck, pg = both
    for command in (["events", "--format", "jsonl", "--min-confidence", "0"], ["actors", "--format", "csv"],
                    ["brief", "--format", "markdown"], ["dyad", "RUS", "UKR", "--all", "--format", "jsonl"],
                    ["network"], ["events", "--dedup", "--format", "csv"]):
        left = runner.invoke(app, [*command, "--db", duck])
        right = runner.invoke(app, [*command, "--db", pg])
        assert left.exit_code == right.exit_code == 0, right.output
        assert left.stdout == right.stdout.replace(pg, duck)
    for fmt in ("csv", "gdelt", "plover"):
        a, b = tmp_path / f"a.{fmt}", tmp_path / f"b.{fmt}"
        assert runner.invoke(app, ["export", "--format", fmt, "-o", str(a), "--db", duck]).exit_code == 0
        assert runner.invoke(app, ["export", "--format", fmt, "-o", str(b), "--db", pg]).exit_code == 0
        assert a.read_text() == b.read_text()
    clients = [TestClient(create_app(db, read_only=True), base_url="http://127.0.0.1") for db in (duck, pg)]
    for path in ("/api/stats", "/api/network", "/api/dyad?a=RUS&b=UKR", "/api/events?limit=50",
                 "/api/documents?q=a&limit=4", "/api/search?q=Russia"):
        left, right = (c.get(path) for c in clients)
        assert left.status_code == right.status_code == 200
        assert left.json() == right.json(), path


def test_reading_a_database_without_a_store_is_one_clear_error(postgres_url):
    with pytest.raises(StoreError, match="no such store"):
        open_store(postgres_url, read_only=True)
    with pytest.raises(StoreError, match="cannot connect"):
        open_store("postgresql://rp@127.0.0.1:1/none")


def test_several_ingests_write_at_once(postgres_url, tmp_path):
    """Three processes ingest overlapping corpora into one database at the same time; every text is stored
    once with its events once."""
    files = sorted(ARTICLES.iterdir())
    parts = [files[:5], files[3:], files[1:7]]
    procs = [subprocess.Popen([sys.executable, "-m", "realpolitik.cli", "ingest", *map(str, part), "--db", postgres_url,
                               "--date", "2024-06-19", "--batch-size", "2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
             for part in parts]
    for proc in procs:
        out, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, err.decode()
    with open_store(postgres_url, read_only=True) as store:
        assert store.counts()["documents"] == len(files)
        dupes = store.query("SELECT event_id FROM events GROUP BY event_id HAVING count(*) > 1")
        assert not dupes
        per_doc = store.query("SELECT doc_hash, count(*) AS n FROM sentences GROUP BY doc_hash, sentence HAVING count(*) > 1")
        assert not per_doc

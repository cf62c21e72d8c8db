"""Robustness: bad input, big documents, hostile browsers and concurrent use.

Everything here is real: files, devices, FIFOs and sockets on disk, the installed ``realpolitik``
command in its own process (so a hang is caught by a timeout and a lock is another process's lock),
a server started with ``realpolitik serve`` (uvicorn on 127.0.0.1) and DuckDB stores.
"""
from __future__ import annotations

import http.client
import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from realpolitik.errors import InputError, StoreError
from realpolitik.records import Document
from realpolitik.sources import read_paths
from realpolitik.store import open_store

CLI = str(Path(sys.executable).with_name("realpolitik"))
ARTICLE = "Poland expelled two Russian diplomats on Monday. Chile praised Peru."


def run(*args: str, stdin=None, input: bytes | None = None, timeout: float = 120, env: dict | None = None):
    started = time.monotonic()
    result = subprocess.run([CLI, *args], input=input, stdin=stdin, capture_output=True, timeout=timeout,
                            env={**os.environ, **(env or {})})
    result.seconds = time.monotonic() - started
    result.err = result.stderr.decode("utf-8", "replace")
    return result


def one_line_error(result, *needles: str) -> str:
    """The command failed with exactly one line on stderr, no traceback, naming every needle."""
    assert result.returncode == 1, (result.returncode, result.err)
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: [E"), result.err
    assert "Traceback" not in result.err
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])
    return lines[0]


@pytest.fixture(scope="module")
def store_path(tmp_path_factory, extractor) -> Path:
    path = tmp_path_factory.mktemp("robust") / "s.duckdb"
    with open_store(path) as store:
        store.add([extractor.extract(Document(doc_id="a", text=ARTICLE, date="2024-05-08", title="A"))])
    return path


# -- bounded input ---------------------------------------------------------------------------------

def _unix_socket(path: Path) -> socket.socket:
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.bind(str(path))
    return sock


@pytest.mark.parametrize("kind", ["/dev/zero", "/dev/urandom", "fifo", "fifo.jsonl", "socket"])
def test_devices_fifos_and_sockets_are_refused_at_once(tmp_path, kind):
    db = tmp_path / "s.duckdb"
    held = None
    if kind.startswith("fifo"):
        path = tmp_path / kind
        os.mkfifo(path)
    elif kind == "socket":
        path = tmp_path / "sock"
        held = _unix_socket(path)
    else:
        path = Path(kind)
    try:
        result = run("ingest", str(path), "--db", str(db), timeout=60)  # a hang fails here
    finally:
        if held:
            held.close()
    line = one_line_error(result, str(path), "not a regular file")
    assert ("device" in line) or ("FIFO" in line) or ("socket" in line)
    assert not db.exists()


def test_stdin_is_read_with_the_file_limit(tmp_path):
    env = {"RP_SOURCES_MAX_FILE_BYTES": "100000"}
    with open("/dev/zero", "rb") as zero:  # endless input: refused after the limit, not read to the end
        result = run("extract", "-", stdin=zero, env=env, timeout=60)
    one_line_error(result, "<stdin>", "too large", "100,000")
    result = run("extract", "-", input=b"Chile praised Peru. " * 10_000, env=env)
    one_line_error(result, "<stdin>", "too large")
    result = run("extract", "-", input=ARTICLE.encode(), env=env)
    assert result.returncode == 0 and json.loads(result.stdout)["events"]


def test_non_utf8_and_utf16_on_stdin():
    one_line_error(run("extract", "-", input="café au lait".encode("latin-1")), "<stdin>", "not valid UTF-8")
    one_line_error(run("extract", "-", input=ARTICLE.encode("utf-16")), "<stdin>", "UTF-16")


@pytest.mark.parametrize("content,problem", [
    (b"Chile praised Peru. " * 1000 + b"\x00", "binary"),  # a NUL far past the first 8 KB
    (b"Chile praised Peru. " * 20 + b"\x00 and more", "binary"),
    ("Chile praised Peru.".encode("utf-16-le"), "UTF-16"),  # no byte-order mark
    ("Chile praised Peru.".encode("utf-16-be"), "UTF-16"),
    ("Chile praised Peru.".encode("utf-16"), "UTF-16"),
    ("Chile praised Peru.".encode("utf-32"), "UTF-32"),
    (b" \n\t ", "empty"),
])
def test_binary_and_utf16_files(tmp_path, content, problem):
    path = tmp_path / "in.txt"
    path.write_bytes(content)
    with pytest.raises(InputError, match=problem) as info:
        list(read_paths([path]))
    assert str(path) in str(info.value) and "\n" not in str(info.value)


FEED = ('<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
        '<item><title>One</title><description>Chile praised Peru.</description></item>'
        '<item><title>Two</title><description>Peru criticized Chile.</description></item>'
        '<item><title>Three</title><description>Peru crit')


def test_truncated_feed_is_an_error_unless_lenient(tmp_path):
    path = tmp_path / "cut.rss"
    path.write_text(FEED)
    one_line_error(run("extract", str(path)), "cut.rss", "truncated feed", "--lenient")
    result = run("extract", str(path), "--lenient")
    assert result.returncode == 0, result.err
    assert [json.loads(line)["title"] for line in result.stdout.decode().splitlines()] == ["One", "Two"]
    assert result.err.startswith("warning: ") and "kept 2 item(s)" in result.err and "Traceback" not in result.err
    complete = tmp_path / "whole.rss"
    complete.write_text(FEED.rsplit("<item><title>Three", 1)[0] + "</channel></rss>")
    assert len(list(read_paths([complete]))) == 2


def test_malformed_jsonl_is_an_error_unless_lenient(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps({"id": 1, "text": "Chile praised Peru."}) + "\n" + '{"id": 2, "text": "Peru crit')
    one_line_error(run("extract", "--input", str(path)), "c.jsonl:2", "malformed JSON")
    result = run("extract", "--input", str(path), "--lenient")
    assert result.returncode == 0 and len(result.stdout.splitlines()) == 1
    assert "skipped 1 malformed line(s)" in result.err and "kept 1 record(s)" in result.err


def test_jsonl_title_that_is_a_number(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps({"id": 7, "title": 2024, "text": ARTICLE, "date": "2024-05-08"}) + "\n")
    result = run("extract", "--input", str(path))
    assert result.returncode == 0, result.err
    assert json.loads(result.stdout)["title"] == "2024"
    path.write_text(json.dumps({"id": 7, "title": ["a"], "text": ARTICLE}) + "\n")
    one_line_error(run("extract", "--input", str(path)), "c.jsonl:1", "title")


# -- big documents ---------------------------------------------------------------------------------

def test_two_megabyte_one_line_text(tmp_path):
    """Past spaCy's 1,000,000-character limit, on one line: parsed in pieces, offsets into the whole."""
    filler = " ".join(["x" * 1999] * 500)  # 1 MB of long words between the sentences
    text = f"{ARTICLE} {filler} Russia praised China. {filler} Japan criticized North Korea on Tuesday."
    assert len(text) > 2_000_000 and "\n" not in text
    path = tmp_path / "long.txt"
    path.write_text(text)
    result = run("extract", str(path), "--with-text", "--date", "2024-06-03", timeout=300)
    assert result.returncode == 0, result.err[-2000:]
    doc = json.loads(result.stdout)
    assert doc["text"] == text
    events = doc["events"]
    assert {e["event_text"] for e in events} >= {"expelled", "praised", "criticized"}
    assert max(e["event_span"][0] for e in events) > 2_000_000  # the last sentence, in the third piece
    for e in events:
        assert text[e["span"][0]:e["span"][1]] == e["text"]
        assert text[e["event_span"][0]:e["event_span"][1]] == e["event_text"]


# -- one error path --------------------------------------------------------------------------------

@pytest.mark.parametrize("args,needle", [
    (["extract", "{file}", "--date", "garbage"], "--date"),
    (["extract", "{file}", "--date", "2024-02-30"], "2024-02-30"),
    (["ingest", "{file}", "--db", "{db}", "--date", "2024-02-30"], "2024-02-30"),
    (["extract", "--input", "{jsonl}"], "2024-02-30"),
    (["events", "--db", "{db}", "--since", "garbage"], "--since"),
    (["events", "--db", "{db}", "--until", "2024-13-01"], "--until"),
    (["network", "--db", "{db}", "--until", "2024-02-30"], "--until"),
    (["brief", "--db", "{db}", "--since", "yesterday"], "--since"),
    (["events", "--db", "{db}", "--min-confidence", "2"], "--min-confidence"),
    (["events", "--db", "{missing}"], "no such store"),
    (["events", "--db", "{db}", "--since", "2024-05-01", "--until", "2024-01-01"], "the period is empty"),
    (["events", "--db", "{db}", "--limit", "-1"], "--limit"),
    (["brief", "--db", "{db}", "--last", "99999999999y"], "--last"),
    (["brief", "--db", "{db}", "--doc", "nope"], "E006] --doc nope"),
    (["actors", "--db", "{db}", "--format", "xml"], "E006] unknown format"),
    (["watch", "{sources}", "--db", "{db}", "--once", "--min-interval", "-5"], "--min-interval"),
    (["watch", "{sources}", "--db", "{db}", "--once", "--webhook", "notaurl"], "--webhook"),
])
def test_bad_values_end_in_one_coded_line(tmp_path, store_path, args, needle):
    file = tmp_path / "a.txt"
    file.write_text(ARTICLE)
    jsonl = tmp_path / "c.jsonl"
    jsonl.write_text(json.dumps({"text": ARTICLE, "date": "2024-02-30"}) + "\n")
    sources = tmp_path / "sources.txt"
    sources.write_text("http://127.0.0.1:9/feed\n")  # never fetched: the option is refused first
    values = {"file": file, "db": store_path, "jsonl": jsonl, "missing": tmp_path / "none.duckdb",
              "sources": sources}
    result = run(*[a.format(**values) for a in args])
    one_line_error(result, needle)


@pytest.mark.parametrize("args,needle", [
    (["events", "--db", "x.duckdb", "--dyad", "RUS"], "--dyad"),
    (["events", "--bogus"], "--bogus"),
    (["nonsense"], "nonsense"),
    (["--bogus"], "--bogus"),
    (["events", "--limit", "abc"], "--limit"),
    (["ingest"], "paths"),
])
def test_usage_errors_are_one_line_not_internal_errors(args, needle):
    """Typer parses with its own copy of click: its usage errors once ended as E999 "internal error"."""
    result = run(*args)
    assert result.returncode == 2, (result.returncode, result.err)
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: [E006]") and needle in lines[0], result.err
    assert "internal error" not in result.err and "Traceback" not in result.err


def test_bad_settings_in_the_environment(tmp_path):
    file = tmp_path / "a.txt"
    file.write_text(ARTICLE)
    one_line_error(run("extract", str(file), env={"RP_SOURCES_MAX_FILE_BYTES": "abc"}),
                   "RP_SOURCES_MAX_FILE_BYTES", "whole number")
    one_line_error(run("ingest", str(file), "--db", str(tmp_path / "s.duckdb"), env={"RP_INGEST_BATCH_SIZE": "x"}),
                   "RP_INGEST_BATCH_SIZE")
    assert not (tmp_path / "s.duckdb").exists()


SCENARIO = """
issues:
  - id: a
    actors:
      - {code: X, capability: 10, position: 90, salience: 90}
      - {code: Y, capability: 1, position: {value: 10, range: [0, 20]}, salience: 20}
red_lines:
  - {if_issue: a, above: 60, then: {issue: a, actor: Y, position: 90}}
"""


@pytest.mark.parametrize("old,new,needle", [
    (None, None, None),  # the file as it is runs
    ("  - id: a\n", "  - id: a\n\tname: tab\n", "malformed YAML at line 4, column 1"),
    ("{code: X, ", "{", "actor 1 needs a 'code'"),
    ("position: 90", "position: high", "actor X on issue a position must be a number"),
    ("position: 90", "position: .nan", "must be a number"),
    ("position: 90", "position: -5", "from 0 to 100"),
    ("capability: 10", "capability: [1, 2]", "capability must be a number"),
    ("range: [0, 20]", "range: [20, 0]", "runs backwards"),
    ("range: [0, 20]", "range: wide", "two numbers"),
    ("salience: 90", "salience: true", "salience must be a number"),
    ("{code: Y,", "{code: X,", "actor X is listed twice"),
    ("then: {issue: a, actor: Y, position: 90}", "then: go", "red line 1 needs"),
    ("above: 60", "above: sixty", "red line 1 above"),
    ("actor: Y, position", "actor: Z, position", "then.actor 'Z'"),
    ("actor: Y, position", "actor: [Y], position", "then.actor must be an actor code"),
    ("{if_issue: a,", "{if_issue: [a],", "if_issue must name an issue"),
    ("then: {issue: a,", "then: {issue: [a],", "then.issue must name an issue"),
    ("    actors:\n", "    actors: X\n    others:\n", "'actors' must be a list"),
])
def test_malformed_scenarios(tmp_path, old, new, needle):
    path = tmp_path / "s.yaml"
    path.write_text(SCENARIO.replace(old, new, 1) if old else SCENARIO)
    for command in (["scenario", "run", str(path), "--samples", "10"], ["alerts", "from-scenario", str(path)]):
        result = run(*command)
        if needle is None:
            assert result.returncode == 0, result.err
        else:
            one_line_error(result, "s.yaml", needle)


def test_scenario_and_rules_files_that_are_not_files(tmp_path, store_path):
    folder = tmp_path / "dir.yaml"
    folder.mkdir()
    empty = tmp_path / "empty.yaml"
    empty.write_bytes(b"")
    latin = tmp_path / "latin.yaml"
    latin.write_bytes("caf\xe9: 1\n".encode("latin-1"))
    for command in (["scenario", "run"], ["alerts", "test", "--db", str(store_path)]):
        one_line_error(run(*command, str(folder)), "dir.yaml", "is a folder")
        one_line_error(run(*command, str(empty)), "empty.yaml", "empty file")
        one_line_error(run(*command, str(latin)), "latin.yaml", "not valid UTF-8")
    table = tmp_path / "deu.tsv"
    table.write_bytes("p\xe9\tout\n".encode("latin-1"))
    one_line_error(run("backtest", "deu", str(table)), "deu.tsv", "not valid UTF-8")


@pytest.mark.parametrize("rule,needle", [
    ("{name: a, webhook: [1]}", "'webhook' must be an http(s) URL"),
    ("{name: a, description: [x]}", "'description' must be text"),
    ("{name: a, quantity: {at_least: true}}", "quantity at_least must be a number"),
    ("{name: a, dyad: [RUS, UKR], goldstein_shift: {at_least: 1, min_events: many}}", "min_events"),
    ("{name: a, dyad: [RUS, UKR], goldstein_shift: {at_least: .nan}}", "at_least"),
    ("{name: a, dyad: [RUS, UKR], goldstein_shift: {at_least: 1, window: 99999999999d}}", "window"),
])
def test_malformed_alert_rules(tmp_path, store_path, rule, needle):
    path = tmp_path / "rules.yaml"
    path.write_text(f"rules:\n  - {rule}\n")
    one_line_error(run("alerts", "test", str(path), "--db", str(store_path)), "rules.yaml", needle)


@pytest.mark.parametrize("content,needle", [
    (b"", "empty file"),
    (bytes(range(256)) * 4, "binary"),
    ("caf\xe9\n".encode("latin-1"), "not valid UTF-8"),
    (b"[1, 2]\n", "gold.jsonl:1: each line must be a JSON object"),
    (b'{"a": 1}\n', "gold.jsonl:1: sentence-level gold needs a 'text'"),
    (b'{"text": "Chile praised Peru.", "type": "SUPPORT", "source": "CHL"}\n', "'source' must be a list"),
    (b'{"doc_id": "d", "sentences": [{"index": 1, "span": [0, "a"]}]}\n', "'span' must be"),
    (b'{"doc_id": "d", "sentences": [{"index": 1, "span": [0, 5], "expect": [{"types": []}]}]}\n', "expect"),
    (b'{"text": "Chile praised Peru.", "type": "SUPPORT"}\n{"doc_id": "d", "sentences": []}\n', "gold.jsonl:2"),
])
def test_malformed_gold_files(tmp_path, content, needle):
    path = tmp_path / "gold.jsonl"
    path.write_bytes(content)
    one_line_error(run("bench", "accuracy", "--gold", str(path)), "gold.jsonl", needle)


def test_document_gold_with_a_bad_corpus(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"doc_id": "d", "sentences": []}) + "\n")
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_bytes("caf\xe9\n".encode("latin-1"))
    one_line_error(run("bench", "accuracy", "--gold", str(gold), "--corpus", str(corpus)), "corpus.jsonl:1", "UTF-8")
    one_line_error(run("bench", "accuracy", "--gold", str(gold), "--gold", str(ROOT_GOLD)), "not both")


ROOT_GOLD = Path(__file__).resolve().parents[1] / "gold" / "realpolitik_dev.jsonl"


def _fingerprint(path: Path) -> tuple[bytes, dict]:
    with open_store(path, read_only=True) as store:
        counts = store.counts()
    return path.read_bytes(), counts


def test_inputs_with_nothing_to_read_fail_and_leave_the_store(tmp_path, store_path):
    db = tmp_path / "s.duckdb"
    db.write_bytes(store_path.read_bytes())
    before = _fingerprint(db)
    (tmp_path / "empty.jsonl").write_bytes(b"")
    (tmp_path / "blank.jsonl").write_bytes(b"\n  \n")
    (tmp_path / "nothing").mkdir()
    shards = tmp_path / "shards" / "shard-0001"
    shards.mkdir(parents=True)
    for table in ("documents", "sentences", "events", "actors", "quantities"):
        (shards / f"{table}.parquet").write_bytes(b"junk")
    for name, needle in (("empty.jsonl", "empty file"), ("blank.jsonl", "no JSON records"),
                         ("nothing", "folder holds no files")):
        for strict in ([], ["--strict"]):
            one_line_error(run("ingest", str(tmp_path / name), "--db", str(db), *strict), name, needle)
        assert _fingerprint(db) == before
    one_line_error(run("extract", str(tmp_path / "nothing")), "nothing", "folder holds no files")
    one_line_error(run("load", str(tmp_path / "nothing"), "--db", str(db)), "nothing", "no shard-* folders")
    one_line_error(run("load", str(tmp_path / "shards"), "--db", str(db)), "shard-0001", "not a readable Parquet")
    assert _fingerprint(db) == before


def test_debug_shows_the_traceback(store_path):
    result = run("--debug", "events", "--db", str(store_path), "--since", "garbage")
    assert result.returncode == 1 and "Traceback" in result.err
    assert result.err.strip().splitlines()[-1].startswith("error: [E006]")


def test_store_wraps_driver_errors(tmp_path, store_path):
    junk = tmp_path / "junk.duckdb"
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(StoreError, match=r"E003.*junk.duckdb"):
        open_store(junk, read_only=True)
    with open_store(store_path, read_only=True) as store:
        with pytest.raises(StoreError, match="E003"):
            store.query("SELECT * FROM no_such_table")
    with pytest.raises(StoreError, match="no such store"):
        open_store(tmp_path / "absent.duckdb", read_only=True)


def test_extract_with_text_lets_spans_be_checked(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("# Headline 🇺🇦\n\n  👍🏽 Poland expelled two Russian diplomats on Monday (Zoe\u0301).  \n")
    result = run("extract", str(path), "--with-text", "--date", "2024-05-08")
    doc = json.loads(result.stdout)
    assert doc["text"] == "👍🏽 Poland expelled two Russian diplomats on Monday (Zoe\u0301)."
    [event] = [e for e in doc["events"] if e["event_text"] == "expelled"]
    assert doc["text"][event["event_span"][0]:event["event_span"][1]] == "expelled"
    assert "text" not in json.loads(run("extract", str(path)).stdout)


def test_markdown_briefing_escapes_html(tmp_path, extractor):
    db = tmp_path / "x.duckdb"
    text = "Chile praised Peru <script>alert(1)</script> on Monday & more."
    with open_store(db) as store:
        store.add([extractor.extract(Document(doc_id="x", text=text, date="2024-01-02"))])
    result = run("brief", "--db", str(db), "--format", "markdown", "--min-confidence", "0")
    assert result.returncode == 0, result.err
    assert "&lt;script&gt;" in result.stdout.decode() and "<script>" not in result.stdout.decode()


# -- the server --------------------------------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """``realpolitik serve`` in its own process."""

    def __init__(self, db: Path, *extra: str, env: dict | None = None) -> None:
        self.port = _free_port()
        self.process = subprocess.Popen([CLI, "serve", "--db", str(db), "--port", str(self.port), *extra],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                        env={**os.environ, **(env or {})})
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return
            except OSError:
                if self.process.poll() is not None:
                    raise AssertionError(self.process.stderr.read().decode()) from None
                time.sleep(0.1)
        raise AssertionError("the server did not start")

    def request(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None,
                timeout: float = 120) -> tuple[int, dict, float]:
        started = time.monotonic()
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            connection.request(method, path, body=body, headers=headers or {},
                               encode_chunked=body is not None and not isinstance(body, bytes))
            response = connection.getresponse()
            raw = response.read()
        finally:
            connection.close()
        try:
            data = json.loads(raw) if raw else None
        except ValueError:
            data = raw.decode("utf-8", "replace")
        return response.status, data, time.monotonic() - started

    def post_json(self, path: str, payload: dict, headers: dict | None = None):
        return self.request("POST", path, json.dumps(payload).encode(),
                            {"Content-Type": "application/json", **(headers or {})})

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


@pytest.fixture(scope="module")
def served(tmp_path_factory, extractor):
    db = tmp_path_factory.mktemp("served") / "s.duckdb"
    with open_store(db) as store:
        store.add([extractor.extract(Document(doc_id="a", text=ARTICLE, date="2024-05-08", title="A"))])
    server = Server(db, env={"RP_WEB_MAX_UPLOAD_BYTES": "400000"})
    server.db = db
    yield server
    server.stop()


@pytest.fixture(scope="module")
def served_read_only(store_path):
    server = Server(store_path, "--read-only")
    yield server
    server.stop()


def _headers_only(port: int, head: str) -> str:
    """Send a request head and no body; return the status line answered within 5 seconds."""
    with socket.create_connection(("127.0.0.1", port), timeout=5) as conn:
        conn.sendall(head.encode())
        return conn.recv(4096).decode("latin-1").splitlines()[0]


def test_host_header_refused(served):
    status, body, _ = served.request("GET", "/api/stats", headers={"Host": f"attacker.example:{served.port}"})
    assert status == 421 and "Host" in body["detail"]
    for host in (f"127.0.0.1:{served.port}", f"localhost:{served.port}"):
        assert served.request("GET", "/api/stats", headers={"Host": host})[0] == 200


def test_cross_origin_post_refused(served):
    article = {"text": "Peru praised Chile on Monday.", "date": "2024-05-09"}
    status, body, _ = served.post_json("/api/documents", article, {"Origin": "http://attacker.example"})
    assert status == 403 and "cross-origin" in body["detail"]
    status, _, _ = served.post_json("/api/documents", article, {"Sec-Fetch-Site": "cross-site"})
    assert status == 403
    status, _, _ = served.post_json("/api/documents", article, {"Origin": "null"})
    assert status == 403
    before = served.request("GET", "/api/stats")[1]["documents"]
    status, body, _ = served.post_json("/api/documents", article, {"Origin": served.origin})
    assert status == 201 and body["added"] == 1
    assert served.request("GET", "/api/stats")[1]["documents"] == before + 1


def test_upload_limit_checked_before_the_body(served, served_read_only):
    head = ("POST /api/upload HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; boundary=x\r\n"
            "Content-Length: 400000000\r\n\r\n")
    assert " 413 " in _headers_only(served.port, head)  # answered without waiting for 400 MB
    assert " 403 " in _headers_only(served_read_only.port, head)  # read-only comes first
    status, body, _ = served.request("POST", "/api/documents", json.dumps({"text": "x" * 500_000}).encode(),
                                     {"Content-Type": "application/json"})
    assert status == 413 and "max_upload_bytes" in body["detail"]


def test_chunked_body_over_the_limit(served):
    def chunks():
        for _ in range(100):
            yield b"Chile praised Peru. " * 500  # 10 KB each, 1 MB in all, no Content-Length
    status, body, _ = served.request("POST", "/api/documents", chunks(),
                                     {"Content-Type": "application/json", "Transfer-Encoding": "chunked"})
    assert status == 413 and "max_upload_bytes" in body["detail"]


def test_large_upload_while_other_requests_are_answered(served):
    text = ("Poland expelled two Russian diplomats on Monday. Chile praised Peru after the talks. "
            "Japan criticized North Korea. Germany pledged aid to Ukraine.\n\n") * 500  # ~75k characters
    boundary = "rpboundary"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"long.txt\"\r\n"
            f"Content-Type: text/plain\r\n\r\n{text}\r\n--{boundary}--\r\n").encode()
    outcome: dict = {}

    def upload():
        outcome["result"] = served.request("POST", "/api/upload", body,
                                           {"Content-Type": f"multipart/form-data; boundary={boundary}"}, timeout=300)

    worker = threading.Thread(target=upload)
    worker.start()
    time.sleep(1.0)  # the extraction is under way
    timings = []
    while worker.is_alive() and len(timings) < 5:
        status, _, seconds = served.request("GET", "/api/stats", timeout=10)
        assert status == 200
        timings.append(seconds)
        time.sleep(0.3)
    assert timings and worker.is_alive(), "the upload finished before anything else was asked"
    assert max(timings) < 1.0, timings
    worker.join(timeout=300)
    status, data, _ = outcome["result"]
    assert status == 201 and data["events"] > 0, data


def test_api_dates_are_4xx(served):
    for path in ("/api/events?since=garbage", "/api/events?until=2024-02-30", "/api/network?until=2024-02-30",
                 "/api/network?since=2024-13-01"):
        status, body, _ = served.request("GET", path)
        assert status == 422 and body["code"] == "E006" and "date" in body["detail"], (path, body)
    status, body, _ = served.post_json("/api/documents", {"text": ARTICLE, "date": "2024-02-30"})
    assert 400 <= status < 500 and "2024-02-30" in json.dumps(body)


def test_api_docs_are_served_locally(served):
    for path in ("/docs", "/redoc"):
        status, page, _ = served.request("GET", path)
        assert status == 200 and "/static/vendor/" in page
        assert not re.search(r"""(src|href)=["']?(https?:)?//""", page), page  # nothing from another host
    for asset in ("swagger-ui-bundle.js", "swagger-ui.css", "redoc.standalone.js"):
        assert served.request("GET", f"/static/vendor/{asset}")[0] == 200


def test_cli_reads_and_ingests_while_serve_runs(served, tmp_path):
    result = run("events", "--db", str(served.db), "--format", "jsonl", "--min-confidence", "0")
    assert result.returncode == 0, result.err
    assert result.stdout.strip()
    assert run("brief", "--db", str(served.db)).returncode == 0
    path = tmp_path / "new.txt"
    path.write_text("Brazil praised Argentina on Friday.")
    before = served.request("GET", "/api/stats")[1]["documents"]
    result = run("ingest", str(path), "--db", str(served.db), "--date", "2024-05-10")
    assert result.returncode == 0, result.err
    assert served.request("GET", "/api/stats")[1]["documents"] == before + 1


def test_ingest_checks_the_store_before_extracting(tmp_path, extractor):
    db = tmp_path / "held.duckdb"
    path = tmp_path / "long.txt"
    path.write_text("Poland expelled two Russian diplomats on Monday. Chile praised Peru.\n" * 3000)  # minutes
    with open_store(db):  # this process holds the write lock
        result = run("ingest", str(path), "--db", str(db), timeout=120)
    one_line_error(result, "E003", "in use")
    assert result.seconds < 30  # failed before extracting ~200k characters

"""realpolitik watch and alerts, against a real HTTP server on 127.0.0.1 serving fixture feeds and pages
written for these tests (they change between polls). No mocks: real sockets, the real extractor and store."""
from __future__ import annotations

import json
import threading
import time
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from realpolitik.cli.app import app
from realpolitik.monitor import Fetcher, Watcher, evaluate, fire, parse_every, parse_rules, read_sources, red_line_rules
from realpolitik.monitor.alerts import now_iso
from realpolitik.records import Document
from realpolitik.store import open_store

SCENARIO = Path(__file__).resolve().parents[1] / "examples" / "scenarios" / "russia-dprk-military-technology.yaml"

# Fixture articles (our own words). Each is a page at /news/<name>.html.
ARTICLES = {
    "tech": ("Moscow hands Pyongyang missile know-how",
             "Russia delivered advanced missile technology to North Korea on Tuesday, officials in Seoul said. "
             "The transfer followed a summit between the two leaders in Pyongyang last week."),
    "diplomats": ("Warsaw expels envoys",
                  "Poland expelled two Russian diplomats on Monday. The foreign ministry gave them three days to leave."),
    "shells": ("Shells for the front",
               "North Korea sent 5,000 artillery shells to Russia on Monday. Satellite images showed trains at the border."),
    "tech-again": ("Second report on the missile transfer",
                   "Russia delivered missile technology to North Korea on Tuesday, according to a defence ministry "
                   "in the region. Analysts expect more shipments."),
    "weapons": ("Seoul changes course",
                "South Korea sent lethal weapons to Ukraine on Wednesday. The decision surprised many in Moscow."),
}
DATES = {"tech": "Tue, 18 Jun 2024 09:00:00 GMT", "diplomats": "Mon, 17 Jun 2024 09:00:00 GMT",
         "shells": "Mon, 17 Jun 2024 12:00:00 GMT", "tech-again": "Wed, 19 Jun 2024 08:00:00 GMT",
         "weapons": "Wed, 19 Jun 2024 10:00:00 GMT"}


def page(name: str) -> bytes:
    title, text = ARTICLES[name]
    paragraphs = "".join(f"<p>{s.strip()}.</p>" for s in text.split(". ") if s.strip())
    return (f"<!doctype html><html><head><title>{title}</title></head><body><nav><a href='/'>Home</a> "
            f"<a href='/world'>World</a></nav><article><h1>{title}</h1>{paragraphs.replace('..', '.')}</article>"
            "<footer>Fixture News, all rights reserved</footer></body></html>").encode()


def feed(names: list[str], base: str, *, alias: dict[str, str] | None = None) -> bytes:
    """An RSS feed with one item per article; ``alias`` lists items pointing at another URL with the
    same text as an article (the same text found under two URLs)."""
    items = ""
    for name in names:
        title, text = ARTICLES[name]
        items += (f"<item><title>{title}</title><link>{base}/news/{name}.html</link><guid>{name}</guid>"
                  f"<pubDate>{DATES[name]}</pubDate><description>{text}</description></item>")
    for url_name, name in (alias or {}).items():
        title, text = ARTICLES[name]
        items += (f"<item><title>{title}</title><link>{base}/mirror/{url_name}.html</link><guid>{url_name}</guid>"
                  f"<pubDate>{DATES[name]}</pubDate><description>{text}</description></item>")
    return (f"<?xml version='1.0'?><rss version='2.0'><channel><title>Fixture wire</title><link>{base}/</link>"
            f"<description>test feed</description>{items}</channel></rss>").encode()


class Site:
    """The fixture site's state: what the feed holds, what fails, and every request seen."""

    def __init__(self) -> None:
        self.version = 1
        self.flaky_left = 2  # /flaky.xml answers 503 this many times, then works
        self.requests: list[dict] = []
        self.hooks: list[dict] = []
        self.lock = threading.Lock()
        self.base = ""

    def feed_body(self) -> bytes:
        if self.version == 1:
            return feed(["tech", "diplomats"], self.base)
        return feed(["tech", "diplomats", "shells", "tech-again"], self.base, alias={"copy-of-tech": "tech"})

    def count(self, path: str) -> int:
        return sum(1 for r in self.requests if r["path"] == path)


def make_handler(site: Site):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def _send(self, status: int, body: bytes = b"", kind: str = "text/html", headers: dict | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.end_headers()
            if body:
                self.wfile.write(body)

        def do_GET(self) -> None:
            with site.lock:
                site.requests.append({"path": self.path, "time": time.monotonic(), "headers": dict(self.headers)})
            path = self.path
            if path == "/robots.txt":
                return self._send(200, b"User-agent: *\nDisallow: /private/\n", "text/plain")
            if path == "/feed.xml":
                etag = f'"v{site.version}"'
                modified = formatdate(1718600000 + site.version * 3600, usegmt=True)
                if self.headers.get("If-None-Match") == etag:
                    return self._send(304, headers={"ETag": etag})
                return self._send(200, site.feed_body(), "application/rss+xml",
                                  {"ETag": etag, "Last-Modified": modified})
            if path == "/dated.xml":  # Last-Modified only, no ETag
                modified = formatdate(1718600000, usegmt=True)
                if self.headers.get("If-Modified-Since") == modified:
                    return self._send(304)
                return self._send(200, feed(["weapons"], site.base), "application/rss+xml", {"Last-Modified": modified})
            if path == "/flaky.xml":
                with site.lock:
                    site.flaky_left -= 1
                    failing = site.flaky_left >= 0
                if failing:
                    return self._send(503, b"busy", "text/plain", {"Retry-After": "0"})
                return self._send(200, feed(["diplomats"], site.base), "application/rss+xml")
            if path == "/broken.xml":
                return self._send(500, b"server error", "text/plain")
            if path.startswith("/news/") or path.startswith("/mirror/") or path.startswith("/private/"):
                name = path.rsplit("/", 1)[1].removesuffix(".html")
                name = "tech" if name == "copy-of-tech" else name
                if name in ARTICLES:
                    return self._send(200, page(name))
            return self._send(404, b"not found", "text/plain")

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length)
            with site.lock:
                site.requests.append({"path": self.path, "time": time.monotonic(), "headers": dict(self.headers)})
                if self.path == "/hook":
                    site.hooks.append(json.loads(body))
            self._send(204 if self.path == "/hook" else 404)

    return Handler


@pytest.fixture()
def site():
    state = Site()
    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(state))
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()


def fast_fetcher(**kw) -> Fetcher:
    options = {"timeout": 5.0, "retries": 2, "backoff": 0.02, "max_backoff": 0.1, "min_interval": 0.0}
    options.update(kw)
    return Fetcher(**options)


RULES = """
webhook: {hook}
rules:
  - name: russian-tech-to-dprk
    dyad: [RUS, PRK]
    types: [AID]
    min_confidence: 0.3
  - name: big-shell-deliveries
    source: PRK
    cameo: ["07*"]
    quad_class: [2]
    quantity: {{unit: shells, at_least: 1000}}
    min_confidence: 0.3
  - name: small-shell-deliveries
    source: PRK
    quantity: {{unit: shell, at_most: 100}}
    min_confidence: 0.3
"""


# -- fetching ------------------------------------------------------------------------------------------

def test_conditional_requests_and_user_agent(site):
    with fast_fetcher() as f:
        first = f.fetch(f"{site.base}/feed.xml")
        assert first.ok and first.etag == '"v1"' and first.last_modified and b"<rss" in first.body
        again = f.fetch(f"{site.base}/feed.xml", etag=first.etag, last_modified=first.last_modified)
        assert again.not_modified and again.body == b""
        site.version = 2
        changed = f.fetch(f"{site.base}/feed.xml", etag=first.etag)
        assert changed.ok and changed.etag == '"v2"' and b"shells" in changed.body.lower()
        dated = f.fetch(f"{site.base}/dated.xml")
        assert f.fetch(f"{site.base}/dated.xml", last_modified=dated.last_modified).not_modified
    feed_requests = [r for r in site.requests if r["path"] == "/feed.xml"]
    assert feed_requests[1]["headers"].get("If-None-Match") == '"v1"'
    assert all(r["headers"]["User-Agent"].startswith("realpolitik-watch/") for r in site.requests)


def test_retries_with_backoff_then_give_up(site):
    with fast_fetcher() as f:
        flaky = f.fetch(f"{site.base}/flaky.xml")
        assert flaky.ok and flaky.attempts == 3 and site.count("/flaky.xml") == 3
        broken = f.fetch(f"{site.base}/broken.xml")
        assert not broken.ok and broken.status == 500 and "after 3 attempts" in broken.error
        assert site.count("/broken.xml") == 3
        dead = f.fetch("http://127.0.0.1:9/nothing.xml")  # nobody listens on port 9
        assert not dead.ok and dead.status is None and dead.error


def test_rate_limit_per_host(site):
    with fast_fetcher(min_interval=0.25) as f:
        for name in ("tech", "diplomats", "shells"):
            assert f.fetch(f"{site.base}/news/{name}.html").ok
    times = [r["time"] for r in site.requests]  # robots.txt counts as a request to the host too
    assert len(times) == 4
    gaps = [b - a for a, b in zip(times, times[1:])]
    assert min(gaps) >= 0.22, gaps


def test_robots_txt_is_respected(site):
    with fast_fetcher() as f:
        refused = f.fetch(f"{site.base}/private/tech.html")
        assert not refused.ok and "robots.txt" in refused.error
    assert site.count("/private/tech.html") == 0 and site.count("/robots.txt") == 1


def test_sources_file_and_periods(tmp_path):
    src = tmp_path / "sources.txt"
    src.write_text("# feeds\nhttp://127.0.0.1:1/a.xml\n\nhttp://127.0.0.1:1/b.html  # a page\nhttp://127.0.0.1:1/a.xml\n")
    assert read_sources(src) == ["http://127.0.0.1:1/a.xml", "http://127.0.0.1:1/b.html"]
    src.write_text("ftp://example/feed\n")
    with pytest.raises(Exception, match="not an http"):
        read_sources(src)
    assert parse_every("15m") == 900 and parse_every("1h30m") == 5400 and parse_every("45") == 45
    with pytest.raises(Exception, match="--every"):
        parse_every("soon")


# -- watching and alerts -------------------------------------------------------------------------------

def test_watch_polls_stores_once_and_fires_once(site, tmp_path, extractor):
    db, log = tmp_path / "w.duckdb", tmp_path / "alerts.jsonl"
    sources = [f"{site.base}/feed.xml", f"{site.base}/broken.xml", f"{site.base}/private/tech.html",
               f"{site.base}/news/weapons.html"]
    rules = parse_rules(yaml.safe_load(RULES.format(hook=f"{site.base}/hook")))
    said, warned = [], []
    watcher = Watcher(db, rules=rules, alert_log=log, fetcher=fast_fetcher(), extractor=extractor,
                      say=said.append, warn=warned.append)

    first = watcher.poll(sources)
    assert first.new_documents == 3 and first.new_urls == 3  # two feed items and one listed page
    failed = dict(first.failed)
    assert "HTTP 500" in failed[f"{site.base}/broken.xml"] and "robots.txt" in failed[f"{site.base}/private/tech.html"]
    assert [a["rule"] for a in first.alerts] == ["russian-tech-to-dprk"]
    alert = first.alerts[0]
    assert alert["event"]["source_code"] == "RUS" and alert["event"]["target_code"] == "PRK"
    assert alert["sentence"].startswith("Russia delivered advanced missile technology")
    assert alert["url"] == f"{site.base}/news/tech.html" and alert["doc_hash"] and alert["rule_spec"]["types"] == ["AID"]
    assert said and "russian-tech-to-dprk" in said[0]
    assert [json.loads(line)["alert_id"] for line in log.read_text().splitlines()] == [alert["alert_id"]]
    assert [h["alert_id"] for h in site.hooks] == [alert["alert_id"]]  # the webhook got it
    with open_store(db, read_only=True) as store:
        doc = store.query("SELECT url, title, date FROM documents WHERE url LIKE '%tech.html'")[0]
        assert doc["title"] == ARTICLES["tech"][0] and str(doc["date"]) == "2024-06-18"
        assert store.watch_state(f"{site.base}/feed.xml")["etag"] == '"v1"'

    second = watcher.poll(sources)  # nothing changed: the feed answers 304, the page is not fetched again
    assert second.not_modified == 1 and second.new_documents == 0 and second.alerts == [] and second.skipped == 1
    assert site.count("/news/weapons.html") == 1 and site.count("/news/tech.html") == 1

    site.version = 2  # two new stories, a second report of the missile transfer, and a copy of the first text
    third = watcher.poll(sources)
    assert third.new_urls == 3 and third.new_documents == 2  # the copy's text is already stored
    assert [a["rule"] for a in third.alerts] == ["big-shell-deliveries"]  # the second report fires nothing
    shells = third.alerts[0]
    assert shells["event"]["quantities"][0]["value"] == 5000 and "5,000 artillery shells" in shells["sentence"]
    for name in ("tech", "diplomats", "shells", "tech-again"):
        assert site.count(f"/news/{name}.html") == 1, name
    assert len(site.hooks) == 2 and len(log.read_text().splitlines()) == 2
    with open_store(db, read_only=True) as store:
        assert store.counts()["documents"] == 5
        assert store.query("SELECT count(*) AS n FROM watch_items")[0]["n"] == 6
        covered = store.fired_keys("russian-tech-to-dprk")
        assert len(covered) == 1  # the later report was merged into the event already alerted on
        assert [a["rule"] for a in store.alerts()] == ["big-shell-deliveries", "russian-tech-to-dprk"]
    assert watcher.poll(sources).alerts == []  # and never again
    watcher.close()


def test_retrying_feed_is_ingested(site, tmp_path, extractor):
    watcher = Watcher(tmp_path / "r.duckdb", fetcher=fast_fetcher(), extractor=extractor, say=lambda m: None,
                      warn=lambda m: None)
    report = watcher.poll([f"{site.base}/flaky.xml"])
    assert report.failed == [] and report.new_documents == 1 and site.count("/flaky.xml") == 3
    watcher.close()


def _store_with(tmp_path, extractor, texts: list[tuple[str, str]], name: str = "s.duckdb") -> Path:
    db = tmp_path / name
    with open_store(db) as store:
        store.add([extractor.extract(Document(doc_id=f"d{n}", text=text, date=day, url=f"http://127.0.0.1/{n}"))
                   for n, (text, day) in enumerate(texts)])
    return db


def test_factual_only_and_goldstein_shift(tmp_path, extractor):
    db = _store_with(tmp_path, extractor, [
        ("Russia signed a cooperation agreement with North Korea on Monday.", "2024-06-03"),
        ("Russia will supply North Korea with satellite technology, the Kremlin said.", "2024-06-04"),
        ("Russia threatened North Korea with sanctions on Thursday.", "2024-06-13"),
        ("Russian troops attacked North Korean positions on Friday.", "2024-06-14"),
    ])
    spec = {"rules": [
        {"name": "aid-facts", "dyad": ["RUS", "PRK"], "types": ["AID"], "min_confidence": 0},
        {"name": "aid-plans-too", "dyad": ["RUS", "PRK"], "types": ["AID"], "factual_only": False, "min_confidence": 0},
        {"name": "sour", "dyad": ["RUS", "PRK"], "min_confidence": 0,
         "goldstein_shift": {"window": "7d", "at_least": 3, "direction": "down"}},
        {"name": "warmer", "dyad": ["RUS", "PRK"], "min_confidence": 0,
         "goldstein_shift": {"window": "7d", "at_least": 3, "direction": "up"}},
    ]}
    rules = parse_rules(spec)
    with open_store(db) as store:
        found = evaluate(store, rules, now=now_iso())
        by_rule = {}
        for a in found:
            by_rule.setdefault(a["rule"], []).append(a)
        assert "aid-facts" not in by_rule  # the supply is only planned
        assert by_rule["aid-plans-too"][0]["event"]["modality"] == "future"
        shift = by_rule["sour"][0]["shift"]
        assert shift["change"] <= -3 and shift["mean"] < shift["previous_mean"] and "warmer" not in by_rule
        assert len(by_rule["sour"]) == 1 and by_rule["sour"][0]["mentions"]
        fired = fire(store, rules, default_confidence=0, log=None, say=lambda m: None)
        assert sorted(a["rule"] for a in fired) == ["aid-plans-too", "sour"]
        assert fire(store, rules, default_confidence=0, log=None, say=lambda m: None) == []


def test_rules_are_checked():
    with pytest.raises(Exception, match="PLOVER"):
        parse_rules({"rules": [{"name": "x", "types": ["HUG"]}]})
    with pytest.raises(Exception, match="unknown field"):
        parse_rules({"rules": [{"name": "x", "colour": "red"}]})
    with pytest.raises(Exception, match="unique"):
        parse_rules({"rules": [{"name": "x"}, {"name": "x"}]})
    with pytest.raises(Exception, match="goldstein_shift rule needs"):
        parse_rules({"rules": [{"name": "x", "goldstein_shift": {"at_least": 2}}]})
    rule = parse_rules({"rules": [{"name": "w", "cameo": ["19*", "07?"], "involving": "KOR"}]}).rules[0]
    base = {"polarity": "affirmed", "factual": True, "confidence": 0.9, "source_code": "KOR", "target_code": "UKR"}
    assert rule.matches({**base, "cameo": "072"}) and rule.matches({**base, "cameo": "190"})
    assert not rule.matches({**base, "cameo": "0721"}) and not rule.matches({**base, "cameo": "036"})
    assert not rule.matches({**base, "cameo": "072", "source_code": "JPN"})
    assert not rule.matches({**base, "cameo": "072", "polarity": "negated", "factual": False})


def test_scenario_red_lines_become_working_rules(tmp_path, extractor, site):
    runner = CliRunner()
    rules_file = tmp_path / "redlines.yaml"
    made = runner.invoke(app, ["alerts", "from-scenario", str(SCENARIO), "-o", str(rules_file)])
    assert made.exit_code == 0, made.output
    data = yaml.safe_load(rules_file.read_text())
    tech, ukraine = data["rules"]
    assert (tech["source"], tech["target"]) == (["RUS"], ["PRK"])
    assert ukraine["source"] == ["KOR"] and "UKR" in ukraine["target"]
    assert red_line_rules({"issues": [], "red_lines": []}) == {"rules": []}

    db = tmp_path / "red.duckdb"
    sources = tmp_path / "sources.txt"
    sources.write_text(f"{site.base}/feed.xml\n{site.base}/dated.xml\n")
    log = tmp_path / "fired.jsonl"
    result = runner.invoke(app, ["watch", str(sources), "--once", "--db", str(db), "--alerts", str(rules_file),
                                 "--alert-log", str(log), "--min-interval", "0", "--webhook", f"{site.base}/hook",
                                 "--min-confidence", "0"])  # the rules leave the threshold to the command line
    assert result.exit_code == 0, result.output
    fired = [json.loads(line) for line in log.read_text().splitlines()]
    assert sorted(a["rule"] for a in fired) == ["red-line-1-tech-above-60", "red-line-2-ukraine-above-50"]
    assert "ALERT [red-line-1-tech-above-60] RUS -> PRK AID" in result.output
    assert "South Korea sent lethal weapons to Ukraine" in next(a for a in fired if "ukraine" in a["rule"])["sentence"]
    assert len(site.hooks) == 2

    tried = runner.invoke(app, ["alerts", "test", str(rules_file), "--db", str(db), "--min-confidence", "0"])
    assert tried.exit_code == 0, tried.output
    assert tried.output.count("(already fired)") == 2 and "red-line-1-tech-above-60: 1 alert(s)" in tried.output
    again = runner.invoke(app, ["watch", str(sources), "--once", "--db", str(db), "--alerts", str(rules_file),
                                "--alert-log", str(log), "--min-interval", "0", "--min-confidence", "0"])
    assert again.exit_code == 0 and "ALERT" not in again.output and len(log.read_text().splitlines()) == 2


def test_watch_cli_errors(tmp_path):
    runner = CliRunner()
    missing = runner.invoke(app, ["watch", str(tmp_path / "none.txt"), "--once", "--db", str(tmp_path / "x.duckdb")])
    assert missing.exit_code == 1 and "[E001]" in missing.output and "no such sources file" in missing.output
    (tmp_path / "s.txt").write_text("http://127.0.0.1:9/feed.xml\n")
    bad = runner.invoke(app, ["watch", str(tmp_path / "s.txt"), "--every", "soon", "--db", str(tmp_path / "x.duckdb")])
    assert bad.exit_code == 1 and "[E006]" in bad.output
    rules = tmp_path / "r.yaml"
    rules.write_text("rules:\n  - name: a\n    types: [NOPE]\n")
    wrong = runner.invoke(app, ["alerts", "test", str(rules), "--db", str(tmp_path / "x.duckdb")])
    assert wrong.exit_code == 1 and "unknown PLOVER type" in wrong.output


def test_alerts_api_lists_evidence_and_new_ones(tmp_path, extractor):
    from fastapi.testclient import TestClient

    from realpolitik.web import create_app

    db = _store_with(tmp_path, extractor, [
        ("Russia delivered advanced missile technology to North Korea on Tuesday.", "2024-06-18")], "api.duckdb")
    client = TestClient(create_app(db, read_only=True), base_url="http://127.0.0.1")
    empty = client.get("/api/alerts").json()
    assert empty == {"alerts": [], "latest": None}  # a store that never watched anything
    rules = parse_rules({"rules": [{"name": "tech", "dyad": ["RUS", "PRK"], "types": ["AID"], "min_confidence": 0}]})
    with open_store(db) as store:
        [fired] = fire(store, rules, default_confidence=0, log=None, say=lambda m: None)
    data = client.get("/api/alerts").json()
    [alert] = data["alerts"]
    assert alert["rule"] == "tech" and alert["sentence"].startswith("Russia delivered") and alert["url"]
    assert alert["mentions"][0]["doc_hash"] == fired["doc_hash"] and data["latest"] == fired["fired_at"]
    assert client.get("/api/alerts", params={"since": data["latest"]}).json()["alerts"] == []
    assert client.get("/api/alerts", params={"since": "yesterday"}).status_code == 422

"""The dashboard in real headless Chromium (Debian's chromium and chromium-driver).

Skipped where /usr/bin/chromium is absent, unless RP_REQUIRE_BROWSER=1 (set by .ci/run), where a
missing browser fails the run.
"""
from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from contextlib import contextmanager

import pytest

from realpolitik.records import Document
from realpolitik.store import open_store

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
DRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
HAVE_BROWSER = os.path.exists(CHROMIUM) and os.path.exists(DRIVER)
if not HAVE_BROWSER and os.environ.get("RP_REQUIRE_BROWSER") != "1":
    pytest.skip("headless Chromium is not installed", allow_module_level=True)

pytestmark = pytest.mark.browser


@contextmanager
def serving(db):
    """The dashboard over ``db``, read-only, on a free loopback port, for as long as the block runs."""
    import uvicorn

    from realpolitik.web import create_app

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(create_app(db, read_only=True), host="127.0.0.1", port=port,
                                        log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(100):
        if srv.started:
            break
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(timeout=5)


@pytest.fixture(scope="module")
def server(tmp_path_factory, extractor):


    db = tmp_path_factory.mktemp("browser") / "s.duckdb"
    texts = [("Russia sent artillery shells to North Korea. China criticized South Korea. "
              "Japan praised South Korea. South Korea wants to sign a treaty with Japan.", "2024-06-03"),
             ("The United States imposed sanctions on Russia. North Korea praised Russia.", "2024-07-01")]
    with open_store(db) as store:
        store.add([extractor.extract(Document(doc_id=f"d{i}", text=t, date=d, title=f"Article {i}"))
                   for i, (t, d) in enumerate(texts)])
    with serving(db) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--no-first-run", "--window-size=1280,900"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    yield driver
    driver.quit()


def _wait(driver, condition, seconds=15.0):
    end = time.time() + seconds
    while time.time() < end:
        value = driver.execute_script(condition)
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for: {condition}")


def test_network_graph_renders(server, browser, tmp_path):
    from PIL import Image

    browser.get(server)
    _wait(browser, "return window.graphReady === true")
    nodes = browser.execute_script("return cy.nodes().map(n => n.id())")
    assert {"RUS", "PRK", "KOR"} <= set(nodes)
    colour = browser.execute_script("return cy.getElementById('RUS>PRK').data('colour')")
    assert colour.startswith("rgb(")
    shot = tmp_path / "graph.png"
    browser.find_element("id", "graph").screenshot(str(shot))
    image = Image.open(shot).convert("RGB")
    colours = image.getcolors(maxcolors=1_000_000)
    assert image.size[0] > 400 and len(colours) > 20  # not a blank box: nodes, edges and labels drawn


def test_document_view_marks_non_facts(server, browser):
    browser.get(server)
    _wait(browser, "return window.graphReady === true")
    browser.find_element("css selector", "nav button[data-view=documents]").click()
    _wait(browser, "return document.querySelectorAll('#doc-list li').length >= 2")
    _click(browser, "#doc-list li", text="Article 0")
    _wait(browser, "return document.querySelectorAll('#doc-view .actor').length > 0")
    assert browser.find_elements("css selector", "#doc-view .event-fact")
    assert browser.find_elements("css selector", "#doc-view .event-not")
    assert "read-only" in browser.find_element("id", "stats").text


def test_confidence_slider_sets_threshold(server, browser):
    from selenium.webdriver.common.keys import Keys

    from realpolitik.analysis.confidence import default_min_confidence

    browser.get(server)
    _wait(browser, "return window.graphReady === true")
    slider = browser.find_element("id", "min-confidence")
    assert slider.get_attribute("type") == "range"
    assert (slider.get_attribute("min"), slider.get_attribute("max"), slider.get_attribute("step")) == ("0", "1", "0.05")
    label = browser.find_element("id", "threshold-label")
    _wait(browser, "return document.getElementById('threshold-label').textContent.includes('0.')")
    assert f"{default_min_confidence():.2f}" in label.text
    before = label.text
    slider.send_keys(Keys.END)  # all the way up: 1.00
    _wait(browser, "return document.getElementById('threshold-label').textContent.includes('1.00')")
    assert label.text != before
    # The network reloads with the new threshold: nothing scores above 1.
    _wait(browser, "return performance.getEntriesByType('resource')"
                   ".some(r => r.name.includes('/api/network') && r.name.includes('min_confidence=1.00'))")
    slider.send_keys(Keys.HOME)  # all the way down: every event
    _wait(browser, "return document.getElementById('threshold-label').textContent.includes('0.00')")
    assert "all events" in label.text
    # The document view says how many events the threshold hides.
    slider.send_keys(Keys.END)
    browser.find_element("css selector", "nav button[data-view=documents]").click()
    _wait(browser, "return document.querySelectorAll('#doc-list li').length >= 2")
    _click(browser, "#doc-list li", text="Article 0")
    _wait(browser, "return (document.getElementById('doc-hidden') || {}).textContent")
    note = browser.find_element("id", "doc-hidden").text
    assert "hidden by the confidence threshold" in note and "1.00" in note


# -- issue 11: URLs for every view, clickable results, names, readable layout -----------------------

def _click(driver, selector, text=""):
    """Click the first match (holding ``text``) as soon as it is there: lists may be drawn again
    meanwhile, so an element found in one step may be gone in the next (a stale reference)."""
    _wait(driver, f"const el = [...document.querySelectorAll({selector!r})].find(e => e.textContent.includes({text!r}));"
                  " if (!el) return false; el.click(); return true;")


def _open(driver, url):
    """A fresh page load (not a same-page hash change, which would keep an earlier test's threshold)."""
    driver.get("about:blank")
    driver.get(url)

def test_views_have_urls_that_round_trip(server, browser):
    _open(browser, f"{server}/#/dyad?a=RUS&b=PRK&by=year&factual=true")
    _wait(browser, "return window.routed && document.querySelectorAll('#dyad-events tr').length > 1")
    assert browser.find_element("id", "view-dyad").is_displayed()
    form = browser.execute_script("const f = document.getElementById('dyad-form'); return [f.a.value, f.b.value, f.by.value]")
    assert form == ["RUS", "PRK", "year"]
    assert "Russia (RUS)" in browser.find_element("id", "dyad-title").text
    # From a dyad's event to its document view, with a URL of its own.
    _click(browser, "#dyad-events a.doc-link")
    _wait(browser, "return location.hash.startsWith('#/document/') && document.querySelectorAll('#doc-view .actor').length > 0")
    doc_url = browser.current_url
    assert "Article" in browser.find_element("css selector", "#doc-view h2").text
    # The same URL opened afresh shows the same document.
    _open(browser, doc_url)
    _wait(browser, "return document.querySelectorAll('#doc-view .actor').length > 0")
    assert browser.find_element("id", "view-documents").is_displayed()
    # Network filters live in the URL too.
    _open(browser, f"{server}/#/network?since=2024-07-01&factual=true")
    _wait(browser, "return window.graphReady === true && window.routed === location.hash")
    assert browser.execute_script("return document.querySelector('#network-filters [name=since]').value") == "2024-07-01"
    assert browser.execute_script("return performance.getEntriesByType('resource')"
                                  ".some(r => r.name.includes('/api/network') && r.name.includes('since=2024-07-01'))")


def test_search_results_open_documents(server, browser):
    _open(browser, f"{server}/#/search?q=artillery")
    _wait(browser, "return document.querySelectorAll('#search-results ul.results a').length > 0")
    assert browser.find_element("css selector", "#search-form [name=q]").get_attribute("value") == "artillery"
    _click(browser, "#search-results ul.results a")
    _wait(browser, "return location.hash.startsWith('#/document/') && document.querySelectorAll('#doc-view .actor').length > 0")
    assert "artillery" in browser.find_element("id", "doc-view").text
    browser.back()
    _wait(browser, "return location.hash.startsWith('#/search') && document.querySelectorAll('#search-results a').length > 0")
    _click(browser, "#search-results table a.doc-link")
    _wait(browser, "return location.hash.startsWith('#/document/')")


def test_document_list_filters(server, browser):
    _open(browser, f"{server}/#/documents")
    _wait(browser, "return document.querySelectorAll('#doc-list li[data-hash]').length == 2")
    assert "2 document(s)" in browser.find_element("id", "doc-pages").text
    box = browser.find_element("css selector", "#doc-filters [name=q]")
    box.send_keys("sanctions")
    browser.find_element("css selector", "#doc-filters button").click()
    _wait(browser, "return location.hash.includes('q=sanctions') && document.querySelectorAll('#doc-list li[data-hash]').length == 1")
    assert "Article 1" in browser.find_element("id", "doc-list").text


def test_network_names_blocs_and_labels_apart(server, browser):
    _open(browser, server)
    _wait(browser, "return window.graphReady === true")
    labels = browser.execute_script("return cy.nodes().map(n => n.data('label'))")
    assert "North Korea (PRK)" in labels and "Russia (RUS)" in labels
    assert browser.execute_script("return window.labelsOverlap()") is False
    blocs = browser.find_elements("css selector", "#blocs ol li")
    assert blocs and all(li.find_elements("css selector", ".swatch") for li in blocs)
    assert any("South Korea" in li.text for li in blocs)


@pytest.fixture(scope="module")
def emoji_server(tmp_path_factory, extractor):
    """A store whose document has characters outside the BMP (two UTF-16 units each), flags made of
    two of them, a skin-tone modifier and combining accents before the events it highlights."""


    db = tmp_path_factory.mktemp("emoji") / "s.duckdb"
    text = ("👍🏽 🇺🇦🇵🇱 Poland expelled two Russian diplomats on Monday. Cafe\u0301 owners in Zu\u0308rich 😀😀 "
            "said Chile praised Peru. 𝒳 Japan criticized North Korea.")
    with open_store(db) as store:
        store.add([extractor.extract(Document(doc_id="emoji", text=text, date="2024-06-03", title="Emoji"))])
    with serving(db) as url:
        yield url


def test_highlights_hit_the_right_characters_with_emoji(emoji_server, browser):
    """The server counts code points, the browser UTF-16 units: every highlight must still cover
    exactly the words the API names."""
    import json
    import urllib.request

    with urllib.request.urlopen(f"{emoji_server}/api/documents") as response:
        doc_hash = json.load(response)[0]["doc_hash"]
    with urllib.request.urlopen(f"{emoji_server}/api/documents/{doc_hash}?min_confidence=0") as response:
        doc = json.load(response)
    expected_events = sorted(e["event_text"] for e in doc["events"])
    expected_actors = sorted(doc["text"][a["start_char"]:a["end_char"]] for a in doc["actors"])
    assert {"expelled", "praised", "criticized"} <= set(expected_events)
    assert any(ord(c) > 0xFFFF for c in doc["text"][:doc["events"][-1]["event_start"]])

    browser.get(emoji_server)
    _wait(browser, "return window.graphReady === true")
    browser.execute_script("document.getElementById('min-confidence').value = '0';"
                           "document.getElementById('min-confidence').dispatchEvent(new Event('change'));")
    browser.find_element("css selector", "nav button[data-view=documents]").click()
    _wait(browser, "return document.querySelectorAll('#doc-list li').length >= 1")
    _click(browser, "#doc-list li")
    _wait(browser, "return document.querySelectorAll('#doc-view .actor').length > 0")
    events = browser.execute_script(
        "return [...document.querySelectorAll('#doc-view .event-fact, #doc-view .event-not')].map(e => e.textContent)")
    actors = browser.execute_script("return [...document.querySelectorAll('#doc-view .actor')].map(e => e.textContent)")
    assert sorted(events) == expected_events
    assert sorted(actors) == expected_actors


@pytest.fixture(scope="module")
def alerts_server(tmp_path_factory, extractor):
    """A read-only dashboard over a store in which `realpolitik watch` rules have fired."""

    from realpolitik.monitor import fire, parse_rules

    db = tmp_path_factory.mktemp("alerts") / "a.duckdb"
    texts = [("Russia delivered advanced missile technology to North Korea on Tuesday.", "2024-06-18"),
             ("Poland expelled two Russian diplomats on Monday.", "2024-06-17")]
    with open_store(db) as store:
        store.add([extractor.extract(Document(doc_id=f"a{i}", text=t, date=d, title=f"Report {i}",
                                              url=f"http://127.0.0.1/report-{i}.html"))
                   for i, (t, d) in enumerate(texts)])
        rules = parse_rules({"rules": [{"name": "tech-to-dprk", "dyad": ["RUS", "PRK"], "types": ["AID"],
                                        "min_confidence": 0, "description": "Russian military technology for Pyongyang"}]})
        fire(store, rules, default_confidence=0, log=None, say=lambda m: None)
    with serving(db) as url:
        yield url, db


def test_alerts_view_shows_evidence_and_badges_new_ones(alerts_server, browser):
    from realpolitik.monitor import fire, parse_rules

    base, db = alerts_server
    browser.get(f"{base}/#/network")
    browser.execute_script("localStorage.clear()")
    browser.get(f"{base}/#/network")
    _wait(browser, "return window.routed !== undefined")
    assert _wait(browser, "const b = document.querySelector('#alerts-badge'); return !b.hidden && b.textContent") == "1"
    browser.find_element("css selector", "#nav-alerts").click()
    _wait(browser, "return document.querySelectorAll('#alerts-list article.alert').length === 1")
    card = browser.find_element("css selector", "#alerts-list article.alert").text
    assert "tech-to-dprk" in card and "RUS → PRK" in card and "Russia delivered advanced missile technology" in card
    assert "Report 0" in card and "Russian military technology for Pyongyang" in card
    assert browser.execute_script("return document.querySelector('#alerts-badge').hidden")
    assert browser.execute_script("return location.hash") == "#/alerts"

    browser.execute_script("location.hash = '#/network'")
    with open_store(db) as store:  # a new alert arrives while the dashboard is open
        rules = parse_rules({"rules": [{"name": "expulsions", "types": ["SANCTION"], "source": "POL", "min_confidence": 0}]})
        assert fire(store, rules, default_confidence=0, log=None, say=lambda m: None)
    browser.execute_script("checkAlerts()")  # what the 20-second poll does
    assert _wait(browser, "const b = document.querySelector('#alerts-badge'); return !b.hidden && b.textContent") == "1"
    browser.find_element("css selector", "#nav-alerts").click()
    _wait(browser, "return document.querySelectorAll('#alerts-list article.alert').length === 2")
    first = browser.find_element("css selector", "#alerts-list article.alert").text
    assert "expulsions" in first and "Poland expelled two Russian diplomats" in first
    assert browser.execute_script("return document.querySelector('#alerts-badge').hidden")

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

import pytest

from realpolitik.records import Document
from realpolitik.store import open_store

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
DRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
HAVE_BROWSER = os.path.exists(CHROMIUM) and os.path.exists(DRIVER)
if not HAVE_BROWSER and os.environ.get("RP_REQUIRE_BROWSER") != "1":
    pytest.skip("headless Chromium is not installed", allow_module_level=True)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(tmp_path_factory, extractor):
    import uvicorn

    from realpolitik.web import create_app

    db = tmp_path_factory.mktemp("browser") / "s.duckdb"
    texts = [("Russia sent artillery shells to North Korea. China criticized South Korea. "
              "Japan praised South Korea. South Korea wants to sign a treaty with Japan.", "2024-06-03"),
             ("The United States imposed sanctions on Russia. North Korea praised Russia.", "2024-07-01")]
    with open_store(db) as store:
        store.add([extractor.extract(Document(doc_id=f"d{i}", text=t, date=d, title=f"Article {i}"))
                   for i, (t, d) in enumerate(texts)])
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(create_app(db, read_only=True), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(100):
        if srv.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=5)


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
    items = browser.find_elements("css selector", "#doc-list li")
    next(li for li in items if "Article 0" in li.text).click()
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
    next(li for li in browser.find_elements("css selector", "#doc-list li") if "Article 0" in li.text).click()
    _wait(browser, "return (document.getElementById('doc-hidden') || {}).textContent")
    note = browser.find_element("id", "doc-hidden").text
    assert "hidden by the confidence threshold" in note and "1.00" in note

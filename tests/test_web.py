from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from realpolitik.records import Document
from realpolitik.store import open_store
from realpolitik.web import create_app

ARTICLES = [
    ("Russia sent artillery shells to North Korea on Monday. China criticized South Korea.", "2024-06-03"),
    ("North Korea praised Russia. South Korea wants to sign a treaty with Japan.", "2024-07-10"),
]


@pytest.fixture(scope="module")
def db(tmp_path_factory, extractor):
    path = tmp_path_factory.mktemp("web") / "s.duckdb"
    with open_store(path) as store:
        store.add([extractor.extract(Document(doc_id=f"d{i}", text=t, date=d)) for i, (t, d) in enumerate(ARTICLES)])
    return path


def test_network_dyad_events_search(db):
    client = TestClient(create_app(db, read_only=True), base_url="http://127.0.0.1")
    assert client.get("/api/stats").json()["documents"] == 2
    network = client.get("/api/network").json()
    ids = {n["id"] for n in network["nodes"]}
    assert {"RUS", "PRK"} <= ids
    edge = next(e for e in network["edges"] if (e["source"], e["target"]) == ("RUS", "PRK"))
    assert edge["weight"] > 0 and edge["count"] >= 1
    dyad = client.get("/api/dyad", params={"a": "RUS", "b": "PRK", "by": "month"}).json()
    assert [r["period"] for r in dyad["series"]] == ["2024-06-01", "2024-07-01"]
    assert all(e["factual"] for e in dyad["events"])
    assert client.get("/api/dyad", params={"a": "RUS", "b": "PRK", "by": "decade"}).status_code == 422
    events = client.get("/api/events", params={"actor": "KOR", "factual": "false"}).json()
    assert any(not e["factual"] and e["modality"] == "desired" for e in events)
    found = client.get("/api/search", params={"q": "artillery"}).json()
    assert found["events"] and found["documents"]


def test_document_view_spans(db):
    client = TestClient(create_app(db, read_only=True), base_url="http://127.0.0.1")
    doc_hash = client.get("/api/documents").json()[0]["doc_hash"]
    doc = client.get(f"/api/documents/{doc_hash}").json()
    for actor in doc["actors"]:
        assert doc["text"][actor["start_char"]:actor["end_char"]]
    for event in doc["events"]:
        assert doc["text"][event["event_start"]:event["event_end"]] == event["event_text"]
    assert client.get("/api/documents/nope").status_code == 404


def test_adding_articles_and_read_only(tmp_path, db):
    ro = TestClient(create_app(db, read_only=True), base_url="http://127.0.0.1")
    assert ro.post("/api/documents", json={"text": "Chile praised Peru."}).status_code == 403
    rw = TestClient(create_app(tmp_path / "new.duckdb", read_only=False), base_url="http://127.0.0.1")
    created = rw.post("/api/documents", json={"text": "Chile praised Peru.", "date": "2024-01-02"})
    assert created.status_code == 201 and created.json()["added"] == 1
    upload = rw.post("/api/upload", files={"file": ("a.txt", b"Peru criticized Chile.", "text/plain")})
    assert upload.status_code == 201
    bad = rw.post("/api/upload", files={"file": ("b.txt", b"\xff\xfe bad", "text/plain")})
    assert bad.status_code == 422 and "b.txt" in bad.json()["detail"]
    assert rw.get("/api/stats").json()["documents"] == 2


def test_openapi_documents_every_route(db):
    spec = TestClient(create_app(db), base_url="http://127.0.0.1").get("/openapi.json").json()
    assert {"/api/network", "/api/dyad", "/api/events", "/api/documents", "/api/search", "/api/upload"} <= set(spec["paths"])

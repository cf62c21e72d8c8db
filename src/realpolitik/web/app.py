"""FastAPI app: a dashboard (network, dyads, documents, search, add an article) and its JSON API.

The app holds one DuckDB connection behind a lock; it is read-only unless adding articles is on.
Front-end libraries are installed from the npm registry at build time into static/vendor and
served from here, so the dashboard works offline.
"""
from __future__ import annotations

import threading
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI, HTTPException, Query, UploadFile
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field

from ..analysis import build_network, dyad_series, network_summary
from ..analysis.confidence import confidence_condition, resolve_min_confidence
from ..errors import RealpolitikError
from ..records import Document
from ..sources import doc_id_for
from ..store import open_store

STATIC = Path(str(resources.files("realpolitik.web").joinpath("static")))

# Every endpoint returning events takes this; left out, the threshold configured in settings applies.
# FastAPI answers 422 for anything that is not a number from 0 to 1.
MinConfidence = Query(default=None, ge=0.0, le=1.0, allow_inf_nan=False,
                      description="Hide events whose confidence is below this (0..1); 0 shows all. "
                                  "Default: [events] min_confidence in settings.")


class NewArticle(BaseModel):
    text: str = Field(min_length=1, description="Plain text of the article")
    title: str | None = None
    date: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}$")


class Store:
    """The store with a lock: DuckDB connections are not shared across threads unguarded."""

    def __init__(self, path: Path, read_only: bool) -> None:
        self.store = open_store(path, read_only=read_only)
        self.lock = threading.Lock()

    def __call__(self, fn, *args, **kwargs):
        with self.lock:
            return fn(self.store, *args, **kwargs)


def create_app(db: str | Path = "realpolitik.duckdb", *, read_only: bool = True) -> FastAPI:
    app = FastAPI(title="realpolitik", version="0.1.0",
                  description="Events, dyads, the network and documents, each with its evidence sentence.")
    held = Store(Path(db), read_only)
    extractor_holder: dict[str, Any] = {}
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html")

    def threshold(value: float | None) -> float:
        try:
            return resolve_min_confidence(value)
        except ValueError as exc:  # only a broken setting gets here; the query value is checked by FastAPI
            raise HTTPException(status_code=422, detail=str(exc)) from None

    @app.get("/api/stats", summary="Store counts, whether articles may be added, the default confidence threshold")
    def stats() -> dict[str, Any]:
        counts = held(lambda s: s.counts())
        vendor = (STATIC / "vendor" / "cytoscape.min.js").exists()
        return {**counts, "read_only": read_only, "assets": vendor, "min_confidence": threshold(None)}

    @app.get("/api/network", summary="Actors as nodes, dyads as signed weighted edges, blocs")
    def network(since: str | None = None, until: str | None = None, type: str | None = None,
                factual: bool = True, min_confidence: float | None = MinConfidence) -> dict[str, Any]:
        floor = threshold(min_confidence)
        graph = held(lambda s: build_network(s, since=since, until=until, factual=factual, plover=type,
                                             min_confidence=floor))
        return {**network_summary(graph), "min_confidence": floor}

    @app.get("/api/dyad", summary="Time series and events for a pair of actors")
    def dyad(a: str, b: str, by: str = "month", factual: bool = True,
             min_confidence: float | None = MinConfidence) -> dict[str, Any]:
        floor = threshold(min_confidence)
        try:
            series = held(lambda s: dyad_series(s, a, b, by=by, factual=factual, min_confidence=floor))
        except ValueError as exc:
            raise HTTPException(status_code=422, detail=str(exc)) from None
        forward = held(lambda s: s.events(dyad=(a, b), factual=factual, limit=200, min_confidence=floor))
        backward = held(lambda s: s.events(dyad=(b, a), factual=factual, limit=200, min_confidence=floor))
        return {"series": series, "events": _clean(forward + backward), "min_confidence": floor}

    @app.get("/api/events", summary="Events with their evidence sentences")
    def events(actor: str | None = None, a: str | None = None, b: str | None = None, type: str | None = None,
               since: str | None = None, until: str | None = None, factual: bool = False,
               limit: int = Query(default=200, le=5000),
               min_confidence: float | None = MinConfidence) -> list[dict[str, Any]]:
        dyad_pair = (a, b) if a and b else None
        floor = threshold(min_confidence)
        rows = held(lambda s: s.events(actor=actor, dyad=dyad_pair, plover=type, since=since, until=until,
                                       factual=factual, limit=limit, min_confidence=floor))
        return _clean(rows)

    @app.get("/api/documents", summary="Stored documents")
    def documents(limit: int = Query(default=200, le=5000)) -> list[dict[str, Any]]:
        return _clean(held(lambda s: s.query(
            "SELECT doc_hash, doc_id, title, date, length(text) AS chars FROM documents ORDER BY date DESC NULLS LAST, doc_id LIMIT ?",
            [limit])))

    @app.get("/api/documents/{doc_hash}", summary="A document with its actor and event spans")
    def document(doc_hash: str, min_confidence: float | None = MinConfidence) -> dict[str, Any]:
        floor = threshold(min_confidence)
        found = held(lambda s: s.query("SELECT doc_hash, doc_id, title, date, text FROM documents WHERE doc_hash = ?", [doc_hash]))
        if not found:
            raise HTTPException(status_code=404, detail=f"no document {doc_hash}")
        actors = held(lambda s: s.query("SELECT start_char, end_char, code, text FROM actors WHERE doc_hash = ? ORDER BY start_char", [doc_hash]))
        evs = held(lambda s: s.events(doc_hash=doc_hash, min_confidence=floor))
        total = held(lambda s: s.query("SELECT count(*) AS n FROM events WHERE doc_hash = ?", [doc_hash]))[0]["n"]
        return {**_clean(found)[0], "actors": actors, "events": _clean(evs), "min_confidence": floor,
                "hidden_events": total - len(evs)}

    @app.get("/api/search", summary="Search events and documents by words")
    def search(q: str = Query(min_length=2), limit: int = Query(default=50, le=500),
               min_confidence: float | None = MinConfidence) -> dict[str, Any]:
        pattern = f"%{q}%"
        condition, floor_params = confidence_condition(threshold(min_confidence))
        evs = held(lambda s: s.query(
            "SELECT * FROM events WHERE (sentence_text ILIKE ? OR event_text ILIKE ? OR source_code = ? OR target_code = ?) "
            + (f"AND {condition} " if condition else "")
            + "ORDER BY date DESC NULLS LAST LIMIT ?", [pattern, pattern, q.upper(), q.upper(), *floor_params, limit]))
        docs = held(lambda s: s.query(
            "SELECT doc_hash, doc_id, title, date FROM documents WHERE title ILIKE ? OR text ILIKE ? LIMIT ?",
            [pattern, pattern, limit]))
        return {"events": _clean(evs), "documents": _clean(docs), "min_confidence": threshold(min_confidence)}

    @app.post("/api/documents", status_code=201, summary="Add an article (off with --read-only)")
    def add_document(article: NewArticle) -> dict[str, Any]:
        return _add(article.text, article.title, article.date)

    @app.post("/api/upload", status_code=201, summary="Upload a text file as an article (off with --read-only)")
    async def upload(file: UploadFile) -> dict[str, Any]:
        raw = await file.read()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise HTTPException(status_code=422, detail=f"{file.filename}: not valid UTF-8") from None
        return _add(text, file.filename, None)

    def _add(text: str, title: str | None, date: str | None) -> dict[str, Any]:
        if read_only:
            raise HTTPException(status_code=403, detail="the server runs with --read-only")
        if not text.strip():
            raise HTTPException(status_code=422, detail="empty article")
        if "extractor" not in extractor_holder:
            from ..events import Extractor

            extractor_holder["extractor"] = Extractor()
        doc = Document(doc_id=title or doc_id_for(text), text=text.strip(), title=title, date=date)
        extraction = extractor_holder["extractor"].extract(doc)
        try:
            added = held(lambda s: s.add([extraction]))
        except RealpolitikError as exc:
            raise HTTPException(status_code=422, detail=str(exc)) from None
        return {"doc_hash": doc_id_for(doc.text), "added": added, "events": len(extraction.events)}

    return app


def _clean(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Dates to ISO strings so every row serialises the same way."""
    for row in rows:
        for key in ("date", "date_end", "ingested_at"):
            if row.get(key) is not None:
                row[key] = str(row[key])
    return rows

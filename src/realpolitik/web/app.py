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
from ..errors import RealpolitikError
from ..records import Document
from ..sources import doc_id_for
from ..store import open_store

STATIC = Path(str(resources.files("realpolitik.web").joinpath("static")))


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

    @app.get("/api/stats", summary="Store counts and whether articles may be added")
    def stats() -> dict[str, Any]:
        counts = held(lambda s: s.counts())
        vendor = (STATIC / "vendor" / "cytoscape.min.js").exists()
        return {**counts, "read_only": read_only, "assets": vendor}

    @app.get("/api/network", summary="Actors as nodes, dyads as signed weighted edges, blocs")
    def network(since: str | None = None, until: str | None = None, type: str | None = None,
                factual: bool = True) -> dict[str, Any]:
        graph = held(lambda s: build_network(s, since=since, until=until, factual=factual, plover=type))
        return network_summary(graph)

    @app.get("/api/dyad", summary="Time series and events for a pair of actors")
    def dyad(a: str, b: str, by: str = "month", factual: bool = True) -> dict[str, Any]:
        try:
            series = held(lambda s: dyad_series(s, a, b, by=by, factual=factual))
        except ValueError as exc:
            raise HTTPException(status_code=422, detail=str(exc)) from None
        forward = held(lambda s: s.events(dyad=(a, b), factual=factual, limit=200))
        backward = held(lambda s: s.events(dyad=(b, a), factual=factual, limit=200))
        return {"series": series, "events": _clean(forward + backward)}

    @app.get("/api/events", summary="Events with their evidence sentences")
    def events(actor: str | None = None, a: str | None = None, b: str | None = None, type: str | None = None,
               since: str | None = None, until: str | None = None, factual: bool = False,
               limit: int = Query(default=200, le=5000)) -> list[dict[str, Any]]:
        dyad_pair = (a, b) if a and b else None
        rows = held(lambda s: s.events(actor=actor, dyad=dyad_pair, plover=type, since=since, until=until,
                                       factual=factual, limit=limit))
        return _clean(rows)

    @app.get("/api/documents", summary="Stored documents")
    def documents(limit: int = Query(default=200, le=5000)) -> list[dict[str, Any]]:
        return _clean(held(lambda s: s.query(
            "SELECT doc_hash, doc_id, title, date, length(text) AS chars FROM documents ORDER BY date DESC NULLS LAST, doc_id LIMIT ?",
            [limit])))

    @app.get("/api/documents/{doc_hash}", summary="A document with its actor and event spans")
    def document(doc_hash: str) -> dict[str, Any]:
        found = held(lambda s: s.query("SELECT doc_hash, doc_id, title, date, text FROM documents WHERE doc_hash = ?", [doc_hash]))
        if not found:
            raise HTTPException(status_code=404, detail=f"no document {doc_hash}")
        actors = held(lambda s: s.query("SELECT start_char, end_char, code, text FROM actors WHERE doc_hash = ? ORDER BY start_char", [doc_hash]))
        evs = held(lambda s: s.events(doc_hash=doc_hash))
        return {**_clean(found)[0], "actors": actors, "events": _clean(evs)}

    @app.get("/api/search", summary="Search events and documents by words")
    def search(q: str = Query(min_length=2), limit: int = Query(default=50, le=500)) -> dict[str, Any]:
        pattern = f"%{q}%"
        evs = held(lambda s: s.query(
            "SELECT * FROM events WHERE sentence_text ILIKE ? OR event_text ILIKE ? OR source_code = ? OR target_code = ? "
            "ORDER BY date DESC NULLS LAST LIMIT ?", [pattern, pattern, q.upper(), q.upper(), limit]))
        docs = held(lambda s: s.query(
            "SELECT doc_hash, doc_id, title, date FROM documents WHERE title ILIKE ? OR text ILIKE ? LIMIT ?",
            [pattern, pattern, limit]))
        return {"events": _clean(evs), "documents": _clean(docs)}

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

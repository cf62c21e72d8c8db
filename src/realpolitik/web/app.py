"""FastAPI app: a dashboard (network, dyads, documents, search, add an article) and its JSON API.

The store is opened per request, read-only, and for a write only as long as the write takes, so the
command line can read (and ingest into) the same file while the dashboard runs. Extraction runs in a
worker thread, one document at a time, while other requests are answered. Every request passes
``RequestGuard`` first: Host header, read-only, same origin and body size, all before any body is
read. Front-end libraries (also Swagger UI and ReDoc for /docs and /redoc) are installed from the npm
registry at build time into static/vendor and served from here, so everything works offline.
"""
from __future__ import annotations

import ipaddress
import json
import threading
from collections.abc import Iterable
from datetime import datetime
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI, HTTPException, Query, Request, Response, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field

from .. import settings
from ..analysis import build_network, dyad_series, network_summary
from ..analysis.network import actor_name
from ..analysis.query import attach_documents
from ..analysis.confidence import resolve_min_confidence
from ..errors import OptionError, RealpolitikError, check_date
from ..records import Document
from ..sources import doc_id_for
from ..store import check_writable, is_postgres_url, open_store

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
    """The store, opened for each use and closed after it: no lock on the file outlives a request.

    ``store(fn)`` runs ``fn`` on a read-only connection, ``store.write(fn)`` on a writable one. One
    process may not hold both kinds at once, so uses are serialised by a lock."""

    def __init__(self, path: Path, read_only: bool) -> None:
        self.path = path
        if read_only:
            open_store(path, read_only=True).close()  # fails now, with a clear error, if there is no store
        else:
            check_writable(path)  # creates the store and its tables when new
        self.lock = threading.Lock()

    def __call__(self, fn, *args, **kwargs):
        with self.lock, open_store(self.path, read_only=True, wait=5.0) as store:
            return fn(store, *args, **kwargs)

    def write(self, fn, *args, **kwargs):
        with self.lock, open_store(self.path, wait=5.0) as store:
            return fn(store, *args, **kwargs)


UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
WILDCARDS = {"0.0.0.0", "::", ""}


class RequestGuard:
    """ASGI middleware run before any route reads a body.

    - the Host header must name the address served (or a name in ``[web] allowed_hosts``): a
      DNS-rebinding page reaches the server under its own domain name and is refused;
    - writes are refused at once when the server is read-only;
    - a write coming from a browser must come from the dashboard's own origin (``Origin`` and
      ``Sec-Fetch-Site``), so another web page cannot post to the store;
    - a body larger than ``max_bytes`` is refused from its Content-Length, or, without one, as soon as
      more than that has arrived."""

    def __init__(self, app, *, hosts: set[str], any_ip: bool, read_only: bool, max_bytes: int) -> None:
        self.app, self.hosts, self.any_ip = app, hosts, any_ip
        self.read_only, self.max_bytes = read_only, max_bytes

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        host = headers.get("host", "")
        refusal = self._refusal(scope, headers, host)
        if refusal:
            await _send_json(send, *refusal)
            return
        if scope["method"] not in UNSAFE_METHODS:
            await self.app(scope, receive, send)
            return
        seen = 0
        started = refused = False

        async def counted_receive():
            nonlocal seen, refused
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.max_bytes:
                if not started and not refused:  # answer now: the app may turn the error into its own 400
                    refused = True
                    await _send_json(send, 413, self._too_large())
                raise _TooLarge
            return message

        async def tracked_send(message):
            nonlocal started
            if refused:
                return  # the 413 has been sent; whatever the app answers after it is dropped
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted_receive, tracked_send)
        except _TooLarge:
            if not started and not refused:
                await _send_json(send, 413, self._too_large())

    def _refusal(self, scope, headers: dict[str, str], host: str) -> tuple[int, str] | None:
        if not self._host_allowed(host):
            return 421, f"Host header {host[:100]!r} is not an address this server answers to"
        if scope["method"] not in UNSAFE_METHODS:
            return None
        if self.read_only:
            return 403, "the server runs with --read-only: adding articles is off"
        origin = headers.get("origin")
        scheme = scope.get("scheme", "http")
        if origin is not None and origin != f"{scheme}://{host}":
            return 403, f"cross-origin request refused (Origin {origin[:100]!r})"
        if headers.get("sec-fetch-site", "same-origin") not in {"same-origin", "none"}:
            return 403, "cross-site request refused"
        length = headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_bytes):
            return 413, self._too_large()
        return None

    def _too_large(self) -> str:
        return f"request body too large: the limit is {self.max_bytes:,} bytes ([web] max_upload_bytes)"

    def _host_allowed(self, host: str) -> bool:
        name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
        name = name.strip("[]").lower()
        if name in self.hosts:
            return True
        if self.any_ip:
            try:
                ipaddress.ip_address(name)
                return True
            except ValueError:
                return False
        return False


class _TooLarge(Exception):
    pass


async def _send_json(send, status: int, detail: str) -> None:
    body = json.dumps({"detail": detail}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


def create_app(db: str | Path = "realpolitik.duckdb", *, read_only: bool = True, host: str = "127.0.0.1",
               allowed_hosts: Iterable[str] | None = None, max_upload_bytes: int | None = None) -> FastAPI:
    """The app over the store at ``db``. ``host`` is the address served (checked against the Host
    header with ``allowed_hosts``, default ``[web] allowed_hosts``); a wildcard address (0.0.0.0)
    admits any IP address but still no other name."""
    app = FastAPI(title="realpolitik", version="0.1.0", docs_url=None, redoc_url=None,
                  description="Events, dyads, the network and documents, each with its evidence sentence.")
    held = Store(db if is_postgres_url(db) else Path(db), read_only)
    extractor_holder: dict[str, Any] = {}
    extracting = threading.Lock()  # one extraction at a time; the pipeline is not shared between threads
    names = {h.strip("[]").lower() for h in (allowed_hosts if allowed_hosts is not None
                                             else settings.get("web", "allowed_hosts"))}
    if host not in WILDCARDS:
        names.add(host.strip("[]").lower())
    limit = int(max_upload_bytes if max_upload_bytes is not None else settings.get("web", "max_upload_bytes"))
    app.add_middleware(RequestGuard, hosts=names, any_ip=host in WILDCARDS, read_only=read_only, max_bytes=limit)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.exception_handler(RealpolitikError)
    async def coded_error(_request: Request, exc: RealpolitikError) -> JSONResponse:
        return JSONResponse(status_code=exc.status, content={"detail": exc.message, "code": exc.code})

    @app.exception_handler(ValueError)
    async def refused_value(_request: Request, exc: ValueError) -> JSONResponse:
        return JSONResponse(status_code=422, content={"detail": " ".join(str(exc).split()), "code": OptionError.code})

    @app.get("/docs", include_in_schema=False)
    def swagger() -> HTMLResponse:
        return get_swagger_ui_html(openapi_url="/openapi.json", title="realpolitik API",
                                   swagger_js_url="/static/vendor/swagger-ui-bundle.js",
                                   swagger_css_url="/static/vendor/swagger-ui.css", swagger_favicon_url="data:,")

    @app.get("/redoc", include_in_schema=False)
    def redoc() -> HTMLResponse:
        return get_redoc_html(openapi_url="/openapi.json", title="realpolitik API", with_google_fonts=False,
                              redoc_js_url="/static/vendor/redoc.standalone.js", redoc_favicon_url="data:,")

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
        """Events without a date of their own count at their document's date; with neither, in the
        period "undated". Each event carries its document (doc_hash, doc_id, title) to open it."""
        from ..analysis.query import check_actor, select_events

        floor = threshold(min_confidence)

        def read(s):
            check_actor(s, a, "actor a")
            check_actor(s, b, "actor b")
            series = dyad_series(s, a, b, by=by, factual=factual, min_confidence=floor)
            evs = select_events(s, pair=(a, b), factual=True if factual else None, min_confidence=floor, limit=400)
            return series, evs

        try:
            series, evs = held(read)
        except ValueError as exc:
            raise HTTPException(status_code=422, detail=getattr(exc, "message", str(exc))) from None
        names = {code: actor_name(code) for code in (a, b)}
        return {"series": series, "events": _clean(evs), "names": names, "min_confidence": floor}

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

    @app.get("/api/documents", summary="Stored documents, newest first; filter by words and dates, page with offset")
    def documents(response: Response, q: str | None = None, since: str | None = None, until: str | None = None,
                  offset: int = Query(default=0, ge=0), limit: int = Query(default=200, ge=1, le=5000)
                  ) -> list[dict[str, Any]]:
        """The header X-Total-Count holds how many documents match before paging."""
        since, until = check_date(since, "since"), check_date(until, "until")
        total = held(lambda s: s.count_documents(q=q, since=since, until=until))
        response.headers["X-Total-Count"] = str(total)
        return _clean(held(lambda s: s.list_documents(q=q, since=since, until=until, limit=limit, offset=offset)))

    @app.get("/api/documents/{doc_hash}", summary="A document with its actor and event spans")
    def document(doc_hash: str, min_confidence: float | None = MinConfidence) -> dict[str, Any]:
        floor = threshold(min_confidence)
        found = [d for d in [held(lambda s: s.document(doc_hash))] if d]
        if not found:
            raise HTTPException(status_code=404, detail=f"no document {doc_hash}")
        actors = held(lambda s: s.document_actors(doc_hash))
        evs = held(lambda s: s.events(doc_hash=doc_hash, min_confidence=floor))
        total = held(lambda s: s.count_events(doc_hash))
        return {**_clean(found)[0], "actors": actors, "events": _clean(evs), "min_confidence": floor,
                "hidden_events": total - len(evs)}

    @app.get("/api/search", summary="Search events and documents by words")
    def search(q: str = Query(min_length=2), limit: int = Query(default=50, le=500),
               min_confidence: float | None = MinConfidence) -> dict[str, Any]:
        floor = threshold(min_confidence)
        evs = held(lambda s: s.search_events(q, min_confidence=floor, limit=limit))
        docs = held(lambda s: s.search_documents(q, limit=limit))
        held(lambda s: attach_documents(s, evs))  # every event names its document, to open it
        return {"events": _clean(evs), "documents": _clean(docs), "min_confidence": threshold(min_confidence)}

    @app.get("/api/alerts", summary="Alerts fired by realpolitik watch, newest first, each with its evidence")
    def alerts(since: str | None = Query(default=None, description="Only alerts fired after this ISO timestamp"),
               limit: int = Query(default=100, ge=1, le=1000)) -> dict[str, Any]:
        """Each alert holds the rule that fired, the event, its sentence, document and URL, and every
        report of the event (``mentions``). ``latest`` is the newest ``fired_at`` in the store: the
        dashboard counts alerts newer than the last it showed for its badge."""
        if since is not None:
            try:
                since = datetime.fromisoformat(since).isoformat()
            except ValueError:
                raise OptionError(f"since: {since!r} is not an ISO timestamp") from None
        found = held(lambda s: s.alerts(limit=limit, since=since))
        newest = held(lambda s: s.alerts(limit=1))
        return {"alerts": found, "latest": newest[0]["fired_at"] if newest else None}

    @app.post("/api/documents", status_code=201, summary="Add an article (off with --read-only)")
    def add_document(article: NewArticle) -> dict[str, Any]:
        return _add(article.text, article.title, article.date)

    @app.post("/api/upload", status_code=201,
              summary="Upload a file: text, Markdown, HTML, an RSS/Atom feed or JSONL (off with --read-only)")
    async def upload(file: UploadFile) -> dict[str, Any]:
        from .uploads import read_upload

        # The readers of `realpolitik ingest`, with their checks and errors: an HTML page gives its main
        # text (never its markup), a feed one document per entry, JSONL one per line.
        documents = await run_in_threadpool(read_upload, file.file, file.filename)
        return await run_in_threadpool(_add_documents, documents)  # the event loop stays free

    def _add_documents(documents: list[Document]) -> dict[str, Any]:
        if read_only:
            raise HTTPException(status_code=403, detail="the server runs with --read-only")
        with extracting:
            if "extractor" not in extractor_holder:
                from ..events import Extractor

                extractor_holder["extractor"] = Extractor()
            extractions = [extractor_holder["extractor"].extract(doc) for doc in documents]
        added = held.write(lambda s: s.add(extractions))
        hashes = [doc_id_for(doc.text) for doc in documents]
        return {"doc_hash": hashes[0] if hashes else None, "added": added,
                "events": sum(len(x.events) for x in extractions),
                "documents": [{"doc_hash": h, "doc_id": d.doc_id, "title": d.title, "date": d.date}
                              for h, d in zip(hashes, documents)]}

    def _add(text: str, title: str | None, date: str | None) -> dict[str, Any]:
        if read_only:
            raise HTTPException(status_code=403, detail="the server runs with --read-only")
        if not text.strip():
            raise HTTPException(status_code=422, detail="empty article")
        date = check_date(date, "date")
        doc = Document(doc_id=title or doc_id_for(text), text=text.strip(), title=title, date=date)
        with extracting:
            if "extractor" not in extractor_holder:
                from ..events import Extractor

                extractor_holder["extractor"] = Extractor()
            extraction = extractor_holder["extractor"].extract(doc)
        added = held.write(lambda s: s.add([extraction]))
        return {"doc_hash": doc_id_for(doc.text), "added": added, "events": len(extraction.events)}

    return app


def _clean(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Dates to ISO strings so every row serialises the same way."""
    for row in rows:
        for key in ("date", "date_end", "ingested_at", "doc_date", "when"):
            if row.get(key) is not None:
                row[key] = str(row[key])
    return rows

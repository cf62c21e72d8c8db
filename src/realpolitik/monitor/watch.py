"""``realpolitik watch``: poll a list of feeds and article URLs, ingest what is new, fire alerts.

Each poll:

1. reads from the store what every URL answered last (ETag, Last-Modified) and which article URLs were
   already ingested;
2. fetches every listed URL that is not an article already ingested, conditionally (a 304 means
   nothing new); a feed is read by the same reader as ``ingest`` (feedparser), and each entry whose
   link is new is fetched and its main text extracted with trafilatura (the entry's own text is used
   when the page cannot be had); a listed URL that is not a feed is an article page;
3. extracts events from the new texts with the same ``Extractor`` as ``ingest`` and adds them to the
   store in one go with the fetch state and the URLs seen (a text already stored is not stored again;
   a URL once ingested is never fetched again);
4. evaluates the alert rules on the store and fires the alerts not fired before.

A source that fails (network error after retries, HTTP error, robots.txt, a malformed feed) is
reported in the poll's report and the others go on.
"""
from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from ..errors import InputError, OptionError, RealpolitikError
from ..records import Document
from ..sources import doc_id_for, read_paths
from .fetch import Fetcher, FetchResult

FEED_TYPES = ("rss", "atom", "rdf", "/xml", "+xml")


def read_sources(path: str | Path) -> list[str]:
    """One URL a line; blank lines and lines starting with # are skipped."""
    from ..sources.readers import read_text_file

    path = Path(path)
    lines = read_text_file(path, what="sources").splitlines()
    urls = []
    for number, line in enumerate(lines, start=1):
        text = line.split(" #", 1)[0].strip()
        if not text or text.startswith("#"):
            continue
        if not text.startswith(("http://", "https://")):
            raise InputError(f"{path}:{number}", f"not an http(s) URL: {text[:80]!r}")
        urls.append(text)
    if not urls:
        raise InputError(str(path), "no URLs in the sources file")
    return list(dict.fromkeys(urls))


def parse_every(text: str) -> float:
    """'15m', '1h', '30s', '2h30m' or a number of seconds -> seconds."""
    raw = str(text).strip().lower()
    units = {"s": 1, "m": 60, "h": 3600, "d": 86400}
    total, number = 0.0, ""
    try:
        for char in raw:
            if char.isdigit() or char == ".":
                number += char
            else:
                total += float(number) * units[char]
                number = ""
        total += float(number) if number else 0
    except (ValueError, KeyError):
        raise OptionError(f"--every {text!r}: expected a period such as 15m, 1h or 90s") from None
    if total <= 0:
        raise OptionError(f"--every {text!r}: the period must be positive")
    return total


@dataclass
class PollReport:
    sources: int = 0
    fetched: int = 0
    not_modified: int = 0
    skipped: int = 0
    new_documents: int = 0
    new_urls: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    alerts: list[dict[str, Any]] = field(default_factory=list)

    def summary(self) -> str:
        text = (f"{self.sources} source(s): {self.fetched} fetched, {self.not_modified} unchanged (304), "
                f"{self.skipped} already ingested; {self.new_urls} new article URL(s), {self.new_documents} new "
                f"document(s); {len(self.alerts)} alert(s); {len(self.failed)} failed")
        return text


def _looks_like_feed(result: FetchResult) -> bool:
    kind = result.content_type.lower()
    if "html" in kind:
        return False
    if any(t in kind for t in FEED_TYPES):
        return True
    head = result.body[:1000].lower()
    return b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head


def _read_body(body: bytes, url: str, suffix: str, date: str | None, warn: Callable[[str], None]) -> list[Document]:
    """Documents from a fetched body, by the readers ``ingest`` uses; errors name the URL."""
    with tempfile.TemporaryDirectory(prefix="rp-watch-") as folder:
        path = Path(folder) / f"fetched{suffix}"
        path.write_bytes(body)
        try:
            docs = list(read_paths([path], date=date, lenient=True,
                                   warn=lambda m: warn(m.replace(str(path), url))))
        except RealpolitikError as exc:
            message = getattr(exc, "message", str(exc)).replace(str(path), url)
            raise InputError(url, message.split(": ", 1)[1] if message.startswith(url + ": ") else message) from None
    return [replace(d, origin=url, doc_id=url if d.doc_id == path.name else d.doc_id) for d in docs]


class Watcher:
    """Polls sources into the store at ``db``; ``rules`` (a ``RuleSet``) fire alerts after each poll."""

    def __init__(self, db: str | Path, *, rules=None, alert_log: Path | None = None, webhook: str | None = None,
                 fetcher: Fetcher | None = None, model: str | None = None, default_confidence: float = 0.0,
                 follow_links: bool = True, say: Callable[[str], None] = print,
                 warn: Callable[[str], None] = print, extractor=None) -> None:
        self.db, self.rules, self.alert_log, self.webhook = Path(db), rules, alert_log, webhook
        self.fetcher = fetcher or Fetcher()
        self.model, self.default_confidence, self.follow_links = model, default_confidence, follow_links
        self.say, self.warn = say, warn
        self._extractor = extractor  # an Extractor already loaded, or None to load one when needed

    def close(self) -> None:
        self.fetcher.close()

    def extractor(self):
        if self._extractor is None:
            from ..events import Extractor

            self._extractor = Extractor(model=self.model)
        return self._extractor

    def poll(self, urls: list[str]) -> PollReport:
        from ..store import open_store

        report = PollReport(sources=len(urls))
        today = datetime.now(timezone.utc).date().isoformat()
        with open_store(self.db) as store:  # creates the store and its tables when new
            states = {url: store.watch_state(url) or {} for url in urls}
            done = store.seen_urls(urls)
        new_states: list[dict[str, Any]] = []
        items: list[dict[str, Any]] = []
        documents: list[Document] = []
        for url in urls:
            if url in done:
                report.skipped += 1
                continue
            try:
                self._poll_source(url, states[url], today, report, new_states, items, documents)
            except RealpolitikError as exc:
                report.failed.append((url, getattr(exc, "message", str(exc)).replace(f"{url}: ", "", 1)))
        for url, reason in report.failed:
            self.warn(f"{url}: {reason}")
        unique: dict[str, Document] = {}
        for doc in documents:
            unique.setdefault(doc_id_for(doc.text), doc)
        extractions = list(self.extractor().extract_many(list(unique.values()))) if unique else []
        with open_store(self.db) as store:
            report.new_documents = store.add(extractions)
            store.record_watch(new_states, items)
            report.new_urls = len(items)
            if self.rules is not None:
                from .alerts import fire

                report.alerts = fire(store, self.rules, default_confidence=self.default_confidence,
                                     log=self.alert_log, webhook=self.webhook, say=self.say, warn=self.warn)
        return report

    def _poll_source(self, url: str, state: dict[str, Any], today: str, report: PollReport,
                     new_states: list[dict[str, Any]], items: list[dict[str, Any]], documents: list[Document]) -> None:
        result = self.fetcher.fetch(url, etag=state.get("etag"), last_modified=state.get("last_modified"))
        if result.not_modified:
            report.not_modified += 1
            new_states.append({**_state(state, url), "status": 304, "error": None})
            return
        if not result.ok:
            new_states.append({**_state(state, url), "status": result.status, "error": result.error})
            raise InputError(url, result.error or f"HTTP {result.status}")
        report.fetched += 1
        fresh = {"url": url, "etag": result.etag, "last_modified": result.last_modified, "status": 200, "error": None}
        if not _looks_like_feed(result):
            doc = self._page(result, today)
            documents.append(doc)
            items.append({"url": url, "doc_hash": doc_id_for(doc.text), "found_in": url})
            new_states.append(fresh)
            return
        entries = _read_body(result.body, url, ".xml", today, self.warn)
        new_states.append(fresh)
        links = [e.url or f"{url}#{e.doc_id}" for e in entries]
        with _store_view(self.db) as store:
            seen = store.seen_urls(links)
        seen |= {i["url"] for i in items}
        for entry, link in zip(entries, links):
            if link in seen:
                continue
            seen.add(link)
            doc = entry
            if self.follow_links and entry.url:
                page = self.fetcher.fetch(entry.url)
                try:
                    if not page.ok:
                        raise InputError(entry.url, page.error or f"HTTP {page.status}")
                    doc = self._page(page, entry.date or today, title=entry.title, date=entry.date)
                except RealpolitikError as exc:
                    reason = getattr(exc, "message", str(exc))
                    if not entry.text.strip():
                        report.failed.append((entry.url, reason))
                        continue
                    self.warn(f"{reason}; using the feed's text of the entry")
            doc = replace(doc, url=entry.url or doc.url, origin=url)
            documents.append(doc)
            items.append({"url": link, "doc_hash": doc_id_for(doc.text), "found_in": url})

    def _page(self, result: FetchResult, today: str, *, title: str | None = None, date: str | None = None) -> Document:
        docs = _read_body(result.body, result.url, ".html", today, self.warn)
        doc = docs[0]
        return replace(doc, url=result.url, doc_id=result.url, title=doc.title or title,
                       date=date or doc.date or today, origin=result.url)

    def run(self, urls: list[str], *, every: float, once: bool = False,
            on_report: Callable[[PollReport], None] | None = None, polls: int | None = None) -> PollReport:
        """Poll now and then every ``every`` seconds (``once``: a single poll, for cron)."""
        count = 0
        while True:
            started = time.monotonic()
            report = self.poll(urls)
            count += 1
            if on_report:
                on_report(report)
            if once or (polls is not None and count >= polls):
                return report
            time.sleep(max(0.0, every - (time.monotonic() - started)))


def _state(previous: dict[str, Any], url: str) -> dict[str, Any]:
    return {"url": url, "etag": previous.get("etag"), "last_modified": previous.get("last_modified")}


class _store_view:
    """The store opened read-only for a moment (another poll step may write later)."""

    def __init__(self, db: Path) -> None:
        self.db = db

    def __enter__(self):
        from ..store import open_store

        self.store = open_store(self.db, read_only=True)
        return self.store

    def __exit__(self, *exc: object) -> None:
        self.store.close()

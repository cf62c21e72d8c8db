"""Readers for every input kind. Each raises ``InputError`` naming the input and the problem."""
from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from .. import settings
from ..errors import InputError
from ..records import Document

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
FEED_SUFFIXES = {".rss", ".atom", ".xml", ".feed"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
# Common names for the same field across corpora (VOA uses "published", others "body", ...).
FIELD_NAMES = {
    "id": ("id", "doc_id", "story_id", "article_id", "aid", "uuid"),
    "text": ("text", "body", "content", "story", "article", "maintext"),
    "title": ("title", "headline", "heading"),
    "date": ("date", "published", "publish_date", "pubdate", "date_publish", "datetime", "timestamp"),
    "url": ("url", "link", "source_url"),
}
MIN_ARTICLE_WORDS = 4
_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def doc_id_for(text: str) -> str:
    """A document's identity is the hash of its text, so the same text is stored once."""
    return hashlib.sha1(text.strip().encode("utf-8")).hexdigest()[:16]


def normalise_date(value: Any) -> str | None:
    if value is None:
        return None
    match = _DATE.search(str(value))
    return "-".join(match.groups()) if match else None


def read_paths(paths: Iterable[str | Path], *, date: str | None = None) -> Iterator[Document]:
    """Yield documents from files and folders (recursively); raise on the first bad input."""
    for raw in paths:
        path = Path(raw)
        if str(raw) == "-":
            import sys

            yield from read_text_stream(sys.stdin, name="<stdin>", date=date)
            continue
        if not path.exists():
            raise InputError(str(path), "no such file or folder")
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
            yield from read_paths(files, date=date)
            continue
        yield from read_file(path, date=date)


def read_file(path: Path, *, date: str | None = None) -> Iterator[Document]:
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES or suffix == ".json":
        yield from read_jsonl(path, date=date)
        return
    raw = _read_bytes(path, settings.get("sources", "max_file_bytes"))
    text = _decode(raw, str(path))
    if suffix in HTML_SUFFIXES or (suffix not in FEED_SUFFIXES and _looks_like_html(text)):
        yield _html_document(text, path, date)
    elif suffix in FEED_SUFFIXES or _looks_like_feed(text):
        yield from _feed_documents(raw, path, date)
    else:
        yield _text_document(text, path, date)


def read_text_stream(stream: IO[str], *, name: str, date: str | None = None) -> Iterator[Document]:
    text = stream.read()
    if not text.strip():
        raise InputError(name, "empty input: nothing to read")
    yield Document(doc_id=name, text=text.strip(), title=None, date=date, origin=name)


def read_jsonl(path: Path, *, date: str | None = None) -> Iterator[Document]:
    """One JSON object per line with at least a text field; ids and dates are mapped by common names."""
    if not path.exists():
        raise InputError(str(path), "no such file or folder")
    size = path.stat().st_size
    if size == 0:
        raise InputError(str(path), "empty file: nothing to read")
    if size > settings.get("sources", "max_jsonl_bytes"):
        raise InputError(str(path), f"file is too large ({size:,} bytes)")
    seen = 0
    with open(path, "rb") as handle:
        for number, line in enumerate(handle, start=1):
            if b"\x00" in line:
                raise InputError(f"{path}:{number}", "binary data where JSON was expected")
            text = _decode(line, f"{path}:{number}").strip()
            if not text:
                continue
            try:
                record = json.loads(text)
            except json.JSONDecodeError as exc:
                raise InputError(f"{path}:{number}", f"malformed JSON ({exc.msg})") from None
            if not isinstance(record, dict):
                raise InputError(f"{path}:{number}", "each line must be a JSON object")
            seen += 1
            yield _record_document(record, f"{path}:{number}", date)
    if seen == 0:
        raise InputError(str(path), "no JSON records found")


def _pick(record: dict[str, Any], field: str) -> Any:
    for name in FIELD_NAMES[field]:
        if record.get(name) not in (None, ""):
            return record[name]
    return None


def _record_document(record: dict[str, Any], where: str, date: str | None) -> Document:
    body = _pick(record, "text")
    if not isinstance(body, str) or not body.strip():
        raise InputError(where, "record has no text field (expected one of: text, body, content)")
    body = body.strip()
    ident = _pick(record, "id")
    return Document(
        doc_id=str(ident) if ident is not None else doc_id_for(body),
        text=body,
        title=_pick(record, "title"),
        date=normalise_date(_pick(record, "date")) or date,
        url=_pick(record, "url"),
        origin=where.rsplit(":", 1)[0],
    )


def _read_bytes(path: Path, limit: int) -> bytes:
    size = path.stat().st_size
    if size > limit:
        raise InputError(str(path), f"file is too large ({size:,} bytes; the limit is {limit:,})")
    raw = path.read_bytes()
    if not raw.strip():
        raise InputError(str(path), "empty file: nothing to read")
    if b"\x00" in raw[:8192]:
        raise InputError(str(path), "binary file: expected text, HTML, a feed or JSONL")
    return raw


def _decode(raw: bytes, name: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(name, f"not valid UTF-8 (byte {exc.start}); convert it with iconv first") from None


def _looks_like_html(text: str) -> bool:
    head = text[:1000].lower()
    return "<html" in head or "<!doctype html" in head or "<body" in head


def _looks_like_feed(text: str) -> bool:
    head = text[:1000].lower()
    return "<rss" in head or "<feed" in head or "<rdf:rdf" in head


def _text_document(text: str, path: Path, date: str | None) -> Document:
    body = text.strip()
    title = None
    first = body.splitlines()[0].strip() if body else ""
    if first.startswith("#"):
        title = first.lstrip("#").strip()
        body = body[len(first):].strip() or body
    return Document(doc_id=path.name, text=body, title=title, date=date, origin=str(path))


def _html_document(text: str, path: Path, date: str | None) -> Document:
    import trafilatura

    extracted = trafilatura.bare_extraction(text, with_metadata=True)
    if extracted is None or not getattr(extracted, "text", None):
        extracted = trafilatura.bare_extraction(text, with_metadata=True, favor_recall=True)
    body = getattr(extracted, "text", None) if extracted is not None else None
    if not body or len(body.split()) < MIN_ARTICLE_WORDS:  # menus and scripts are not articles
        raise InputError(str(path), "malformed or empty HTML: no main text found")
    title = getattr(extracted, "title", None)
    if title and body.startswith(title):  # the headline is kept as the title, not as a sentence
        body = body[len(title):].strip() or body
    meta_date = normalise_date(getattr(extracted, "date", None))
    return Document(doc_id=path.name, text=body.strip(), title=title,
                    date=meta_date or date, url=getattr(extracted, "url", None), origin=str(path))


def _feed_documents(raw: bytes, path: Path, date: str | None) -> Iterator[Document]:
    import feedparser

    feed = feedparser.parse(raw)
    if not feed.entries:
        reason = getattr(feed, "bozo_exception", None)
        detail = f" ({reason})" if reason else ""
        raise InputError(str(path), f"malformed feed: no entries found{detail}")
    produced = 0
    for number, entry in enumerate(feed.entries):
        html = entry.get("summary", "")
        if entry.get("content"):
            html = " ".join(c.get("value", "") for c in entry.content)
        body = _strip_tags(html).strip()
        if not body:
            continue
        produced += 1
        parsed = entry.get("published_parsed") or entry.get("updated_parsed")
        entry_date = f"{parsed.tm_year:04d}-{parsed.tm_mon:02d}-{parsed.tm_mday:02d}" if parsed else None
        yield Document(doc_id=entry.get("id") or f"{path.name}#{number}", text=body,
                       title=entry.get("title"), date=entry_date or date, url=entry.get("link"),
                       origin=str(path))
    if produced == 0:
        raise InputError(str(path), "malformed feed: no entry has any text")


def _strip_tags(html: str) -> str:
    if "<" not in html:
        return html
    import lxml.html

    try:
        return lxml.html.fromstring(html).text_content()
    except Exception:  # lxml raises several types on fragments; plain text is the fallback
        return re.sub(r"<[^>]+>", " ", html)

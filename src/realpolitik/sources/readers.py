"""Readers for every input kind. Each raises ``InputError`` naming the input and the problem."""
from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import sys
import warnings
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from .. import settings
from ..errors import InputError, OptionError, check_date
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
    """The first real YYYY-MM-DD date in metadata (HTML pages), or None."""
    match = _DATE.search(str(value)) if value is not None else None
    try:
        return check_date(match.group(0)) if match else None
    except OptionError:
        return None


Warn = Callable[[str], None]


def _warn(message: str) -> None:
    warnings.warn(message, InputWarning, stacklevel=3)


class InputWarning(UserWarning):
    """Input was read only in part (``lenient``): the message says what was kept."""


def read_paths(paths: Iterable[str | Path], *, date: str | None = None, lenient: bool = False,
               warn: Warn | None = None) -> Iterator[Document]:
    """Yield documents from files and folders (recursively) and ``-`` (stdin); raise on the first bad input.

    Only regular files are read, never more than ``[sources] max_file_bytes`` (JSONL corpora:
    ``max_jsonl_bytes``) whatever the file claims. ``lenient`` turns a malformed feed or JSONL line
    into a warning (through ``warn``) that names how many items were kept."""
    date = check_date(date, "date")
    warn = warn or _warn
    for raw in paths:
        if str(raw) == "-":
            yield from read_stdin(date=date, lenient=lenient, warn=warn)
            continue
        path = Path(raw)
        mode = _stat(path).st_mode
        if stat.S_ISDIR(mode):
            yield from read_paths(folder_files(path), date=date, lenient=lenient, warn=warn)
            continue
        yield from read_file(path, date=date, lenient=lenient, warn=warn)


def folder_files(path: Path) -> list[Path]:
    """The files a folder holds, recursively, hidden ones left out; an InputError when there are none
    (an empty folder given to read is a mistake, not a run that reads nothing)."""
    files = sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
    if not files:
        raise InputError(str(path), "folder holds no files to read")
    return files


def read_file(path: Path, *, date: str | None = None, lenient: bool = False,
              warn: Warn | None = None) -> Iterator[Document]:
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES or suffix == ".json":
        yield from read_jsonl(path, date=date, lenient=lenient, warn=warn)
        return
    _require_regular(path)
    with open(path, "rb") as handle:
        raw = _read_bounded(handle, settings.get("sources", "max_file_bytes"), str(path))
    yield from _documents_from_bytes(raw, str(path), suffix, date, lenient, warn or _warn)


def read_text_file(path: str | Path, *, what: str = "input") -> str:
    """The text of a file users give (scenario, rules, sources list, gold, table): a regular file, not
    over ``[sources] max_file_bytes``, not binary, valid UTF-8; an InputError naming it otherwise."""
    path = Path(path)
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise InputError(str(path), f"no such {what} file") from None
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from None
    if stat.S_ISDIR(mode):
        raise InputError(str(path), f"is a folder; expected a {what} file")
    _require_regular(path)
    try:
        with open(path, "rb") as handle:
            raw = _read_bounded(handle, settings.get("sources", "max_file_bytes"), str(path))
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from None
    if not raw.strip():
        raise InputError(str(path), f"empty file: expected a {what} file")
    return _decode(_check_bytes(raw, str(path)), str(path))


def read_stdin(*, date: str | None = None, lenient: bool = False, warn: Warn | None = None,
               stream: IO[Any] | None = None) -> Iterator[Document]:
    """Standard input, read with the same size limit and checks as a file."""
    stream = stream if stream is not None else sys.stdin
    binary = getattr(stream, "buffer", stream)
    raw = _read_bounded(binary, settings.get("sources", "max_file_bytes"), "<stdin>")
    if isinstance(raw, str):  # a text stream without a byte buffer
        raw = raw.encode("utf-8")
    yield from _documents_from_bytes(raw, "<stdin>", "", check_date(date, "date"), lenient, warn or _warn)


def read_text_stream(stream: IO[Any], *, name: str = "<stdin>", date: str | None = None) -> Iterator[Document]:
    """A text or byte stream as one plain-text document (bounded like a file)."""
    binary = getattr(stream, "buffer", stream)
    raw = _read_bounded(binary, settings.get("sources", "max_file_bytes"), name)
    if isinstance(raw, str):
        raw = raw.encode("utf-8")
    yield _text_document(_decode(_check_bytes(raw, name), name), name, check_date(date, "date"))


def _documents_from_bytes(raw: bytes, name: str, suffix: str, date: str | None, lenient: bool,
                          warn: Warn) -> Iterator[Document]:
    text = _decode(_check_bytes(raw, name), name)
    if suffix in HTML_SUFFIXES or (suffix not in FEED_SUFFIXES and _looks_like_html(text)):
        yield _html_document(text, name, date)
    elif suffix in FEED_SUFFIXES or _looks_like_feed(text):
        yield from _feed_documents(raw, name, date, lenient, warn)
    else:
        yield _text_document(text, name, date)


def read_jsonl(path: Path, *, date: str | None = None, lenient: bool = False,
               warn: Warn | None = None) -> Iterator[Document]:
    """One JSON object per line with at least a text field; ids and dates are mapped by common names.

    A malformed line is an error; with ``lenient`` it is skipped and a warning counts what was kept."""
    path = Path(path)
    date = check_date(date, "date")
    warn = warn or _warn
    _require_regular(path)
    limit = settings.get("sources", "max_jsonl_bytes")
    line_limit = settings.get("sources", "max_file_bytes")
    seen = skipped = total = number = 0
    first_problem = ""
    with open(path, "rb") as handle:
        while True:
            line = handle.readline(line_limit + 1)
            if not line:
                break
            number += 1
            total += len(line)
            where = f"{path}:{number}"
            if total > limit:
                raise InputError(str(path), f"file is too large (over {limit:,} bytes; the limit is "
                                            "[sources] max_jsonl_bytes)")
            if len(line) > line_limit:
                raise InputError(where, f"line is too long (over {line_limit:,} bytes)")
            try:
                record = _json_line(line, where)
            except InputError as exc:
                if not lenient:
                    raise
                skipped += 1
                first_problem = first_problem or exc.message
                continue
            if record is None:
                continue
            seen += 1
            yield _record_document(record, where, date)
    if total == 0:
        raise InputError(str(path), "empty file: nothing to read")
    if seen == 0:
        raise InputError(str(path), "no JSON records found")
    if skipped:
        warn(f"{path}: skipped {skipped} malformed line(s) (first: {first_problem}); kept {seen} record(s)")


def _json_line(line: bytes, where: str) -> dict[str, Any] | None:
    if b"\x00" in line:
        raise InputError(where, "binary data where JSON was expected")
    text = _decode(line, where).strip()
    return json_object(text, where) if text else None


def json_object(text: str, where: str) -> dict[str, Any]:
    """One JSON object from a line of text; an InputError naming ``where`` otherwise."""
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(where, f"malformed JSON ({exc.msg})") from None
    if not isinstance(record, dict):
        raise InputError(where, "each line must be a JSON object")
    return record


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
        doc_id=_scalar(ident, where, "id") or doc_id_for(body),
        text=body,
        title=_scalar(_pick(record, "title"), where, "title"),
        date=_record_date(_pick(record, "date"), where) or date,
        url=_scalar(_pick(record, "url"), where, "url"),
        origin=where.rsplit(":", 1)[0],
    )


def _scalar(value: Any, where: str, field: str) -> str | None:
    """Text fields may arrive as numbers (a numeric title or id); lists and objects are refused."""
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    raise InputError(where, f"field {field!r} must be text, not {type(value).__name__}")


def _record_date(value: Any, where: str) -> str | None:
    """A record's date: the first YYYY-MM-DD in the field, which must be a real calendar date."""
    if value is None or value == "":
        return None
    match = _DATE.search(str(value))
    if not match:
        raise InputError(where, f"unreadable date {str(value)[:40]!r}: expected YYYY-MM-DD")
    try:
        return check_date(match.group(0))
    except OptionError:
        raise InputError(where, f"date {match.group(0)!r} does not exist") from None


_KINDS = {stat.S_IFCHR: "a character device", stat.S_IFBLK: "a block device",
          stat.S_IFIFO: "a named pipe (FIFO)", stat.S_IFSOCK: "a socket"}


def _stat(path: Path) -> os.stat_result:
    try:
        return path.stat()
    except FileNotFoundError:
        raise InputError(str(path), "no such file or folder") from None
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from None


def _require_regular(path: Path) -> None:
    """Devices, FIFOs and sockets never end or never start: only regular files are read."""
    mode = _stat(path).st_mode
    if stat.S_ISDIR(mode):
        raise InputError(str(path), "is a folder; expected a file")
    if not stat.S_ISREG(mode):
        kind = _KINDS.get(stat.S_IFMT(mode), "not a regular file")
        raise InputError(str(path), f"{kind}, not a regular file; copy it to a file or pipe it to '-' (stdin)")


def _read_bounded(handle: IO[Any], limit: int, name: str) -> bytes:
    """Read at most ``limit`` bytes; one byte more means too large (sizes reported by stat are not trusted)."""
    try:
        raw = handle.read(limit + 1)
    except OSError as exc:
        raise InputError(name, f"cannot read: {exc.strerror or exc}") from None
    if len(raw) > limit:
        raise InputError(name, f"input is too large (over {limit:,} bytes; the limit is [sources] max_file_bytes)")
    return raw


def _check_bytes(raw: bytes, name: str) -> bytes:
    """Refuse empty input, UTF-16/32 (named as such) and anything holding a NUL byte (binary)."""
    if not raw.strip():
        raise InputError(name, "empty input: nothing to read")
    encoding = _utf16_or_32(raw)
    if encoding:
        raise InputError(name, f"{encoding} text, expected UTF-8; convert it with: iconv -f {encoding} -t UTF-8")
    if b"\x00" in raw:
        raise InputError(name, "binary file: expected text, HTML, a feed or JSONL")
    return raw


def _utf16_or_32(raw: bytes) -> str | None:
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return "UTF-32"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16"
    head = raw[: min(len(raw), 1024) // 2 * 2]
    if len(head) >= 8:
        even, odd = head[0::2], head[1::2]
        for zeros, text in ((odd, even), (even, odd)):  # ASCII-range text as UTF-16 LE or BE without a BOM
            if zeros.count(0) >= 0.9 * len(zeros) and text.count(0) == 0:
                return "UTF-16"
    return None


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


def _text_document(text: str, name: str, date: str | None) -> Document:
    body = text.strip()
    title = None
    first = body.splitlines()[0].strip() if body else ""
    if first.startswith("#"):
        title = first.lstrip("#").strip()
        body = body[len(first):].strip() or body
    return Document(doc_id=_base(name), text=body, title=title, date=date, origin=name)


def _html_document(text: str, name: str, date: str | None) -> Document:
    import trafilatura

    extracted = trafilatura.bare_extraction(text, with_metadata=True)
    if extracted is None or not getattr(extracted, "text", None):
        extracted = trafilatura.bare_extraction(text, with_metadata=True, favor_recall=True)
    body = getattr(extracted, "text", None) if extracted is not None else None
    if not body or len(body.split()) < MIN_ARTICLE_WORDS:  # menus and scripts are not articles
        raise InputError(name, "malformed or empty HTML: no main text found")
    title = getattr(extracted, "title", None)
    if title and body.startswith(title):  # the headline is kept as the title, not as a sentence
        body = body[len(title):].strip() or body
    meta_date = normalise_date(getattr(extracted, "date", None))
    return Document(doc_id=_base(name), text=body.strip(), title=title,
                    date=meta_date or date, url=getattr(extracted, "url", None), origin=name)


def _base(name: str) -> str:
    return name if name.startswith("<") else Path(name).name


# feedparser flags these for documents that still parsed cleanly; anything else means the XML is broken.
_BENIGN_FEED_PROBLEMS = ("CharacterEncodingOverride", "NonXMLContentType")


def _feed_documents(raw: bytes, name: str, date: str | None, lenient: bool, warn: Warn) -> Iterator[Document]:
    import feedparser

    feed = feedparser.parse(raw)
    problem = getattr(feed, "bozo_exception", None) if feed.get("bozo") else None
    if problem is not None and type(problem).__name__ in _BENIGN_FEED_PROBLEMS:
        problem = None
    if not feed.entries:
        detail = f" ({_one_line(problem)})" if problem else ""
        raise InputError(name, f"malformed feed: no entries found{detail}")
    documents = []
    for number, entry in enumerate(feed.entries):
        html = entry.get("summary", "")
        if entry.get("content"):
            html = " ".join(c.get("value", "") for c in entry.content)
        body = _strip_tags(html).strip()
        if not body:
            continue
        parsed = entry.get("published_parsed") or entry.get("updated_parsed")
        entry_date = f"{parsed.tm_year:04d}-{parsed.tm_mon:02d}-{parsed.tm_mday:02d}" if parsed else None
        title = entry.get("title")
        documents.append(Document(doc_id=entry.get("id") or f"{_base(name)}#{number}", text=body,
                                  title=title if isinstance(title, str) else None, date=entry_date or date,
                                  url=entry.get("link"), origin=name))
    if not documents:
        raise InputError(name, "malformed feed: no entry has any text")
    if problem is not None:
        if not lenient:
            raise InputError(name, f"malformed or truncated feed ({_one_line(problem)}); "
                                   f"--lenient keeps the {len(documents)} readable item(s)")
        warn(f"{name}: malformed or truncated feed ({_one_line(problem)}); kept {len(documents)} item(s)")
    yield from documents


def _one_line(problem: object) -> str:
    return " ".join(str(problem).split())[:200]


def _strip_tags(html: str) -> str:
    if "<" not in html:
        return html
    import lxml.html

    try:
        return lxml.html.fromstring(html).text_content()
    except Exception:  # lxml raises several types on fragments; plain text is the fallback
        return re.sub(r"<[^>]+>", " ", html)

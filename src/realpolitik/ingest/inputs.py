"""Documents read one at a time from files, folders, JSONL corpora and stdin, with failures as records.

``iter_inputs`` yields ``Document``s and, for what cannot be read, ``Reject``s naming the file, the
record (a JSONL line) and the reason; with ``strict`` the first failure raises instead, as the readers
do. Nothing is held beyond the file being read, so memory does not grow with the corpus."""
from __future__ import annotations

import json
import stat
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from .. import settings
from ..errors import InputError, RealpolitikError, check_date
from ..records import Document
from ..sources import readers


@dataclass
class Reject:
    """A document or input that could not be read or extracted."""

    source: str
    record: str | None
    reason: str

    def as_dict(self) -> dict:
        return asdict(self)


class RejectLog:
    """Appends rejects to a JSONL file (created on the first reject) and counts them."""

    def __init__(self, path: Path | None) -> None:
        self.path, self.count, self._handle, self.first = path, 0, None, None

    def add(self, reject: Reject) -> None:
        self.count += 1
        self.first = self.first or reject
        if self.path is None:
            return
        if self._handle is None:
            self._handle = open(self.path, "a", encoding="utf-8")
        self._handle.write(json.dumps(reject.as_dict(), ensure_ascii=False) + "\n")
        self._handle.flush()

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()


def iter_inputs(paths: Iterable[str], *, date: str | None = None, lenient: bool = False,
                strict: bool = False, warn=None) -> Iterator[Document | Reject]:
    date = check_date(date, "--date")
    for raw in paths:
        if str(raw) == "-":
            yield from _guard(readers.read_stdin(date=date, lenient=lenient, warn=warn), "<stdin>", strict)
            continue
        path = Path(raw)
        try:
            mode = readers._stat(path).st_mode
        except RealpolitikError as exc:
            if strict:
                raise
            yield Reject(str(path), None, _reason(exc))
            continue
        if stat.S_ISDIR(mode):
            try:
                files = readers.folder_files(path)
            except RealpolitikError as exc:
                if strict:
                    raise
                yield Reject(str(path), None, _reason(exc))
                continue
            yield from iter_inputs([str(f) for f in files], date=date, lenient=lenient, strict=strict, warn=warn)
        elif path.suffix.lower() in readers.JSONL_SUFFIXES and not strict:
            yield from _jsonl_records(path, date)
        else:
            yield from _guard(readers.read_file(path, date=date, lenient=lenient, warn=warn), str(path), strict)


def _guard(documents: Iterator[Document], source: str, strict: bool) -> Iterator[Document | Reject]:
    try:
        yield from documents
    except RealpolitikError as exc:
        if strict:
            raise
        yield Reject(getattr(exc, "source", source) or source, None, _reason(exc))


def _reason(exc: Exception) -> str:
    return getattr(exc, "problem", None) or getattr(exc, "message", None) or str(exc)


def _jsonl_records(path: Path, date: str | None) -> Iterator[Document | Reject]:
    """A JSONL corpus record by record: a bad line is a reject, the next line is read."""
    try:
        readers._require_regular(path)
    except RealpolitikError as exc:
        yield Reject(str(path), None, _reason(exc))
        return
    line_limit = settings.get("sources", "max_file_bytes")
    records = 0
    with open(path, "rb") as handle:
        number = 0
        while True:
            line = handle.readline(line_limit + 1)
            if not line:
                break
            number += 1
            where = f"{path}:{number}"
            if len(line) > line_limit:
                records += 1
                yield Reject(str(path), f"line {number}", f"line is too long (over {line_limit:,} bytes)")
                while line and not line.endswith(b"\n"):  # skip the rest of the long line
                    line = handle.readline(line_limit + 1)
                continue
            try:
                record = readers._json_line(line, where)
                if record is None:
                    continue
                records += 1
                yield readers._record_document(record, where, date)
            except InputError as exc:
                records += 1
                yield Reject(str(path), f"line {number}", exc.problem)
    if records == 0:  # as read_jsonl: a corpus with no line to read is an error, not an empty run
        yield Reject(str(path), None, "empty file: nothing to read" if number == 0 else "no JSON records found")


def count_documents(paths: Iterable[str]) -> int | None:
    """About how many documents the inputs hold (JSONL: non-empty lines; other files: one), for progress
    bars; None when it cannot be known cheaply (stdin)."""
    total = 0
    for raw in paths:
        if str(raw) == "-":
            return None
        path = Path(raw)
        try:
            if path.is_dir():
                files = [p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")]
            elif path.is_file():
                files = [path]
            else:
                total += 1
                continue
            for f in files:
                if f.suffix.lower() in readers.JSONL_SUFFIXES:
                    with open(f, "rb") as handle:
                        total += sum(1 for line in handle if line.strip())
                else:
                    total += 1
        except OSError:
            total += 1
    return total

"""Uploaded files are read by the same readers as ``realpolitik ingest``: text and Markdown, HTML pages
(main text by trafilatura, never the markup), RSS/Atom feeds (one document per entry) and JSONL corpora,
with the same errors. The upload is written to a private temporary folder under its own base name so
the reader can tell its kind from the suffix and the content, as for a file on disk."""
from __future__ import annotations

import re
import shutil
from dataclasses import replace
import tempfile
from pathlib import Path
from typing import IO, Any

from ..errors import InputError, RealpolitikError
from ..records import Document
from ..sources import read_paths


def _safe_name(name: str | None) -> str:
    base = Path(name or "upload").name
    base = re.sub(r"[^\w.\-]+", "_", base).strip("._") or "upload"
    return base[:120]


def read_upload(stream: IO[Any], name: str | None, *, date: str | None = None) -> list[Document]:
    """Documents from an uploaded file; errors name the upload, not the temporary folder."""
    safe = _safe_name(name)
    folder = Path(tempfile.mkdtemp(prefix="rp-upload-"))
    try:
        path = folder / safe
        with open(path, "wb") as handle:
            shutil.copyfileobj(stream, handle)
        try:
            documents = list(read_paths([path], date=date))
        except RealpolitikError as exc:
            message = getattr(exc, "message", str(exc)).replace(str(folder) + "/", "").replace(str(folder), "")
            raise InputError(*message.split(": ", 1)) if ": " in message else InputError(safe, message) from None
        return [replace(doc, origin=f"upload:{safe}",
                        doc_id=str(doc.doc_id).replace(str(folder) + "/", "").replace(str(folder), ""))
                for doc in documents]
    finally:
        shutil.rmtree(folder, ignore_errors=True)

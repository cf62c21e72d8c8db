"""realpolitik: news about international relations in, coded events with their evidence out."""
from __future__ import annotations

from .errors import InputError, RealpolitikError
from .records import Actor, Document, Event, Extraction, Quantity

__version__ = "0.1.0"
__all__ = ["Actor", "Document", "Event", "Extraction", "InputError", "Quantity", "RealpolitikError",
           "extract", "extract_documents", "open_store", "read_paths"]


def read_paths(paths, *, date: str | None = None):
    """Documents from files, folders, feeds, HTML and JSONL corpora."""
    from .sources import read_paths as _read

    return _read(paths, date=date)


def extract_documents(documents, *, model: str | None = None):
    """Extractions for an iterable of ``Document`` records (lazy)."""
    from .events import Extractor

    return Extractor(model=model).extract_many(documents)


def extract(text: str, *, date: str | None = None, doc_id: str = "text", model: str | None = None) -> Extraction:
    """Extract actors, events and quantities from one text."""
    return next(iter(extract_documents([Document(doc_id=doc_id, text=text, date=date)], model=model)))


def open_store(path: str = "realpolitik.duckdb", *, read_only: bool = False):
    """Open the embedded DuckDB store."""
    from .store import open_store as _open

    return _open(path, read_only=read_only)

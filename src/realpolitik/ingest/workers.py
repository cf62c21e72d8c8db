"""Extraction of chunks of documents, in this process or in a pool of worker processes.

Each worker process loads the spaCy pipeline once (``spawn``: nothing is inherited from the parent but
the arguments). Chunks go out as workers free up, at most two per worker in flight, and come back in
input order, so memory stays flat and ``extract`` writes its lines in the order it read them. A document
whose extraction raises becomes a ``Reject``; the others in its chunk are extracted one by one."""
from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

from ..records import Document, Extraction
from .inputs import Reject

Result = Extraction | Reject


def extract_safely(extractor, documents: list[Document]) -> list[Result]:
    try:
        return list(extractor.extract_many(documents))
    except Exception:  # find the document that fails; the rest are extracted alone
        results: list[Result] = []
        for document in documents:
            try:
                results.append(extractor.extract(document))
            except Exception as exc:  # noqa: BLE001 - any failure of one document is that document's reject
                results.append(Reject(document.origin or document.doc_id, document.doc_id,
                                      f"extraction failed: {type(exc).__name__}: {' '.join(str(exc).split())[:300]}"))
        return results


def extract_chunks(chunks: Iterable[list[Document]], *, workers: int = 1, model: str | None = None,
                   extractor=None) -> Iterator[list[Result]]:
    """Results of each chunk, in input order. ``workers`` 1 runs in this process (with ``extractor``
    when given, else one loaded here)."""
    if workers <= 1:
        if extractor is None:
            from ..events import Extractor

            extractor = Extractor(model=model)
        for chunk in chunks:
            yield extract_safely(extractor, chunk)
        return
    yield from _pool_map(chunks, workers, model)


_EXTRACTOR: Any = None
_LOAD_ERROR: BaseException | None = None


def _load(model: str | None) -> None:
    global _EXTRACTOR, _LOAD_ERROR
    try:
        from ..events import Extractor

        _EXTRACTOR = Extractor(model=model)
    except BaseException as exc:  # reported with the first chunk rather than killing the worker in a loop
        _LOAD_ERROR = exc


def _work(chunk: list[Document]) -> list[Result]:
    if _LOAD_ERROR is not None:
        raise _LOAD_ERROR
    return extract_safely(_EXTRACTOR, chunk)


def warm(_: int) -> int:
    """A no-op task: returns once a worker has loaded its pipeline (for timing)."""
    if _LOAD_ERROR is not None:
        raise _LOAD_ERROR
    return 0


def _pool_map(chunks: Iterable[list[Document]], workers: int, model: str | None) -> Iterator[list[Result]]:
    context = multiprocessing.get_context("spawn")
    with context.Pool(workers, initializer=_load, initargs=(model,)) as pool:
        pending: deque = deque()
        for chunk in chunks:
            pending.append(pool.apply_async(_work, (chunk,)))
            while len(pending) >= 2 * workers:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()

"""Streaming ingestion: read a batch, skip what is stored, extract, commit; repeat.

Every ``batch_size`` documents read, the store (or the shard folder) is asked which of their texts it
holds already (content hash), and only the others are extracted. Results are committed every
``batch_size`` extractions, one transaction each, so a crash or ``kill -9`` loses at most the batch in
flight and running the same command again picks up where it stopped. The store is opened only for
those moments: a server or a reader gets in between batches."""
from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..records import Document
from ..sources import doc_id_for
from ..store import open_store
from ..store.rows import Rows
from .inputs import Reject, RejectLog
from .workers import extract_chunks


@dataclass
class IngestSummary:
    read: int = 0           # documents read
    skipped: int = 0        # already stored (or repeated within the run)
    extracted: int = 0
    added: int = 0          # new documents committed
    rejected: int = 0
    batches: int = 0
    sentences: int = 0
    seconds: float = 0.0
    first_reject: Reject | None = field(default=None, repr=False)

    @property
    def docs_per_second(self) -> float:
        return self.extracted / self.seconds if self.seconds > 0 else 0.0


Mapper = Callable[[Iterator[list[Document]]], Iterator[list]]


def ingest_stream(items: Iterable[Document | Reject], *, db: str | Path | None = None, out: Path | None = None,
                  batch_size: int = 200, chunk_size: int = 4, workers: int = 1, model: str | None = None,
                  mapper: Mapper | None = None, rejects: RejectLog | None = None, strict: bool = False,
                  extractor=None, on_progress: Callable[[IngestSummary], None] | None = None) -> IngestSummary:
    """Ingest ``items`` into the store ``db`` or, with ``out``, into Parquet shards in that folder.

    ``mapper`` turns chunks of documents into chunks of results (default: ``workers`` processes)."""
    from .shards import shard_hashes, write_shard

    if (db is None) == (out is None):
        raise ValueError("give a store or an output folder")
    summary = IngestSummary()
    rejects = rejects or RejectLog(None)
    started = time.perf_counter()
    shard_known = set(shard_hashes(out)) if out is not None else set()
    recent: deque[set[str]] = deque(maxlen=4)  # hashes of the last batches read: a repeat is not extracted twice

    def reject(item: Reject) -> None:
        if strict:
            from ..errors import InputError

            raise InputError(item.source + (f" ({item.record})" if item.record else ""), item.reason)
        rejects.add(item)
        summary.rejected += 1
        summary.first_reject = summary.first_reject or item

    def fresh_chunks() -> Iterator[list[Document]]:
        batch: list[Document] = []

        def flush() -> Iterator[list[Document]]:
            hashes = [doc_id_for(d.text) for d in batch]
            if out is None:
                with open_store(db) as store:
                    known = store.stored(hashes)
            else:
                known = shard_known
            keep, seen = [], set()
            for digest, document in zip(hashes, batch):
                if digest in known or digest in seen or any(digest in r for r in recent):
                    summary.skipped += 1
                    continue
                seen.add(digest)
                keep.append(document)
            recent.append(seen)
            for start in range(0, len(keep), chunk_size):
                yield keep[start:start + chunk_size]

        for item in items:
            if isinstance(item, Reject):
                reject(item)
                continue
            summary.read += 1
            batch.append(item)
            if len(batch) >= batch_size:
                yield from flush()
                batch = []
                if on_progress:
                    on_progress(summary)
        if batch:
            yield from flush()

    def commit(rows: Rows) -> None:
        if not len(rows):
            return
        if out is not None:
            write_shard(out, rows)
            summary.added += len(rows)
        else:
            with open_store(db) as store:
                summary.added += store.add_rows(rows)
        summary.batches += 1

    run = mapper or (lambda chunks: extract_chunks(chunks, workers=workers, model=model, extractor=extractor))
    pending = Rows()
    for results in run(fresh_chunks()):
        for result in results:
            if isinstance(result, Reject):
                reject(result)
                continue
            summary.extracted += 1
            summary.sentences += len(result.sentences)
            pending.add(result)
        summary.seconds = time.perf_counter() - started
        if on_progress:
            on_progress(summary)
        if len(pending) >= batch_size:
            commit(pending)
            pending = Rows()
    commit(pending)
    summary.seconds = time.perf_counter() - started
    return summary

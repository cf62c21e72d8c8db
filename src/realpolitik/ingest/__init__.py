"""Ingestion at scale: documents read as a stream, extracted in one process, in worker processes or
on a Ray cluster, and committed batch by batch (a crash loses at most the batch in flight; running the
same command again skips what is stored). Failing documents go to a rejects file and the run goes on.

- ``inputs``: the stream of documents and rejects, and a cheap count for progress bars;
- ``workers``: extraction in this process or a pool of processes, results in input order;
- ``ray_backend``: the same over a Ray cluster;
- ``run``: batching, resume, commits to any store or to Parquet shards (``shards``).
"""
from .inputs import Reject, count_documents, iter_inputs
from .run import IngestSummary, ingest_stream
from .workers import extract_chunks

__all__ = ["IngestSummary", "Reject", "count_documents", "extract_chunks", "ingest_stream", "iter_inputs"]

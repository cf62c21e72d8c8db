"""Extraction over a Ray cluster: one long-lived actor per CPU (or ``workers``), each loading the spaCy
pipeline once; chunks of documents go to the actors round-robin, at most two per actor in flight, and
results come back in input order to the driver, which commits them (PostgreSQL, DuckDB or shards).

``address`` None starts a local Ray instance on this machine; ``"auto"`` or ``"ray://host:10001"`` joins
a running cluster (see docs/scaling.md). Every node needs realpolitik installed."""
from __future__ import annotations

from collections import deque
from collections.abc import Iterator

from ..errors import RealpolitikError
from ..records import Document


class RayExtractor:
    def __init__(self, model: str | None) -> None:
        from ..events import Extractor

        self.extractor = Extractor(model=model)

    def ready(self) -> bool:
        return True

    def extract(self, chunk: list[Document]) -> list:
        from .workers import extract_safely

        return extract_safely(self.extractor, chunk)


def start_ray(address: str | None = None, *, num_cpus: int | None = None):
    try:
        import ray
    except ImportError:
        raise RealpolitikError("Ray is not installed: pip install 'realpolitik[ray]' (or make install)") from None
    if not ray.is_initialized():
        options = {"ignore_reinit_error": True, "include_dashboard": False, "log_to_driver": False}
        if address:
            ray.init(address=address, **options)
        else:
            ray.init(num_cpus=num_cpus, **options)
    return ray


def ray_mapper(address: str | None = None, *, workers: int | None = None, model: str | None = None):
    """A mapper for ``ingest_stream``: chunks in, results out, extracted by Ray actors."""

    def run(chunks: Iterator[list[Document]]) -> Iterator[list]:
        ray = start_ray(address)
        count = workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
        remote = ray.remote(num_cpus=1)(RayExtractor)
        actors = [remote.remote(model) for _ in range(count)]
        try:
            ray.get([a.ready.remote() for a in actors])  # each actor has loaded its pipeline
            pending: deque = deque()
            for n, chunk in enumerate(chunks):
                pending.append(actors[n % count].extract.remote(chunk))
                while len(pending) >= 2 * count:
                    yield ray.get(pending.popleft())
            while pending:
                yield ray.get(pending.popleft())
        finally:
            for actor in actors:
                ray.kill(actor)

    return run

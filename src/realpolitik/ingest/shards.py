"""Parquet shards: each committed batch as one folder of five Parquet files (one per table), written
under a temporary name and renamed when complete, so a crash never leaves half a shard. ``load_shards``
adds them to any store; documents stored already are skipped, so loading twice adds nothing."""
from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from ..errors import InputError
from ..store.rows import TABLES, Rows


def write_shard(folder: Path, rows: Rows) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    name = f"shard-{uuid.uuid4().hex[:12]}"
    partial = folder / f".{name}.partial"
    partial.mkdir()
    for table in TABLES:
        data = rows.rows[table]
        pq.write_table(pa.Table.from_pylist(data) if data else pa.table({"doc_hash": pa.array([], pa.string())}),
                       partial / f"{table}.parquet")
    final = folder / name
    os.rename(partial, final)
    return final


def shard_folders(folder: Path) -> list[Path]:
    if not folder.is_dir():
        raise InputError(str(folder), "no such folder of Parquet shards")
    return sorted(p for p in folder.iterdir() if p.is_dir() and p.name.startswith("shard-"))


def read_shard(shard: Path) -> Rows:
    return Rows.from_tables({t: pq.read_table(shard / f"{t}.parquet").to_pylist() for t in TABLES})


def shard_hashes(folder: Path) -> Iterator[str]:
    """Hashes of the documents the shards in ``folder`` hold (to resume a run writing shards)."""
    if not folder.is_dir():
        return
    for shard in shard_folders(folder):
        yield from pq.read_table(shard / "documents.parquet", columns=["doc_hash"]).column("doc_hash").to_pylist()


def check_shards(folder: Path) -> list[Path]:
    """The shards of ``folder``, every file of each opened (its footer and schema read) before any is
    loaded, so a folder with no shards or a damaged one fails with the store untouched."""
    shards = shard_folders(folder)
    if not shards:
        raise InputError(str(folder), "holds no shard-* folders (write them with 'realpolitik ingest --out')")
    for shard in shards:
        for table in TABLES:
            path = shard / f"{table}.parquet"
            try:
                pq.read_schema(path)
            except FileNotFoundError:
                raise InputError(str(path), "missing: an incomplete shard") from None
            except (OSError, ValueError, pa.ArrowException) as exc:
                raise InputError(str(path), f"not a readable Parquet file ({' '.join(str(exc).split())[:160]})") from None
    return shards


def load_shards(folder: Path, store, *, on_shard=None) -> tuple[int, int]:
    """Add every shard to ``store``, one transaction per shard; returns (shards, new documents)."""
    shards = check_shards(folder)
    added = 0
    for shard in shards:
        rows = read_shard(shard)
        for doc in rows.rows["documents"]:
            if doc.get("date") is not None:
                doc["date"] = str(doc["date"])
        added += store.add_rows(rows)
        if on_shard:
            on_shard(shard, len(rows))
    return len(shards), added

from __future__ import annotations

import pytest

from realpolitik.errors import StoreError
from realpolitik.records import Document
from realpolitik.store import open_store


def test_add_is_idempotent_and_keeps_evidence(tmp_path, extractor):
    doc = Document(doc_id="a", text="Poland expelled two Russian diplomats on Monday.", date="2024-05-08")
    with open_store(tmp_path / "s.duckdb") as store:
        assert store.add([extractor.extract(doc)]) == 1
        assert store.add([extractor.extract(doc)]) == 0
        [event] = store.events(factual=True)
        assert event["source_country"] == "POL" and event["target_country"] == "RUS"
        assert event["sentence_text"] == doc.text[event["start_char"]:event["end_char"]]


def test_failed_batch_leaves_store_unchanged(tmp_path, extractor):
    good = extractor.extract(Document(doc_id="a", text="Chile praised Peru.", date="2024-01-01"))
    with open_store(tmp_path / "s.duckdb") as store:
        store.add([good])
        before = store.counts()
        broken = extractor.extract(Document(doc_id="b", text="Peru praised Chile.", date="not-a-date"))
        with pytest.raises(StoreError, match=r"E003.*nothing was stored"):
            store.add([broken])
        assert store.counts() == before

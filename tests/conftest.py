from __future__ import annotations

import pytest

from realpolitik.events import Extractor


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor()


@pytest.fixture(scope="session")
def code(extractor):
    """Extract from one text; return its events."""
    from realpolitik.records import Document

    def run(text: str, date: str = "2024-06-19"):
        return extractor.extract(Document(doc_id="t", text=text, date=date))

    return run

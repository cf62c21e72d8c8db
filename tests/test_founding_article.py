"""The founding article (../shared/corpus/seed) holds every kind of thing the coder must read. These
readings are pinned so that a change fitted on other news cannot quietly lose them: the summit and
the trip, the invasion and the war, the veto, the military aid with its attribution and quantity as
facts; the hoped-for, feared, refused and conditional acts as non-facts."""
from __future__ import annotations

from pathlib import Path

import pytest

from realpolitik.records import Document

SEED = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seed" / "putin-pyongyang-summit-2024-06.txt"


@pytest.fixture(scope="module")
def seed(extractor):
    if not SEED.exists():
        pytest.fail(f"{SEED} is missing: the shared corpus must sit beside the repository")
    return extractor.extract(Document(doc_id="seed", text=SEED.read_text(encoding="utf-8"), date="2024-06-19"))


def _readings(extraction, *, factual: bool):
    return {(e.source.country if e.source else None, e.target.country if e.target else None, e.plover)
            for e in extraction.events if e.factual == factual}


def test_the_facts_are_read_as_facts(seed):
    facts = _readings(seed, factual=True)
    for reading in [("RUS", "PRK", "CONSULT"), ("RUS", "UKR", "ASSAULT"), ("PRK", "RUS", "AID")]:
        assert reading in facts, reading
    assert any(source == "RUS" and plover == "REJECT" for source, _, plover in facts)  # the veto


def test_the_aid_keeps_its_attribution_and_quantity(seed):
    aid = [e for e in seed.events if e.factual and e.plover == "AID" and e.source.country == "PRK"]
    assert aid and aid[0].attribution is not None and aid[0].attribution.country == "KOR"
    assert aid[0].quantities, "the number of containers belongs to the aid"


def test_wishes_fears_refusals_and_conditions_are_not_facts(seed):
    others = [e for e in seed.events if not e.factual]
    assert {e.modality for e in others} >= {"hypothetical", "future"}
    assert any(e.polarity == "negated" for e in others)
    facts = _readings(seed, factual=True)
    assert ("KOR", "UKR", "AID") not in facts  # Seoul has not supplied weapons to Ukraine
    assert ("PRK", "USA", "ASSAULT") not in facts  # a strike that would follow a condition
    assert ("RUS", "CHN", "ASSAULT") not in facts  # engaging a partner is diplomacy

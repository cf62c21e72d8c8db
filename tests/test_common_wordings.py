"""A behaviour suite of common news wordings: for each sentence, whether its event type is read as
a fact, and for some who acts on whom. The sentences (tests/data/common_wordings.jsonl) were
written for this suite, in the styles of wire copy; none comes from an article or a gold set.
Records: ``text``, ``type`` (PLOVER), ``fact`` (whether that type must be coded as a fact), and
optionally ``source`` and ``target`` (ISO3 codes the fact must carry)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

CASES = [json.loads(line) for line in (Path(__file__).parent / "data" / "common_wordings.jsonl")
         .read_text(encoding="utf-8").splitlines() if line.strip()]


def _facts(extraction):
    return {((e.source.country or e.source.org) if e.source else None,
             (e.target.country or e.target.org) if e.target else None, e.plover)
            for e in extraction.events if e.factual}


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:60] for c in CASES])
def test_common_wording(code, case):
    facts = _facts(code(case["text"]))
    if "source" in case:
        assert (case["source"], case["target"], case["type"]) in facts, facts
    elif case["fact"]:
        assert case["type"] in {p for _, _, p in facts}, facts
    else:
        assert case["type"] not in {p for _, _, p in facts}, facts


def test_the_suite_covers_every_type_and_both_readings():
    types = {c["type"] for c in CASES}
    assert len(types) == 16 and {c["fact"] for c in CASES} == {True, False}

"""Vocabulary and reading for diplomatic and cooperative acts, and words that make a non-fact.

The sentences are written for these tests; none comes from an article or a gold set.
"""
from __future__ import annotations

import pytest


def triples(ex, factual_only=True):
    return {((e.source.country or e.source.org) if e.source else None,
             (e.target.country or e.target.org) if e.target else None, e.plover)
            for e in ex.events if e.factual or not factual_only}


def factual_types(ex):
    return {e.plover for e in ex.events if e.factual}


@pytest.mark.parametrize("sentence, plover", [
    # a frequency adverb that denies a habit: no act happened
    ("The Peruvian president seldom criticized Chile.", "ACCUSE"),
    ("The Peruvian president rarely criticized Chile in public.", "ACCUSE"),
    # a need stated with a copula and an adjective ("it is crucial for X to ...") is no fact
    ("Brazil's support is crucial for Bolivia to negotiate the loan with Argentina.", "CONSULT"),
    ("It is essential for Chile to negotiate with Peru.", "CONSULT"),
    # a denial of charges named by the noun a relative clause modifies is no rejection
    ("Charges that the Peruvian electoral board denied angered the opposition.", "REJECT"),
    ("The allegations the Bolivian ministry rejected were serious.", "REJECT"),
])
def test_no_fact(code, sentence, plover):
    assert plover not in factual_types(code(sentence)), sentence


def test_plain_criticism_and_negotiation_stay_facts(code):
    assert ("PER", "CHL", "ACCUSE") in triples(code("The Peruvian president criticized Chile."))
    assert ("CHL", "PER", "CONSULT") in triples(code("Chile negotiated with Peru on Monday."))

"""Second PLOVER gold standard round: who a place, a border or an ally stands for. Sentences are
written for the tests."""
from __future__ import annotations


def _triples(extraction):
    return {(e.plover, e.source and e.source.country, e.target and e.target.country)
            for e in extraction.events if e.factual}


def test_a_capital_named_before_its_state_began_is_a_city_of_the_old_state(code):
    assert ("ASSAULT", "UGA", "SDN") in _triples(code("Ugandan rebels shelled Juba on Sunday.", date="1995-03-01"))


def test_the_same_capital_after_independence_is_the_new_state(code):
    assert ("ASSAULT", "UGA", "SSD") in _triples(code("Ugandan rebels shelled Juba on Sunday.", date="2015-03-01"))

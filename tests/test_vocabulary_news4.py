"""Vocabulary added in the fourth session: orders to act, blows dealt, delegations sent.

The sentences are written for these tests; none comes from an article or a gold set.
"""
from __future__ import annotations

import pytest


def triples(ex):
    return {((e.source.country or e.source.org) if e.source else None,
             (e.target.country or e.target.org) if e.target else None, e.plover)
            for e in ex.events if e.factual}


@pytest.mark.parametrize("sentence, expected", [
    # an order to act is a demand on whoever is ordered
    ("The Chilean government ordered Bolivia to withdraw its ambassador.", ("CHL", "BOL", "REQUEST")),
    # dealing a blow to someone is an attack on them
    ("The Peruvian army dealt a heavy blow to Ecuador's forces.", ("PER", "ECU", "ASSAULT")),
    # a delegation sent abroad is a diplomatic visit
    ("Argentina sent a delegation to Uruguay.", ("ARG", "URY", "CONSULT")),
])
def test_vocabulary(code, sentence, expected):
    assert expected in triples(code(sentence)), sentence


def test_order_to_leave_keeps_its_own_code(code):
    events = [e for e in code("Peru ordered the Chilean ambassador to leave.").events if e.factual]
    assert any(e.cameo == "166" for e in events)


@pytest.mark.parametrize("text", [
    "Chile has refused to send troops to Peru and has urged its citizens to avoid travelling there.",
    "Chile urged its citizens to leave Peru immediately.",
    "Argentina told its nationals to leave Bolivia.",
])
def test_an_appeal_to_its_own_people_is_no_act_on_another_country(code, text):
    assert not [e for e in code(text).events if e.factual and e.plover in {"REQUEST", "SANCTION"}], text


def test_an_appeal_to_another_country_about_its_citizens_stays(code):
    assert ("CHL", "PER", "REQUEST") in triples(code("Chile urged Peru to release its citizens."))
    assert ("CHL", "PER", "REJECT") in triples(
        code("Chile has refused to send troops to Peru and has urged its citizens to avoid travelling there."))


@pytest.mark.parametrize("sentence, expected", [
    # a leader calling another is a telephone consultation, whatever day it was
    ("Peru's president called Chile's leader on Monday.", ("PER", "CHL", "CONSULT")),
    # vowing to retaliate is a threat
    ("Chile's president vowed to retaliate against Peru.", ("CHL", "PER", "THREATEN")),
    # launching an investigation is an investigation, not an attack
    ("Chile launched an investigation into Peru's spying.", ("CHL", "PER", "ACCUSE")),
])
def test_calls_vows_and_inquiries(code, sentence, expected):
    facts = triples(code(sentence))
    assert expected in facts, (sentence, facts)
    assert "ASSAULT" not in {p for _, _, p in facts}


def test_calling_someone_names_is_still_criticism(code):
    assert ("CHL", "PER", "ACCUSE") in triples(code("Chile called Peru's president a liar."))


def test_summoning_an_ambassador_is_a_protest_at_the_sender(code):
    assert ("PER", "CHL", "ACCUSE") in triples(code("Peru summoned the Chilean ambassador over the remarks."))


def test_launching_an_attack_is_the_attack(code):
    facts = triples(code("Peru launched a drone attack on a Chilean air base."))
    assert ("PER", "CHL", "ASSAULT") in facts and "MOBILIZE" not in {p for _, _, p in facts}


@pytest.mark.parametrize("sentence", [
    "Talks between Chile and Peru were postponed.",
    "Negotiations between Chile and Bolivia were suspended on Monday.",
])
def test_talks_called_off_are_no_talks(code, sentence):
    assert not [e for e in code(sentence).events if e.factual and e.plover == "CONSULT"], sentence


@pytest.mark.parametrize("sentence, expected", [
    ("Chile, Argentina and Brazil sent rescue teams to Peru after the earthquake.", ("ARG", "PER", "AID")),
    ("Washington reimposed oil sanctions on Caracas.", ("USA", "VEN", "SANCTION")),
    # warplanes sent toward a country are a show of force, not military aid
    ("China sent dozens of warplanes toward Taiwan on Friday.", ("CHN", "TWN", "MOBILIZE")),
])
def test_rescue_teams_reimposed_sanctions_and_warplanes_sent_toward(code, sentence, expected):
    assert expected in triples(code(sentence)), sentence


def test_co_mediators_do_not_meet_each_other(code):
    facts = triples(code("Egypt and Qatar mediated the deal."))
    assert ("EGY", "QAT", "CONSULT") not in facts and ("QAT", "EGY", "CONSULT") not in facts


def test_soldiers_burning_a_village_attack_it(code):
    assert ("PER", "BOL", "ASSAULT") in triples(code("Peruvian soldiers burned a village in Bolivia."))

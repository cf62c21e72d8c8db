"""Legal process in news as events: charges faced, convictions, what prosecutors say, and whose
courts act. Sentences are written for the tests."""
from __future__ import annotations

import pytest


def _facts(extraction):
    return [e for e in extraction.events if e.factual]


def _triples(events, sentence=None):
    return {(e.plover, e.source.country, e.target.country if e.target else None)
            for e in events if sentence is None or e.sentence == sentence}


CHILE_TRIAL = "Chile's courts opened a smuggling trial in Santiago, Chilean officials said. "
ZIMBABWE_ARREST = "Zimbabwe's police arrested a reporter in Harare last week, Zimbabwean officials said. "


@pytest.mark.parametrize("text, expected", [
    (CHILE_TRIAL + "The Peruvian captain faces smuggling charges.", ("ACCUSE", "CHL", "PER")),
    # in a story about one country's own affairs, its courts accuse its own citizen
    (ZIMBABWE_ARREST + "Moyo, who faces two charges of incitement, denies them.", ("ACCUSE", "ZWE", "ZWE")),
])
def test_one_who_faces_charges_is_accused_by_the_courts(code, text, expected):
    assert expected in _triples(_facts(code(text)), 1)


@pytest.mark.parametrize("text, absent", [
    (CHILE_TRIAL + "The Peruvian captain faces smuggling charges.", lambda e: e.source.country == "PER"),
    (CHILE_TRIAL + "The Peruvian captain faces a difficult choice.", lambda e: e.plover == "ACCUSE"),
], ids=["the accused accuses no one", "facing a choice is no charge"])
def test_facing_without_an_accuser(code, text, absent):
    assert not [e for e in _facts(code(text)) if e.sentence == 1 and absent(e)]


def test_a_surname_the_parser_misses_is_still_the_one_convicted(code):
    text = "Kenya's parliament impeached the deputy president, Kenyan officials said. " \
           "Odhiambo was convicted on three of the seven charges against him."
    assert ("SANCTION", "KEN", "KEN") in _triples(_facts(code(text)), 1)


def test_what_named_prosecutors_say_someone_did_is_their_accusation(code):
    events = _facts(code("Chilean prosecutors say two Peruvian sailors hired a gunman to kill a judge."))
    assert ("ACCUSE", "CHL", "PER") in _triples(events)


def test_according_to_prosecutors_is_the_storys_courts_accusing(code):
    text = CHILE_TRIAL + "The Peruvian navy was allegedly behind the plot, according to prosecutors."
    assert ("ACCUSE", "CHL", "PER") in _triples(_facts(code(text)), 1)


def test_prosecutors_telling_their_own_plans_accuse_no_one(code):
    text = CHILE_TRIAL + "Prosecutors told the court they would present new evidence."
    assert not [e for e in _facts(code(text)) if e.sentence == 1 and e.plover == "ACCUSE"]
    claim = CHILE_TRIAL + "Prosecutors said the Peruvian captain smuggled weapons."  # the same court, a claim
    assert [e for e in _facts(code(claim)) if e.sentence == 1 and e.plover == "ACCUSE"]


def test_the_courts_of_a_foreign_trial_are_where_it_is_held(code):
    text = ("Bolivia's spy agency plotted to kill a Bolivian dissident, Bolivian exiles said. "
            "Bolivia denied the plot. Bolivian officials called it a lie. "
            "A trial opened in Santiago on Monday. "
            "The Bolivian spy agency was behind the plot, according to prosecutors.")
    events = [e for e in _facts(code(text)) if e.sentence == 4 and e.plover == "ACCUSE"]
    assert {e.source.country for e in events} == {"CHL"}


def test_a_court_named_in_passing_is_not_the_storys_courts(code):
    text = ("Peruvian police arrested two reporters in Lima on Monday. Peru's government has been criticised "
            "since a court in Madrid ruled last year on colonial-era abuses. The two reporters were charged with sedition.")
    accused = [e for e in _facts(code(text)) if e.plover == "ACCUSE" and e.sentence == 2]
    assert accused and {(e.source.country, e.target.country) for e in accused} == {("PER", "PER")}

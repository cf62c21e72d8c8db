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


def test_a_countrys_ally_is_not_that_country(code):
    triples = _triples(code("Kurdish fighters killed the deputy chief of Turkey's militia ally in northern Syria on Sunday."))
    assert not [t for t in triples if t[2] == "TUR"], triples


def test_an_ally_named_in_apposition_is_itself(code):
    assert ("SUPPORT", "RUS", "BLR") in _triples(code("Russia and its ally, Belarus, signed a treaty."))


def test_a_border_named_by_a_country_adjective_is_where_an_act_falls(code):
    triples = _triples(code("Indian troops seized a rebel camp on the Chinese border after two days of fighting."))
    assert not [t for t in triples if t[2] == "CHN"], triples


def test_a_deployment_to_a_border_still_faces_its_country(code):
    assert ("MOBILIZE", "IND", "CHN") in _triples(code("Indian troops massed on the Chinese border."))


def test_an_investigation_of_crimes_by_the_own_side_targets_the_own_side(code):
    triples = _triples(code("Chile is investigating alleged abuses by Chilean extremists against Peruvian civilians."))
    assert ("ACCUSE", "CHL", "CHL") in triples, triples
    assert not [t for t in triples if t[2] == "PER"], triples


def test_calling_for_someone_to_act_is_a_request_to_them(code):
    triples = _triples(code("Chile is pushing hard for Peru to lift its tariffs."))
    assert ("REQUEST", "CHL", "PER") in triples, triples


def test_the_one_asked_is_the_subject_of_the_for_clause_not_a_later_name(code):
    triples = _triples(code("Chile called for Peru to reciprocate by agreeing to a ceasefire with Bolivia."))
    assert ("REQUEST", "CHL", "PER") in triples, triples
    assert ("REQUEST", "CHL", "BOL") not in triples, triples


def test_suspending_part_of_an_aid_program_is_a_sanction_on_its_beneficiary(code):
    triples = _triples(code("Chile suspended part of a military aid program for Peru aimed at bringing Bolivian and Argentine forces together."))
    assert ("SANCTION", "CHL", "PER") in triples, triples
    assert not [t for t in triples if t[2] in {"BOL", "ARG"}], triples


def test_ordering_a_newspaper_to_suspend_publication_restricts_freedoms(code):
    triples = _triples(code("Peru's government ordered the opposition newspaper to suspend publication, a spokesman said."))
    assert ("COERCE", "PER", "PER") in triples, triples


def test_ordering_troops_to_stop_is_no_censorship(code):
    triples = _triples(code("Peru's government ordered its troops to stop at the river."))
    assert ("COERCE", "PER", "PER") not in triples, triples

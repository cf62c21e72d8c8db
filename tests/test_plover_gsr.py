"""Readings the PLOVER gold standard's conventions call for: stated threats, codes PLOVER files
elsewhere than the CAMEO conversion table does. Sentences are written for the tests."""
from __future__ import annotations


def _facts(extraction):
    return [e for e in extraction.events if e.factual]


def test_a_threat_of_martial_law_falls_on_the_own_country(code):
    events = _facts(code("Peru's government announced that it is ready to impose a curfew."))
    assert ("THREATEN", "PER", "PER") in {(e.plover, e.source.country, e.target.country) for e in events}


def test_a_promise_to_resign_is_no_act_on_the_own_country(code):
    events = _facts(code("Chile's finance minister said he will resign."))
    assert not [e for e in events if e.target is not None and e.target.country == "CHL" and e.plover == "AGREE"]


def test_a_plan_to_restrict_stated_in_a_main_clause_is_a_threat(code):
    events = _facts(code("Bolivia plans to impose restrictions on Peru."))
    assert ("THREATEN", "BOL", "PER") in {(e.plover, e.source.country, e.target and e.target.country) for e in events}
    assert "COERCE" not in {e.plover for e in events}


def test_a_protest_demanding_something_is_one_protest(code):
    events = _facts(code("Thousands of Chilean students demonstrated in Santiago on Friday calling on the government to resign."))
    assert "PROTEST" in {e.plover for e in events}
    assert "REQUEST" not in {e.plover for e in events}, [(e.plover, e.event_text) for e in events]


def test_a_demand_made_apart_from_a_protest_is_still_a_request(code):
    events = _facts(code("Chile demanded that Peru withdraw its troops."))
    assert ("REQUEST", "CHL", "PER") in {(e.plover, e.source.country, e.target.country) for e in events}


def test_an_indictment_is_an_accusation_not_an_arrest(code):
    events = _facts(code("Bolivia's former interior minister was indicted by a Peruvian court."))
    assert ("ACCUSE", "PER", "BOL") in {(e.plover, e.source.country, e.target.country) for e in events}
    assert "COERCE" not in {e.plover for e in events}


def test_violence_with_no_author_named_is_the_country_where_it_happens(code):
    events = _facts(code("Two Peruvian soldiers were killed by a roadside bomb outside the Chilean town of Arica."))
    assert ("ASSAULT", "CHL", "PER") in {(e.plover, e.source.country, e.target.country) for e in events}


def test_violence_by_someone_unnamed_is_not_given_to_the_place(code):
    events = _facts(code("A Peruvian diplomat was stabbed in Chile by an unknown man."))
    assert not [e for e in events if e.source.country == "CHL"]


def test_agreeing_to_resign_is_an_agreement_at_home(code):
    events = _facts(code("Peru's interior minister agreed to resign."))
    assert ("AGREE", "PER", "PER") in {(e.plover, e.source.country, e.target.country) for e in events}
    assert "CONCEDE" not in {e.plover for e in events}


def test_what_a_demand_asks_for_is_not_a_fact(code):
    events = _facts(code("Peru reiterated its demand today that Chile release the prisoners."))
    assert not [e for e in events if e.source.country == "CHL"], [(e.plover, e.event_text) for e in events]


def test_what_someone_insists_on_is_not_a_fact(code):
    events = _facts(code("Peru insisted that Chile withdraw its troops from the border."))
    assert "RETREAT" not in {e.plover for e in events}


def test_a_clause_with_a_tense_of_its_own_still_reports_a_fact(code):
    events = _facts(code("Peru said that Chile withdrew its troops from the border."))
    assert "RETREAT" in {e.plover for e in events}


def test_someone_put_under_investigation_somewhere_is_investigated_by_that_state(code):
    events = _facts(code("A Chilean national has been put under investigation in Peru."))
    assert ("ACCUSE", "PER", "CHL") in {(e.plover, e.source.country, e.target.country) for e in events}


def test_someone_placed_under_house_arrest_somewhere_is_held_by_that_state(code):
    events = _facts(code("A Chilean journalist was placed under house arrest in Peru."))
    assert ("COERCE", "PER", "CHL") in {(e.plover, e.source.country, e.target.country) for e in events}


def test_an_ethnic_group_belongs_to_the_country_it_lives_in(code):
    events = _facts(code("Ethnic Peruvians attacked a police station in northern Chile."))
    assert ("ASSAULT", "CHL", "CHL") in {(e.plover, e.source.country, e.target.country) for e in events}


def test_an_ethnic_group_with_no_place_keeps_its_name(code):
    events = _facts(code("Chilean troops killed two ethnic Peruvians."))
    assert ("ASSAULT", "CHL", "PER") in {(e.plover, e.source.country, e.target.country) for e in events}


def test_a_people_named_after_its_country_of_residence_belongs_to_it(code):
    events = _facts(code("Bolivian Chileans demanded a truce with Peru."))
    assert ("REQUEST", "BOL", "PER") in {(e.plover, e.source.country, e.target.country) for e in events}


def test_the_toll_of_an_attack_is_that_attack(code):
    events = _facts(code("Peruvian troops shelled a Chilean border post on Monday, killing three soldiers."))
    assert len([e for e in events if e.plover == "ASSAULT"]) == 1, [(e.cameo, e.event_text) for e in events]


def test_two_attacks_told_with_their_own_subjects_stay_two(code):
    events = _facts(code("Peruvian troops shelled a Chilean border post, and Chilean jets bombed a Peruvian base."))
    assert {(e.source.country, e.target.country) for e in events if e.plover == "ASSAULT"} == {("PER", "CHL"), ("CHL", "PER")}


def test_a_resignation_is_a_retreat_as_the_plover_codebook_files_it(code):
    events = _facts(code("Peru's interior minister resigned on Monday."))
    assert [(e.plover, e.mode) for e in events] == [("RETREAT", "resign")]


def test_agreeing_to_a_truce_with_someone_is_agreeing_with_them(code):
    events = _facts(code("Peruvian rebels agreed to a ceasefire with the Peruvian government."))
    assert ("AGREE", "PER", "PER") in {(e.plover, e.source.country, e.target.country) for e in events}


def test_expressing_willingness_to_negotiate_is_an_intent_not_talks(code):
    events = _facts(code("Peru expressed willingness to negotiate with Chile."))
    assert [(e.plover, e.source.country, e.target.country) for e in events] == [("AGREE", "PER", "CHL")]


def test_accepting_an_invitation_is_an_agreement_with_the_host(code):
    events = _facts(code("Peru accepted an invitation to visit Chile."))
    assert [(e.plover, e.source.country, e.target.country) for e in events] == [("AGREE", "PER", "CHL")]


def test_rebels_tied_to_no_country_are_of_the_country_they_fight_in(code):
    events = _facts(code("Rebels attacked a village in northern Peru on Sunday."))
    assert ("ASSAULT", "PER", "PER") in {(e.plover, e.source.country, e.target.country) for e in events}


def test_protesters_tied_to_no_country_protest_where_they_are(code):
    for text in ("Thousands of workers went on strike in Lima.", "Thousands of workers staged a protest in Lima."):
        events = _facts(code(text))
        assert ("PROTEST", "PER", "PER") in {(e.plover, e.source.country, e.target.country) for e in events}, text


def test_restoring_relations_is_between_the_two(code):
    events = _facts(code("Peru and Chile restored diplomatic relations."))
    assert {(e.source.country, e.target.country) for e in events if e.plover == "SUPPORT"} == {("PER", "CHL"), ("CHL", "PER")}


def test_what_a_bid_aims_at_is_not_a_fact(code):
    events = _facts(code("Peru backed Chile's bid to host the summit."))
    assert [e.plover for e in events] == ["SUPPORT"]


def test_joint_exercises_are_one_cooperation_each_way(code):
    events = _facts(code("Peru and Chile held joint naval exercises."))
    assert sorted((e.source.country, e.target.country) for e in events if e.plover == "COOPERATE") == [("CHL", "PER"), ("PER", "CHL")]

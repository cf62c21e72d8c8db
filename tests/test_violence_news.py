"""Violence, coercion and legal acts on news text: attackers the text does not name, agentless
passives, prosecutions. Sentences are written for the tests."""
from __future__ import annotations


def _facts(extraction):
    return [e for e in extraction.events if e.factual]


def _triples(events, sentence=None):
    return {(e.plover, e.source.country, e.target.country if e.target else None)
            for e in events if sentence is None or e.sentence == sentence}


MALI_STORY = ("Mali's government extended a curfew in the north on Friday, Malian officials said. "
              "Malian farmers have fled the region after months of unrest. ")


def test_unnamed_gunmen_inside_a_country_act_for_it(code):
    events = _facts(code(MALI_STORY + "Gunmen stormed a police station in the Malian town of Gao on Monday."))
    assert ("ASSAULT", "MLI", "MLI") in _triples(events, 2)


def test_victims_killed_after_an_attack_just_told_fall_on_the_country(code):
    text = MALI_STORY + "Gunmen stormed a market in the Malian town of Gao. Six police officers were killed."
    assert ("ASSAULT", "MLI", "MLI") in _triples(_facts(code(text)), 3)


def test_victims_killed_with_no_attack_told_are_no_event(code):
    assert not _triples(_facts(code(MALI_STORY + "Six police officers were killed.")), 2)


def test_victims_of_floods_are_no_attack(code):
    text = MALI_STORY + "Gunmen stormed a market in Gao. Six villagers were killed in floods in Mali."
    assert not [e for e in _facts(code(text)) if e.sentence == 3 and e.plover == "ASSAULT"]


def test_a_speakers_complaint_of_being_ripped_off_is_no_attack(code):
    text = MALI_STORY + '"We have been ripped off for years," the Malian minister said.'
    assert not [e for e in _facts(code(text)) if e.plover == "ASSAULT"]


def test_unnamed_attackers_in_a_story_between_two_countries_are_never_a_state(code):
    # Merged rule: memory gives "gunmen" the rebels the story spoke of; a state is never their author.
    text = ("Chad accused Sudan of backing rebels on Monday. Sudan denied it, Sudanese officials said. "
            "Chad and Sudan have traded accusations for months. "
            "Gunmen attacked a village in eastern Chad on Tuesday.")
    attacks = [e for e in _facts(code(text)) if e.sentence == 3 and e.plover == "ASSAULT"]
    assert all(e.source.sector == "REB" for e in attacks)
    assert all(e.target.country == "TCD" for e in attacks)


CHILE_TRIAL = "Chile's courts opened a smuggling trial in Santiago, Chilean officials said. "


def test_an_agentless_charge_is_the_storys_courts_accusing(code):
    events = _facts(code(CHILE_TRIAL + "The Peruvian captain was charged with bribery."))
    assert ("ACCUSE", "CHL", "PER") in _triples(events, 1)


def test_an_agentless_sentence_is_the_storys_courts_sanctioning(code):
    events = _facts(code(CHILE_TRIAL + "The Peruvian mate was sentenced to five years in prison."))
    assert ("SANCTION", "CHL", "PER") in _triples(events, 1)


def test_those_who_stand_accused_accuse_no_one(code):
    events = _facts(code(CHILE_TRIAL + "Two Peruvian sailors stand accused of the smuggling."))
    assert not [e for e in events if e.sentence == 1 and e.source.country == "PER"]


def test_a_state_accused_by_no_one_named_is_not_before_the_courts(code):
    events = _facts(code(CHILE_TRIAL + "Lima was accused of shielding the smugglers."))
    assert not [e for e in events if e.sentence == 1 and e.plover == "ACCUSE"]


def test_an_assault_launched_on_a_base_falls_on_the_bases_countries(code):
    text = ("Chad's army has fought Sudanese rebels since 2019. "
            "The rebels then launched a night assault on a joint Chad-France air base near the border.")
    targets = {e.target.country for e in _facts(code(text)) if e.sentence == 1 and e.plover == "ASSAULT"}
    assert targets == {"TCD", "FRA"}


def test_the_place_bombed_is_not_the_author_of_the_killing(code):
    text = "The bombing of a French base in Niger killed nine French soldiers."
    assert not [e for e in _facts(code(text)) if e.source.country == "FRA"]


def test_an_attack_that_killed_is_one_act_by_its_author(code):
    text = "An attack by Sudanese rebels killed six Chadian police officers."
    assert _triples(_facts(code(text))) == {("ASSAULT", "SDN", "TCD")}  # noun and verb agree


def test_an_attack_on_a_place_that_killed_falls_on_the_place(code):
    text = MALI_STORY + "Gunmen stormed a market in Gao. The attack on the Malian village killed twelve people."
    assert ("ASSAULT", "MLI", "MLI") in _triples(_facts(code(text)), 3)


def test_hiring_a_gunman_to_kill_is_a_plot_not_a_killing(code):
    text = "Two Peruvian sailors hired a gunman to kill a Chilean judge, Chilean prosecutors said."
    assert not [e for e in _facts(code(text)) if e.plover == "ASSAULT"]


def test_victims_killed_in_a_named_strike_take_its_author(code):
    events = _facts(code("Five Ukrainian civilians were killed in a Russian drone strike."))
    assert _triples(events) == {("ASSAULT", "RUS", "UKR")}


def test_victims_in_a_relative_clause_after_an_attack(code):
    text = MALI_STORY + "Gunmen stormed a school in Gao. Police said the boys, who were kidnapped on Monday, were safe."
    assert ("ASSAULT", "MLI", "MLI") in _triples(_facts(code(text)), 3)



def test_a_murder_by_militiamen_is_their_assault(code):
    events = _facts(code("The murder of a Chadian activist by Sudanese militiamen shocked the region."))
    assert ("ASSAULT", "SDN", "TCD") in _triples(events)


def test_coordinated_verbs_share_their_object(code):
    events = _facts(code("Sudanese rebels have been attacking and fighting Chadian troops since 2019."))
    assert _triples(events) == {("ASSAULT", "SDN", "TCD")}


def test_participles_coordinated_with_a_passive_share_its_subject(code):
    text = CHILE_TRIAL + "Two Peruvian sailors were arrested and charged with smuggling."
    assert not [e for e in _facts(code(text)) if e.source.country == "PER" and e.plover == "ACCUSE"]


def test_soldiers_ambushed_and_killed_are_the_victims(code):
    text = "Five Chadian soldiers were ambushed and killed near the border, Chadian officials said."
    assert not [e for e in _facts(code(text)) if e.source.country == "TCD" and e.plover == "ASSAULT"]


def test_an_act_judged_by_a_copula_is_not_told_again(code):
    text = "Peru said the Chilean captain's detention was arbitrary."
    assert not [e for e in _facts(code(text)) if e.plover == "COERCE"]


def test_the_attack_responded_to_is_not_coded_again(code):
    text = "Chad responded to the Sudanese attack by bombing rebel camps in Darfur."
    assert not [e for e in _facts(code(text)) if e.event_text == "attack"]


def test_unnamed_gunmen_are_the_armed_group_the_story_names_later(code):
    text = ("Gunmen stormed a market in northern Cameroon on Monday, killing six traders. "
            "Boko Haram has carried out many such raids in the region.")
    events = [e for e in _facts(code(text)) if e.sentence == 0 and e.plover == "ASSAULT"]
    assert {(e.source.code, e.target.country) for e in events} == {("NGAREBBOKREB", "CMR")}


def test_a_raid_by_rebels_is_an_assault_and_by_police_coercion(code):
    rebels = _facts(code("Sudanese rebels raided a Chadian army base."))
    police = _facts(code("Chadian police raided the offices of a Chadian newspaper."))
    assert {e.plover for e in rebels} == {"ASSAULT"} and {e.plover for e in police} == {"COERCE"}


def test_bandits_kidnapping_pupils_inside_a_country_act_for_it(code):
    text = MALI_STORY + "Bandits kidnapped 30 pupils in central Mali on Sunday."
    assert ("ASSAULT", "MLI", "MLI") in _triples(_facts(code(text)), 2)


def test_someone_kept_in_custody_is_held_by_the_state(code):
    text = MALI_STORY + "A Malian journalist has been in custody since May."
    assert ("COERCE", "MLI", "MLI") in _triples(_facts(code(text)), 2)


def test_dying_while_in_custody_is_no_new_detention(code):
    text = "A Chadian prisoner died while in Sudanese police custody."
    assert not [e for e in _facts(code(text)) if e.plover == "COERCE"]

"""Readings that real news asks for: actors no state owns, acts on people with no one named, and
event nouns that only refer to an event reported elsewhere."""
from __future__ import annotations


def _facts(extraction):
    return [e for e in extraction.events if e.factual]


def test_rights_groups_act_without_a_country(code):
    events = _facts(code("Rights groups urged the Kenyan government to free the activists."))
    requests = [e for e in events if e.plover == "REQUEST"]
    assert requests, [(e.plover, e.event_text) for e in events]
    assert requests[0].source.code == "NGO" and requests[0].source.country is None
    assert requests[0].target.country == "KEN"


def test_placed_rights_groups_belong_to_their_country(code):
    events = _facts(code("Kenyan rights groups condemned the arrest of the lawyer."))
    assert any(e.plover == "ACCUSE" and e.source.country == "KEN" and e.source.sector == "NGO" for e in events)


def test_a_person_detained_by_no_one_named_is_the_story_states_act(code):
    text = ("Zimbabwe police questioned the opposition leader on Monday. "
            "Another reporter was detained in Harare on Friday.")
    events = [e for e in _facts(code(text)) if e.sentence == 1]
    assert [(e.plover, e.source.country, e.target.country) for e in events] == [("COERCE", "ZWE", "ZWE")]
    assert events[0].source.found == "default"


def test_things_seized_by_no_one_named_are_no_event(code):
    text = "Zimbabwe police questioned the opposition leader. Several documents were seized on Friday."
    assert not [e for e in code(text).events if e.sentence == 1]


def test_event_nouns_named_in_passing_are_not_coded(code):
    texts = ["Senators voiced concern about the Chinese threat.",
             "Markets rose after Iran's release of the tanker.",
             ]
    for text in texts:
        assert not _facts(code(text)), text
    deal = _facts(code("The Ukraine ceasefire deal needs more work, the minister said."))
    assert not [e for e in deal if e.plover == "RETREAT"]  # the ceasefire only names the deal


def test_event_nouns_that_carry_the_sentence_are_still_coded(code):
    events = _facts(code("Boko Haram claimed responsibility for the attack on the Nigerian army."))
    assert any(e.plover == "ASSAULT" and e.target.country == "NGA" for e in events)


def test_a_reported_condemnation_is_criticism_of_whom_it_names(code):
    events = _facts(code("The Ukrainian foreign minister said Russia's claims to the region were illegal and baseless."))
    accusations = [e for e in events if e.plover == "ACCUSE"]
    assert [(e.source.country, e.target.country, e.trigger_kind) for e in accusations] == [("UKR", "RUS", "speech")]


def test_a_reported_act_is_attribution_not_criticism(code):
    events = _facts(code("The Ukrainian foreign minister said Russian forces illegally shelled Kharkiv."))
    assert not [e for e in events if e.plover == "ACCUSE"]
    assert any(e.plover == "ASSAULT" and e.source.country == "RUS" for e in events)


def test_plain_statements_and_praise_are_no_criticism(code):
    for text in ["The French minister said Germany's proposal was a good start.",
                 "The French minister said the talks with Germany would resume in May."]:
        assert not [e for e in _facts(code(text)) if e.plover == "ACCUSE"], text


def test_describing_a_plan_as_a_betrayal_criticises_its_owner(code):
    events = _facts(code("The British minister described the Chinese plan as a betrayal."))
    assert any(e.plover == "ACCUSE" and e.source.country == "GBR" and e.target.country == "CHN" for e in events)


def test_cooperation_with_no_partner_named_takes_none_from_the_story(code):
    text = ("Kenya and Somalia have quarrelled over their sea border for years. "
            "Kenya said on Monday it had signed an agreement on fishing rights.")
    second = [e for e in _facts(code(text)) if e.sentence == 1]
    assert not [e for e in second if e.target is not None and e.target.country == "SOM"]


def test_those_who_stand_accused_are_the_accused(code):
    events = code("Two Ivorian soldiers stand accused of the attack on the French base.").events
    accusations = [e for e in events if e.plover == "ACCUSE"]
    assert not [e for e in accusations if e.source is not None and e.source.country == "CIV"]


def test_a_sentence_handed_down_is_a_sanction(code):
    events = _facts(code("A Turkish court sentenced the Syrian smuggler to ten years in prison."))
    assert any(e.plover == "SANCTION" and e.cameo == "116" and e.source.country == "TUR" for e in events)


def test_hours_of_talks_are_talks_by_whoever_held_them(code):
    events = _facts(code("Japan's foreign minister held three rounds of talks with Chinese officials."))
    assert any(e.plover == "CONSULT" and e.source.country == "JPN" and e.target.country == "CHN" for e in events)


def test_a_call_for_something_is_a_request_not_a_phone_call(code):
    events = _facts(code("Germany issued a call for an inquiry into the Russian strike."))
    assert any(e.plover == "REQUEST" and e.source.country == "DEU" for e in events)
    assert not [e for e in events if e.plover == "CONSULT"]


def test_trade_wars_are_no_fighting(code):
    events = _facts(code("The trade war between China and the United States hurt farmers."))
    assert not [e for e in events if e.plover == "ASSAULT"]


def test_coercion_with_no_one_named_falls_at_home(code):
    text = ("Spain and Morocco share intelligence on militants. "
            "On Monday the Moroccan security services dismantled a terrorist cell.")
    events = [e for e in _facts(code(text)) if e.sentence == 1 and e.plover == "COERCE"]
    assert events and all(e.target.country == "MAR" for e in events)


def test_an_arrest_with_no_one_named_is_the_state_where_it_happened(code):
    events = _facts(code("The Azerbaijani man was arrested in Brooklyn in 2022."))
    assert [(e.source.code, e.target.country) for e in events if e.plover == "COERCE"] == [("USACOP", "AZE")]

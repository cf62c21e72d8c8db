"""Actors from the PETRARCH2 agent nouns (actors/data/petrarch_sectors.tsv): role words our own
sector table lacks, resolved by document memory like ours. Sentences are written for the tests."""
from __future__ import annotations


def _facts(extraction, sentence):
    return {(e.source.country if e.source else None, e.target.country if e.target else None, e.plover)
            for e in extraction.events if e.factual and e.sentence == sentence}


def test_the_junta_of_a_story_about_one_country_acts_for_it(code):
    text = "Myanmar's military seized power in February. The junta imposed martial law in six townships."
    assert ("MMR", "MMR", "COERCE") in _facts(code(text), 1)


def test_the_supplement_never_overrides_our_own_sectors(extractor):
    sectors = extractor.resolver.dictionary.sectors
    assert sectors["junta"] == "GOV"  # from PETRARCH2
    # both tables name these; ours say a protester is a civilian and a defence ministry military
    assert sectors["protester"] == "CVL" and sectors["ministry of defence"] == "MIL"


def test_he_is_the_official_before_not_the_capital_he_visited(code):
    text = "Chile's foreign minister visited Lima on Monday. He met Peru's president at the palace."
    assert ("CHL", "PER", "CONSULT") in _facts(code(text), 1)


def test_he_stays_unresolved_between_two_officials_neither_the_subject(code):
    text = ("The talks between Chile's foreign minister and Peru's defense minister ended on Monday. "
            "He criticized Bolivia.")
    assert not [e for e in code(text).events if e.sentence == 1 and e.plover == "ACCUSE" and e.factual]


def test_the_ministry_is_the_ministry_named_before_not_the_envoy(code):
    text = "Peru's foreign ministry summoned Chile's ambassador on Monday. The ministry also accused Chile of spying."
    assert ("PER", "CHL", "ACCUSE") in _facts(code(text), 1)


def test_the_president_is_the_president_named_before(code):
    text = "Chilean President Gabriel Boric flew to Buenos Aires on Monday. The president met Argentine officials."
    assert ("CHL", "ARG", "CONSULT") in _facts(code(text), 1)


def test_the_two_ministers_are_the_pair_named_before(code):
    text = ("Chile's foreign minister met her Peruvian counterpart on Monday. "
            "The two ministers agreed to reopen the border.")
    facts = _facts(code(text), 1)
    assert ("CHL", "PER", "AGREE") in facts and ("PER", "CHL", "AGREE") in facts


def test_an_object_pronoun_is_not_its_verbs_subject(code):
    text = ("The International Criminal Court issued an arrest warrant for Putin. "
            "The court accused him of deporting children from Ukraine.")
    accused = {e.target.country for e in code(text).events if e.factual and e.sentence == 1 and e.plover == "ACCUSE"}
    assert accused == {"RUS"}, accused


def test_a_subject_pronoun_continues_the_subject_before(code):
    text = "Chile's foreign minister met Peruvian officials in Lima. He praised Peru's position on the dispute."
    assert ("CHL", "PER", "SUPPORT") in _facts(code(text), 1)

from __future__ import annotations


def codes(extraction):
    return {a["code"] for a in extraction.as_dict()["actors"]}


def test_metonyms_leaders_and_sectors(code):
    ex = code("The Kremlin and Putin met officials in Seoul. South Korea's Defense Ministry issued a statement.")
    found = codes(ex)
    assert {"RUSGOV", "KORGOV", "KORMIL"} <= found


def test_leader_out_of_office_is_elite(code):
    ex = code("Merkel met Macron in Paris.", date="2024-03-01")
    by_text = {a["text"]: a for a in ex.as_dict()["actors"]}
    assert by_text["Merkel"]["sector"] == "ELI" and by_text["Merkel"]["country"] == "DEU"
    assert by_text["Macron"]["code"] == "FRAGOV"


def test_organisations_have_org(code):
    ex = code("The UN Security Council and NATO discussed the crisis.")
    orgs = {a["org"] for a in ex.as_dict()["actors"]}
    assert {"UN", "NATO"} <= orgs


def test_user_dictionary_extends(tmp_path):
    from realpolitik.actors import load_dictionary

    (tmp_path / "countries.tsv").write_text("XAT\tAtlantis\tAtlantic Republic\tAtlantean\tPoseidonia\n")
    dictionary = load_dictionary((str(tmp_path),))
    assert dictionary.names["Poseidonia"].country == "XAT" and dictionary.names["Russia"].country == "RUS"


def test_references_with_clear_antecedents(code):
    ex = code("Russia and North Korea met on Monday. The two countries signed a defence pact. "
              "Japan criticized the pact. Its leader also condemned North Korea.")
    signed = {(e.source.country, e.target.country) for e in ex.events if e.cameo == "057"}
    assert signed == {("RUS", "PRK"), ("PRK", "RUS")}
    condemned = next(e for e in ex.events if e.event_text == "condemned")
    assert (condemned.source.code, condemned.target.country) == ("JPNGOV", "PRK")


def test_ambiguous_pronoun_stays_unresolved(code):
    ex = code("France and Germany met in Paris. It criticized the plan.")
    criticized = [e for e in ex.events if e.event_text == "criticized"]
    assert not criticized or criticized[0].source is None

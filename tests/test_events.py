from __future__ import annotations


def triples(ex, factual_only=True):
    return {((e.source.country or e.source.org) if e.source else None,
             (e.target.country or e.target.org) if e.target else None, e.plover)
            for e in ex.events if e.factual or not factual_only}


def test_visit_is_factual_consult(code):
    ex = code("Japanese Prime Minister Fumio Kishida visited Canberra on Monday.")
    assert ("JPN", "AUS", "CONSULT") in triples(ex)
    visit = next(e for e in ex.events if e.cameo == "042")
    assert visit.text == ex.document.text[visit.span[0]:visit.span[1]]
    assert visit.date == "2024-06-17"


def test_passive_agent_is_source(code):
    ex = code("Three Russian diplomats were expelled by Poland.")
    assert ("POL", "RUS", "SANCTION") in triples(ex)


def test_coordinated_subjects_give_one_event_per_pair(code):
    ex = code("Russia and North Korea signed a defence treaty.")
    found = triples(ex)
    assert ("RUS", "PRK", "SUPPORT") in found and ("PRK", "RUS", "SUPPORT") in found


def test_transfer_with_attribution(code):
    ex = code("According to the Japanese Defense Ministry, Iran has sent drones to Russia.")
    event = next(e for e in ex.events if e.plover == "AID")
    assert (event.source.country, event.target.country, event.cameo) == ("IRN", "RUS", "072")
    assert event.attribution is not None and event.attribution.code == "JPNMIL"


def test_noun_events_with_possessive(code):
    ex = code("Moscow's veto of the resolution angered France. Russia's invasion of Ukraine continued.")
    found = triples(ex)
    assert ("RUS", "UKR", "ASSAULT") in found  # 192 occupy territory: ASSAULT, as the PLOVER gold codes it


def test_non_facts_are_kept_apart(code):
    # sentence: (expected polarity, expected modality, the type that must not be coded as fact)
    sentences = {
        "Germany has not sent tanks to Ukraine.": ("negated", None, "AID"),
        "Egypt refrained from supplying weapons to Libya.": ("negated", None, "AID"),
        "Chile wants to sign a treaty with Peru.": (None, "desired", "SUPPORT"),
        "If Iran attacked Israel, the United States would respond.": (None, "hypothetical", "ASSAULT"),
        "Brazil will visit Argentina next week.": (None, "future", "CONSULT"),
        "Turkey is unlikely to sanction Russia.": (None, "possible", "SANCTION"),
    }
    for sentence, (polarity, modality, plover) in sentences.items():
        ex = code(sentence)
        inner = [e for e in ex.events if e.plover == plover]
        assert inner, sentence
        assert not any(e.factual for e in inner), sentence
        if polarity:
            assert all(e.polarity == polarity for e in inner), sentence
        if modality:
            assert any(e.modality == modality for e in inner), sentence


def test_stated_intent_is_the_fact(code):
    """CAMEO codes an announced intent as its own event (03x): the announcement is a fact, the visit is not.
    Someone else's forecast states no intent."""
    ex = code("Brazil said it will visit Argentina next week.")
    intent = [e for e in ex.events if e.plover == "AGREE"]
    assert intent and intent[0].factual and intent[0].cameo == "036"
    assert (intent[0].source.country, intent[0].target.country) == ("BRA", "ARG")
    plain = code("Brazil will visit Argentina next week.").events
    assert [e.cameo for e in plain if e.factual] == ["036"]  # the plan stated, not the visit
    forecast = code("An analyst in Chile said Brazil will visit Argentina next week.")
    assert not any(e.factual for e in forecast.events)
    ex = code("Iran threatened to cut off electricity to Azerbaijan.")
    threat = next(e for e in ex.events if e.plover == "THREATEN")
    assert threat.factual and threat.target.country == "AZE"


def test_quantities(code):
    ex = code("Troops fire around 10,000 shells per day. Poland received an estimated 7,000 containers.")
    found = {(q.value, q.unit, q.per, q.approximate) for q in ex.quantities}
    assert (10000.0, "shell", "day", True) in found and (7000.0, "container", None, True) in found


def test_relative_dates():
    from realpolitik.events.dates import resolve_date

    assert resolve_date("Tuesday", "2024-06-19") == ("2024-06-18", "2024-06-18")
    assert resolve_date("earlier this month", "2024-06-19") == ("2024-06-01", "2024-06-19")
    assert resolve_date("in 2019", "2024-06-19") == ("2019-01-01", "2019-12-31")
    assert resolve_date("last summer", "2024-01-10") == ("2023-06-01", "2023-08-31")
    assert resolve_date("24 years", "2024-06-19") is None
    assert resolve_date("nine months", "2024-06-19") is None


def test_codebook_facts():
    from realpolitik.events import load_lexicon

    lex = load_lexicon()
    veto = lex.cameo("129")
    assert (veto.plover, veto.quad_class, veto.goldstein) == ("REJECT", 3, -5.0)


def test_coordination_shares_or_keeps_its_own_modality(code):
    # a verb coordinated without its own subject shares the first verb's negation and auxiliary
    ex = code("Russia will not visit Ukraine or sign the deal.")
    sign = next(e for e in ex.events if e.cameo == "057")
    assert (sign.polarity, sign.modality) == ("negated", "future")
    # a clause with its own subject keeps its own reading
    ex = code("Tehran refused to halt enrichment, and Washington threatened new sanctions.")
    threat = next(e for e in ex.events if e.plover == "THREATEN")
    assert threat.factual and threat.source.country == "USA"


def test_places_and_domestic_defaults(code):
    ex = code("Israeli artillery shelled villages in southern Lebanon.")
    assert ("ISR", "LBN", "ASSAULT") in triples(ex)
    ex = code("Kenyan protesters marched on parliament against the new taxes.")
    assert ("KEN", "KEN", "PROTEST") in triples(ex)

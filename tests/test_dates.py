"""Event dates come from the event's own clause (real spaCy parses, no mocks)."""
from __future__ import annotations

import duckdb

from realpolitik.events.dates import event_date, resolve_date
from realpolitik.records import Document
from realpolitik.store.duck import DuckStore

DOC_DATE = "2024-06-19"  # a Wednesday


def _events(extractor, text: str, date: str | None = DOC_DATE):
    return extractor.extract(Document(doc_id="t", text=text, date=date)).events


def _by_trigger(events, word: str):
    found = [e for e in events if e.event_text.lower() == word]
    assert found, f"no event for {word!r} in {[e.event_text for e in events]}"
    return found


def test_year_naming_another_noun_is_not_the_date(extractor):
    events = _events(extractor, "Officials from Serbia and Croatia met in Zagreb to discuss changes "
                                "to the 1995 Dayton Accords.")
    assert events
    for event in events:
        assert event.date == DOC_DATE and event.date_end is None
        assert event.date_source == "document"


def test_target_year_of_a_complement_does_not_date_the_pledge(extractor):
    text = "The EU pledged to Moldova on Monday to make the region climate neutral by 2050."
    events = _events(extractor, text)
    (pledge,) = _by_trigger(events, "pledged")
    assert pledge.date == "2024-06-17" and pledge.date_end is None
    assert pledge.date_source == "text"
    assert pledge.factual
    assert not any((e.date or "").startswith("2050") for e in events if e.factual)
    doc = extractor.nlp(text)
    make = next(t for t in doc if t.lower_ == "make")
    assert event_date(make, DOC_DATE).future  # the complement's own date is a target


def test_event_with_its_own_future_date_is_not_a_fact(extractor):
    for text, word, year in [("Germany withdraws its last troops from Mali by 2050.", "withdraws", "2050"),
                             ("Japan hosts a summit with South Korea next year.", "hosts", "2025")]:
        events = _by_trigger(_events(extractor, text), word)
        for event in events:
            assert event.date.startswith(year) and event.date_source == "text"
            assert event.modality == "future" and not event.factual, text


def test_year_modifying_the_event_noun_is_its_date(extractor):
    events = _events(extractor, "Russia's 2004 bombing of a Chechen village killed dozens.")
    (bombing,) = _by_trigger(events, "bombing")
    assert (bombing.date, bombing.date_end, bombing.date_source) == ("2004-01-01", "2004-12-31", "text")
    assert bombing.factual  # a past year is no obstacle to a fact


def test_verb_governing_a_dated_noun_keeps_its_own_date(extractor):
    doc = extractor.nlp("Chechen elders condemned Russia's 2004 bombing of a village near Grozny.")
    condemned = next(t for t in doc if t.lower_ == "condemned")
    bombing = next(t for t in doc if t.lower_ == "bombing")
    assert event_date(condemned, DOC_DATE).source == "document"
    assert event_date(bombing, DOC_DATE).start == "2004-01-01"


def test_date_of_a_side_clause_stays_with_that_clause(extractor):
    events = _events(extractor, "Vietnam expelled a Chinese diplomat on Friday, decades after China "
                                "invaded in 1979.")
    (expelled,) = _by_trigger(events, "expelled")
    assert expelled.date == "2024-06-14" and expelled.date_source == "text"
    for invaded in _by_trigger(events, "invaded"):
        assert invaded.date == "1979-01-01"


def test_relative_clause_date_is_not_given_to_the_main_event(extractor):
    events = _events(extractor, "India accused Pakistan of shelling a border post, which Pakistan had "
                                "invaded in 1950.")
    for word in ("accused", "shelling"):
        for event in _by_trigger(events, word):
            assert event.date == DOC_DATE and event.date_source == "document"
    assert all(e.date.startswith("1950") for e in _by_trigger(events, "invaded"))


def test_light_verb_date_dates_its_event_noun(extractor):
    doc = extractor.nlp("Russia and Ukraine held talks in Istanbul on Monday.")
    talks = next(t for t in doc if t.lower_ == "talks")
    assert event_date(talks, DOC_DATE, {"hold"}).start == "2024-06-17"
    assert event_date(talks, DOC_DATE).source == "document"  # without the light verb: no own date


def test_no_date_anywhere_leaves_the_date_empty(extractor):
    (attack,) = _by_trigger(_events(extractor, "Russia attacked Ukraine.", date=None), "attacked")
    assert attack.date is None and attack.date_source is None
    assert attack.factual


def test_entity_running_across_a_clause_is_cut_to_the_event_phrase(extractor):
    doc = extractor.nlp("Vietnam expelled a Chinese diplomat on Friday, decades after China invaded in 1979.")
    invaded = next(t for t in doc if t.lower_ == "invaded")
    assert event_date(invaded, DOC_DATE).start == "1979-01-01"


def test_ago_and_durations():
    assert resolve_date("two days ago", DOC_DATE) == ("2024-06-17", "2024-06-17")
    assert resolve_date("24 years", DOC_DATE) is None


def test_store_keeps_date_source_and_upgrades_old_files(extractor, tmp_path):
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))  # an events table as written before date_source existed
    con.execute("CREATE TABLE events (event_id VARCHAR PRIMARY KEY, doc_hash VARCHAR, sentence INTEGER, "
                "start_char INTEGER, end_char INTEGER, event_start INTEGER, event_end INTEGER, "
                "sentence_text VARCHAR, event_text VARCHAR, source_text VARCHAR, source_code VARCHAR, "
                "source_country VARCHAR, source_org VARCHAR, source_sector VARCHAR, target_text VARCHAR, "
                "target_code VARCHAR, target_country VARCHAR, target_org VARCHAR, target_sector VARCHAR, "
                "cameo VARCHAR, plover VARCHAR, mode VARCHAR, quad_class INTEGER, goldstein DOUBLE, "
                "polarity VARCHAR, modality VARCHAR, factual BOOLEAN, attribution_code VARCHAR, "
                "attribution_text VARCHAR, date DATE, date_end DATE, confidence DOUBLE)")
    con.close()
    extraction = extractor.extract(Document(doc_id="d", text="Russia attacked Ukraine on Tuesday.", date=DOC_DATE))
    with DuckStore(path) as store:
        assert store.add([extraction]) == 1
        rows = store.query("SELECT event_text, date_source, CAST(date AS VARCHAR) AS date FROM events")
    assert {"event_text": "attacked", "date_source": "text", "date": "2024-06-18"} in rows

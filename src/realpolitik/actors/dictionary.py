"""The actor dictionary: data files shipped with the package plus any folders the user adds.

A user folder may hold any of countries.tsv, organisations.tsv, groups.tsv, leaders.tsv and
sectors.tsv in the same format as the shipped files; its rows are added to (and, for the same
name, take precedence over) the shipped ones. Set RP_ACTOR_DIRS (colon-separated) or pass
``extra_dirs``.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..datafiles import package_file, rows

ROLE_SECTOR = {"HOS": "GOV", "HOG": "GOV", "FM": "GOV", "LDR": "GOV", "DM": "MIL", "MIL": "MIL",
               "REB": "REB"}


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

    def load_dir(self, folder: Path) -> None:
        for name, loader in (("countries.tsv", self._countries), ("organisations.tsv", self._orgs),
                             ("groups.tsv", self._groups), ("leaders.tsv", self._leaders),
                             ("sectors.tsv", self._sectors), ("places.tsv", self._places)):
            path = folder / name
            if path.exists():
                loader(path)

    def _countries(self, path: Path) -> None:
        for row in rows(path):
            row += [""] * (5 - len(row))
            code, name, aliases, demonyms, capitals = row[:5]
            self.countries[code] = name
            for alias in [name, *_split(aliases)]:
                self.names[alias] = NameEntry("country", code)
            for demonym in _split(demonyms):
                self.names.setdefault(demonym, NameEntry("demonym", code))
            for capital in _split(capitals):
                self.names[capital] = NameEntry("capital", code, sector="GOV")

    def _orgs(self, path: Path) -> None:
        for row in rows(path):
            code, org, sector, names = (row + [""] * 4)[:4]
            for name in _split(names):
                self.names[name] = NameEntry("org", None, org=org, sector=sector or None, code=code)

    def _groups(self, path: Path) -> None:
        for row in rows(path):
            code, country, sector, names = (row + [""] * 4)[:4]
            for name in _split(names):
                self.names[name] = NameEntry("group", country or None, sector=sector or None, code=code)

    def _leaders(self, path: Path) -> None:
        for row in rows(path):
            names, owner, role, start, end = (row + [""] * 5)[:5]
            country = owner if len(owner) == 3 and owner.isupper() and owner in self.countries else None
            term = Term(country, None if country else owner, ROLE_SECTOR.get(role, "GOV"), start, end or None)
            canonical = _split(names)[0]
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

    def _sectors(self, path: Path) -> None:
        for row in rows(path):
            if len(row) >= 2:
                self.sectors[row[0].lower()] = row[1]

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


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()]


@lru_cache(maxsize=8)
def load_dictionary(extra_dirs: tuple[str, ...] = ()) -> ActorDictionary:
    """Shipped tables first, then RP_ACTOR_DIRS, then ``extra_dirs``."""
    dictionary = ActorDictionary()
    dictionary.load_dir(package_file("realpolitik.actors", "countries.tsv").parent)
    env_dirs = tuple(p for p in os.environ.get("RP_ACTOR_DIRS", "").split(os.pathsep) if p)
    for folder in (*env_dirs, *extra_dirs):
        dictionary.load_dir(Path(folder))
    return dictionary

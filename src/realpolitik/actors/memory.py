"""Document memory: actors carry across sentences.

A story is about someone. "The government", "the junta", "police", "opposition lawmakers" or "the
court" name no country, yet a reader knows whose they are: the one named just before with the same
role, or else the country the story is about (from its title and lead). Every actor found this way
records how (``reference`` or ``context``) so that confidence can weigh it.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from ..records import Actor
from .coref import MentionIndex

# Roles that belong to a country when the text names none: its state, its politics, its people, and the
# rebels who fight inside it.
OWNED_SECTORS = {"GOV", "MIL", "LEG", "JUD", "COP", "SPY", "OPP", "PTY", "CVL", "LAB", "EDU", "HLH", "AGR", "REB"}
# Nouns for a whole state: in the plural ("national governments") they are many states, not the story's.
STATE_NOUNS = {"government", "state", "country", "nation", "administration", "regime"}
# Only who acts or whose something is: objects are often things ("sent drones") a role word names too.
ARGUMENT_DEPS = {"nsubj", "nsubjpass", "poss", "conj", "appos", "agent"}
# Objects that name a person: only a person the story named in full before is known there.
OBJECT_DEPS = {"dobj", "pobj", "dative"}
# Parties and faiths a country's own people and politicians hold: "Republican senators" are the story's.
HOME_AFFILIATIONS = {"republican", "democratic", "democrat", "conservative", "liberal", "labour", "labor", "socialist",
                     "communist", "progressive", "green", "islamist", "catholic", "christian", "muslim", "sunni",
                     "shia", "shiite", "jewish", "evangelical", "protestant", "hindu", "buddhist"}
# A story about an armed group's attacks is about the states it fights, not the group's home country.
ARMED_SECTORS = {"REB"}
LOCAL_WORDS = frozenset({"local", "domestic"})
INTERNATIONAL_WORDS = frozenset({"international", "foreign", "global"})
# Weights of a country mention by where it stands: the title, the lead, the rest.
TITLE_WEIGHT, LEAD_WEIGHT, LEAD_SENTENCES = 3, 2, 3


def document_salience(doc: Doc, mentions: list[tuple[int, Actor]], title_countries: list[str]) -> Counter:
    """How much the story is about each country: weighted mentions in its title, lead and body."""
    lead_end = _lead_end(doc)
    weights: Counter = Counter({c: TITLE_WEIGHT for c in title_countries})
    seen: set[int] = set()
    for index, actor in mentions:
        if actor.country and index not in seen and actor.sector not in ARMED_SECTORS:
            seen.add(index)
            weights[actor.country] += LEAD_WEIGHT if index < lead_end else 1
    return weights


def document_focus(salience: Counter) -> str | None:
    """The country the story is about: the most salient one, if it leads clearly."""
    ranked = salience.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


def counterpart(salience: Counter, country: str | None) -> str | None:
    """Whom an actor of ``country`` most likely deals with in this story: the most salient other
    country, or its own when the story is about its own affairs."""
    others = [(c, w) for c, w in salience.most_common() if c != country]
    own = salience.get(country, 0) if country else 0
    if others and others[0][1] * 2 >= own:
        return others[0][0]
    return country if own else None


def _lead_end(doc: Doc) -> int:
    for number, sent in enumerate(doc.sents):
        if number == LEAD_SENTENCES:
            return sent.start
    return len(doc)


def resolve_generic(doc: Doc, mentions: list[tuple[int, Actor]], *, focus: str | None,
                    sector_of, is_named) -> dict[int, Actor]:
    """Map token index -> Actor for role nouns that name no one ("the government", "police").

    ``sector_of(token)`` gives the role's sector (None when the noun names no role);
    ``is_named(token)`` tells whether the phrase already names an actor."""
    out: dict[int, Actor] = {}
    index = MentionIndex(mentions + _roles_of_named(doc, dict(mentions), sector_of))
    for tok in doc:
        person = tok.ent_type_ == "PERSON" and tok.pos_ == "PROPN"
        if person and tok.dep_ in OBJECT_DEPS and not is_named(tok):
            earlier = _same_person_before(doc, tok, mentions)  # "met Dr. Roe": the Jane Roe named before
            if earlier is not None:
                out[tok.i] = replace(earlier, text=tok.text, found="reference")
            continue
        if tok.pos_ not in {"NOUN", "PROPN"} or tok.dep_ not in ARGUMENT_DEPS:
            continue
        sector = sector_of(tok)
        if sector == "NGO" and focus and _local(tok) and not _local(tok, INTERNATIONAL_WORDS):
            # "local rights groups" are the story's country's own ("international and local" ones are not only)
            out[tok.i] = Actor(text=tok.text, code=focus + sector, country=focus, org=None, sector=sector,
                               found="context")
            continue
        if (sector is None and not person) or _modified_away(tok) or is_named(tok):
            continue
        if sector is None:  # a person the text ties to no country: most likely one of the story's own
            earlier = _same_person_before(doc, tok, mentions) if person else None
            if earlier is not None:  # "Ambassador Jane Roe of Ruritania ... Jane Roe said": the same person
                out[tok.i] = replace(earlier, text=tok.text, found="reference")
            elif focus and not _of_a_body(tok):
                out[tok.i] = Actor(text=tok.text, code=focus, country=focus, org=None, sector=None, found="context")
            continue
        antecedent = None if _ruling(tok) else _same_role_before(doc, tok, index, sector)
        if antecedent is not None:
            out[tok.i] = replace(antecedent, text=tok.text, found="reference")
        elif focus and sector in OWNED_SECTORS:
            out[tok.i] = Actor(text=tok.text, code=focus + sector, country=focus, org=None, sector=sector,
                               found="context")
    return out


def _local(tok: Token, words: frozenset[str] | None = None) -> bool:
    """'local rights groups', 'international and local media organizations': of the place the story is in
    (or, with ``words``, of the kind those words name)."""
    mods = [c for c in tok.children if c.dep_ in {"amod", "compound"}]
    return any(w.lower_ in (words or LOCAL_WORDS) for m in mods for w in [m, *m.conjuncts])


def _full_name(tok: Token) -> str | None:
    """The whole PERSON name a token stands in, when it has at least two words."""
    entity = _entity_of(tok)
    return entity.text.lower() if entity is not None and entity.label_ == "PERSON" and len(entity) >= 2 else None


def _entity_of(tok: Token) -> Span | None:
    """The named entity the token is part of, found from its IOB tags: walking to the entity's edges
    costs its length, where scanning ``doc.ents`` for every token made long documents quadratic."""
    if not tok.ent_type_:
        return None
    doc, start, end = tok.doc, tok.i, tok.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=tok.ent_type_)


def _names_of(head: Token) -> set[str | None]:
    """The full names a mention's phrase gives: its own, or its apposition's ("China's envoy, Jane Roe")."""
    while head.dep_ == "compound" and head.head.i != head.i:  # "Prime Minister Jane Roe": the title names Roe
        head = head.head
    return {_full_name(t) for t in [head, *(c for c in head.children if c.dep_ == "appos")]}


def _same_person_before(doc: Doc, tok: Token, mentions: list[tuple[int, Actor]]) -> Actor | None:
    """The actor an earlier mention of the same full name was given, when all such mentions agree; a
    name of one word matches the first or last word of an earlier full name ("Jane Roe ... Roe said")."""
    name = _full_name(tok)
    short = _one_word_name(tok) if name is None else None
    if name is None and short is None:
        return None
    found = {a.key: a for i, a in mentions if i < tok.i and a.country and (
        name in _names_of(doc[i]) if name else any(n and short in (n.split()[0], n.split()[-1]) for n in _names_of(doc[i])))}
    return next(iter(found.values())) if len(found) == 1 else None


def _one_word_name(tok: Token) -> str | None:
    """The name, when the token is a PERSON entity of one word."""
    entity = _entity_of(tok)
    return entity.text.lower() if entity is not None and entity.label_ == "PERSON" and len(entity) == 1 else None


def _ruling(tok: Token) -> bool:
    """'ruling coalition lawmakers', 'governing party legislators': those who rule the story's own
    country, whoever held the same role in the sentences before."""
    return any(t.lower_ in {"ruling", "governing"} for t in tok.doc[tok.left_edge.i:tok.i])


def _roles_of_named(doc: Doc, by_token: dict[int, Actor], sector_of) -> list[tuple[int, Actor]]:
    """'the foreign ministers of the Group of Seven', 'diplomats from the G7': a role held in a named
    actor, so that 'the diplomats' later refer back to it."""
    out = []
    for tok in doc:
        sector = sector_of(tok) if tok.pos_ == "NOUN" and tok.i not in by_token else None
        if sector is None:
            continue
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ in {"of", "from"}:
                named = [by_token[c.i] for c in prep.children if c.dep_ == "pobj" and c.i in by_token]
                if named and (named[0].country or named[0].org):
                    base = named[0].code[:-len(named[0].sector)] if named[0].sector else named[0].code
                    out.append((tok.i, replace(named[0], text=tok.text, sector=sector, code=base + sector)))
    return out


def _of_a_body(person: Token) -> bool:
    """'Jane Doe, president of the Freedom Committee', 'John Roe of the Eurasia Group': a person the text
    gives to an organisation it does not place speaks for that body, not for the story's country."""
    for child in person.children:
        if child.dep_ == "appos":
            heads = [p for p in child.children if p.dep_ == "prep" and p.lower_ in {"of", "at"}]
        elif child.dep_ == "prep" and child.lower_ in {"of", "at"}:
            heads = [child]
        else:
            continue
        for prep in heads:
            if any(t.ent_type_ == "ORG" for c in prep.children if c.dep_ == "pobj" for t in c.subtree):
                return True
    return False


def _modified_away(tok: Token) -> bool:
    """'foreign governments', 'other officials', 'a former minister': not the story's own; 'its leader'
    belongs to whoever 'its' is; 'national governments' are many states; 'the leader of his legal team'
    leads that team."""
    if any(c.dep_ == "poss" for c in tok.children):
        return True
    if tok.tag_ == "NNS" and tok.lemma_.lower() in STATE_NOUNS:
        return True
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ == "of" and any(
                c.dep_ == "pobj" and c.pos_ == "NOUN" and any(g.dep_ == "poss" for g in c.children)
                for c in prep.children):
            return True
    if any(c.ent_type_ == "NORP" and c.pos_ in {"ADJ", "PROPN"} and c.lemma_.lower() not in HOME_AFFILIATIONS
           for c in tok.children if c.dep_ in {"amod", "compound"}):
        return True  # "Kurdish forces", "Tuareg rebels": a people the dictionary does not place, not the story's
    return any(c.lower_ in {"foreign", "other", "international", "former", "western", "global", "world"}
               for c in tok.children if c.dep_ in {"amod", "compound", "det"})


def _role(actor: Actor) -> str | None:
    """The actor's sector; a transnational armed group ("Islamic State") carries none in its code, yet its
    members are the story's militants."""
    if actor.sector is None and actor.code and not (actor.country or actor.org) and actor.found == "named":
        return "REB"
    return actor.sector


def _same_role_before(doc: Doc, tok: Token, index: MentionIndex, sector: str) -> Actor | None:
    """The actor with this role named in this sentence or the two before it, else earlier in the story,
    when there is exactly one."""
    start = tok.sent.start
    for _ in range(2):
        if start > 0:
            start = doc[start - 1].sent.start
    for window in (start, 0):  # the last sentences first, then the whole story so far
        pairs = [(i, a) for i, a in index.between(window, tok.i) if _role(a) == sector and (a.country or a.org or a.code)]
        found = [a for _, a in pairs]
        if len({a.key for a in found}) == 1:
            return found[-1]
        same_word = [a for i, a in pairs if _names_role_word(doc[i], tok.lemma_.lower())]
        if len({a.key for a in same_word}) == 1:  # "the ministry" after "X's foreign ministry" and "Y's envoy"
            return same_word[-1]
        if found:
            return None  # two candidates: ambiguous
    return None


def _names_role_word(head: Token, lemma: str) -> bool:
    """Whether the phrase of a mention holds the role word ('the president' and 'President Jane Roe')."""
    phrase = [head, *(t for t in head.lefts if t.dep_ in {"compound", "amod", "poss"})]
    return any(t.lemma_.lower() == lemma for t in phrase)

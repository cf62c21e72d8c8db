"""Resolve noun phrases in a parsed document to actors.

Names are found with spaCy's PhraseMatcher (case-sensitive). A noun phrase's actor combines the
country or organisation named inside it ("South Korea's", "Russian", "of Armenia") with the sector
its head words name ("Defense Ministry" -> MIL, "troops" -> MIL, "protesters" -> CVL).
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from ..records import Actor
from .dictionary import ActorDictionary, NameEntry, load_dictionary

NP_LEFT_DEPS = {"compound", "amod", "poss", "nmod", "npadvmod", "det"}
PLACE_PREPS = {"in", "throughout", "across", "inside", "through"}
EDGE_NOUNS = {"border", "frontier", "boundary", "coast", "waters", "airspace", "crossing", "checkpoint"}
# Heads that stand for a group of people named by what follows ("thousands of students").
GROUP_NOUNS = {"thousand", "hundred", "dozen", "ten", "million", "group", "member", "crowd", "number", "some",
               "many", "most", "all", "both", "leader", "supporter", "band", "batch", "contingent", "team"}
# Sectors whose unplaced members are actors of their own, not of the story's country.
STATELESS_SECTORS = {"NGO"}
PRONOUNS = {"it", "its", "they", "their", "them", "he", "his", "him", "she", "her"}
# Name kinds that a person's name can contain ("Governor Bello Matawalle", "Chad Smith"): inside a longer
# PERSON entity they name the person, not a place.
PLACE_KINDS = {"place", "capital", "country"}
# Heads that name someone by their relation to the country ("Chinese rivals", "Iran's enemies"): not it.
RELATIONAL_NOUNS = {"rival", "enemy", "adversary", "foe", "neighbour", "neighbor"}
# People who comment on or study a field: the field's sector word before them is not their affiliation.
COMMENTATORS = {"analyst", "expert", "researcher", "scholar", "professor", "commentator", "observer", "consultant",
                "specialist", "historian", "academic", "lecturer", "strategist"}
# "leaders such as Orban", "officials including X": the examples name whose the group is.
EXAMPLE_PREPS = {"as", "like", "including"}


@dataclass(slots=True)
class NameMatch:
    start: int
    end: int
    entry: NameEntry

# A country's posts at an international body: "its U.N. mission" is the country's, not the body's.
# "Israel's militia ally", "a proxy of Iran": the country named is the patron, not the actor; only a
# name given in apposition ("its ally, Belarus,") says who the ally is
PROXY_NOUNS = {"ally", "proxy", "surrogate", "client"}
POSTS_AT_A_BODY = {"mission", "ambassador", "envoy", "delegation", "delegate", "representative"}

class ActorResolver:
    """Finds actor names in a ``Doc`` and resolves argument tokens to ``Actor`` records."""

    def __init__(self, nlp: Language, dictionary: ActorDictionary | None = None) -> None:
        self.dictionary = dictionary or load_dictionary()
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self._entries: dict[str, NameEntry] = {}
        patterns = []
        for name, entry in self.dictionary.names.items():
            key = f"N{len(self._entries)}"
            self._entries[key] = entry
            patterns.append((key, nlp.make_doc(name)))
            # Case-insensitive fallback for names written all in capitals in headlines is not
            # attempted: "US" and "us" must stay apart.
        for key, pattern in patterns:
            self.matcher.add(key, [pattern])
        self.max_sector_words = max((len(k.split()) for k in self.dictionary.sectors), default=1)

    # -- finding names -------------------------------------------------------------------
    def find_names(self, doc: Doc) -> dict[int, NameMatch]:
        """Longest non-overlapping name matches, indexed by every token they cover."""
        found = []
        for match_id, start, end in self.matcher(doc):
            entry = self._entries[doc.vocab.strings[match_id]]
            found.append(NameMatch(start, end, entry))
        found.sort(key=lambda m: (-(m.end - m.start), m.start))
        by_token: dict[int, NameMatch] = {}
        for match in found:
            if any(i in by_token for i in range(match.start, match.end)) or _inside_person(doc, match):
                continue
            for i in range(match.start, match.end):
                by_token[i] = match
        return by_token

    # -- resolving -----------------------------------------------------------------------
    def resolve(self, token: Token, names: dict[int, NameMatch], date: str | None) -> Actor | None:
        """The actor a nominal token stands for, or None when it names no country or organisation."""
        found = self.resolve_all(token, names, date)
        return found[0] if found else None

    def resolve_all(self, token: Token, names: dict[int, NameMatch], date: str | None) -> list[Actor]:
        """Like ``resolve``, but coordinated names inside the phrase give one actor each
        ("U.S. and Russian negotiators" -> USAGOV, RUSGOV)."""
        head = self._phrase_head(token, names)
        if head.lemma_.lower() in RELATIONAL_NOUNS and head.i not in names:
            return []  # "China's rivals" are not China
        identity, source = self._identity(head, names, date, depth=0)
        country, org, sector, code = identity
        text = self._phrase_text(head, names)
        if country is None and org is None:
            if self._sector_of(head, names) in STATELESS_SECTORS:  # "rights groups" act, though no state owns them
                return [make_actor(text, country=None, org=None, sector=self._sector_of(head, names))]
            if code and source is not None:
                # "Islamic State fighters": a transnational group, owned by no state; its rebels' sector is a
                # national one (NATIONAL_SECTORS), so the code alone names it
                return [make_actor(text, country=None, org=None, sector=None, code=code)]
            return []
        sector = self._sector_of(head, names) or sector
        actors = [make_actor(text, country=country, org=org, sector=sector, code=code)]
        partners = list(source.conjuncts) if source is not None else []
        named = head  # the noun the names modify: "the withdrawal of U.S. and NATO troops" -> troops
        if source is not None and not head.left_edge.i <= source.i <= head.i:
            named = source
            while named.dep_ in {"amod", "compound", "poss", "nmod", "conj"} and named.head.i != named.i:
                named = named.head
        modifiers = [t for t in head.doc[named.left_edge.i:named.i] if t.i in names]
        if len(modifiers) > 1 and any(t.lower_ in {"and", ",", "-", "\u2013"} for t in head.doc[named.left_edge.i:named.i]):
            partners += [t for t in modifiers if t is not source]  # "Thai and Cambodian commanders", "Kenya-U.S."
        for conj in dict.fromkeys(partners):
            match = names.get(conj.i)
            if match is None or head.i in range(match.start, match.end):
                continue
            c2, o2, s2, code2 = self._entry_identity(match.entry, date)
            if (c2, o2) == (country, org):
                continue
            actors.append(make_actor(f"{conj.text} {head.text}", country=c2, org=o2,
                                     sector=self._sector_of(head, names) or s2, code=code2))
        return actors

    def _phrase_head(self, token: Token, names: dict[int, NameMatch]) -> Token:
        # "Kim Jong Un" parsed as compounds: step to the name's syntactic head.
        match = names.get(token.i)
        if match is not None:
            span = token.doc[match.start:match.end]
            root = span.root
            if root.head.i != root.i and root.dep_ == "compound" and root.head.pos_ in {"PROPN", "NOUN"}:
                return root.head
            return root
        return token

    def _identity(self, head: Token, names: dict[int, NameMatch], date: str | None, depth: int):
        """((country, org, sector, code), token that named it), nearest the head first."""
        none = ((None, None, None, None), None)
        if head.lemma_.lower() in PROXY_NOUNS and head.i not in names:
            for child in head.children:
                found = self._identity(child, names, date, depth + 1) if child.dep_ == "appos" else none
                if found[1] is not None:
                    return found
            return none
        tokens = self._phrase_tokens(head)
        for tok in tokens:
            match = names.get(tok.i)
            if match is not None:
                if tok.is_lower and any(t.i in names and names[t.i].entry.kind in {"country", "demonym"}
                                        for t in tokens if t.i not in range(match.start, match.end)):
                    continue  # "Peruvian congressional leaders": the country named beats a word that implies one
                if tok.i == head.i and match.entry.kind == "demonym":
                    residence = self._residence(head, names, date)
                    if residence is not None:  # "the Albanians of southern Serbia" live, and act, in Serbia
                        return residence
                if match.entry.kind == "org" and tok.i != head.i:
                    owner = self._country_possessor(head, names, date)
                    if owner is not None:  # "Iran's U.N. ambassador" serves Iran, at the U.N.
                        return owner
                    if head.lemma_.lower() in POSTS_AT_A_BODY and any(
                            c.dep_ == "poss" and c.tag_ == "PRP$" for c in head.children):
                        return none  # "his U.N. mission": the pronoun's owner's, not the U.N.
                return self._entry_identity(match.entry, date), tok
        if depth > 2:
            return none
        people = head.lemma_.lower() in self.dictionary.sectors or head.lemma_.lower() in GROUP_NOUNS
        if people and head.tag_ in {"NNS", "NNPS"}:
            example = self._example(head, names, date, depth)  # "European leaders, such as Orban,"
            if example is not None:
                return example
        edge = head.lemma_.lower() in EDGE_NOUNS
        for child in head.children:
            # "the president of Armenia", "students throughout Indonesia", "the border with China"
            if child.dep_ == "prep" and (child.lower_ in {"of", "from"} or (people and child.lower_ in PLACE_PREPS)
                                         or (edge and child.lower_ == "with")):
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        found = self._identity(pobj, names, date, depth + 1)
                        if found[1] is not None:
                            if child.lower_ in PLACE_PREPS:  # "activists in Yangon": the place, not its government
                                (country, org, _, code), token = found
                                return (country, org, None, None if country else code), token
                            return found
            if child.dep_ == "appos":  # "Kofi Annan, UN secretary-general"
                found = self._identity(child, names, date, depth + 1)
                if found[1] is not None:
                    return found
            if child.dep_ == "relcl" and head.ent_type_ == "PERSON":  # "Ahmed Khan, who is Pakistani,"
                found = self._predicated_nationality(child, names, date)
                if found is not None:
                    return found
        return none

    def _country_possessor(self, head: Token, names: dict[int, NameMatch], date: str | None):
        """The country named as the phrase's possessor ("Iran's" in "Iran's U.N. mission")."""
        for child in head.children:
            if child.dep_ != "poss":
                continue
            for tok in sorted(child.subtree, key=lambda t: -t.i):
                match = names.get(tok.i)
                if match is not None and match.entry.kind == "country" and match.entry.country:
                    return (match.entry.country, None, None, None), tok
        return None

    def _example(self, head: Token, names: dict[int, NameMatch], date: str | None, depth: int):
        """The identity of the examples a plural group is given by, when they all share it."""
        identities = []
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in EXAMPLE_PREPS:
                if child.lower_ == "as" and not any(t.lower_ == "such" for t in child.children) \
                        and child.i > 0 and head.doc[child.i - 1].lower_ != "such":
                    continue
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        for tok in [pobj, *pobj.conjuncts]:
                            found = self._identity(tok, names, date, depth + 1)
                            if found[1] is not None:
                                identities.append(found)
        if identities and len({i[0][:2] for i in identities}) == 1:
            (country, org, _, code), token = identities[0]
            return (country, org, None, None if country else code), token
        return None

    def _predicated_nationality(self, clause: Token, names: dict[int, NameMatch], date: str | None):
        """'who is Azerbaijani', 'who is from Kenya': the country a relative clause gives a person."""
        if clause.lemma_ != "be":
            return None
        for child in clause.children:
            targets = [child] if child.dep_ in {"acomp", "attr"} else []
            if child.dep_ == "prep" and child.lower_ == "from":
                targets = [c for c in child.children if c.dep_ == "pobj"]
            for tok in targets:
                match = names.get(tok.i)
                if match is not None and match.entry.kind in {"demonym", "country"} and match.entry.country:
                    return (match.entry.country, None, None, None), tok
        return None


    def _residence(self, head: Token, names: dict[int, NameMatch], date: str | None):
        """The country a people noun is placed in by 'of/in X' (a country or one of its places)."""
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in {"of", "in"}:
                for pobj in child.children:
                    match = names.get(pobj.i)
                    if pobj.dep_ == "pobj" and match is not None and match.entry.kind in {"country", "place"} \
                            and match.entry.country:
                        return (match.entry.country, None, None, None), pobj
        return None

    def _entry_identity(self, entry: NameEntry, date: str | None):
        if entry.kind == "leader":
            term, in_office = self.dictionary.leader_at(entry.code or "", date)
            sector = term.sector if in_office else "ELI"
            return term.country, term.org, sector, None
        if entry.kind == "org":
            return None, entry.org, entry.sector, entry.code
        if entry.kind in {"capital", "place"}:
            country = self.dictionary.place_country(entry.country, date)
            if country != entry.country:  # "Juba" before South Sudan began: a Sudanese city, no government
                return country, None, None, None
        return entry.country, None, entry.sector, entry.code if entry.kind == "group" else None

    @staticmethod
    def _phrase_tokens(head: Token) -> list[Token]:
        """The head and its left modifiers, nearest first (possessors included)."""
        out = [head]
        for child in reversed(list(head.lefts)):
            if child.dep_ in NP_LEFT_DEPS:
                out.extend(sorted(child.subtree, key=lambda t: -t.i))
        return out

    def _sector_of(self, head: Token, names: dict[int, NameMatch]) -> str | None:
        lemmas = [t.lemma_.lower() for t in head.lefts if t.dep_ in {"compound", "amod"} and t.i not in names]
        if head.lemma_.lower() in COMMENTATORS or (head.pos_ == "PROPN" and COMMENTATORS & set(lemmas)):
            return None  # "a military analyst", "intelligence expert Jane Doe": they study the role, not hold it
        words = lemmas + ([] if head.i in names else [head.lemma_.lower()])  # "European Union" is no trade union
        for size in range(min(self.max_sector_words, len(words)), 0, -1):
            phrase = " ".join(words[-size:])
            if phrase in self.dictionary.sectors:
                return self.dictionary.sectors[phrase]
        found = self._longest_sector(lemmas)  # "opposition supporters": a sector word among the modifiers
        if found:
            return found
        found = self._coordinated_modifier_sector(head, names)
        if found:
            return found
        if head.pos_ == "PROPN":  # "Serbian President Vojislav Kostunica": the title sits among the compounds
            titles = [t for t in head.doc[head.left_edge.i:head.i] if t.i not in names and t.dep_ in {"compound", "amod"}]
            found = self._longest_sector([t.lemma_.lower() for t in titles])
            if found:
                return found
        for child in head.children:  # "ministry of defense"
            if child.dep_ == "prep" and child.lower_ == "of":
                for pobj in child.children:
                    phrase = f"{head.lemma_.lower()} of {pobj.lemma_.lower()}"
                    if phrase in self.dictionary.sectors:
                        return self.dictionary.sectors[phrase]
        return None

    def _coordinated_modifier_sector(self, head: Token, names: dict[int, NameMatch]) -> str | None:
        """'press freedom and rights groups': each coordinated modifier with the head names the sector."""
        if head.i in names:
            return None
        for mod in head.lefts:
            if mod.dep_ not in {"compound", "amod", "nmod"} or not mod.conjuncts:
                continue
            for part in [mod, *mod.conjuncts]:
                others = {t.i for c in part.children if c.dep_ == "conj" for t in c.subtree}
                words = [t.lemma_.lower() for t in part.subtree
                         if t.i not in others and t.dep_ not in {"cc", "punct", "det", "nummod"}]
                found = self._longest_sector_ending(words + [head.lemma_.lower()])
                if found:
                    return found
        return None

    def _longest_sector_ending(self, words: list[str]) -> str | None:
        for size in range(min(self.max_sector_words, len(words)), 1, -1):
            phrase = " ".join(words[-size:])
            if phrase in self.dictionary.sectors:
                return self.dictionary.sectors[phrase]
        return None

    def _longest_sector(self, words: list[str]) -> str | None:
        for size in range(min(self.max_sector_words, len(words)), 0, -1):
            for start in range(len(words) - size, -1, -1):
                phrase = " ".join(words[start:start + size])
                if phrase in self.dictionary.sectors:
                    return self.dictionary.sectors[phrase]
        return None

    @staticmethod
    def _phrase_text(head: Token, names: dict[int, NameMatch]) -> str:
        tokens = [t for t in ActorResolver._phrase_tokens(head) if t.dep_ != "det"] or [head]
        start = min(t.i for t in tokens)
        span: Span = head.doc[start:head.i + 1]
        return span.text.strip()


def _inside_person(doc: Doc, match: NameMatch) -> bool:
    """A place or country name that is part of a longer person's name ("Governor Bello Matawalle")."""
    if match.entry.kind not in PLACE_KINDS:
        return False
    if any(doc[i].ent_type_ != "PERSON" for i in range(match.start, match.end)):
        return False
    starts_before = doc[match.start].ent_iob_ == "I"  # the entity began before the name
    goes_on = match.end < len(doc) and doc[match.end].ent_iob_ == "I"
    return starts_before or goes_on


# Sectors that only a country has: composed with an intergovernmental organisation's code they would make
# codes no codebook holds.
NATIONAL_SECTORS = {"OPP", "REB", "PTY", "INS", "SEP", "UAF", "CVL", "CRM"}


def make_actor(text: str, *, country: str | None, org: str | None, sector: str | None,
               code: str | None = None, found: str = "named") -> Actor:
    base = code or country or (f"IGO{org}" if org else "")
    if sector in NATIONAL_SECTORS and not country and base.startswith("IGO"):  # an IGO has no opposition: no IGOUNOOPP
        sector = None
    if sector and not base.endswith(sector):
        base += sector
    return Actor(text=text, code=base, country=country, org=org, sector=sector, found=found)

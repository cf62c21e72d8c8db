"""Violence and state force: who attacks when the sentence names no one, and whom the state acts on.

Attacks, killings and arrests are often told in the passive or by attackers the sentence does not
name ("six guards were killed", "gunmen stormed a hotel", "was arrested in Brooklyn"). These rules
find the author the sentence does give (a place, a claim of responsibility) or mark it unnamed for
the document to find (events/document.py).
"""
from __future__ import annotations

from spacy.tokens import Token

from ..actors.resolver import make_actor
from ..records import Actor
from .arguments import adjectival_passive, shared_passive
from .rules import load_rules

RULES = load_rules()
SUBJECT_DEPS = {"nsubj", "csubj"}
# the author of violence the sentence does not name, for the document to find (events/document.py)
UNNAMED_ATTACKERS = make_actor("unnamed attackers", country=None, org=None, sector="REB", code="*", found="unnamed")
UNNAMED_COURT = make_actor("the courts", country=None, org=None, sector="JUD", code="*", found="unnamed")
UNKNOWN_ATTACKERS = make_actor("unknown attackers", country=None, org=None, sector="REB", code="*", found="unnamed")


class ViolenceRules:
    """Authors and victims of attacks, arrests and charges; mixed into ``SentenceCoder``."""

    def _toll_of_attack(self, verb: Token) -> bool:
        """'shelled the town, killing 20 people', 'opened fire, killing one': a participle with no
        subject of its own that tells what an attack did is that attack, not a second one."""
        while verb.dep_ == "conj" and verb.tag_ == "VBG" and verb.head.tag_ == "VBG":  # "killing or wounding 50"
            verb = verb.head
        if verb.dep_ != "advcl" or verb.tag_ != "VBG" or any(c.dep_ in {"nsubj", "nsubjpass", "aux"} for c in verb.children):
            return False
        node = verb.head
        code = self._verb_code(node) if node.pos_ in {"VERB", "AUX"} else None
        if code is None and node.pos_ in {"VERB", "AUX"}:  # "launched rocket fire": the event noun it carries
            nouns = [c for c in node.children if c.dep_ == "dobj" and self._noun_entry(c)]
            code = self._noun_entry(nouns[0])[0] if nouns else None
        return bool(code) and code[:2] in RULES["armed_author_roots"]

    def _unnamed_armed(self, verb: Token, code: str, passive: bool, targeted: bool) -> bool:
        """'they shot them', 'the militants stormed it', 'six guards were killed': violence by attackers
        the sentence does not name is kept for the document, which gives it to the one armed group the
        story names, or to the country whose own affairs the story tells. 'We have been ripped off'
        (a speaker's complaint) names no violence."""
        if code[:2] not in RULES["armed_author_roots"]:
            return False
        if passive:
            agents = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
            if agents and not _unnamed_attacker(agents[0]):
                return False
            holders = list(verb.head.children) if adjectival_passive(verb) else []
            subjects = [c for c in list(verb.children) + holders if c.dep_ in {"nsubjpass", "nsubj"}]
            if subjects and subjects[0].lower_ in RULES["speaker_pronouns"] | {"you", "us"}:
                return False
            if any(self._other_cause(c) for c in verb.children if c.dep_ == "prep"):
                return False  # "killed in floods", "injured in a crash": no one attacked
            return targeted or self._person_acted_on(verb)
        node = verb
        while node.dep_ == "conj" and not any(c.dep_ in SUBJECT_DEPS for c in node.children):
            node = node.head  # "they tied their hands and shot them"
        subjects = [c for c in node.children if c.dep_ == "nsubj"]
        return bool(subjects) and (_unnamed_attacker(subjects[0]) or self._violent_noun(subjects[0]))

    def _state_of_place(self, verb: Token) -> list[Actor]:
        """'was arrested in Brooklyn', 'held in solitary confinement in Macau': the place may hang
        under the noun of the first 'in' phrase rather than under the verb."""
        preps = [c for c in verb.children if c.dep_ == "prep" and c.lower_ in {"in", "at"}]
        while preps:
            prep = preps.pop(0)
            for place in (c for c in prep.children if c.dep_ == "pobj"):
                for actor in self._actors_of(place):
                    if actor.country and actor.sector is None:
                        return [make_actor(actor.country, country=actor.country, org=None, sector="COP",
                                           found="context")]
                if prep.head.i == verb.i:
                    preps.extend(c for c in place.children if c.dep_ == "prep" and c.lower_ in {"in", "at"})
        return []

    def _violence_place(self, verb: Token) -> list[Actor]:
        """'was killed in a car bomb explosion in X', 'were killed by a roadside bomb outside the X city
        of Y': violence whose author the sentence does not name is coded, as the PLOVER gold standard
        does, to the country where it happens. Not when an agent who is someone is named ("by a
        hitman"), nor in a relative clause that describes a person ("a journalist who was killed in X")."""
        if verb.dep_ == "relcl" or any(not self._means_of_attack(g) for c in verb.children if c.dep_ == "agent"
                                       for g in c.children if g.dep_ == "pobj"):
            return []
        if any(self._other_cause(c) for c in verb.children if c.dep_ == "prep"):
            return []  # "killed in floods in X": no one attacked
        for tok in verb.subtree:
            if tok.dep_ != "pobj" or tok.head.lower_ not in RULES["location_preps"] | {"outside", "of"}:
                continue
            node = tok.head
            while node.i != verb.i and node.pos_ not in {"VERB", "AUX"}:
                node = node.head
            if node.i != verb.i:
                continue  # a place in a nested clause
            for actor in self._actors_of(tok, owned=False):
                if actor.country and actor.sector is None:
                    return [make_actor(actor.country, country=actor.country, org=None, sector=None, found="context")]
        return []

    def _armed_of_place(self, verb: Token) -> list[Actor]:
        """'Rebels attacked a village in northern X', 'guerrillas ambushed a patrol in X': armed men
        tied to no country are of the country where they fight (PLOVER codes a rebel group by the
        country it fights in)."""
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if not subjects or self.resolver._sector_of(subjects[0], self.names) != "REB":
            return []
        place = self._place_of_sentence(verb.sent, set())
        return [make_actor(subjects[0].text, country=place, org=None, sector="REB", found="context")] if place else []

    def _protesters_of_place(self, noun: Token) -> list[Actor]:
        """Protesters the sentence ties to no country ("workers staged a strike in Lima") protest in and
        for the country where they are, as a protest verb's do."""
        carrier = noun.head.head if noun.dep_ == "pobj" else noun.head
        subjects = [c for c in carrier.children if c.dep_ == "nsubj"] if carrier.pos_ in {"VERB", "AUX"} else []
        if not subjects or super()._actors_of(subjects[0], owned=False):
            return []
        place = self._place_of_sentence(noun.sent, set())
        sector = self.resolver._sector_of(subjects[0], self.names) or "CVL"
        return [make_actor(subjects[0].text, country=place, org=None, sector=sector, found="context")] if place else []

    def _means_of_attack(self, noun: Token) -> bool:
        words = [noun, *[c for c in noun.children if c.dep_ in {"compound", "amod"}]]
        return any(self.lex.noun_class.get(w.lemma_.lower()) == "weapon" or w.lemma_.lower() in RULES["attack_means"]
                   for w in words)

    def _faces_courts(self, verb: Token, code: str, passive: bool) -> bool:
        """'X faces two charges', 'X will stand trial': the subject is the accused, not the accuser."""
        return not passive and code[:2] == "11" and self._lemma(verb) in RULES["facing_verbs"]

    def _person_acted_on(self, verb: Token) -> bool:
        """'a reporter was detained', 'Smith was arrested', 'X faces charges': a person (named, or
        by a role word) is acted upon, so the act is the state's even when no one is named for either side."""
        holders = list(verb.head.children) if adjectival_passive(verb) else []
        shared = [s for s in [shared_passive(verb)] if s is not None]  # "were ambushed and killed"
        facing = self._lemma(verb) in RULES["facing_verbs"]
        for child in list(verb.children) + holders + shared:
            if child.dep_ == "nsubjpass" or (child.dep_ == "nsubj" and (child in holders or facing)):
                if child.lower_ in RULES["relative_pronouns"] and verb.dep_ == "relcl":
                    child = verb.head  # "the boys, who were kidnapped"
                return self._a_person(child, judged=self._lemma(verb) in RULES["judicial_verbs"] | RULES["facing_verbs"])
        return False

    def _a_person(self, noun: Token, *, judged: bool = False) -> bool:
        """A person by name or role; before the courts, any name that is not a place (the parser
        often misses a foreign surname: 'Odhiambo was convicted')."""
        named = judged and noun.pos_ == "PROPN" and noun.ent_type_ not in {"GPE", "LOC", "FAC", "NORP"}
        return named or noun.ent_type_ == "PERSON" or self.resolver._sector_of(noun, self.names) is not None \
            or self.lex.noun_class.get(noun.lemma_.lower()) == "victim"

    def _claimed_by(self, noun: Token) -> list[Actor]:
        """'X claimed responsibility for the attack', 'the attacks were claimed by X': who claims an
        act is its author."""
        claim = noun.head
        if noun.dep_ == "pobj" and claim.lower_ == "for" and claim.head.lemma_.lower() in RULES["claim_objects"]:
            claim = claim.head.head
        elif noun.dep_ not in {"dobj", "nsubjpass"}:
            return []
        if self._lemma(claim) not in RULES["claim_verbs"]:
            return []
        passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in claim.children)
        return self._sources(claim, passive)


def _unnamed_attacker(noun: Token) -> bool:
    """'the militants', 'gunmen', 'the terror group', 'an armed group': attackers the sentence does not name."""
    return noun.lemma_.lower() in RULES["unnamed_attackers"] or (
        noun.lemma_.lower() in RULES["group_nouns"] and any(
            c.lemma_.lower() in RULES["armed_modifiers"] for c in noun.children if c.dep_ in {"amod", "compound"}))

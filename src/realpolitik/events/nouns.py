"""Events named by nouns: "the invasion of X", "talks between A and B", "placed under house arrest".

An event noun finds its actors in its modifiers ("Russia's invasion"), its prepositions ("of",
"with", "against"), the light verb that carries it ("held talks with X") or the clause it sits in.
A noun that only names an event already told, or judges one, is no new event.
"""
from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span, Token

from ..records import Actor, Event
from .rules import load_rules

RULES = load_rules()
PLACEMENT_VERBS = RULES["light_verbs"] | RULES["placement_extra"]


class NounRules:
    """Events whose trigger is a noun; mixed into ``SentenceCoder``."""

    def _from_noun(self, noun: Token, entry: tuple[str, set[str]], sent: Span, index: int) -> list[Event]:
        self.place_target = False
        code, preps = entry
        sources = self._modifier_actors(noun) or self._claimed_by(noun)
        targets: list[Actor] = []
        if self._lemma(noun) in RULES["patient_nouns"] and any(c.dep_ == "poss" for c in noun.children) \
                and not any(c.dep_ == "prep" and c.lower_ == "of" for c in noun.children):  # "X's release of Y": X acts
            targets, sources = self._owner_actors(noun), self._claimed_by(noun)  # "Lai's release", "the leader's killing"
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ in preps and not targets:
                targets = self._actors_under(child, deps={"pobj"})
        targets = targets or self._carrier_targets(noun, preps, code) or self._victims_of_subject(noun)
        if any(c.lower_ in RULES["non_event_modifiers"] for c in noun.children if c.dep_ in {"amod", "compound"}):
            return []
        if _judged(noun) or (_named_in_passing(noun) and not (targets and self._possessor_acts(noun))):
            return []  # ... unless the phrase is a whole reading: "following Russia's invasion of Ukraine"
        if not sources and noun.dep_ == "attr" and any(c.lower_ == "what" for c in noun.head.children if c.dep_ == "nsubj"):
            sources = self._inherited_subject(noun)  # "prosecuting what is largely a war in Ukraine"
        carrier = _measured(noun)
        if not sources and carrier.dep_ in {"dobj", "attr"} and self._lemma(carrier.head) in RULES["light_verbs"]:
            sources = self._sources(carrier.head, passive=False)
        aimed: list[Actor] = []
        if self._carried_subject(noun) and not targets:  # "conducted the drills encircling X": aimed at X, no partner
            sources = sources or self._sources(noun.head.head, passive=False)
            aimed = [a for c in noun.head.children if c.dep_ == "dobj" for a in self._actors_of(c, owned=False)]
        protest_idiom = noun.lemma_.lower() == "protest" and noun.head.lower_ == "in"  # "walked out in protest"
        placed = noun.dep_ == "pobj" and noun.head.lower_ in {"under", "on"} and self._lemma(noun.head.head) in PLACEMENT_VERBS
        if placed:  # "placed a lawyer under house arrest", "put its forces on alert"
            verb = noun.head.head
            passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children)
            sources = sources or self._sources(verb, passive=passive)
            if not sources and passive and code[:3] in RULES["unnamed_state_codes"]:
                sources = self._state_of_place(verb) or self._state_of_place(noun)  # "placed under arrest in X": X's state
            if not targets:
                targets = self._direct_targets(verb, passive, code) or [a for c in verb.children if c.dep_ == "dobj"
                                                                      for a in self._actors_of(c, owned=False)]
        if not sources and noun.dep_ == "pobj" and (noun.head.lower_ in {"for", "at", "during"} or protest_idiom):
            verb = noun.head.head  # "Putin is in Pyongyang for a summit with Kim"
            if verb.pos_ in {"VERB", "AUX"}:
                sources = self._sources(verb, passive=False)
        if self._lemma(noun) in RULES["custody_nouns"]:  # "has been in custody since May", never "while in custody"
            targets = self._held_in(noun)
            if not targets:
                return []
        if not sources and self._between_parties(noun, code, targets):
            sources, targets = targets, []  # "negotiations between A and B": each is the other's partner
        if not sources:  # "workers went on strike in Lima": Peru's workers (a labour strike once they are known)
            crowd = self._protesters_of_place(noun)
            if crowd and self._override(noun, code, crowd, targets).startswith("14"):
                sources = crowd
        if not sources and targets and self.lex.cameo(code).plover in RULES["speaker_partner_types"]:
            sources = self._speaker_as_party(noun, targets)  # "talks with X are going well, Y said": Y's talks
        if not sources and not targets and not aimed:
            return []
        if sources and targets and {a.key for a in sources} == {a.key for a in targets}:
            targets = []
        code = self._override(noun, code, sources, targets)  # labour strikes, formal protests, joint drills
        targets = targets or aimed
        reading = self._read(noun)
        events = self._pairs(noun, code, sources, targets, sent, index, reading)
        if noun.dep_ == "dobj" and self._lemma(noun.head) in RULES["light_verbs"]:  # "willing to resume the dialogue with X"
            events.extend(self._intent_events(noun.head, code, sources, targets, sent, index, reading))
        if len({a.key for a in sources}) > 1 and not code.startswith("06") and any(c.lower_ in {"joint", "combined"} for c in noun.children):
            joint = "062" if code[:2] in {"15", "18", "19", "20"} else "060"
            events.extend(self._pairs(noun, joint, sources, [], sent, index, reading))
        return events

    def _speaker_as_party(self, noun: Token, partners: list[Actor]) -> list[Actor]:
        """A cooperative act no one is said to make, in what a state or organisation reports ("Y said
        discussions with X are progressing"): the speaker tells of its own dealings with the partner."""
        clause = noun.head if noun.dep_ in {"nsubj", "nsubjpass"} and noun.head.pos_ in {"VERB", "AUX"} else noun
        speaker = self._attribution_actor(self._read(clause))
        if speaker is None or speaker.found != "named" or not (speaker.country or speaker.org) \
                or speaker.key in {a.key for a in partners}:
            return []
        return [replace(speaker, found="reference")]

    def _between_parties(self, noun: Token, code: str, targets: list[Actor]) -> bool:
        """'talks between A and B': a mutual act whose 'between' phrase names both sides."""
        if noun.dep_ in {"nsubj", "nsubjpass"}:  # "cooperation between A and B could resume": not yet
            clause = self._read(noun.head)
            if clause.modality != "actual" or clause.polarity != "affirmed":
                return False
        return len({a.key for a in targets}) > 1 and self.lex.cameo(code).plover == "CONSULT" \
            and any(c.dep_ == "prep" and c.lower_ == "between" for c in noun.children)

    def _possessor_acts(self, noun: Token) -> bool:
        return any(c.dep_ == "poss" and self._actors_of(c) for c in noun.children)


def _own_thing(noun: Token) -> bool:
    """'upgraded their ties': what the co-subjects share is between them, so they still act on each other."""
    return any(c.dep_ == "poss" and c.pos_ == "PRON" for c in noun.children)


def _measured(noun: Token) -> Token:
    """'held two rounds of talks', 'led hours of talks': the measure noun stands where the event
    noun would, so the verb that governs it governs the event."""
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in RULES["measure_nouns"]:
        return head.head
    return noun


def _judged(noun: Token) -> bool:
    """'X's detention is arbitrary', 'the arrest was illegal': the sentence judges an act told
    elsewhere; the judgment is the reading, not the act."""
    return noun.dep_ == "nsubj" and noun.head.lemma_ == "be" and any(c.dep_ in {"acomp", "attr"} for c in noun.head.children)


def _named_in_passing(noun: Token) -> bool:
    """'a ceasefire deal', 'concerns about the threat', 'after his release': an event noun that
    modifies another noun or only dates or frames something else names an event reported elsewhere."""
    if noun.dep_ == "compound":
        return True
    if noun.dep_ == "pobj" and noun.head.lower_ == "to" and noun.head.head.lemma_.lower() in RULES["reaction_verbs"]:
        return True  # "responded to the attack"
    return noun.dep_ == "pobj" and noun.head.lower_ in RULES["passing_preps"]

"""Reading: polarity, modality and attribution, from the path between a trigger and its sentence root."""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from ..records import Actor

SUBJECT_DEPS = {"nsubj", "csubj"}


@dataclass(slots=True)
class Reading:
    polarity: str = "affirmed"
    modality: str = "actual"
    attribution: Token | None = None
    reporter: Token | None = None  # the reporting verb, if the event sits under one
    marker: Token | None = None  # the word that set the modality
    governors: list = field(default_factory=list)  # governing words that are event triggers themselves


class ReadingRules:
    """Mixed into the per-sentence coder: how an event is told (fact, wish, plan, denial; by whom)."""

    def _read(self, trigger: Token) -> Reading:
        reading = Reading()
        node = trigger
        self._mark_own(node, reading)
        for _ in range(12):
            head = node.head
            if head.i == node.i:
                break
            if node is trigger and node.dep_ in {"nsubj", "nsubjpass"} and node.pos_ in {"NOUN", "PROPN"}:
                if node.dep_ == "nsubjpass" and self._called_off(head):
                    reading.polarity = "negated"  # "talks were postponed", "the visit was called off"
                break  # "Putin's visit will serve to ...": the visit is an argument, not governed
            if node.dep_ == "conj" and any(c.dep_ in {"nsubj", "nsubjpass"} for c in node.children):
                break  # "X refused ..., and Y threatened ...": a clause of its own
            lemma = self._lemma(head)
            particle = next((c.lower_ for c in head.children if c.dep_ in {"prt", "advmod"}
                             and f"{lemma} {c.lower_}" in self.lex.negation | self.lex.actual), None)
            if particle:  # "ruled out talks", "called off"; "pressed ahead with" is no wish
                lemma = f"{lemma} {particle}"
            if lemma in self.lex.report and node.dep_ in {"ccomp", "xcomp", "advcl", "parataxis", "dobj"}:
                reading.reporter = head
                subj = [c for c in head.children if c.dep_ in SUBJECT_DEPS]
                reading.attribution = reading.attribution or (subj[0] if subj else None)
                self._mark_own(head, reading, report=True)
                break
            if lemma in self.lex.negation and node.dep_ not in {"nsubj", "nsubjpass", "advcl", "conj"}:
                # "were blocked or harassed": a coordinated act is no complement of the blocking
                reading.polarity = "negated"
            elif lemma in self.lex.modality and node.dep_ not in {"nsubj", "nsubjpass", "conj"} and not _achieved(
                    head, self.lex.achieved) and not (
                    node.dep_ == "advcl" and any(c.dep_ in {"nsubj", "nsubjpass"} for c in node.children)
                    and not any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children)):
                # "were supposed to sign it, although that was called off after they disagreed": a clause
                # with its own subject tells its own fact
                self._set_modality(reading, self.lex.modality[lemma], head)
            if node.dep_ in {"xcomp", "ccomp", "pcomp", "prep", "pobj"} and self._verb_code(head):
                reading.governors.append(head)
            if not _tensed_clause(node):  # a conjunct without its own subject shares the head's auxiliaries
                self._mark_own(head, reading)
            node = head
        return reading

    def _called_off(self, verb: Token) -> bool:
        lemma = self._lemma(verb)
        particle = next((c.lower_ for c in verb.children if c.dep_ in {"prt", "advmod"}
                         and f"{lemma} {c.lower_}" in self.lex.negation), None)
        return (f"{lemma} {particle}" if particle else lemma) in self.lex.negation

    def _mark_own(self, tok: Token, reading: Reading, report: bool = False) -> None:
        for child in tok.children:
            low = child.lower_
            if child.dep_ == "neg" or (child.dep_ == "det" and low in {"no", "neither"}) or (
                    child.dep_ == "advmod" and low in self.lex.negation) or (
                    child.dep_ == "advmod" and low == "yet" and tok.lemma_.lower() in {"have", "be"}) or (
                    child.dep_ == "advmod" and low == "longer" and any(g.lower_ == "no" for g in child.children)):
                if not report:
                    reading.polarity = "negated"
            elif (child.dep_ in {"aux", "advmod", "mark"} or (child.dep_ == "acomp" and tok.lemma_ == "be" and not report
                                                               and not _achieved(child, self.lex.achieved))) \
                    and self._lemma(child) in self.lex.modality:  # "it is crucial for X to", "it is unclear whether"
                if not report or self._lemma(child) in {"would", "could", "might", "may", "will", "if"}:
                    self._set_modality(reading, self.lex.modality[self._lemma(child)], child)
            elif child.dep_ == "prep" and self._lemma(child) == "accord":
                reading.attribution = reading.attribution or _first_pobj_deep(child)
            elif child.dep_ in {"advcl", "parataxis"} and self._lemma(child) in self.lex.report:
                agent = [g for g in child.children if g.dep_ in {"agent", "nsubj"}]
                if agent:
                    reading.attribution = reading.attribution or _first_pobj_deep(agent[0]) or agent[0]
            if child.dep_ == "aux" and child.lower_ == "going":
                self._set_modality(reading, "future", child)

    @staticmethod
    def _set_modality(reading: Reading, value: str, marker: Token) -> None:
        if reading.modality == "actual":
            reading.modality = value
            reading.marker = marker

    def _attribution_actor(self, reading: Reading) -> Actor | None:
        tok = reading.attribution
        if tok is None:
            return None
        found = self._actors_of(tok)
        if found:
            return found[0]
        for child in tok.subtree:
            actor = self.resolver.resolve(child, self.names, self.date) if child.pos_ in {"PROPN", "NOUN"} else None
            if actor is not None:
                return actor
        return None


def _tensed_clause(node: Token) -> bool:
    """'We can hear gunfire as militants are fighting': an adverbial clause with a subject and a tense
    of its own tells its own fact, whatever the auxiliaries of the clause it hangs on ("will respond
    when Y arrives", untensed, still shares them)."""
    return node.dep_ == "advcl" and any(c.dep_ in {"nsubj", "nsubjpass"} for c in node.children) and (
        node.tag_ == "VBD" or any(c.dep_ in {"aux", "auxpass"} and c.tag_ != "MD" and c.lower_ != "to" for c in node.children))


def _achieved(head: Token, words: set[str]) -> bool:
    """'Ukrainian forces were able to repel the attack': ability in the past tense is the act done."""
    return head.lemma_.lower() in words and head.head.lemma_ == "be" and head.head.tag_ == "VBD"


def _first_pobj_deep(token: Token) -> Token | None:
    for sub in token.subtree:
        if sub.dep_ == "pobj" and sub.pos_ in {"PROPN", "NOUN"}:
            return sub
    return None

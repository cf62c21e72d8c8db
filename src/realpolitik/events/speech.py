"""Speech acts read from reported statements: demands ("X said Y must ..."), condemnations ("X said
Y's plan was illegal") and stated intents ("X said it would ...").

The reporting verb itself is never the event (it is attribution, see reading.py); what is reported
may be an act of the speaker's own, which these rules code.
"""
from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Span, Token

from ..datafiles import package_file, rows
from ..records import Actor, Event
from .reading import Reading
from .rules import load_rules
from .violence import UNNAMED_COURT

RULES = load_rules()
SUBJECT_DEPS = {"nsubj", "csubj"}


class SpeechRules:
    """Demands, condemnations and intents in what actors say; mixed into ``SentenceCoder``."""

    def _obligations(self, sent: Span, index: int) -> list[Event]:
        """'X said that Y must do Z' is a demand by X on Y (CAMEO 100), whatever Z is."""
        out = []
        for verb in sent:
            if self._lemma(verb) not in self.lex.report and self._lemma(verb) not in {"reiterate", "conclude", "repeat"}:
                continue
            speaker = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
            for clause in (c for c in verb.children if c.dep_ == "ccomp"):
                if not any(a.dep_ == "aux" and a.lower_ in RULES["obligation"] for a in clause.children):
                    continue
                subject = [c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}]
                sources = self._actors_of(speaker[0]) if speaker else []
                targets = self._actors_of(subject[0]) if subject else []
                if sources and targets:
                    out.extend(_kind(self._pairs(verb, "100", sources, targets, sent, index, self._read(verb)), "obligation"))
        return out

    def _evaluations(self, sent: Span, index: int, coded: list[Event]) -> list[Event]:
        """'X said Y's plan was illegal': a statement that condemns someone's conduct is X criticising
        Y (CAMEO 111). A clause that reports an act of its own ("X said Y attacked Z") is that act's
        attribution instead, and a clause naming no one else accuses no one."""
        out = []
        for verb in sent:
            judging = self._lemma(verb) in RULES["judging_verbs"]
            if self._lemma(verb) not in self.lex.report and not judging:
                continue
            speaker = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
            sources = self._actors_of(speaker[0]) if speaker else []
            if not sources:
                continue
            for clause in (_judged_objects(verb) if judging else [c for c in verb.children if c.dep_ == "ccomp"]):
                failing = not judging and self._lemma(clause) in RULES["failing_verbs"]  # "said X was failing to ..."
                if not (failing or _condemns(clause if not judging else verb)) or _reports_act(clause, coded):
                    continue
                own = {a.key for a in sources}
                targets = [a for a in self._clause_actors(clause) if a.key not in own]
                if targets:
                    out.extend(_kind(self._pairs(verb, "111", sources, targets[:1], sent, index, self._read(verb)),
                                     "speech"))
        return out

    def _prosecutors_claims(self, sent: Span, index: int) -> list[Event]:
        """'Prosecutors say X hired a gunman', 'X was behind the plot, according to prosecutors': what
        prosecutors tell of someone is their state's accusation (CAMEO 112); the prosecutors of no
        named country are the story's courts (events/document.py)."""
        out = []
        for verb in sent:
            found = self._prosecutor_and_clauses(verb)
            if found is None:
                continue
            prosecutor, clauses = found
            sources = [a for a in self._actors_of(prosecutor) if a.country and a.found == "named"]  # else the story's courts
            for clause in clauses:
                targets = [a for a in self._clause_actors(clause)  # "they would present evidence": the prosecutors' own
                           if a.code not in {s.code for s in sources} and a.sector != "JUD"]
                reading = Reading() if verb.lower_ == "according" else self._read(verb)  # the telling is a fact, not the told
                events = self._pairs(verb, "112", sources, targets[:1], sent, index, reading) if targets else []
                for event in events if not sources else []:
                    event.source = UNNAMED_COURT
                out.extend(_kind(events, "speech"))
        return out

    def _prosecutor_and_clauses(self, verb: Token) -> tuple[Token, list[Token]] | None:
        """The prosecutor who speaks through ``verb`` and the clauses they tell ('X said ...', '...,
        according to X'), or None."""
        if verb.lower_ == "according":
            speakers = [g for c in verb.children if c.lower_ == "to" for g in c.children if g.dep_ == "pobj"]
            clauses = [verb.head] if verb.head.pos_ in {"VERB", "AUX"} else []
        elif self._lemma(verb) in self.lex.report:
            speakers = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
            clauses = [c for c in verb.children if c.dep_ == "ccomp"]
        else:
            return None
        if not speakers or not clauses or not self._prosecutor(speakers[0]):
            return None
        return speakers[0], clauses

    @staticmethod
    def _prosecutor(noun: Token) -> bool:
        """'prosecutors', 'federal prosecutor John Smith'."""
        words = [noun, *[c for c in noun.children if c.dep_ in {"compound", "appos"}]]
        return any(w.lemma_.lower() in RULES["prosecutor_nouns"] for w in words)

    def _clause_actors(self, clause: Token) -> list[Actor]:
        """Whom a clause is about: its subject, or else the first actor it names; a judged object
        ("described the plan as ...") is its owner's."""
        if clause.dep_ == "dobj":
            found = self._actors_of(clause) or self._owner_actors(clause) or self._modifier_actors(clause)
            if found:
                return found
        for child in clause.children:
            if child.dep_ in {"nsubj", "nsubjpass"}:
                if child.lower_ in RULES["speaker_pronouns"]:
                    return []  # '"I am pleased ...," X said': the speaker tells its own view, blaming no one named
                found = self._actors_of(child) or self._owner_actors(child)
                if found:
                    return found
        for tok in clause.subtree:
            if tok.i in self.names or tok.i in self.coref:
                found = self._actors_of(tok)
                if found:
                    return found
        return []

    def _speaks_to_own(self, verb: Token, sources: list[Actor], targets: list[Actor]) -> bool:
        subject = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
        if not (subject and subject[0].lower_ in RULES["speaker_pronouns"] and sources and targets):
            return False
        return {a.country for a in targets} <= {a.country for a in sources}

    def _states_own_intent(self, verb: Token, reading: Reading, sources: list[Actor]) -> bool:
        """'X said it would ...', 'X announced it will ...', 'X is ready to ...': an intent is stated by
        the actor about its own acts, with a speaking verb or in the main clause of a plain statement;
        a forecast ("is expected to"), a plan told by others or an analyst's guess ("Y said the two
        leaders will meet") states no one's intent."""
        if not sources:
            return False
        if reading.reporter is not None:
            if self._lemma(reading.reporter) not in RULES["intent_verbs"] or reading.attribution is None:
                return False
            speaker = {a.key for a in self._actors_of(reading.attribution)}
            if not speaker:  # "Defence Minister X said": an official of no named country speaks for the actor
                return self.resolver._sector_of(reading.attribution, self.names) in RULES["state_sectors"]
            return bool(speaker & {a.key for a in sources})
        marker = reading.marker
        if marker is None or self._lemma(marker) not in RULES["own_intent_markers"]:
            return False
        stated = marker.pos_ == "NOUN" and marker.dep_ == "dobj" and _main_clause(marker.head)  # "expressed its readiness to"
        return _main_clause(verb) or stated

    def _intent_events(self, verb, code, sources, targets, sent, index, reading) -> list[Event]:
        """A stated intent is itself an event (CAMEO 03x, or 13x for conflict): 'X will supply Y',
        'X plans to meet Y', 'X said it would meet Y'. The intended event stays non-factual."""
        if reading.modality not in {"future", "hypothetical"} or not self._states_own_intent(verb, reading, sources):
            return []
        for governor in reading.governors:
            if self.lex.cameo(self._verb_code(governor)).plover in RULES["self_coding"]:
                return []  # "agreed to supply", "threatened to strike": the governing verb is the event
        plover = self.lex.cameo(code).plover
        intent = RULES.intent_code.get(plover) or RULES.threat_code.get(plover)
        if reading.polarity == "negated":
            intent = "120"  # "X will not accept Y": a refusal stated now
        elif intent and self._has_condition(verb, {"unless"}):
            intent = RULES.threat_code.get(plover, "131")  # "will withdraw ... unless": a threat
        if intent is None:
            return []
        actors = sources
        if reading.marker is not None and reading.marker.lower_ in {"if", "unless", "whether"}:
            return []  # an event inside a condition states no intent
        trigger = reading.reporter or reading.marker or verb
        return _kind(self._pairs(trigger, intent, actors, targets, sent, index, Reading()), "intent")


def _subjunctive(verb: Token) -> bool:
    """'demanded that Chile ease the restrictions', 'insisted the troops leave': a clause whose verb
    keeps its bare form after a subject of its own is a demand's content (the mandative
    subjunctive), not a fact. The parser may tag the bare form as a present tense: after a singular
    noun ("that Chile release") it can only be the subjunctive."""
    if verb.tag_ not in {"VB", "VBP"} or verb.dep_ not in {"ccomp", "acl"}:
        return False
    if any(c.dep_ in {"aux", "auxpass"} for c in verb.children):
        return False
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    return bool(subjects) and (verb.tag_ == "VB" or subjects[0].tag_ in {"NN", "NNP"})


def _main_clause(verb: Token) -> bool:
    """Whether ``verb`` heads its sentence, directly or through 'ready to', 'will' and conjuncts."""
    node = verb
    while (node.dep_ in {"xcomp", "conj", "acomp"} or _infinitive_clause(node)) and node.head.i != node.i:
        node = node.head
    return node.dep_ == "ROOT"


@lru_cache(maxsize=1)
def _condemnation_words() -> frozenset[str]:
    return frozenset(row[0] for row in rows(package_file("realpolitik.events", "condemnation.tsv")))


def _condemns(clause: Token) -> bool:
    lemmas = [t.lemma_.lower() for t in clause.subtree]
    words = _condemnation_words()
    return any(w in words for w in lemmas) or any(f"{a} {b}" in words for a, b in zip(lemmas, lemmas[1:]))


def _judged_objects(verb: Token) -> list[Token]:
    """'called the decision a farce', 'described the plan as a betrayal': the object judged."""
    return [c for c in verb.children if c.dep_ == "dobj"]


def _reports_act(clause: Token, coded: list[Event]) -> bool:
    start = min(t.idx for t in clause.subtree)
    end = max(t.idx + len(t.text) for t in clause.subtree)
    return any(start <= e.event_span[0] < end for e in coded if e.modality == "actual")


def _kind(events: list[Event], kind: str) -> list[Event]:
    for event in events:
        event.trigger_kind = kind
    return events


def _infinitive_clause(node: Token) -> bool:
    """'X has sworn to fight Y': the parser may take the infinitive for an adverbial clause."""
    return node.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children)

"""Code events from the dependency parse.

A trigger (a verb or event noun in the lexicon) decides the CAMEO code; its arguments decide the
source and target: subjects, passive agents, objects and the prepositions each trigger takes. The
path from the trigger to the root of its sentence decides polarity, modality and attribution.

``EventCoder`` is shared (it holds only the resolver and the lexicon); each sentence is coded by a
fresh ``SentenceCoder`` that carries the sentence's names, date and references, so concurrent
requests never see each other's state. The rules are split by concern: ``triggers``,
``arguments`` and ``reading``; their words and code tables are data files (see ``rules``).
"""
from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from spacy.tokens import Span, Token

from ..actors.resolver import ActorResolver, NameMatch, make_actor
from ..datafiles import package_file, rows
from ..records import Actor, Event
from .arguments import ArgumentRules, adjectival_passive, shared_passive
from .dates import EventDate, event_date
from .lexicon import Lexicon, load_lexicon
from .reading import Reading, ReadingRules
from .rules import load_rules
from .triggers import TriggerRules

RULES = load_rules()
SUBJECT_DEPS = {"nsubj", "csubj"}
PLACEMENT_VERBS = RULES["light_verbs"] | RULES["placement_extra"]
# the author of violence the sentence does not name, for the document to find (events/document.py)
UNNAMED_ATTACKERS = make_actor("unnamed attackers", country=None, org=None, sector="REB", code="*", found="unnamed")
UNNAMED_COURT = make_actor("the courts", country=None, org=None, sector="JUD", code="*", found="unnamed")
UNKNOWN_ATTACKERS = make_actor("unknown attackers", country=None, org=None, sector="REB", code="*", found="unnamed")


class EventCoder:
    """Shared and stateless: call ``code_sentence`` from any number of requests at once."""

    def __init__(self, resolver: ActorResolver, lexicon: Lexicon | None = None) -> None:
        self.resolver = resolver
        self.lex = lexicon or load_lexicon()
        self.known_verbs = (set(self.lex.verbs) | set(self.lex.modality) | self.lex.negation | self.lex.report
                            | RULES["light_verbs"] | RULES["object_control"] | RULES["intent_verbs"])

    def code_sentence(self, sent: Span, index: int, names: dict[int, NameMatch],
                      doc_date: str | None, coref: dict[int, Actor] | None = None) -> list[Event]:
        return SentenceCoder(self, names=names, date=doc_date, coref=coref or {}).code(sent, index)


class SentenceCoder(TriggerRules, ArgumentRules, ReadingRules):
    """Codes one sentence; holds that sentence's context and nothing else."""

    def __init__(self, shared: EventCoder, *, names: dict[int, NameMatch], date: str | None,
                 coref: dict[int, Actor]) -> None:
        self.resolver = shared.resolver
        self.lex = shared.lex
        self.known_verbs = shared.known_verbs
        self.names = names
        self.date = date
        self.coref = coref
        self.place_target = False  # set while finding one trigger's target: it is a place

    def code(self, sent: Span, index: int) -> list[Event]:
        lowered = sent.text.lower()
        if any(phrase in lowered for phrase in RULES.ordered["credit_phrases"]):
            return []  # "X and Y contributed to this report": a credit, not an act
        events: list[Event] = []
        covered: set[int] = set()
        for tok in sent:
            if tok.pos_ in {"VERB", "AUX"} or (tok.tag_.startswith("VB")):
                code = self._verb_code(tok)
                if code:
                    events.extend(self._from_trigger(tok, code, sent, index, covered))
        for tok in sent:
            if tok.pos_ in {"NOUN", "PROPN"} and tok.i not in covered:
                entry = self._noun_entry(tok)
                if entry:
                    events.extend(self._from_noun(tok, entry, sent, index))
        events.extend(self._obligations(sent, index))
        events.extend(self._evaluations(sent, index, events))
        events.extend(self._joint_actions(sent, index, covered))
        return _unique(events)

    def _actors_of(self, token: Token, *, owned: bool = True) -> list[Actor]:
        found = super()._actors_of(token, owned=owned)
        home = self._home_of_people(token)
        if found and home is not None:  # "Bolivian Chileans": a people of the country they live in
            return [make_actor(a.text, country=home, org=None, sector=a.sector, found=a.found) for a in found]
        if found and _ethnic(token):
            place = self._place_of_sentence(token.sent, {a.country for a in found})
            if place is not None:  # "ethnic Chileans in Peru": a group that lives in a country is its
                return [make_actor(a.text, country=place, org=None, sector=a.sector, found="context") for a in found]
        return found

    def _home_of_people(self, token: Token) -> str | None:
        """The country a people noun is placed in by the name before it: 'Bolivian Chileans' live in Bolivia."""
        match = self.names.get(token.i)
        if match is None or match.entry.kind != "demonym" or token.tag_ not in {"NNS", "NNPS"}:
            return None
        own = {a.country for a in super()._actors_of(token, owned=False)}
        for child in token.children:
            named = self.names.get(child.i)
            if child.dep_ in {"amod", "compound"} and named is not None and named.entry.kind in {"demonym", "country"}:
                country = self.resolver._entry_identity(named.entry, self.date)[0]
                if country and country not in own:
                    return country
        return None

    def _place_of_sentence(self, sent: Span, others: set[str | None]) -> str | None:
        """The country where the sentence puts things ("in X", "near X's border"), other than ``others``."""
        for tok in sent:
            if tok.dep_ == "pobj" and tok.head.lower_ in RULES["location_preps"]:
                capital = tok.i in self.names and self.names[tok.i].entry.kind == "capital"  # a city, not its government
                for actor in super()._actors_of(tok, owned=False):
                    if actor.country and actor.country not in others and (actor.sector is None or capital):
                        return actor.country
        return None

    def _read(self, trigger: Token) -> Reading:
        reading = super()._read(trigger)
        if reading.modality == "actual" and _subjunctive(trigger):
            reading.modality, reading.marker = "desired", trigger
        return reading

    def _joint_actions(self, sent: Span, index: int, covered: set[int]) -> list[Event]:
        """'French and German engineers are jointly developing a tank': co-actors working together
        cooperate, whatever the verb."""
        out = []
        for verb in sent:
            if verb.pos_ != "VERB" or self._verb_code(verb) or not self._done_jointly(verb):
                continue
            if any(self._noun_entry(c) for c in verb.children if c.dep_ == "dobj"):
                continue  # "conducted joint strikes": the event noun carries the cooperation
            sources = self._sources(verb, any(c.dep_ == "auxpass" for c in verb.children))
            if len({a.key for a in sources}) > 1:
                reading = self._read(verb)
                code = "062" if any(a.sector in {"MIL", "COP"} for a in sources) else "060"
                out.extend(_kind(self._pairs(verb, code, sources, [], sent, index, reading), "joint"))
        return out

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

    def _possessor_acts(self, noun: Token) -> bool:
        return any(c.dep_ == "poss" and self._actors_of(c) for c in noun.children)

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

    def _from_trigger(self, verb: Token, code: str, sent: Span, index: int, covered: set[int]) -> list[Event]:
        self.place_target = False
        if any(c.dep_ == "nsubj" and self._carried_subject(c) for c in verb.children):
            return []  # the event noun under the light verb carries the event
        code = self._commitment_code(verb, code)
        if code.startswith("10") and self._protest_demand(verb):
            return []  # "marched through the capital demanding reforms": the demand is the protest's
        if code[:2] in RULES["armed_author_roots"] and self._toll_of_attack(verb):
            return []  # "shelled the town, killing 20": the toll of the attack already coded
        if self._lemma(verb) in RULES["abstract_fight"] and any(
                c.dep_ == "dobj" and not self._actors_of(c) for c in verb.children):
            return []  # "fight forest fires", "combat corruption"
        for child in verb.children:
            if child.dep_ in {"dobj", "nsubjpass"}:
                covered.add(child.i)
        passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children) or adjectival_passive(verb) \
            or self._reduced_passive(verb) or shared_passive(verb) is not None
        sources = self._sources(verb, passive)
        if not sources and passive and code[:2] in RULES["armed_author_roots"]:  # "killed in a Russian strike"
            sources = [a for noun in self._attacks_named(verb) for a in self._modifier_actors(noun)][:1]
        judged = not sources and passive and self._lemma(verb) in RULES["judicial_verbs"]
        if not sources and passive and (code[:3] in RULES["unnamed_state_codes"] or judged):
            sources = self._state_of_place(verb)  # "was arrested in Brooklyn": the state where it happened
        judged = judged and not sources and not self._claimed_accuser(verb) and not self._state_accused(verb)
        if not sources and passive and code[:2] in RULES["armed_author_roots"]:
            sources = self._violence_place(verb)  # "were killed by a roadside bomb in X": X's own violence
        if not sources and not passive and code[:2] in RULES["armed_author_roots"]:
            sources = self._armed_of_place(verb)  # "rebels attacked a village in X": X's rebels
        targets = self._targets(verb, passive, code) or self._partner_of_object(verb) or self._own_affairs(verb, code, sources)
        if self._lemma(verb) in RULES["receiving_verbs"] and code[:2] in RULES["receiving_roots"] and not passive:
            sources, targets = self._donors(verb), sources  # "received loans from X": X is the donor
        code = self._override(verb, code, sources, targets)  # "sent tanks to its border": a deployment
        if not sources and code.startswith("14") and self.place_target and targets:
            sources = [make_actor(a.text, country=a.country, org=None, sector="CVL") for a in targets]
        if self._speaks_to_own(verb, sources, targets):
            return []  # '"We urge our citizens to ...," the minister said': an appeal at home, not an act between states
        if self._lemma(verb) in RULES["reciprocal_verbs"] and len({a.key for a in sources}) > 1:
            targets = []  # "Japan and Australia exchanged intelligence on China": they are each other's partners
        unnamed = not sources and self._unnamed_armed(verb, code, passive, bool(targets))
        if not sources and not targets and not (passive and (code[:3] in RULES["unnamed_state_codes"] or judged)
                                                and self._person_acted_on(verb)) and not unnamed:
            return []
        reading = self._read(verb)
        events = self._pairs(verb, code, sources, targets, sent, index, reading)
        for event in events if unnamed else []:  # the document finds who they are
            event.source = UNKNOWN_ATTACKERS if passive else UNNAMED_ATTACKERS
        for event in events if judged else []:  # "was charged with fraud": the state's courts, found by the document
            event.source = UNNAMED_COURT
        if len({a.key for a in sources}) > 1 and not code.startswith("06") and self._done_jointly(verb) and reading.modality == "actual":
            joint = "062" if any(a.sector in {"MIL", "COP"} for a in sources) else "060"
            events.extend(self._pairs(verb, joint, sources, [], sent, index, reading))
        events.extend(self._intent_events(verb, code, sources, targets or self._threatened(code, events), sent,
                                          index, reading))
        return events

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

    def _protest_demand(self, verb: Token) -> bool:
        """'demonstrated calling for independence', 'staged rallies to demand reforms': a demand made
        by a protest (its participle or purpose clause) is what the protest is about, not a second act."""
        if verb.dep_ not in {"advcl", "xcomp", "acl"}:
            return False
        head = verb.head
        heads = [head] + [c for c in head.children if c.dep_ == "dobj"] if head.pos_ in {"VERB", "AUX"} else [head]
        for node in heads:
            entry = self._noun_entry(node) if node.pos_ in {"NOUN", "PROPN"} else None
            code = entry[0] if entry else (self._verb_code(node) if node.pos_ in {"VERB", "AUX"} else None)
            if code and code.startswith("14"):
                return True
        return False

    def _partner_of_object(self, verb: Token) -> list[Actor]:
        """'agreed to a truce with the rebels', 'called for talks with X': the partner of the event
        the verb is about is the verb's partner."""
        things = [c for c in verb.children if c.dep_ == "dobj"]
        things += [g for c in verb.children if c.dep_ == "prep" and c.lower_ in {"to", "for", "on"}
                   for g in c.children if g.dep_ == "pobj"]
        for thing in things:
            if self._noun_entry(thing) is None:
                continue
            for prep in thing.children:
                if prep.dep_ == "prep" and prep.lower_ in {"with", "between", "against"}:
                    found = self._actors_under(prep, deps={"pobj"})
                    if found:
                        return found
        return []

    def _own_affairs(self, verb: Token, code: str, sources: list[Actor]) -> list[Actor]:
        """'X agreed to resign', 'X agreed to postpone the protest': agreeing to an act that falls on
        one's own country (a concession, a protest called off) is agreeing at home."""
        if not code.startswith("03") or not sources or not sources[0].country:
            return []
        if not any(c.dep_ == "xcomp" and _domestic(self._verb_code(c) or "") for c in verb.children):
            return []
        self.place_target = True  # the own country is the target, not an echo of the source
        return [make_actor(sources[0].country, country=sources[0].country, org=None, sector=None)]

    def _threatened(self, code: str, events: list[Event]) -> list[Actor]:
        """Whom a threatened act falls on ("is ready to impose a curfew": its own country): a
        threat is aimed where the act it announces is. A promise to yield ("will resign") is no act
        on anyone."""
        return _aimed_at(events) if self.lex.cameo(code).quad_class == 4 else []

    def _carried_subject(self, noun: Token) -> bool:
        """'X conducted the drills encircling Y': the parser makes the event noun the subject of the
        participle, which then hangs under the light verb; the noun is the light verb's object and the
        participle only says where it was aimed."""
        clause = noun.head
        return (noun.dep_ == "nsubj" and clause.tag_ == "VBG" and clause.dep_ in {"ccomp", "advcl"}
                and self._lemma(clause.head) in RULES["light_verbs"]
                and not any(c.dep_ == "dobj" for c in clause.head.children) and self._noun_entry(noun) is not None)

    def _speaks_to_own(self, verb: Token, sources: list[Actor], targets: list[Actor]) -> bool:
        subject = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
        if not (subject and subject[0].lower_ in RULES["speaker_pronouns"] and sources and targets):
            return False
        return {a.country for a in targets} <= {a.country for a in sources}

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

    def _person_acted_on(self, verb: Token) -> bool:
        """'a reporter was detained', 'Smith was arrested': a person (named, or by a role word) is
        acted upon, so the act is the state's even when no one is named for either side."""
        holders = list(verb.head.children) if adjectival_passive(verb) else []
        shared = [s for s in [shared_passive(verb)] if s is not None]  # "were ambushed and killed"
        for child in list(verb.children) + holders + shared:
            if child.dep_ == "nsubjpass" or (child.dep_ == "nsubj" and child in holders):
                if child.lower_ in RULES["relative_pronouns"] and verb.dep_ == "relcl":
                    child = verb.head  # "the boys, who were kidnapped"
                return self._a_person(child)
        return False

    def _a_person(self, noun: Token) -> bool:
        return noun.ent_type_ == "PERSON" or self.resolver._sector_of(noun, self.names) is not None \
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

    def _pairs(self, trigger: Token, code: str, sources: list[Actor], targets: list[Actor], sent: Span,
               index: int, reading: Reading) -> list[Event]:
        info = self.lex.cameo(code)
        domestic = _domestic(code) or (code[:2] in {"18", "19", "20"} and any(s.sector == "REB" for s in sources))
        inward = self.place_target
        swapped = len({a.key for a in sources}) > 1 and self._lemma(trigger) in RULES["reciprocal_verbs"]
        if not targets and domestic and sources and not swapped:  # "A and B exchanged prisoners": with each other
            targets = [make_actor(s.country, country=s.country, org=None, sector=None) for s in sources if s.country][:1]
            inward = bool(targets)  # an actor acting on its own country: keep the self-pair
        backers = len(sources) > 1 and info.plover in RULES["reciprocal_types"] and not self._mutual(trigger, info.plover)
        if not targets and backers:
            return []  # "A and B supported the call": whose call the sentence does not say
        if not targets and len(sources) > 1 and (self._mutual(trigger, info.plover) or self._lemma(trigger) in RULES["reciprocal_verbs"]):
            pairs = [(a, b) for a in sources for b in sources if a.key != b.key]
        else:
            pairs = [(s, t) for s in (sources or [None]) for t in (targets or [None])]
        attribution = self._attribution_actor(reading)
        when = self._event_date(trigger)
        date, date_end = when.start, when.end
        out = []
        if code[:3] in RULES["official_codes"]:  # visits and talks are made by states and organisations
            pairs = [(s, t) for s, t in pairs if s is None or s.sector not in RULES["civil_sectors"] | {"REF", "BUS"}]
        for source, target in pairs:
            if not inward and source is not None and target is not None and source.key == target.key \
                    and source.sector == target.sector:
                if len(pairs) > 1:
                    continue
                # the only target is the source itself: keep the event, drop the echo; a domestic act
                # on its own ("eased its restrictions") falls on its country
                target = make_actor(source.country, country=source.country, org=None, sector=None) \
                    if domestic and source.country else None
            out.append(self._event(trigger, code, source, target, sent, index, reading, attribution, date, date_end))
        for event in out:
            event.date_source = when.source
            if when.future and event.modality == "actual":
                event.modality = "future"  # dated after the document: a target, never a fact
        return out

    def _mutual(self, trigger: Token, plover: str) -> bool:
        """'A and B met' is A meeting B and B meeting A; 'A and B supported the proposal' is each
        backing the proposal, not the other: a thing supported takes the place of the partner."""
        if plover not in RULES["reciprocal_types"]:
            return False
        if plover in RULES["object_partner_types"] and trigger.pos_ in {"VERB", "AUX"} \
                and self._lemma(trigger) not in RULES["light_verbs"]:  # "A and B signed a pact": a pact binds both
            return not any(c.dep_ == "dobj" and not self._actors_of(c) and not _own_thing(c)
                           and self.lex.noun_class.get(c.lemma_.lower()) != "relations" for c in trigger.children)
        return True

    def _event(self, trigger, code, source, target, sent, index, reading, attribution, date, date_end) -> Event:
        info = self.lex.cameo(code)
        start = sent.start_char
        words = _trigger_words(trigger)
        e_start = min(t.idx for t in words)
        e_end = max(t.idx + len(t.text) for t in words)
        return Event(
            sentence=index, text=sent.text, span=(start, sent.end_char), source=source, target=target,
            cameo=code, plover=info.plover, mode=info.mode, quad_class=info.quad_class,
            goldstein=info.goldstein, polarity=reading.polarity, modality=reading.modality,
            attribution=attribution, event_text=sent.text[e_start - start:e_end - start], date=date,
            date_end=date_end, event_span=(e_start, e_end),
            trigger_kind=self._trigger_kind(trigger))

    def _trigger_kind(self, trigger: Token) -> str:
        if trigger.pos_ in {"NOUN", "PROPN"}:
            return "noun"
        return "supplement" if self._lemma(trigger) in self.lex.supplement else "verb"

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

    def _event_date(self, trigger: Token) -> EventDate:
        # only dates in the trigger's own clause count (see dates.event_date); a noun carried by a
        # light verb ("held talks on Monday") also takes that verb's time words
        return event_date(trigger, self.date, RULES["light_verbs"])


def _ethnic(token: Token) -> bool:
    """'ethnic Chileans', 'ethnic Chilean guerrillas': the nationality word names a people, not the
    state of that name."""
    words = [token, *[c for c in token.children if c.dep_ in {"amod", "compound", "nmod"}]]
    return any(c.lower_ == "ethnic" for w in words for c in w.children if c.dep_ in {"amod", "advmod", "compound"}) \
        or any(w.lower_ == "ethnic" for w in words)


def _unnamed_attacker(noun: Token) -> bool:
    """'the militants', 'gunmen', 'the terror group', 'an armed group': attackers the sentence does not name."""
    return noun.lemma_.lower() in RULES["unnamed_attackers"] or (
        noun.lemma_.lower() in RULES["group_nouns"] and any(
            c.lemma_.lower() in RULES["armed_modifiers"] for c in noun.children if c.dep_ in {"amod", "compound"}))


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


def _domestic(code: str) -> bool:
    """Codes of acts that fall on the actor's own country when no one else is named (protests,
    concessions, arrests)."""
    return bool(code) and ((code[:2] in RULES["domestic_roots"] and code[:3] not in {"085", "086", "087"})
                           or code[:3] in RULES["domestic_codes"])


def _aimed_at(events: list[Event]) -> list[Actor]:
    """Whom the intended act falls on ("is ready to impose a curfew": its own country): a stated
    intent is aimed where the act it announces is."""
    found: dict[str, Actor] = {}
    for event in events:
        if event.target is not None:
            found.setdefault(event.target.key, event.target)
    return list(found.values())


def _trigger_words(trigger: Token) -> list[Token]:
    words = [trigger]
    words += [c for c in trigger.children if c.dep_ in {"prt", "neg"}]
    return words


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


def _main_clause(verb: Token) -> bool:
    """Whether ``verb`` heads its sentence, directly or through 'ready to', 'will' and conjuncts."""
    node = verb
    while (node.dep_ in {"xcomp", "conj", "acomp"} or _infinitive_clause(node)) and node.head.i != node.i:
        node = node.head
    return node.dep_ == "ROOT"


def _infinitive_clause(node: Token) -> bool:
    """'X has sworn to fight Y': the parser may take the infinitive for an adverbial clause."""
    return node.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children)


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


def _unique(events: list[Event]) -> list[Event]:
    seen, out = set(), []
    for e in events:
        key = (e.event_span, e.cameo, e.source.code if e.source else None, e.target.code if e.target else None)
        if key not in seen:
            seen.add(key)
            out.append(e)
    return out

"""Code events from the dependency parse.

A trigger (a verb or event noun in the lexicon) decides the CAMEO code; its arguments decide the
source and target: subjects, passive agents, objects and the prepositions each trigger takes. The
path from the trigger to the root of its sentence decides polarity, modality and attribution.

``EventCoder`` is shared (it holds only the resolver and the lexicon); each sentence is coded by a
fresh ``SentenceCoder`` that carries the sentence's names, date and references, so concurrent
requests never see each other's state. The rules are split by concern, one mixin each:
``triggers`` (which code a word takes), ``arguments`` (sources and targets from the parse),
``reading`` (polarity, modality, attribution), ``nouns`` (events named by nouns), ``speech``
(demands, condemnations and intents in reported statements) and ``violence`` (authors of attacks,
arrests and charges the sentence does not name). This module holds the verb path and the pairing of
actors into events. Their words and code tables are data files (see ``rules``).
"""
from __future__ import annotations


from spacy.tokens import Span, Token

from ..actors.resolver import ActorResolver, NameMatch, make_actor
from ..records import Actor, Event
from .arguments import ArgumentRules, adjectival_passive, shared_passive
from .dates import EventDate, event_date
from .lexicon import Lexicon, load_lexicon
from .reading import Reading, ReadingRules
from .rules import load_rules
from .nouns import NounRules, _own_thing
from .speech import SpeechRules, _kind, _subjunctive
from .triggers import TriggerRules
from .violence import UNKNOWN_ATTACKERS, UNNAMED_ATTACKERS, UNNAMED_COURT, ViolenceRules

RULES = load_rules()
SUBJECT_DEPS = {"nsubj", "csubj"}
PLACEMENT_VERBS = RULES["light_verbs"] | RULES["placement_extra"]


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


class SentenceCoder(NounRules, SpeechRules, ViolenceRules, TriggerRules, ArgumentRules, ReadingRules):
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
        events.extend(self._prosecutors_claims(sent, index))
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

    def _from_trigger(self, verb: Token, code: str, sent: Span, index: int, covered: set[int]) -> list[Event]:
        self.place_target = False
        if any(c.dep_ == "nsubj" and self._carried_subject(c) for c in verb.children):
            return []  # the event noun under the light verb carries the event
        if self._lemma(verb) in RULES["object_control"] and _own_people_addressed(verb):
            return []  # "urged its citizens to leave X": an appeal to its own people, no act on another
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
        facing = self._faces_courts(verb, code, passive)
        if facing:  # "X faces charges": the courts accuse X, whom the sentence names as its subject
            sources, accused = [], sources
        judged = facing or (not sources and passive and self._lemma(verb) in RULES["judicial_verbs"])
        if not sources and passive and (code[:3] in RULES["unnamed_state_codes"] or judged):
            sources = self._state_of_place(verb)  # "was arrested in Brooklyn": the state where it happened
        judged = judged and not sources and not self._claimed_accuser(verb) and not self._state_accused(verb)
        if not sources and passive and code[:2] in RULES["armed_author_roots"]:
            sources = self._violence_place(verb)  # "were killed by a roadside bomb in X": X's own violence
        if not sources and not passive and code[:2] in RULES["armed_author_roots"]:
            sources = self._armed_of_place(verb)  # "rebels attacked a village in X": X's rebels
        targets = accused if facing else \
            self._targets(verb, passive, code) or self._partner_of_object(verb) or self._own_affairs(verb, code, sources)
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
        if not sources and not targets and not ((passive or facing) and (code[:3] in RULES["unnamed_state_codes"] or judged)
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
        if plover not in RULES["reciprocal_types"] or self._lemma(trigger) in RULES["third_party_verbs"]:
            return False  # "Egypt and Qatar mediated the deal": mediators deal with the parties, not each other
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




def _unique(events: list[Event]) -> list[Event]:
    seen, out = set(), []
    for e in events:
        key = (e.event_span, e.cameo, e.source.code if e.source else None, e.target.code if e.target else None)
        if key not in seen:
            seen.add(key)
            out.append(e)
    return out


def _own_people_addressed(trigger: Token) -> bool:
    """'urged its citizens to ...', 'told their nationals to ...': the object is the actor's own people."""
    return any(c.dep_ in {"dobj", "iobj"} and c.lemma_.lower() in RULES["own_people_nouns"]
               and any(p.dep_ == "poss" and p.tag_ == "PRP$" for p in c.children) for c in trigger.children)

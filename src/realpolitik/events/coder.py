"""Code events from the dependency parse.

A trigger (a verb or event noun in the lexicon) decides the CAMEO code; its arguments decide the
source and target: subjects, passive agents, objects and the prepositions each trigger takes. The
path from the trigger to the root of its sentence decides polarity, modality and attribution.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from ..actors.resolver import ActorResolver, NameMatch, make_actor
from ..records import Actor, Event
from .dates import resolve_date
from .lexicon import Lexicon, load_lexicon

SUBJECT_DEPS = {"nsubj", "csubj"}
TARGET_PREPS = ("to", "with", "against", "on", "into", "toward", "towards", "at", "over", "for", "from", "between")
RELATIVE_PRONOUNS = {"which", "that", "who", "whom"}
RECIPROCAL = {"AGREE", "CONSULT", "SUPPORT", "COOPERATE"}
OBJECT_CONTROL = {"urge", "ask", "call", "press", "get", "force", "persuade", "push", "invite", "encourage",
                  "tell", "order", "help", "allow", "let", "pressure"}
LOCATION_PREPS = {"in", "at", "near", "inside", "outside", "across", "throughout"}
# Verbs whose object noun carries the event ("held talks", "launched an attack", "imposed sanctions").
LIGHT_VERBS = {"have", "hold", "make", "pay", "conduct", "carry", "launch", "wage", "stage", "impose",
               "begin", "start", "continue", "lead", "prosecute", "attend", "host", "join", "mount",
               "open", "resume", "announce", "sign", "end", "complete", "step", "escalate", "intensify",
               "fight", "level", "issue", "deliver", "send", "order", "undertake", "enter", "lodge", "file",
               "register", "submit", "mount", "stage", "organize", "organise", "call", "approve", "authorize",
               "authorise", "clear", "finalize", "finalise", "put", "place", "raise", "step", "express"}
CLIMB_DEPS = {"xcomp", "conj", "advcl", "acl", "relcl", "acomp"}
ABSTRACT_FIGHT = {"fight", "battle", "combat", "tackle"}
# CAMEO roots of verbal events, whose targets may be named in a complement or a "by" phrase.
VERBAL_ROOTS = {"01", "02", "03", "04", "05", "09", "10", "11", "12", "13"}
PRONOUN_SUBJECTS = {"it", "they", "he", "she", "we", "i", "you"}
# Governing verbs that already code the stated intent themselves ("agreed to", "threatened to").
SELF_CODING = {"AGREE", "THREATEN", "REJECT", "REQUEST"}
OBLIGATION = {"must", "should"}
# Roots whose "in X" names who bears the event: threats, protests, restrictions, violence, concessions.
PLACE_TARGET_ROOTS = {"08", "13", "14", "15", "16", "17", "18", "19", "20"}
# Roots that are domestic by default: protesters address their own government, concessions are made at home.
DOMESTIC_ROOTS = {"08", "14"}
# Administrative sanctions, arrests and repression with no named target fall on the actor's own people;
# so does violence by rebels when no one else is named.
DOMESTIC_CODES = {"172", "173", "175", "084"}
# Exercises and drills are shows of force (150) unless held with a partner (062).
PLACEMENT_VERBS = LIGHT_VERBS | {"go", "be", "remain", "stay", "come"}  # "went on strike", "remained on alert"
CIVIL_SECTORS = {"LAB", "CVL", "EDU", "HLH", "AGR", "OPP", "MED", "REL"}
# Verbs whose co-subjects act on each other ("exchanged prisoners", "swapped intelligence").
RECIPROCAL_VERBS = {"exchange", "swap", "trade"}
FORMAL_PROTEST_VERBS = {"lodge", "file", "register", "issue", "deliver", "send", "submit"}
JOINT_NOUNS = {"exercise", "drill", "game", "maneuver", "manoeuvre", "patrol"}
CLIMB_PREPS = {"by", "after", "before", "while", "without", "through", "upon", "in", "from", "of"}
NON_EVENT_MODIFIERS = {"cold", "price", "culture", "word", "information", "propaganda", "turf"}
# When an intent is stated ("X said it would meet Y") the statement itself is the CAMEO event.
INTENT_CODE = {"CONSULT": "036", "COOPERATE": "031", "AID": "033", "SUPPORT": "032", "CONCEDE": "035",
               "RETREAT": "035", "AGREE": "030"}
THREAT_CODE = {"ASSAULT": "138", "COERCE": "131", "SANCTION": "131", "MOBILIZE": "138", "PROTEST": "133",
               "RETREAT": "131", "AID": "1311", "COOPERATE": "131"}
INTENT_VERBS = {"say", "announce", "state", "declare", "tell", "confirm", "pledge", "promise", "vow",
                "offer", "agree", "commit"}


@dataclass(slots=True)
class Reading:
    polarity: str = "affirmed"
    modality: str = "actual"
    attribution: Token | None = None
    reporter: Token | None = None  # the reporting verb, if the event sits under one
    marker: Token | None = None  # the word that set the modality
    governors: list = field(default_factory=list)  # governing words that are event triggers themselves


class EventCoder:
    def __init__(self, resolver: ActorResolver, lexicon: Lexicon | None = None) -> None:
        self.resolver = resolver
        self.lex = lexicon or load_lexicon()
        self.known_verbs = (set(self.lex.verbs) | set(self.lex.modality) | self.lex.negation | self.lex.report
                            | LIGHT_VERBS | OBJECT_CONTROL | INTENT_VERBS)

    def _lemma(self, tok: Token) -> str:
        """The token's lemma, repaired for inflected verbs the small model lemmatises badly
        ("staged" -> "stag"): try the usual English suffixes against the words we know."""
        lemma = tok.lemma_.lower()
        if tok.tag_ not in {"VBD", "VBN", "VBG", "VBZ"} or lemma in self.known_verbs:
            return lemma
        word = tok.lower_
        for candidate in (word[:-1], word[:-2], word[:-3], word[:-3] + "y", word[:-3] + "e", word[:-4]):
            if candidate in self.known_verbs and _inflects(candidate, word):
                return candidate
        return lemma

    # -- entry point ---------------------------------------------------------------------
    def code_sentence(self, sent: Span, index: int, names: dict[int, NameMatch],
                      doc_date: str | None, coref: dict[int, Actor] | None = None) -> list[Event]:
        self._names = names
        self._date = doc_date
        self._coref = coref or {}
        self._place_target = False
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
        events.extend(self._joint_actions(sent, index, covered))
        return _unique(events)

    def _noun_entry(self, noun: Token) -> tuple[str, set[str]] | None:
        """The lexicon entry of an event noun; a compound names it first ("hunger strike", "war games")."""
        lemma = noun.lemma_.lower()
        for child in noun.children:
            if child.dep_ in {"compound", "amod"}:
                entry = self.lex.nouns.get(f"{child.lemma_.lower()} {lemma}")
                if entry:
                    return entry
        return self.lex.nouns.get(lemma)

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
                out.extend(self._pairs(verb, code, sources, [], sent, index, reading))
        return out

    def _obligations(self, sent: Span, index: int) -> list[Event]:
        """'X said that Y must do Z' is a demand by X on Y (CAMEO 100), whatever Z is."""
        out = []
        for verb in sent:
            if self._lemma(verb) not in self.lex.report and self._lemma(verb) not in {"reiterate", "conclude", "repeat"}:
                continue
            speaker = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
            for clause in (c for c in verb.children if c.dep_ == "ccomp"):
                if not any(a.dep_ == "aux" and a.lower_ in OBLIGATION for a in clause.children):
                    continue
                subject = [c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}]
                sources = self._actors_of(speaker[0]) if speaker else []
                targets = self._actors_of(subject[0]) if subject else []
                if sources and targets:
                    out.extend(self._pairs(verb, "100", sources, targets, sent, index, self._read(verb)))
        return out

    # -- codes ---------------------------------------------------------------------------
    def _verb_code(self, verb: Token) -> str | None:
        entries = self.lex.verbs.get(self._lemma(verb))
        if not entries:
            return None
        for condition, code in entries:
            if not condition or self._holds(verb, condition):
                return code
        return None

    def _holds(self, verb: Token, condition: str) -> bool:
        kind, _, value = condition.partition(":")
        if kind == "prt":
            return any(c.dep_ == "prt" and c.lower_ == value for c in verb.children)
        if kind == "prep":  # on the verb or on its object ("launched missiles at X")
            scope = [verb, *[c for c in verb.children if c.dep_ == "dobj"]]
            return any(c.dep_ == "prep" and c.lower_ == value for t in scope for c in t.children)
        if kind == "obj" and value == "ACTOR":
            return any(self._actors_of(c) for c in verb.children if c.dep_ in {"dobj", "dative"})
        if kind == "obj":
            return any(self.lex.noun_class.get(n.lemma_.lower()) == value for n in self._object_nouns(verb))
        if kind == "subjsector":  # "nurses went on strike" vs "jets struck"
            return any(a.sector == value for a in self._sources(verb, False))
        if kind == "xcomp":
            return any(c.dep_ in {"xcomp", "ccomp"} and self._lemma(c) == value for c in verb.children)
        return False

    def _object_nouns(self, verb: Token) -> list[Token]:
        out = []
        candidates = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass", "attr", "oprd"}]
        candidates += [g for c in verb.children if c.dep_ == "prep" and c.lower_ in {"with", "of", "in"}
                       for g in c.children if g.dep_ == "pobj"]
        if verb.dep_ == "acl" and verb.tag_ == "VBN":  # "munitions sent to Russia"
            candidates.append(verb.head)
        for noun in candidates:
            for conj in [noun, *noun.conjuncts]:
                out.append(conj)
                out.extend(c for c in conj.children if c.dep_ in {"compound", "amod"})
                for prep in conj.children:  # "containers of munitions", "$4 billion in support"
                    if prep.dep_ == "prep" and prep.lower_ in {"of", "in"}:
                        out.extend(g for g in prep.children if g.dep_ == "pobj")
        return out

    # -- verbs ---------------------------------------------------------------------------
    def _from_trigger(self, verb: Token, code: str, sent: Span, index: int, covered: set[int]) -> list[Event]:
        self._place_target = False
        code = self._commitment_code(verb, code)
        if self._lemma(verb) in ABSTRACT_FIGHT and any(
                c.dep_ == "dobj" and not self._actors_of(c) for c in verb.children):
            return []  # "fight forest fires", "combat corruption"
        for child in verb.children:
            if child.dep_ in {"dobj", "nsubjpass"}:
                covered.add(child.i)
        passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children)
        sources = self._sources(verb, passive)
        targets = self._targets(verb, passive, code)
        if code.startswith("07") and self._sent_to_border(verb):
            code = "154"  # "sent tanks to its border with Libya": a deployment, not a gift
        if not sources and code.startswith("14") and self._place_target and targets:
            sources = [make_actor(a.text, country=a.country, org=None, sector="CVL") for a in targets]
        if self._lemma(verb) in RECIPROCAL_VERBS and len({a.key for a in sources}) > 1:
            targets = []  # "Japan and Australia exchanged intelligence on China": they are each other's partners
        if not sources and not targets:
            return []
        reading = self._read(verb)
        events = self._pairs(verb, code, sources, targets, sent, index, reading)
        if len({a.key for a in sources}) > 1 and self._done_jointly(verb) and reading.modality == "actual":
            joint = "062" if any(a.sector in {"MIL", "COP"} for a in sources) else "060"
            events.extend(self._pairs(verb, joint, sources, [], sent, index, reading))
        events.extend(self._intent_events(verb, code, sources, targets, sent, index, reading))
        return events

    @staticmethod
    def _done_jointly(verb: Token) -> bool:
        """'arrested them in a joint raid', 'patrolled together': the co-actors cooperate."""
        for tok in verb.subtree:
            if tok.lower_ not in {"jointly", "together", "joint", "combined"}:
                continue
            node = tok.head  # the word must belong to this clause, not to a nested one
            while node.i != verb.i and node.pos_ not in {"VERB", "AUX"}:
                node = node.head
            if node.i == verb.i:
                return True
        return False

    def _commitment_code(self, verb: Token, code: str) -> str:
        """'vowed to attack', 'pledged to retaliate': a commitment to conflict is a threat (13x)."""
        if not code.startswith("03"):
            return code
        for child in verb.children:
            if child.dep_ == "xcomp":
                inner = self._verb_code(child)
                if inner and self.lex.cameo(inner).plover in THREAT_CODE and self.lex.cameo(inner).quad_class == 4:
                    return THREAT_CODE[self.lex.cameo(inner).plover]
        return code

    def _sources(self, verb: Token, passive: bool) -> list[Actor]:
        if passive:
            for child in verb.children:
                if child.dep_ == "agent":
                    return self._actors_under(child, deps={"pobj"})
            if verb.dep_ == "acl":  # "North Korean munitions sent to Russia": the modifier is the source
                return self._modifier_actors(verb.head)
            return []
        if verb.dep_ == "acl" and verb.tag_ == "VBG" and not any(c.dep_ in SUBJECT_DEPS for c in verb.children):
            return self._actors_of(verb.head)  # "Russia supplying North Korea with ..."
        subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
        if subjects:
            subject = subjects[0]
            if subject.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                subject = verb.head
            return self._actors_of(subject)
        return self._inherited_subject(verb)

    def _inherited_subject(self, tok: Token) -> list[Actor]:
        """Climb xcomp, conj, advcl and noun complements to find who acts."""
        node = tok
        for _ in range(6):
            head = node.head
            if head.i == node.i:
                return []
            if node.dep_ == "xcomp" and self._lemma(head) in OBJECT_CONTROL:
                objects = [c for c in head.children if c.dep_ in {"dobj", "dative"}]
                if objects:
                    return self._actors_of(objects[0])
            if node.dep_ == "relcl":
                return self._actors_of(head)
            if node.dep_ == "pcomp" and head.lower_ not in CLIMB_PREPS:
                return []
            if node.dep_ == "dobj" and self._lemma(head) not in LIGHT_VERBS:
                return []
            if node.dep_ not in CLIMB_DEPS | {"pcomp", "prep", "pobj", "attr", "ccomp", "dobj"}:
                return []
            if head.pos_ in {"NOUN", "PROPN"} and node.dep_ in {"acl", "prep", "pcomp", "pobj"}:
                owners = [c for c in head.children if c.dep_ == "poss"]
                if owners:
                    return self._actors_of(owners[0])
            if head.pos_ in {"VERB", "AUX", "ADJ"}:
                # "Israel is expected to withdraw": a raising passive hands its subject down
                subjects = [c for c in head.children if c.dep_ in SUBJECT_DEPS | {"nsubjpass"}]
                if subjects:
                    subject = subjects[0]
                    if subject.lower_ in RELATIVE_PRONOUNS and head.dep_ == "relcl":
                        subject = head.head
                    if subject.lower_ not in RELATIVE_PRONOUNS | {"what", "it", "this", "there"}:
                        return self._actors_of(subject)
            node = head
        return []

    def _targets(self, verb: Token, passive: bool, code: str) -> list[Actor]:
        return (self._direct_targets(verb, passive, code) or self._complement_targets(verb, code)
                or self._condition_targets(verb, code) or self._location_targets(verb, code))

    @staticmethod
    def _sent_to_border(verb: Token) -> bool:
        return any(c.dep_ == "prep" and c.lower_ in {"to", "toward", "towards", "along", "near"} and
                   any(g.lemma_.lower() in {"border", "frontier", "front", "frontline", "boundary"} for g in c.children)
                   for c in verb.children)

    @staticmethod
    def _has_condition(verb: Token, marks: set[str]) -> bool:
        return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in marks for m in c.children)
                   for c in verb.children)

    def _condition_targets(self, verb: Token, code: str) -> list[Actor]:
        """A threat names its addressee in its condition: 'X threatened to ... if Y goes ahead'."""
        if not code.startswith("13"):
            return []
        for clause in verb.subtree:
            if clause.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in {"if", "unless"} for m in clause.children):
                subjects = [c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}]
                if subjects:
                    return self._actors_of(subjects[0])
        return []

    def _location_targets(self, verb: Token, code: str) -> list[Actor]:
        """Violence, protest and restrictions 'in X' fall on X when no one else is named; forces
        massed 'near the Finnish border' face Finland; an embassy opened 'in X' is a tie with X."""
        if code[:2] not in PLACE_TARGET_ROOTS and code not in {"054", "161", "071"}:
            return []
        preps = {"in", "across", "throughout", "inside", "through"}
        if code.startswith("15"):
            preps |= {"near", "along", "around", "toward", "towards", "off", "to"}
        scopes = [verb, *[c for c in verb.children if c.dep_ in {"dobj", "xcomp"}]]
        scopes += [g for c in verb.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
        scopes += [g for d in scopes[1:] for c in d.children if c.dep_ == "prep" and c.lower_ == "of"
                   for g in c.children if g.dep_ == "pobj"]  # "captured the village of X in eastern Ukraine"
        for scope in scopes:
            for child in scope.children:
                if child.dep_ == "prep" and child.lower_ in preps:
                    found = [a for a in self._actors_under(child, deps={"pobj"}) if a.country]
                    if found:
                        self._place_target = True  # a place may be the actor's own country
                        return [make_actor(a.text, country=a.country, org=None, sector=None) for a in found]
        return []

    def _direct_targets(self, verb: Token, passive: bool, code: str) -> list[Actor]:
        if passive:
            for child in verb.children:
                if child.dep_ == "nsubjpass":
                    found = self._actors_of(child) or self._owner_actors(child)
                    if found:
                        return found
        objects = [c for c in verb.children if c.dep_ in {"dobj", "dative"}]
        for child in objects:
            found = self._actors_of(child, owned=False)  # "withdrew its soldiers" is no target
            if found:
                return found
        verbal = code[:2] in VERBAL_ROOTS
        by_prep = {c.lower_: c for c in verb.children if c.dep_ in {"prep", "dative"}}
        for dobj in [c for c in objects if c.dep_ == "dobj"]:
            by_prep.update({c.lower_: c for c in dobj.children if c.dep_ == "prep" and c.lower_ not in by_prep})
            if "to" not in by_prep and code[:2] in {"03", "07"}:  # "pledged $2 billion in loans to Cambodia"
                deep = [t for t in dobj.subtree if t.dep_ == "prep" and t.lower_ == "to"]
                if deep:
                    by_prep["to"] = deep[0]
        order = TARGET_PREPS + (("by",) if verbal else ())
        if code[:2] in {"09", "11"}:
            order = ("by",) + TARGET_PREPS  # "investigating crimes by X", "condemned attacks by X"
        for prep in order:
            if prep in by_prep:
                if prep == "from" and not (verbal or code.startswith(("08", "16", "17"))):
                    continue
                found = self._actors_under(by_prep[prep], deps={"pobj", "pcomp"})
                if found:
                    return found
        for dobj in objects:  # "condemned Russia's invasion", "praised Haiti's efforts"
            found = self._owner_actors(dobj)
            if found:
                return found
        return []

    def _holder(self, noun: Token) -> list[Actor]:
        """'a reef held by the Philippines', 'territory controlled by rebels': the holder stands for the place."""
        for child in noun.children:
            if child.dep_ == "acl" and child.tag_ == "VBN":
                for agent in child.children:
                    if agent.dep_ == "agent":
                        return self._actors_under(agent, deps={"pobj"})
        return []

    def _owner_actors(self, noun: Token) -> list[Actor]:
        """Actors that own or qualify a non-actor noun: its possessor, or 'for/of X' after it."""
        for child in noun.children:
            if child.dep_ == "poss":
                return self._actors_of(child)
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ in {"for", "of"}:
                found = self._actors_under(child, deps={"pobj"})
                if found:
                    return found
        return []

    def _complement_targets(self, verb: Token, code: str) -> list[Actor]:
        """'threatened to cut off power to X', 'demanded that X withdraw': the complement names the target."""
        for child in verb.children:
            infinitive = child.dep_ == "advcl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in child.children)
            if (child.dep_ not in {"xcomp", "ccomp"} and not infinitive) or self._lemma(child) in self.lex.report:
                continue
            subjects = [c for c in child.children if c.dep_ in {"nsubj", "nsubjpass"}]
            if child.dep_ == "ccomp" and subjects and code[:2] in VERBAL_ROOTS:
                found = self._actors_of(subjects[0])
                own = {a.key for a in self._sources(verb, False)}
                if found and subjects[0].lower_ not in PRONOUN_SUBJECTS and not {a.key for a in found} <= own:
                    return found
            inner_passive = any(c.dep_ == "auxpass" for c in child.children)
            found = self._direct_targets(child, inner_passive, code)
            if not found and self._lemma(child) in OBJECT_CONTROL:  # "help Malaysia fight", "let inspectors visit"
                for clause in child.children:
                    if clause.dep_ in {"ccomp", "xcomp"}:
                        subjects = [c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}]
                        found = self._actors_of(subjects[0]) if subjects else []
                        if found:
                            break
            if not found:
                for grand in child.children:
                    if grand.dep_ == "xcomp":
                        found = self._direct_targets(grand, False, code)
            if found:
                return found
        return []

    # -- nouns ---------------------------------------------------------------------------
    def _from_noun(self, noun: Token, entry: tuple[str, set[str]], sent: Span, index: int) -> list[Event]:
        self._place_target = False
        code, preps = entry
        sources = self._modifier_actors(noun)
        targets: list[Actor] = []
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ in preps:
                targets = self._actors_under(child, deps={"pobj"})
                if targets:
                    break
        if any(c.lower_ in NON_EVENT_MODIFIERS for c in noun.children if c.dep_ in {"amod", "compound"}):
            return []
        if not sources and noun.dep_ == "attr" and any(c.lower_ == "what" for c in noun.head.children if c.dep_ == "nsubj"):
            sources = self._inherited_subject(noun)  # "prosecuting what is largely a war in Ukraine"
        if not sources and noun.dep_ in {"dobj", "attr"} and self._lemma(noun.head) in LIGHT_VERBS:
            sources = self._sources(noun.head, passive=False)
        protest_idiom = noun.lemma_.lower() == "protest" and noun.head.lower_ == "in"  # "walked out in protest"
        placed = noun.dep_ == "pobj" and noun.head.lower_ in {"under", "on"} and self._lemma(noun.head.head) in PLACEMENT_VERBS
        if placed:  # "placed a lawyer under house arrest", "put its forces on alert"
            verb = noun.head.head
            sources = sources or self._sources(verb, passive=False)
            if not targets:
                targets = self._direct_targets(verb, False, code) or [a for c in verb.children if c.dep_ == "dobj"
                                                                      for a in self._actors_of(c, owned=False)]
        if not sources and noun.dep_ == "pobj" and (noun.head.lower_ in {"for", "at", "during"} or protest_idiom):
            verb = noun.head.head  # "Putin is in Pyongyang for a summit with Kim"
            if verb.pos_ in {"VERB", "AUX"}:
                sources = self._sources(verb, passive=False)
        if not sources and not targets:
            return []
        if sources and targets and {a.key for a in sources} == {a.key for a in targets}:
            targets = []
        if noun.lemma_.lower() == "strike" and (noun.head.lower_ == "on" or any(a.sector in CIVIL_SECTORS for a in sources)):
            code = "143"  # "went on strike", "workers' strike": a labour protest, not an air strike
        if noun.lemma_.lower() == "protest" and self._lemma(noun.head) in FORMAL_PROTEST_VERBS:
            code = "114"  # "lodged a protest with X" is a formal complaint, not a demonstration
        if noun.lemma_.lower() in JOINT_NOUNS and (targets or len({a.key for a in sources}) > 1 or any(
                c.lower_ == "joint" for c in noun.children)):
            code = "062"
        reading = self._read(noun)
        events = self._pairs(noun, code, sources, targets, sent, index, reading)
        if noun.dep_ == "dobj" and self._lemma(noun.head) in LIGHT_VERBS:  # "willing to resume the dialogue with X"
            events.extend(self._intent_events(noun.head, code, sources, targets, sent, index, reading))
        if len({a.key for a in sources}) > 1 and any(c.lower_ in {"joint", "combined"} for c in noun.children):
            joint = "062" if code[:2] in {"15", "18", "19", "20"} else "060"
            events.extend(self._pairs(noun, joint, sources, [], sent, index, reading))
        return events

    def _modifier_actors(self, noun: Token) -> list[Actor]:
        for child in noun.children:
            if child.dep_ in {"poss", "compound", "amod", "nmod"}:
                match = self._names.get(child.i)
                if child.dep_ != "poss" and match is not None and match.entry.kind == "capital":
                    continue  # "the Hanoi summit" names a place, not a participant
                found = self._actors_of(child)
                if found:
                    return found
        for child in noun.children:  # "a visit by Putin"
            if child.dep_ == "prep" and child.lower_ == "by":
                return self._actors_under(child, deps={"pobj"})
        return []

    # -- actors --------------------------------------------------------------------------
    def _actors_of(self, token: Token, *, owned: bool = True) -> list[Actor]:
        out = []
        for tok in [token, *token.conjuncts]:
            referent = self._coref.get(tok.i)
            if isinstance(referent, list):  # "the two countries"
                out.extend(referent)
            elif referent is not None:
                out.append(referent)
            else:
                found = self.resolver.resolve_all(tok, self._names, self._date)
                out.extend(found or (self._owned_by_reference(tok) if owned else []))
        return _distinct(out)

    def _owned_by_reference(self, token: Token) -> list[Actor]:
        """'its leader', 'their troops': the possessor's referent with the head's sector."""
        for child in token.children:
            referent = self._coref.get(child.i) if child.dep_ == "poss" else None
            if isinstance(referent, Actor):
                sector = self.resolver._sector_of(token, self._names)
                return [make_actor(f"{child.text} {token.text}", country=referent.country, org=referent.org,
                                   sector=sector or referent.sector)]
        return []

    def _actors_under(self, token: Token, *, deps: set[str]) -> list[Actor]:
        for child in token.children:
            if child.dep_ in deps:
                found = self._actors_of(child) or self._holder(child)
                if found:
                    return found
                for grand in child.children:  # "to the government of X"
                    if grand.dep_ == "prep" and grand.lower_ == "of":
                        found = self._actors_under(grand, deps={"pobj"})
                        if found:
                            return found
        return []

    # -- modality, polarity, attribution ------------------------------------------------------
    def _read(self, trigger: Token) -> Reading:
        reading = Reading()
        node = trigger
        self._mark_own(node, reading)
        for _ in range(12):
            head = node.head
            if head.i == node.i:
                break
            if node is trigger and node.dep_ in {"nsubj", "nsubjpass"} and node.pos_ in {"NOUN", "PROPN"}:
                break  # "Putin's visit will serve to ...": the visit is an argument, not governed
            if node.dep_ == "conj" and any(c.dep_ in {"nsubj", "nsubjpass"} for c in node.children):
                break  # "X refused ..., and Y threatened ...": a clause of its own
            lemma = self._lemma(head)
            particle = next((c.lower_ for c in head.children if c.dep_ == "prt"), None)
            if particle and f"{lemma} {particle}" in self.lex.negation:  # "ruled out talks", "called off"
                lemma = f"{lemma} {particle}"
            if lemma in self.lex.report and node.dep_ in {"ccomp", "xcomp", "advcl", "parataxis", "dobj"}:
                reading.reporter = head
                subj = [c for c in head.children if c.dep_ in SUBJECT_DEPS]
                reading.attribution = reading.attribution or (subj[0] if subj else None)
                self._mark_own(head, reading, report=True)
                break
            if lemma in self.lex.negation and node.dep_ not in {"nsubj", "nsubjpass", "advcl"}:
                reading.polarity = "negated"
            elif lemma in self.lex.modality and node.dep_ not in {"nsubj", "nsubjpass", "conj"}:
                self._set_modality(reading, self.lex.modality[lemma], head)
            if node.dep_ in {"xcomp", "ccomp", "pcomp", "prep", "pobj"} and self._verb_code(head):
                reading.governors.append(head)
            self._mark_own(head, reading)  # a conjunct without its own subject shares the head's auxiliaries
            node = head
        return reading

    def _mark_own(self, tok: Token, reading: Reading, report: bool = False) -> None:
        for child in tok.children:
            low = child.lower_
            if child.dep_ == "neg" or (child.dep_ == "det" and low in {"no", "neither"}) or (
                    child.dep_ == "advmod" and low == "yet" and tok.lemma_.lower() in {"have", "be"}):
                if not report:
                    reading.polarity = "negated"
            elif child.dep_ in {"aux", "advmod", "mark"} and self._lemma(child) in self.lex.modality:
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

    # -- building events -----------------------------------------------------------------
    def _pairs(self, trigger: Token, code: str, sources: list[Actor], targets: list[Actor], sent: Span,
               index: int, reading: Reading) -> list[Event]:
        info = self.lex.cameo(code)
        domestic = (code[:2] in DOMESTIC_ROOTS and code[:3] not in {"085", "086", "087"}) or code[:3] in DOMESTIC_CODES \
            or (code[:2] in {"18", "19", "20"} and any(s.sector == "REB" for s in sources))
        inward = self._place_target
        if not targets and domestic and sources:
            targets = [make_actor(s.country, country=s.country, org=None, sector=None) for s in sources if s.country][:1]
            inward = bool(targets)  # an actor acting on its own country: keep the self-pair
        if not targets and len(sources) > 1 and (info.plover in RECIPROCAL or self._lemma(trigger) in RECIPROCAL_VERBS):
            pairs = [(a, b) for a in sources for b in sources if a.key != b.key]
        else:
            pairs = [(s, t) for s in (sources or [None]) for t in (targets or [None])]
        attribution = self._attribution_actor(reading)
        date, date_end = self._event_date(trigger)
        out = []
        for source, target in pairs:
            if not inward and source is not None and target is not None and source.key == target.key \
                    and source.sector == target.sector:
                if len(pairs) > 1:
                    continue
                target = None  # the only target is the source itself: keep the event, drop the echo
            out.append(self._event(trigger, code, source, target, sent, index, reading, attribution, date, date_end))
        return out

    def _event(self, trigger, code, source, target, sent, index, reading, attribution, date, date_end) -> Event:
        info = self.lex.cameo(code)
        start = sent.start_char
        words = _trigger_words(trigger)
        e_start = min(t.idx for t in words)
        e_end = max(t.idx + len(t.text) for t in words)
        confidence = 0.4 + 0.25 * (source is not None) + 0.25 * (target is not None)
        return Event(
            sentence=index, text=sent.text, span=(start, sent.end_char), source=source, target=target,
            cameo=code, plover=info.plover, mode=info.mode, quad_class=info.quad_class,
            goldstein=info.goldstein, polarity=reading.polarity, modality=reading.modality,
            attribution=attribution, event_text=trigger.doc.text[e_start:e_end], date=date,
            date_end=date_end, confidence=round(min(confidence, 0.95), 2), event_span=(e_start, e_end))

    def _attribution_actor(self, reading: Reading) -> Actor | None:
        tok = reading.attribution
        if tok is None:
            return None
        found = self._actors_of(tok)
        if found:
            return found[0]
        for child in tok.subtree:
            actor = self.resolver.resolve(child, self._names, self._date) if child.pos_ in {"PROPN", "NOUN"} else None
            if actor is not None:
                return actor
        return None

    def _intent_events(self, verb, code, sources, targets, sent, index, reading) -> list[Event]:
        """A stated intent is itself an event (CAMEO 03x, or 13x for conflict): 'X will supply Y',
        'X plans to meet Y', 'X said it would meet Y'. The intended event stays non-factual."""
        stated_by_reporter = (reading.modality == "hypothetical" and reading.reporter is not None
                              and self._lemma(reading.reporter) in INTENT_VERBS)
        if reading.modality != "future" and not stated_by_reporter:
            return []
        for governor in reading.governors:
            if self.lex.cameo(self._verb_code(governor)).plover in SELF_CODING:
                return []  # "agreed to supply", "threatened to strike": the governing verb is the event
        plover = self.lex.cameo(code).plover
        intent = INTENT_CODE.get(plover) or THREAT_CODE.get(plover)
        if reading.polarity == "negated":
            intent = "120"  # "X will not accept Y": a refusal stated now
        elif intent and self._has_condition(verb, {"unless"}):
            intent = THREAT_CODE.get(plover, "131")  # "will withdraw ... unless": a threat
        if intent is None:
            return []
        speaker = self._actors_of(reading.attribution) if reading.attribution is not None else []
        actors = sources or speaker
        if not actors:
            return []
        if reading.marker is not None and reading.marker.lower_ in {"if", "unless", "whether"}:
            return []  # an event inside a condition states no intent
        trigger = reading.reporter or reading.marker or verb
        return self._pairs(trigger, intent, actors, targets, sent, index, Reading())

    def _event_date(self, trigger: Token) -> tuple[str | None, str | None]:
        scope = [trigger, *[c for c in trigger.children]]
        if trigger.head.i != trigger.i:
            scope.extend(trigger.head.children)
        for tok in scope:
            for sub in tok.subtree if tok.dep_ in {"npadvmod", "prep", "tmod", "advmod"} or tok is trigger else []:
                if sub.ent_type_ == "DATE" and sub.ent_iob_ == "B":
                    ent = next((e for e in trigger.doc.ents if e.start == sub.i), None)
                    if ent is not None:
                        resolved = resolve_date(ent.text, self._date)
                        if resolved:
                            return resolved[0], resolved[1] if resolved[1] != resolved[0] else None
            if tok is not trigger and tok.ent_type_ == "DATE" and tok.dep_ in {"npadvmod", "pobj"}:
                ent = next((e for e in trigger.doc.ents if e.start <= tok.i < e.end), None)
                if ent is not None:
                    resolved = resolve_date(ent.text, self._date)
                    if resolved:
                        return resolved[0], resolved[1] if resolved[1] != resolved[0] else None
        return self._date, None


def _inflects(stem: str, word: str) -> bool:
    """Whether ``word`` is a regular inflection of ``stem`` (staged/stage, tried/try, stopped/stop)."""
    forms = {stem + "d", stem + "ed", stem + "s", stem + "es", stem + "ing", stem + stem[-1:] + "ed",
             stem + stem[-1:] + "ing"}
    if stem.endswith("e"):
        forms.add(stem[:-1] + "ing")
    if stem.endswith("y"):
        forms |= {stem[:-1] + "ied", stem[:-1] + "ies"}
    return word in forms


def _trigger_words(trigger: Token) -> list[Token]:
    words = [trigger]
    words += [c for c in trigger.children if c.dep_ in {"prt", "neg"}]
    return words


def _first_pobj_deep(token: Token) -> Token | None:
    for sub in token.subtree:
        if sub.dep_ == "pobj" and sub.pos_ in {"PROPN", "NOUN"}:
            return sub
    return None


def _distinct(actors: list[Actor]) -> list[Actor]:
    seen, out = set(), []
    for a in actors:
        if a.code not in seen:
            seen.add(a.code)
            out.append(a)
    return out


def _unique(events: list[Event]) -> list[Event]:
    seen, out = set(), []
    for e in events:
        key = (e.event_span, e.cameo, e.source.code if e.source else None, e.target.code if e.target else None)
        if key not in seen:
            seen.add(key)
            out.append(e)
    return out

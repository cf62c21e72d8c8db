"""Arguments: who acts (source) and on whom (target), from the parse and the actors found."""
from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from ..actors.resolver import make_actor
from ..records import Actor
from .rules import load_rules

RULES = load_rules()
SUBJECT_DEPS = {"nsubj", "csubj"}
CLIMB_DEPS = {"xcomp", "conj", "advcl", "acl", "relcl", "acomp"}


# Verbs after which a participle describes the subject's state ('stands accused', 'remained jailed').
LINKING_VERBS = {"stand", "remain", "stay", "sit", "lie"}


class ArgumentRules:
    """Mixed into the per-sentence coder: sources, targets and the actors under a token."""

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
            if subject.lower_ in RULES["relative_pronouns"] and verb.dep_ == "relcl":
                subject = antecedent(verb)
            if self._violent_noun(subject):  # "the bombing of a French base killed ...": the base is no author
                return self._modifier_actors(subject)
            return self._actors_of(subject) or self._speaker_as_subject(verb, subject)
        return self._inherited_subject(verb)

    def _violent_noun(self, noun: Token) -> bool:
        """An event noun of violence ('the attack', 'the bombing of X'): its author is whoever its
        modifiers or 'by' phrase name, and a verb it is the subject of tells the same act."""
        if noun.pos_ not in {"NOUN", "PROPN"} or noun.i in self.names:
            return False
        entry = self._noun_entry(noun)
        return entry is not None and entry[0][:2] in RULES["armed_author_roots"]

    def _state_accused(self, verb: Token) -> bool:
        """'Paris was accused of aiding rebels': a state or government charged by no one named is
        blamed by its critics, not tried by a court."""
        holders = list(verb.head.children) if adjectival_passive(verb) else []
        subjects = [c for c in list(verb.children) + holders if c.dep_ in {"nsubjpass", "nsubj"}]
        return any(s.i in self.names and a.sector in {None, "GOV"} or s.lemma_.lower() in {"government", "regime"}
                   for s in subjects[:1] for a in self._actors_of(s))

    def _claimed_accuser(self, verb: Token) -> bool:
        """'X was accused by critics of ...': an accuser named, though no actor, is not the state."""
        return any(c.dep_ == "agent" for c in verb.children)

    def _attacks_named(self, verb: Token) -> list[Token]:
        """'were kidnapped during a raid', 'were killed in an attack': the passive names the attack."""
        return [g for c in verb.children if c.dep_ == "prep" and c.lower_ in {"in", "during"}
                for g in c.children if g.dep_ == "pobj" and self._violent_noun(g)]

    def _other_cause(self, prep: Token) -> bool:
        """'in floods', 'during a stampede': a phrase naming what befell the victims that is neither a
        place nor an act of violence."""
        if prep.lower_ not in {"in", "during", "after", "by"}:
            return False
        for noun in (c for c in prep.children if c.dep_ == "pobj"):
            if noun.pos_ != "NOUN" or noun.ent_type_ in {"GPE", "LOC", "FAC", "DATE", "TIME"} or self._actors_of(noun):
                continue
            entry = self._noun_entry(noun)  # "during a raid", "in an attack": someone acted
            if entry is None or entry[0][:2] not in RULES["armed_author_roots"] | {"17"}:
                return True
        return False

    def _speaker_as_subject(self, verb: Token, subject: Token) -> list[Actor]:
        """'"We support Peru," the Chilean minister said': a first-person subject in a quote is
        the speaker's side, its country or organisation."""
        if subject.lower_ not in RULES["speaker_pronouns"]:
            return []
        speaker = self._attribution_actor(self._read(verb))
        if speaker is None or not (speaker.country or speaker.org):
            return []
        return [replace(speaker, found="reference")]

    def _reduced_passive(self, verb: Token) -> bool:
        """'a message released Sunday', 'prisoners freed by X': a past participle modifying a noun
        is passive, so the main clause's subject is not its author. Without a 'by' phrase only a
        thing is modified: after a person the parser often mistakes a plain past tense for one
        ("X's leadership offered to ..."). One set off by a comma describes a standing state of a
        thing ("the channel, disputed by A and B"), not an act, unless it tells what an agent did to
        the actors it follows ("the soldiers, backed by X's air force, ...")."""
        if verb.dep_ != "acl" or verb.tag_ != "VBN" or any(c.dep_ in SUBJECT_DEPS for c in verb.children):
            return False
        agent = any(c.dep_ == "agent" for c in verb.children)
        if verb.i > 0 and verb.doc[verb.i - 1].text == ",":
            return agent and bool(self._actors_of(verb.head))
        return agent or not self._actors_of(verb.head)

    def _inherited_subject(self, tok: Token) -> list[Actor]:
        """Climb xcomp, conj, advcl and noun complements to find who acts."""
        node = tok
        for _ in range(6):
            head = node.head
            if head.i == node.i:
                return []
            if node.dep_ == "xcomp" and self._lemma(head) in RULES["object_control"]:
                objects = [c for c in head.children if c.dep_ in {"dobj", "dative"}]
                if objects:
                    return self._actors_of(objects[0])
            if node.dep_ == "relcl":
                return self._actors_of(antecedent(node))
            if node.dep_ == "pcomp" and head.lower_ not in RULES["climb_preps"]:
                return []
            if node.dep_ == "dobj" and self._lemma(head) not in RULES["light_verbs"]:
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
                if subjects and subjects[0].dep_ == "nsubjpass" and shared_passive(node) is not None:
                    return []  # "were beaten and detained": the one acted upon is no author of the next act
                if subjects:
                    subject = subjects[0]
                    if subject.lower_ in RULES["relative_pronouns"] and head.dep_ == "relcl":
                        subject = antecedent(head)
                    if subject.lower_ not in RULES["relative_pronouns"] | {"what", "it", "this", "there"}:
                        return self._actors_of(subject)
            node = head
        return []

    def _targets(self, verb: Token, passive: bool, code: str) -> list[Actor]:
        return (self._direct_targets(verb, passive, code) or self._shared_object_targets(verb, passive)
                or self._complement_targets(verb, code)
                or self._condition_targets(verb, code) or self._location_targets(verb, code)
                or self._subject_event_targets(verb, passive))

    def _shared_object_targets(self, verb: Token, passive: bool) -> list[Actor]:
        """'has been attacking and fighting Kenyan troops': a verb with no object of its own shares
        the object of the verb it is coordinated with."""
        if passive or any(c.dep_ in {"dobj", "dative", "prep", "xcomp", "ccomp"} for c in verb.children):
            return []
        for conj in (c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"):
            found = [a for c in conj.children if c.dep_ == "dobj" for a in self._actors_of(c, owned=False)]
            if found:
                return found
        return []

    def _subject_event_targets(self, verb: Token, passive: bool) -> list[Actor]:
        """'the attack on a Nigerian village killed twelve': the act told by its noun falls where the
        noun's own preposition says."""
        subjects = [c for c in verb.children if c.dep_ == "nsubj"] if not passive else []
        if not subjects or not self._violent_noun(subjects[0]):
            return []
        _, preps = self._noun_entry(subjects[0])
        for child in subjects[0].children:
            if child.dep_ == "prep" and child.lower_ in preps:
                found = self._actors_under(child, deps={"pobj"})
                if found:
                    return found
        return []

    def _victims_of_subject(self, noun: Token) -> list[Actor]:
        """'an attack by X killed six Chadian officers': the noun and its verb tell one act, so the
        noun's victims are the verb's object."""
        verb = noun.head
        if noun.dep_ != "nsubj" or not self._violent_noun(noun) or (self._verb_code(verb) or "")[:2] not in RULES["armed_author_roots"]:
            return []
        return [a for c in verb.children if c.dep_ == "dobj" for a in self._actors_of(c, owned=False)]

    def _held_in(self, noun: Token) -> list[Actor]:
        """'X has been in custody', 'X was taken into custody': the one held is the subject of the
        verb that puts or keeps them there."""
        verb = noun.head.head
        if noun.dep_ != "pobj" or noun.head.lower_ not in {"in", "into"} or self._lemma(verb) not in RULES["custody_verbs"]:
            return []
        return [a for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"} for a in self._actors_of(c)]

    def _carrier_targets(self, noun: Token, preps: set[str], code: str) -> list[Actor]:
        """'launched an assault on X', 'carried out raids against X': the parser often hangs the event
        noun's own preposition on the light verb that carries it."""
        verb = noun.head
        if noun.dep_ != "dobj" or self._lemma(verb) not in RULES["light_verbs"]:
            return []
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ in preps and child.i > noun.i:
                found = self._actors_under(child, deps={"pobj"})
                if found:
                    return found
        return []

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
        if code[:2] not in RULES["place_target_roots"] and code not in RULES["place_target_codes"]:
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
                        self.place_target = True  # a place may be the actor's own country
                        return [make_actor(a.text, country=a.country, org=None, sector=None) for a in found]
        return []

    def _direct_targets(self, verb: Token, passive: bool, code: str) -> list[Actor]:
        if passive:
            subjects = [c for c in verb.children if c.dep_ == "nsubjpass"]
            if not subjects and adjectival_passive(verb):  # "X stands accused": X is acted upon
                subjects = [c for c in verb.head.children if c.dep_ in {"nsubj", "nsubjpass"}]
            if not subjects and self._reduced_passive(verb):  # "the prisoners released by X": the noun is acted upon
                subjects = [verb.head]
            if not subjects and shared_passive(verb) is not None:  # "were arrested and charged"
                subjects = [shared_passive(verb)]
            for child in subjects:
                found = self._actors_of(child) or self._owner_actors(child)
                if found:
                    return found
        objects = [c for c in verb.children if c.dep_ in {"dobj", "dative"}]
        for child in objects:
            found = self._actors_of(child, owned=False)  # "withdrew its soldiers" is no target
            if found:
                return found
        verbal = code[:2] in RULES["verbal_roots"]
        by_prep = {c.lower_: c for c in verb.children if c.dep_ in {"prep", "dative"}}
        for dobj in [c for c in objects if c.dep_ == "dobj"]:
            for thing in (dobj, *dobj.conjuncts):  # "fired tear gas and stun grenades at X": the list's last item takes the "at"
                by_prep.update({c.lower_: c for c in thing.children if c.dep_ == "prep" and c.lower_ not in by_prep})
            if "to" not in by_prep and code[:2] in {"03", "07"}:  # "pledged $2 billion in loans to Cambodia"
                deep = [t for t in dobj.subtree if t.dep_ == "prep" and t.lower_ == "to"]
                if deep:
                    by_prep["to"] = deep[0]
        order = RULES.ordered["target_preps"] + (("by",) if verbal else ())
        if code[:2] in {"09", "11"}:
            order = ("by",) + RULES.ordered["target_preps"]  # "investigating crimes by X", "condemned attacks by X"
        for prep in order:
            if prep in by_prep:
                if prep == "from" and not (verbal or code.startswith(("08", "16", "17"))):
                    continue
                if not code.startswith("15") and self._border_place(by_prep[prep]):
                    continue
                found = self._actors_under(by_prep[prep], deps={"pobj", "pcomp"})
                if found:
                    if prep == "by" and code[:2] in {"09", "11"}:
                        self.place_target = True  # "investigating crimes by its own troops": a real self-pair
                    return found
        if code[:2] in RULES["topic_roots"]:
            return []  # "discussed Chile's position": what is talked about is no party to the talks
        for dobj in objects:  # "condemned Russia's invasion", "praised Haiti's efforts"
            found = self._owner_actors(dobj)
            if found:
                return found
        return []

    @staticmethod
    def _border_place(prep: Token) -> bool:
        """'a camp on the Thai border', 'fighting at the Chinese frontier': a border named by one
        country's adjective says where the act falls, not whom it hits (a deployment toward it, code 15,
        does face that country)."""
        if prep.lower_ not in {"on", "at", "near", "along"}:
            return False
        return any(p.dep_ == "pobj" and p.lemma_.lower() in RULES["border_words"]
                   and not any(c.dep_ == "prep" for c in p.children) for p in prep.children)

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
                if noun.lemma_.lower() in RULES["partitive_nouns"] and child.lower_ == "of":
                    # "suspended part of its aid program for X": the part is owned as the whole is
                    found = [a for g in child.children if g.dep_ == "pobj" for a in self._owner_actors(g)]
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
            marked_for = any(m.dep_ == "mark" and m.lower_ == "for" for m in child.children)  # "called for X to go"
            if (child.dep_ == "ccomp" or marked_for) and subjects and code[:2] in RULES["verbal_roots"]:
                found = self._actors_of(subjects[0])
                own = {a.key for a in self._sources(verb, False)}
                if found and subjects[0].lower_ not in RULES["pronoun_subjects"] and not {a.key for a in found} <= own:
                    return found
            inner_passive = any(c.dep_ == "auxpass" for c in child.children)
            found = self._direct_targets(child, inner_passive, code)
            if not found and self._lemma(child) in RULES["object_control"]:  # "help Malaysia fight", "let inspectors visit"
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

    def _modifier_actors(self, noun: Token) -> list[Actor]:
        for child in noun.children:
            if child.dep_ in {"poss", "compound", "amod", "nmod"}:
                match = self.names.get(child.i)
                if child.dep_ != "poss" and match is not None and match.entry.kind in {"capital", "place"}:
                    continue  # "the Hanoi summit", "the Bouake attack" name a place, not a participant
                found = self._actors_of(child)
                if found:
                    return found
        for child in noun.children:  # "a visit by Putin"
            if child.dep_ == "prep" and child.lower_ == "by":
                return self._actors_under(child, deps={"pobj"})
        return []

    def _actors_of(self, token: Token, *, owned: bool = True) -> list[Actor]:
        out = []
        for tok in self._coordinated(token):
            referent = self.coref.get(tok.i)
            if isinstance(referent, list):  # "the two countries"
                out.extend(referent)
            elif referent is not None:
                out.append(referent)
            else:
                found = self.resolver.resolve_all(tok, self.names, self.date)
                out.extend(found or (self._owned_by_reference(tok) if owned else []))
        return _distinct(out)

    def _coordinated(self, token: Token) -> list[Token]:
        """The token and its conjuncts; a list of names the parser took for an apposition ("Chile, Peru
        and Costa Rica" as Chile + appos Peru + conj Rica) counts as coordination too."""
        tokens = [token, *token.conjuncts]
        if token.i in self.names:
            for child in token.children:
                if child.dep_ == "appos" and child.i in self.names and child.conjuncts:
                    tokens += [child, *child.conjuncts]
        return tokens

    def _owned_by_reference(self, token: Token) -> list[Actor]:
        """'its leader', 'their troops': the possessor's referent with the head's sector."""
        for child in token.children:
            referent = self.coref.get(child.i) if child.dep_ == "poss" else None
            if isinstance(referent, Actor):
                sector = self.resolver._sector_of(token, self.names)
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


def _distinct(actors: list[Actor]) -> list[Actor]:
    seen, out = set(), []
    for a in actors:
        if a.code not in seen:
            seen.add(a.code)
            out.append(a)
    return out


def antecedent(clause: Token) -> Token:
    """The noun a relative clause stands for; 'X is the one who started it', 'X was the first
    country that signed': a pronoun-like noun after a copula stands for the copula's subject."""
    noun = clause.head
    if noun.dep_ == "attr" and noun.lemma_.lower() in RULES["stand_in_nouns"] and noun.head.lemma_ == "be":
        subjects = [c for c in noun.head.children if c.dep_ == "nsubj"]
        if subjects:
            return subjects[0]
    return noun


def adjectival_passive(verb: Token) -> bool:
    """'stands accused of', 'remained detained': a participle after a linking verb is passive, and
    the linking verb's subject is acted upon (the parser attaches it as a complement or, after
    'stand', as an adverbial clause)."""
    if verb.tag_ != "VBN":
        return False
    if verb.dep_ == "advcl" and not any(c.dep_ in {"nsubj", "nsubjpass", "aux", "auxpass", "mark"} for c in verb.children) \
            and any(c.dep_ == "nsubj" for c in verb.head.children):
        return True  # "a leader is dead, killed in a raid": a bare participle tells what befell the subject
    return verb.dep_ in {"acomp", "oprd"} or (verb.dep_ in {"advcl", "xcomp"} and verb.head.lemma_.lower() in LINKING_VERBS)



def shared_passive(verb: Token) -> Token | None:
    """'were arrested and charged', 'were ambushed and killed': a bare participle coordinated with a
    passive verb is passive too, and shares its subject (the one acted upon, not the actor)."""
    if verb.dep_ != "conj" or verb.tag_ not in {"VBN", "VBD"} or any(
            c.dep_ in {"nsubj", "nsubjpass", "aux", "auxpass", "dobj"} for c in verb.children):
        return None  # the tagger may take the participle for a past tense ("were beaten and detained")
    head = verb.head
    while (head.dep_ == "conj" or _bare_while_clause(head)) and not any(c.dep_ in {"nsubjpass", "nsubj"} for c in head.children):
        head = head.head  # "were harassed while covering events and detained": the parser hangs the last
        # participle on the subjectless clause between them
    subjects = [c for c in head.children if c.dep_ == "nsubjpass"]
    return subjects[0] if subjects else None


def _bare_while_clause(verb: Token) -> bool:
    """'while covering events', 'when leaving': a subjectless -ing clause that only says when."""
    return verb.dep_ == "advcl" and verb.tag_ == "VBG" and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children)

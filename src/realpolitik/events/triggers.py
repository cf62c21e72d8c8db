"""Triggers: which words are events, and which CAMEO code each takes (verbs.tsv, nouns.tsv, overrides.tsv)."""
from __future__ import annotations

from spacy.tokens import Token

from ..records import Actor
from .rules import load_rules

RULES = load_rules()


class TriggerRules:
    """Mixed into the per-sentence coder: finding triggers and their codes."""

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

    def _noun_entry(self, noun: Token) -> tuple[str, set[str]] | None:
        """The lexicon entry of an event noun; a compound names it first ("hunger strike", "war games")."""
        lemma = noun.lemma_.lower()
        for child in noun.children:
            if child.dep_ in {"compound", "amod"}:
                entry = self.lex.nouns.get(f"{child.lemma_.lower()} {lemma}")
                if entry:
                    return entry
        entry = self.lex.nouns.get(lemma)
        if entry is None and noun.tag_ in {"NNS", "NNPS"}:  # "Negotiations between ..." in a headline:
            entry = self.lex.nouns.get(_singular(lemma))  # a capitalised plural the tagger left unlemmatised
        return entry

    def _verb_code(self, verb: Token) -> str | None:
        lemma = self._lemma(verb)
        entries = self.lex.verbs.get(lemma)
        if not entries:
            return None
        if any(not c or self._holds(verb, c) for c in RULES.nonevents.get(lemma, ())):
            return None  # "denied the charges", "struggling to contain"
        for condition, code in entries:
            if not condition or self._holds(verb, condition):
                return code
        return None

    def _holds(self, verb: Token, condition: str) -> bool:
        if "&" in condition:  # "dobj&prep:to": every part must hold
            return all(self._holds(verb, part) for part in condition.split("&"))
        if condition.startswith("!"):  # "!prep:from": the part must not hold
            return not self._holds(verb, condition[1:])
        kind, _, value = condition.partition(":")
        if kind == "donor":  # someone named with "from" ("received loans from X", "met with criticism from X")
            return bool(self._donors(verb))
        if kind == "dobj":  # the verb has a direct object ("submitted documents to X", not "submitted to X")
            return any(c.dep_ == "dobj" for c in verb.children)
        if kind == "objword":  # an object noun by its lemma ("granted him house arrest")
            return any(n.lemma_.lower() == value for n in self._object_nouns(verb))
        if kind == "prt":
            return any(c.dep_ == "prt" and c.lower_ == value for c in verb.children)
        if kind == "adv":  # a particle the parser may also read as an adverb ("went along with")
            return any(c.dep_ in {"prt", "advmod"} and c.lower_ == value for c in verb.children)
        if kind == "prep":  # on the verb or on its object ("launched missiles at X")
            scope = [verb, *[t for c in verb.children if c.dep_ == "dobj" for t in (c, *c.conjuncts)]]  # "gas and grenades at X"
            if any(c.dep_ == "prep" and c.lower_ == value for t in scope for c in t.children):
                return True
            # "called for X to leave": the parser makes "for" the mark of the clause it introduces
            return value == "for" and any(c.dep_ in {"advcl", "ccomp"} and any(
                m.dep_ == "mark" and m.lower_ == value and m.i < c.i for m in c.children) for c in verb.children)
        if kind == "obj" and value == "ACTOR":
            return any(self._actors_of(c) for c in verb.children if c.dep_ in {"dobj", "dative"})
        if kind == "obj":
            return any(self.lex.noun_class.get(n.lemma_.lower()) == value for n in self._object_nouns(verb))
        if kind == "subjsector":  # "nurses went on strike" vs "jets struck"; "backed by X's air force"
            return any(a.sector == value for a in self._sources(verb, any(c.dep_ == "agent" for c in verb.children)))
        if kind == "child":  # a word among the verb's dependents ("pleaded not guilty")
            return any(c.lower_ == value for c in verb.subtree if c.head.i == verb.i or c.head.head.i == verb.i)
        if kind == "oprd":  # "called the verdict unfair", "named the militia a terrorist group"
            return any(c.dep_ == "oprd" for c in verb.children) or sum(c.dep_ == "dobj" for c in verb.children) > 1
        if kind == "question":  # "asked what X wanted", "asked whether Y would come": a question, no appeal
            return not any(c.dep_ in {"dobj", "dative"} for c in verb.children) and any(
                c.dep_ == "ccomp" and (c.left_edge.tag_ in {"WP", "WRB", "WDT"} or any(
                    w.dep_ == "mark" and w.lower_ in {"whether", "if"} for w in c.children)) for c in verb.children)
        if kind == "infinitive":  # "told X to stop", "pushed X to release": an order or appeal, not a report
            return any(c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
                       for c in verb.children)
        if kind == "clause":
            return any(c.dep_ in {"xcomp", "ccomp", "pcomp"} or (c.dep_ == "dobj" and c.tag_ == "VBG")
                       for c in verb.children)
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
        if verb.dep_ in {"relcl", "acl"} and _relative_object(verb):
            candidates.append(verb.head)  # "charges the commission denied", "the funds that Congress voted"
        for noun in candidates:
            for conj in [noun, *noun.conjuncts]:
                out.append(conj)
                out.extend(c for c in conj.children if c.dep_ in {"compound", "amod"})
                for prep in conj.children:  # "containers of munitions", "$4 billion in support"
                    if prep.dep_ == "prep" and prep.lower_ in {"of", "in"}:
                        out.extend(g for g in prep.children if g.dep_ == "pobj")
                        if conj.lemma_.lower() in RULES["partitive_nouns"]:  # "part of a military aid program"
                            out.extend(m for g in prep.children if g.dep_ == "pobj"
                                       for m in g.children if m.dep_ in {"compound", "amod"})
        return out

    def _donors(self, verb: Token) -> list[Actor]:
        """'received loans from X', 'received weapons from X': who gives is named with 'from'."""
        scope = [verb, *self._object_nouns(verb)]  # "$3 billion in aid from X"
        for prep in (c for t in scope for c in t.children if c.dep_ == "prep" and c.lower_ == "from"):
            found = self._actors_under(prep, deps={"pobj"})
            if found:
                return found
        return []

    def _commitment_code(self, verb: Token, code: str) -> str:
        """'vowed to attack', 'pledged to retaliate': a commitment to conflict is a threat (13x)."""
        if not code.startswith("03"):
            return code
        for child in verb.children:
            # "has sworn to fight": the parser may attach the infinitive as an adverbial clause
            infinitive = child.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children)
            if child.dep_ == "xcomp" or infinitive:
                inner = self._verb_code(child)
                if inner and self.lex.cameo(inner).plover in RULES.threat_code and self.lex.cameo(inner).quad_class == 4:
                    return RULES.threat_code[self.lex.cameo(inner).plover]
        return code

    @staticmethod
    def _done_jointly(verb: Token) -> bool:
        """'arrested them in a joint raid', 'patrolled together': the co-actors cooperate."""
        for tok in verb.subtree:
            if tok.lower_ not in RULES["joint_words"]:
                continue
            node = tok.head  # the word must belong to this clause, not to a nested one
            while node.i != verb.i and node.pos_ not in {"VERB", "AUX"}:
                node = node.head
            if node.i == verb.i:
                return True
        return False

    @staticmethod
    def _sent_to_border(verb: Token) -> bool:
        return any(c.dep_ == "prep" and c.lower_ in {"to", "toward", "towards", "along", "near"} and
                   any(g.lemma_.lower() in RULES["border_words"] for g in c.children)
                   for c in verb.children)

    @staticmethod
    def _has_condition(verb: Token, marks: set[str]) -> bool:
        return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in marks for m in c.children)
                   for c in verb.children)

    def _override(self, trigger: Token, code: str, sources: list[Actor], targets: list[Actor]) -> str:
        """The code from overrides.tsv whose condition holds for this trigger, else ``code``."""
        key = trigger.lemma_.lower() if trigger.pos_ in {"NOUN", "PROPN"} else f"@{code[:2]}"
        for override in RULES.overrides.get(key, ()):
            kind, _, value = override.condition.partition(":")
            options = set(value.split("|"))
            if (kind == "head" and trigger.head.lower_ in options) or \
                    (kind == "governor" and self._lemma(trigger.head) in options) or \
                    (kind == "sourcesector" and any(a.sector in options for a in sources)) or \
                    (kind == "joint" and (targets or len({a.key for a in sources}) > 1
                                          or any(c.lower_ == "joint" for c in trigger.children))) or \
                    (kind == "toborder" and self._sent_to_border(trigger)) or \
                    (kind == "prep" and any(c.dep_ == "prep" and c.lower_ in options for c in trigger.children)):
                return override.code
        return code


def _relative_object(verb: Token) -> bool:
    """Whether the noun a relative clause modifies is that clause's object: the clause has a subject of its
    own that is not the relative pronoun and no object of its own ("the charges [that] X denied", not "the
    officials who denied"). The parser often takes "charges that X denied" for a noun's complement clause."""
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    objects = [c for c in verb.children if c.dep_ in {"dobj", "ccomp", "xcomp"}]
    return bool(subjects) and subjects[0].lower_ not in RULES["relative_pronouns"] and (
        not objects or objects[0].lower_ in RULES["relative_pronouns"])


def _singular(word: str) -> str:
    """The singular of a regular English plural (talks/talk, parties/party); other words unchanged."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def _inflects(stem: str, word: str) -> bool:
    """Whether ``word`` is a regular inflection of ``stem`` (staged/stage, tried/try, stopped/stop)."""
    forms = {stem + "d", stem + "ed", stem + "s", stem + "es", stem + "ing", stem + stem[-1:] + "ed",
             stem + stem[-1:] + "ing"}
    if stem.endswith("e"):
        forms.add(stem[:-1] + "ing")
    if stem.endswith("y"):
        forms |= {stem[:-1] + "ied", stem[:-1] + "ies"}
    return word in forms

"""Run the stages on documents: parse, find actors, code events and quantities."""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.tokens import Doc

from ..actors.coref import resolve_pairs, resolve_references
from ..actors.memory import document_focus, document_salience, resolve_generic
from ..actors.dictionary import load_dictionary
from ..actors.resolver import ActorResolver
from ..nlp import load_nlp, pipe_chunked
from ..records import ActorMention, Document, Extraction
from .coder import EventCoder
from .confidence import load_model
from .document import complete_events
from .rules import load_rules
from .quantities import extract_quantities

RULES = load_rules()


class Extractor:
    """Holds the loaded pipeline; call ``extract`` or ``extract_many`` on documents."""

    def __init__(self, *, model: str | None = None, actor_dirs: tuple[str, ...] = (), confidence: bool = True) -> None:
        self.nlp = load_nlp(model)
        self.resolver = ActorResolver(self.nlp, load_dictionary(tuple(actor_dirs)))
        self.coder = EventCoder(self.resolver)
        self.confidence = load_model() if confidence else None  # off only while fitting the model itself

    def extract(self, document: Document) -> Extraction:
        return next(self.extract_many([document]))

    def extract_many(self, documents: Iterable[Document], *, batch_size: int = 32) -> Iterator[Extraction]:
        pairs = ((d.text, d) for d in documents)
        for doc, document in pipe_chunked(self.nlp, pairs, batch_size=batch_size):  # long texts in pieces
            yield self._extract_doc(doc, document)

    def _extract_doc(self, doc: Doc, document: Document) -> Extraction:
        names = self.resolver.find_names(doc)
        mentions, heads = self._mentions(doc, names, document.date)
        salience = document_salience(doc, heads, self._title_countries(document))
        focus = document_focus(salience)
        coref: dict = resolve_generic(
            doc, heads, focus=focus, sector_of=lambda t: self.resolver._sector_of(t, names),
            is_named=lambda t: bool(self.resolver.resolve_all(t, names, document.date)))
        coref.update(resolve_references(doc, heads + [(i, a) for i, a in coref.items() if a.found in {"context", "reference"}]))
        coref.update(resolve_pairs(doc, heads))
        sentences, events, quantities = [], [], []
        for index, sent in enumerate(doc.sents):
            sentences.append((sent.start_char, sent.end_char))
            sent_quantities = extract_quantities(sent, index)
            base = len(quantities)
            quantities.extend(sent_quantities)
            for event in self.coder.code_sentence(sent, index, names, document.date, coref):
                event.quantities = list(range(base, base + len(sent_quantities)))  # those of its sentence
                events.append(event)
        events = complete_events(events, mentions, salience, courts=self._court_country(doc, names, document.date))
        if self.confidence is not None:
            self.confidence.score(events)
        return Extraction(document=document, sentences=sentences, mentions=mentions, events=events,
                          quantities=quantities)

    def _court_country(self, doc: Doc, names, date) -> str | None:
        """'a trial in New York', 'a court in Paris ruled': the country whose courts the story tells
        of, which need not be the one the story is about (a foreign plot tried in New York)."""
        for noun in doc:
            if noun.lemma_.lower() not in RULES["court_nouns"] or noun.pos_ != "NOUN" or not _in_main_clause(noun):
                continue  # "since a court in X ruled last year": a court named in passing holds no trial of the story's
            scopes = [noun, noun.head] if noun.dep_ == "nsubj" else [noun]  # "a trial opened in Paris"
            for prep in (c for s in scopes for c in s.children if c.dep_ == "prep" and c.lower_ in {"in", "at"}):
                for place in (c for c in prep.children if c.dep_ == "pobj"):
                    actor = self.resolver.resolve(place, names, date)
                    capital = place.i in names and names[place.i].entry.kind == "capital"  # a city, not its government
                    if actor is not None and actor.country and (actor.sector is None or capital):
                        return actor.country
        return None

    def _title_countries(self, document: Document) -> list[str]:
        if not document.title:
            return []
        title = self.nlp.make_doc(document.title)
        entries = {id(m): m.entry for m in self.resolver.find_names(title).values()}.values()
        return [c for c in (self.resolver._entry_identity(e, document.date)[0] for e in entries) if c]

    def _mentions(self, doc: Doc, names, date):
        mentions, heads, seen = [], [], set()
        sent_index = {s.start: i for i, s in enumerate(doc.sents)}
        for match in sorted({id(m): m for m in names.values()}.values(), key=lambda m: m.start):
            root = doc[match.start:match.end].root
            if root.dep_ in {"poss", "compound", "amod", "nmod"} and root.head.pos_ in {"NOUN", "PROPN"} \
                    and root.head.i not in names:
                root = root.head  # "South Korea's Defense Ministry": the phrase head carries the sector
            if root.i in seen:
                continue
            seen.add(root.i)
            actor = self.resolver.resolve(root, names, date)
            if actor is None:
                continue
            head = self.resolver._phrase_head(root, names)
            mentions.append(ActorMention(actor, sent_index[root.sent.start],
                                         (doc[match.start].idx, doc[match.end - 1].idx + len(doc[match.end - 1].text))))
            heads.append((root.i, actor))
            if head.i != root.i:
                heads.append((head.i, actor))
        return mentions, heads


def _in_main_clause(token) -> bool:
    """Whether the clause ``token`` belongs to is its sentence's main clause."""
    node = token.head
    while node.pos_ not in {"VERB", "AUX"} and node.head.i != node.i:
        node = node.head
    return node.dep_ in {"ROOT", "conj"} and (node.dep_ == "ROOT" or node.head.dep_ == "ROOT")

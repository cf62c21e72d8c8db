"""Typed records that flow between the stages. Plain dataclasses, serialisable with ``as_dict``."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Document:
    """One article: its text and whatever metadata the source carried."""

    doc_id: str
    text: str
    title: str | None = None
    date: str | None = None  # ISO date, YYYY-MM-DD
    url: str | None = None
    origin: str | None = None  # the file or corpus the document came from


@dataclass(frozen=True, slots=True)
class Actor:
    """A resolved actor: CAMEO-style code plus its parts."""

    text: str
    code: str
    country: str | None = None
    org: str | None = None
    sector: str | None = None
    # how the actor was found: named in the phrase, by reference (pronoun, "the government" with one
    # country in view), by document context (the story's main country), or by default (own country)
    found: str = "named"

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def key(self) -> str:
        """What the actor stands for at country level (an IGO by its org)."""
        return self.country or self.org or self.code


@dataclass(slots=True)
class Quantity:
    sentence: int
    text: str
    value: float
    unit: str | None
    per: str | None = None
    approximate: bool = False
    span: tuple[int, int] = (0, 0)
    low: float | None = None  # lower bound ("at least 20", a range's first end)
    high: float | None = None  # upper bound ("up to 3,000", a range's second end)

    def as_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["span"] = list(self.span)
        return out


@dataclass(slots=True)
class Event:
    """One coded event, with the sentence and character span it came from."""

    sentence: int
    text: str  # the whole sentence
    span: tuple[int, int]  # character offsets of the sentence in the document
    source: Actor | None
    target: Actor | None
    cameo: str
    plover: str
    mode: str
    quad_class: int
    goldstein: float
    polarity: str = "affirmed"  # affirmed | negated
    modality: str = "actual"  # actual | future | hypothetical | desired | possible
    attribution: Actor | None = None
    event_text: str = ""
    date: str | None = None
    confidence: float = 0.5
    event_span: tuple[int, int] = (0, 0)  # character offsets of the trigger words
    date_end: str | None = None
    quantities: list[int] = field(default_factory=list)  # indices into the document's quantities
    date_source: str | None = None  # "text": the event's own words; "document": the document's date
    # what coded it: verb, supplement (a PETRARCH2-only verb), noun, intent, joint, obligation, speech (a
    # reported condemnation, or what prosecutors say someone did)
    trigger_kind: str = "verb"

    @property
    def factual(self) -> bool:
        return self.polarity == "affirmed" and self.modality == "actual"

    def as_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["span"] = list(self.span)
        out["event_span"] = list(self.event_span)
        for key in ("source", "target", "attribution"):
            value = getattr(self, key)
            out[key] = value.as_dict() if value else None
        return out


@dataclass(slots=True)
class ActorMention:
    actor: Actor
    sentence: int
    span: tuple[int, int]


@dataclass(slots=True)
class Extraction:
    """Everything extracted from one document."""

    document: Document
    sentences: list[tuple[int, int]]
    mentions: list[ActorMention]
    events: list[Event]
    quantities: list[Quantity]

    def as_dict(self) -> dict[str, Any]:
        """The stable ``extract`` JSON contract (see README)."""
        actors: dict[tuple, dict[str, Any]] = {}
        for m in self.mentions:
            key = (m.actor.code, m.actor.country, m.actor.org, m.actor.sector)
            entry = actors.setdefault(key, {**m.actor.as_dict(), "mentions": 0})
            entry["mentions"] += 1
        return {
            "doc_id": self.document.doc_id,
            "title": self.document.title,
            "date": self.document.date,
            "actors": list(actors.values()),
            "events": [e.as_dict() for e in self.events],
            "quantities": [q.as_dict() for q in self.quantities],
        }

"""Score whole documents against the real-news gold (docs/annotation.md describes the format).

Every factual event the pipeline emits in an annotated document is judged: it is right when it
matches an ``expect`` reading of the sentence it came from, neutral when it matches an ``optional``
one, and a false fact otherwise (a leak as well when it matches a ``forbid`` reading). Recall is
over ``expect`` readings; the leak rate over ``forbid`` readings.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..records import Actor, Document, Event, Extraction
from .evaluate import Score, load_gold
from .lexicon import PLOVER_QUAD

LEVELS = ("type", "quad")


@dataclass(frozen=True, slots=True)
class Reading:
    """One annotated reading of a sentence."""

    source: str
    target: str | None
    types: tuple[str, ...]
    mutual: bool = False

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Reading":
        return cls(data["source"], data.get("target"), tuple(data["types"]), bool(data.get("mutual")))


@dataclass(slots=True)
class GoldSentence:
    index: int
    span: tuple[int, int]
    expect: list[Reading] = field(default_factory=list)
    forbid: list[Reading] = field(default_factory=list)
    optional: list[Reading] = field(default_factory=list)


@dataclass(slots=True)
class GoldDocument:
    doc_id: str
    sentences: list[GoldSentence]

    def sentence_at(self, span: tuple[int, int]) -> GoldSentence | None:
        """The annotated sentence that overlaps ``span`` most."""
        best, overlap = None, 0
        for sentence in self.sentences:
            shared = min(span[1], sentence.span[1]) - max(span[0], sentence.span[0])
            if shared > overlap:
                best, overlap = sentence, shared
        return best


@dataclass(slots=True)
class Judged:
    """A pipeline event with its verdict on the whole reading: ``right``, ``neutral`` (matches only an
    optional reading) or ``wrong``. A fact is right when it matches an expected reading; a non-fact
    when it matches a forbidden one; a non-fact matching nothing annotated is a wrong reading, since
    the gold lists every interaction a sentence mentions. ``factuality_right`` is None when the gold
    says nothing about the event's factuality."""

    doc_id: str
    event: Event
    verdict: str
    factuality_right: bool | None
    leak: bool = False


@dataclass(slots=True)
class NewsReport:
    documents: int = 0
    sentences: int = 0
    scores: dict[str, Score] = field(default_factory=lambda: {level: Score() for level in LEVELS})
    per_type: dict[str, Score] = field(default_factory=dict)
    forbid: int = 0
    leaks: dict[str, int] = field(default_factory=lambda: {level: 0 for level in LEVELS})
    neutral: int = 0
    misses: list[dict[str, Any]] = field(default_factory=list)
    false_facts: list[dict[str, Any]] = field(default_factory=list)
    judged: list[Judged] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"documents": self.documents, "sentences": self.sentences,
                **{level: {**score.as_dict(), "leaks": self.leaks[level],
                           "leak_rate": round(self.leaks[level] / self.forbid, 3) if self.forbid else 0.0}
                   for level, score in self.scores.items()},
                "per_type": {k: v.as_dict() for k, v in sorted(self.per_type.items())},
                "forbid": self.forbid,
                "neutral": self.neutral, "misses": self.misses, "false_facts": self.false_facts}


def load_news_gold(path: Path) -> list[GoldDocument]:
    documents = []
    for record in load_gold(path):
        if "doc_id" not in record or "sentences" not in record:
            raise InputError(str(path), "not a document-level gold file (each line needs doc_id and sentences)")
        sentences = [GoldSentence(s["index"], tuple(s["span"]),
                                  *[[Reading.from_dict(r) for r in s.get(kind, [])] for kind in ("expect", "forbid", "optional")])
                     for s in record["sentences"]]
        documents.append(GoldDocument(str(record["doc_id"]), sentences))
    return documents


def is_document_gold(path: Path) -> bool:
    """Whether ``path`` holds document-level gold (else the sentence-level format)."""
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                try:
                    return "doc_id" in json.loads(line) and "sentences" in json.loads(line)
                except json.JSONDecodeError:
                    return False
    return False


def corpus_documents(path: Path, wanted: Iterable[str]) -> dict[str, tuple[Document, int]]:
    """The corpus records named by ``wanted``, as pipeline documents with the offset that maps the
    gold's spans (in the raw ``text`` field) onto the document text (stripped)."""
    from ..sources.readers import read_jsonl

    wanted = set(wanted)
    found: dict[str, tuple[Document, int]] = {}
    raw = _raw_texts(path, wanted)
    for document in read_jsonl(path):
        if document.doc_id in wanted:
            text = raw[document.doc_id]
            found[document.doc_id] = (document, len(text) - len(text.lstrip()))
    missing = wanted - set(found)
    if missing:
        raise InputError(str(path), f"{len(missing)} gold document(s) not in the corpus, e.g. {sorted(missing)[0]}")
    return found


def _raw_texts(path: Path, wanted: set[str]) -> dict[str, str]:
    out = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                record = json.loads(line)
                if str(record.get("id")) in wanted:
                    out[str(record["id"])] = record.get("text", "")
    return out


def actor_matches(gold: str | None, actor: Actor | None) -> bool:
    if gold is None:
        return actor is None
    if actor is None:
        return False
    if gold == "IGO":
        return actor.org is not None or actor.code.startswith("IGO")
    if gold == "*":
        return actor.country is None
    return actor.country == gold or actor.org == gold


def reading_matches(reading: Reading, event: Event, level: str) -> bool:
    if level == "type":
        if event.plover not in reading.types:
            return False
    elif PLOVER_QUAD.get(event.plover) not in {PLOVER_QUAD.get(t) for t in reading.types}:
        return False
    if _roles_match(reading.source, reading.target, event):
        return True
    return reading.mutual and reading.target is not None and _roles_match(reading.target, reading.source, event)


def _roles_match(source: str, target: str | None, event: Event) -> bool:
    if not actor_matches(source, event.source):
        return False
    if target is None and event.target is not None and event.source is not None:
        # no one in particular: the actor's own country is the same reading ("protested at home")
        return event.target.country is not None and event.target.country == event.source.country
    return actor_matches(target, event.target)


def score_documents(gold: list[GoldDocument], extractions: dict[str, tuple[Extraction, int]], *,
                    min_confidence: float = 0.0) -> NewsReport:
    """Score the extractions; events below ``min_confidence`` are not shown to analysts, so not scored."""
    report = NewsReport()
    for gold_doc in gold:
        extraction, offset = extractions[gold_doc.doc_id]
        report.documents += 1
        report.sentences += len(extraction.sentences)
        placed = [(e, s) for e, s in _place_events(gold_doc, extraction, offset) if e.confidence >= min_confidence]
        for level in LEVELS:
            _score_level(report, gold_doc, placed, level, extraction)
    return report


def _place_events(gold_doc: GoldDocument, extraction: Extraction, offset: int):
    placed = []
    for event in extraction.events:
        if not event.plover:
            continue
        span = (event.span[0] + offset, event.span[1] + offset)
        placed.append((event, gold_doc.sentence_at(span)))
    return placed


def _score_level(report: NewsReport, gold_doc: GoldDocument, placed, level: str, extraction: Extraction) -> None:
    score = report.scores[level]
    typed = level == "type"
    found: set[tuple[int, int]] = set()
    leaked: set[tuple[int, int]] = set()
    for event, sentence in placed:
        readings = _readings(sentence)
        hit_expect = [i for i, r in enumerate(readings["expect"]) if reading_matches(r, event, level)]
        hit_optional = any(reading_matches(r, event, level) for r in readings["optional"])
        hit_forbids = [i for i, r in enumerate(readings["forbid"]) if reading_matches(r, event, level)]
        hit_forbid = bool(hit_forbids)
        if event.factual:
            # each event credits one expected reading not yet found; an event repeating a found reading
            # (the other direction of a mutual act, a second trigger for one act) is right but not counted
            fresh = [(sentence.index, i) for i in hit_expect if (sentence.index, i) not in found]
            found.update(fresh[:1])
            if not hit_expect:
                leaked.update((sentence.index, i) for i in hit_forbids)
            verdict = "right" if hit_expect else "neutral" if hit_optional and not hit_forbid else "wrong"
            counted = verdict == "wrong" or bool(fresh)
            if verdict == "right" and fresh:
                score.tp += 1
            elif verdict == "wrong":
                score.fp += 1
            if typed:
                report.neutral += verdict == "neutral" or not counted
                if counted:
                    report.per_type.setdefault(event.plover, Score()).tp += verdict == "right"
                    report.per_type.setdefault(event.plover, Score()).fp += verdict == "wrong"
                if verdict == "wrong":
                    report.false_facts.append(_describe(gold_doc.doc_id, event, sentence, leak=hit_forbid))
                factuality = True if hit_expect else False if hit_forbid else None
                report.judged.append(Judged(gold_doc.doc_id, event, verdict, factuality, hit_forbid and not hit_expect))
        elif typed:
            factuality = True if hit_forbid and not hit_expect else False if hit_expect else None
            verdict = "right" if factuality else "neutral" if factuality is None and hit_optional else "wrong"
            report.judged.append(Judged(gold_doc.doc_id, event, verdict, factuality))
    for sentence in gold_doc.sentences:
        for i, reading in enumerate(sentence.expect):
            if (sentence.index, i) in found:
                continue
            score.fn += 1
            if typed:
                report.per_type.setdefault(reading.types[0], Score()).fn += 1
                report.misses.append({"doc_id": gold_doc.doc_id, "sentence": sentence.index, "span": list(sentence.span),
                                      "source": reading.source, "target": reading.target, "types": list(reading.types)})
    report.leaks[level] += len(leaked)
    if typed:
        report.forbid += sum(len(s.forbid) for s in gold_doc.sentences)


def _readings(sentence: GoldSentence | None) -> dict[str, list[Reading]]:
    if sentence is None:
        return {"expect": [], "forbid": [], "optional": []}
    return {"expect": sentence.expect, "forbid": sentence.forbid, "optional": sentence.optional}


def _describe(doc_id: str, event: Event, sentence: GoldSentence | None, *, leak: bool) -> dict[str, Any]:
    return {"doc_id": doc_id, "sentence": sentence.index if sentence else None, "span": list(event.span),
            "source": event.source.code if event.source else None, "target": event.target.code if event.target else None,
            "cameo": event.cameo, "plover": event.plover, "event_text": event.event_text, "leak": leak}


def evaluate_news(gold_path: Path, corpus_path: Path, *, extractor=None,
                  thresholds: tuple[float, ...] = (0.0,)) -> NewsReport | list[NewsReport]:
    """Run the pipeline over the gold's documents from ``corpus_path`` and score them: one report,
    or one per confidence threshold when several are given."""
    from .extract import Extractor

    if not corpus_path.exists():
        raise InputError(str(corpus_path), "no such corpus file (give the JSONL the gold refers to with --corpus)")
    gold = load_news_gold(gold_path)
    documents = corpus_documents(corpus_path, [g.doc_id for g in gold])
    extractor = extractor or Extractor()
    ordered = [documents[g.doc_id][0] for g in gold]
    extractions = {e.document.doc_id: (e, documents[e.document.doc_id][1]) for e in extractor.extract_many(ordered)}
    reports = [score_documents(gold, extractions, min_confidence=t) for t in thresholds]
    return reports[0] if len(thresholds) == 1 else reports

"""Score factual source-target-type triples against a gold file (PLOVER gold-standard format).

Country-level matching: an actor matches by ISO3 country; an international organisation by its
org (gold code "IGO" matches any organisation). A gold record whose ``factual`` is false holds an
event that must not be coded as fact: coding it so is a leak.
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..records import Document
from .extract import Extractor
from .lexicon import PLOVER_QUAD


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def as_dict(self) -> dict[str, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3), "tp": self.tp,
                "fp": self.fp, "fn": self.fn}


@dataclass
class Report:
    type_level: Score = field(default_factory=Score)
    quad_level: Score = field(default_factory=Score)
    per_type: dict[str, Score] = field(default_factory=dict)
    confusion: Counter = field(default_factory=Counter)
    leaks: int = 0
    non_factual: int = 0
    sentences: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {"sentences": self.sentences, "type": self.type_level.as_dict(), "quad": self.quad_level.as_dict(),
                "per_type": {k: v.as_dict() for k, v in sorted(self.per_type.items())},
                "confusion": {f"{g}->{p}": n for (g, p), n in self.confusion.most_common()},
                "non_factual": self.non_factual, "leaks": self.leaks,
                "leak_rate": round(self.leaks / self.non_factual, 3) if self.non_factual else 0.0}


def load_gold(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        raise InputError(str(path), "no such gold file")
    records = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            records.append(json.loads(line))
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}:{number}", f"malformed JSON ({exc.msg})") from None
    return records


# Non-state actor codes of the PLOVER codebook besides IGO and NGO: transnational militarised groups,
# international social movements, multinational corporations.
NONSTATE_CODES = ("IMG", "ISM", "MNC")


def _gold_key(actor: dict[str, Any]) -> str:
    return actor.get("code") or "?"


def _matches(gold: str, predicted) -> bool:
    if predicted is None:
        return False
    if gold in {"IGO", "NGO"}:
        return predicted.org is not None or predicted.code.startswith(("IGO", "NGO"))
    if gold in NONSTATE_CODES:  # PLOVER's codes for actors no state owns: a transnational armed group is IMG...
        return predicted.country is None and predicted.code.startswith(gold)
    return predicted.country == gold or predicted.org == gold


def _gold_triples(record: dict[str, Any]) -> list[tuple[str, str | None, str]]:
    sources = [_gold_key(a) for a in record.get("source", [])] or ["?"]
    targets = [_gold_key(a) for a in record.get("target", [])] or [None]
    return [(s, t, record["type"]) for s in sources for t in targets]


def _triple_hit(gold, event, gold_sources: set[str], level: str) -> bool:
    s, t, gtype = gold
    if not _matches(s, event.source):
        return False
    if t is None:
        # An empty gold target accepts no target, or a co-source ("A and B agreed").
        if event.target is not None and not any(_matches(x, event.target) for x in gold_sources):
            return False
    elif not _matches(t, event.target):
        return False
    if level == "type":
        return event.plover == gtype
    return PLOVER_QUAD.get(event.plover) == PLOVER_QUAD.get(gtype)


def evaluate(records: list[dict[str, Any]], *, extractor: Extractor | None = None) -> Report:
    extractor = extractor or Extractor()
    report = Report()
    docs = [Document(doc_id=str(r.get("id", i)), text=r["text"].strip(), date=r.get("date")) for i, r in enumerate(records)]
    for record, extraction in zip(records, extractor.extract_many(docs)):
        report.sentences += 1
        factual = [e for e in extraction.events if e.factual and e.plover]
        gold = _gold_triples(record)
        gold_sources = {g[0] for g in gold}
        if record.get("factual", True) is False:
            report.non_factual += 1
            if any(_triple_hit(g, e, gold_sources, "type") for g in gold for e in factual):
                report.leaks += 1
            continue
        for level, score in (("type", report.type_level), ("quad", report.quad_level)):
            used: set[int] = set()
            for g in gold:
                hit = next((i for i, e in enumerate(factual) if i not in used and _triple_hit(g, e, gold_sources, level)), None)
                if hit is None:
                    score.fn += 1
                    if level == "type":
                        report.per_type.setdefault(g[2], Score()).fn += 1
                else:
                    used.add(hit)
                    score.tp += 1
                    if level == "type":
                        report.per_type.setdefault(g[2], Score()).tp += 1
            extra = [e for i, e in enumerate(factual) if i not in used and e.source is not None]
            score.fp += len(extra)
            if level == "type":
                for e in extra:
                    report.per_type.setdefault(e.plover, Score()).fp += 1
        predicted = factual[0].plover if factual else "NONE"
        report.confusion[(record["type"], predicted)] += 1
    return report

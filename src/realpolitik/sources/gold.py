"""Gold files for ``bench accuracy``, checked before any is scored: one line naming the file, the line
and the field that is wrong, never a KeyError deep in the scorer.

Two formats: sentence-level (PLOVER gold-standard: ``text``, ``type``, ``source``/``target`` lists of
``{code}``) and document-level (docs/annotation.md: ``doc_id`` and ``sentences``, each with ``index``,
``span`` and ``expect``/``forbid``/``optional`` readings ``{source, target, types}``)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import InputError
from .readers import json_object, read_text_file

SENTENCE, DOCUMENT = "sentence-level", "document-level"


def gold_kind(path: str | Path) -> str:
    """Which format ``path`` holds, after checking every line of it; an InputError otherwise."""
    path = Path(path)
    kind = None
    for number, line in enumerate(read_text_file(path, what="gold").splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        record = json_object(line, where)
        this = DOCUMENT if "doc_id" in record or "sentences" in record else SENTENCE
        if kind is not None and this != kind:
            raise InputError(where, f"a {this} record in a {kind} gold file")
        kind = this
        (_check_document if this == DOCUMENT else _check_sentence)(record, where)
    if kind is None:
        raise InputError(str(path), "empty gold file: no records")
    return kind


def _fail(where: str, problem: str) -> None:
    raise InputError(where, problem)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _check_sentence(record: dict[str, Any], where: str) -> None:
    if not isinstance(record.get("text"), str) or not record["text"].strip():
        _fail(where, "sentence-level gold needs a 'text' (or, for document-level gold, doc_id and sentences)")
    if not isinstance(record.get("type"), str):
        _fail(where, "'type' must be a PLOVER type such as CONSULT")
    for side in ("source", "target"):
        actors = record.get(side, [])
        if not isinstance(actors, list) or not all(isinstance(a, dict) for a in actors):
            _fail(where, f"'{side}' must be a list of {{\"code\": ...}} objects")
    if "factual" in record and not isinstance(record["factual"], bool):
        _fail(where, "'factual' must be true or false")


def _check_document(record: dict[str, Any], where: str) -> None:
    if not isinstance(record.get("doc_id"), (str, int)) or isinstance(record.get("doc_id"), bool):
        _fail(where, "document-level gold needs a 'doc_id' (text or number)")
    sentences = record.get("sentences")
    if not isinstance(sentences, list):
        _fail(where, "document-level gold needs a 'sentences' list")
    for n, sentence in enumerate(sentences, start=1):
        here = f"sentence {n}"
        if not isinstance(sentence, dict):
            _fail(where, f"{here} must be an object")
        if not _is_int(sentence.get("index")):
            _fail(where, f"{here}: 'index' must be a whole number")
        span = sentence.get("span")
        if not (isinstance(span, list) and len(span) == 2 and all(_is_int(v) and v >= 0 for v in span)
                and span[0] <= span[1]):
            _fail(where, f"{here}: 'span' must be [start, end] character offsets")
        for kind in ("expect", "forbid", "optional"):
            readings = sentence.get(kind, [])
            if not isinstance(readings, list):
                _fail(where, f"{here}: '{kind}' must be a list of readings")
            for reading in readings:
                if not (isinstance(reading, dict) and isinstance(reading.get("source"), str)
                        and isinstance(reading.get("types"), list)
                        and all(isinstance(t, str) for t in reading["types"])
                        and (reading.get("target") is None or isinstance(reading["target"], str))):
                    _fail(where, f"{here}: each '{kind}' reading needs source (a code), types (a list) "
                                 "and optionally target")

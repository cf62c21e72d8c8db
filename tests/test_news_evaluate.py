"""Document-level scoring against real-news style gold (docs/annotation.md), on texts written here."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from realpolitik.cli import app
from realpolitik.events.news_evaluate import evaluate_news, load_news_gold

runner = CliRunner()
# Leading spaces: gold spans count in the raw text field, the pipeline reads it stripped.
TEXT = ("  Chile accused Peru of violating the maritime border on Monday. "
        "Brazil will not send troops to Peru. "
        "Argentina and Uruguay held talks in Montevideo.")


def _sentence(text: str, start_words: str) -> list[int]:
    start = text.index(start_words)
    end = text.index(".", start) + 1
    return [start, end]


def _write(tmp_path, sentences):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(json.dumps({"id": "d1", "text": TEXT, "date": "2024-03-04"}) + "\n")
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"doc_id": "d1", "sentences_total": 3, "sentences": sentences}) + "\n")
    return gold, corpus


def test_expected_forbidden_and_mutual_readings(tmp_path, extractor):
    gold, corpus = _write(tmp_path, [
        {"index": 0, "span": _sentence(TEXT, "Chile"), "expect": [{"source": "CHL", "target": "PER", "types": ["ACCUSE"]}]},
        {"index": 1, "span": _sentence(TEXT, "Brazil"), "forbid": [{"source": "BRA", "target": "PER", "types": ["MOBILIZE"]}]},
        {"index": 2, "span": _sentence(TEXT, "Argentina"),
         "expect": [{"source": "URY", "target": "ARG", "types": ["CONSULT"], "mutual": True}]},
    ])
    assert [s.index for s in load_news_gold(gold)[0].sentences] == [0, 1, 2]
    report = evaluate_news(gold, corpus, extractor=extractor).as_dict()
    assert report["type"]["tp"] == 2 and report["type"]["fn"] == 0, report
    assert report["type"]["leaks"] == 0 and report["forbid"] == 1
    # the second direction of the mutual meeting is right but credits nothing new: neither hit nor false fact
    assert report["type"]["precision"] == pytest.approx(2 / (2 + report["type"]["fp"]), abs=0.001)


def test_unlisted_sentences_make_false_facts(tmp_path, extractor):
    gold, corpus = _write(tmp_path, [])  # the gold says: nothing happens in this document
    report = evaluate_news(gold, corpus, extractor=extractor).as_dict()
    assert report["type"]["tp"] == 0 and report["type"]["fp"] >= 2
    assert all(f["doc_id"] == "d1" for f in report["false_facts"])


def test_cli_reports_every_event_and_the_default_threshold(tmp_path):
    gold, corpus = _write(tmp_path, [
        {"index": 0, "span": _sentence(TEXT, "Chile"), "expect": [{"source": "CHL", "target": "PER", "types": ["ACCUSE"]}]},
    ])
    result = runner.invoke(app, ["bench", "accuracy", "--gold", str(gold), "--corpus", str(corpus), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["min_confidence"] == 0 and data["type"]["tp"] == 1
    assert {"type", "quad"} <= set(data["at_default_threshold"])
    missing = runner.invoke(app, ["bench", "accuracy", "--gold", str(gold)])
    assert missing.exit_code == 1 and "--corpus" in missing.output

"""Evaluation gate, as trafilatura does for extraction: CI fails if event coding drops below the floors.

Floors are pinned a little under the measured figures (docs/benchmarks.md); raise them when the
coder improves, never lower them to let a change through.
"""
from __future__ import annotations

from pathlib import Path

from realpolitik.events.evaluate import evaluate, load_gold

GOLD = Path(__file__).resolve().parents[1] / "gold" / "realpolitik_dev.jsonl"
FLOORS = {"type_f1": 0.74, "quad_f1": 0.74, "max_leak_rate": 0.05}


def test_event_coding_quality_floors(extractor):
    report = evaluate(load_gold(GOLD), extractor=extractor).as_dict()
    assert report["type"]["f1"] >= FLOORS["type_f1"], report["type"]
    assert report["quad"]["f1"] >= FLOORS["quad_f1"], report["quad"]
    assert report["leak_rate"] <= FLOORS["max_leak_rate"], report

"""Coding a long document costs in proportion to its length (no per-event work over the whole text)."""
from __future__ import annotations

import time

from realpolitik.records import Document

SENTENCES = [
    "Chile accused Peru of violating the maritime border on Monday.",
    "The navy of Peru detained two fishing boats from Chile, officials said.",
    "Brazil offered to mediate, and its foreign minister met both envoys in Lima.",
    "Argentina sent 20 tonnes of food aid to Bolivia after the floods.",
    "Police arrested 12 protesters who had blocked the road to the capital.",
    # people named in full, then by surname: memory looks earlier names up (once scanning every entity)
    "Foreign Minister Ana Torres of Chile met Carlos Ruiz, the envoy of Peru, in Santiago.",
    "Torres said Ruiz had promised that Peru would release the boats.",
]


def _text(chars: int) -> str:
    words, k = [], 0
    while sum(len(w) + 1 for w in words) < chars:
        words.append(SENTENCES[k % len(SENTENCES)])
        k += 1
        if k % 8 == 0:
            words.append("\n\n")
    return " ".join(words)


def _seconds(extractor, text: str) -> float:
    start = time.perf_counter()
    extraction = extractor.extract(Document(doc_id="long", text=text, date="2024-03-04"))
    assert extraction.events
    return time.perf_counter() - start


def test_long_documents_cost_in_proportion(extractor):
    extractor.extract(Document(doc_id="warm", text=_text(2_000)))
    short, long = _text(20_000), _text(160_000)
    per_char_short = _seconds(extractor, short) / len(short)
    per_char_long = _seconds(extractor, long) / len(long)
    # linear work gives a ratio near 1; the quadratic slicing this guards against gave 4 at this size
    assert per_char_long < 2.5 * per_char_short, (per_char_short, per_char_long)

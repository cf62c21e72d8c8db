"""One shared coder serves concurrent requests: it holds no per-sentence state."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from realpolitik.records import Document

TEXTS = [
    "Chile accused Peru of violating the border treaty. Its navy later detained two fishing boats.",
    "Kenya sent troops to Somalia on Monday. The government said the soldiers would stay for a year.",
    "Japan and Australia held talks in Tokyo. They agreed to share intelligence on maritime security.",
]


def readings(extraction):
    return [(e.sentence, e.source and e.source.code, e.target and e.target.code, e.cameo, e.polarity,
             e.modality, e.confidence) for e in extraction.events]


def test_coder_keeps_no_sentence_state(extractor):
    assert set(vars(extractor.coder)) == {"resolver", "lex", "known_verbs"}


def test_concurrent_documents_do_not_mix(extractor):
    documents = [Document(doc_id=str(i), text=t, date="2024-03-04") for i, t in enumerate(TEXTS)]
    expected = [readings(extractor.extract(d)) for d in documents]
    assert all(expected)
    # spaCy's pipeline is not shared across threads here: each worker parses, then codes with the
    # one shared coder, as the dashboard's request handlers do
    docs = [extractor.nlp(d.text) for d in documents]

    def code_all(k: int):
        doc, document = docs[k % len(docs)], documents[k % len(docs)]
        return k % len(docs), readings(extractor._extract_doc(doc, document))

    with ThreadPoolExecutor(max_workers=6) as pool:
        for k, got in pool.map(code_all, range(60)):
            assert got == expected[k]

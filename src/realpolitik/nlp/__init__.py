"""NLP: load the spaCy pipeline once; parse texts of any length (long ones in pieces)."""
from .chunks import pipe_chunked, split_text
from .pipeline import load_nlp

__all__ = ["load_nlp", "pipe_chunked", "split_text"]

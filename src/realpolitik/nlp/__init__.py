"""NLP: load the spaCy pipeline once and parse documents in batches."""
from .pipeline import load_nlp, parse

__all__ = ["load_nlp", "parse"]

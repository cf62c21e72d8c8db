"""Sources: turn files, feeds, HTML and JSONL corpora into ``Document`` records."""
from .readers import doc_id_for, read_jsonl, read_paths, read_text_stream

__all__ = ["doc_id_for", "read_jsonl", "read_paths", "read_text_stream"]

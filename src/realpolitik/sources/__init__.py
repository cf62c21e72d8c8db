"""Sources: turn files, feeds, HTML and JSONL corpora into ``Document`` records."""
from .readers import InputWarning, doc_id_for, read_jsonl, read_paths, read_stdin, read_text_file, read_text_stream

__all__ = ["InputWarning", "doc_id_for", "read_jsonl", "read_paths", "read_stdin", "read_text_file", "read_text_stream"]

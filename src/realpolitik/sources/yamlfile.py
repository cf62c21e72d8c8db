"""YAML files users write (scenarios, alert rules): read once here, with the same one-line errors."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from ..errors import InputError
from .readers import read_text_file


def read_yaml(path: str | Path, *, what: str) -> Any:
    """The parsed content of ``path``; an InputError naming the file and the problem otherwise
    (a folder, a device, binary or non-UTF-8 bytes, a file over the size limit, malformed YAML with
    its line and column)."""
    path = Path(path)
    text = read_text_file(path, what=what)
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise InputError(str(path), f"malformed YAML{_where(exc)}") from None
    except RecursionError:  # deeply nested flow collections
        raise InputError(str(path), "malformed YAML (nested too deeply)") from None


def _where(exc: yaml.YAMLError) -> str:
    """' at line L, column C (problem)' from PyYAML's marked errors; the class name otherwise."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or getattr(exc, "context", None) or type(exc).__name__
    place = f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
    return f"{place} ({' '.join(str(problem).split())})"

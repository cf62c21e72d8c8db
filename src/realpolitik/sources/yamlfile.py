"""YAML files users write (scenarios, alert rules): read once here, with the same one-line errors."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from ..errors import InputError


def read_yaml(path: str | Path, *, what: str) -> Any:
    """The parsed content of ``path``; an InputError naming the file and the problem otherwise."""
    path = Path(path)
    if not path.is_file():
        raise InputError(str(path), f"no such {what} file")
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise InputError(str(path), f"malformed YAML ({exc.__class__.__name__})") from None
    except UnicodeDecodeError:
        raise InputError(str(path), "not valid UTF-8") from None

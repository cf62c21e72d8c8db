"""Errors with codes. Each message says what went wrong with which input and how to fix it.

Every failure a user can cause is one of these: the CLI prints it as one line (``error: [E0xx] ...``)
and the API answers it with a 4xx status and a JSON ``detail``; anything else is a bug.
"""
from __future__ import annotations

import datetime as _dt
import re

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class RealpolitikError(Exception):
    """Base class: ``code`` is stable (E0xx) so users can search for it; ``status`` is the HTTP answer."""

    code = "E000"
    status = 400

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(f"[{self.code}] {message}")


class InputError(RealpolitikError):
    """An input file or record cannot be read."""

    code = "E001"
    status = 422

    def __init__(self, source: str, problem: str) -> None:
        self.source = source
        self.problem = problem
        super().__init__(f"{source}: {problem}")


class ModelNotFound(RealpolitikError):
    code = "E002"
    status = 500


class StoreError(RealpolitikError):
    """The store cannot be opened, read or written (the driver's own error is named in the message)."""

    code = "E003"
    status = 503


class ScenarioError(RealpolitikError):
    code = "E004"


class DataFileError(RealpolitikError):
    code = "E005"


class OptionError(RealpolitikError):
    """A value given on the command line or in an API query is not acceptable."""

    code = "E006"
    status = 422


def check_date(value: object, name: str = "date") -> str | None:
    """The one place dates are validated: ``None``/empty passes, a real calendar date ``YYYY-MM-DD`` is
    returned as such, anything else raises ``OptionError`` naming ``name`` (an option, a field, a line)."""
    if value is None or value == "":
        return None
    text = str(value).strip()
    try:
        if not _ISO_DATE.fullmatch(text):
            raise ValueError
        return _dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise OptionError(f"{name}: {text[:40]!r} is not a date; use YYYY-MM-DD (e.g. 2024-02-29)") from None

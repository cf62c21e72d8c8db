"""The confidence threshold applied wherever events are read.

Every stored event carries ``confidence``: the probability (0..1) that its reading is right. Analysis
functions take ``min_confidence``; ``None`` means the value of ``[events] min_confidence`` in
settings.toml (or ``RP_EVENTS_MIN_CONFIDENCE``), and 0 keeps every event, including any stored
without a confidence.
"""
from __future__ import annotations

import math
from typing import Any

from .. import settings


def default_min_confidence() -> float:
    """The threshold configured in settings (validated like any other value)."""
    return resolve_min_confidence(settings.get("events", "min_confidence"))


def resolve_min_confidence(value: Any = None) -> float:
    """``value`` as a threshold in [0, 1]; ``None`` gives the configured default.

    Raises ``ValueError`` with a one-line message for anything else.
    """
    if value is None:
        return default_min_confidence()
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = math.nan
    if isinstance(value, bool) or math.isnan(number) or not 0.0 <= number <= 1.0:
        raise ValueError(f"min_confidence must be a number from 0 to 1, not {value!r}")
    return number


def confidence_condition(min_confidence: float, column: str = "confidence") -> tuple[str | None, list[Any]]:
    """A parameterised SQL condition keeping events at or above the threshold (None when it is 0)."""
    if min_confidence <= 0:
        return None, []
    return f"{column} >= ?", [min_confidence]


def threshold_note(min_confidence: float, hidden: int, *, how: str = "--min-confidence") -> str:
    """One sentence saying which threshold is in force and how many events it hides."""
    if min_confidence <= 0:
        return f"Every event is shown whatever its confidence; set a threshold with {how}."
    return (f"Events with confidence below {min_confidence:.2f} are hidden ({hidden} hidden); "
            f"change with {how}.")

"""Calibrated confidence: the probability that an event's reading (source, target, type and
factuality) is right.

A logistic regression over features of the reading: its type, what coded it (a verb, an event noun,
a stated intent ...), how each actor was found (named, by reference, by document context, by
default), attribution, quotation, sentence length and position. It is fitted on the real-news
development gold by ``tools/fit_confidence.py``, which also measures calibration on documents held
out of each fit; the coefficients ship as ``events/data/confidence.json``.

A regularised fit on a few hundred events shrinks its scores towards the mean, so a second, one-
dimensional logistic fit (Platt scaling) maps the model's log-odds onto probabilities. It is fitted on
log-odds the model gave documents it was not fitted on, so it corrects the shrinkage the model shows
on unseen documents, not the (smaller) one it shows on its own training data.
"""
from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from ..datafiles import package_file
from ..records import Actor, Event
from .lexicon import PLOVER_QUAD

KINDS = ("verb", "supplement", "noun", "intent", "joint", "obligation", "speech")
FOUND = ("named", "reference", "context", "default")
STATE_SECTORS = {"GOV", "MIL", "LEG", "JUD", "COP", "SPY"}
QUOTES = ('"', "\u201c", "\u201d")


def feature_names() -> list[str]:
    names = ["bias"]
    names += [f"quad={q}" for q in (1, 2, 3, 4)]
    names += [f"kind={k}" for k in KINDS]
    names += [f"source={f}" for f in FOUND]
    names += ["target=none"] + [f"target={f}" for f in FOUND]
    names += ["source_state", "source_org", "target_state", "target_org", "same_country", "attributed",
              "quoted", "log_words", "lead_sentence", "factual", "dated_in_text", "log_sentence_events"]
    return names


def features(event: Event, sentence_events: int) -> list[float]:
    row = [1.0]
    row += [float(PLOVER_QUAD.get(event.plover) == q) for q in (1, 2, 3, 4)]
    row += [float(event.trigger_kind == k) for k in KINDS]
    row += [float(event.source is not None and event.source.found == f) for f in FOUND]
    row += [float(event.target is None)] + [float(event.target is not None and event.target.found == f) for f in FOUND]
    row += [_state(event.source), _org(event.source), _state(event.target), _org(event.target),
            float(event.source is not None and event.target is not None and event.source.country is not None
                  and event.source.country == event.target.country),
            float(event.attribution is not None), float(any(q in event.text for q in QUOTES)),
            math.log1p(len(event.text.split())), float(event.sentence < 3), float(event.factual),
            float(event.date_source == "text"), math.log1p(sentence_events)]
    return row


def _state(actor: Actor | None) -> float:
    return float(actor is not None and actor.sector in STATE_SECTORS)


def _org(actor: Actor | None) -> float:
    return float(actor is not None and actor.org is not None)


def feature_matrix(events: list[Event]) -> np.ndarray:
    per_sentence = Counter(e.sentence for e in events)
    return np.array([features(e, per_sentence[e.sentence]) for e in events], dtype=float).reshape(
        len(events), len(feature_names()))


def fit_logistic(x: np.ndarray, y: np.ndarray, *, l2: float = 1.0, iterations: int = 50) -> np.ndarray:
    """Weights by Newton's method with an L2 penalty (the bias is not penalised)."""
    weights = np.zeros(x.shape[1])
    penalty = np.full(x.shape[1], l2)
    penalty[0] = 0.0
    for _ in range(iterations):
        p = _sigmoid(x @ weights)
        gradient = x.T @ (p - y) + penalty * weights
        hessian = (x * (p * (1 - p))[:, None]).T @ x + np.diag(penalty) + 1e-9 * np.eye(x.shape[1])
        step = np.linalg.solve(hessian, gradient)
        weights -= step
        if np.abs(step).max() < 1e-8:
            break
    return weights


def fit_platt(log_odds: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """Intercept and slope of the logistic map from ``log_odds`` to the outcomes ``y``."""
    a, b = fit_logistic(np.column_stack([np.ones_like(log_odds), log_odds]), y, l2=1e-6)
    return float(a), float(b)


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


@dataclass(frozen=True, slots=True)
class ConfidenceModel:
    names: tuple[str, ...]
    weights: np.ndarray
    calibration: tuple[float, float] = (0.0, 1.0)  # Platt intercept and slope on the log-odds

    def probabilities(self, events: list[Event]) -> np.ndarray:
        if not events:
            return np.zeros(0)
        intercept, slope = self.calibration
        return _sigmoid(intercept + slope * (feature_matrix(events) @ self.weights))

    def score(self, events: list[Event]) -> list[Event]:
        """Set each event's ``confidence`` (rounded to 3 places) and return the events."""
        for event, p in zip(events, self.probabilities(events)):
            event.confidence = round(float(p), 3)
        return events


@lru_cache(maxsize=1)
def load_model() -> ConfidenceModel:
    data = json.loads(package_file("realpolitik.events", "confidence.json").read_text(encoding="utf-8"))
    names = tuple(data["features"])
    if list(names) != feature_names():
        raise ValueError("events/data/confidence.json does not match the features; run tools/fit_confidence.py")
    calibration = data.get("calibration", {"intercept": 0.0, "slope": 1.0})
    return ConfidenceModel(names, np.array(data["weights"], dtype=float),
                           (float(calibration["intercept"]), float(calibration["slope"])))

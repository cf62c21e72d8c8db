"""Backtest the models on DEU III issues (Arregui & Perarnaud 2021 format)."""
from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import InputError
from .models import (Actors, condorcet_median, expected_utility_model, salience_blend, weighted_mean,
                     weighted_median)

MISSING_ABOVE = 100.0


def _value(cell: str | None) -> float | None:
    if cell is None or not cell.strip().strip('"'):
        return None
    try:
        value = float(cell.strip().strip('"'))
    except ValueError:
        return None
    return None if value > MISSING_ABOVE else value


def load_deu(path: Path) -> list[tuple[Actors, float]]:
    """(actors, outcome) per scored issue. Capability: the GDP proxy row (row 2)."""
    if not path.exists():
        raise InputError(str(path), "no such file")
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t")
        try:
            header = [h.strip('"') for h in next(reader)]
            proxy = next(reader)
        except StopIteration:
            raise InputError(str(path), "needs a header row and a capability proxy row") from None
        names = [h[1:] for h in header if h.startswith("p") and "s" + h[1:] in header and len(h) <= 4]
        if "out" not in header or not names:
            raise InputError(str(path), "not a DEU table: expected p<actor>, s<actor> and out columns")
        col = {h: i for i, h in enumerate(header)}
        capability = {n: _value(proxy[col["p" + n]]) if col["p" + n] < len(proxy) else None for n in names}
        issues = []
        for row in reader:
            row = row + [""] * (len(header) - len(row))
            outcome = _value(row[col["out"]])
            if outcome is None:
                continue
            cap, pos, sal = [], [], []
            for n in names:
                p, s, c = _value(row[col["p" + n]]), _value(row[col["s" + n]]), capability.get(n)
                if p is None or s is None or not c:
                    continue
                cap.append(c), pos.append(p), sal.append(s / 100)
            if len(pos) >= 2 and sum(sal) > 0:
                issues.append((Actors.of(cap, pos, sal), outcome))
    return issues


MODELS = {
    "weighted_mean": weighted_mean,
    "weighted_median": weighted_median,
    "condorcet_median": lambda a: condorcet_median(a, 100.0),
    "expected_utility": lambda a: expected_utility_model(a, rounds=4, scale=100.0)["forecast"],
    "salience_blend": salience_blend,
}


def backtest_deu(path: Path) -> dict[str, Any]:
    issues = load_deu(path)
    models = {}
    for name, model in MODELS.items():
        errors = [abs(model(a) - outcome) for a, outcome in issues]
        models[name] = {"mae": round(float(np.mean(errors)), 3) if errors else None, "n": len(errors)}
    return {"capability": "GDP proxy row", "models": models}


def fit_salience_blend(path: Path) -> dict[str, float]:
    """Grid-search the blend's exponents on a development file (never on held-back issues)."""
    issues = load_deu(path)
    outcomes = np.array([o for _, o in issues])
    best = None
    for cap_exp in np.linspace(0, 1.5, 7):
        for sal_exp in np.linspace(0, 3, 7):
            forecasts = np.array([salience_blend(a, cap_exp=cap_exp, sal_exp=sal_exp) for a, _ in issues])
            mae = float(np.mean(np.abs(forecasts - outcomes)))
            if best is None or mae < best["mae"]:
                best = {"cap_exp": float(cap_exp), "sal_exp": float(sal_exp), "mae": mae}
    return best

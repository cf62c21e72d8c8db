"""Backtest the models on DEU III issues (Arregui & Perarnaud 2021 format)."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import InputError
from .ensemble import ENSEMBLE, LEVEL, MODEL_NAMES, combine, cross_validate, model_forecasts
from .institutions import INSTITUTION_SHARES, Rule, council_weights, parse_deu_date, shapley_shubik
from .models import Actors, salience_blend

MISSING_ABOVE = 100.0


def _value(cell: str | None) -> float | None:
    if cell is None or not cell.strip().strip('"'):
        return None
    try:
        value = float(cell.strip().strip('"'))
    except ValueError:
        return None
    return None if value > MISSING_ABOVE else value


@dataclass(frozen=True)
class DeuIssue:
    """One scored DEU issue: actors with positions, the outcome, and the rules it was decided under."""

    actors: Actors
    codes: list[str]
    outcome: float
    proposal: str
    procedure: str
    council_vote: str
    reference: float | None
    date: Any
    rule: Rule


def _rule(codes: list[str], procedure: str, council_vote: str, reference: float | None, when) -> Rule:
    weights, threshold = council_weights(when)
    votes = np.array([float(weights.get(c, 0)) for c in codes])
    absent = float(sum(w for c, w in weights.items() if c not in codes))
    total = float(sum(weights.values()))
    members = list(weights)
    kind = "unanimity" if council_vote.lower().startswith("unan") else "qmv"
    power = dict(zip(members, shapley_shubik([weights[m] for m in members],
                                             total if kind == "unanimity" else threshold)))
    shares = INSTITUTION_SHARES.get(procedure, INSTITUTION_SHARES["CNS"])
    present = sum(power[c] for c in codes if c in power) or 1.0
    influence = np.array([shares["com"] if c == "com" else shares["ep"] if c == "ep" else
                          shares["council"] * power.get(c, 0.0) / present for c in codes])
    vetoes = np.array([c == "ep" and procedure == "COD" for c in codes])
    return Rule(kind=kind, quota=threshold / total, votes=votes, vetoes=vetoes, status_quo=reference,
                influence=influence, absent_votes=absent)


def load_deu_issues(path: Path) -> list[DeuIssue]:
    """Scored issues of a DEU table. Capability: the GDP proxy row (row 2); rules from ``proc``,
    ``counvte``, ``rp`` and the Council's weights at the decision date (``finact``, else ``intro``)."""
    from ..sources.readers import read_text_file

    text = read_text_file(path, what="DEU table")
    with io.StringIO(text, newline="") as handle:
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

        def cell(row: list[str], name: str) -> str:
            return row[col[name]].strip().strip('"') if name in col else ""

        issues = []
        for number, row in enumerate(reader):
            row = row + [""] * (len(header) - len(row))
            outcome = _value(row[col["out"]])
            if outcome is None:
                continue
            cap, pos, sal, codes = [], [], [], []
            for n in names:
                p, s, c = _value(row[col["p" + n]]), _value(row[col["s" + n]]), capability.get(n)
                if p is None or s is None or not c:
                    continue
                cap.append(c), pos.append(p), sal.append(s / 100), codes.append(n)
            if len(pos) < 2 or sum(sal) == 0:
                continue
            procedure, council_vote = cell(row, "proc") or "CNS", cell(row, "counvte") or "QMV"
            reference = _value(row[col["rp"]]) if "rp" in col else None
            when = parse_deu_date(cell(row, "finact")) or parse_deu_date(cell(row, "intro"))
            issues.append(DeuIssue(Actors.of(cap, pos, sal), codes, outcome, cell(row, "prnr") or f"row{number}",
                                   procedure, council_vote, reference, when,
                                   _rule(codes, procedure, council_vote, reference, when)))
    return issues


def load_deu(path: Path) -> list[tuple[Actors, float]]:
    """(actors, outcome) per scored issue."""
    return [(issue.actors, issue.outcome) for issue in load_deu_issues(path)]


def _scores(predictions: np.ndarray, outcomes: np.ndarray, half: float) -> dict[str, Any]:
    errors = np.abs(predictions - outcomes)
    lo, hi = np.clip(predictions - half, 0, 100), np.clip(predictions + half, 0, 100)
    inside = (outcomes >= lo - 1e-9) & (outcomes <= hi + 1e-9)
    return {"mae": round(float(errors.mean()), 3), "median_ae": round(float(np.median(errors)), 3),
            "coverage": round(float(inside.mean()), 3), "n": int(len(errors))}


def backtest_deu(path: Path, *, cv: bool = False, folds: int = 10, repeats: int = 5) -> dict[str, Any]:
    """Score every model and the ensemble against DEU outcomes.

    By default the shipped models are applied as they are (ensemble weights, blend exponents and
    interval widths fitted on the development half): the right test for a held-back file. With
    ``cv`` everything that is fitted is refitted by cross-validation grouped by proposal on this
    file, the way the shipped figures were measured on the development half.
    """
    issues = load_deu_issues(path)
    if cv:
        groups = len({i.proposal for i in issues})
        if groups < 2:
            raise InputError(str(path), "cross-validation needs issues from at least two proposals")
        result = cross_validate(issues, k=min(folds, groups), repeats=repeats)
        return {"capability": "GDP proxy row", "mode": f"cross-validation, {result['folds']} folds grouped by "
                f"proposal, {repeats} repeats", "level": LEVEL, "models": result["models"],
                "by_procedure": result["by_procedure"]}
    rows = [model_forecasts(i.actors, i.rule) for i in issues]
    outcomes = np.array([i.outcome for i in issues])
    procedures = np.array([i.procedure for i in issues])
    table = {name: np.array([r[name] for r in rows]) for name in MODEL_NAMES}
    table["ensemble"] = np.array([combine(r)["forecast"] for r in rows])
    half = {**ENSEMBLE["model_half_width"], "ensemble": ENSEMBLE["half_width"]}

    def summary(mask: np.ndarray) -> dict[str, Any]:
        return {name: _scores(pred[mask], outcomes[mask], half[name]) for name, pred in table.items()}

    everything = np.ones(len(outcomes), bool)
    return {"capability": "GDP proxy row", "mode": "shipped models (fitted on the DEU III development half)",
            "level": LEVEL, "models": summary(everything) if len(outcomes) else {},
            "by_procedure": {p: summary(procedures == p) for p in sorted(set(procedures))}}


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

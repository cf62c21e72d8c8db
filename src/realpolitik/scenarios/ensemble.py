"""The headline forecast: a weighted combination of the models, with an 80% interval.

Weights are learned on the DEU III development half by minimising the mean absolute error over
non-negative weights that sum to one (stacking), once on the whole sample: averaging them over
bootstrap resamples (``bags``) made the cross-validated error worse. The models combined differ in
how they weigh actors (capability and salience, salience alone, voting power, bargaining rounds);
the salience mean is there because it is the one that leaves capability out. Everything is
evaluated by cross-validation grouped by proposal: the issues of one legislative proposal are
never split between training and test, and every fitted choice (the stacking weights, the salience
blend's exponents, the interval's width) is made on the training folds only.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

import numpy as np

from .institutions import Rule
from .models import (BLEND, Actors, condorcet_median, expected_utility_model, power_mean, power_weighted_mean,
                     salience_blend, salience_mean, status_quo_model, weighted_mean, weighted_median)

MODEL_NAMES = ("weighted_mean", "weighted_median", "condorcet_median", "expected_utility", "salience_blend",
               "power_mean", "status_quo", "salience_mean")
EUM_ROUNDS = 20
LEVEL = 0.8

# Fitted by fit_ensemble("../shared/scenarios/deu3_dev.tsv") on the DEU III development half only
# (figures and command in docs/benchmarks.md). tests/test_scenarios_ensemble.py refits and compares.
ENSEMBLE: dict[str, Any] = {
    "weights": {"weighted_mean": 0.0, "weighted_median": 0.01, "condorcet_median": 0.0, "expected_utility": 0.195,
                "salience_blend": 0.07, "power_mean": 0.0, "status_quo": 0.0, "salience_mean": 0.725},
    "half_width": 40.6,  # 80% of the ensemble's out-of-fold absolute errors are below this
    "model_half_width": {"weighted_mean": 42.4, "weighted_median": 50.0, "condorcet_median": 50.0,
                         "expected_utility": 50.0, "salience_blend": 39.8, "power_mean": 43.0, "status_quo": 54.7,
                         "salience_mean": 41.1},
    "blend": {"cap_exp": 0.25, "sal_exp": 2.0, "share": 0.5},
}
# Cross-validated MAE on the development half (backtest deu --cv, 10 folds grouped by proposal, 5 repeats).
CV_MAE = {"weighted_mean": 25.52, "weighted_median": 28.96, "condorcet_median": 28.96, "expected_utility": 28.24,
          "salience_blend": 24.75, "power_mean": 26.40, "status_quo": 30.52, "salience_mean": 24.72,
          "ensemble": 24.50}


def model_forecasts(a: Actors, rule: Rule | None = None, *, eum_run: dict | None = None) -> dict[str, float]:
    """Every model's forecast for one issue (``rule`` may be None: bargaining without a vote)."""
    run = eum_run or expected_utility_model(a, rounds=EUM_ROUNDS, scale=100.0)
    return {"weighted_mean": weighted_mean(a), "weighted_median": weighted_median(a),
            "condorcet_median": condorcet_median(a, 100.0), "expected_utility": run["forecast"],
            "salience_blend": salience_blend(a), "power_mean": power_mean(a, rule),
            "status_quo": status_quo_model(a, rule), "salience_mean": salience_mean(a)}


def combine(forecasts: dict[str, float], ensemble: dict[str, Any] | None = None) -> dict[str, float]:
    """The headline forecast and its 80% interval (clipped to the 0-100 scale)."""
    ensemble = ensemble or ENSEMBLE
    weights = ensemble["weights"]
    value = float(sum(weights[name] * forecasts[name] for name in weights))
    half = float(ensemble["half_width"])
    return {"forecast": value, "low": max(0.0, value - half), "high": min(100.0, value + half), "level": LEVEL}


def fit_weights(forecasts: np.ndarray, outcomes: np.ndarray) -> np.ndarray:
    """Non-negative weights summing to one that minimise the mean absolute error.

    The error is convex in the weights; a search that moves weight between pairs of models in
    shrinking steps reaches the minimum closely enough for seven models.
    """
    m = forecasts.shape[1]
    w = np.full(m, 1 / m)
    best = float(np.mean(np.abs(forecasts @ w - outcomes)))
    for step in (0.2, 0.1, 0.05, 0.02, 0.01):
        improved = True
        while improved:
            improved = False
            for i in range(m):
                for j in range(m):
                    if i == j or w[j] <= 1e-12:
                        continue
                    trial = w.copy()
                    moved = min(step, w[j])
                    trial[i] += moved
                    trial[j] -= moved
                    error = float(np.mean(np.abs(forecasts @ trial - outcomes)))
                    if error < best - 1e-12:
                        w, best, improved = trial, error, True
    return w


def fit_bagged(forecasts: np.ndarray, outcomes: np.ndarray, *, bags: int = 0, seed: int = 0) -> np.ndarray:
    """fit_weights averaged over bootstrap resamples; ``bags=0`` fits once on the sample itself."""
    if bags <= 0:
        return fit_weights(forecasts, outcomes)
    rng = np.random.default_rng(seed)
    fits = [fit_weights(forecasts[idx], outcomes[idx])
            for idx in (rng.integers(0, len(outcomes), len(outcomes)) for _ in range(bags))]
    return np.mean(fits, axis=0)


def grouped_folds(groups: list[str], k: int, seed: int) -> np.ndarray:
    """Fold number of every issue; all issues of one proposal share a fold."""
    unique = sorted(set(groups))
    np.random.default_rng(seed).shuffle(unique)
    fold = {g: n % k for n, g in enumerate(unique)}
    return np.array([fold[g] for g in groups])


BLEND_GRID = [(float(c), float(s)) for c in np.linspace(0, 1.5, 7) for s in np.linspace(0, 3, 7)]


class _Table:
    """Forecasts of every model on every issue, with the blend computed for every exponent pair."""

    def __init__(self, issues: list) -> None:
        self.issues = issues
        self.outcomes = np.array([i.outcome for i in issues])
        self.groups = [i.proposal for i in issues]
        self.procedures = np.array([i.procedure for i in issues])
        rows = [model_forecasts(i.actors, i.rule) for i in issues]
        self.base = np.array([[r[name] for name in MODEL_NAMES] for r in rows])
        self.blends = np.array([[0.5 * weighted_mean(i.actors) + 0.5 * power_weighted_mean(i.actors, cap_exp=c, sal_exp=s)
                                 for c, s in BLEND_GRID] for i in issues])
        self.blend_col = MODEL_NAMES.index("salience_blend")

    def matrix(self, train: np.ndarray) -> np.ndarray:
        """Model forecasts with the blend's exponents chosen on the training issues only."""
        pick = int(np.argmin(np.mean(np.abs(self.blends[train] - self.outcomes[train, None]), axis=0)))
        full = self.base.copy()
        full[:, self.blend_col] = self.blends[:, pick]
        return full


def _out_of_fold(table: _Table, subset: np.ndarray, k: int, seed: int, bags: int) -> tuple[np.ndarray, np.ndarray]:
    """Out-of-fold forecasts (every model, then the ensemble) for the issues in ``subset``."""
    idx = np.nonzero(subset)[0]
    folds = grouped_folds([table.groups[i] for i in idx], k, seed)
    models = np.empty((len(idx), len(MODEL_NAMES)))
    ensemble = np.empty(len(idx))
    for f in range(k):
        test = folds == f
        if not test.any():
            continue
        train_mask = np.zeros(len(table.outcomes), bool)
        train_mask[idx[~test]] = True
        forecasts = table.matrix(train_mask)
        w = fit_bagged(forecasts[train_mask], table.outcomes[train_mask], bags=bags, seed=seed)
        models[test] = forecasts[idx[test]]
        ensemble[test] = forecasts[idx[test]] @ w
    return models, ensemble


def cross_validate(issues: list, *, k: int = 10, repeats: int = 5, inner_k: int = 5, bags: int = 0,
                   first_seed: int = 0, progress: Callable[[str], None] | None = None) -> dict[str, Any]:
    """Grouped k-fold cross-validation, repeated with different fold assignments.

    The fold assignments are drawn with seeds ``first_seed`` to ``first_seed + repeats - 1``; the
    shipped figures use 0 to 4, other seeds check that a difference between models is not an
    accident of one set of folds.

    For every model and the ensemble: MAE, median absolute error and the coverage of an 80%
    interval whose half-width is the 80th percentile of absolute errors measured on the training
    folds only (out-of-fold within them for the ensemble, by an inner cross-validation), overall and
    per legislative procedure.
    """
    table = _Table(issues)
    y = table.outcomes
    names = (*MODEL_NAMES, "ensemble")
    errors = {n: [] for n in names}
    covered = {n: [] for n in names}
    procs = []
    for seed in range(first_seed, first_seed + repeats):
        folds = grouped_folds(table.groups, k, seed)
        for f in range(k):
            test = folds == f
            train = ~test
            forecasts = table.matrix(train)
            w = fit_bagged(forecasts[train], y[train], bags=bags, seed=seed)
            inner_models, inner_ens = _out_of_fold(table, train, inner_k, seed + 100, bags=bags)
            for n, name in enumerate(names):
                pred = forecasts[test] @ w if name == "ensemble" else forecasts[test, n]
                if name == "ensemble":
                    half = float(np.quantile(np.abs(inner_ens - y[train]), LEVEL))
                elif name == "salience_blend":
                    half = float(np.quantile(np.abs(inner_models[:, n] - y[train]), LEVEL))
                else:  # no parameters: the training folds' errors are already out of sample for the test fold
                    half = float(np.quantile(np.abs(forecasts[train, n] - y[train]), LEVEL))
                err = np.abs(pred - y[test])
                lo, hi = np.clip(pred - half, 0, 100), np.clip(pred + half, 0, 100)
                errors[name].extend(err.tolist())
                covered[name].extend(((y[test] >= lo - 1e-9) & (y[test] <= hi + 1e-9)).tolist())
            procs.extend(table.procedures[test].tolist())
        if progress:
            progress(f"repeat {seed - first_seed + 1}/{repeats}")
    procs_arr = np.array(procs)

    def summary(mask: np.ndarray) -> dict[str, dict[str, float]]:
        out = {}
        for name in names:
            e, c = np.array(errors[name])[mask], np.array(covered[name])[mask]
            out[name] = {"mae": round(float(e.mean()), 3), "median_ae": round(float(np.median(e)), 3),
                         "coverage": round(float(c.mean()), 3), "n": int(mask.sum() // repeats)}
        return out

    overall = summary(np.ones(len(procs_arr), bool))
    return {"folds": k, "repeats": repeats, "grouped_by": "proposal (prnr)", "level": LEVEL,
            "models": overall,
            "by_procedure": {p: summary(procs_arr == p) for p in sorted(set(procs))}}


def fit_ensemble(path: Path, *, bags: int = 0) -> dict[str, Any]:
    """Weights and interval width from the whole development file, plus its cross-validated figures.

    The shipped blend exponents (models.BLEND) stay as they are; the weights are fitted with them.
    """
    from .backtest import load_deu_issues

    issues = load_deu_issues(path)
    table = _Table(issues)
    y = table.outcomes
    w = fit_bagged(table.base, y, bags=bags)
    models, oof = _out_of_fold(table, np.ones(len(y), bool), 10, 0, bags)
    half = float(np.quantile(np.abs(oof - y), LEVEL))
    model_half = {n: round(float(np.quantile(np.abs(models[:, k] - y), LEVEL)), 1) for k, n in enumerate(MODEL_NAMES)}
    return {"weights": {n: round(float(v), 3) for n, v in zip(MODEL_NAMES, w)}, "half_width": round(half, 1),
            "model_half_width": model_half, "blend": dict(BLEND)}

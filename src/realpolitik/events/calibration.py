"""Measure how well the confidence model is calibrated on the real-news gold, and fit it.

Every measurement is out of fold: folds group whole documents, and the whole procedure (the logistic
fit and its Platt map) is run on the other folds only, so the figures are those unseen news gets.
``tools/fit_confidence.py`` prints them and writes the model; ``make bench`` reports them.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np

from .confidence import _sigmoid, feature_matrix, fit_logistic, fit_platt
from .extract import Extractor
from .news_evaluate import evaluate_news


def labelled(gold: Path, corpus: Path):
    """Events with labels (1 right, 0 wrong; neutral ones left out), their documents, and the
    number of expected readings (for recall)."""
    report = evaluate_news(gold, corpus, extractor=Extractor(confidence=False))
    judged = [j for j in report.judged if j.verdict in {"right", "wrong"}]
    by_doc: dict[str, list] = {}
    for j in report.judged:
        by_doc.setdefault(j.doc_id, []).append(j.event)
    x_rows, y, docs, factual = [], [], [], []
    for doc_id, events in by_doc.items():
        matrix = feature_matrix(events)
        verdicts = {id(j.event): j for j in judged if j.doc_id == doc_id}
        for row, event in zip(matrix, events):
            j = verdicts.get(id(event))
            if j is None:
                continue
            x_rows.append(row)
            y.append(1.0 if j.verdict == "right" else 0.0)
            docs.append(doc_id)
            factual.append(event.factual)
    expected = report.scores["type"].tp + report.scores["type"].fn
    return np.array(x_rows), np.array(y), np.array(docs), np.array(factual), expected


def fold_assignment(docs: np.ndarray, folds: int, seed: int) -> np.ndarray:
    """Each event's fold: documents shuffled by ``seed`` and dealt round the folds."""
    names = sorted(set(docs))
    np.random.default_rng(seed).shuffle(names)
    fold_of = {d: i % folds for i, d in enumerate(names)}
    return np.array([fold_of[d] for d in docs])


def out_of_fold_log_odds(x, y, docs, folds: int, l2: float, seed: int) -> np.ndarray:
    """The model's log-odds for every event, each from a fit on the other folds' documents."""
    assignment = fold_assignment(docs, folds, seed)
    z = np.zeros(len(y))
    for fold in range(folds):
        test = assignment == fold
        z[test] = x[test] @ fit_logistic(x[~test], y[~test], l2=l2)
    return z


def fit_calibrated(x, y, docs, folds: int, l2: float, seed: int):
    """Weights on every event given, and the Platt map fitted on their out-of-fold log-odds."""
    weights = fit_logistic(x, y, l2=l2)
    calibration = fit_platt(out_of_fold_log_odds(x, y, docs, folds, l2, seed), y)
    return weights, calibration


def out_of_fold(x, y, docs, folds: int, l2: float, seed: int = 7) -> np.ndarray:
    """Calibrated probabilities for every event from the whole procedure (fit and Platt map) run on
    the other folds' documents only, so that the calibration measured is the one unseen news gets."""
    assignment = fold_assignment(docs, folds, seed)
    predicted = np.zeros(len(y))
    for fold in range(folds):
        test = assignment == fold
        weights, (a, b) = fit_calibrated(x[~test], y[~test], docs[~test], folds, l2, seed + 1000)
        predicted[test] = _sigmoid(a + b * (x[test] @ weights))
    return predicted


def noise_floor(p: np.ndarray, draws: int = 300, seed: int = 0) -> tuple[float, float]:
    """Mean and 90th percentile of the ECE a perfectly calibrated model would show on this many events:
    outcomes drawn at the predicted probabilities. Below its mean, a measured ECE says nothing more."""
    rng = np.random.default_rng(seed)
    values = [reliability(p, (rng.random(len(p)) < p).astype(float))[1] for _ in range(draws)]
    return float(np.mean(values)), float(np.quantile(values, 0.9))


def reliability(p, y, bins: int = 10):
    rows, ece = [], 0.0
    edges = np.linspace(0, 1, bins + 1)
    for low, high in zip(edges[:-1], edges[1:]):
        inside = (p >= low) & ((p < high) if high < 1 else (p <= high))
        if inside.any():
            gap = abs(p[inside].mean() - y[inside].mean())
            ece += inside.sum() / len(p) * gap
            rows.append((low, high, int(inside.sum()), float(p[inside].mean()), float(y[inside].mean())))
    return rows, ece


def threshold_for(p, y, factual, expected: int, target: float):
    """Lowest threshold whose factual events reach ``target`` precision, with the recall it keeps."""
    facts = factual.astype(bool)
    for t in np.round(np.arange(0.0, 1.0, 0.01), 2):
        keep = facts & (p >= t)
        if keep.sum() >= 10 and y[keep].mean() >= target:
            return float(t), float(y[keep].mean()), float(y[keep].sum() / expected), int(keep.sum())
    return None


def calibration_summary(x, y, docs, *, folds: int = 5, l2: float = 10.0, shuffles: int = 10,
                        seed: int = 7) -> dict:
    """Out-of-fold probabilities of the ``seed`` shuffle with their reliability table and ECE, the ECE
    over ``shuffles`` shuffles, and the noise floor a perfectly calibrated model shows on as many events."""
    p = out_of_fold(x, y, docs, folds, l2, seed)
    table, ece = reliability(p, y)
    eces = [reliability(out_of_fold(x, y, docs, folds, l2, s), y)[1] for s in range(shuffles)]
    floor, floor90 = noise_floor(p)
    return {"p": p, "table": table, "ece": ece, "eces": eces, "ece_mean": float(np.mean(eces)),
            "floor": floor, "floor90": floor90}

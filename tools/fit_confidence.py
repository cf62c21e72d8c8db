"""Fit the event confidence model on the real-news development gold and measure its calibration.

    python tools/fit_confidence.py [--gold gold/news_dev.jsonl] [--corpus ../shared/corpus/voa/voa_stories.jsonl]
                                   [--folds 5] [--l2 5] [--shuffles 10] [--target-precision 0.80] [--write]

Calibration is measured on documents held out of each fit (folds grouped by document, the Platt map
fitted inside each fold too, the ECE averaged over fold shuffles and set beside the ECE a perfectly
calibrated model would show on as many events): a reliability table, the expected calibration
error, and the lowest threshold at which factual precision reaches the target (scored as `bench accuracy` scores it). With --write the model fitted
on every document is written to src/realpolitik/events/data/confidence.json.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from realpolitik.events.confidence import (  # noqa: E402
    _sigmoid, feature_matrix, feature_names, fit_logistic, fit_platt)
from realpolitik.events.extract import Extractor  # noqa: E402
from realpolitik.events.news_evaluate import evaluate_news  # noqa: E402

OUT = ROOT / "src" / "realpolitik" / "events" / "data" / "confidence.json"


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold", default=str(ROOT / "gold" / "news_dev.jsonl"))
    parser.add_argument("--corpus", default=str(ROOT / ".." / "shared" / "corpus" / "voa" / "voa_stories.jsonl"))
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--l2", type=float, default=5.0)
    parser.add_argument("--target-precision", type=float, default=0.80)
    parser.add_argument("--seed", type=int, default=7, help="how documents are shuffled into folds (the table's run)")
    parser.add_argument("--shuffles", type=int, default=10, help="fold shuffles the ECE is averaged over")
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    x, y, docs, factual, expected = labelled(Path(args.gold), Path(args.corpus))
    p = out_of_fold(x, y, docs, args.folds, args.l2, args.seed)
    rows, ece = reliability(p, y)
    print(f"{len(y)} labelled events ({int(y.sum())} right) in {len(set(docs))} documents; "
          f"{args.folds}-fold by document, L2 {args.l2}, Platt map fitted inside each fold")
    print("| confidence | events | mean predicted | share right |\n|---|---|---|---|")
    for low, high, n, mean_p, share in rows:
        print(f"| {low:.1f}-{high:.1f} | {n} | {mean_p:.3f} | {share:.3f} |")
    print(f"expected calibration error (out of fold, seed {args.seed}): {ece:.3f}")
    eces = [reliability(out_of_fold(x, y, docs, args.folds, args.l2, s), y)[1] for s in range(args.shuffles)]
    floor, floor90 = noise_floor(p)
    print(f"over {args.shuffles} fold shuffles: ECE mean {np.mean(eces):.3f} (min {min(eces):.3f}, max {max(eces):.3f}); "
          f"a perfectly calibrated model shows {floor:.3f} on {len(y)} events (90% below {floor90:.3f})")
    found = threshold_for(p, y, factual, expected, args.target_precision)
    if found:
        t, precision, recall, kept = found
        print(f"threshold {t:.2f}: factual precision {precision:.3f}, recall {recall:.3f} ({kept} facts kept)")
    else:
        print(f"no threshold reaches factual precision {args.target_precision}")
    from realpolitik.analysis.confidence import default_min_confidence

    default = default_min_confidence()
    keep = factual.astype(bool) & (p >= default)
    if keep.any():
        print(f"at the configured default {default:.2f}: factual precision {y[keep].mean():.3f}, "
              f"recall {y[keep].sum() / expected:.3f} ({int(keep.sum())} facts kept), out of fold")
    if args.write:
        weights, (intercept, slope) = fit_calibrated(x, y, docs, args.folds, args.l2, args.seed)
        OUT.write_text(json.dumps({
            "about": "Event confidence model fitted by tools/fit_confidence.py on gold/news_dev.jsonl",
            "events": int(len(y)), "documents": int(len(set(docs))), "l2": args.l2,
            "out_of_fold_ece": round(float(np.mean(eces)), 4),
            "calibration": {"intercept": round(intercept, 6), "slope": round(slope, 6)},
            "features": feature_names(), "weights": [round(float(w), 6) for w in weights]}, indent=1) + "\n",
            encoding="utf-8")
        print(f"model written to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()

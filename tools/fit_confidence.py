"""Fit the event confidence model on the real-news development gold and measure its calibration.

    python tools/fit_confidence.py [--gold gold/news_dev.jsonl] [--corpus ../shared/corpus/voa/voa_stories.jsonl]
                                   [--folds 5] [--l2 10] [--shuffles 10] [--target-precision 0.80] [--write]

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

from realpolitik.events.calibration import (  # noqa: E402
    calibration_summary, fit_calibrated, labelled, threshold_for)
from realpolitik.events.confidence import feature_names  # noqa: E402

OUT = ROOT / "src" / "realpolitik" / "events" / "data" / "confidence.json"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold", default=str(ROOT / "gold" / "news_dev.jsonl"))
    parser.add_argument("--corpus", default=str(ROOT / ".." / "shared" / "corpus" / "voa" / "voa_stories.jsonl"))
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--l2", type=float, default=10.0)
    parser.add_argument("--target-precision", type=float, default=0.80)
    parser.add_argument("--seed", type=int, default=7, help="how documents are shuffled into folds (the table's run)")
    parser.add_argument("--shuffles", type=int, default=10, help="fold shuffles the ECE is averaged over")
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    x, y, docs, factual, expected = labelled(Path(args.gold), Path(args.corpus))
    summary = calibration_summary(x, y, docs, folds=args.folds, l2=args.l2, shuffles=args.shuffles, seed=args.seed)
    p, eces = summary["p"], summary["eces"]
    print(f"{len(y)} labelled events ({int(y.sum())} right) in {len(set(docs))} documents; "
          f"{args.folds}-fold by document, L2 {args.l2}, Platt map fitted inside each fold")
    print("| confidence | events | mean predicted | share right |\n|---|---|---|---|")
    for low, high, n, mean_p, share in summary["table"]:
        print(f"| {low:.1f}-{high:.1f} | {n} | {mean_p:.3f} | {share:.3f} |")
    print(f"expected calibration error (out of fold, seed {args.seed}): {summary['ece']:.3f}")
    print(f"over {args.shuffles} fold shuffles: ECE mean {summary['ece_mean']:.3f} (min {min(eces):.3f}, "
          f"max {max(eces):.3f}); a perfectly calibrated model shows {summary['floor']:.3f} on {len(y)} events "
          f"(90% below {summary['floor90']:.3f})")
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

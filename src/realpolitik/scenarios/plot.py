"""Plot round-by-round positions of a scenario run to PNG, with the headline forecast and red-line odds."""
from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any


def caption(result: dict[str, Any]) -> str:
    """The figure's caption: each issue's headline forecast and each red line with its odds."""
    lines = []
    for issue in result["issues"]:
        head = issue["headline"]
        lines.append(f"{issue['name']}: forecast {head['forecast']:.1f} ({head['level']:.0%} interval "
                     f"{head['low']:.1f}-{head['high']:.1f}); expected utility model {issue['expected_utility_status']}")
    for line in result["red_lines"]:
        then = line["then"]
        odds = f"P(crossed) = {line['probability']:.0%}" if line["samples"] else "odds not estimated"
        text = f"Red line: if {line['if_issue']} {line['threshold']}, {then['actor']} moves to {then['position']} on {then['issue']}: {odds}"
        for trig in line["triggers"]:
            text += (f"; then if {trig['if_issue']} {trig['threshold']}, {trig['then']['actor']} moves to "
                     f"{trig['then']['position']} on {trig['then']['issue']}: {trig['probability']:.0%}")
        lines.append(text)
    return "\n".join(textwrap.fill(t, 120) for t in lines)


def plot_rounds(result: dict[str, Any], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    issues = result["issues"]
    text = caption(result)
    extra = 0.16 * (text.count("\n") + 1)
    fig, axes = plt.subplots(len(issues), 1, figsize=(8, 3 * len(issues) + extra), squeeze=False)
    for ax, issue in zip(axes[:, 0], issues):
        run = issue["rounds"]
        positions = run["positions"]
        xs = range(1, len(positions) + 1)
        for k, code in enumerate(issue["actors"]):
            ax.plot(xs, [p[k] for p in positions], marker="o", label=code)
        ax.plot(xs, run["median"], "k--", label="median")
        head = issue["headline"]
        ax.axhspan(head["low"], head["high"], color="grey", alpha=0.12, label=f"{head['level']:.0%} interval")
        ax.axhline(head["forecast"], color="k", lw=2, label="forecast")
        if run["status"] != "converged":
            lo, hi = run["range"]
            ax.axhspan(lo, hi, xmin=0.85, color="red", alpha=0.2, label=f"EU model {run['status']}")
        ax.set_title(f"{issue['name']} (expected utility model: {run['status']})", fontsize=9)
        ax.set_xlabel("round")
        ax.xaxis.get_major_locator().set_params(integer=True)
        ax.set_ylim(-5, 105)
        ax.legend(fontsize=6, ncol=5)
    fig.text(0.01, 0.005, text, fontsize=7, va="bottom", ha="left")
    fig.tight_layout(rect=(0, extra / (3 * len(issues) + extra), 1, 1))
    fig.savefig(path)
    plt.close(fig)

"""Plot round-by-round positions of a scenario run to PNG."""
from __future__ import annotations

from pathlib import Path
from typing import Any


def plot_rounds(result: dict[str, Any], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    issues = result["issues"]
    fig, axes = plt.subplots(len(issues), 1, figsize=(7, 3 * len(issues)), squeeze=False)
    for ax, issue in zip(axes[:, 0], issues):
        positions = issue["rounds"]["positions"]
        for k, code in enumerate(issue["actors"]):
            ax.plot(range(1, len(positions) + 1), [p[k] for p in positions], marker="o", label=code)
        ax.plot(range(1, len(positions) + 1), issue["rounds"]["median"], "k--", label="median")
        ax.set_title(issue["name"])
        ax.set_xlabel("round")
        ax.set_ylim(-5, 105)
        ax.legend(fontsize=7, ncol=4)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)

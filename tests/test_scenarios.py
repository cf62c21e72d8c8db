from __future__ import annotations

import json

import numpy as np
from typer.testing import CliRunner

from realpolitik.cli import app
from realpolitik.scenarios import Actors, condorcet_median, expected_utility_model, weighted_mean, weighted_median

runner = CliRunner()


def test_compromise_models():
    a = Actors.of([1, 1, 2], [0, 50, 100], [1, 1, 1])
    assert weighted_mean(a) == 62.5
    assert weighted_median(a) == 50 or weighted_median(a) == 100
    assert condorcet_median(Actors.of([1, 1, 1], [0, 40, 100], [1, 1, 1])) == 40


def test_expected_utility_moves_towards_agreement():
    a = Actors.of([0.3, 0.3, 0.4], [0, 60, 100], [0.9, 0.5, 0.8])
    run = expected_utility_model(a, rounds=5)
    assert 1 <= len(run["median"]) <= 5 and len(run["positions"][0]) == 3
    spread = [np.ptp(p) for p in run["positions"]]
    assert spread[-1] <= spread[0]


def test_backtest_json(tmp_path):
    header = ["prnr", "pcom", "pep", "pde", "pfr", "scom", "sep", "sde", "sfr", "rp", "out"]
    rows = ["\t".join(header), "\t".join(["", "4", "4", "3", "2.8", "", "", "", "", "", ""]),
            "\t".join(["a", "100", "80", "0", "50", "90", "50", "70", "60", "", "60"]),
            "\t".join(["b", "0", "999", "100", "100", "50", "", "90", "40", "", "70"])]
    path = tmp_path / "d.tsv"
    path.write_text("\n".join(rows) + "\n")
    result = runner.invoke(app, ["backtest", "deu", str(path), "--json"])
    assert result.exit_code == 0, result.output
    models = json.loads(result.stdout)["models"]
    assert models["weighted_mean"]["n"] == 2 and "expected_utility" in models and "salience_blend" in models


def test_scenario_run_red_line_chain(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text("""
issues:
  - id: a
    name: A
    actors:
      - {code: X, capability: 10, position: 90, salience: 90}
      - {code: Y, capability: 1, position: 10, salience: 20}
  - id: b
    name: B
    actors:
      - {code: Y, capability: 5, position: 10, salience: 80}
      - {code: Z, capability: 5, position: {value: 30, range: [20, 40]}, salience: 50}
red_lines:
  - {if_issue: a, above: 60, then: {issue: b, actor: Y, position: 90}}
""")
    result = runner.invoke(app, ["scenario", "run", str(path), "--json", "--samples", "50"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    line = data["red_lines"][0]
    assert line["crossed"] and "Y moves to 90" in data["chain"][0]
    assert line["samples"] == 50 and 0.5 < line["probability"] <= 1
    b = next(i for i in data["issues"] if i["id"] == "b")
    assert b["forecasts"]["weighted_mean"] > 50 and b["monte_carlo"]["samples"] == 50
    assert b["headline"]["low"] <= b["headline"]["forecast"] <= b["headline"]["high"]


# Bueno de Mesquita (1994) emission-standards case as tabulated by Scholz et al. (2011): facts only.
EMISSION = {  # actor: (capability, position in years, salience)
    "NLD": (0.08, 4, 0.8), "BEL": (0.08, 7, 0.4), "LUX": (0.03, 4, 0.2), "DEU": (0.16, 4, 0.8),
    "FRA": (0.16, 10, 0.6), "ITA": (0.16, 10, 0.6), "GBR": (0.16, 10, 0.9), "IRL": (0.05, 7, 0.1),
    "DNK": (0.05, 4, 1.0), "GRC": (0.08, 7, 0.7),
}
PUBLISHED_MEDIAN = [8.4, 9.9, 9.9, 9.9, 9.9, 7.4, 8.8, 9.6]
PUBLISHED_MEAN = [7.4, 7.5, 7.6, 7.3, 7.3, 7.4, 7.5, 7.6]


def test_expected_utility_reproduces_scholz_table_2():
    c, x, s = zip(*EMISSION.values())
    run = expected_utility_model(Actors.of(c, x, s), rounds=8, q=1.0)
    for got, want in zip(run["median"], PUBLISHED_MEDIAN):
        assert abs(got - want) <= 0.5, (run["median"], PUBLISHED_MEDIAN)
    for got, want in zip(run["mean"], PUBLISHED_MEAN):
        assert abs(got - want) <= 0.5, (run["mean"], PUBLISHED_MEAN)


def test_example_scenario_table_plot_and_draft(tmp_path):
    from pathlib import Path

    example = Path(__file__).resolve().parents[1] / "examples" / "scenarios" / "russia-dprk-military-technology.yaml"
    png = tmp_path / "rounds.png"
    result = runner.invoke(app, ["scenario", "run", str(example), "--plot", str(png)])
    assert result.exit_code == 0, result.output
    assert "round by round" in result.output and png.read_bytes()[:4] == b"\x89PNG"

    db = tmp_path / "s.duckdb"
    article = tmp_path / "a.txt"
    article.write_text("Russia sent artillery shells to North Korea. China criticized South Korea.")
    assert runner.invoke(app, ["ingest", str(article), "--db", str(db), "--date", "2024-06-01"]).exit_code == 0
    import yaml

    drafts = []
    for actors in (["--actors", "RUS", "--actors", "PRK", "--actors", "CHN"], ["--actors", "RUS", "PRK", "CHN"],
                   ["--actors", "RUS,PRK,CHN"]):  # repeated, as the README writes it, and a comma list
        result = runner.invoke(app, ["scenario", "draft", *actors, "--issue", "arms for Pyongyang", "--db", str(db)])
        assert result.exit_code == 0, result.output
        drafts.append(result.stdout)
    assert drafts[0] == drafts[1] == drafts[2]
    draft = yaml.safe_load(drafts[0])
    actors = {a["code"]: a for a in draft["issues"][0]["actors"]}
    assert list(actors) == ["RUS", "PRK", "CHN"]
    assert actors["RUS"]["evidence"] and "SIPRI" in actors["RUS"]["capability"]["source"]
    assert actors["PRK"]["position"]["source"].startswith("TO SET")

    path = tmp_path / "draft.yaml"
    path.write_text(drafts[0])
    result = runner.invoke(app, ["scenario", "run", str(path), "--samples", "0"])
    assert result.exit_code == 1
    message = result.stderr.strip()
    assert "\n" not in message and "TO SET" in message and "PRK" in message and "issues[issue].low" in message
    result = runner.invoke(app, ["scenario", "run", str(path), "--samples", "0", "--allow-placeholders"])
    assert result.exit_code == 0, result.output


def test_bad_scenario_file(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("issues: [ {id: a, actors: [ {code: X} ] }")
    result = runner.invoke(app, ["scenario", "run", str(path)])
    assert result.exit_code == 1 and "bad.yaml" in result.stderr

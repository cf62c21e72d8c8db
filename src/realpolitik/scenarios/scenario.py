"""Scenario files (YAML): issues, actors with sourced values and ranges, and linked red lines."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import yaml

from ..errors import InputError, ScenarioError
from .models import Actors, condorcet_median, expected_utility_model, salience_blend, weighted_mean, weighted_median


def load_scenario(path: Path) -> dict[str, Any]:
    if not path.exists():
        raise InputError(str(path), "no such scenario file")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise InputError(str(path), f"malformed YAML ({exc.__class__.__name__})") from None
    if not isinstance(data, dict) or not data.get("issues"):
        raise ScenarioError(f"{path}: a scenario needs an 'issues' list")
    for issue in data["issues"]:
        for actor in issue.get("actors", []):
            for key in ("capability", "position", "salience"):
                if key not in actor:
                    raise ScenarioError(f"{path}: actor {actor.get('code', '?')} on issue {issue.get('id')} lacks {key}")
    return data


def _value(field: Any) -> float:
    return float(field["value"]) if isinstance(field, dict) else float(field)


def _range(field: Any) -> tuple[float, float] | None:
    if isinstance(field, dict) and field.get("range"):
        lo, hi = field["range"]
        return float(lo), float(hi)
    return None


def _actors(issue: dict[str, Any], overrides: dict[str, float] | None = None) -> Actors:
    cap, pos, sal = [], [], []
    for actor in issue["actors"]:
        cap.append(_value(actor["capability"]))
        pos.append(overrides.get(actor["code"], _value(actor["position"])) if overrides else _value(actor["position"]))
        sal.append(_value(actor["salience"]) / (100 if _value(actor["salience"]) > 1 else 1))
    return Actors.of(cap, pos, sal)


def forecast_all(a: Actors) -> dict[str, float]:
    eum = expected_utility_model(a, rounds=6, scale=100.0)
    return {"weighted_mean": weighted_mean(a), "weighted_median": weighted_median(a),
            "condorcet_median": condorcet_median(a, 100.0), "expected_utility": eum["forecast"],
            "salience_blend": salience_blend(a)}


def run_scenario(data: dict[str, Any], *, samples: int = 0, seed: int = 7) -> dict[str, Any]:
    overrides: dict[str, dict[str, float]] = {}
    results, chain = {}, []
    issues = {i["id"]: i for i in data["issues"]}
    pending = list(issues)
    for _ in range(len(issues) * 3):  # red lines may re-run a linked issue
        if not pending:
            break
        issue_id = pending.pop(0)
        issue = issues[issue_id]
        actors = _actors(issue, overrides.get(issue_id))
        forecasts = forecast_all(actors)
        rounds = expected_utility_model(actors, rounds=6, scale=100.0)
        results[issue_id] = {"id": issue_id, "name": issue.get("name", issue_id), "low": issue.get("low", "0"),
                             "high": issue.get("high", "100"), "forecasts": forecasts, "rounds": rounds,
                             "actors": [a["code"] for a in issue["actors"]]}
        for rule in data.get("red_lines", []):
            if rule["if_issue"] != issue_id or forecasts["salience_blend"] <= float(rule["above"]):
                continue
            then = rule["then"]
            current = overrides.setdefault(then["issue"], {})
            if current.get(then["actor"]) != float(then["position"]):
                current[then["actor"]] = float(then["position"])
                chain.append(f"{issue_id} forecast {forecasts['salience_blend']:.1f} passes {rule['above']}: "
                             f"{then['actor']} moves to {then['position']} on {then['issue']}")
                if then["issue"] not in pending:
                    pending.append(then["issue"])
    if samples:
        for issue_id, result in results.items():
            result["monte_carlo"] = monte_carlo(issues[issue_id], samples=samples, seed=seed,
                                                overrides=overrides.get(issue_id))
    return {"issues": list(results.values()), "red_lines": chain}


def monte_carlo(issue: dict[str, Any], *, samples: int, seed: int, overrides: dict[str, float] | None = None) -> dict[str, Any]:
    """Draw every ranged input uniformly; report the outcome distribution and what moves it most."""
    rng = np.random.default_rng(seed)
    base = _actors(issue, overrides)
    ranged = [(k, field, key) for k, a in enumerate(issue["actors"]) for key, field in
              (("capability", a["capability"]), ("position", a["position"]), ("salience", a["salience"])) if _range(field)]
    draws = np.empty((samples, len(ranged)))
    outcomes = np.empty(samples)
    eum_outcomes = np.empty(samples)
    for n in range(samples):
        cap, pos, sal = base.capability.copy(), base.position.copy(), base.salience.copy()
        for m, (k, field, key) in enumerate(ranged):
            lo, hi = _range(field)
            value = rng.uniform(lo, hi)
            draws[n, m] = value
            target = {"capability": cap, "position": pos, "salience": sal}[key]
            target[k] = value / 100 if key == "salience" and hi > 1 else value
        sampled = Actors(cap, pos, sal)
        outcomes[n] = salience_blend(sampled)
        eum_outcomes[n] = expected_utility_model(sampled, rounds=6, scale=100.0)["forecast"]
    sensitivity = []
    for m, (k, _, key) in enumerate(ranged):
        if np.std(draws[:, m]) > 0 and np.std(outcomes) > 0:
            sensitivity.append((abs(float(np.corrcoef(draws[:, m], outcomes)[0, 1])), f"{issue['actors'][k]['code']}.{key}"))
    sensitivity.sort(reverse=True)
    return {"samples": samples, "model": "salience_blend", "mean": float(outcomes.mean()),
            "p5": float(np.percentile(outcomes, 5)), "p95": float(np.percentile(outcomes, 95)),
            "sensitivity": [name for _, name in sensitivity],
            "expected_utility": {"mean": float(eum_outcomes.mean()), "p5": float(np.percentile(eum_outcomes, 5)),
                                 "p95": float(np.percentile(eum_outcomes, 95))}}


# Military expenditure, SIPRI 2023, billions of US dollars (a documented public capability measure).
CAPABILITY_2023 = {"USA": 916, "CHN": 296, "RUS": 109, "IND": 83.6, "SAU": 75.8, "GBR": 74.9, "DEU": 66.8,
                   "UKR": 64.8, "FRA": 61.3, "JPN": 50.2, "KOR": 47.9, "ISR": 27.5, "POL": 31.6, "ITA": 35.5,
                   "AUS": 32.3, "CAN": 27.2, "TUR": 15.8, "IRN": 10.3, "PRK": 4.0, "BRA": 22.9, "PAK": 8.5}


def draft_scenario(store, *, actors: list[str], issue: str) -> str:
    evidence: dict[str, list[dict[str, Any]]] = {}
    for a in actors:
        for b in actors:
            if a != b:
                for e in store.events(dyad=(a, b), limit=5):
                    evidence.setdefault(a, []).append({"event": e["event_id"], "sentence": e["sentence_text"],
                                                       "type": e["plover"], "target": b})
    draft = {"title": issue, "issues": [{"id": "issue", "name": issue, "low": "TO SET: what 0 means",
                                         "high": "TO SET: what 100 means", "actors": []}], "red_lines": []}
    for code in actors:
        cap = CAPABILITY_2023.get(code[:3])
        draft["issues"][0]["actors"].append({
            "code": code,
            "capability": {"value": cap if cap is not None else 1.0,
                           "source": "SIPRI military expenditure 2023, US$ bn" if cap else "no figure: set by analyst"},
            "position": {"value": 50, "source": "TO SET by analyst"},
            "salience": {"value": 50, "source": "TO SET by analyst"},
            "evidence": evidence.get(code, [])})
    return yaml.safe_dump(draft, sort_keys=False, allow_unicode=True)

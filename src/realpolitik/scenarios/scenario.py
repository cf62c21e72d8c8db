"""Scenario files (YAML): issues, actors with sourced values and ranges, decision rules, and linked red lines.

An issue may state how it is decided (``decision_rule``: ``none``, ``majority``, ``unanimity``,
``qmv`` or ``{rule: qmv, quota: 0.65}``) and where things stay if no one agrees (``status_quo``);
both may also be set once for the whole file. Actors may carry ``votes`` (one each by default).
A red line (``if_issue``, ``above`` or ``below``, ``then: {issue, actor, position}``) moves an
actor on a linked issue when the headline forecast crosses it; its odds are the share of Monte
Carlo samples, drawn over every ranged input, in which it is crossed.
"""
from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from ..errors import ScenarioError
from ..sources.yamlfile import read_yaml
from .ensemble import CV_MAE, ENSEMBLE, EUM_ROUNDS, combine, model_forecasts
from .institutions import Rule
from .models import Actors, describe_run, expected_utility_model

PLACEHOLDER = "TO SET"
RULE_KINDS = ("none", "majority", "unanimity", "qmv")
DEFAULT_SAMPLES = 200


def placeholders(data: Any, path: str = "") -> list[str]:
    """Where a draft still holds a value for the analyst to set (a text containing "TO SET")."""
    found: list[str] = []
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "evidence":
                continue
            here = f"{path}.{key}" if path else str(key)
            if isinstance(value, dict) and PLACEHOLDER in str(value.get("source", "")):
                found.append(here)
            elif isinstance(value, str) and PLACEHOLDER in value:
                found.append(here)
            else:
                found.extend(placeholders(value, here))
    elif isinstance(data, list):
        for n, item in enumerate(data):
            label = (item.get("code") or item.get("id")) if isinstance(item, dict) else None
            found.extend(placeholders(item, f"{path}[{label if label is not None else n}]"))
    return found


def _number(value: Any, where: str, low: float | None = None, high: float | None = None) -> float:
    """A finite number (not a boolean) within [low, high]; a ScenarioError naming ``where`` otherwise."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ScenarioError(f"{where} must be a number, not {str(value)[:40]!r}")
    if (low is not None and value < low) or (high is not None and value > high):
        bounds = f"from {low:g} to {high:g}" if high is not None else f"at least {low:g}"
        raise ScenarioError(f"{where} must be {bounds}, not {value:g}")
    return float(value)


def _field(actor: dict[str, Any], key: str, where: str, low: float, high: float | None) -> None:
    """An actor's capability, position or salience: a number or {value, range: [low, high], source}."""
    field = actor[key]
    here = f"{where} {key}"
    if isinstance(field, dict):
        if "value" not in field:
            raise ScenarioError(f"{here} needs a 'value'")
        _number(field["value"], here, low, high)
        if field.get("range") is not None:
            bounds = field["range"]
            if not isinstance(bounds, list) or len(bounds) != 2:
                raise ScenarioError(f"{here} range must be two numbers [low, high]")
            lo, hi = (_number(b, f"{here} range", low, high) for b in bounds)
            if lo > hi:
                raise ScenarioError(f"{here} range [{lo:g}, {hi:g}] runs backwards; write [low, high]")
    else:
        _number(field, here, low, high)


def _check_structure(data: Any, path: Any) -> None:
    """Every field the models read has the right type and range, so a bad file fails here with one
    line naming the issue, actor and field, never deep in the models."""
    if not isinstance(data, dict) or not isinstance(data.get("issues"), list) or not data["issues"]:
        raise ScenarioError(f"{path}: a scenario needs an 'issues' list")
    ids: set[Any] = set()
    for number, issue in enumerate(data["issues"], start=1):
        if not isinstance(issue, dict) or "id" not in issue:
            raise ScenarioError(f"{path}: every issue needs an 'id' (issue {number} has none)")
        ident = issue["id"]
        if isinstance(ident, bool) or not isinstance(ident, (str, int)) or str(ident).strip() == "":
            raise ScenarioError(f"{path}: issue {number}: 'id' must be a name or a number")
        if ident in ids:
            raise ScenarioError(f"{path}: issue id {ident!r} is used twice")
        ids.add(ident)
        actors = issue.get("actors", [])
        if not isinstance(actors, list):
            raise ScenarioError(f"{path}: issue {ident}: 'actors' must be a list")
        codes: set[str] = set()
        for n, actor in enumerate(actors, start=1):
            if not isinstance(actor, dict):
                raise ScenarioError(f"{path}: issue {ident}: actor {n} must be a mapping with code, capability, "
                                    "position and salience")
            code = actor.get("code")
            if not isinstance(code, str) or not code.strip():
                raise ScenarioError(f"{path}: issue {ident}: actor {n} needs a 'code' (text such as RUS)")
            if code in codes:
                raise ScenarioError(f"{path}: issue {ident}: actor {code} is listed twice")
            codes.add(code)
            where = f"{path}: actor {code} on issue {ident}"
            for key in ("capability", "position", "salience"):
                if key not in actor:
                    raise ScenarioError(f"{where} lacks {key}")
            _field(actor, "capability", where, 0, None)
            _field(actor, "position", where, 0, 100)
            _field(actor, "salience", where, 0, 100)
            if "votes" in actor:
                _number(actor["votes"], f"{where} votes", 0, None)
        if len(actors) < 2:
            raise ScenarioError(f"{path}: issue {ident} needs at least two actors")
        if not any(_value(a["capability"]) > 0 for a in actors):
            raise ScenarioError(f"{path}: issue {ident}: at least one actor needs a capability above 0")
        for scope, holder in ((f"issue {ident}", issue), ("the scenario", data)):
            if holder.get("status_quo") is not None:
                sq = holder["status_quo"]
                _number(sq.get("value") if isinstance(sq, dict) else sq, f"{path}: {scope} status_quo", 0, 100)
            rule = holder.get("decision_rule")
            if isinstance(rule, dict) and "quota" in rule:
                _number(rule["quota"], f"{path}: {scope} decision_rule quota", 0, 1)
    lines = data.get("red_lines")
    if lines is not None and not isinstance(lines, list):
        raise ScenarioError(f"{path}: 'red_lines' must be a list")
    for n, rule in enumerate(lines or [], start=1):
        where = f"{path}: red line {n}"
        if not isinstance(rule, dict) or not isinstance(rule.get("then"), dict):
            raise ScenarioError(f"{where} needs if_issue, 'above' or 'below', and then: {{issue, actor, position}}")
        for key in ("above", "below"):
            if key in rule:
                _number(rule[key], f"{where} {key}", 0, 100)
        then = rule["then"]
        for key, value in (("if_issue", rule.get("if_issue")), ("then.issue", then.get("issue"))):
            if isinstance(value, bool) or not isinstance(value, (str, int)):
                raise ScenarioError(f"{where}: {key} must name an issue by its id, not {value!r}")
        if not isinstance(then.get("actor"), str):
            raise ScenarioError(f"{where}: then.actor must be an actor code such as RUS, not {then.get('actor')!r}")
        if "position" not in then:
            raise ScenarioError(f"{where}: 'then' needs a position")
        _number(then["position"], f"{where} then.position", 0, 100)
        target = next((i for i in data["issues"] if i["id"] == then.get("issue")), None)
        if target is not None and then.get("actor") not in {a["code"] for a in target.get("actors", [])}:
            raise ScenarioError(f"{where}: then.actor {then.get('actor')!r} is not an actor on issue {then['issue']}")


def load_scenario(path: Path, *, allow_placeholders: bool = False) -> dict[str, Any]:
    data = read_yaml(path, what="scenario")
    _check_structure(data, path)
    ids = set()
    for issue in data["issues"]:
        ids.add(issue["id"])  # fields and actors were checked by _check_structure
        _rule_spec(issue, data, path)
    for rule in data.get("red_lines") or []:
        then = rule.get("then") or {}
        if rule.get("if_issue") not in ids or then.get("issue") not in ids or ("above" not in rule and "below" not in rule):
            raise ScenarioError(f"{path}: a red line needs if_issue and then.issue naming issues, and 'above' or 'below'")
    if not allow_placeholders:
        left = placeholders({k: v for k, v in data.items() if k != "red_lines"}) + \
            placeholders(data.get("red_lines") or [], "red_lines")
        if left:
            shown = ", ".join(left[:8]) + (f" and {len(left) - 8} more" if len(left) > 8 else "")
            raise ScenarioError(f"{path}: values still to set ({PLACEHOLDER}): {shown}; fill them in or pass "
                                "--allow-placeholders")
    return data


def _value(field: Any) -> float:
    return float(field["value"]) if isinstance(field, dict) else float(field)


def _range(field: Any) -> tuple[float, float] | None:
    if isinstance(field, dict) and field.get("range"):
        lo, hi = field["range"]
        return float(lo), float(hi)
    return None


def _salience(value: float) -> float:
    return value / 100 if value > 1 else value


def _rule_spec(issue: dict[str, Any], data: dict[str, Any], path: Any = "scenario") -> tuple[str, float, float | None]:
    spec = issue.get("decision_rule", data.get("decision_rule", "none"))
    quota = 0.5
    if isinstance(spec, dict):
        quota = float(spec.get("quota", 0.5))
        spec = spec.get("rule", "none")
    kind = str(spec).lower()
    if kind not in RULE_KINDS:
        raise ScenarioError(f"{path}: issue {issue.get('id')}: decision_rule must be one of {', '.join(RULE_KINDS)}")
    if kind == "qmv" and not 0 < quota <= 1:
        raise ScenarioError(f"{path}: issue {issue.get('id')}: quota must lie in (0, 1]")
    sq = issue.get("status_quo", data.get("status_quo"))
    return kind, quota, None if sq is None else _value(sq)


def issue_rule(issue: dict[str, Any], data: dict[str, Any]) -> Rule | None:
    kind, quota, sq = _rule_spec(issue, data)
    if kind == "none" and sq is None:
        return None
    votes = np.array([float(a.get("votes", 1)) for a in issue["actors"]])
    return Rule(kind=kind, quota=quota, votes=None if kind == "none" else votes, status_quo=sq)


def describe_rule(issue: dict[str, Any], data: dict[str, Any]) -> str:
    kind, quota, sq = _rule_spec(issue, data)
    text = {"none": "bargaining (no vote)", "majority": "simple majority", "unanimity": "unanimity",
            "qmv": f"qualified majority ({quota:.0%} of votes)"}[kind]
    return text + (f"; status quo {sq:g}" if sq is not None else "")


def _actors(issue: dict[str, Any], overrides: dict[str, float] | None = None) -> Actors:
    cap, pos, sal = [], [], []
    for actor in issue["actors"]:
        cap.append(_value(actor["capability"]))
        pos.append(overrides.get(actor["code"], _value(actor["position"])) if overrides else _value(actor["position"]))
        sal.append(_salience(_value(actor["salience"])))
    return Actors.of(cap, pos, sal)


def forecast_issue(a: Actors, rule: Rule | None) -> dict[str, Any]:
    """Every model, the expected utility run and the headline forecast for one issue."""
    run = expected_utility_model(a, rounds=EUM_ROUNDS, scale=100.0)
    forecasts = model_forecasts(a, rule, eum_run=run)
    return {"forecasts": forecasts, "rounds": run, "headline": combine(forecasts)}


def forecast_all(a: Actors, rule: Rule | None = None) -> dict[str, float]:
    return forecast_issue(a, rule)["forecasts"]


def _crossed(rule: dict[str, Any], value: float) -> bool:
    if "above" in rule:
        return value > float(rule["above"])
    return value < float(rule["below"])


def _threshold_text(rule: dict[str, Any]) -> str:
    return f"above {rule['above']}" if "above" in rule else f"below {rule['below']}"


def _propagate(data: dict[str, Any], evaluate) -> tuple[dict[str, Any], list[int], dict[str, dict[str, float]]]:
    """Evaluate issues in file order, re-running an issue when a red line moves one of its actors.

    ``evaluate(issue_id, overrides)`` returns the issue's result with a ``headline``. Returns the
    results, the indices of the red lines crossed (in the order they fired) and the overrides.
    """
    issues = {i["id"]: i for i in data["issues"]}
    rules = data.get("red_lines") or []
    overrides: dict[str, dict[str, float]] = {}
    results: dict[str, Any] = {}
    fired: list[int] = []
    pending = list(issues)
    for _ in range(len(issues) * 3):
        if not pending:
            break
        issue_id = pending.pop(0)
        results[issue_id] = evaluate(issue_id, overrides.get(issue_id))
        value = results[issue_id]["headline"]["forecast"]
        for n, rule in enumerate(rules):
            if rule["if_issue"] != issue_id or not _crossed(rule, value):
                continue
            then = rule["then"]
            current = overrides.setdefault(then["issue"], {})
            if current.get(then["actor"]) != float(then["position"]):
                current[then["actor"]] = float(then["position"])
                if n not in fired:
                    fired.append(n)
                if then["issue"] not in pending:
                    pending.append(then["issue"])
    return results, fired, overrides


def _draw(issue: dict[str, Any], rng: np.random.Generator) -> dict[str, Any]:
    """A copy of the issue with every ranged input drawn uniformly within its range."""
    actors = []
    for actor in issue["actors"]:
        drawn = dict(actor)
        for key in ("capability", "position", "salience"):
            span = _range(actor[key])
            if span:
                drawn[key] = float(rng.uniform(*span))
        actors.append(drawn)
    return {**issue, "actors": actors}


def run_scenario(data: dict[str, Any], *, samples: int = DEFAULT_SAMPLES, seed: int = 7) -> dict[str, Any]:
    issues = {i["id"]: i for i in data["issues"]}
    rules = data.get("red_lines") or []

    def evaluate(issue_id: str, overrides: dict[str, float] | None) -> dict[str, Any]:
        issue = issues[issue_id]
        result = forecast_issue(_actors(issue, overrides), issue_rule(issue, data))
        run = result["rounds"]
        return {"id": issue_id, "name": issue.get("name", issue_id), "low": issue.get("low", "0"),
                "high": issue.get("high", "100"), "rule": describe_rule(issue, data), **result,
                "expected_utility_status": run["status"], "expected_utility_note": describe_run(run),
                "models": [{"name": name, "forecast": value, "weight": ENSEMBLE["weights"][name],
                            "backtest_mae": CV_MAE.get(name)} for name, value in result["forecasts"].items()],
                "actors": [a["code"] for a in issue["actors"]]}

    results, fired, _ = _propagate(data, evaluate)
    red_lines = []
    for n, rule in enumerate(rules):
        then = rule["then"]
        value = results[rule["if_issue"]]["headline"]["forecast"]
        red_lines.append({"if_issue": rule["if_issue"], "threshold": _threshold_text(rule), "then": then,
                          "source": rule.get("source"), "crossed": n in fired,
                          "text": f"{rule['if_issue']} forecast {value:.1f} {'crosses' if n in fired else 'stays within'} "
                                  f"{_threshold_text(rule)}: {then['actor']} "
                                  f"{'moves' if n in fired else 'would move'} to {then['position']} on {then['issue']}",
                          "probability": None, "samples": 0, "triggers": []})
    if samples:
        odds = red_line_odds(data, samples=samples, seed=seed)
        for line, rule_odds in zip(red_lines, odds["red_lines"]):
            line.update(rule_odds)
        for issue_id, dist in odds["issues"].items():
            if issue_id in results:
                results[issue_id]["monte_carlo"] = dist
    return {"issues": list(results.values()), "red_lines": red_lines,
            "chain": [red_lines[n]["text"] for n in fired], "samples": samples,
            "ensemble": {"weights": ENSEMBLE["weights"], "level": 0.8,
                         "basis": "weights and interval from cross-validation on the DEU III development half"}}


def red_line_odds(data: dict[str, Any], *, samples: int, seed: int = 7) -> dict[str, Any]:
    """Monte Carlo over every ranged input of every issue, red lines propagated within each sample.

    For each red line: the share of samples in which it is crossed and, for the red lines it can
    set off (those on the issue it moves), the share in which both are crossed and the chance of
    the next one given this one.
    """
    rng = np.random.default_rng(seed)
    issues = {i["id"]: i for i in data["issues"]}
    rules = data.get("red_lines") or []
    crossed = np.zeros((samples, len(rules)), bool)
    outcomes: dict[str, list[float]] = {i: [] for i in issues}
    for s in range(samples):
        drawn = {i: _draw(issue, rng) for i, issue in issues.items()}

        def evaluate(issue_id: str, overrides: dict[str, float] | None) -> dict[str, Any]:
            issue = drawn[issue_id]
            return forecast_issue(_actors(issue, overrides), issue_rule(issue, data))

        results, fired, _ = _propagate(data, evaluate)
        crossed[s, fired] = True
        for issue_id, result in results.items():
            outcomes[issue_id].append(result["headline"]["forecast"])
    lines = []
    for n, rule in enumerate(rules):
        p = float(crossed[:, n].mean()) if samples else 0.0
        triggers = []
        for m, other in enumerate(rules):
            if m != n and other["if_issue"] == rule["then"]["issue"]:
                both = float((crossed[:, n] & crossed[:, m]).mean())
                triggers.append({"red_line": m, "if_issue": other["if_issue"], "threshold": _threshold_text(other),
                                 "then": other["then"], "probability": both,
                                 "given_this": both / p if p > 0 else None})
        lines.append({"probability": p, "samples": samples, "triggers": triggers})
    dists = {}
    for issue_id, values in outcomes.items():
        v = np.array(values)
        dists[issue_id] = {"samples": samples, "model": "ensemble", "mean": float(v.mean()),
                           "p5": float(np.percentile(v, 5)), "p95": float(np.percentile(v, 95))}
    return {"red_lines": lines, "issues": dists}


def monte_carlo(issue: dict[str, Any], *, samples: int, seed: int, overrides: dict[str, float] | None = None,
                rule: Rule | None = None) -> dict[str, Any]:
    """Draw every ranged input of one issue uniformly; the headline forecast's spread and what moves it most."""
    rng = np.random.default_rng(seed)
    ranged = [(k, key) for k, a in enumerate(issue["actors"]) for key in ("capability", "position", "salience")
              if _range(a[key])]
    draws = np.empty((samples, len(ranged)))
    outcomes = np.empty(samples)
    eum_outcomes = np.empty(samples)
    for n in range(samples):
        drawn = _draw(issue, rng)
        for m, (k, key) in enumerate(ranged):
            draws[n, m] = drawn["actors"][k][key]
        result = forecast_issue(_actors(drawn, overrides), rule)
        outcomes[n] = result["headline"]["forecast"]
        eum_outcomes[n] = result["forecasts"]["expected_utility"]
    sensitivity = []
    for m, (k, key) in enumerate(ranged):
        if np.std(draws[:, m]) > 0 and np.std(outcomes) > 0:
            sensitivity.append((abs(float(np.corrcoef(draws[:, m], outcomes)[0, 1])), f"{issue['actors'][k]['code']}.{key}"))
    sensitivity.sort(reverse=True)
    return {"samples": samples, "model": "ensemble", "mean": float(outcomes.mean()),
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

"""Firing alerts: record them in the store (once per deduplicated event), print them, append them to a
JSONL log and POST them to webhooks. Also: red lines of a scenario turned into alert rules."""
from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import yaml

from ..errors import ScenarioError
from .fetch import post_json
from .rules import RuleSet, evaluate


def now_iso() -> str:
    return datetime.now(timezone.utc).replace(tzinfo=None).isoformat(timespec="microseconds")


def describe(alert: dict[str, Any]) -> str:
    """One line per alert: rule, who did what to whom, when, and where it was read."""
    e = alert["event"]
    what = f"{e.get('source_code') or '?'} -> {e.get('target_code') or '?'} {e.get('plover')} ({e.get('cameo')})"
    kind = "fact" if e.get("factual") else f"{e.get('modality')}"
    shift = alert.get("shift")
    if shift:
        what += (f"; mean Goldstein {shift['previous_mean']} -> {shift['mean']} ({shift['change']:+}) in "
                 f"{shift['window'][0]}..{shift['window'][1]}")
    where = alert.get("url") or alert.get("title") or alert.get("doc_id") or alert.get("doc_hash")
    return (f"ALERT [{alert['rule']}] {what}, {kind}, {e.get('date') or alert.get('doc_date') or 'undated'}: "
            f"\"{' '.join(str(alert.get('sentence') or '').split())}\" ({where})")


def fire(store, rules: RuleSet, *, default_confidence: float, log: Path | None, webhook: str | None = None,
         say: Callable[[str], None] = print, warn: Callable[[str], None] = print) -> list[dict[str, Any]]:
    """Evaluate the rules on the store, keep the alerts not fired before, and deliver them."""
    candidates = evaluate(store, rules, default_confidence=default_confidence, now=now_iso())
    for alert in candidates:
        alert.pop("already_fired", None)
    fresh = store.record_alerts(candidates)
    hooks = {r.name: r.webhook or webhook or rules.webhook for r in rules.rules}
    for alert in fresh:
        say(describe(alert))
        if log is not None:
            log.parent.mkdir(parents=True, exist_ok=True)
            with open(log, "a", encoding="utf-8") as handle:
                handle.write(json.dumps(alert, default=str, ensure_ascii=False) + "\n")
        hook = hooks.get(alert["rule"])
        if hook:
            problem = post_json(hook, alert)
            if problem:
                warn(f"webhook {hook}: {problem}; the alert is in the log")
    return fresh


# -- red lines to rules ---------------------------------------------------------------------------------

def _value(field: Any) -> float:
    return float(field["value"] if isinstance(field, dict) else field)


def _range(field: Any) -> tuple[float, float]:
    if isinstance(field, dict) and isinstance(field.get("range"), list) and len(field["range"]) == 2:
        low, high = field["range"]
        return float(low), float(high)
    value = _value(field)
    return value, value


def red_line_rules(scenario: dict[str, Any], *, source: str = "scenario") -> dict[str, Any]:
    """One alert rule per red line of a scenario (as loaded by ``scenarios.scenario.load_scenario``).

    A red line "if ISSUE above T" is crossed when actors on the near side of T move across it. The
    rule watches those movers acting on the actors already beyond the line with material cooperation
    (QuadClass 2: aid, arms, technology), facts and also stated plans, since a plan is the early
    warning. The movers are the actors on the near side whose range reaches T, or else the one
    nearest to T ("below": the same, mirrored). A red line may instead carry its own ``watch:`` (one
    rule's fields, or a list of them), used as written."""
    issues = {i["id"]: i for i in scenario.get("issues", [])}
    rules: list[dict[str, Any]] = []
    for n, line in enumerate(scenario.get("red_lines") or [], start=1):
        above = "above" in line
        threshold = float(line["above"] if above else line["below"])
        issue = issues[line["if_issue"]]
        label = f"red-line-{n}-{line['if_issue']}-{'above' if above else 'below'}-{threshold:g}"
        about = (f"{source}: red line {n}: if {line['if_issue']} {'above' if above else 'below'} {threshold:g}, "
                 f"{line['then']['actor']} moves to {line['then']['position']} on {line['then']['issue']}"
                 + (f" ({line['source']})" if line.get("source") else ""))
        if line.get("watch"):
            given = line["watch"] if isinstance(line["watch"], list) else [line["watch"]]
            for m, spec in enumerate(given, start=1):
                if not isinstance(spec, dict):
                    raise ScenarioError(f"{source}: red line {n}: 'watch' must hold rule fields")
                rules.append({"name": spec.get("name") or (label if len(given) == 1 else f"{label}-{m}"),
                              "description": spec.get("description") or about,
                              **{k: v for k, v in spec.items() if k not in ("name", "description")},
                              "red_line": n})
            continue
        actors = [(a["code"], _value(a["position"]), _range(a["position"])) for a in issue.get("actors", [])]
        beyond = [code for code, pos, _ in actors if (pos > threshold if above else pos < threshold)]
        near = [(code, pos, rng) for code, pos, rng in actors if code not in beyond]
        movers = [code for code, _, (low, high) in near if (high >= threshold if above else low <= threshold)]
        if not movers and near:
            closest = min(abs(threshold - pos) for _, pos, _ in near)
            movers = [code for code, pos, _ in near if abs(threshold - pos) == closest]
        if not movers or not beyond:
            continue  # nobody on one side of the line: nothing to watch for
        rules.append({"name": label, "description": about, "source": sorted(movers), "target": sorted(beyond),
                      "quad_class": [2], "factual_only": False, "red_line": n})
    return {"rules": rules}


def scenario_rules_yaml(path: Path) -> str:
    from ..scenarios.scenario import load_scenario

    scenario = load_scenario(Path(path), allow_placeholders=True)
    data = red_line_rules(scenario, source=Path(path).name)
    if not data["rules"]:
        raise ScenarioError(f"{path}: no red line gives a rule (a red line needs actors on both sides of its line)")
    head = (f"# Alert rules from the red lines of {Path(path).name} (realpolitik alerts from-scenario).\n"
            "# Each watches the actors who would have to move for the line to be crossed; edit freely.\n")
    return head + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=110)

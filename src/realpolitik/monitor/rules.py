"""Alert rules (YAML) and how they are matched against the events in the store.

A rules file holds ``rules:`` (a list) and optionally ``webhook: URL`` for all of them. A rule:

```yaml
- name: russian-military-aid-to-dprk   # required, unique
  source: RUS            # who acts: a code, country or organisation, or a list of them
  target: PRK            # who is acted upon (same forms)
  dyad: [RUS, PRK]       # shorthand for source + target; both_directions: true also matches PRK -> RUS
  actors: [RUS, PRK, CHN]  # both sides within this set
  involving: [KOR]       # either side within this set
  types: [AID, COOPERATE]  # PLOVER types
  cameo: ["07*", "163"]  # CAMEO codes; * and ? are wildcards
  quad_class: [2, 4]     # 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict
  min_confidence: 0.55   # default: [events] min_confidence
  factual_only: true     # false: also threats, plans and wishes that are not denied (negated events never match)
  quantity: {unit: shell, at_least: 1000}   # a quantity in the event's sentence; also at_most
  goldstein_shift: {window: 7d, at_least: 3, direction: down}   # see below
  webhook: http://...    # this rule's own webhook
```

Every condition given must hold. Event rules fire once per deduplicated event (``analysis.dedup``):
the reports of one real-world event make one alert, and a report arriving later that merges with an
event already alerted on fires nothing. A ``goldstein_shift`` rule fires when the mean Goldstein score
of the matching factual events of a window (days counted in fixed blocks since 1970-01-01) differs
from the previous window's by at least ``at_least`` (``direction`` down, up or any); it fires once per
window, with the window's events as evidence.
"""
from __future__ import annotations

import fnmatch
import hashlib
import math
from dataclasses import dataclass, field
from datetime import date as Date
from datetime import timedelta
from pathlib import Path
from typing import Any


from ..errors import OptionError
from ..sources.yamlfile import read_yaml

PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
                "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
KNOWN_FIELDS = {"name", "description", "source", "target", "dyad", "both_directions", "actors", "involving",
                "types", "cameo", "quad_class", "min_confidence", "factual_only", "quantity", "goldstein_shift",
                "webhook", "red_line"}


def _codes(value: Any, where: str, key: str) -> frozenset[str]:
    if value is None:
        return frozenset()
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(v, str) and v.strip() for v in items):
        raise OptionError(f"{where}: '{key}' must be a code or a list of codes")
    return frozenset(v.strip().upper() for v in items)


MAX_WINDOW_DAYS = 36_600  # a century: past this no date arithmetic is meaningful


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def check_webhook(value: Any, where: str) -> str | None:
    """A webhook is an http(s) URL (or absent)."""
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip().startswith(("http://", "https://")):
        raise OptionError(f"{where}: 'webhook' must be an http(s) URL, not {str(value)[:60]!r}")
    return value.strip()


def parse_window(text: Any, where: str = "window") -> int:
    """'7d', '2w', '1m' (30 days) or a number of days -> days."""
    raw = str(text).strip().lower()
    units = {"d": 1, "w": 7, "m": 30, "y": 365}
    try:
        days = int(raw[:-1]) * units[raw[-1]] if raw and raw[-1] in units else int(raw)
    except (ValueError, KeyError):
        raise OptionError(f"{where}: {text!r} is not a window such as 7d, 2w or 1m") from None
    if days < 1:
        raise OptionError(f"{where}: the window must be at least one day")
    if days > MAX_WINDOW_DAYS:
        raise OptionError(f"{where}: {text!r} is longer than {MAX_WINDOW_DAYS:,} days")
    return days


@dataclass(frozen=True)
class Rule:
    name: str
    sources: frozenset[str] = frozenset()
    targets: frozenset[str] = frozenset()
    both_directions: bool = False
    actors: frozenset[str] = frozenset()
    involving: frozenset[str] = frozenset()
    types: frozenset[str] = frozenset()
    cameo: tuple[str, ...] = ()
    quad_class: frozenset[int] = frozenset()
    min_confidence: float | None = None
    factual_only: bool = True
    quantity: dict[str, Any] | None = None
    shift_window: int | None = None
    shift_at_least: float = 0.0
    shift_direction: str = "any"
    shift_min_events: int = 1
    webhook: str | None = None
    description: str | None = None
    spec: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def is_shift(self) -> bool:
        return self.shift_window is not None

    # -- matching one event --------------------------------------------------------------------
    def matches(self, event: dict[str, Any], quantities: list[dict[str, Any]] | None = None,
                default_confidence: float = 0.0) -> bool:
        floor = default_confidence if self.min_confidence is None else self.min_confidence
        if floor and (event.get("confidence") is None or event["confidence"] < floor):
            return False
        if event.get("polarity") != "affirmed":
            return False
        if self.factual_only and not event.get("factual"):
            return False
        if self.types and (event.get("plover") or "").upper() not in self.types:
            return False
        if self.cameo and not any(fnmatch.fnmatchcase(event.get("cameo") or "", p) for p in self.cameo):
            return False
        if self.quad_class and event.get("quad_class") not in self.quad_class:
            return False
        if not self._sides(event):
            return False
        if self.quantity and not self._quantity(quantities or []):
            return False
        return True

    def _sides(self, event: dict[str, Any]) -> bool:
        src, tgt = _names(event, "source"), _names(event, "target")
        if self.sources or self.targets:
            forward = (not self.sources or src & self.sources) and (not self.targets or tgt & self.targets)
            backward = self.both_directions and (not self.sources or tgt & self.sources) and \
                (not self.targets or src & self.targets)
            if not (forward or backward):
                return False
        if self.actors and not (src & self.actors and tgt & self.actors):
            return False
        if self.involving and not ((src | tgt) & self.involving):
            return False
        return True

    def _quantity(self, quantities: list[dict[str, Any]]) -> bool:
        unit = str(self.quantity.get("unit") or "").lower().strip()
        low, high = self.quantity.get("at_least"), self.quantity.get("at_most")
        for q in quantities:
            if unit and not _same_unit(unit, q.get("unit")):
                continue
            value = q.get("value")
            if value is None:
                continue
            top = q.get("high") if q.get("high") is not None else value
            if low is not None and top < low:
                continue
            if high is not None and value > high:
                continue
            return True
        return False

    def as_yaml_dict(self) -> dict[str, Any]:
        return dict(self.spec)


def _names(event: dict[str, Any], side: str) -> set[str]:
    return {str(v).upper() for v in (event.get(f"{side}_code"), event.get(f"{side}_country"),
                                     event.get(f"{side}_org")) if v}


def _same_unit(wanted: str, unit: Any) -> bool:
    if not unit:
        return False
    have = str(unit).lower().strip()

    def stem(word: str) -> str:
        return word[:-1] if word.endswith("s") and len(word) > 3 else word

    return stem(have) == stem(wanted) or have.startswith(wanted) or wanted.startswith(have)


def parse_rule(spec: Any, where: str) -> Rule:
    if not isinstance(spec, dict) or not isinstance(spec.get("name"), str) or not spec["name"].strip():
        raise OptionError(f"{where}: every rule needs a 'name'")
    name = spec["name"].strip()
    where = f"{where} ({name})"
    unknown = set(spec) - KNOWN_FIELDS
    if unknown:
        raise OptionError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}; "
                          f"known: {', '.join(sorted(KNOWN_FIELDS))}")
    sources, targets = _codes(spec.get("source"), where, "source"), _codes(spec.get("target"), where, "target")
    if spec.get("dyad") is not None:
        pair = spec["dyad"]
        if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(v, str) for v in pair)):
            raise OptionError(f"{where}: 'dyad' must be two codes, e.g. [RUS, PRK]")
        sources, targets = sources | {pair[0].upper()}, targets | {pair[1].upper()}
    types = _codes(spec.get("types"), where, "types")
    bad = sorted(types - set(PLOVER_TYPES))
    if bad:
        raise OptionError(f"{where}: unknown PLOVER type(s) {', '.join(bad)}; valid: {', '.join(PLOVER_TYPES)}")
    cameo = spec.get("cameo")
    cameo = [cameo] if isinstance(cameo, (str, int)) else (cameo or [])
    if not all(isinstance(c, (str, int)) for c in cameo):
        raise OptionError(f"{where}: 'cameo' must be a code or a list of codes such as '07*'")
    cameo = tuple(str(c).strip() for c in cameo)
    quads = spec.get("quad_class")
    quads = [quads] if isinstance(quads, int) else (quads or [])
    if not all(isinstance(q, int) and 1 <= q <= 4 for q in quads):
        raise OptionError(f"{where}: 'quad_class' must be 1, 2, 3 or 4, or a list of them")
    floor = spec.get("min_confidence")
    if floor is not None and (isinstance(floor, bool) or not isinstance(floor, (int, float)) or not 0 <= floor <= 1):
        raise OptionError(f"{where}: 'min_confidence' must be a number from 0 to 1")
    quantity = spec.get("quantity")
    if quantity is not None:
        if not isinstance(quantity, dict) or not ({"at_least", "at_most"} & set(quantity)):
            raise OptionError(f"{where}: 'quantity' needs at_least or at_most (and optionally unit)")
        for key in ("at_least", "at_most"):
            if key in quantity and not _is_number(quantity[key]):
                raise OptionError(f"{where}: quantity {key} must be a number")
    shift = spec.get("goldstein_shift")
    window = at_least = None
    direction, min_events = "any", 1
    if shift is not None:
        if not isinstance(shift, dict) or "at_least" not in shift:
            raise OptionError(f"{where}: 'goldstein_shift' needs at_least (and window, direction)")
        window = parse_window(shift.get("window", "7d"), f"{where} goldstein_shift.window")
        at_least = shift["at_least"]
        if not _is_number(at_least) or at_least < 0:
            raise OptionError(f"{where}: goldstein_shift.at_least must be a positive number")
        direction = str(shift.get("direction", "any")).lower()
        if direction not in ("up", "down", "any"):
            raise OptionError(f"{where}: goldstein_shift.direction must be up, down or any")
        min_events = shift.get("min_events", 1)
        if isinstance(min_events, bool) or not isinstance(min_events, int) or min_events < 1:
            raise OptionError(f"{where}: goldstein_shift.min_events must be a whole number of at least 1")
        if not (sources or targets or spec.get("actors")):
            raise OptionError(f"{where}: a goldstein_shift rule needs a dyad, source/target or actors")
    for key in ("factual_only", "both_directions"):
        if key in spec and not isinstance(spec[key], bool):
            raise OptionError(f"{where}: '{key}' must be true or false")
    if spec.get("description") is not None and not isinstance(spec["description"], str):
        raise OptionError(f"{where}: 'description' must be text")
    webhook = check_webhook(spec.get("webhook"), where)
    return Rule(name=name, sources=sources, targets=targets, both_directions=bool(spec.get("both_directions")),
                actors=_codes(spec.get("actors"), where, "actors"),
                involving=_codes(spec.get("involving"), where, "involving"), types=types, cameo=cameo,
                quad_class=frozenset(quads), min_confidence=floor, factual_only=spec.get("factual_only", True),
                quantity=quantity, shift_window=window, shift_at_least=float(at_least or 0),
                shift_direction=direction, shift_min_events=min_events, webhook=webhook,
                description=spec.get("description"), spec=dict(spec))


@dataclass
class RuleSet:
    rules: list[Rule]
    webhook: str | None = None
    path: str = "rules"


def load_rules(path: str | Path) -> RuleSet:
    return parse_rules(read_yaml(path, what="rules"), str(path))


def parse_rules(data: Any, where: str = "rules") -> RuleSet:
    if isinstance(data, list):
        data = {"rules": data}
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list) or not data["rules"]:
        raise OptionError(f"{where}: a rules file needs a non-empty 'rules' list")
    rules = [parse_rule(spec, f"{where}: rule {n + 1}") for n, spec in enumerate(data["rules"])]
    names = [r.name for r in rules]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise OptionError(f"{where}: rule names must be unique ({', '.join(twice)} used twice)")
    return RuleSet(rules, webhook=check_webhook(data.get("webhook"), where), path=where)


# -- evaluation over the store ---------------------------------------------------------------------

def _quantities_by_sentence(store, rows: list[dict[str, Any]]) -> dict[tuple[str, int], list[dict[str, Any]]]:
    hashes = sorted({r["doc_hash"] for r in rows})
    if not hashes:
        return {}
    found: dict[tuple[str, int], list[dict[str, Any]]] = {}
    for q in store.query("SELECT doc_hash, sentence, text, value, unit, low, high FROM quantities "
                         "WHERE doc_hash IN (SELECT unnest(?::VARCHAR[]))", [hashes]):
        found.setdefault((q["doc_hash"], q["sentence"]), []).append(q)
    return found


def matching_events(store, rule: Rule, *, default_confidence: float = 0.0) -> list[dict[str, Any]]:
    """Every stored event the rule matches, with its document's fields and its sentence's quantities."""
    from ..analysis.query import attach_documents

    floor = default_confidence if rule.min_confidence is None else rule.min_confidence
    rows = store.events(min_confidence=floor or None)
    if rule.quantity:
        by_sentence = _quantities_by_sentence(store, rows)
    else:
        by_sentence = {}
    kept = []
    for row in rows:
        qs = by_sentence.get((row["doc_hash"], row["sentence"]), [])
        if rule.matches(row, qs, default_confidence):
            if qs:
                row["quantities"] = [{k: q[k] for k in ("text", "value", "unit", "low", "high")} for q in qs]
            kept.append(row)
    return attach_documents(store, kept)


def candidate_alerts(store, rule: Rule, *, default_confidence: float = 0.0, now: str) -> list[dict[str, Any]]:
    """What the rule would fire on the store now (before the already-fired are left out)."""
    events = matching_events(store, rule, default_confidence=default_confidence)
    if rule.is_shift:
        return _shift_alerts(rule, events, now)
    from ..analysis import deduplicate

    alerts = []
    for group in deduplicate(events):
        mentions = group["mentions"]
        first = mentions[0]
        row = next(e for e in events if e["event_id"] == first["event_id"])
        alerts.append(_alert(rule, now, row, [m["event_id"] for m in mentions], group))
    return alerts


def _alert(rule: Rule, now: str, event: dict[str, Any], keys: list[str], group: dict[str, Any] | None = None,
           **extra: Any) -> dict[str, Any]:
    digest = hashlib.sha1(f"{rule.name}|{sorted(keys)[0]}".encode()).hexdigest()[:16]
    evidence = {k: _plain(event.get(k)) for k in (
        "event_id", "date", "source_code", "target_code", "cameo", "plover", "quad_class", "goldstein",
        "polarity", "modality", "factual", "confidence", "event_text", "quantities")}
    mentions = (group or {}).get("mentions") or [{"event_id": event.get("event_id"), "doc_hash": event.get("doc_hash"),
                                                   "doc_id": event.get("doc_id"), "title": event.get("title"),
                                                   "url": event.get("url"), "sentence_text": event.get("sentence_text")}]
    return {
        "alert_id": digest, "rule": rule.name, "rule_description": rule.description, "fired_at": now,
        "event_id": event.get("event_id"), "event": evidence, "sentence": event.get("sentence_text"),
        "doc_hash": event.get("doc_hash"), "doc_id": event.get("doc_id"), "title": event.get("title"),
        "url": event.get("url"), "doc_date": _plain(event.get("doc_date")),
        "mentions": [{k: _plain(m.get(k)) for k in ("event_id", "doc_hash", "doc_id", "title", "url", "sentence_text")}
                     for m in mentions],
        "event_keys": sorted(keys), "rule_spec": rule.as_yaml_dict(), **extra,
    }


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, (str, int, float, bool, list, dict)):
        return value
    return str(value)


def _shift_alerts(rule: Rule, events: list[dict[str, Any]], now: str) -> list[dict[str, Any]]:
    from ..analysis.dedup import event_day

    factual = [e for e in events if e.get("factual") and e.get("goldstein") is not None and event_day(e)]
    buckets: dict[int, list[dict[str, Any]]] = {}
    for e in factual:
        buckets.setdefault(event_day(e).toordinal() // rule.shift_window, []).append(e)
    alerts = []
    for bucket in sorted(buckets):
        before, current = buckets.get(bucket - 1), buckets[bucket]
        if not before or len(before) < rule.shift_min_events or len(current) < rule.shift_min_events:
            continue
        old = sum(e["goldstein"] for e in before) / len(before)
        new = sum(e["goldstein"] for e in current) / len(current)
        delta = new - old
        wanted = {"down": -delta, "up": delta, "any": abs(delta)}[rule.shift_direction]
        if wanted < rule.shift_at_least:
            continue
        start = Date.fromordinal(bucket * rule.shift_window)
        end = start + timedelta(days=rule.shift_window - 1)
        # the event that moved the mean most is the headline evidence
        lead = max(current, key=lambda e: abs(e["goldstein"] - old))
        shift = {"window": [start.isoformat(), end.isoformat()], "previous_mean": round(old, 2),
                 "mean": round(new, 2), "change": round(delta, 2), "events": len(current),
                 "previous_events": len(before)}
        alert = _alert(rule, now, lead, [f"shift:{start.isoformat()}"], None, shift=shift)
        alert["mentions"] = [{k: _plain(e.get(k)) for k in ("event_id", "doc_hash", "doc_id", "title", "url",
                                                             "sentence_text")} for e in current]
        alerts.append(alert)
    return alerts


def evaluate(store, rules: RuleSet, *, default_confidence: float = 0.0, now: str,
             include_fired: bool = False) -> list[dict[str, Any]]:
    """Alerts the rules raise on the store; unless ``include_fired``, only those not fired before
    (``already_fired`` marks the others)."""
    out = []
    for rule in rules.rules:
        fired = store.fired_keys(rule.name)
        for alert in candidate_alerts(store, rule, default_confidence=default_confidence, now=now):
            alert["already_fired"] = bool(fired & set(alert["event_keys"]))
            if include_fired or not alert["already_fired"]:
                out.append(alert)
    return out

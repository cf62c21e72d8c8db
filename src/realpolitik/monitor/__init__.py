"""Monitor: watch feeds and pages over HTTP (``fetch``, ``watch``), match alert rules on the store
(``rules``) and fire alerts once per deduplicated event (``alerts``)."""
from .alerts import describe, fire, red_line_rules, scenario_rules_yaml
from .fetch import Fetcher, FetchResult, post_json
from .rules import Rule, RuleSet, evaluate, load_rules, parse_rules
from .watch import PollReport, Watcher, parse_every, read_sources

__all__ = ["FetchResult", "Fetcher", "PollReport", "Rule", "RuleSet", "Watcher", "describe", "evaluate", "fire",
           "load_rules", "parse_every", "parse_rules", "post_json", "read_sources", "red_line_rules",
           "scenario_rules_yaml"]

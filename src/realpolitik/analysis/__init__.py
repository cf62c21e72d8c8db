"""Analysis over the store: deduplicated events, dyad series, the network, and briefings."""
from .brief import brief_markdown, brief_data
from .confidence import default_min_confidence, resolve_min_confidence
from .dedup import deduplicate
from .dyads import dyad_series
from .network import build_network, network_summary

__all__ = ["brief_data", "brief_markdown", "build_network", "deduplicate", "default_min_confidence", "dyad_series",
           "network_summary", "resolve_min_confidence"]

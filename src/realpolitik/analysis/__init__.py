"""Analysis over the store: deduplicated events, dyad series, the network, and briefings."""
from .brief import brief_markdown, brief_data
from .dedup import deduplicate
from .dyads import dyad_series
from .network import build_network, network_summary

__all__ = ["brief_data", "brief_markdown", "build_network", "deduplicate", "dyad_series", "network_summary"]

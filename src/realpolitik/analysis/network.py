"""The network of cooperation and conflict: actors as nodes, dyads as signed weighted edges."""
from __future__ import annotations

from typing import Any

import networkx as nx

from .confidence import resolve_min_confidence


def build_network(store, *, since: str | None = None, until: str | None = None, factual: bool = True,
                  plover: str | None = None, min_confidence: float | None = None) -> nx.DiGraph:
    """The signed network over events at or above ``min_confidence`` (``None``: the configured threshold)."""
    threshold = resolve_min_confidence(min_confidence)
    rows = store.events(since=since, until=until, factual=factual, plover=plover, min_confidence=threshold)
    graph = nx.DiGraph()
    for e in rows:
        a = e["source_country"] or e["source_org"]
        b = e["target_country"] or e["target_org"]
        if not a or not b or a == b:
            continue
        for node in (a, b):
            if node not in graph:
                graph.add_node(node, events=0)
            graph.nodes[node]["events"] += 1
        edge = graph.get_edge_data(a, b) or {"weight": 0.0, "count": 0, "coop": 0, "conflict": 0}
        edge["count"] += 1
        edge["weight"] += float(e["goldstein"] or 0)
        edge["coop" if (e["quad_class"] or 0) <= 2 else "conflict"] += 1
        graph.add_edge(a, b, **edge)
    for _, _, data in graph.edges(data=True):
        data["sign"] = 1 if data["weight"] >= 0 else -1
    return graph


def _blocs(graph: nx.DiGraph) -> list[list[str]]:
    """Communities of mutually cooperating actors (positive edges only)."""
    positive = nx.Graph()
    positive.add_nodes_from(graph.nodes)
    for a, b, d in graph.edges(data=True):
        if d["weight"] > 0:
            w = positive.get_edge_data(a, b, {"weight": 0})["weight"] + d["weight"]
            positive.add_edge(a, b, weight=w)
    if positive.number_of_edges() == 0:
        return [[n] for n in sorted(positive.nodes)]
    communities = nx.algorithms.community.greedy_modularity_communities(positive, weight="weight")
    return [sorted(c) for c in communities]


def network_summary(graph: nx.DiGraph) -> dict[str, Any]:
    undirected = graph.to_undirected()
    centrality = nx.degree_centrality(undirected) if len(undirected) > 1 else {n: 0.0 for n in undirected}
    between = nx.betweenness_centrality(undirected) if len(undirected) > 2 else {n: 0.0 for n in undirected}
    return {
        "nodes": [{"id": n, "events": d["events"], "degree_centrality": round(centrality.get(n, 0), 3),
                   "betweenness": round(between.get(n, 0), 3)} for n, d in graph.nodes(data=True)],
        "edges": [{"source": a, "target": b, **{k: (round(v, 2) if isinstance(v, float) else v) for k, v in d.items()}}
                  for a, b, d in graph.edges(data=True)],
        "blocs": _blocs(graph),
    }


def network_change(before: nx.DiGraph, after: nx.DiGraph) -> list[dict[str, Any]]:
    """Edges whose sign or weight changed between two periods, largest change first."""
    changes = []
    for a, b in set(before.edges) | set(after.edges):
        w0 = before.get_edge_data(a, b, {}).get("weight", 0.0)
        w1 = after.get_edge_data(a, b, {}).get("weight", 0.0)
        if w0 != w1:
            changes.append({"source": a, "target": b, "before": round(w0, 2), "after": round(w1, 2),
                            "change": round(w1 - w0, 2)})
    return sorted(changes, key=lambda c: -abs(c["change"]))

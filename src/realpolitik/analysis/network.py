"""The network of cooperation and conflict: actors as nodes, dyads as signed weighted edges."""
from __future__ import annotations

from functools import lru_cache
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


@lru_cache(maxsize=1)
def actor_names() -> dict[str, str]:
    """Readable names for node ids (country codes, organisation codes) from the shipped actor tables."""
    from ..datafiles import package_file, rows

    names: dict[str, str] = {}
    for row in rows(package_file("realpolitik.actors", "countries.tsv")):
        if len(row) > 1 and row[1]:
            names.setdefault(row[0], row[1])
    for table in ("organisations.tsv", "groups.tsv"):
        for row in rows(package_file("realpolitik.actors", table)):
            if len(row) > 3 and row[3]:
                first = row[3].split("|")[0].strip()
                if table == "organisations.tsv" and row[1] and not row[2]:
                    names.setdefault(row[1], first)  # nodes are organisations ("UN"), not codes
                names.setdefault(row[0], first)
    return names


def actor_name(code: str) -> str:
    """The name shown beside a code ("PRK" -> "North Korea"); the code itself when none is known."""
    return actor_names().get(code, code)


def network_summary(graph: nx.DiGraph) -> dict[str, Any]:
    undirected = graph.to_undirected()
    centrality = nx.degree_centrality(undirected) if len(undirected) > 1 else {n: 0.0 for n in undirected}
    between = nx.betweenness_centrality(undirected) if len(undirected) > 2 else {n: 0.0 for n in undirected}
    blocs = _blocs(graph)
    return {
        "nodes": [{"id": n, "name": actor_name(n), "events": d["events"], "degree_centrality": round(centrality.get(n, 0), 3),
                   "betweenness": round(between.get(n, 0), 3)} for n, d in graph.nodes(data=True)],
        "edges": [{"source": a, "target": b, **{k: (round(v, 2) if isinstance(v, float) else v) for k, v in d.items()}}
                  for a, b, d in graph.edges(data=True)],
        "blocs": blocs,
        "bloc_names": [[actor_name(n) for n in bloc] for bloc in blocs],
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

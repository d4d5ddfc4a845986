#!/usr/bin/env python3
"""Reference values for tests/it/measures_reference.rs, computed ONCE, independently of the Rust code.

How the values were made
------------------------
* Python 3 with networkx 3.6.1 and python-igraph 1.0.0 in a venv
  (python3 -m venv pyenv && pyenv/bin/pip install networkx==3.6.1 python-igraph==1.0.0),
  and R 4.2.2 with sna 2.7-1 from Debian bookworm (apt-get install r-cran-sna) for brokerage.
* Run from the crate root:  pyenv/bin/python tests/reference/compute_reference.py
  (the corpus is $INFONET_CORPUS, else ../shared/corpus beside the checkout)
  It reads the corpus below and writes tests/reference/<name>.json (one file per network).
* Sources of each number:
  - density: networkx.density (directed m / (n (n-1)));
  - reciprocity: igraph Graph.reciprocity(mode="default") (edgewise) and mode="ratio" (dyadic);
    mutual / asymmetric dyad counts: igraph Graph.dyad_census();
  - in-degree centralization: by hand from the formula sum(max - d_in) / (n-1)^2 over networkx in-degrees;
  - weak / strong components: networkx weakly_/strongly_connected_components (sizes sorted descending);
  - isolates: networkx.isolates;
  - betweenness: networkx.betweenness_centrality(normalized=False) and (normalized=True);
    betweenness centralization by hand: sum(max - raw) / ((n-1)^2 (n-2));
  - PageRank: networkx's pure-Python pagerank (networkx.algorithms.link_analysis.pagerank_alg.
    _pagerank_python, alpha=0.85, tol=1e-15, max_iter=100000; numpy/scipy are not in the venv; same
    power iteration as nx.pagerank, dangling nodes spread uniformly); cross-checked against igraph's PRPACK solver (max abs difference printed
    and stored as "pagerank_check_max_abs_diff");
  - mixing matrix, E-I (whole network, per group sent / received), expected E-I (per group
    (n - 2 n_g + 1)/(n - 1); whole network tie-weighted sum_g S_g E_g / sum_g S_g and by group size
    1 - 2 sum n_g (n_g - 1) / (n (n - 1))), Coleman homophily: by hand in plain Python loops from the
    definitions in docs/measures.md, over people with a known group (ties with an unknown end left out);
  - assortativity: igraph Graph.assortativity_nominal(directed=True) on the subgraph of people with a
    known group;
  - brokerage: R sna::brokerage(adjacency matrix, classes) - raw counts, expected values and z-scores
    per node and for the network (raw.nli, exp.nli, z.nli, raw.gli, exp.gli, z.gli); unknown sector is
    passed as its own class "unknown" (Rust: BrokerageOptions.unknown_as = Some("unknown")), and
    again on the subgraph without people of unknown group ("brokerage_known_only"; Rust: unknown_as =
    None).
* Networks:
  - krackhardt_advice: CORPUS/krackhardt-hightech-csv/Advice.csv rows with edge = 1
    (ego -> alter), 21 managers keyed "1".."21", partition DEPT from Krack-High-Tec-Attributes.csv;
  - lazega_advice: CORPUS/derived-informant-csv/lazega_{nodes,edges}.csv, relation
    "advice", partition office;
  - fjellvik, solboen, asdalen: sample-networks/NAME.{people,ties}.csv, partition sector
    (blank = unknown);
  - fjellvik_tenure10: fjellvik restricted to people with tenure >= 10 years (the app's filter
    "tenure=10+": unknown tenure is filtered out too), induced subgraph.
Non-finite numbers (0/0, x/0) are written as null.
"""

import csv
import json
import math
import os
import subprocess
import sys
import tempfile

import igraph as ig
import networkx as nx
from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CORPUS = os.environ.get("INFONET_CORPUS", os.path.join(ROOT, "..", "shared", "corpus"))
SAMPLES = os.path.join(ROOT, "sample-networks")
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)))


def finite(x):
    if x is None:
        return None
    x = float(x)
    return x if math.isfinite(x) else None


def load_krackhardt():
    base = os.path.join(CORPUS, "krackhardt-hightech-csv")
    groups = {}
    with open(os.path.join(base, "Krack-High-Tec-Attributes.csv"), newline="") as f:
        for row in csv.DictReader(f, delimiter=";"):
            groups[row["ID"].strip()] = row["DEPT"].strip()
    nodes = sorted(groups, key=int)
    edges = []
    with open(os.path.join(base, "Advice.csv"), newline="") as f:
        for row in csv.DictReader(f, delimiter=";"):
            if row["edge"].strip() == "1" and row["ego"] != row["alter"]:
                edges.append((row["ego"].strip(), row["alter"].strip()))
    return nodes, edges, groups, "attribute:DEPT"


def load_lazega():
    base = os.path.join(CORPUS, "derived-informant-csv")
    groups = {}
    nodes = []
    with open(os.path.join(base, "lazega_nodes.csv"), newline="") as f:
        for row in csv.DictReader(f):
            nodes.append(row["id"])
            groups[row["id"]] = row["office"]
    edges = []
    with open(os.path.join(base, "lazega_edges.csv"), newline="") as f:
        for row in csv.DictReader(f):
            if row["relation"] == "advice" and row["source"] != row["target"]:
                edges.append((row["source"], row["target"]))
    return nodes, sorted(set(edges)), groups, "attribute:office"


def load_sample(name, min_tenure=None):
    nodes = []
    groups = {}
    with open(os.path.join(SAMPLES, f"{name}.people.csv"), newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if min_tenure is not None:
                t = row["tenure"].strip()
                if t == "" or float(t) < min_tenure:
                    continue
            nodes.append(row["id"])
            s = row["sector"].strip()
            groups[row["id"]] = s if s else None
    keep = set(nodes)
    edges = []
    with open(os.path.join(SAMPLES, f"{name}.ties.csv"), newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["source"] in keep and row["target"] in keep and row["source"] != row["target"]:
                edges.append((row["source"], row["target"]))
    return nodes, sorted(set(edges)), groups, "sector"


def mixing_by_hand(nodes, edges, groups):
    known = [v for v in nodes if groups.get(v) is not None]
    n = len(known)
    keys = sorted(set(groups[v] for v in known))
    size = {g: sum(1 for v in known if groups[v] == g) for g in keys}
    matrix = {g: {h: 0 for h in keys} for g in keys}
    excluded = 0
    for a, b in edges:
        ga, gb = groups.get(a), groups.get(b)
        if ga is None or gb is None:
            excluded += 1
            continue
        matrix[ga][gb] += 1
    internal = sum(matrix[g][g] for g in keys)
    total = sum(matrix[g][h] for g in keys for h in keys)
    external = total - internal
    ei = (external - internal) / total if total else None
    per_group = {}
    weighted = 0.0
    for g in keys:
        sent = sum(matrix[g][h] for h in keys)
        received = sum(matrix[h][g] for h in keys)
        w = matrix[g][g]
        expected_g = (n - 2 * size[g] + 1) / (n - 1) if n >= 2 else None
        weighted += sent * (expected_g or 0.0)
        # Coleman (docs/measures.md): E_g = S_g (n_g - 1) / (n - 1)
        coleman = None
        if n >= 2:
            e = sent * (size[g] - 1) / (n - 1)
            if e > 0:
                coleman = (w - e) / (sent - e) if w > e else (w - e) / e
        per_group[g] = {
            "size": size[g],
            "sent": sent,
            "received": received,
            "internal": w,
            "ei_sent": (sent - 2 * w) / sent if sent else None,
            "ei_received": (received - 2 * w) / received if received else None,
            "ei_expected": expected_g,
            "coleman": finite(coleman),
        }
    by_size = None
    if n >= 2:
        by_size = 1 - 2 * sum(size[g] * (size[g] - 1) for g in keys) / (n * (n - 1))
    # igraph assortativity on the known-group subgraph
    index = {v: i for i, v in enumerate(known)}
    sub = ig.Graph(n=n, edges=[(index[a], index[b]) for a, b in edges if a in index and b in index], directed=True)
    types = [keys.index(groups[v]) for v in known]
    assort = sub.assortativity_nominal(types, directed=True) if sub.ecount() else None
    return {
        "known_people": n,
        "unknown_people": len(nodes) - n,
        "excluded_ties": excluded,
        "internal_ties": internal,
        "external_ties": external,
        "matrix": matrix,
        "ei": ei,
        "ei_expected": weighted / total if total and n >= 2 else None,
        "ei_expected_by_size": by_size,
        "assortativity": finite(assort),
        "groups": per_group,
    }


R_SCRIPT = r"""
suppressMessages(library(sna))
args <- commandArgs(trailingOnly = TRUE)
cl <- readLines(args[1])
e <- read.table(args[2], header = FALSE)
N <- length(cl)
g <- matrix(0, N, N)
for (i in seq_len(nrow(e))) g[e[i, 1], e[i, 2]] <- 1
b <- brokerage(g, cl)
out <- file(args[3], "w")
fmt <- function(x) paste(formatC(x, digits = 17, format = "g"), collapse = " ")
for (i in 1:N) writeLines(paste("node", i, fmt(b$raw.nli[i, ]), fmt(b$exp.nli[i, ]), fmt(b$z.nli[i, ]), sep = "|"), out)
writeLines(paste("net", fmt(b$raw.gli), fmt(b$exp.gli), fmt(b$z.gli), sep = "|"), out)
close(out)
"""


def brokerage_with_r(nodes, edges, groups):
    index = {v: i + 1 for i, v in enumerate(nodes)}
    with tempfile.TemporaryDirectory() as tmp:
        cl = os.path.join(tmp, "cl.txt")
        el = os.path.join(tmp, "edges.txt")
        out = os.path.join(tmp, "out.txt")
        script = os.path.join(tmp, "b.R")
        with open(cl, "w") as f:
            for v in nodes:
                f.write((groups.get(v) or "unknown") + "\n")
        with open(el, "w") as f:
            for a, b in edges:
                f.write(f"{index[a]} {index[b]}\n")
        with open(script, "w") as f:
            f.write(R_SCRIPT)
        subprocess.run(["Rscript", script, cl, el, out], check=True)
        nums = lambda s: [finite(float(x)) if x not in ("NaN", "Inf", "-Inf") else None for x in s.split()]
        result = {"nodes": {}, "network": None}
        with open(out) as f:
            for line in f:
                parts = line.strip().split("|")
                if parts[0] == "node":
                    v = nodes[int(parts[1]) - 1]
                    result["nodes"][v] = {"raw": nums(parts[2]), "expected": nums(parts[3]), "z": nums(parts[4])}
                else:
                    result["network"] = {"raw": nums(parts[1]), "expected": nums(parts[2]), "z": nums(parts[3])}
    return result


def reference(name, loader):
    nodes, edges, groups, partition = loader()
    G = nx.DiGraph()
    G.add_nodes_from(nodes)
    G.add_edges_from(edges)
    n, m = G.number_of_nodes(), G.number_of_edges()
    index = {v: i for i, v in enumerate(nodes)}
    H = ig.Graph(n=n, edges=[(index[a], index[b]) for a, b in edges], directed=True)
    mutual, asym, _null = H.dyad_census()
    in_deg = dict(G.in_degree())
    dmax = max(in_deg.values())
    bet = nx.betweenness_centrality(G, normalized=False)
    bet_n = nx.betweenness_centrality(G, normalized=True)
    bmax = max(bet.values())
    # numpy/scipy are not in the venv, so networkx's own pure-Python implementation (same
    # algorithm as nx.pagerank, stop when sum |dx| < n * tol).
    pr = _pagerank_python(G, alpha=0.85, tol=1e-15, max_iter=100000)
    pr_ig = H.pagerank(damping=0.85, directed=True)
    check = max(abs(pr[v] - pr_ig[index[v]]) for v in nodes)
    data = {
        "name": name,
        "partition": partition,
        "n": n,
        "m": m,
        "density": nx.density(G),
        "reciprocity_edgewise": H.reciprocity(ignore_loops=True, mode="default"),
        "reciprocity_dyadic": H.reciprocity(ignore_loops=True, mode="ratio"),
        "mutual_dyads": mutual,
        "asymmetric_dyads": asym,
        "in_degree_centralization": sum(dmax - d for d in in_deg.values()) / (n - 1) ** 2,
        "weak_components": sorted((len(c) for c in nx.weakly_connected_components(G)), reverse=True),
        "strong_components": sorted((len(c) for c in nx.strongly_connected_components(G)), reverse=True),
        "isolates": sorted(nx.isolates(G), key=lambda v: index[v]),
        "betweenness_centralization": sum(bmax - b for b in bet.values()) / ((n - 1) ** 2 * (n - 2)),
        "pagerank_check_max_abs_diff": check,
        "nodes": {
            v: {
                "in_degree": G.in_degree(v),
                "out_degree": G.out_degree(v),
                "betweenness": bet[v],
                "betweenness_normalized": bet_n[v],
                "pagerank": pr[v],
            }
            for v in nodes
        },
        "mixing": mixing_by_hand(nodes, edges, groups),
        "brokerage": brokerage_with_r(nodes, edges, groups),
        # People with an unknown group removed (with their ties) before calling sna: what Rust's
        # BrokerageOptions.unknown_as = None should equal.
        "brokerage_known_only": brokerage_with_r(
            [v for v in nodes if groups.get(v) is not None],
            [(a, b) for a, b in edges if groups.get(a) is not None and groups.get(b) is not None],
            groups,
        ),
    }
    with open(os.path.join(OUT, f"{name}.json"), "w", encoding="utf-8") as f:
        json.dump(data, f, indent=1, ensure_ascii=False, sort_keys=True)
        f.write("\n")
    print(f"{name}: n={n} m={m} pagerank nx-vs-igraph max diff {check:.2e}", file=sys.stderr)


def main():
    reference("krackhardt_advice", load_krackhardt)
    reference("lazega_advice", load_lazega)
    for name in ["fjellvik", "solboen", "asdalen"]:
        reference(name, lambda name=name: load_sample(name))
    reference("fjellvik_tenure10", lambda: load_sample("fjellvik", min_tenure=10.0))


if __name__ == "__main__":
    main()

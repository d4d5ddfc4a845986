"""Reads the files tests/peer_samples.rs writes with networkx and igraph and prints what they see."""
import sys
from pathlib import Path

import igraph as ig
import networkx as nx

folder = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/infonet-peers")
for path in sorted(p for p in folder.iterdir() if p.is_file()):
    for reader_name, read in [
        ("networkx", nx.read_graphml if path.suffix == ".graphml" else nx.read_gexf),
        ("igraph", ig.Graph.Read_GraphML if path.suffix == ".graphml" else None),
    ]:
        if read is None:
            continue
        try:
            g = read(str(path))
        except Exception as error:  # report, do not stop
            print(f"{path.name:26} {reader_name:8} ERROR {type(error).__name__}: {error}")
            continue
        if reader_name == "networkx":
            kind = "directed" if g.is_directed() else "undirected"
            p3 = g.nodes["p3"]
            e = next(iter(g.edges(data=True)))
            print(f"{path.name:26} networkx {g.number_of_nodes()} nodes {g.number_of_edges()} edges {kind} name={g.graph.get('name')!r}")
            print(f"{'':26}          p3: {dict(sorted(p3.items()))}")
            print(f"{'':26}          first edge: {e}")
        else:
            kind = "directed" if g.is_directed() else "undirected"
            v = g.vs.find(id="p3")
            print(f"{path.name:26} igraph   {g.vcount()} nodes {g.ecount()} edges {kind}")
            print(f"{'':26}          p3: {dict(sorted(v.attributes().items()))}")
            print(f"{'':26}          first edge: {g.es[0].attributes()} directed attrs={g.es.attributes()}")

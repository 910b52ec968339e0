#!/usr/bin/env python3
"""Prints a module's package graph, one line per package with the packages it depends on, then its
package cycles (strongly connected components). Reads compiled classes with jdeps, so build first.

    scripts/package-graph.py [CLASSES_DIR [PACKAGE_PREFIX]]   (default: engine/target/classes io.cairn.engine)
"""
import subprocess, sys, collections
classes = sys.argv[1] if len(sys.argv) > 1 else "engine/target/classes"
prefix = sys.argv[2] if len(sys.argv) > 2 else "io.cairn.engine"
out = subprocess.run(["jdeps", "-verbose:package", "-filter:none", classes], capture_output=True, text=True).stdout
g = collections.defaultdict(set)
for line in out.splitlines():
    parts = line.split()
    if len(parts) >= 3 and parts[1] == "->" and parts[0].startswith(prefix) and parts[2].startswith(prefix):
        a, b = parts[0], parts[2]
        g[a]; g[b]
        if a != b: g[a].add(b)
short = lambda p: p[len(prefix)+1:] if p != prefix else "(root)"
for p in sorted(g):
    print(f"{short(p)} -> {', '.join(short(q) for q in sorted(g[p])) or '-'}")
# Tarjan
idx, low, st, on, sccs, n = {}, {}, [], set(), [], [0]
sys.setrecursionlimit(10000)
def sc(v):
    idx[v] = low[v] = n[0]; n[0] += 1; st.append(v); on.add(v)
    for w in g[v]:
        if w not in idx: sc(w); low[v] = min(low[v], low[w])
        elif w in on: low[v] = min(low[v], idx[w])
    if low[v] == idx[v]:
        c = []
        while True:
            w = st.pop(); on.discard(w); c.append(w)
            if w == v: break
        if len(c) > 1: sccs.append(c)
for v in list(g):
    if v not in idx: sc(v)
print("\nCycles (strongly connected components):")
for c in sccs: print("  {" + ", ".join(sorted(short(p) for p in c)) + "}")
if not sccs: print("  none")

#!/usr/bin/env python3
# alt.py N name cmd [name cmd ...]: runs the commands alternately, 1 warm-up round then N rounds, and
# prints per command the median and minimum wall time from fork to exit and the median CPU time
# (user + sys of the child and its descendants, from wait4), in ms. On a shared host CPU is the
# figure to compare: the load stretches wall time far more. A command that exits non-zero is
# reported (its exit code) and counted.
import os, sys, time, statistics, shlex, subprocess
n = int(sys.argv[1])
pairs = list(zip(sys.argv[2::2], sys.argv[3::2]))
res = {k: [] for k, _ in pairs}
failed = {k: 0 for k, _ in pairs}
for i in range(n + 1):
    for name, cmd in pairs:
        t0 = time.perf_counter()
        p = subprocess.Popen(shlex.split(cmd), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, ru = os.wait4(p.pid, 0)
        wall = (time.perf_counter() - t0) * 1000
        if os.waitstatus_to_exitcode(status) != 0:
            failed[name] += 1
        if i > 0:
            res[name].append((wall, (ru.ru_utime + ru.ru_stime) * 1000))
for name, _ in pairs:
    w = [r[0] for r in res[name]]
    c = [r[1] for r in res[name]]
    note = f"  ({failed[name]} failed)" if failed[name] else ""
    print(f"{name:<14} wall median {statistics.median(w):6.1f} min {min(w):6.1f}  cpu median {statistics.median(c):6.1f}{note}")

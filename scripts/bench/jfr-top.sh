#!/bin/bash
# jfr-top.sh FILE.jfr [N] [THREAD-REGEX] - the N (default 25) most sampled methods of a JFR recording:
# "self" = top frame, "total" = anywhere in the stack, over jdk.ExecutionSample (running Java code)
# and jdk.NativeMethodSample (threads in native code, e.g. RocksDB, syscalls). THREAD-REGEX keeps
# only samples of matching thread names. Uses the JDK's `jfr` tool.
set -euo pipefail
file=${1:?usage: jfr-top.sh FILE.jfr [N] [THREAD-REGEX]}
# --stack-depth: jfr print keeps only 5 frames by default, which would make "total" a top-5 count
jfr print --json --stack-depth 64 --events jdk.ExecutionSample,jdk.NativeMethodSample "$file" | python3 -c '
import json, sys, re, collections
n = int(sys.argv[1]); pat = re.compile(sys.argv[2])
events = json.load(sys.stdin)["recording"]["events"]
selfc, total, kept = collections.Counter(), collections.Counter(), 0
for e in events:
    v = e["values"]; t = (v.get("sampledThread") or {}).get("javaName") or ""
    if not pat.search(t) or not v.get("stackTrace"): continue
    frames = ["%s.%s" % (f["method"]["type"]["name"], f["method"]["name"]) for f in v["stackTrace"]["frames"]]
    if not frames: continue
    kept += 1; selfc[frames[0]] += 1
    for m in set(frames): total[m] += 1
print("samples: %d (threads matching %r)" % (kept, pat.pattern))
print("| self %% | method |\n|---|---|")
for m, c in selfc.most_common(n): print("| %.1f | %s |" % (100.0 * c / kept, m))
print("\n| total %% | method |\n|---|---|")
for m, c in total.most_common(n): print("| %.1f | %s |" % (100.0 * c / kept, m))
' "${2:-25}" "${3:-.}"

#!/usr/bin/env python3
"""Cold and warm runs of pagelint's result cache, side by side.

Usage: scripts/bench-cache.py [PAGELINT] [CORPUS] [ROUNDS]
       (defaults: target/release/pagelint, ../shared/corpus/tldr, 15)

Each round runs, back to back (interleaved, so that a busy machine slows
them alike): `--no-cache`; a cold run (empty cache, written at the end); a
warm run (nothing changed). Prints the median and the quartiles of the wall
time and of the CPU time (user + system) of each, and the warm/cold ratios.
"""

import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
binary = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "target/release/pagelint")
corpus = sys.argv[2] if len(sys.argv) > 2 else os.path.join(ROOT, "../shared/corpus/tldr")
rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 15
if not os.path.isdir(corpus):
    sys.exit(f"bench-cache: no corpus at {corpus}")
cache = tempfile.mkdtemp(prefix="pagelint-bench-cache-")


def run(*args):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    p = subprocess.run([binary, *args, "--quiet", "--output-format=concise", corpus],
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if p.returncode not in (0, 1):
        sys.exit(f"bench-cache: {binary} failed: {p.stderr.decode()}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall * 1000, cpu * 1000


env = {k: v for k, v in os.environ.items() if not k.startswith("PAGELINT_")}
kinds = {"no cache": [], "cold": [], "warm": []}
for i in range(rounds + 2):
    r = {"no cache": run("--no-cache")}
    shutil.rmtree(cache, ignore_errors=True)
    r["cold"] = run("--cache-dir", cache)
    r["warm"] = run("--cache-dir", cache)
    if i >= 2:  # two rounds of warm-up
        for k, v in r.items():
            kinds[k].append(v)
shutil.rmtree(cache, ignore_errors=True)


def summary(values):
    q = statistics.quantiles(values, n=4)
    return f"{statistics.median(values):7.1f} ms  (quartiles {q[0]:.1f}–{q[2]:.1f})"


files = sum(1 for _, _, fs in os.walk(corpus) for f in fs if f.endswith(".md"))
print(f"pagelint {binary}\ncorpus {corpus} ({files} Markdown files), {rounds} interleaved rounds")
for k, v in kinds.items():
    print(f"{k:9} wall {summary([w for w, _ in v])}   cpu {summary([c for _, c in v])}")
for what, idx in (("wall", 0), ("cpu", 1)):
    warm = statistics.median(v[idx] for v in kinds["warm"])
    cold = statistics.median(v[idx] for v in kinds["cold"])
    nocache = statistics.median(v[idx] for v in kinds["no cache"])
    print(f"warm/cold {what}: {warm / cold:.2f}   warm/no-cache {what}: {warm / nocache:.2f}   "
          f"cold/no-cache {what}: {cold / nocache:.2f}")

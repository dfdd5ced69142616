#!/usr/bin/env bash
# The pre-commit case (SPEC §6, issue 11): one page checked inside a git
# checkout of about 20,000 Markdown pages, side by side with the same page
# alone and with rumdl, in one run. Warm = the cache of an earlier run over
# the whole checkout exists; cold = no cache (`--no-cache`).
#
#   scripts/bench-one-page.sh BINARY [CORPUS] [RUNS]
#
# The checkout is built in a temporary folder from ../shared/corpus (tldr
# twice, tldr-intl, book, es-docs and the `pln` course site with its real
# `origin`); the page is the course page that cites authors and links
# files of its repository. Prints the median wall time of each case, the
# ratios, and the Markdown files each case opens (strace, when present).
set -euo pipefail
bin=$(realpath "$1"); corpus=$(realpath "${2:-$(dirname "$0")/../../shared/corpus}"); runs=${3:-15}
[ -d "$corpus" ] || { echo "skipped: no corpus at $corpus"; exit 0; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
repo="$work/site"; mkdir -p "$repo"
cp -r "$corpus/tldr" "$repo/tldr"; cp -r "$corpus/tldr" "$repo/tldr-copy"
cp -r "$corpus/tldr-intl" "$repo/tldr-intl"; cp -r "$corpus/book" "$repo/book"
cp -r "$corpus/es-docs" "$repo/es-docs"; cp -r "$corpus/es-course/pln" "$repo/pln"
# As in a real checkout, the pages were written before git last looked
# (files written in the second git writes its index are "racy" to git).
find "$repo" -type f -exec touch -d '2 hours ago' {} +
(cd "$repo" && git init -q && git remote add origin https://github.com/mcd-unison/pln.git \
   && git add -A && git -c user.name=x -c user.email=x@x commit -qm corpus)
sleep 3
page=pln/docs/material2.md
alone="$work/alone"; mkdir -p "$alone"; cp "$repo/$page" "$alone/page.md"
echo "checkout: $(cd "$repo" && git ls-files '*.md' | wc -l) Markdown pages; page: $page"
export PAGELINT_CACHE_DIR="$work/cache"
median() { # DIR ARGS... -> milliseconds
  local dir=$1; shift
  python3 - "$dir" "$runs" "$@" <<'PY'
import resource, statistics, subprocess, sys, time
d, n, cmd = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
ts, cs = [], []
for _ in range(n):
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(cmd, cwd=d, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    ts.append((time.perf_counter() - t) * 1000)
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cs.append((r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime) * 1000)
# Wall time, then CPU time (user + system: steadier on a busy machine).
print(f"{statistics.median(ts):.1f} {statistics.median(cs):.1f}")
PY
}
opened() { # DIR ARGS... -> Markdown files opened
  local dir=$1; shift
  if command -v strace >/dev/null; then
    (cd "$dir" && strace -f -e trace=openat,open -o "$work/trace" "$@" >/dev/null 2>&1 || true)
    grep -v ENOENT "$work/trace" | grep -c '\.md"' || true
  else echo "?"; fi
}
# Warm: a run over the whole checkout leaves the cache.
(cd "$repo" && "$bin" . >/dev/null 2>&1 || true)
# The first one-page run after the whole run: the cache as that run left
# it, restored before each timing (outside it).
cp -r "$work/cache" "$work/cache-after-whole"
first_ms=$(python3 - "$repo" "$runs" "$work" "$bin" "$page" <<'PY'
import shutil, statistics, subprocess, sys, time
d, n, work, b, page = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
ts = []
for _ in range(n):
    shutil.rmtree(f"{work}/cache-first", ignore_errors=True)
    shutil.copytree(f"{work}/cache-after-whole", f"{work}/cache-first")
    env = {**__import__("os").environ, "PAGELINT_CACHE_DIR": f"{work}/cache-first"}
    t = time.perf_counter()
    subprocess.run([b, page], cwd=d, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    ts.append((time.perf_counter() - t) * 1000)
print(f"{statistics.median(ts):.1f}")
PY
)
# The page alone has its own cache, as a page outside any checkout would.
(cd "$alone" && PAGELINT_CACHE_DIR="$work/cache-alone" "$bin" page.md >/dev/null 2>&1 || true)
alone_ms=$(PAGELINT_CACHE_DIR="$work/cache-alone" median "$alone" "$bin" page.md)
warm_ms=$(median "$repo" "$bin" "$page")
cold_ms=$(median "$repo" "$bin" --no-cache "$page")
alone_cold_ms=$(median "$alone" "$bin" --no-cache page.md)
rumdl_ms="-"
if command -v rumdl >/dev/null; then rumdl_ms=$(median "$repo" rumdl check --no-cache "$page"); fi
whole_ms=$(median "$repo" "$bin" --no-cache . 2>/dev/null)
printf '%-40s %8s %8s %8s\n' case "wall ms" "cpu ms" "md opened"
printf '%-40s %8s %8s %8s\n' "page alone (warm cache)" ${alone_ms% *} ${alone_ms#* } "$(PAGELINT_CACHE_DIR="$work/cache-alone" opened "$alone" "$bin" page.md)"
printf '%-40s %8s %8s %8s\n' "page alone (--no-cache)" ${alone_cold_ms% *} ${alone_cold_ms#* } "$(opened "$alone" "$bin" --no-cache page.md)"
printf '%-40s %8s\n' "page in checkout, first after whole run" "$first_ms"
printf '%-40s %8s %8s %8s\n' "page in checkout, warm (repeated)" ${warm_ms% *} ${warm_ms#* } "$(opened "$repo" "$bin" "$page")"
printf '%-40s %8s %8s %8s\n' "page in checkout, cold (--no-cache)" ${cold_ms% *} ${cold_ms#* } "$(opened "$repo" "$bin" --no-cache "$page")"
printf '%-40s %8s %8s\n' "rumdl check --no-cache, same page" ${rumdl_ms% *} ${rumdl_ms#* }
printf '%-40s %8s %8s\n' "whole checkout, --no-cache" ${whole_ms% *} ${whole_ms#* }
python3 - "$warm_ms" "$alone_ms" "$cold_ms" "$rumdl_ms" <<'PY'
import sys
w, a, c, r = (v.split() for v in sys.argv[1:])
for i, what in ((0, "wall"), (1, "cpu")):
    print(f"{what}: warm / alone = {float(w[i])/float(a[i]):.2f} (budget 1.5)", end="")
    if r != ["-"]:
        print(f", cold / rumdl = {float(c[i])/float(r[i]):.2f} (budget 1.0)", end="")
    print()
PY

#!/usr/bin/env bash
# Wall time of pagelint beside rumdl and markdownlint-cli2 on the corpus, in
# one run on the same machine, with every default rule on. Prints medians
# and ratios. Needs hyperfine (apt-get install hyperfine); rumdl
# (pip install rumdl) and markdownlint-cli2 (npm install markdownlint-cli2)
# are timed when installed.
#
#   scripts/bench-corpus.sh [CORPUS_DIR]     (default: ../shared/corpus)
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-../shared/corpus}
[ -d "$corpus/tldr" ] || { echo "no corpus at $corpus: nothing to measure"; exit 0; }
command -v hyperfine >/dev/null || { echo "hyperfine is needed (apt-get install hyperfine)"; exit 1; }
cargo build --release --quiet
pagelint=$(pwd)/target/release/pagelint
mdl=$(command -v markdownlint-cli2 || ls node_modules/.bin/markdownlint-cli2 2>/dev/null || true)
json=$(mktemp -d)
for set in tldr book; do
  dir="$corpus/$set"
  [ -d "$dir" ] || continue
  cmds=("$pagelint --no-cache -q ." )
  $pagelint --help | grep -q -- --no-cache || cmds=("$pagelint -q .")
  names=(pagelint)
  if command -v rumdl >/dev/null; then cmds+=("rumdl check --no-cache --no-config ."); names+=(rumdl); fi
  if [ -n "$mdl" ]; then cmds+=("$mdl '**/*.md'"); names+=(markdownlint-cli2); fi
  (cd "$dir" && hyperfine -N -i -w 2 -r "${RUNS:-10}" --export-json "$json/$set.json" "${cmds[@]}" >/dev/null)
  python3 - "$json/$set.json" "$set" "${names[@]}" <<'PY'
import json, statistics, sys
data = json.load(open(sys.argv[1]))
names = sys.argv[3:]
med = {n: statistics.median(r["times"]) for n, r in zip(names, data["results"])}
base = med["pagelint"]
print(f"{sys.argv[2]}:")
for n in names:
    ratio = med[n] / base
    print(f"  {n:<18} median {med[n]*1000:8.1f} ms   {ratio:5.2f}× pagelint")
if "rumdl" in med:
    print(f"  pagelint / rumdl = {base / med['rumdl']:.2f} (target ≤ 0.50)")
PY
done
# One page, start-up and dictionaries included (the pre-commit case).
page="$corpus/es-course/pln/docs/material2.md"
if [ -f "$page" ] && command -v rumdl >/dev/null; then
  hyperfine -N -i -w 3 -r 30 --export-json "$json/one.json" "$pagelint -q $page" "rumdl check --no-cache --no-config $page" >/dev/null
  python3 - "$json/one.json" <<'PY'
import json, statistics, sys
r = json.load(open(sys.argv[1]))["results"]
a, b = (statistics.median(x["times"]) for x in r)
print(f"one page: pagelint {a*1000:.1f} ms, rumdl {b*1000:.1f} ms, ratio {a/b:.2f} (target ≤ 1)")
PY
fi
rm -rf "$json"

#!/usr/bin/env bash
# The findings of a pagelint binary on every folder of ../shared/corpus, as
# users meet them: each folder as it is, and each course site as a git
# checkout with its real `origin` (so that repository-aware rules run).
# Writes one sorted TSV per folder (path, line, column, code, message) to
# OUT, for comparing two builds:
#
#   scripts/corpus-findings.sh BINARY OUT [CORPUS]     record
#   scripts/corpus-findings.sh --compare OLD NEW       per-rule counts and the lines that differ
set -euo pipefail
if [ "${1:-}" = "--compare" ]; then
  python3 - "$2" "$3" <<'PY'
import collections, pathlib, sys
old, new = map(pathlib.Path, sys.argv[1:3])
total = 0
for f in sorted(set(p.name for p in old.glob("*.tsv")) | set(p.name for p in new.glob("*.tsv"))):
    a = (old / f).read_text().splitlines() if (old / f).exists() else []
    b = (new / f).read_text().splitlines() if (new / f).exists() else []
    ca = collections.Counter(l.split("\t")[3] for l in a)
    cb = collections.Counter(l.split("\t")[3] for l in b)
    sa, sb = set(a), set(b)
    gone, added = sorted(sa - sb), sorted(sb - sa)
    total += len(gone) + len(added)
    print(f"== {f[:-4]}: {len(a)} → {len(b)} findings, {len(gone)} gone, {len(added)} new")
    for code in sorted(set(ca) | set(cb)):
        if ca[code] != cb[code]:
            print(f"   {code}: {ca[code]} → {cb[code]}")
    for l in gone[:40]:
        print("   - " + l)
    for l in added[:40]:
        print("   + " + l)
print(f"{total} differences")
PY
  exit 0
fi
bin=$(realpath "$1"); out=$(realpath -m "$2"); corpus=$(realpath "${3:-$(dirname "$0")/../../shared/corpus}")
[ -d "$corpus" ] || { echo "skipped: no corpus at $corpus"; exit 0; }
mkdir -p "$out"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
run() { # NAME DIR
  (cd "$2" && "$bin" --no-cache --output-format json . 2>"$work/err" || true) >"$work/$1.json"
  python3 - "$work/$1.json" >"$out/$1.tsv" <<'PY'
import json, sys
raw = open(sys.argv[1]).read().strip() or "[]"
rows = json.loads(raw)
for d in rows:
    msg = d["message"].replace("\t", " ").replace("\n", " ")
    print(f'{d["path"]}\t{d["line"]}\t{d["column"]}\t{d["code"]}\t{msg}')
PY
  sort -o "$out/$1.tsv" "$out/$1.tsv"
  echo "$1: $(wc -l <"$out/$1.tsv") findings"
}
for d in "$corpus"/*/; do
  run "$(basename "$d")" "$d"
done
for site in "$corpus"/es-course/*/; do
  name=$(basename "$site")
  cp -r "$site" "$work/$name"
  (cd "$work/$name" && git init -q && git remote add origin "https://github.com/mcd-unison/$name.git" \
     && git add -A && git -c user.name=x -c user.email=x@x commit -qm corpus)
  run "checkout-$name" "$work/$name"
done

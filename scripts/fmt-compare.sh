#!/usr/bin/env bash
# pagelint fmt beside mdformat (+ mdformat-gfm, mdformat-frontmatter),
# prettier and rumdl fmt on the corpus (issue 15 item 6): pages changed,
# lines changed, pages whose rendered HTML changed (one renderer for all:
# markdown-it-py), idempotence, wall time. The table is docs/fmt.md's.
#
#   scripts/fmt-compare.sh [FOLDER...]     (default: every corpus folder)
#
# Installs the other tools into target/fmt-compare/ (a Python venv from
# PyPI, prettier from npm), builds pagelint in release mode, works on
# copies in $WORK (default /tmp/pagelint-fmt-compare); results in
# target/fmt-compare/results.json. TOOLS="pagelint fmt,mdformat" runs some.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT="$ROOT/target/fmt-compare"
CORPUS="${CORPUS:-$ROOT/../shared/corpus}"
mkdir -p "$OUT"
if [ ! -x "$OUT/venv/bin/mdformat" ] || [ ! -x "$OUT/venv/bin/rumdl" ]; then
  python3 -m venv "$OUT/venv"
  "$OUT/venv/bin/pip" install -q mdformat mdformat-gfm mdformat-frontmatter rumdl \
    markdown-it-py mdit-py-plugins
fi
if [ ! -x "$OUT/npm/node_modules/.bin/prettier" ]; then
  mkdir -p "$OUT/npm"
  npm install --prefix "$OUT/npm" --no-audit --no-fund prettier >/dev/null
fi
(cd "$ROOT" && cargo build --release --quiet)
export PAGELINT="$ROOT/target/release/pagelint"
WORK="${WORK:-/tmp/pagelint-fmt-compare}"
export WORK
if [ "$#" -eq 0 ]; then
  # Every corpus folder, and pages none of the tools was written against:
  # every fixture page of the formatting rules (each made to show one
  # style problem) and of fixtures/fmt.
  gen="$WORK/generated/fixtures"
  rm -rf "$gen" && mkdir -p "$gen"
  for code in $(sed -n '/^rules = \[/,/^\]/p' "$ROOT/rules/fmt.toml" | grep -o 'MD[0-9]*'); do
    for f in "$ROOT"/fixtures/rules/"$code"/*/*.md; do
      [ -e "$f" ] && cp "$f" "$gen/$code-$(basename "$(dirname "$f")")-$(basename "$f")"
    done
  done
  for f in "$ROOT"/fixtures/fmt/*.md; do
    case "$f" in *.out.md) ;; *) cp "$f" "$gen/fmt-$(basename "$f")" ;; esac
  done
  set -- $(cd "$CORPUS" && ls -d */ | tr -d /) "$gen"
fi
echo "pagelint $("$PAGELINT" --version | cut -d' ' -f2), $("$OUT/venv/bin/mdformat" --version), prettier $("$OUT/npm/node_modules/.bin/prettier" --version), $("$OUT/venv/bin/rumdl" --version)"
"$OUT/venv/bin/python" "$ROOT/scripts/fmt-compare.py" "$OUT" "$CORPUS" "$@"

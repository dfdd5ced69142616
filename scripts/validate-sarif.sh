#!/usr/bin/env bash
# pagelint's SARIF output checked by Microsoft's SARIF Multitool (npm
# @microsoft/sarif-multitool, a self-contained .NET build: no .NET needed),
# with its SARIF 2.1.0 schema and rule checks and the GitHub code scanning
# ingestion rules (`--rule-kind "Sarif;Gh"`). Run by .ci/run.
#
# Usage: scripts/validate-sarif.sh [PAGELINT_BINARY]
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BIN="${1:-$ROOT/target/debug/pagelint}"
WORK="$ROOT/target/sarif-validation"
MULTITOOL_VERSION="5.7.0"
mkdir -p "$WORK"

fail() {
    echo "validate-sarif: FAILED: $*" >&2
    exit 1
}

[ -x "$BIN" ] || fail "no pagelint binary at $BIN (cargo build first)"
BIN="$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")"

TOOL="$WORK/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"
if [ ! -f "$TOOL" ] ||
    ! grep -q "\"version\": \"$MULTITOOL_VERSION\"" \
        "$WORK/node_modules/@microsoft/sarif-multitool/package.json" 2>/dev/null; then
    (cd "$WORK" && npm install --no-audit --no-fund --silent --no-save \
        "@microsoft/sarif-multitool@$MULTITOOL_VERSION")
fi
# npm may not run the package's postinstall script (chmod u+x).
chmod u+x "$TOOL"

# validate FILE: prints the problems at level error or warning; returns
# their count as the status (0: valid).
validate() {
    local file="$1" out="$WORK/$(basename "$1").validation.sarif"
    "$TOOL" validate "$file" --rule-kind "Sarif;Gh" --level "Error;Warning" \
        --output "$out" --log ForceOverwrite --quiet >/dev/null 2>&1 || true
    [ -f "$out" ] || fail "the multitool wrote no report for $file"
    python3 - "$out" <<'EOF'
import json, sys
log = json.load(open(sys.argv[1]))
bad = []
for run in log["runs"]:
    for note in run.get("invocations", [{}])[0].get("toolExecutionNotifications", []) or []:
        if note.get("level") == "error":
            bad.append(f"tool error: {note['message']['text']}")
    for r in run.get("results", []):
        if r.get("level", "warning") in ("error", "warning"):
            text = r["message"].get("text") or " ".join(r["message"].get("arguments", []))
            bad.append(f"{r['ruleId']} {r.get('level', 'warning')}: {text}")
for b in bad:
    print("   ", b[:400])
sys.exit(min(len(bad), 100))
EOF
}

# Inputs: every rule's fixtures (every rule fires, with fixes), the user's
# page when ../shared is there, paths with characters that need encoding,
# an absolute path, a run with no findings.
CASES="$WORK/cases"
rm -rf "$CASES"
mkdir -p "$CASES/docs/sub dir"
cp -r "$ROOT/fixtures/rules" "$CASES/docs/rules"
if [ -f "$ROOT/../shared/seed/course-page.md" ]; then
    cp "$ROOT/../shared/seed/course-page.md" "$CASES/docs/course-page.md"
fi
printf '# Título\n\nHola   \nmundo\n\n\n\nfin' >"$CASES/docs/sub dir/a,b:c%ñ.md"
printf '# Bien\n\nTexto.\n' >"$CASES/clean.md"

checked=0
check() { # name, pagelint arguments...
    local name="$1"
    shift
    local file="$WORK/$name.sarif"
    (cd "$CASES" && "$BIN" --no-cache --output-format sarif "$@" >"$file" 2>"$file.stderr") || true
    python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["version"]=="2.1.0"' "$file" ||
        fail "$name: not a SARIF 2.1.0 document"
    if validate "$file"; then
        echo "validate-sarif: $name: valid ($(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["runs"][0]["results"]))' "$file") results)"
    else
        fail "$name: the SARIF Multitool reports problems (above)"
    fi
    checked=$((checked + 1))
}

check pages docs
check encoded-paths "docs/sub dir"
check absolute-path "$CASES/docs/sub dir/a,b:c%ñ.md"
check no-findings clean.md
check all-rules --select ALL .

# The validator must catch a broken log (otherwise the above proves nothing):
# a result without a location region and an absolute path as a relative
# reference, a rule index out of range.
python3 - "$WORK/pages.sarif" "$WORK/broken.sarif" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
r = d["runs"][0]["results"][0]
r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] = "/abs/page.md"
del r["locations"][0]["physicalLocation"]["region"]
r["ruleIndex"] = 999
json.dump(d, open(sys.argv[2], "w"))
EOF
if validate "$WORK/broken.sarif" >/dev/null; then
    fail "the multitool accepted a broken SARIF log: the validation is not working"
fi
echo "validate-sarif: $checked logs valid; a broken one rejected"
echo "sarif: $((checked + 1)) passed, 0 failed"

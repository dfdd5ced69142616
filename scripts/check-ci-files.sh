#!/usr/bin/env bash
# The files users copy into their CI, checked against the schemas GitHub's
# files follow (check-jsonschema from PyPI, with its vendored SchemaStore
# schemas: no network at check time), and the pre-commit manifest checked by
# pre-commit itself. Run by .ci/run.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="$ROOT/target/ci-files"
CHECK_JSONSCHEMA_VERSION="0.39.0"
PRE_COMMIT_VERSION="4.7.0"
mkdir -p "$WORK"

if [ ! -x "$WORK/venv/bin/check-jsonschema" ] ||
    ! "$WORK/venv/bin/pip" show check-jsonschema 2>/dev/null | grep -qx "Version: $CHECK_JSONSCHEMA_VERSION"; then
    rm -rf "$WORK/venv"
    python3 -m venv "$WORK/venv"
    "$WORK/venv/bin/pip" install --quiet --disable-pip-version-check \
        "check-jsonschema==$CHECK_JSONSCHEMA_VERSION" "pre-commit==$PRE_COMMIT_VERSION"
fi
cd "$ROOT"
"$WORK/venv/bin/check-jsonschema" --builtin-schema vendor.github-workflows docs/github-workflow.yml
"$WORK/venv/bin/check-jsonschema" --builtin-schema vendor.github-actions action.yml
# The validator rejects a broken workflow (else the above proves nothing).
sed 's/runs-on:/runs_on:/' docs/github-workflow.yml >"$WORK/broken.yml"
if "$WORK/venv/bin/check-jsonschema" --builtin-schema vendor.github-workflows \
    "$WORK/broken.yml" >/dev/null 2>&1; then
    echo "check-ci-files: FAILED: a broken workflow passed the schema" >&2
    exit 1
fi
"$WORK/venv/bin/pre-commit" validate-manifest .pre-commit-hooks.yaml
# The README's snippet parses as a pre-commit configuration.
python3 - "$ROOT/docs/pre-commit.md" "$WORK/snippet.yaml" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
blocks = re.findall(r"```yaml\n(.*?)```", text, re.S)
snippet = next(b for b in blocks if "repos:" in b)
open(sys.argv[2], "w").write(snippet)
PY
"$WORK/venv/bin/pre-commit" validate-config "$WORK/snippet.yaml"
echo "check-ci-files: workflow, action, hook manifest and README snippet valid"

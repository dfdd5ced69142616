#!/usr/bin/env bash
# The Python wheel of pagelint (issue 16), tested as a user installs it:
# maturin from PyPI (in a venv of its own under target/) builds the wheel
# (`maturin build --release`, pyproject.toml), the wheel is installed into a
# fresh venv, and `pagelint` runs there with `env -i PATH=<venv>:/usr/bin:/bin`:
# no cargo, no rustc, no ~/.cargo/bin. It must give the same findings as the
# debug build on the example page, and answer as a language server. Then
# scripts/test-pre-commit-wheel.sh runs pre-commit's `language: python`
# hooks against this wheel. Run by .ci/run; prints how long each step took.
#
# The release build reuses a release target folder: PAGELINT_WHEEL_TARGET_DIR
# if set, else the one scripts/test-pre-commit.sh fills (its `cargo install`
# is a release build of the same dependencies, run just before in .ci/run),
# else target/. Only pagelint itself is then compiled again.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="$ROOT/target/wheel-test"
MATURIN_VERSION="1.16.0"
CHECK_JSONSCHEMA_VERSION="0.39.0"
mkdir -p "$WORK"

fail() {
    echo "test-wheel: FAILED: $*" >&2
    exit 1
}

VERSION="$(sed -n 's/^version = "\(.*\)"/\1/p' "$ROOT/Cargo.toml" | head -n 1)"
[ -n "$VERSION" ] || fail "no version in Cargo.toml"
# The pre-commit mirror's package is pagelint's version and pins it.
grep -qx "version = \"$VERSION\"" "$ROOT/pre-commit-mirror/pyproject.toml" ||
    fail "pre-commit-mirror/pyproject.toml: version is not $VERSION"
grep -qF "\"pagelint==$VERSION\"" "$ROOT/pre-commit-mirror/pyproject.toml" ||
    fail "pre-commit-mirror/pyproject.toml: does not depend on pagelint==$VERSION"

# maturin and check-jsonschema, from PyPI, in a venv of their own.
if [ ! -x "$WORK/tools/bin/maturin" ] ||
    [ "$("$WORK/tools/bin/maturin" --version)" != "maturin $MATURIN_VERSION" ] ||
    ! "$WORK/tools/bin/pip" show check-jsonschema 2>/dev/null | grep -qx "Version: $CHECK_JSONSCHEMA_VERSION"; then
    rm -rf "$WORK/tools"
    python3 -m venv "$WORK/tools"
    "$WORK/tools/bin/pip" install --quiet --disable-pip-version-check \
        "maturin==$MATURIN_VERSION" "check-jsonschema==$CHECK_JSONSCHEMA_VERSION"
fi

# The release workflow: GitHub's schema (SchemaStore's, vendored by
# check-jsonschema: no network), a broken copy rejected (else the check
# proves nothing), and the platforms issue 16 asks for.
RELEASE="$ROOT/.github/workflows/release.yml"
"$WORK/tools/bin/check-jsonschema" --builtin-schema vendor.github-workflows "$RELEASE"
sed 's/runs-on:/runs_on:/' "$RELEASE" >"$WORK/broken-release.yml"
if "$WORK/tools/bin/check-jsonschema" --builtin-schema vendor.github-workflows \
    "$WORK/broken-release.yml" >/dev/null 2>&1; then
    fail "a broken release workflow passed the schema"
fi
"$WORK/tools/bin/python" - "$RELEASE" <<'PY' || fail "the release workflow misses a platform"
import sys
from ruamel.yaml import YAML
jobs = YAML(typ="safe").load(open(sys.argv[1]))["jobs"]
def builds(job):
    return [s["with"] for s in jobs[job]["steps"] if "maturin-action" in s.get("uses", "")]
linux = jobs["linux"]
assert sorted(linux["strategy"]["matrix"]["target"]) == ["aarch64", "x86_64"], linux
assert all(w["manylinux"] == "2014" for w in builds("linux"))
assert {i["target"] for i in jobs["macos"]["strategy"]["matrix"]["include"]} == {"x86_64", "aarch64"}
assert [w["target"] for w in builds("windows")] == ["x64"]
assert [w["command"] for w in builds("sdist")] == ["sdist"]
for job in ("linux", "macos", "windows"):
    assert all("--release" in w["args"] and "--locked" in w["args"] for w in builds(job)), job
assert set(jobs["publish"]["needs"]) == {"linux", "macos", "windows", "sdist"}
PY
echo "test-wheel: release workflow valid (schema; Linux x86_64 and aarch64 manylinux2014, macOS x86_64 and arm64, Windows x64, sdist)"

TARGET_DIR="${PAGELINT_WHEEL_TARGET_DIR:-}"
if [ -z "$TARGET_DIR" ]; then
    if [ -d "$ROOT/target/pre-commit-test/cargo-target/release" ]; then
        TARGET_DIR="$ROOT/target/pre-commit-test/cargo-target"
    else
        TARGET_DIR="$ROOT/target"
    fi
fi
DIST="$WORK/dist"
rm -rf "$DIST"
start=$(date +%s)
(cd "$ROOT" && "$WORK/tools/bin/maturin" build --release --locked \
    --target-dir "$TARGET_DIR" --out "$DIST")
echo "test-wheel: maturin build --release took $(($(date +%s) - start))s (target folder $TARGET_DIR)"
WHEEL="$(ls "$DIST"/pagelint-"$VERSION"-*.whl)"
[ "$(echo "$WHEEL" | wc -l)" -eq 1 ] || fail "expected one wheel in $DIST: $WHEEL"
echo "test-wheel: $(basename "$WHEEL") ($(du -k "$WHEEL" | cut -f1) kB)"

# A fresh venv; the wheel only (no index).
VENV="$WORK/venv"
rm -rf "$VENV"
python3 -m venv "$VENV"
start=$(date +%s)
"$VENV/bin/pip" install --quiet --disable-pip-version-check --no-index "$WHEEL"
echo "test-wheel: pip install of the wheel took $(($(date +%s) - start))s"

# From here: nothing but the venv and the system's own tools.
HOME_DIR="$(mktemp -d)"
trap 'rm -rf "$HOME_DIR"' EXIT
clean() { env -i PATH="$VENV/bin:/usr/bin:/bin" HOME="$HOME_DIR" LANG=C.UTF-8 "$@"; }
if clean sh -c 'command -v cargo || command -v rustc'; then
    fail "a Rust toolchain is on the clean PATH; the test would prove nothing"
fi
[ "$(clean sh -c 'command -v pagelint')" = "$VENV/bin/pagelint" ] ||
    fail "pagelint is not the venv's"
[ "$(clean pagelint --version)" = "pagelint $VERSION" ] || fail "pagelint --version: $(clean pagelint --version)"
clean pagelint rules | grep -q "^ENC001 " || fail "pagelint rules does not list ENC001"

# The example page: the same findings as the debug build, exit status 1.
PAGE="$ROOT/fixtures/examples/course-page.md"
set +e
got="$(cd "$ROOT" && clean pagelint --no-cache --output-format concise --quiet "$PAGE")"
status=$?
set -e
[ "$status" -eq 1 ] || fail "exit status $status on the example page (1 expected)"
for code in ENC001 LNK001 TYP001 MD009; do
    grep -q ": $code " <<<"$got" || fail "no $code on the example page"
done
if [ -x "$ROOT/target/debug/pagelint" ]; then
    want="$(cd "$ROOT" && PAGELINT_NO_CACHE=1 "$ROOT/target/debug/pagelint" \
        --output-format concise --quiet "$PAGE" || true)"
    [ "$got" = "$want" ] || fail "the wheel's findings differ from the debug build's:
$(diff <(echo "$want") <(echo "$got") | head -n 20)"
fi
echo "test-wheel: the wheel's pagelint found $(wc -l <<<"$got") problems on the example page, as the debug build"

# The language server is in the same binary: initialize, shutdown, exit.
clean python3 - "$VENV/bin/pagelint" <<'PY' || fail "pagelint server did not answer"
import json, subprocess, sys
p = subprocess.Popen([sys.argv[1], "server"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
def send(m):
    b = json.dumps(m).encode()
    p.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(b), b))
    p.stdin.flush()
def read():
    n = None
    while True:
        line = p.stdout.readline().strip()
        if not line:
            break
        k, v = line.split(b": ")
        if k.lower() == b"content-length":
            n = int(v)
    return json.loads(p.stdout.read(n))
send({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}})
r = read()
assert r["result"]["serverInfo"]["name"] == "pagelint", r
send({"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
assert read()["id"] == 2
send({"jsonrpc": "2.0", "method": "exit"})
assert p.wait(timeout=30) == 0
PY
echo "test-wheel: pagelint server answered from the wheel"

bash "$ROOT/scripts/test-pre-commit-wheel.sh" "$DIST"
echo "wheel: 1 passed, 0 failed"

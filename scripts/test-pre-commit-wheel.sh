#!/usr/bin/env bash
# pre-commit's `language: python` hooks for pagelint, tested for real
# against a locally built wheel (issue 16): no Rust toolchain on the PATH,
# no package index (pip finds pagelint only in the wheel folder given as
# $1, beside setuptools, which the hook package's build needs). Two shapes:
#
# 1. the mirror repository (pre-commit-mirror/, published as
#    pagelint/pagelint-pre-commit): a `.pre-commit-config.yaml` naming it;
# 2. a `repo: local` hook with `additional_dependencies: [pagelint==X]`,
#    for a project that wants no second repository.
#
# Prints how long pre-commit took to install each hook environment. Called
# by scripts/test-wheel.sh with the folder of the wheel it built.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="$ROOT/target/wheel-test"
PRE_COMMIT_VERSION="4.7.0"
DIST="$(cd "${1:?usage: test-pre-commit-wheel.sh WHEEL_FOLDER}" && pwd)"
VERSION="$(sed -n 's/^version = "\(.*\)"/\1/p' "$ROOT/Cargo.toml" | head -n 1)"

fail() {
    echo "test-pre-commit-wheel: FAILED: $*" >&2
    exit 1
}

# pre-commit from PyPI, in its own venv.
if [ ! -x "$WORK/pre-commit/bin/pre-commit" ] ||
    [ "$("$WORK/pre-commit/bin/pre-commit" --version)" != "pre-commit $PRE_COMMIT_VERSION" ]; then
    rm -rf "$WORK/pre-commit"
    python3 -m venv "$WORK/pre-commit"
    "$WORK/pre-commit/bin/pip" install --quiet --disable-pip-version-check \
        "pre-commit==$PRE_COMMIT_VERSION"
fi
PRE_COMMIT="$WORK/pre-commit/bin/pre-commit"
"$PRE_COMMIT" validate-manifest "$ROOT/pre-commit-mirror/.pre-commit-hooks.yaml"

# The wheel folder, with setuptools for the hook package's build (from
# PyPI, once): the hooks' installs then need no index at all.
WHEELS="$WORK/wheelhouse"
mkdir -p "$WHEELS"
if ! ls "$WHEELS"/setuptools-*.whl >/dev/null 2>&1; then
    "$WORK/pre-commit/bin/pip" download --quiet --disable-pip-version-check \
        --only-binary :all: --no-deps -d "$WHEELS" "setuptools>=70.1"
fi
rm -f "$WHEELS"/pagelint-*.whl
cp "$DIST"/pagelint-*.whl "$WHEELS"/

SCRATCH="$(mktemp -d)"
trap 'rm -rf "$SCRATCH"' EXIT
# The mirror repository, as a git repository of its own.
MIRROR="$SCRATCH/mirror"
cp -r "$ROOT/pre-commit-mirror" "$MIRROR"
git -C "$MIRROR" init --quiet
git -C "$MIRROR" add -A
git -C "$MIRROR" -c user.email=t@example.org -c user.name=t \
    commit --quiet --no-verify -m "pagelint-pre-commit $VERSION"
MIRROR_REV="$(git -C "$MIRROR" rev-parse HEAD)"

# pre-commit as a user without Rust runs it: a clean environment.
PRE_COMMIT_HOME="$SCRATCH/pre-commit-home"
run() {
    env -i PATH="$WORK/pre-commit/bin:/usr/bin:/bin" HOME="$SCRATCH/home" LANG=C.UTF-8 \
        PRE_COMMIT_HOME="$PRE_COMMIT_HOME" PRE_COMMIT_COLOR=never \
        PIP_NO_INDEX=1 PIP_FIND_LINKS="$WHEELS" PIP_DISABLE_PIP_VERSION_CHECK=1 \
        PAGELINT_NO_CACHE=1 "$@"
}
if run sh -c 'command -v cargo || command -v rustc'; then
    fail "a Rust toolchain is on the clean PATH; the test would prove nothing"
fi

REPO="$SCRATCH/repo"
mkdir -p "$REPO" "$SCRATCH/home"
cd "$REPO"
git init --quiet
git config user.email test@example.org
git config user.name "pre-commit test"
git config commit.gpgsign false
printf '# Título\n\nHola   \nmundo\n\n\n\nfin' >page.md
printf '# Otra página\n\nTexto.\n' >clean.md
FIXED=$'# Título\n\nHola  \nmundo\n\nfin\n'
git add page.md clean.md
git commit --quiet --no-verify -m pages

check_hooks() { # label: the checking hook fails on page.md, passes on clean.md; the fixer fixes
    local label="$1" out status
    set +e
    out="$(run "$PRE_COMMIT" run pagelint --verbose --files page.md 2>&1)"
    status=$?
    set -e
    [ "$status" -ne 0 ] || fail "$label: the checking hook passed on page.md"
    for want in "page.md:3:5: MD009" "page.md:6:1: MD012" "page.md:8:4: MD047"; do
        grep -qF "$want" <<<"$out" || fail "$label: no '$want' in: $out"
    done
    out="$(run "$PRE_COMMIT" run pagelint --files clean.md 2>&1)" ||
        fail "$label: the checking hook failed on clean.md: $out"
    set +e
    out="$(run "$PRE_COMMIT" run pagelint-fix --files page.md 2>&1)"
    status=$?
    set -e
    [ "$status" -ne 0 ] || fail "$label: pre-commit did not notice that pagelint-fix changed page.md"
    [ "$(cat page.md)"$'\n' = "$FIXED" ] || fail "$label: page.md after pagelint-fix: $(cat -A page.md)"
    run "$PRE_COMMIT" run pagelint-fix --files page.md >/dev/null ||
        fail "$label: pagelint-fix failed on the fixed page"
    git checkout --quiet page.md
}

# 1. The mirror repository.
cat >.pre-commit-config.yaml <<EOF
repos:
  - repo: $MIRROR
    rev: $MIRROR_REV
    hooks:
      - id: pagelint
      - id: pagelint-fix
EOF
start=$(date +%s%N)
run "$PRE_COMMIT" install-hooks || fail "installing the mirror's hooks"
ms=$((($(date +%s%N) - start) / 1000000))
check_hooks "mirror"
echo "pre-commit (language: python, mirror repository): hook environment installed in ${ms} ms"

# 2. A local hook with the wheel as an additional dependency.
cat >.pre-commit-config.yaml <<EOF
repos:
  - repo: local
    hooks:
      - id: pagelint
        name: pagelint
        entry: pagelint
        language: python
        additional_dependencies: ["pagelint==$VERSION"]
        types: [markdown]
        require_serial: true
      - id: pagelint-fix
        name: pagelint (fix)
        entry: pagelint --fix
        language: python
        additional_dependencies: ["pagelint==$VERSION"]
        types: [markdown]
        require_serial: true
EOF
run "$PRE_COMMIT" validate-config .pre-commit-config.yaml
start=$(date +%s%N)
run "$PRE_COMMIT" install-hooks || fail "installing the local hooks"
ms=$((($(date +%s%N) - start) / 1000000))
check_hooks "local"
echo "pre-commit (language: python, repo: local + additional_dependencies): hook environment installed in ${ms} ms"

# The documented snippets parse as pre-commit configurations.
python3 - "$ROOT/docs/pre-commit.md" "$SCRATCH/snippets" <<'PY'
import os, re, sys
text = open(sys.argv[1]).read()
os.makedirs(sys.argv[2], exist_ok=True)
blocks = [b for b in re.findall(r"```yaml\n(.*?)```", text, re.S) if "language: python" in b or "pagelint-pre-commit" in b]
assert len(blocks) >= 2, "docs/pre-commit.md shows no language: python configuration"
for i, b in enumerate(blocks):
    open(os.path.join(sys.argv[2], f"{i}.yaml"), "w").write(b)
PY
for f in "$SCRATCH"/snippets/*.yaml; do
    "$PRE_COMMIT" validate-config "$f" >/dev/null || fail "docs/pre-commit.md snippet $(basename "$f") is invalid"
done
echo "pre-commit-wheel: 2 passed, 0 failed"

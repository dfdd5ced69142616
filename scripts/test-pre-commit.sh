#!/usr/bin/env bash
# The pre-commit hooks of .pre-commit-hooks.yaml, tested for real: pre-commit
# from PyPI (in a venv under target/), with this checkout as the hooks'
# repository (pre-commit builds pagelint with `cargo install`, as a user's
# pre-commit does), in a throwaway git repository with pages that have
# problems. Run by .ci/run; prints how long the hook's build took.
#
# The hooks are used through a `.pre-commit-config.yaml` (the one
# docs/pre-commit.md tells users to write) naming the checkout's HEAD or,
# when tracked files have uncommitted changes, a shadow commit of them (as
# `try-repo` would); pre-commit builds the hook environment once for all
# the checks (`try-repo` builds it again for each call: three release
# builds of pagelint where one does).
# CARGO_TARGET_DIR is shared by these builds and is the checkout's own
# `target/` (PAGELINT_HOOK_TARGET_DIR chooses another): pre-commit's
# `cargo install` reuses the dependencies that `cargo build --release`
# compiled there (.ci/run builds it first), and compiles only pagelint
# itself. A user's first commit pays the cold build; `PAGELINT_HOOK_TARGET_DIR=
# $(mktemp -d)` measures it.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="$ROOT/target/pre-commit-test"
PRE_COMMIT_VERSION="4.7.0"
mkdir -p "$WORK"

fail() {
    echo "test-pre-commit: FAILED: $*" >&2
    exit 1
}

# pre-commit, from PyPI, in its own venv.
if [ ! -x "$WORK/venv/bin/pre-commit" ] ||
    [ "$("$WORK/venv/bin/pre-commit" --version)" != "pre-commit $PRE_COMMIT_VERSION" ]; then
    rm -rf "$WORK/venv"
    python3 -m venv "$WORK/venv"
    "$WORK/venv/bin/pip" install --quiet --disable-pip-version-check \
        "pre-commit==$PRE_COMMIT_VERSION"
fi
PRE_COMMIT="$WORK/venv/bin/pre-commit"
"$PRE_COMMIT" --version

# pre-commit's own store (clones and built hook environments) under target/.
export PRE_COMMIT_HOME="$WORK/home"
rm -rf "$PRE_COMMIT_HOME"
export CARGO_TARGET_DIR="${PAGELINT_HOOK_TARGET_DIR:-$ROOT/target}"

# The revision the config-file runs use: HEAD of a clean checkout (CI), or a
# shadow commit of the uncommitted changes to tracked files (as try-repo).
if git -C "$ROOT" diff --quiet HEAD; then
    HOOK_REPO="$ROOT"
else
    HOOK_REPO="$WORK/shadow-repo"
    rm -rf "$HOOK_REPO"
    git clone --quiet "$ROOT" "$HOOK_REPO"
    git -C "$ROOT" diff HEAD --binary | git -C "$HOOK_REPO" apply --index
    git -C "$HOOK_REPO" -c user.email=t@example.org -c user.name=t \
        commit --quiet --no-verify -m "uncommitted changes"
fi
HOOK_REV="$(git -C "$HOOK_REPO" rev-parse HEAD)"
# Hooks must behave as in a user's repository: no cache of ours in the way.
unset PAGELINT_CACHE_DIR PAGELINT_NO_CACHE
export PRE_COMMIT_COLOR=never

REPO="$(mktemp -d)"
trap 'rm -rf "$REPO"' EXIT
cd "$REPO"
git init --quiet
git config user.email test@example.org
git config user.name "pre-commit test"
git config commit.gpgsign false

# A page whose problems are all safely fixable (trailing spaces, blank
# lines, no final newline) and one that is fine.
printf '# Título\n\nHola   \nmundo\n\n\n\nfin' > page.md
printf '# Otra página\n\nTexto.\n' > clean.md
FIXED=$'# Título\n\nHola  \nmundo\n\nfin\n'
# A page with problems that is never given to the hooks.
printf 'Nunca   \n\n\n\nvisto' > ignored.md
git add page.md clean.md
git commit --quiet -m "pages" --no-verify

# The hooks as a user sets them up (docs/pre-commit.md): a
# .pre-commit-config.yaml naming this checkout at HOOK_REV. pre-commit builds
# the hook environment once (`cargo install` of pagelint) and every check
# below uses it. The fixing hook is in the manual stage, so that a commit
# runs the checking hook only.
cat >.pre-commit-config.yaml <<EOF
repos:
  - repo: $HOOK_REPO
    rev: $HOOK_REV
    hooks:
      - id: pagelint
      - id: pagelint-fix
        stages: [manual]
      - id: pagelint-fmt
        stages: [manual]
EOF
git add .pre-commit-config.yaml
git commit --quiet -m "pre-commit config" --no-verify

run_hook() { # hook, files...: prints pre-commit's output, returns its status
    local hook="$1"
    shift
    "$PRE_COMMIT" run "$hook" --hook-stage manual --verbose "$@" 2>&1
}

# 1. The checking hook fails and names the problems; only the files given.
start=$(date +%s)
set +e
out="$(run_hook pagelint --files page.md)"
status=$?
set -e
build_seconds=$(($(date +%s) - start))
echo "$out" | tail -n 20
[ "$status" -ne 0 ] || fail "the checking hook passed on page.md"
for want in "page.md:3:5: MD009" "page.md:6:1: MD012" "page.md:8:4: MD047" "Failed"; do
    grep -qF "$want" <<<"$out" || fail "the checking hook did not report '$want'"
done
grep -q "ignored.md" <<<"$out" && fail "the checking hook linted ignored.md"
[ "$(cat page.md)" = "$(printf '# Título\n\nHola   \nmundo\n\n\n\nfin')" ] ||
    fail "the checking hook changed page.md"
echo "pre-commit test: the hook's first run (cargo install of pagelint, then the check) took ${build_seconds}s"

# 2. The fixing hook repairs what is safely fixable (pre-commit reports the
#    hook as failed because it changed a file: that is how fixers work).
set +e
out="$(run_hook pagelint-fix --files page.md)"
status=$?
set -e
echo "$out" | tail -n 8
[ "$status" -ne 0 ] || fail "pre-commit did not notice that pagelint-fix changed page.md"
grep -q "files were modified by this hook" <<<"$out" ||
    fail "pre-commit did not report the fix"
[ "$(cat page.md)"$'\n' = "$FIXED" ] || fail "page.md after pagelint-fix: $(cat -A page.md)"
# Run again: nothing left to fix, the hook passes.
run_hook pagelint-fix --files page.md >/dev/null || fail "pagelint-fix failed on the fixed page"

# 3. The checking hook passes on the clean pages.
start=$(date +%s)
out="$("$PRE_COMMIT" run pagelint --verbose --files page.md clean.md 2>&1)" ||
    fail "the checking hook failed on clean pages: $out"
echo "$out" | tail -n 4
grep -q "Passed" <<<"$out" || fail "no 'Passed' in: $out"
echo "pre-commit test: the checking hook on clean pages: $(($(date +%s) - start))s"

# 4. Without --files, pre-commit gives the hook the staged files only, as
#    staged: page.md is staged with a new problem; clean.md is staged clean
#    and then given a problem that is not staged (pre-commit stashes it
#    away while the hook runs); ignored.md is untracked.
printf '# Título\n\nOtra línea.   \n' > page.md
printf '# Otra página\n\nTexto nuevo.\n' > clean.md
git add page.md clean.md
printf '\nmás   \n' >> clean.md
set +e
out="$("$PRE_COMMIT" run pagelint --verbose 2>&1)"
status=$?
set -e
echo "$out" | tail -n 12
[ "$status" -ne 0 ] || fail "the checking hook passed on a staged page with a problem"
grep -qF "page.md:3:12: MD009" <<<"$out" || fail "the staged problem was not reported: $out"
grep -q "ignored.md" <<<"$out" && fail "an untracked file was linted"
grep -q "clean.md" <<<"$out" && fail "an unstaged change was linted"
[ "$(tail -n 1 clean.md)" = "más   " ] || fail "the unstaged change was lost"
# With the problem fixed in the index, a commit goes through the hook.
printf '# Título\n\nOtra línea.\n' > page.md
git add page.md
"$PRE_COMMIT" install --install-hooks >/dev/null
git commit --quiet -m "clean pages" || fail "git commit with the hook installed failed"
[ "$(git show HEAD:page.md)" = "$(printf '# Título\n\nOtra línea.')" ] ||
    fail "the commit is not the staged page"

# 5. The formatting hook formats a page in its own style (pre-commit
#    reports it as failed: it changed a file), then passes on it.
printf '# Style\n\n* a\n* b\n\nSome *x* and _y_.\n' > styled.md
# Staged, as a page being committed (pre-commit sees a change to a
# tracked file only).
git add styled.md
set +e
out="$(run_hook pagelint-fmt --files styled.md)"
status=$?
set -e
echo "$out" | tail -n 6
[ "$status" -ne 0 ] || fail "pre-commit did not notice that pagelint-fmt changed styled.md"
[ "$(cat styled.md)" = "$(printf '# Style\n\n* a\n* b\n\nSome *x* and *y*.')" ] ||
    fail "styled.md after pagelint-fmt: $(cat -A styled.md)"
run_hook pagelint-fmt --files styled.md >/dev/null || fail "pagelint-fmt failed on the formatted page"

# (The closing line in the form CI reads.)
echo "pre-commit: 6 passed, 0 failed"

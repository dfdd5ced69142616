#!/usr/bin/env python3
"""Pathological pages: generate each page (issue 10 item 5) at a few sizes and
time the release binary on it, to see that time grows linearly with the page.

    cargo build --release
    python3 scripts/pathological.py              # every page, default sizes
    python3 scripts/pathological.py --scale 0.25 # smaller sizes (quick look)
    python3 scripts/pathological.py --only long-line,lnk009-list

Prints one line per page and size: bytes, wall seconds, peak memory (MB, from
/usr/bin/time when present) and the exit code. The figures in
docs/pathological.md come from this script.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target", "release", "pagelint")


def long_line(n):
    # Many findings (mojibake-like words, typos) on one heading line.
    return "# " + "mñas informñatica " * n + "\n"


def unclosed_front_matter(n):
    return "---\n" + "p\n\n\n" * n + "\n"


def lnk009_list(n):
    # A long list whose items open with links, every target listed twice.
    return "".join(f"- [x{i}](https://e.org/p{i % (n // 2 + 1)})\n" for i in range(n))


def reference_definitions(n):
    # Reference definitions, each used once, with a fixable http:// target
    # and trailing spaces.
    body = "".join(f"[r{i}] " for i in range(n)) + "\n\n"
    return body + "".join(f"[r{i}]: https://e.org/p{i}?utm_source=x   \n" for i in range(n))


def fixable_links(n):
    # One link per line, each with a tracking parameter (a safe fix).
    return "".join(f"[x{i}](https://e.org/p{i}?utm_source=feed)\n" for i in range(n))


def trailing_spaces(n):
    # n bytes of trailing spaces, in lines of 80 spaces after a word (a
    # different word on each line: one word repeated is TYP006's case).
    return "".join(f"w{i}" + " " * 80 + "\n" for i in range(n // 80))


def trailing_spaces_one_line(n):
    # n trailing spaces on one line.
    return "a" + " " * n + "\n"


PAGES = {
    # name: (generator, sizes, extra arguments)
    "long-line": (long_line, [10000, 20000, 40000], []),
    "unclosed-front-matter": (unclosed_front_matter, [1000, 2000, 4000, 16000], []),
    "lnk009-list": (lnk009_list, [20000, 40000, 80000, 300000], []),
    "fix-reference-definitions": (reference_definitions, [25000, 50000, 100000], ["--fix"]),
    "fix-link-lines": (fixable_links, [50000, 100000, 200000], ["--fix"]),
    "trailing-spaces": (trailing_spaces, [2_000_000, 4_000_000, 8_000_000], ["--fix"]),
    "trailing-spaces-one-line": (trailing_spaces_one_line, [2_000_000, 8_000_000], ["--fix"]),
}


def run(path, extra):
    cmd = [BIN, "--no-cache", "--select", "ALL", "--output-format", "concise", *extra, path]
    timer = shutil.which("time") or ("/usr/bin/time" if os.path.exists("/usr/bin/time") else None)
    if timer:
        cmd = [timer, "-f", "%M", *cmd]
    t = time.monotonic()
    p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.monotonic() - t
    mem = "?"
    if timer:
        last = p.stderr.decode(errors="replace").strip().splitlines()[-1:]
        if last and last[0].isdigit():
            mem = f"{int(last[0]) / 1024:.0f}"
    return wall, mem, p.returncode


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--only", default="")
    args = ap.parse_args()
    if not os.path.exists(BIN):
        sys.exit(f"{BIN} is missing: run `cargo build --release` first")
    only = [s for s in args.only.split(",") if s]
    print(f"{'page':28} {'size':>9} {'bytes':>11} {'seconds':>8} {'MB':>6} exit")
    with tempfile.TemporaryDirectory() as d:
        for name, (gen, sizes, extra) in PAGES.items():
            if only and name not in only:
                continue
            for n in sizes:
                n = max(2, int(n * args.scale))
                path = os.path.join(d, f"{name}.md")
                with open(path, "w", encoding="utf-8") as f:
                    f.write(gen(n))
                size = os.path.getsize(path)
                wall, mem, code = run(path, extra)
                print(f"{name:28} {n:>9} {size:>11} {wall:>8.2f} {mem:>6} {code}", flush=True)


if __name__ == "__main__":
    main()

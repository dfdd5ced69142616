#!/usr/bin/env python3
"""pagelint fmt beside mdformat, prettier and rumdl fmt (issue 15 item 6).

Run by scripts/fmt-compare.sh, which installs the tools into
target/fmt-compare/ and builds pagelint. For each corpus folder and each
tool: a fresh copy of the folder is formatted (wall time measured), then
formatted again (idempotence); against the original it counts the pages
changed, the lines changed (removed + added, as `diff` counts them) and the
pages whose rendered HTML changed.

One renderer for all tools, and not pagelint's own: markdown-it-py
(CommonMark with tables, strikethrough, task lists, footnotes and front
matter), whose HTML is compared beyond insignificant whitespace (runs of
whitespace outside pre/code/textarea/script/style, and inside tags and
comments, are one space; none around block tags), plus the front matter's text as written, less
trailing spaces (a formatter that rewrites YAML quotes changes the page's
data as a reader of the source sees it).

Usage: fmt-compare.py OUT CORPUS FOLDER... (tools found in OUT; a FOLDER
with a `/` is a path, not a corpus folder).
"""

import difflib
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin
from mdit_py_plugins.tasklists import tasklists_plugin

MD = (
    MarkdownIt("commonmark", {"html": True})
    .enable("table")
    .enable("strikethrough")
    .use(front_matter_plugin)
    .use(footnote_plugin)
    .use(tasklists_plugin)
)

VERBATIM = {"pre", "code", "textarea", "script", "style"}
BLOCK = set(
    "blockquote br dd div dl dt h1 h2 h3 h4 h5 h6 hr li ol p pre section table "
    "tbody td tfoot th thead tr ul".split()
)
TOKEN = re.compile(r"<[^>]*>|[^<]+")


def normalize(html: str) -> str:
    out = []
    depth = 0
    space = False
    after_block = True
    for tok in TOKEN.findall(html):
        if tok.startswith("<") and (depth == 0 or tok.startswith("</")):
            name = re.match(r"</?([A-Za-z0-9]*)", tok).group(1).lower()
            block = name in BLOCK
            if space and not block and not after_block:
                out.append(" ")
            space = False
            if name in VERBATIM:
                if tok.startswith("</"):
                    depth = max(0, depth - 1)
                elif not tok.endswith("/>"):
                    depth += 1
            after_block = block
            # Inside a tag or a comment, whitespace is one space too.
            out.append(re.sub(r"\s+", " ", tok))
            continue
        if depth > 0:
            out.append(tok)
            after_block = False
            continue
        for part in re.split(r"(\s+)", tok):
            if not part:
                continue
            if part.isspace():
                space = True
            else:
                if space and not after_block:
                    out.append(" ")
                space = False
                after_block = False
                out.append(part)
    return "".join(out)


def front_matter(text: str) -> str:
    m = re.match(r"\A(---|\+\+\+)[ \t]*\r?\n.*?^(---|\+\+\+|\.\.\.)[ \t]*$", text, re.S | re.M)
    return m.group(0) if m else ""


def rendered(text: str) -> str:
    # Trailing spaces in front matter are not data (YAML drops them);
    # anything else in it is compared as written.
    fm = "\n".join(l.rstrip() for l in front_matter(text).splitlines())
    return fm + "\n\0\n" + normalize(MD.render(text))


def pages(root: Path):
    return sorted(p for p in root.rglob("*.md") if p.is_file())


def read(p: Path) -> str:
    return p.read_bytes().decode("utf-8", errors="surrogateescape")


def tool_commands(out: Path, pagelint: str):
    venv = out / "venv" / "bin"
    prettier = out / "npm" / "node_modules" / ".bin" / "prettier"
    return {
        "pagelint fmt": lambda d: [pagelint, "fmt", "--quiet", str(d)],
        "mdformat": lambda d: [str(venv / "mdformat"), str(d)],
        "prettier": lambda d: [str(prettier), "--write", "--log-level", "warn", f"{d}/**/*.md"],
        "rumdl fmt": lambda d: [str(venv / "rumdl"), "fmt", "--no-cache", str(d)],
    }


def copy(src: Path, dst: Path):
    if dst.exists():
        shutil.rmtree(dst)
    shutil.copytree(src, dst)
    for p in dst.rglob("*"):
        os.chmod(p, 0o755 if p.is_dir() else 0o644)


def run(cmd, cwd):
    """Wall time, CPU time (user + system, every thread) and the result."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    r = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, r


def compare(orig: Path, done: Path):
    changed = lines = html = 0
    html_pages = []
    for p in pages(orig):
        rel = p.relative_to(orig)
        q = done / rel
        a = read(p)
        b = read(q) if q.exists() else ""
        if a == b:
            continue
        changed += 1
        for l in difflib.unified_diff(a.splitlines(), b.splitlines(), lineterm="", n=0):
            if l.startswith(("+", "-")) and not l.startswith(("+++", "---")):
                lines += 1
        if rendered(a) != rendered(b):
            html += 1
            html_pages.append(str(rel))
    return changed, lines, html, html_pages


def main():
    out = Path(sys.argv[1]).resolve()
    corpus = Path(sys.argv[2]).resolve()
    folders = sys.argv[3:]
    pagelint = os.environ.get("PAGELINT", "pagelint")
    tools = tool_commands(out, pagelint)
    only = os.environ.get("TOOLS")
    if only:
        tools = {k: v for k, v in tools.items() if k in only.split(",")}
    results = {}
    # Outside the repository: its .gitignore (target/) would hide the
    # copies from the tools that honour it.
    work = Path(os.environ.get("WORK", "/tmp/pagelint-fmt-compare"))
    for folder in folders:
        # A path names a folder outside the corpus (the generated pages).
        src = Path(folder) if "/" in folder else corpus / folder
        folder = src.name
        n = len(pages(src))
        for name, cmd in tools.items():
            slug = name.split()[0]
            first = work / slug / folder
            copy(src, first)
            secs, cpu, r = run(cmd(first), first.parent)
            second = work / (slug + "-again") / folder
            copy(first, second)
            run(cmd(second), second.parent)
            changed, lines, html, html_pages = compare(src, first)
            again, _, _, _ = compare(first, second)
            results.setdefault(folder, {})[name] = {
                "pages": n,
                "changed": changed,
                "lines": lines,
                "html": html,
                "html_pages": html_pages[:20],
                "not_idempotent": again,
                "seconds": round(secs, 2),
                "cpu_seconds": round(cpu, 2),
                "exit": r.returncode,
            }
            print(
                f"{folder:12} {name:13} pages {n:5} changed {changed:5} lines {lines:6} "
                f"rendered {html:4} second-run {again:4} {secs:7.2f}s wall {cpu:7.2f}s cpu "
                f"exit {r.returncode}",
                flush=True,
            )
    (out / "results.json").write_text(json.dumps(results, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()

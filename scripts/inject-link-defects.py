#!/usr/bin/env python3
"""Held-out check for the LNK rules: inject link defects into clean pages
that the rules were not tuned on, run `pagelint --select LNK`, and measure
how many defects are found and how many `--fix` reverts exactly.

Pages: a seeded sample of corpus/tldr (English and Spanish), the whole
corpus/book/src tree (so that relative links resolve), and the README.md
files of the Rust crates in the local cargo registry (real pages from
elsewhere), when present. A page is clean when `pagelint --select LNK`
reports nothing on it before injection. Each clean page gets at most one
defect, so that every finding and every change can be attributed.

Kinds (expected rule):
  alias      LNK001  github.com -> www.github.com, en.wikipedia.org ->
                     en.m.wikipedia.org, … (the inverse of the alias table)
  case       LNK001  a lowercase host written with capitals
  http       LNK002  https:// -> http:// on a host pagelint can know serves
                     HTTPS (table, or another page of the run links it)
  tracking   LNK003  utm_* / si / fbclid appended to the query
  arxiv      LNK004  arxiv.org/abs/ID -> arxiv.org/pdf/ID.pdf
  bare       LNK005  <https://…> -> https://…
  empty      LNK006  [text](url) -> [text]()
  broken     LNK007  a relative link to an existing file, one letter changed
  etal       LNK008  "et al." -> "et al"
  duplicate  LNK009  an item that opens with a link, repeated below itself
  space      LNK010  [text](url) -> [ text](url) or [text ](url)

Found: a finding of the expected rule on the injected line. Reverted:
after `--fix` the page is byte for byte the original (kinds with a safe
fix). For LNK007 (help only): the help names the original target.

Usage: scripts/inject-link-defects.py [--pagelint PATH] [--seed N] [--per-kind N]
"""

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"

ALIASES = {  # canonical -> alias, from rules/data/links/host-aliases.tsv
    "github.com": "www.github.com",
    "arxiv.org": "www.arxiv.org",
    "pypi.org": "www.pypi.org",
    "crates.io": "www.crates.io",
    "docs.rs": "www.docs.rs",
    "gitlab.com": "www.gitlab.com",
    "huggingface.co": "www.huggingface.co",
    "medium.com": "www.medium.com",
    "stackoverflow.com": "www.stackoverflow.com",
    "www.youtube.com": "m.youtube.com",
    "doi.org": "dx.doi.org",
}

LINK = re.compile(r"(?<![!\]])\[([^\]\n!\[][^\]\n]*)\]\((https?://[^\s)]+)\)")
ANGLE = re.compile(r"<(https?://[^\s<>]+)>")


def https_table():
    pats = []
    for line in (ROOT / "rules/data/links/https-hosts.tsv").read_text().splitlines():
        if line and not line.startswith("#"):
            pats.append(line.split("\t")[0])
    return pats


def host_matches(pattern, host):
    if pattern.startswith("*."):
        d = pattern[2:]
        return host.endswith("." + d)
    return pattern == host


def run(pagelint, args, cwd):
    return subprocess.run(
        [pagelint, *args], cwd=cwd, capture_output=True, text=True, check=False
    )


def findings(pagelint, root):
    r = run(pagelint, ["--select", "LNK", "--output-format", "json", "."], root)
    try:
        return json.loads(r.stdout)
    except json.JSONDecodeError:
        sys.exit(f"pagelint failed: {r.stderr}")


def helps(pagelint, root, rel):
    r = run(
        pagelint,
        ["--select", "LNK007", "--output-format", "full", "--color", "never", rel],
        root,
    )
    return [l.strip()[6:] for l in r.stdout.splitlines() if l.strip().startswith("help: ")]


def collect(tmp, seed):
    rnd = random.Random(seed)
    pages = []
    tldr = sorted((CORPUS / "tldr").rglob("*.md"))
    for p in rnd.sample(tldr, min(900, len(tldr))):
        dst = tmp / "tldr" / p.relative_to(CORPUS / "tldr")
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(p, dst)
        pages.append(dst)
    shutil.copytree(CORPUS / "book" / "src", tmp / "book", dirs_exist_ok=True)
    pages += sorted((tmp / "book").rglob("*.md"))
    # Markdown from elsewhere on the machine: crates' READMEs, change logs
    # and docs, and Debian's documentation.
    for base, name in [(Path.home() / ".cargo/registry/src", "crates"), (Path("/usr/share/doc"), "doc")]:
        if not base.is_dir():
            continue
        for p in sorted(base.rglob("*.md")):
            if not p.is_file() or p.stat().st_size > 2_000_000:
                continue
            dst = tmp / name / p.relative_to(base)
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(p, dst)
            pages.append(dst)
    for p in pages:
        p.chmod(0o644)
    return pages


def first(pattern, text, rnd, pred=lambda m: True):
    ms = [m for m in pattern.finditer(text) if pred(m)]
    return rnd.choice(ms) if ms else None


def line_of(text, offset):
    return text.count("\n", 0, offset) + 1


def in_code(text, offset):
    """Inside something that is not Markdown prose: a fenced block, an
    inline code span on the line, an HTML comment or the front matter."""
    before = text[:offset]
    if before.count("```") % 2 == 1:
        return True
    if before.rfind("<!--") > before.rfind("-->"):
        return True
    if text.startswith("---\n") and text.find("\n---", 3) >= offset:
        return True
    line_start = before.rfind("\n") + 1
    return text[line_start:offset].count("`") % 2 == 1


def inject(kind, text, rnd, ctx):
    """Return (new_text, line, expected_help) or None when the page has no
    place for this kind of defect."""

    def ok(m):
        return not in_code(text, m.start())

    if kind == "alias":
        def pred(m):
            host = m.group(2).split("/")[2]
            return ok(m) and host in ALIASES
        m = first(LINK, text, rnd, pred)
        if not m:
            return None
        url = m.group(2)
        host = url.split("/")[2]
        new_url = url.replace(host, ALIASES[host], 1)
        s = m.start(2)
        return text[:s] + new_url + text[m.end(2):], line_of(text, s), None
    if kind == "case":
        def pred(m):
            host = m.group(2).split("/")[2]
            return ok(m) and host == host.lower() and any(c.isalpha() for c in host)
        m = first(LINK, text, rnd, pred)
        if not m:
            return None
        url = m.group(2)
        host = url.split("/")[2]
        labels = host.split(".")
        labels[-2] = labels[-2].capitalize() if len(labels) > 1 else labels[-2]
        new_host = ".".join(labels)
        if new_host == host:
            return None
        s = m.start(2) + url.index(host)
        return text[:s] + new_host + text[s + len(host):], line_of(text, s), None
    if kind == "http":
        def pred(m):
            url = m.group(2)
            host = url.split("/")[2].lower()
            others = ctx["run_https"].get(host, set()) - {ctx["path"]}
            same_page = len(re.findall(r"https://" + re.escape(host) + r"[/)\s>]", text, re.I)) >= 2
            known = any(host_matches(p, host) for p in ctx["https"]) or bool(others) or same_page
            return ok(m) and url.startswith("https://") and known and ":" not in host
        m = first(LINK, text, rnd, pred)
        if not m:
            return None
        s = m.start(2)
        return text[:s] + "http" + text[s + 5:], line_of(text, s), None
    if kind == "tracking":
        def pred(m):
            return ok(m) and "#" not in m.group(2) and "?" not in m.group(2)
        m = first(LINK, text, rnd, pred)
        if not m:
            return None
        url = m.group(2)
        host = url.split("/")[2].lower()
        if "youtube" in host or host == "youtu.be":
            add = "?si=Ab12Cd34Ef56Gh78"
        else:
            add = rnd.choice(["?utm_source=newsletter&utm_medium=email", "?fbclid=IwAR3xyz", "?gclid=123abc"])
        e = m.end(2)
        return text[:e] + add + text[e:], line_of(text, e), None
    if kind == "arxiv":
        m = first(re.compile(r"arxiv\.org/abs/(\d{4}\.\d{4,5}(v\d+)?)(?=[)\s>#])"), text, rnd, ok)
        if not m:
            return None
        return text[:m.start()] + f"arxiv.org/pdf/{m.group(1)}.pdf" + text[m.end():], line_of(text, m.start()), None
    if kind == "bare":
        m = first(ANGLE, text, rnd, ok)
        if not m:
            return None
        return text[:m.start()] + m.group(1) + text[m.end():], line_of(text, m.start()), None
    if kind == "empty":
        m = first(LINK, text, rnd, ok)
        if not m:
            return None
        return text[:m.start(2)] + text[m.end(2):], line_of(text, m.start()), None
    if kind == "broken":
        rel = re.compile(r"\[[^\]\n]*\]\(([A-Za-z0-9_./-]+\.(md|png|jpg|svg|pdf|rs|toml))(#[^)\s]*)?\)")
        page_dir = ctx["path"].parent

        def pred(m):
            target = m.group(1)
            return ok(m) and not target.startswith(("http", "/")) and (page_dir / target).is_file()
        m = first(rel, text, rnd, pred)
        if not m:
            return None
        target = m.group(1)
        name_start = target.rfind("/") + 1
        stem = target[name_start:target.rfind(".")]
        if len(stem) < 4:
            return None
        i = rnd.randrange(1, len(stem) - 1)
        new_stem = stem[:i] + stem[i + 1:]  # drop one letter
        new_target = target[:name_start] + new_stem + target[name_start + len(stem):]
        if (page_dir / new_target).exists():
            return None
        s = m.start(1)
        return text[:s] + new_target + text[m.end(1):], line_of(text, s), target
    if kind == "etal":
        m = first(re.compile(r"\bet al\."), text, rnd, ok)
        if not m:
            return None
        return text[:m.end() - 1] + text[m.end():], line_of(text, m.start()), None
    if kind == "duplicate":
        item = re.compile(r"^([ \t]*[-*+] )\[[^\]\n]+\]\([^)\s]+\)[^\n]*\n", re.M)
        m = first(item, text, rnd, ok)
        if not m:
            return None
        return text[:m.end()] + m.group(0) + text[m.end():], line_of(text, m.end()), None
    if kind == "space":
        m = first(LINK, text, rnd, ok)
        if not m:
            return None
        if rnd.random() < 0.5:
            s = m.start(1)
            return text[:s] + " " + text[s:], line_of(text, s), None
        e = m.end(1)
        return text[:e] + " " + text[e:], line_of(text, e), None
    raise ValueError(kind)


EXPECTED = {
    "alias": "LNK001", "case": "LNK001", "http": "LNK002", "tracking": "LNK003",
    "arxiv": "LNK004", "bare": "LNK005", "empty": "LNK006", "broken": "LNK007",
    "etal": "LNK008", "duplicate": "LNK009", "space": "LNK010",
}
RARE = {"arxiv", "etal", "broken", "duplicate"}
FIXABLE = {"alias", "case", "http", "tracking", "arxiv", "bare", "etal", "space"}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pagelint", default=str(ROOT / "target/release/pagelint"))
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--per-kind", type=int, default=60)
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = ap.parse_args()
    if not CORPUS.is_dir():
        print("skipped: ../shared/corpus is absent")
        return
    pagelint = os.path.abspath(args.pagelint)
    tmp = Path(tempfile.mkdtemp(prefix="lnk-heldout-"))
    rnd = random.Random(args.seed)
    pages = collect(tmp, args.seed)
    before = findings(pagelint, tmp)
    dirty = {tmp / r["path"] for r in before}
    clean = [p for p in pages if p not in dirty]
    run_https = {}
    for p in pages:
        for h in re.findall(r"https://([A-Za-z0-9.-]+)", p.read_text(errors="replace")):
            run_https.setdefault(h.lower().rstrip("."), set()).add(p)
    ctx = {"https": https_table(), "run_https": run_https}
    rnd.shuffle(clean)
    originals = {}
    injected = {}  # page -> (kind, line, help)
    counts = {k: 0 for k in EXPECTED}
    for p in clean:
        text = p.read_text()
        kinds = [k for k in EXPECTED if counts[k] < args.per_kind]
        rnd.shuffle(kinds)
        # Kinds whose places are rare in the pages (arXiv links, "et al.",
        # relative links, link lists) go first.
        kinds.sort(key=lambda k: k not in RARE)
        for kind in kinds:
            ctx["path"] = p
            r = inject(kind, text, rnd, ctx)
            if r:
                new, line, help_target = r
                originals[p] = text
                p.write_text(new)
                injected[p] = (kind, line, help_target)
                counts[kind] += 1
                break
    after = findings(pagelint, tmp)
    by_page = {}
    for r in after:
        by_page.setdefault(tmp / r["path"], []).append(r)
    stats = {k: {"n": 0, "found": 0, "fixable": 0, "reverted": 0, "help": 0} for k in EXPECTED}
    misses = []
    for p, (kind, line, help_target) in injected.items():
        s = stats[kind]
        s["n"] += 1
        code = EXPECTED[kind]
        hit = [r for r in by_page.get(p, []) if r["code"] == code and r["line"] == line]
        if hit:
            s["found"] += 1
        else:
            misses.append((kind, str(p.relative_to(tmp)), line, [(r["code"], r["line"]) for r in by_page.get(p, [])]))
        if kind == "broken" and hit:
            hs = helps(pagelint, tmp, str(p.relative_to(tmp)))
            if any(help_target.removeprefix("./") in h for h in hs):
                s["help"] += 1
            else:
                misses.append(("broken-help", str(p.relative_to(tmp)), line, hs))
    # Fix everything once, then compare page by page.
    snapshot = {p: p.read_text() for p in pages}
    run(pagelint, ["--select", "LNK", "--fix", "."], tmp)
    not_reverted = []
    for p, (kind, line, _) in injected.items():
        if kind not in FIXABLE:
            continue
        stats[kind]["fixable"] += 1
        if p.read_text() == originals[p]:
            stats[kind]["reverted"] += 1
        else:
            import difflib
            d = list(difflib.unified_diff(originals[p].splitlines(), p.read_text().splitlines(), lineterm="", n=0))
            not_reverted.append((kind, str(p.relative_to(tmp)), d[2:8]))
    # Pages without a defect must not change at all.
    changed_clean = [str(p.relative_to(tmp)) for p in clean if p not in injected and p.read_text() != snapshot[p]]
    print(f"pages: {len(pages)} collected, {len(clean)} clean, {len(injected)} with one injected defect")
    print(f"{'kind':<10} {'rule':<7} {'n':>4} {'found':>6} {'reverted':>9} {'help':>5}")
    tn = tf = tfx = tr = 0
    for k, s in stats.items():
        rev = f"{s['reverted']}/{s['fixable']}" if k in FIXABLE else "-"
        hlp = f"{s['help']}" if k == "broken" else "-"
        print(f"{k:<10} {EXPECTED[k]:<7} {s['n']:>4} {s['found']:>6} {rev:>9} {hlp:>5}")
        tn += s["n"]; tf += s["found"]; tfx += s["fixable"]; tr += s["reverted"]
    print(f"found: {tf}/{tn} = {100 * tf / max(tn, 1):.1f}%")
    print(f"reverted exactly (fixable kinds): {tr}/{tfx} = {100 * tr / max(tfx, 1):.1f}%")
    for m in misses:
        print("MISS", m)
    for n in not_reverted:
        print("NOT REVERTED", n)
    if changed_clean:
        print("CHANGED CLEAN PAGES", changed_clean)
    if args.keep:
        print("kept", tmp)
    else:
        shutil.rmtree(tmp)


if __name__ == "__main__":
    main()

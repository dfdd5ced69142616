#!/usr/bin/env python3
"""Write rules/data/md/markdownlint-rules.tsv from markdownlint's rule pages
(../shared/peer/markdownlint/doc/mdNNN.md, MIT, David Anson, v0.40):
one line per rule: code, aliases, tags, fixable, parameter names."""
import pathlib, re, sys

doc = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/peer/markdownlint/doc")
out = ["# markdownlint's rules: code, aliases (the first is the name), tags, fixable,",
       "# parameter names. Made by scripts/markdownlint-rules.py. Source:",
       "# markdownlint's rule pages (github.com/DavidAnson/markdownlint at 0213a02,",
       "# v0.40; MIT, David Anson). Sorted by code.",
       "code\taliases\ttags\tfixable\tparameters"]
for p in sorted(doc.glob("md0*.md")):
    t = p.read_text()
    code = re.search(r"^# `(MD\d+)`", t, re.M).group(1)
    ticks = lambda line: re.findall(r"`([^`]+)`", line)
    tags = ticks(re.search(r"^Tags: (.*)$", t, re.M).group(1))
    aliases = ticks(re.search(r"^Aliases: (.*)$", t, re.M).group(1))
    # The pages list aliases alphabetically; the rule's name is the first
    # of markdownlint's `names` after the code (lib/md025.mjs, md041.mjs).
    primary = {"MD025": "single-title", "MD041": "first-line-heading"}.get(code)
    if primary in aliases:
        aliases.remove(primary)
        aliases.insert(0, primary)
    fixable = "yes" if re.search(r"^Fixable:", t, re.M) else "no"
    params = []
    m = re.search(r"^Parameters:\n\n((?:- .*\n(?:  .*\n)*)+)", t, re.M)
    if m:
        for item in re.split(r"^- ", m.group(1), flags=re.M):
            item = " ".join(item.split())
            if not item:
                continue
            name = re.match(r"`([^`]+)`", item).group(1)
            params.append(name)
    out.append("\t".join([code, ",".join(aliases), ",".join(tags), fixable, " ".join(params)]))
print("\n".join(out))

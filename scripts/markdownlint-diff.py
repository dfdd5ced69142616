#!/usr/bin/env python3
"""Differential run on real pages: pagelint's markdownlint rules against
markdownlint-cli2 itself, per rule (issue 14, item 7).

  python3 scripts/markdownlint-diff.py [--bin target/release/pagelint] FOLDER...

Both tools run with markdownlint's defaults on the same copy of each
folder: markdownlint-cli2 with an empty `.markdownlint.json` (its defaults),
pagelint with `preset = "markdownlint"` (the same rules and parameters, no
ENC/TYP/LNK rules). Findings are compared as (file, rule, line); the table
gives, per rule, findings agreed, only pagelint's and only markdownlint's,
and `--show N` prints N of each kind of difference per rule to review.

markdownlint-cli2 comes from npm: the script installs it into
`target/markdownlint-diff/` the first time (registry access needed once).
"""
import argparse
import collections
import os
import re
import shutil
import subprocess
import sys
import tempfile

VERSION = '0.22.1'


def markdownlint_cli2():
    root = os.path.join('target', 'markdownlint-diff')
    exe = os.path.join(root, 'node_modules', '.bin', 'markdownlint-cli2')
    if not os.path.exists(exe):
        os.makedirs(root, exist_ok=True)
        subprocess.run(['npm', 'install', '--silent', '--prefix', root,
                        f'markdownlint-cli2@{VERSION}'], check=True)
    return os.path.abspath(exe)


LINE = re.compile(r'^(.+?):(\d+)(?::\d+)? (?:error |warning )?(MD\d{3})')
PL = re.compile(r'^(.+?):(\d+):\d+: (MD\d{3}) ')


def findings(lines, pattern):
    out = set()
    for line in lines:
        m = pattern.match(line)
        if m:
            out.add((os.path.normpath(m.group(1)), m.group(3), int(m.group(2))))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--bin', default='target/release/pagelint')
    ap.add_argument('--show', type=int, default=0)
    ap.add_argument('folders', nargs='+')
    a = ap.parse_args()
    pagelint = os.path.abspath(a.bin)
    mdl = markdownlint_cli2()
    ours, theirs = set(), set()
    for folder in a.folders:
        with tempfile.TemporaryDirectory() as tmp:
            work = os.path.join(tmp, os.path.basename(os.path.normpath(folder)))
            shutil.copytree(folder, work, ignore=shutil.ignore_patterns(
                '.git', '.markdownlint*', 'pagelint.toml'))
            with open(os.path.join(work, '.markdownlint.json'), 'w') as f:
                f.write('{}\n')
            with open(os.path.join(work, 'pagelint.toml'), 'w') as f:
                f.write('preset = "markdownlint"\n')
            r = subprocess.run([mdl, '**/*.md'], cwd=work, capture_output=True, text=True)
            theirs |= {(os.path.join(folder, p), c, l)
                       for p, c, l in findings((r.stdout + r.stderr).splitlines(), LINE)}
            r = subprocess.run([pagelint, '--no-cache', '--output-format', 'concise', '.'],
                               cwd=work, capture_output=True, text=True)
            ours |= {(os.path.join(folder, p), c, l)
                     for p, c, l in findings(r.stdout.splitlines(), PL)}
    rules = sorted({c for _, c, _ in ours | theirs})
    print('| rule | agreed | only pagelint | only markdownlint | agreement |')
    print('|---|---:|---:|---:|---:|')
    tot = collections.Counter()
    for rule in rules:
        o = {x for x in ours if x[1] == rule}
        t = {x for x in theirs if x[1] == rule}
        both, po, mo = len(o & t), len(o - t), len(t - o)
        tot.update(both=both, po=po, mo=mo)
        share = both / (both + po + mo) if both + po + mo else 1.0
        print(f'| {rule} | {both} | {po} | {mo} | {share:.1%} |')
        for name, diff in (('only pagelint', o - t), ('only markdownlint', t - o)):
            for x in sorted(diff)[:a.show]:
                print(f'    {name}: {x[0]}:{x[2]} {rule}')
    n = tot['both'] + tot['po'] + tot['mo']
    print(f"| all | {tot['both']} | {tot['po']} | {tot['mo']} | "
          f"{(tot['both'] / n if n else 1):.1%} |")


if __name__ == '__main__':
    sys.exit(main())

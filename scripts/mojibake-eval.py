#!/usr/bin/env python3
"""Evaluate mojibake repair (ENC001, ENC002, ENC004) as users run it.

  python3 scripts/mojibake-eval.py [--corpus ../shared/corpus] [--bin target/release/pagelint]
                                   [--split tune|heldout] [--sample 120] [--kinds k1,k2]
                                   [--no-clean] [--show N]

Every page is corrupted WHOLE, as raw text (front matter, HTML comments,
code, URLs, every byte), then given to the release binary on stdin:

  pagelint --select ENC001,ENC002,ENC004 --fix -

and the output compared byte for byte with the original page.

Pages (all of them valid UTF-8, none garbled): every kind of page in the
corpus — `es-course` (course pages), `es-docs/rust-book-es` (Spanish docs
with code), `links` (long link lists), `tldr/pages.es`, `tldr/pages`,
`book` — where a page holds non-ASCII text (an all-ASCII page comes back
trivially and is not counted). Each page belongs to one half, `tune` or
`heldout`, by the CRC32 of its path in the corpus: the split is fixed up
front, and the held-out half is run only to report. `--sample` caps the
pages per folder and half (chosen with a fixed seed).

Kinds (Python codecs, except the browser one):
  cp1252-web  windows-1252 as browsers decode it (WHATWG: bytes 81 8D 8F 90 9D
              become the C1 controls U+0081…)
  latin_1     ISO-8859-1
  cp1252x2    windows-1252 (browser form) twice
  mac_roman, johab, cp949, shift_jis, gbk
              strict decode; a page the codec cannot decode strictly is
              counted apart ("undecodable"), never silently dropped
  paragraph   one paragraph holding non-ASCII text, through one of the kinds
              above (chosen at random, the first that decodes strictly)
  johab-lossy Johab with errors='replace' (U+FFFD for every refused byte)

Clean controls: the real pages of `tldr-intl` (24 languages and scripts) and
the original pages of the sets; a clean page "changed" when the fix changes
any byte, "flagged" when ENC001/ENC002/ENC004 report anything.
"""
import argparse
import collections
import glob
import os
import random
import re
import subprocess
import sys
import zlib

KINDS = ['cp1252-web', 'latin_1', 'cp1252x2', 'mac_roman', 'johab', 'cp949', 'shift_jis', 'gbk',
         'paragraph', 'johab-lossy']
FOLDERS = [
    ('es-course', 'es-course'),
    ('es-docs', 'es-docs/rust-book-es'),
    ('links', 'links'),
    ('tldr-es', 'tldr/pages.es'),
    ('tldr-en', 'tldr/pages'),
    ('book', 'book'),
]
C1_WEB = {0x81, 0x8D, 0x8F, 0x90, 0x9D}


def web1252(b):
    return ''.join(chr(x) if x in C1_WEB else bytes([x]).decode('cp1252') for x in b)


def corrupt(text, kind):
    """The corrupted text, or None where the codec cannot decode strictly."""
    b = text.encode('utf-8')
    try:
        if kind == 'cp1252-web':
            return web1252(b)
        if kind == 'cp1252x2':
            return web1252(web1252(b).encode('utf-8'))
        if kind == 'johab-lossy':
            return b.decode('johab', errors='replace')
        return b.decode(kind)
    except UnicodeDecodeError:
        return None


def paragraphs(text):
    out = []
    for m in re.finditer(r'(?:[^\n]+\n?)+', text):
        if any(ord(c) > 127 for c in m.group(0)):
            out.append((m.start(), m.end()))
    return out


def corrupt_paragraph(text, rng):
    ps = paragraphs(text)
    if not ps:
        return None, None
    s, e = rng.choice(ps)
    kinds = KINDS[:8]
    rng.shuffle(kinds)
    for k in kinds:
        c = corrupt(text[s:e], k)
        if c is not None:
            return text[:s] + c + text[e:], k
    return None, None


def half(rel):
    return 'tune' if zlib.crc32(rel.encode()) % 2 == 0 else 'heldout'


def run(binary, data):
    p = subprocess.run([binary, '--select', 'ENC001,ENC002,ENC004', '--fix',
                        '--output-format', 'concise', '-'], input=data, capture_output=True)
    findings = sum(1 for l in p.stderr.decode('utf-8', 'replace').splitlines() if re.search(r': ENC00[124] ', l))
    return p.stdout, findings


def pages(corpus, split, sample, rng):
    out = []
    for name, folder in FOLDERS:
        files = sorted(glob.glob(os.path.join(corpus, folder, '**', '*.md'), recursive=True))
        chosen = []
        for f in files:
            rel = os.path.relpath(f, corpus)
            if half(rel) != split:
                continue
            raw = open(f, 'rb').read()
            try:
                text = raw.decode('utf-8')
            except UnicodeDecodeError:
                continue
            if text.isascii():
                continue
            chosen.append((name, rel, text))
        rng.shuffle(chosen)
        out += sorted(chosen[:sample], key=lambda x: x[1])
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--corpus', default='../shared/corpus')
    ap.add_argument('--bin', default='target/release/pagelint')
    ap.add_argument('--split', default='tune', choices=['tune', 'heldout'])
    ap.add_argument('--sample', type=int, default=120)
    ap.add_argument('--kinds', default=','.join(KINDS))
    ap.add_argument('--no-clean', action='store_true')
    ap.add_argument('--show', type=int, default=0, help='print the first N failures per kind')
    a = ap.parse_args()
    rng = random.Random(12)
    sel = pages(a.corpus, a.split, a.sample, rng)
    kinds = a.kinds.split(',')
    print(f'split {a.split}: {len(sel)} pages with non-ASCII text '
          + ', '.join(f'{n} {sum(1 for p in sel if p[0] == n)}' for n, _ in FOLDERS))
    # group: "course" = es-course, the rest = "docs" (docs site, links, tldr, book)
    res = collections.defaultdict(lambda: [0, 0, 0])  # (kind, group) -> ok, n, undecodable
    shown = collections.Counter()
    for name, rel, text in sel:
        group = 'course' if name == 'es-course' else 'docs'
        prng = random.Random(zlib.crc32(rel.encode()))
        for kind in kinds:
            if kind == 'paragraph':
                bad, _ = corrupt_paragraph(text, prng)
            else:
                bad = corrupt(text, kind)
            r = res[(kind, group)]
            if bad is None:
                r[2] += 1
                continue
            if bad == text:
                continue
            out, _ = run(a.bin, bad.encode('utf-8'))
            r[1] += 1
            if out == text.encode('utf-8'):
                r[0] += 1
            elif shown[kind] < a.show:
                shown[kind] += 1
                got = out.decode('utf-8', 'replace')
                for i, (x, y) in enumerate(zip(got.splitlines(), text.splitlines())):
                    if x != y:
                        print(f'  {kind} {rel}:{i + 1}\n    got  {x[:160]!r}\n    want {y[:160]!r}')
                        break
    print()
    print('| kind | course pages | docs, links, tldr, book | undecodable (not counted) |')
    print('|---|---|---|---|')
    for kind in kinds:
        cells = []
        und = 0
        for g in ('course', 'docs'):
            ok, n, u = res[(kind, g)]
            und += u
            cells.append(f'{ok}/{n} = {100 * ok / n:.1f}%' if n else '—')
        print(f'| {kind} | {cells[0]} | {cells[1]} | {und} |')
    if a.no_clean:
        return
    clean = collections.Counter()
    changed = []
    flagged = []
    intl = sorted(glob.glob(os.path.join(a.corpus, 'tldr-intl', '**', '*.md'), recursive=True))
    items = [('tldr-intl', f) for f in intl] + [('set', os.path.join(a.corpus, rel)) for _, rel, _ in sel]
    langs = set()
    for src, f in items:
        raw = open(f, 'rb').read()
        out, findings = run(a.bin, raw)
        clean[src] += 1
        if src == 'tldr-intl':
            langs.add(os.path.basename(os.path.dirname(os.path.dirname(f))) if '/pages.' not in os.path.dirname(f)
                      else re.search(r'pages\.([A-Za-z_]+)', f).group(1))
        if out != raw:
            changed.append(f)
        if findings:
            flagged.append(f)
    print()
    print(f'clean pages: {clean["tldr-intl"]} tldr-intl pages ({len(langs)} languages) + '
          f'{clean["set"]} original pages of the set: {len(changed)} changed, {len(flagged)} flagged')
    for f in changed[:20]:
        print('  changed', f)
    for f in flagged[:20]:
        print('  flagged', f)


if __name__ == '__main__':
    main()

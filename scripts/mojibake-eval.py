#!/usr/bin/env python3
"""Build the mojibake evaluation sets (corrupted with Python's codecs) and
run the Rust evaluator on them.

  python3 scripts/mojibake-eval.py [--corpus ../shared/corpus] [--out /tmp/mojibake-eval]
                                   [--split tune|heldout|all] [--sample 300] [--no-run]

Sets, written under OUT/ with a manifest (OUT/manifest.tsv: kind, corrupted
file, original file):
  - Spanish pages: every .md of corpus/es-course, plus a sample of
    corpus/tldr/pages.es; English pages: a sample of corpus/tldr/pages.
    tldr pages are split in two halves by a CRC32 of their path: `tune`
    (used while developing) and `heldout` (looked at only to measure).
  - kinds: johab, cp949, cp1252, latin_1, cp1252x2 (windows-1252 twice),
    mac_roman, shift_jis, gbk: the whole page is `text.encode('utf-8')
    .decode(codec)`; paragraph-<codec>: only one paragraph (one holding
    non-ASCII text, chosen at random) is corrupted, through one of the
    codecs above. A page+codec pair Python cannot decode strictly is
    skipped and counted; a page whose text is all ASCII is counted apart
    (it comes back unchanged trivially).
  - clean pages (OUT/clean.tsv: language, file): every .md of the corpus
    and real text in Korean, Japanese, Chinese, Russian, Greek, Arabic,
    Portuguese, French and German taken from the system's gettext
    catalogues (/usr/share/locale/<lang>/LC_MESSAGES/*.mo: translations of
    coreutils, bash, git, apt, glib, gtk, postgres, …), 40 messages a page.
Then runs `MOJIBAKE_EVAL=OUT cargo test --release mojibake_eval -- --ignored
--nocapture` (unless --no-run), which prints the figures (the test lives in
src/text/mojibake/eval.rs).
"""
import argparse
import gettext
import glob
import os
import random
import re
import subprocess
import sys
import zlib

CODECS = ['johab', 'cp949', 'cp1252', 'latin_1', 'cp1252x2', 'mac_roman', 'shift_jis', 'gbk']
LANGS = ['ko', 'ja', 'zh_CN', 'zh_TW', 'ru', 'el', 'ar', 'pt', 'pt_BR', 'fr', 'de', 'es']


def corrupt(text, codec):
    if codec == 'cp1252x2':
        return text.encode('utf-8').decode('cp1252').encode('utf-8').decode('cp1252')
    return text.encode('utf-8').decode(codec)


def paragraphs(text):
    """(start, end) of blank-line separated blocks holding non-ASCII text."""
    out = []
    for m in re.finditer(r'(?:[^\n]+\n?)+', text):
        if any(ord(c) > 127 for c in m.group(0)):
            out.append((m.start(), m.end()))
    return out


def half(path):
    return 'tune' if zlib.crc32(path.encode()) % 2 == 0 else 'heldout'


def pages(corpus, split, sample, rng):
    es_course = sorted(glob.glob(os.path.join(corpus, 'es-course', '**', '*.md'), recursive=True))
    tldr_es = sorted(glob.glob(os.path.join(corpus, 'tldr', 'pages.es', '**', '*.md'), recursive=True))
    tldr_en = sorted(glob.glob(os.path.join(corpus, 'tldr', 'pages', '**', '*.md'), recursive=True))

    def pick(files):
        files = [f for f in files if split == 'all' or half(os.path.relpath(f, corpus)) == split]
        # prefer pages with non-ASCII text, which are the ones that can be garbled
        rich = [f for f in files if any(ord(c) > 127 for c in open(f, encoding='utf-8').read())]
        rng.shuffle(rich)
        return sorted(rich[:sample])

    out = [('es', f) for f in es_course] if split in ('tune', 'all') else []
    out += [('es', f) for f in pick(tldr_es)]
    out += [('en', f) for f in pick(tldr_en)]
    return out


def clean_pages(corpus, out):
    rows = [('corpus', f) for f in sorted(glob.glob(os.path.join(corpus, '**', '*.md'), recursive=True))]
    os.makedirs(os.path.join(out, 'clean'), exist_ok=True)
    for lang in LANGS:
        msgs = []
        for mo in sorted(glob.glob('/usr/share/locale/%s/LC_MESSAGES/*.mo' % lang)):
            try:
                with open(mo, 'rb') as f:
                    t = gettext.GNUTranslations(f)
            except Exception:
                continue
            for k, v in t._catalog.items():
                if isinstance(v, str) and v and k and any(ord(c) > 127 for c in v):
                    msgs.append(v.strip())
        msgs = sorted(set(m for m in msgs if m))
        random.Random(lang).shuffle(msgs)
        msgs = msgs[:2000]
        for i in range(0, len(msgs), 40):
            body = '# %s %d\n\n' % (lang, i // 40) + '\n\n'.join(m.replace('\r', '') for m in msgs[i:i + 40]) + '\n'
            p = os.path.join(out, 'clean', '%s-%03d.md' % (lang, i // 40))
            with open(p, 'w', encoding='utf-8') as f:
                f.write(body)
            rows.append((lang, p))
    with open(os.path.join(out, 'clean.tsv'), 'w', encoding='utf-8') as f:
        for lang, p in rows:
            f.write('%s\t%s\n' % (lang, p))
    return rows


def main():
    ap = argparse.ArgumentParser()
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument('--corpus', default=os.path.join(here, '..', '..', 'shared', 'corpus'))
    ap.add_argument('--out', default='/tmp/mojibake-eval')
    ap.add_argument('--split', default='heldout', choices=['tune', 'heldout', 'all'])
    ap.add_argument('--sample', type=int, default=300)
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--no-run', action='store_true')
    a = ap.parse_args()
    corpus = os.path.abspath(a.corpus)
    rng = random.Random(a.seed)
    os.makedirs(a.out, exist_ok=True)
    manifest = []
    skipped = {}
    ascii_only = {}
    for lang, path in pages(corpus, a.split, a.sample, rng):
        text = open(path, encoding='utf-8').read()
        for codec in CODECS:
            try:
                bad = corrupt(text, codec)
            except UnicodeDecodeError:
                skipped[codec] = skipped.get(codec, 0) + 1
                continue
            if bad == text:
                ascii_only[codec] = ascii_only.get(codec, 0) + 1
                continue
            manifest.append((codec, bad, path))
        paras = paragraphs(text)
        if paras:
            s, e = rng.choice(paras)
            codec = rng.choice(CODECS)
            try:
                bad = text[:s] + corrupt(text[s:e], codec) + text[e:]
                manifest.append(('paragraph', bad, path))
            except UnicodeDecodeError:
                skipped['paragraph'] = skipped.get('paragraph', 0) + 1
    with open(os.path.join(a.out, 'manifest.tsv'), 'w', encoding='utf-8') as f:
        for i, (kind, bad, path) in enumerate(manifest):
            p = os.path.join(a.out, 'cases', '%05d.md' % i)
            os.makedirs(os.path.dirname(p), exist_ok=True)
            with open(p, 'w', encoding='utf-8', newline='') as g:
                g.write(bad)
            f.write('%s\t%s\t%s\n' % (kind, p, path))
    with open(os.path.join(a.out, 'skipped.tsv'), 'w') as f:
        for k in sorted(set(skipped) | set(ascii_only)):
            f.write('%s\t%d\t%d\n' % (k, skipped.get(k, 0), ascii_only.get(k, 0)))
    clean = clean_pages(corpus, a.out)
    print('split=%s cases=%d clean=%d skipped(python refuses)=%s ascii-only=%s'
          % (a.split, len(manifest), len(clean), skipped, ascii_only))
    if not a.no_run:
        root = os.path.join(here, '..')
        env = dict(os.environ, MOJIBAKE_EVAL=os.path.abspath(a.out))
        sys.exit(subprocess.call(['cargo', 'test', '--release', '-q', 'mojibake_eval', '--',
                                  '--ignored', '--nocapture'], cwd=root, env=env))


if __name__ == '__main__':
    main()

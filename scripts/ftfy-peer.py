#!/usr/bin/env python3
"""ftfy's own test suite as a peer suite for pagelint's mojibake repair.

  python3 scripts/ftfy-peer.py [--bin target/release/pagelint] [--cache /tmp/ftfy-peer]
                               [--verbose]

Needs PyPI (once): it runs `pip download --no-deps --no-binary :all:
ftfy==6.3.1` into the cache folder and reads `tests/test_cases.json` from
that source distribution (ftfy is MIT-licensed; nothing of it is copied into
this repository). Each case marked `"expect": "pass"` (151) is given to
pagelint as a page on stdin:

  pagelint --select ENC001,ENC002,ENC004,ENC005 --fix -

and the output is compared, byte for byte, with the case's
`fixed-encoding` text (what ftfy's `fix_encoding` alone gives) or, when the
case has none, its `fixed` text. The cases are grouped by the label's class
(the words before the first colon) and the failures are printed with what
pagelint made of them.
"""
import argparse
import collections
import glob
import json
import os
import subprocess
import sys
import tarfile

VERSION = '6.3.1'


def test_cases(cache):
    os.makedirs(cache, exist_ok=True)
    sdists = glob.glob(os.path.join(cache, f'ftfy-{VERSION}.tar.gz'))
    if not sdists:
        subprocess.run([sys.executable, '-m', 'pip', 'download', '--no-deps', '--no-binary', ':all:',
                        f'ftfy=={VERSION}', '-d', cache], check=True)
        sdists = glob.glob(os.path.join(cache, f'ftfy-{VERSION}.tar.gz'))
    with tarfile.open(sdists[0]) as tar:
        member = tar.getmember(f'ftfy-{VERSION}/tests/test_cases.json')
        return json.load(tar.extractfile(member))


def run(binary, text):
    p = subprocess.run([binary, '--select', 'ENC001,ENC002,ENC004,ENC005', '--fix', '-'],
                       input=text.encode('utf-8', 'surrogatepass'), capture_output=True)
    return p.stdout.decode('utf-8', 'replace')


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--bin', default='target/release/pagelint')
    ap.add_argument('--cache', default='/tmp/ftfy-peer')
    ap.add_argument('--verbose', action='store_true')
    a = ap.parse_args()
    cases = [c for c in test_cases(a.cache) if c['expect'] == 'pass']
    by_class = collections.defaultdict(lambda: [0, 0])
    failures = []
    for c in cases:
        want = c.get('fixed-encoding', c['fixed'])
        got = run(a.bin, c['original'])
        cls = c['label'].split(':')[0].strip()
        by_class[cls][1] += 1
        if got == want:
            by_class[cls][0] += 1
        else:
            failures.append((c, got, want))
    ok = sum(v[0] for v in by_class.values())
    print(f'ftfy {VERSION} test_cases.json, "pass" cases: {ok} of {len(cases)} as ftfy expects')
    print()
    print('| class | pass | cases |')
    print('|---|---|---|')
    for cls, (p, n) in sorted(by_class.items(), key=lambda kv: (-kv[1][1], kv[0])):
        print(f'| {cls} | {p} | {n} |')
    if a.verbose:
        print()
        for c, got, want in failures:
            print(f"FAIL {c['label']}")
            print(f"  original: {c['original']!r}")
            print(f"  expected: {want!r}")
            print(f"  pagelint: {got!r}")


if __name__ == '__main__':
    main()

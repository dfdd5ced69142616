#!/usr/bin/env python3
"""Derive pagelint's word-frequency tables from the `wordfreq` package's data.

    pip download wordfreq==3.1.1 --no-deps -d /tmp/wf
    pip install msgpack
    python3 scripts/extract_wordfreq.py /tmp/wf/wordfreq-3.1.1-py3-none-any.whl

writes `rules/data/typ/freq-es.tsv` and `rules/data/typ/freq-en.tsv`: every
word of wordfreq's "large" list of the language with a Zipf frequency of at
least MIN_ZIPF that is made of letters (with inner apostrophes or hyphens),
as `word<TAB>zipf` (two decimals), sorted bytewise. build.rs compiles them
into fst maps (src/text/spell/freq_build.rs); nothing reads them at run time.

wordfreq's data is licensed CC BY-SA 4.0 (the code is Apache-2.0); the
derived tables are shared under CC BY-SA 4.0 with the attribution written
into their header.
"""
import gzip
import io
import re
import sys
import zipfile
from pathlib import Path

import msgpack

MIN_ZIPF = 2.0
WORD = re.compile(r"^[^\W\d_]+(?:['’-][^\W\d_]+)*$")
ROOT = Path(__file__).resolve().parent.parent

HEADER = """\
# Word frequencies ({name}) for the TYP rules (TYP001's confident tier,
# TYP008's accent tier): word<TAB>Zipf frequency (log10 of occurrences per
# billion words), lowercase, sorted bytewise.
# Source: wordfreq {version} (https://pypi.org/project/wordfreq/), file
# wordfreq/data/large_{lang}.msgpack.gz, by Robyn Speer and contributors;
# built from Wikipedia, OpenSubtitles 2018 and SUBTLEX, NewsCrawl 2014 and
# GlobalVoices, Google Books Ngrams 2012, OSCAR, Twitter and Reddit.
# Licence: CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/),
# as wordfreq's data; this derived table is shared under the same licence.
# Changes: only words of letters (inner ' or - allowed) with Zipf >= {min_zipf};
# extracted by scripts/extract_wordfreq.py.
"""


def main(wheel: str) -> None:
    z = zipfile.ZipFile(wheel)
    version = re.search(r"wordfreq-([\d.]+)-", Path(wheel).name).group(1)
    for lang, name in (("es", "Spanish"), ("en", "English")):
        raw = z.read(f"wordfreq/data/large_{lang}.msgpack.gz")
        pack = msgpack.unpackb(gzip.decompress(raw), raw=False)
        assert pack[0] == {"format": "cB", "version": 1}, pack[0]
        rows = {}
        # Bucket k holds the words of frequency -k centibels: Zipf 9 - k/100.
        for k, bucket in enumerate(pack[1:]):
            zipf = 9 - k / 100
            if zipf < MIN_ZIPF - 1e-9:
                break
            for w in bucket:
                if WORD.match(w) and w not in rows:
                    rows[w] = zipf
        out = ROOT / f"rules/data/typ/freq-{lang}.tsv"
        with open(out, "w", encoding="utf-8", newline="\n") as f:
            f.write(HEADER.format(name=name, version=version, lang=lang, min_zipf=MIN_ZIPF))
            for w in sorted(rows, key=lambda s: s.encode()):
                f.write(f"{w}\t{rows[w]:.2f}\n")
        print(out, len(rows))


if __name__ == "__main__":
    main(sys.argv[1])

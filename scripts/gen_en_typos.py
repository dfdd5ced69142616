#!/usr/bin/env python3
"""Derive rules/data/typ/en-typos.csv from crate-ci/typos' word list.

Input: the typo list exported from the `typos-dict` crate (crates.io,
MIT OR Apache-2.0) as `typo,correction[,correction...]` lines (see
rules/data/typ/README.md for the export program). Entries whose typo is a
valid Spanish or English word form (per the built-in Hunspell dictionaries,
expanded with scripts/expand_hunspell.py) are removed: pagelint checks
Spanish pages, where an English "typo" such as "como" or "mas" is a word.

usage: gen_en_typos.py typos-words.csv es-words.txt en-words.txt > en-typos.csv
"""
import sys

typos, es_path, en_path = sys.argv[1:4]
es = set(open(es_path, encoding="utf-8").read().split("\n"))
en = set(open(en_path, encoding="utf-8").read().split("\n"))


def valid(word, words):
    return word in words or word.capitalize() in words or word.upper() in words


rows = []
dropped_es = dropped_en = 0
for line in open(typos, encoding="utf-8"):
    parts = line.rstrip("\n").split(",")
    typo, fixes = parts[0].lower(), parts[1:]
    if not typo or not fixes:
        continue
    if valid(typo, es):
        dropped_es += 1
        continue
    if valid(typo, en):
        dropped_en += 1
        continue
    rows.append((typo, fixes))
rows.sort()
print("# English typos and their corrections: typo,correction[,correction...]")
print("# Source: crate-ci/typos word list (crates.io `typos-dict` 0.14.4), MIT OR Apache-2.0,")
print("# (c) the typos contributors. Derived by scripts/gen_en_typos.py: entries whose typo")
print(f"# is a valid Spanish word form ({dropped_es}) or English word form ({dropped_en}) per the")
print("# built-in Hunspell dictionaries were removed.")
seen = set()
for typo, fixes in rows:
    if typo in seen:
        continue
    seen.add(typo)
    print(typo + "," + ",".join(fixes))

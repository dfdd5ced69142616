#!/usr/bin/env python3
"""Planted-error evaluation of the TYP rules on a split of ../shared/corpus
that the rules were not tuned on.

usage: typ_planted_eval.py PAGELINT (tune|heldout) [SEED] [--show]

The split is fixed by a hash of each page's path (SPLIT below, chosen
before any tuning): pages whose sha1(path relative to the corpus) starts
with 0-7 are the tuning half, 8-f the held-out half. Folders: es-course,
es-docs (Spanish), book (English; the first BOOK_PAGES of the half in hash
order, to keep the run short).

For every page, errors of each kind are planted at recorded places
(at most one of each kind per page, each in a different line):

  title-swap     two adjacent letters swapped in a common title word  TYP001
  title-accent   a written accent removed from a title word    TYP001/TYP008
  question       the accent of ¿Cómo/¿Qué/… removed                   TYP008
  slip           ñ typed for the accent dead key in prose             TYP002
  repeat         a prose word written twice                           TYP006
  link-text      a letter dropped/doubled/swapped in a link-text word
                 that is a name in its URL                            TYP003
  author         a cited surname corrupted (swap, doubled or dropped
                 letter), in a citation planted at the end of the page
                 or an existing one                                   TYP004
  year           a citation year 2-5 years after, or 1-3 before, the
                 arXiv identifier's year                              TYP005

Then `pagelint --select TYP --output-format json` runs on the original
pages and on the planted ones (each in a copy of its tree). On the planted
pages a finding is true when it flags a planted word (same line, the spans
overlap) and false when it is neither planted nor also found on the
original page; findings also found on the original page are counted apart
(they are the corpus findings reviewed by hand in docs/precision.md).
Recall per kind = planted errors flagged by a TYP rule / planted errors.
"""
import hashlib
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(here)
CORPUS = os.path.join(root, "..", "shared", "corpus")
FOLDERS = ["es-course", "es-docs", "book"]
BOOK_PAGES = 80


def split_of(rel):
    return "tune" if hashlib.sha1(rel.encode()).hexdigest()[0] in "01234567" else "heldout"


def load_freq(lang):
    out = {}
    for line in open(os.path.join(root, f"rules/data/typ/freq-{lang}.tsv"), encoding="utf-8"):
        if not line.startswith("#"):
            w, z = line.rstrip("\n").split("\t")
            out[w] = float(z)
    return out


FREQ = {"es": load_freq("es"), "en": load_freq("en")}
UNACC = {"á": "a", "é": "e", "í": "i", "ó": "o", "ú": "u"}
SLIP = {"á": "ña", "é": "ñe", "í": "ñi", "ó": "ño", "ú": "ñu"}
QUESTION = re.compile(r"¿\s*(?:[Yy] |[Ee]n |[Cc]on |[Pp]or |[Pp]ara |[Dd]e )?(Cómo|Qué|Cuál|Cuáles|Dónde|Cuándo|Cuánto|Cuánta|Cuántos|Cuántas|cómo|qué|cuál|cuáles|dónde|cuándo|cuánto|cuántos)\b")
LINK = re.compile(r"(?<!!)\[([^\]\n]+)\]\((https?://[^)\s]+)\)")
CITE_END = re.compile(r"\(([A-Z][a-zà-ÿ]+)(?: et al\.?| y [A-Z]\w+| and [A-Z]\w+)?,? (\d{4})\)")
# Widely known arXiv papers for planted citations: (surname, id, year).
PAPERS = [
    ("Vaswani", "1706.03762", 2017), ("Devlin", "1810.04805", 2018),
    ("Radford", "1511.06434", 2015), ("Mikolov", "1301.3781", 2013),
    ("Kingma", "1412.6980", 2014), ("Goodfellow", "1406.2661", 2014),
    ("Sutskever", "1409.3215", 2014), ("Raffel", "1910.10683", 2019),
    ("Brown", "2005.14165", 2020), ("Touvron", "2302.13971", 2023),
    ("Ouyang", "2203.02155", 2022), ("Lewis", "2005.11401", 2020),
    ("Howard", "1801.06146", 2018), ("Peters", "1802.05365", 2018),
    ("Bojanowski", "1607.04606", 2016), ("Srivastava", "1207.0580", 2012),
    ("Simonyan", "1409.1556", 2014), ("Ronneberger", "1505.04597", 2015),
    ("Kipf", "1609.02907", 2016), ("Schulman", "1707.06347", 2017),
]


def pages_of(split):
    out = []
    for folder in FOLDERS:
        base = os.path.join(CORPUS, folder)
        got = []
        for dp, _, names in os.walk(base):
            for n in names:
                if n.endswith(".md"):
                    rel = os.path.relpath(os.path.join(dp, n), CORPUS)
                    if split_of(rel) == split:
                        got.append(rel)
        got.sort(key=lambda r: hashlib.sha1(r.encode()).hexdigest())
        if folder == "book":
            got = got[:BOOK_PAGES]
        out += sorted(got)
    return out


def code_mask(text):
    """Offsets inside fenced code, inline code, front matter, HTML comments."""
    mask = bytearray(len(text))
    off = 0
    fence = None
    lines = text.split("\n")
    fm = lines and lines[0].strip() == "---"
    for i, line in enumerate(lines):
        s = line.strip()
        inside = False
        if fm:
            inside = True
            if i > 0 and s == "---":
                fm = False
        elif fence:
            inside = True
            if s.startswith(fence):
                fence = None
        elif s.startswith("```") or s.startswith("~~~"):
            fence = s[:3]
            inside = True
        elif line.startswith("    ") or line.startswith("\t"):
            inside = True
        if inside:
            for k in range(off, off + len(line)):
                mask[k] = 1
        off += len(line) + 1
    for m in re.finditer(r"`[^`\n]*`|<!--.*?-->|<[^>\n]*>|\{\{.*?\}\}|\{%.*?%\}", text, re.S):
        for k in range(m.start(), m.end()):
            mask[k] = 1
    return mask


def words_at(text, a, b, mask):
    for m in re.finditer(r"[^\W\d_]+", text[a:b]):
        s, e = a + m.start(), a + m.end()
        if any(mask[s:e]):
            continue
        before, after = text[s - 1:s], text[e:e + 1]
        if before and before in "/._:-@#\\'’" or after and after in "/._:-@(\\'’" or after.isdigit():
            continue
        yield s, e, m.group(0)


def headings(text, mask):
    off = 0
    for line in text.split("\n"):
        m = re.match(r"#{1,6} ", line)
        if m and not mask[off]:
            yield off + m.end(), off + len(line)
        off += len(line) + 1


def prose_lines(text, mask):
    off = 0
    for line in text.split("\n"):
        if line.strip() and not mask[off] and not re.match(r"\s*(#|\||<|---|\[[^\]]*\]:)", line):
            yield off, off + len(line)
        off += len(line) + 1


def line_of(text, off):
    return text.count("\n", 0, off) + 1


def plant(text, rng, lang):
    """The planted text and the plants: (kind, start, end, new, rules)."""
    mask = code_mask(text)
    freq = FREQ[lang]
    heads = list(headings(text, mask))
    hwords = [w for a, b in heads for w in words_at(text, a, b, mask)]
    plants = []
    # title-swap: a common lowercase word of a heading
    cands = [w for w in hwords if len(w[2]) >= 6 and w[2].islower() and freq.get(w[2], 0) >= 3.0]
    if cands:
        s, e, w = rng.choice(cands)
        opts = [i for i in range(1, len(w) - 1) if w[i] != w[i + 1]]
        rng.shuffle(opts)
        for i in opts:
            new = w[:i] + w[i + 1] + w[i] + w[i + 2:]
            if new not in FREQ["es"] and new not in FREQ["en"]:
                plants.append(("title-swap", s, e, new, {"TYP001"}))
                break
    # title-accent (Spanish)
    if lang == "es":
        cands = [w for w in hwords if len(w[2]) >= 4 and sum(c in UNACC for c in w[2]) == 1]
        if cands:
            s, e, w = rng.choice(cands)
            plants.append(("title-accent", s, e, "".join(UNACC.get(c, c) for c in w), {"TYP001", "TYP008"}))
        q = [m for m in QUESTION.finditer(text) if not mask[m.start(1)]]
        if q:
            m = rng.choice(q)
            w = m.group(1)
            plants.append(("question", m.start(1), m.end(1), "".join(UNACC.get(c, c) for c in w), {"TYP008"}))
    prose = [w for a, b in prose_lines(text, mask) for w in words_at(text, a, b, mask)]
    if lang == "es":
        slips = []
        for s, e, w in prose:
            for i, c in enumerate(w):
                if c in SLIP and i > 0 and w[i - 1].isascii():
                    slips.append((s, e, w[:i] + SLIP[c] + w[i + 1:]))
        if slips:
            s, e, new = rng.choice(slips)
            plants.append(("slip", s, e, new, {"TYP002"}))
    reps = [(s, e, w) for s, e, w in prose if w.islower() and text[e:e + 1] == " " and len(w) >= 2]
    if reps:
        s, e, w = rng.choice(reps)
        plants.append(("repeat", s, e, w + " " + w, {"TYP006"}))
    # link-text: a word of the link text that is a name in its URL
    lt = []
    for m in LINK.finditer(text):
        if mask[m.start()]:
            continue
        url = m.group(2).lower()
        host = url.split("/")[2]
        toks = set(re.split(r"[^a-z0-9]+", host.replace("www.", "")))
        toks |= set(re.split(r"[^a-z0-9]+", "/".join(url.split("/")[3:]).split("?")[0]))
        for s, e, w in words_at(text, m.start(1), m.end(1), mask):
            if len(w) >= 5 and w.lower() in toks and w.isascii():
                lt.append((s, e, w))
    if lt:
        s, e, w = rng.choice(lt)
        i = rng.randrange(1, len(w) - 1)
        how = rng.choice(["drop", "double", "swap"])
        if how == "drop":
            new = w[:i] + w[i + 1:]
        elif how == "double":
            new = w[:i] + w[i] + w[i:]
        else:
            new = w[:i] + w[i + 1] + w[i] + w[i + 2:] if w[i] != w[i + 1] else w[:i] + w[i + 1:]
        plants.append(("link-text", s, e, new, {"TYP003"}))
    # drop overlapping plants and two plants in one line
    plants.sort(key=lambda p: p[1])
    kept, last, lines_used = [], -1, set()
    for p in plants:
        ln = line_of(text, p[1])
        if p[1] >= last and ln not in lines_used:
            kept.append(p)
            last = p[2]
            lines_used.add(ln)
    out = text
    for kind, s, e, new, rules in reversed(kept):
        out = out[:s] + new + out[e:]
    # recorded places in the new text
    rec = []
    shift = 0
    for kind, s, e, new, rules in kept:
        ns = s + shift
        if kind == "repeat":
            ns += len(new) // 2 + 1
            new_w = new[len(new) // 2 + 1:]
            rec.append((kind, line_of(out, ns), ns, ns + len(new_w), rules))
        else:
            rec.append((kind, line_of(out, ns), ns, ns + len(new), rules))
        shift += len(new) - (e - s)
    # planted citations at the end: a corrupted surname, a wrong year
    (name, aid, year), (name2, aid2, year2) = rng.sample(PAPERS, 2)
    how = rng.choice(["swap", "double", "drop"])
    i = rng.randrange(1, len(name) - 1)
    if how == "swap" and name[i] != name[i + 1]:
        bad = name[:i] + name[i + 1] + name[i] + name[i + 2:]
    elif how == "double":
        bad = name[:i] + name[i] + name[i:]
    else:
        bad = name[:i] + name[i + 1:]
    delta = rng.choice([2, 3, 4, 5, -1, -2, -3])
    said = "Ver" if lang == "es" else "See"
    # Three citation styles, as pages write them.
    style = rng.choice(["narrative", "linked", "parenthetical"])

    def cite(who, yr, aid_):
        if style == "narrative":
            return f"{said} [{who} et al. ({yr})](https://arxiv.org/abs/{aid_})."
        if style == "linked":
            return f"{said} [{who} et al., {yr}](https://arxiv.org/abs/{aid_})."
        return f"{said} [the paper](https://arxiv.org/abs/{aid_}) ({who} et al., {yr})."

    first = cite(bad, year, aid)
    second = cite(name2, year2 + delta, aid2)
    base = out.rstrip("\n") + "\n"
    tail = "\n" + first + "\n\n" + second + "\n"
    a = len(base) + 1 + first.index(bad)
    rec.append(("author", line_of(base + tail, a), a, a + len(bad), {"TYP004"}))
    y = len(base) + 1 + len(first) + 2 + second.index(str(year2 + delta), len(said) + 1 + len(name2))
    rec.append(("year", line_of(base + tail, y), y, y + 4, {"TYP005"}))
    return base + tail, rec


def lang_of(rel):
    return "en" if rel.startswith("book/") else "es"


def run(pagelint, tree, files):
    r = subprocess.run([pagelint, "--select", "TYP", "--output-format", "json", "-q", "--exit-zero"] + files,
                       cwd=tree, capture_output=True, text=True)
    try:
        return json.loads(r.stdout or "[]")
    except json.JSONDecodeError:
        sys.exit(f"pagelint failed: {r.stderr[:500]}")


def span_of(text, f):
    lines = text.split("\n")
    ln = f["line"]
    line = lines[ln - 1]
    if f["end_line"] == ln:
        return line[f["column"] - 1:f["end_column"] - 1]
    return line[f["column"] - 1:]


def main():
    pagelint = os.path.abspath(sys.argv[1])
    split = sys.argv[2]
    seed = int(sys.argv[3]) if len(sys.argv) > 3 and sys.argv[3].isdigit() else 1
    show = "--show" in sys.argv
    rng = random.Random(seed)
    pages = pages_of(split)
    with tempfile.TemporaryDirectory() as tmp:
        orig, planted = os.path.join(tmp, "orig"), os.path.join(tmp, "planted")
        # Whole trees (other Markdown files too): cross-file facts are real.
        for folder in FOLDERS:
            shutil.copytree(os.path.join(CORPUS, folder), os.path.join(orig, folder))
            shutil.copytree(os.path.join(CORPUS, folder), os.path.join(planted, folder))
        records = {}
        for rel in pages:
            text = open(os.path.join(CORPUS, rel), encoding="utf-8").read()
            new, rec = plant(text, rng, lang_of(rel))
            open(os.path.join(planted, rel), "w", encoding="utf-8").write(new)
            records[rel] = (new, rec)
        before = {}
        for f in run(pagelint, orig, pages):
            t = open(os.path.join(orig, f["path"]), encoding="utf-8").read()
            before.setdefault(f["path"], set()).add((f["code"], span_of(t, f)))
        after = run(pagelint, planted, pages)
    per_kind, per_rule = {}, {}
    missed, false = [], []
    found_any = {}
    existing = 0
    for f in after:
        rel = f["path"]
        new, rec = records[rel]
        span = span_of(new, f)
        lines = new.split("\n")
        # the finding's byte span in the planted text
        ls = sum(len(x) + 1 for x in lines[:f["line"] - 1])
        fs = ls + len(lines[f["line"] - 1][:f["column"] - 1])
        fe = fs + len(span)
        hit = None
        for k, (kind, ln, s, e, rules) in enumerate(rec):
            if ln == f["line"] and fs < e and s < fe:
                hit = k
                break
        pr = per_rule.setdefault(f["code"], [0, 0, 0])
        if hit is not None:
            pr[0] += 1
            found_any[(rel, hit)] = True
        elif (f["code"], span) in before.get(rel, set()):
            pr[2] += 1
            existing += 1
        else:
            pr[1] += 1
            false.append(f"{rel}:{f['line']} {f['code']} {span!r}: {f['message']}")
    for rel, (new, rec) in records.items():
        for k, (kind, ln, s, e, rules) in enumerate(rec):
            pk = per_kind.setdefault(kind, [0, 0])
            pk[0] += 1
            if found_any.get((rel, k)):
                pk[1] += 1
            else:
                missed.append(f"{rel}:{ln} {kind} {new[s:e]!r}")
    n = sum(v[0] for v in per_kind.values())
    fnd = sum(v[1] for v in per_kind.values())
    print(f"split {split}, seed {seed}: {len(pages)} pages "
          f"({sum(p.startswith('es-') for p in pages)} Spanish, {sum(p.startswith('book/') for p in pages)} English)")
    print(f"planted {n}, found {fnd} ({fnd / max(n, 1):.1%})")
    for k, (a, b) in sorted(per_kind.items()):
        print(f"  {k:13} {b:4}/{a:<4} {b / max(a, 1):.1%}")
    tp = sum(v[0] for v in per_rule.values())
    fp = sum(v[1] for v in per_rule.values())
    print(f"findings on planted pages: {tp} planted, {fp} false, {existing} also on the original pages")
    print(f"precision {tp / max(tp + fp, 1):.1%}")
    for r, (t, f_, x) in sorted(per_rule.items()):
        print(f"  {r}: {t} true, {f_} false, {x} pre-existing; precision {t / max(t + f_, 1):.1%}")
    if show:
        for x in false:
            print("false:", x)
        for x in missed:
            print("missed:", x)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Held-out evaluation of the TYP rules: pages pagelint was not tuned on,
with their real typos (labelled by hand in heldout_labels.tsv) and typos
injected by this script, of the kinds the rules target.

usage: heldout_eval.py PAGELINT HELDOUT_DIR [SEED]

For every page: a copy in a temporary project, `pagelint --write-baseline`
on the original (the reviewed baseline), then up to one injection of each
kind, then `pagelint --select TYP --output-format json`. A finding is a
true positive when it flags an injected word (same line) or a hand-labelled
real typo; anything else is a false alarm. Recall counts injected typos and
the labelled real typos that the rules are meant to catch.
"""
import json, os, random, re, shutil, subprocess, sys, tempfile, unicodedata

PAGELINT, HELD = sys.argv[1], sys.argv[2]
SEED = int(sys.argv[3]) if len(sys.argv) > 3 else 1
rng = random.Random(SEED)
here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(here)

# English typos from the built-in list, reversed: correction -> typo.
rev = {}
for line in open(os.path.join(root, "rules/data/typ/en-typos.csv"), encoding="utf-8"):
    if line.startswith("#"):
        continue
    parts = line.strip().split(",")
    if len(parts) == 2 and parts[1].isalpha() and len(parts[1]) >= 5:
        rev.setdefault(parts[1], parts[0])

labels = {}
lab = os.path.join(here, "heldout_labels.tsv")
for line in open(lab, encoding="utf-8"):
    if line.startswith("#") or not line.strip():
        continue
    f, ln, code, word, verdict, *_ = line.rstrip("\n").split("\t")
    labels[(f, int(ln), word)] = (code, verdict)

LINK = re.compile(r"\[([^\]\n]+)\]\((https?://[^)\s]+)\)")
ACC = {"á": "a", "é": "e", "í": "i", "ó": "o", "ú": "u"}
SLIP = {"á": "ña", "é": "ñe", "í": "ñi", "ó": "ño", "ú": "ñu"}


def title_spans(text):
    """(start, end) of heading lines and link texts."""
    spans = []
    off = 0
    in_code = False
    for line in text.split("\n"):
        if line.startswith("```"):
            in_code = not in_code
        elif not in_code and re.match(r"#{1,6} ", line):
            spans.append((off, off + len(line)))
        off += len(line) + 1
    for m in LINK.finditer(text):
        spans.append((m.start(1), m.end(1)))
    return spans


def prose_lines(text):
    out, off, in_code = [], 0, False
    for line in text.split("\n"):
        if line.startswith("```"):
            in_code = not in_code
        elif not in_code and line.strip() and not line.startswith(("#", "|", "<", "---", "    ")):
            out.append((off, line))
        off += len(line) + 1
    return out


def words_in(text, a, b):
    """Words of text[a:b] that are prose: not in URLs, paths, identifiers or
    code (a typo there is not a title typo)."""
    if re.match(r"\s*<?https?:", text[a:b]):
        return
    for m in re.finditer(r"[^\W\d_]+", text[a:b]):
        s, e = a + m.start(), a + m.end()
        before, after = text[max(0, s - 1):s], text[e:e + 1]
        if (before and before in "`/._:-@#" or after and after in "`(/._:-@" or after.isdigit()):
            continue
        yield s, e, m.group(0)


def line_of(text, off):
    return text.count("\n", 0, off) + 1


def inject(text):
    """Return the new text and a list of (kind, line, word, expected rule)."""
    done = []
    edits = []  # (start, end, new)
    titles = title_spans(text)
    cands = [w for a, b in titles for w in words_in(text, a, b)]
    # 1. missing accent in a title (Spanish)
    acc = [w for w in cands if len(w[2]) >= 5 and sum(ch in ACC for ch in w[2]) == 1]
    if acc:
        s, e, w = rng.choice(acc)
        new = "".join(ACC.get(ch, ch) for ch in w)
        edits.append((s, e, new, "accent", "TYP001"))
    # 2. known English typo in a title
    en = [w for w in cands if w[2].lower() in rev and w[2].islower()]
    if en:
        s, e, w = rng.choice(en)
        edits.append((s, e, rev[w], "en-typo", "TYP001"))
    # 3. transposed letters in a title word (tier 2, after the baseline)
    tw = [w for w in cands if len(w[2]) >= 6 and w[2].islower() and w[2].isalpha()]
    if tw:
        s, e, w = rng.choice(tw)
        i = rng.randrange(1, len(w) - 2)
        if w[i] != w[i + 1]:
            new = w[:i] + w[i + 1] + w[i] + w[i + 2:]
            edits.append((s, e, new, "title-swap", "TYP001"))
    # 4. ñ slip and 5. repeated word in prose
    pl = prose_lines(text)
    slips, reps = [], []
    for off, line in pl:
        for m in re.finditer(r"[^\W\d_]+", line):
            w = m.group(0)
            s = off + m.start()
            if "](" in line[m.end():m.end() + 2] or "http" in line[max(0, m.start() - 10):m.start()]:
                continue
            for i, ch in enumerate(w):
                if ch in SLIP and i > 0 and w[i - 1].lower() not in "aeiouy" and w[i - 1].isascii():
                    slips.append((s, s + len(w), w[:i] + SLIP[ch] + w[i + 1:]))
            if w.islower() and len(w) >= 2 and line[m.end():m.end() + 1] == " ":
                reps.append((s, s + len(w), w + " " + w))
    if slips:
        s, e, new = rng.choice(slips)
        edits.append((s, e, new, "slip", "TYP002"))
    if reps:
        s, e, new = rng.choice(reps)
        edits.append((s, e, new, "repeat", "TYP006"))
    # 6. a link text name one edit from its URL host
    mm = []
    for m in LINK.finditer(text):
        host = re.sub(r"^www\.", "", m.group(2).split("/")[2].lower()).split(".")[0]
        for s, e, w in words_in(text, m.start(1), m.end(1)):
            if w.lower() == host and len(w) >= 5 and w[0].isupper():
                mm.append((s, e, w))
    if mm:
        s, e, w = rng.choice(mm)
        i = rng.randrange(1, len(w) - 1)
        edits.append((s, e, w[:i] + w[i + 1:], "link-mismatch", "TYP003"))
    # 7. a cited surname with two letters swapped
    cit = [(m.start(1), m.end(1), m.group(1)) for m in re.finditer(r"\(([A-Z][a-z]{4,})(?: et al\.?| y [A-Z]\w+)?, \d{4}\)", text)]
    if cit:
        s, e, w = rng.choice(cit)
        edits.append((s, e, w[0] + w[2] + w[1] + w[3:], "author-swap", "TYP004"))
    # apply non-overlapping edits from the end
    edits.sort(key=lambda x: x[0])
    kept, last = [], -1
    for ed in edits:
        if ed[0] >= last:
            kept.append(ed)
            last = ed[1]
    out = text
    for s, e, new, kind, rule in reversed(kept):
        done.append((kind, line_of(text, s), new.split()[-1] if kind == "repeat" else new, rule))
        out = out[:s] + new + out[e:]
    # line numbers do not shift: no edit adds or removes a newline
    return out, done


def run(path_dir, files):
    r = subprocess.run([PAGELINT, "--select", "TYP", "--output-format", "json", "-q"] + files,
                       cwd=path_dir, capture_output=True, text=True)
    return json.loads(r.stdout or "[]")


tp = fp = 0
inj_total = inj_found = 0
real_total = real_found = 0
per_kind = {}
false_list = []
missed = []
with tempfile.TemporaryDirectory() as tmp:
    pages = []
    for dirpath, _, names in os.walk(HELD):
        for n in sorted(names):
            if n.endswith(".md"):
                pages.append(os.path.relpath(os.path.join(dirpath, n), HELD))
    for rel in sorted(pages):
        d = os.path.join(tmp, rel.replace("/", "__"))
        os.makedirs(d)
        shutil.copy(os.path.join(HELD, rel), os.path.join(d, "page.md"))
        open(os.path.join(d, "pagelint.toml"), "w").close()
        subprocess.run([PAGELINT, "--write-baseline", "page.md"], cwd=d, capture_output=True)
        text = open(os.path.join(d, "page.md"), encoding="utf-8").read()
        new, done = inject(text)
        open(os.path.join(d, "page.md"), "w", encoding="utf-8").write(new)
        found = run(d, ["page.md"])
        lines = new.split("\n")
        used = set()
        for f in found:
            ln = f["line"]
            span = lines[ln - 1]
            # the flagged text (columns are 1-based characters)
            word = span[f["column"] - 1:f["end_column"] - 1] if f["end_line"] == ln else span[f["column"] - 1:]
            hit = None
            for k, (kind, iln, w, rule) in enumerate(done):
                if k not in used and iln == ln and (w in word or word in w) and word:
                    hit = k
                    break
            if hit is not None:
                used.add(hit)
                tp += 1
                continue
            lab_v = labels.get((rel, ln, word))
            if lab_v and lab_v[1] == "real":
                tp += 1
            else:
                fp += 1
                false_list.append(f"{rel}:{ln} {f['code']} {word!r}: {f['message']}")
        for k, (kind, iln, w, rule) in enumerate(done):
            per_kind.setdefault(kind, [0, 0])
            per_kind[kind][0] += 1
            inj_total += 1
            if k in used:
                per_kind[kind][1] += 1
                inj_found += 1
            else:
                missed.append(f"{rel}:{iln} {kind} {w!r}")
        for (f, ln, w), (code, verdict) in labels.items():
            if f == rel and verdict in ("real", "missed"):
                real_total += 1
                if verdict == "real":
                    real_found += 1

print(f"pages: {len(pages)}, seed {SEED}")
print(f"injected: {inj_total}, found {inj_found}")
for k, (n, fnd) in sorted(per_kind.items()):
    print(f"  {k:14} {fnd}/{n}")
print(f"real typos (labelled, in scope): {real_total}, found {real_found}")
prec = tp / (tp + fp) if tp + fp else 1.0
rec = (inj_found + real_found) / (inj_total + real_total) if inj_total + real_total else 1.0
print(f"findings: {tp + fp}, true {tp}, false {fp}")
print(f"precision {prec:.1%}  recall {rec:.1%}")
for x in false_list:
    print("false:", x)
for x in missed:
    print("missed:", x)

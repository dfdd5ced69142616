import sys, re, collections
def load_aff(path):
    affs = collections.defaultdict(list)  # flag -> (kind, cross, strip, add, addflags, cond)
    cross = {}
    for line in open(path, encoding='utf-8'):
        p = line.split()
        if len(p) >= 4 and p[0] in ('PFX','SFX'):
            if len(p) == 4 and p[2] in 'YN':
                cross[(p[0],p[1])] = p[2]=='Y'; continue
            kind, flag, strip, add = p[0], p[1], p[2], p[3]
            cond = p[4] if len(p) > 4 else '.'
            if strip == '0': strip = ''
            addflags = ''
            if '/' in add: add, addflags = add.split('/',1)
            if add == '0': add = ''
            rx = re.compile(('^' + cond) if kind=='PFX' else (cond + '$'))
            affs[flag].append((kind, strip, add, addflags, rx))
    return affs, cross
def expand(dic, aff, long_flags=False):
    affs, cross = load_aff(aff)
    out = set()
    lines = open(dic, encoding='utf-8').read().split('\n')[1:]
    for l in lines:
        l = l.split('\t')[0].strip()
        if not l: continue
        if '/' in l: w, fl = l.split('/',1)
        else: w, fl = l, ''
        fl = fl.split()[0] if fl else ''
        out.add(w)
        sfx_forms = []
        def apply_sfx(word, flags, depth):
            for f in flags:
                for (k, strip, add, af, rx) in affs.get(f, []):
                    if k != 'SFX': continue
                    if not rx.search(word): continue
                    if strip and not word.endswith(strip): continue
                    nw = word[:len(word)-len(strip)] + add
                    out.add(nw)
                    sfx_forms.append((nw, f))
                    if af and depth == 0:
                        apply_sfx(nw, af, 1)
        apply_sfx(w, fl, 0)
        for f in fl:
            for (k, strip, add, af, rx) in affs.get(f, []):
                if k != 'PFX': continue
                for base, sf in [(w, None)] + sfx_forms:
                    if sf is not None and not (cross.get(('PFX', f)) and cross.get(('SFX', sf))): continue
                    if not rx.search(base): continue
                    if strip and not base.startswith(strip): continue
                    out.add(add + base[len(strip):])
    return out
s = expand(sys.argv[1], sys.argv[2])
print(len(s), file=sys.stderr)
for w in sorted(s): print(w)

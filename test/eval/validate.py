#!/usr/bin/env python3
"""Validate test/eval/questions.jsonl against data/docs/.

Checks: JSON parses, ids unique, kinds valid and counted, required fields,
answerable items point at an existing file/line inside the stated article,
unanswerable items have null targets. If node + opencc-js (a project
dependency) are available, it also checks that each phrase occurs on its
line after cleaning (pinyin annotations removed, traditional -> simplified)
and reports phrases that also occur elsewhere in the corpus.

Usage: python3 test/eval/validate.py   (from the repository root)
"""
import json
import os
import re
import subprocess
import sys
from collections import Counter, defaultdict

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DOCS = os.path.join(ROOT, "data", "docs")
QFILE = os.path.join(ROOT, "test", "eval", "questions.jsonl")

KINDS = {"paraphrase": 55, "literal": 10, "traditional": 10, "english": 8,
         "find": 12, "unanswerable": 15}

# 1-based line numbers where article N starts (index 0 -> article 1).
# 000/001/002/004 come from the in-text markers (checked below);
# 003 has no markers: an article starts where the top-level numbering restarts.
ARTICLE_STARTS = {
    "000_1c877c88cc443075.txt": [7, 71, 117, 193, 243],
    "001_084f284d8a8a9e43.txt": [4, 23, 36, 47, 68, 82, 94, 152, 167, 323],
    "002_e3554324031b6b29.txt": [3, 83, 138, 157, 218],
    "003_9b54f81a9d65b260.txt": [3, 96, 106, 138, 183, 206, 215, 234, 257],
    "004_aca56f0dfc7b8c1b.txt": [7, 61, 81, 167, 193, 277, 343, 351, 393],
}
MARKERS = {
    "000_1c877c88cc443075.txt": re.compile(r"^实行零报告制度篇[一二三四五]$"),
    "001_084f284d8a8a9e43.txt": re.compile(r"^篇\d+$"),
    "002_e3554324031b6b29.txt": re.compile(r"^高質.*報.*告\d$"),
    "004_aca56f0dfc7b8c1b.txt": re.compile(r"篇\d$"),
}
PINYIN = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]+\)")

errors, warnings = [], []


def article_of(fname, line):
    starts = ARTICLE_STARTS[fname]
    art = 0
    for i, s in enumerate(starts, 1):
        if line >= s:
            art = i
    return art


def article_range(fname, art, nlines):
    starts = ARTICLE_STARTS[fname]
    lo = starts[art - 1]
    hi = starts[art] - 1 if art < len(starts) else nlines
    return lo, hi


def clean_all(raw):
    """Strip pinyin annotations and convert to simplified with opencc-js."""
    stripped = {f: [PINYIN.sub("", l) for l in ls] for f, ls in raw.items()}
    js = (
        "import * as O from '%s';"
        "const a=O.Converter({from:'hk',to:'cn'}),b=O.Converter({from:'tw',to:'cn'});"
        "let s='';process.stdin.setEncoding('utf8');process.stdin.on('data',d=>s+=d).on('end',()=>{"
        "const x=JSON.parse(s);for(const k in x)x[k]=x[k].map(l=>b(a(l)));"
        "process.stdout.write(JSON.stringify(x));});"
    ) % os.path.join(ROOT, "node_modules", "opencc-js", "dist", "esm", "full.js").replace("\\", "/")
    try:
        out = subprocess.run(["node", "--input-type=module", "-e", js],
                             input=json.dumps(stripped, ensure_ascii=False),
                             capture_output=True, text=True, check=True, timeout=120).stdout
        return json.loads(out)
    except Exception as e:  # noqa: BLE001
        warnings.append(f"phrase check skipped (node/opencc-js unavailable: {e})")
        return None


def main():
    raw = {}
    for f in sorted(os.listdir(DOCS)):
        with open(os.path.join(DOCS, f), encoding="utf-8") as fh:
            raw[f] = fh.read().split("\n")

    # cross-check article starts against markers
    for f, rx in MARKERS.items():
        found = [i + 1 for i, l in enumerate(raw[f]) if rx.search(PINYIN.sub("", l).strip())]
        if found != ARTICLE_STARTS[f]:
            errors.append(f"{f}: marker lines {found} != table {ARTICLE_STARTS[f]}")

    rows = []
    with open(QFILE, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                errors.append(f"line {n}: blank line")
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as e:
                errors.append(f"line {n}: JSON error {e}")

    ids = Counter(r.get("id") for r in rows)
    for i, c in ids.items():
        if c > 1:
            errors.append(f"duplicate id {i}")

    cleaned = clean_all(raw)
    kinds, per_file = Counter(), Counter()
    per_article = defaultdict(Counter)
    dup_phrases = []
    for r in rows:
        rid = r.get("id")
        missing = {"id", "kind", "question", "file", "article", "line", "phrase"} - set(r)
        if missing:
            errors.append(f"{rid}: missing fields {missing}")
            continue
        k = r["kind"]
        kinds[k] += 1
        if k not in KINDS:
            errors.append(f"{rid}: unknown kind {k}")
            continue
        if not r["question"].strip():
            errors.append(f"{rid}: empty question")
        if k == "unanswerable":
            if any(r[x] is not None for x in ("file", "article", "line", "phrase")):
                errors.append(f"{rid}: unanswerable item must have null file/article/line/phrase")
            continue
        f, art, ln, ph = r["file"], r["article"], r["line"], r["phrase"]
        if f not in raw:
            errors.append(f"{rid}: file {f} not found")
            continue
        lines = raw[f]
        if not isinstance(ln, int) or not 1 <= ln <= len(lines):
            errors.append(f"{rid}: line {ln} out of range 1..{len(lines)}")
            continue
        if not lines[ln - 1].strip():
            errors.append(f"{rid}: line {ln} is empty")
        if not isinstance(art, int) or art < 1 or art > len(ARTICLE_STARTS[f]):
            errors.append(f"{rid}: bad article {art}")
            continue
        if article_of(f, ln) != art:
            errors.append(f"{rid}: line {ln} belongs to article {article_of(f, ln)}, not {art}")
        if not isinstance(ph, str) or not 4 <= len(ph) <= 15:
            errors.append(f"{rid}: phrase length {len(ph) if isinstance(ph, str) else ph} not in 4..15")
        per_file[f] += 1
        per_article[f][art] += 1
        if cleaned is None:
            continue
        cl = cleaned[f]
        lo, hi = article_range(f, art, len(cl))
        if k == "find":
            first = lo + 1 if f in MARKERS else lo  # 003 has no marker line
            while first <= hi and not raw[f][first - 1].strip():
                first += 1
            if ln != first:
                errors.append(f"{rid}: find line {ln} is not the article's first content line {first}")
            if not any(ph in cl[i - 1] for i in range(lo, hi + 1)):
                errors.append(f"{rid}: find phrase {ph!r} not in article {art} (lines {lo}-{hi})")
        elif ph not in cl[ln - 1]:
            errors.append(f"{rid}: phrase {ph!r} not on cleaned line {ln} of {f}")
        if cl[ln - 1].startswith("。") and k != "find":
            warnings.append(f"{rid}: target line starts with mojibake")
        # where else does the phrase occur?
        elsewhere = [(g, i + 1) for g, gl in cleaned.items() for i, l in enumerate(gl)
                     if ph in l and not (g == f and lo <= i + 1 <= hi)]
        if elsewhere:
            dup_phrases.append((rid, ph, elsewhere))

    print(f"{len(rows)} questions, {len(ids)} unique ids")
    print("per kind:")
    for k, need in KINDS.items():
        flag = "" if kinds[k] >= need else f"   <-- need >= {need}"
        print(f"  {k:13s} {kinds[k]:3d}{flag}")
        if kinds[k] < need:
            errors.append(f"kind {k}: {kinds[k]} < {need}")
    print("answerable per file (per article):")
    for f in ARTICLE_STARTS:
        arts = ", ".join(f"{a}:{c}" for a, c in sorted(per_article[f].items()))
        flag = "" if per_file[f] >= 15 else "   <-- need >= 15"
        print(f"  {f} {per_file[f]:3d}  [{arts}]{flag}")
        if per_file[f] < 15:
            errors.append(f"{f}: only {per_file[f]} answerable questions")
    if dup_phrases:
        print("phrases that also occur outside the target article (duplicated source text):")
        for rid, ph, where in dup_phrases:
            print(f"  {rid} {ph!r}: also at " + ", ".join(f"{g[:3]}:{i}" for g, i in where))
    for w in warnings:
        print("WARNING:", w)
    for e in errors:
        print("ERROR:", e)
    print("OK" if not errors else f"{len(errors)} error(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Validate a held-out evaluation set against the chunked corpus (inspect/*.inspect.json).

Usage: python3 validate.py FILE.jsonl PREFIX     e.g.  python3 validate.py /tmp/blind/h37/heldout37.jsonl hl

A passage counts as found when it is from the right file and, with spaces and the
punctuation  ，,。：:；;、（）()“”"  removed, contains the phrase; a "find" question is
answered by any passage of the right article. Article numbers are 1-based in the order of
inspect's "articles" list for that file; line numbers are lines of the original file (docs/).
"""
import json, os, re, subprocess, sys
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
KINDS = {"paraphrase": 50, "literal": 8, "traditional": 10, "english": 10, "find": 8, "unanswerable": 24}
FILES = sorted(f for f in os.listdir(os.path.join(HERE, "docs")))
SQ = re.compile(r"[\s，,。：:；;、（）()“”\"]")
squash = lambda s: SQ.sub("", s)

def main():
    path, prefix = sys.argv[1], sys.argv[2]
    errors, warnings = [], []
    insp = {f: json.load(open(os.path.join(HERE, "inspect", f[:3] + ".inspect.json"), encoding="utf-8")) for f in FILES}
    chunks = [(f, ai + 1, c) for f in FILES for ai, a in enumerate(insp[f]["articles"]) for c in a["chunks"]]
    rows = []
    for n, line in enumerate(open(path, encoding="utf-8"), 1):
        if not line.strip():
            errors.append(f"line {n}: blank"); continue
        try: rows.append(json.loads(line))
        except Exception as e: errors.append(f"line {n}: bad JSON {e}")
    want_ids = [f"{prefix}{i:03d}" for i in range(1, 111)]
    ids = [r.get("id") for r in rows]
    if sorted(ids) != want_ids: errors.append(f"ids must be exactly {want_ids[0]}..{want_ids[-1]} once each")
    kinds = Counter(r.get("kind") for r in rows)
    for k, need in KINDS.items():
        if kinds[k] != need: errors.append(f"kind {k}: {kinds[k]}, need exactly {need}")
    qs = Counter(r.get("question") for r in rows)
    for q, c in qs.items():
        if c > 1: errors.append(f"question repeated: {q}")
    # traditional check via opencc
    trad = [r for r in rows if r.get("kind") == "traditional"]
    try:
        js = ("import * as O from '@ROOT@/node_modules/opencc-js/dist/esm/full.js';const b=O.Converter({from:'tw',to:'cn'});"
              "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>console.log(JSON.stringify(JSON.parse(s).map(b))))")
        simp = json.loads(subprocess.run(["node", "--input-type=module", "-e", js], input=json.dumps([r["question"] for r in trad], ensure_ascii=False), capture_output=True, text=True, check=True).stdout)
        for r, s in zip(trad, simp):
            if s == r["question"]: errors.append(f"{r['id']}: traditional question has no traditional characters")
    except Exception as e:
        warnings.append(f"traditional check skipped: {e}")
    per_file, per_article, lines_used = Counter(), defaultdict(Counter), Counter()
    for r in rows:
        rid, k = r.get("id"), r.get("kind")
        miss = {"id", "kind", "question", "file", "article", "line", "phrase"} - set(r)
        extra = set(r) - {"id", "kind", "question", "file", "article", "line", "phrase"}
        if miss: errors.append(f"{rid}: missing {miss}"); continue
        if extra: errors.append(f"{rid}: extra fields {extra}")
        if not isinstance(r["question"], str) or not r["question"].strip(): errors.append(f"{rid}: empty question")
        if k == "english" and re.search(r"[\u4e00-\u9fff]", r["question"]): warnings.append(f"{rid}: English question contains Chinese characters")
        if k == "unanswerable":
            if any(r[x] is not None for x in ("file", "article", "line", "phrase")): errors.append(f"{rid}: unanswerable needs null file/article/line/phrase")
            continue
        f, art, ln, ph = r["file"], r["article"], r["line"], r["phrase"]
        if f not in FILES: errors.append(f"{rid}: unknown file {f}"); continue
        arts = insp[f]["articles"]
        if not isinstance(art, int) or not 1 <= art <= len(arts): errors.append(f"{rid}: bad article {art}"); continue
        a = arts[art - 1]
        if not isinstance(ln, int) or not a["lineStart"] <= ln <= a["lineEnd"]:
            errors.append(f"{rid}: line {ln} not in article {art} (lines {a['lineStart']}-{a['lineEnd']})"); continue
        if not isinstance(ph, str) or not 4 <= len(ph) <= 15: errors.append(f"{rid}: phrase length not in 4..15"); continue
        sp = squash(ph)
        if k == "find":
            if not any(sp in squash(c["text"]) for c in a["chunks"]): errors.append(f"{rid}: find phrase not in any passage of article {art}")
        else:
            cover = [c for c in a["chunks"] if c["lineStart"] <= ln <= c["lineEnd"]]
            if not cover: errors.append(f"{rid}: line {ln} is in no passage (dropped as boilerplate?)")
            elif not any(sp in squash(c["text"]) for c in cover): errors.append(f"{rid}: phrase {ph!r} not in the passage holding line {ln} (passage text is what counts; check punctuation)")
            where = [(g, ai, c["lineStart"]) for g, ai, c in chunks if sp in squash(c["text"])]
            if len(where) > 1: errors.append(f"{rid}: phrase {ph!r} occurs in {len(where)} passages: {where}")
            if (f, ln) in lines_used: errors.append(f"{rid}: another question already targets {f[:3]} line {ln}")
            lines_used[(f, ln)] += 1
        per_file[f] += 1; per_article[f][art] += 1
    print(f"{len(rows)} questions; kinds: {dict(kinds)}")
    for f in FILES:
        n_art = len(insp[f]["articles"])
        untargeted = [i for i in range(1, n_art + 1) if per_article[f][i] == 0]
        print(f"  {f}: {per_file[f]} answerable, articles {dict(sorted(per_article[f].items()))}")
        if untargeted: errors.append(f"{f}: articles never targeted: {untargeted}")
        if not 15 <= per_file[f] <= 20: errors.append(f"{f}: {per_file[f]} answerable, need 15..20")
    for w in warnings: print("WARNING:", w)
    for e in errors: print("ERROR:", e)
    print("OK" if not errors else f"{len(errors)} error(s)")
    return 1 if errors else 0

if __name__ == "__main__":
    sys.exit(main())

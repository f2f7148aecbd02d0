import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { packagePath } from "../util/paths.js";

/**
 * Keyword tokens for BM25 and for matching sentences: nodejieba's search-mode
 * segmentation (finer grains, so "政务信息化" also yields "政务" and "信息化"),
 * with a user dictionary of policy terms, stop words and punctuation removed,
 * ASCII lower-cased. The dictionary is loaded once per process (nodejieba
 * keeps it in native memory).
 */
const require = createRequire(import.meta.url);
type Jieba = { load(opts: Record<string, string>): void; cutForSearch(s: string, hmm?: boolean): string[]; cut(s: string, hmm?: boolean): string[] };
let jieba: Jieba | undefined;
let stopWords: Set<string> | undefined;

function getJieba(): Jieba {
  if (!jieba) {
    const j = require("nodejieba") as Jieba & { DEFAULT_USER_DICT: string };
    // The IDF dictionary only serves nodejieba's keyword extraction, which is
    // not used: a stub instead of its 6 MB default saves ~0.1 s per process.
    j.load({ userDict: packagePath("data", "dict", "policy.dict.utf8"), idfDict: packagePath("data", "dict", "idf-stub.utf8") });
    jieba = j;
  }
  return jieba;
}

export function getStopWords(): Set<string> {
  stopWords ??= new Set(
    readFileSync(packagePath("data", "dict", "stopwords.txt"), "utf8")
      .split("\n")
      .map((s) => s.trim())
      .filter(Boolean),
  );
  return stopWords;
}

const KEEP = /[\p{L}\p{N}]/u;

/** Search-mode tokens, stop words dropped. Used for BM25 over documents and questions alike. */
export function tokenize(text: string): string[] {
  const stops = getStopWords();
  const out: string[] = [];
  for (const raw of getJieba().cutForSearch(text, true)) {
    const t = raw.trim().toLowerCase();
    if (!t || !KEEP.test(t) || stops.has(t)) continue;
    out.push(t);
  }
  return out;
}

/** Precise-mode words (no overlapping grains), for sentence matching and key-term checks. */
export function words(text: string): string[] {
  const stops = getStopWords();
  return getJieba()
    .cut(text, true)
    .map((w) => w.trim().toLowerCase())
    .filter((w) => w && KEEP.test(w) && !stops.has(w));
}

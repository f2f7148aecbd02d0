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
type Jieba = {
  load(opts: Record<string, string>): void;
  cutForSearch(s: string, hmm?: boolean): string[];
  cut(s: string, hmm?: boolean): string[];
  tag(s: string): Array<{ word: string; tag: string }>;
  DEFAULT_IDF_DICT: string;
};
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

/** nodejieba's precise-mode cut (user dictionary loaded), unfiltered. */
export function jiebaCut(text: string): string[] {
  return getJieba().cut(text, true);
}

/** nodejieba's part-of-speech tagging (user dictionary loaded): "ns" marks a place's name ("丰县", "新罗区"). */
export function jiebaTag(text: string): Array<{ word: string; tag: string }> {
  return getJieba().tag(text);
}

/** nodejieba's search-mode cut (user dictionary loaded), unfiltered. */
export function jiebaCutForSearch(text: string): string[] {
  return getJieba().cutForSearch(text, true);
}

let twoCharWords: Map<string, number> | undefined;

/**
 * How often jieba's general dictionary counts a two-character word (0 when
 * it lacks it): 条例 5288, 理发 94. Read in JS on first use (~0.1 s), which
 * only the repair of mojibake needs, and only in a document that has it.
 */
export function wordFrequency(word: string): number {
  if (!twoCharWords) {
    twoCharWords = new Map();
    for (const line of readFileSync((require("nodejieba") as Jieba & { DEFAULT_DICT: string }).DEFAULT_DICT, "utf8").split("\n")) {
      // "条例 5288 n": only two-character words are asked about.
      if (line.charAt(2) !== " ") continue;
      const freq = Number.parseInt(line.slice(3), 10);
      if (freq > 0) twoCharWords.set(line.slice(0, 2), freq);
    }
  }
  return word.length === 2 ? (twoCharWords.get(word) ?? 0) : 0;
}

let idf: { table: Map<string, number>; average: number } | undefined;

/**
 * A word's IDF in jieba's general-language table (≈4 for 工作/情况, ≈8 for
 * 办公/人大, ≈12 for 政务信息); the table's average for words it lacks. Read
 * in JS on first use by the answer layer, so ingestion, which never needs
 * it, does not pay for loading it into nodejieba (the stub above).
 */
export function generalIdf(word: string): number {
  if (!idf) {
    const table = new Map<string, number>();
    let sum = 0;
    for (const line of readFileSync((require("nodejieba") as Jieba).DEFAULT_IDF_DICT, "utf8").split("\n")) {
      const space = line.lastIndexOf(" ");
      if (space <= 0) continue;
      const value = Number(line.slice(space + 1));
      if (!Number.isFinite(value)) continue;
      table.set(line.slice(0, space), value);
      sum += value;
    }
    idf = { table, average: table.size ? sum / table.size : 10 };
  }
  return idf.table.get(word) ?? idf.average;
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
  for (const raw of jiebaCutForSearch(text)) {
    const t = raw.trim().toLowerCase();
    if (!t || !KEEP.test(t) || stops.has(t)) continue;
    out.push(t);
  }
  return out;
}

/** Precise-mode words (no overlapping grains), for sentence matching and key-term checks. */
export function words(text: string): string[] {
  const stops = getStopWords();
  return jiebaCut(text)
    .map((w) => w.trim().toLowerCase())
    .filter((w) => w && KEEP.test(w) && !stops.has(w));
}

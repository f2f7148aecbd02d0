/**
 * Chinese text helpers for the answer layer: matching-normalisation,
 * content tokens, numbers and quoted terms (sentence splitting, shared with
 * retrieval, lives in src/text/sentences.ts).
 */
import { generalIdf, jiebaCut, jiebaCutForSearch } from "../text/tokenize.js";
import { numeralValue } from "../text/numerals.js";

/** Function words, question words and "the documents say" filler: never evidence of support. */
const STOP_WORDS = new Set(
  (
    "的 了 着 过 是 在 和 与 及 以及 并 并且 而 而且 或 或者 等 等等 对 对于 为 为了 把 被 将 也 都 就 还 又 再 " +
    "以 于 之 其 该 此 这 那 这个 那个 这些 那些 这样 那样 这种 那种 哪 哪些 哪个 哪里 什么 怎么 怎样 如何 为何 " +
    "为什么 多少 几个 是否 有没有 能否 可否 吗 呢 吧 啊 呀 请问 请 一下 有关 关于 相关 方面 情况 内容 " +
    "根据 按照 依据 文档 文件 资料 材料 原文 段落 提到 提及 显示 表明 指出 介绍 说明 其中 主要 进行 通过 可以 " +
    "已经 没有 我们 你们 他们 它们 我 你 他 她 它 一个 一些 有些 因此 所以 但是 然而 同时 此外 另外 包括 " +
    "具体 分别 共计 总共 一共 约为 达到 左右 以上 以下 之后 之前 目前 当前 如下 如上 有关部门 "
  )
    .split(/\s+/)
    .filter(Boolean),
);

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
const LETTER = /[\p{L}]/u;

/** Text for substring matching: NFKC (full-width → ASCII), no whitespace, lower case. */
export function normalizeForMatch(text: string): string {
  return text.normalize("NFKC").replace(/\s+/g, "").toLowerCase();
}

/** Text for duplicate detection: matching-normalised and without punctuation. */
export function normalizeForDedupe(text: string): string {
  return normalizeForMatch(text).replace(/[\p{P}\p{S}]/gu, "");
}

function isContentToken(token: string): boolean {
  const t = token.trim();
  if (t.length < 2) return false;
  if (!CJK.test(t) && !LETTER.test(t)) return false; // punctuation, numbers
  if (/^\d/.test(t)) return false;
  return !STOP_WORDS.has(t);
}

/** Distinct content words of a claim or sentence (nodejieba cut, length ≥ 2, no stop words, no numbers). */
export function contentTokens(text: string): string[] {
  return [...new Set(jiebaCut(text.normalize("NFKC")).filter(isContentToken))];
}

/** Distinct content words in search mode (finer: "区政府" also yields "政府"), for query matching. */
export function searchTokens(text: string): string[] {
  return [...new Set(jiebaCutForSearch(text.normalize("NFKC")).filter(isContentToken))];
}

/** The most salient words of a text (TF-IDF over jieba's general IDF table), best first. */
export function keyTerms(text: string, limit = 4): string[] {
  const tf = new Map<string, number>();
  for (const w of jiebaCut(text.normalize("NFKC"))) if (isContentToken(w)) tf.set(w, (tf.get(w) ?? 0) + 1);
  return [...tf]
    .map(([w, n]) => [w, n * generalIdf(w)] as const)
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([w]) => w);
}

/**
 * How specific a word is: its IDF in jieba's dictionary (≈4 for 工作/情况,
 * ≈8 for 办公/人大, ≈12 for 政务信息), capped at 12; words the table lacks
 * get its average, single characters a middling 6.
 */
export function idfWeight(token: string): number {
  if ([...token].length < 2) return 6;
  return Math.min(generalIdf(token), 12);
}

/** Weight of a matched token: longer words are more specific. */
export function tokenWeight(token: string): number {
  return Math.min(token.length, 4) / 2;
}

// ---------------------------------------------------------------- numbers

function canonicalNumber(raw: string): string {
  const n = Number(raw.replace(/,/g, ""));
  return Number.isFinite(n) ? String(n) : raw;
}

const ARABIC_NUMBER = /(\d+(?:\.\d+)?)\s*(%)?/g;

/**
 * Arabic numbers in a text, canonical ("2,916" → "2916"); percentages as "45%".
 * Thousands separators are only read as such between digit groups of three.
 */
export function extractNumbers(text: string): string[] {
  const t = text.normalize("NFKC").replace(/(\d),(?=\d{3}(?!\d))/g, "$1");
  const out: string[] = [];
  for (const m of t.matchAll(ARABIC_NUMBER)) {
    const num = canonicalNumber(m[1]!);
    out.push(m[2] ? `${num}%` : num);
  }
  return [...new Set(out)];
}

/**
 * Every number a passage states, in the forms a claim may use: Arabic numbers
 * (a percentage also counts as the bare number) and Chinese numerals ("十四" → "14").
 */
export function passageNumbers(text: string): Set<string> {
  const set = new Set<string>();
  for (const n of extractNumbers(text)) {
    set.add(n);
    if (n.endsWith("%")) set.add(n.slice(0, -1));
  }
  for (const m of text.matchAll(/[零〇一二两三四五六七八九十百千万亿]+/g)) {
    const v = numeralValue(m[0]);
    if (v !== undefined) set.add(String(v));
  }
  return set;
}

/** Terms a claim quotes: “…”, 「…」, 『…』, 《…》 and "…"; inner text only. */
export function extractQuotedTerms(text: string): string[] {
  const out: string[] = [];
  const re = /“([^”]{1,60})”|「([^」]{1,60})」|『([^』]{1,60})』|《([^》]{1,60})》|"([^"]{1,60})"/g;
  for (const m of text.matchAll(re)) {
    const inner = (m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5] ?? "").trim();
    if (inner) out.push(inner);
  }
  return [...new Set(out)];
}

// ---------------------------------------------------------------- sentences

export { splitSentences, type Sentence } from "../text/sentences.js";

/** A line that is a heading rather than prose: short, no terminator, numbered or bare. */
export function looksLikeHeading(sentence: string): boolean {
  const t = sentence.trim();
  if (t.length > 40) return false;
  if (/[。！？!?；;]$/.test(t)) return false;
  return true;
}

/** Removes a leading enumerator: "一是", "（二）", "3.", "①", "一、". */
export function stripEnumerator(sentence: string): string {
  return sentence
    .replace(/^\s*(?:[一二三四五六七八九十]+是|[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、|\d+[.、．]|[①-⑳⑴-⒇])\s*/u, "")
    .trim();
}

/** Character-bigram Jaccard similarity of two texts (after dedupe-normalisation). */
export function similarity(a: string, b: string): number {
  const grams = (s: string) => {
    const t = [...normalizeForDedupe(s)];
    const set = new Set<string>();
    for (let i = 0; i + 1 < t.length; i++) set.add(t[i]! + t[i + 1]!);
    if (t.length === 1) set.add(t[0]!);
    return set;
  };
  const ga = grams(a);
  const gb = grams(b);
  if (ga.size === 0 && gb.size === 0) return 1;
  let inter = 0;
  for (const g of ga) if (gb.has(g)) inter++;
  return inter / (ga.size + gb.size - inter);
}

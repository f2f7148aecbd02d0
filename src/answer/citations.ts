/**
 * Checks the citations in a model's reply against the passages it was given.
 *
 * A citation marker ([1], 【1】, ［1］, [1,2], [1-3], [1][2]) supports the text
 * before it, back to the previous marker or the start of its sentence (the
 * "claim"). A claim keeps its citations only when the cited passages, taken
 * together, contain every number and every quoted term of the claim and most
 * of its content words; a cited passage that contributes nothing to the claim
 * is dropped. Markers pointing to passages that were not given are dropped.
 * When nothing is left to support a claim, its marker is replaced by
 * UNSUPPORTED_MARK. Surviving citations are renumbered 1..N in order of first
 * appearance and the text is rewritten to match.
 */
import type { Citation } from "./types.js";
import { toCitation, type Passage } from "./passages.js";
import {
  contentTokens,
  extractNumbers,
  extractQuotedTerms,
  looksLikeHeading,
  normalizeForMatch,
  passageNumbers,
  splitSentences,
  stripEnumerator,
  tokenWeight,
} from "./text.js";
import { statedNumerals } from "../text/numerals.js";

export const UNSUPPORTED_MARK = "（未在文档中找到依据）";

/** Share of a claim's content words that must occur in the cited passages. */
export const DEFAULT_MIN_COVERAGE = 0.5;

export interface CitationIssue {
  kind: "out_of_range" | "unsupported" | "irrelevant";
  /** The number as the model wrote it. */
  n: number;
  claim: string;
  reason: string;
}

export interface CheckedReply {
  /** The reply with markers rewritten as [1]..[N] and unsupported claims marked. */
  text: string;
  citations: Citation[];
  issues: CitationIssue[];
}

interface Group {
  start: number;
  end: number;
  nums: number[];
  claim: string;
}

const NUM_ITEM = String.raw`\d{1,2}(?:\s*[-–~～]\s*\d{1,2})?`;
const NUM_LIST = String.raw`${NUM_ITEM}(?:\s*[,，、;；]\s*(?:资料|段落)?\s*${NUM_ITEM})*`;
/** [1], 【资料1】, [^1]; and in parentheses only with the word: （资料1）, （来源：资料2、3）, (passage 1) — "(1)" alone enumerates. */
const MARKER = new RegExp(
  String.raw`[\[【［]\s*(?:资料|段落|来源|文档|\^)?\s*(${NUM_LIST})\s*[\]】］]` +
    String.raw`|[（(]\s*(?:(?:来源|出处|参见|见)\s*[:：]?\s*)?(?:资料|段落|文档|[Pp]assages?|[Ss]ources?)\s*(${NUM_LIST})\s*[）)]`,
  "g",
);
const SENTENCE_END = /[。！？!?；;\n]/;
const TRAILING = /[\s。！？!?；;，,、：:”’」』）)】》"'*]/;

function parseNums(list: string): number[] {
  const out: number[] = [];
  for (const item of list.split(/[,，、;；]/)) {
    const cleaned = item.replace(/资料|段落/g, "").trim();
    const range = /^(\d+)\s*[-–~～]\s*(\d+)$/.exec(cleaned);
    if (range) {
      const a = Number(range[1]);
      const b = Number(range[2]);
      for (let i = Math.min(a, b); i <= Math.max(a, b) && i - Math.min(a, b) < 20; i++) out.push(i);
    } else if (/^\d+$/.test(cleaned)) {
      out.push(Number(cleaned));
    }
  }
  return [...new Set(out)];
}

/** What opens a list item: "1." "2、" "（3）" "（一）" "一是" "四、" or a bullet. */
const ENUM = String.raw`(?:\d{1,2}[.、．)）](?!\d)|[（(]\d{1,2}[)）]|[（(][一二三四五六七八九十]{1,3}[)）]|[一二三四五六七八九十]{1,3}(?:、|是)|[-•*]\s)`;
const ITEM = new RegExp(String.raw`^\s*${ENUM}`);
/** Citation markers closing a text, with nothing after them but punctuation. */
const CLOSING_MARKERS = new RegExp(String.raw`((?:(?:${MARKER.source})\s*)+)([\s。！？!?；;，,]*)$`);
const ENDING = /[\s。！？!?；;，,]*$/;

/**
 * A list cited once, at its end ("主要问题有：\n1. …；\n2. …；\n3. …。[1]",
 * or inline "…有：1.…；2.…；3.…。[1]"), as models often write it: the
 * citation is copied to each item, so each is checked against the cited
 * passage on its own, instead of the items above it counting as uncited.
 * A list is the enumerated items in a row, or the lines after a lead-in
 * ending in "：" (bullets were taken off by tidyReply) up to a blank line.
 */
export function spreadListCitations(reply: string): string {
  const units: string[] = [];
  for (const line of reply.split(/(?<=\n)/)) {
    // Inline items: a line split before each enumerator that follows "：" or "；".
    units.push(...line.split(new RegExp(String.raw`(?<=[：:；;])(?=\s*${ENUM})`)));
  }
  const hasMarker = (u: string) => new RegExp(MARKER.source).test(u);
  const isItem = (i: number) => {
    const u = units[i]!;
    if (!u.trim()) return false;
    if (ITEM.test(u)) return true;
    // A line after a lead-in "…：" (or after another such line).
    for (let j = i - 1; j >= 0; j--) {
      const prev = units[j]!;
      if (!prev.trim()) return false;
      if (/[：:]\s*$/.test(prev)) return true;
      if (!prev.endsWith("\n")) return false;
    }
    return false;
  };
  for (let i = 0; i < units.length; ) {
    if (!isItem(i)) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < units.length && isItem(j + 1)) j++;
    const last = CLOSING_MARKERS.exec(units[j]!);
    if (j > i && last && !units.slice(i, j).some(hasMarker) && !hasMarker(units[j]!.slice(0, last.index))) {
      const markers = last[1]!.trim();
      for (let k = i; k < j; k++) {
        const u = units[k]!;
        const tail = ENDING.exec(u)!;
        if (/[\p{L}\p{N}]/u.test(u)) units[k] = u.slice(0, tail.index) + markers + tail[0];
      }
    }
    i = j + 1;
  }
  return units.join("");
}

/** Marker groups (adjacent markers merged) with the claim each one supports. */
function findGroups(reply: string): Group[] {
  const raw: Array<{ start: number; end: number; nums: number[] }> = [];
  for (const m of reply.matchAll(MARKER)) {
    const start = m.index;
    const end = start + m[0].length;
    const nums = parseNums((m[1] ?? m[2])!);
    const prev = raw[raw.length - 1];
    if (prev && reply.slice(prev.end, start).trim() === "") {
      prev.end = end;
      prev.nums = [...new Set([...prev.nums, ...nums])];
    } else {
      raw.push({ start, end, nums });
    }
  }
  let prevEnd = 0;
  return raw.map((g) => {
    let j = g.start;
    while (j > prevEnd && TRAILING.test(reply[j - 1]!)) j--;
    let k = j;
    while (k > prevEnd && !SENTENCE_END.test(reply[k - 1]!)) k--;
    const claim = reply.slice(k, g.start);
    prevEnd = g.end;
    return { ...g, claim };
  });
}

/** The claim as evidence is checked: no list enumerator, markdown or edge punctuation. */
function claimForCheck(claim: string): string {
  const t = claim.replace(/[*#>`]/g, "").replace(/^[\s\p{P}]+/u, "");
  return stripEnumerator(t.replace(/^\s*[-•]\s*/, ""));
}

interface PassageFacts {
  passage: Passage;
  norm: string;
  numbers: Set<string>;
}

interface Evidence {
  numbers: string[];
  quotes: string[];
  tokens: string[];
}

function evidenceOf(claim: string): Evidence {
  const text = claimForCheck(claim);
  // A figure restated in Chinese numerals ("一百五十名") must be the passage's too.
  const numbers = [...new Set([...extractNumbers(text), ...statedNumerals(text)])];
  return { numbers, quotes: extractQuotedTerms(text), tokens: contentTokens(text) };
}

function hasNumber(f: PassageFacts, n: string): boolean {
  return f.numbers.has(n);
}

function hasTerm(f: PassageFacts, term: string): boolean {
  return f.norm.includes(normalizeForMatch(term));
}

/** Why the passages together do not support the claim, or undefined when they do. */
function unsupportedReason(ev: Evidence, facts: PassageFacts[], minCoverage: number): string | undefined {
  const missingNumbers = ev.numbers.filter((n) => !facts.some((f) => hasNumber(f, n)));
  if (missingNumbers.length) return `number ${missingNumbers.join(", ")} not in the cited passage`;
  const missingQuotes = ev.quotes.filter((q) => !facts.some((f) => hasTerm(f, q)));
  if (missingQuotes.length) return `quoted term ${missingQuotes.map((q) => `“${q}”`).join(", ")} not in the cited passage`;
  if (ev.tokens.length > 0) {
    const found = ev.tokens.filter((t) => facts.some((f) => hasTerm(f, t))).length;
    const coverage = found / ev.tokens.length;
    if (ev.tokens.length === 1 ? found === 0 : coverage < minCoverage) {
      return `only ${found} of ${ev.tokens.length} key terms found in the cited passage`;
    }
  }
  return undefined;
}

/** How many of the claim's numbers and quoted terms a passage contains. */
function hardFacts(ev: Evidence, f: PassageFacts): number {
  return ev.numbers.filter((n) => hasNumber(f, n)).length + ev.quotes.filter((q) => hasTerm(f, q)).length;
}

/** How much a passage contributes to a claim (numbers and quotes count most). */
function contribution(ev: Evidence, f: PassageFacts): number {
  let score = 0;
  for (const n of ev.numbers) if (hasNumber(f, n)) score += 3;
  for (const q of ev.quotes) if (hasTerm(f, q)) score += 3;
  for (const t of ev.tokens) if (hasTerm(f, t)) score += tokenWeight(t);
  return score;
}

/** The sentence of the passage that best supports the claim, with its score. */
export function bestQuote(claim: string, passageText: string): { quote: string; score: number } {
  const ev = evidenceOf(claim);
  const sentences = splitSentences(passageText);
  let best = { quote: "", score: -1 };
  for (const s of sentences) {
    const norm = normalizeForMatch(s.text);
    const nums = passageNumbers(s.text);
    let score = 0;
    for (const n of ev.numbers) if (nums.has(n)) score += 3;
    for (const q of ev.quotes) if (norm.includes(normalizeForMatch(q))) score += 3;
    for (const t of ev.tokens) if (norm.includes(normalizeForMatch(t))) score += tokenWeight(t);
    if (looksLikeHeading(s.text)) score -= 0.5;
    if (score > best.score) best = { quote: s.text, score };
  }
  return best.quote ? best : { quote: passageText.trim().slice(0, 200), score: 0 };
}

export function checkCitations(
  reply: string,
  passages: Passage[],
  options: { minCoverage?: number } = {},
): CheckedReply {
  const minCoverage = options.minCoverage ?? DEFAULT_MIN_COVERAGE;
  const byN = new Map<number, PassageFacts>();
  for (const p of passages) {
    // The passage as the model saw it: its article title and section path are evidence too
    // ("《…工作总结》讲了…"; the file name is not, whose hash holds stray digits).
    const seen = `${p.chunk.article}\n${p.chunk.section}\n${p.chunk.text}`;
    byN.set(p.n, { passage: p, norm: normalizeForMatch(seen), numbers: passageNumbers(seen) });
  }
  const issues: CitationIssue[] = [];
  reply = spreadListCitations(reply);
  const groups = findGroups(reply);
  const kept: number[][] = [];
  const quotes = new Map<number, { quote: string; score: number }>();
  /** Every sentence of a passage that supports a claim: the citation's lines are theirs. */
  const supporting = new Map<number, string[]>();

  for (const g of groups) {
    const claim = g.claim.trim();
    const valid: PassageFacts[] = [];
    for (const n of g.nums) {
      const f = byN.get(n);
      if (f) valid.push(f);
      else issues.push({ kind: "out_of_range", n, claim, reason: `passage [${n}] was not given (1–${passages.length})` });
    }
    if (valid.length === 0) {
      kept.push([]);
      continue;
    }
    const ev = evidenceOf(claim);
    const reason = unsupportedReason(ev, valid, minCoverage);
    if (reason) {
      for (const f of valid) issues.push({ kind: "unsupported", n: f.passage.n, claim, reason });
      kept.push([]);
      continue;
    }
    // Of several cited passages, keep those that carry the claim: one of its
    // numbers or quoted terms when it has any, else a fair share of its words.
    const scored = valid.map((f) => ({ f, score: contribution(ev, f), hard: hardFacts(ev, f) }));
    const top = Math.max(...scored.map((s) => s.score));
    const useful =
      valid.length === 1
        ? scored
        : ev.numbers.length + ev.quotes.length > 0
          ? scored.filter((s) => s.hard > 0)
          : scored.filter((s) => s.score > 0 && s.score >= 0.5 * top);
    const keep = useful.length ? useful : scored;
    for (const s of scored) {
      if (!keep.includes(s)) {
        issues.push({ kind: "irrelevant", n: s.f.passage.n, claim, reason: "cited passage contains none of the claim" });
      }
    }
    kept.push(keep.map((s) => s.f.passage.n));
    for (const s of keep) {
      const q = bestQuote(claim, s.f.passage.chunk.text);
      const prev = quotes.get(s.f.passage.n);
      if (!prev || q.score > prev.score) quotes.set(s.f.passage.n, q);
      if (q.score > 0) supporting.set(s.f.passage.n, [...(supporting.get(s.f.passage.n) ?? []), q.quote]);
    }
  }

  // Renumber in order of first appearance.
  const renumber = new Map<number, number>();
  for (const ns of kept) for (const n of ns) if (!renumber.has(n)) renumber.set(n, renumber.size + 1);

  let text = "";
  let pos = 0;
  groups.forEach((g, i) => {
    const ns = kept[i]!;
    text += reply.slice(pos, g.start);
    if (ns.length) {
      text += [...new Set(ns.map((n) => renumber.get(n)!))]
        .sort((a, b) => a - b)
        .map((n) => `[${n}]`)
        .join("");
    } else if (!text.endsWith(UNSUPPORTED_MARK)) {
      text += UNSUPPORTED_MARK;
    }
    pos = g.end;
  });
  text += reply.slice(pos);

  const citations: Citation[] = [...renumber.entries()].map(([old, n]) =>
    toCitation(n, byN.get(old)!.passage.chunk, quotes.get(old)?.quote ?? "", supporting.get(old) ?? []),
  );
  return { text: text.trim(), citations, issues };
}

import fs from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { HybridRetriever } from "../retrieve/hybrid.js";
import { isMostlyEnglish } from "../retrieve/glossary.js";
import { Bm25Index } from "../index/bm25.js";
import type { IndexData } from "../index/store.js";
import { tokenize } from "../text/tokenize.js";
import { normalizeQuery } from "../text/normalize.js";
import { cleanText } from "../ingest/clean/index.js";
import { findFiles, loadFile } from "../ingest/load/index.js";
import { UsageError, errorMessage } from "../util/errors.js";

/**
 * Retrieval evaluation: recall@1/3/5/10 and MRR for passages, top-1 accuracy
 * for `find`, and how well `confident` separates answerable questions from
 * ones the corpus cannot answer, by question kind; next to plain BM25 over
 * fixed 500-character chunks of the cleaned text, measured in the same run.
 */
export const EvalItem = z.object({
  id: z.string(),
  kind: z.enum(["paraphrase", "literal", "traditional", "english", "find", "unanswerable"]),
  question: z.string().min(1),
  file: z.string().nullable(),
  article: z.number().int().nullable(),
  line: z.number().int().nullable(),
  phrase: z.string().nullable(),
});
export type EvalItem = z.infer<typeof EvalItem>;

export async function readEvalSet(file: string): Promise<EvalItem[]> {
  let raw: string;
  try {
    raw = await fs.readFile(file, "utf8");
  } catch {
    throw new UsageError(`cannot read evaluation set ${file}`);
  }
  const items: EvalItem[] = [];
  for (const [i, line] of raw.split("\n").entries()) {
    if (!line.trim()) continue;
    // The physical line, blank lines counted, as an editor shows it.
    const where = `${file}:${i + 1}`;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (e) {
      throw new UsageError(`${where}: not valid JSON (${errorMessage(e)})`);
    }
    const r = EvalItem.safeParse(json);
    if (!r.success) throw new UsageError(`${where}: ${describeIssue(json, r.error.issues[0])}`);
    items.push(r.data);
  }
  return items;
}

/** Which field is wrong and how: "missing field \"kind\"", "invalid field \"kind\": …". */
function describeIssue(json: unknown, issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return "invalid item";
  if (typeof json !== "object" || json === null || Array.isArray(json)) return "not a JSON object";
  const field = issue.path.map(String).join(".");
  if (!field) return issue.message;
  const key = issue.path[0];
  return typeof key === "string" && !(key in json) ? `missing field "${field}"` : `invalid field "${field}": ${issue.message}`;
}

/** The number (1-based) an index gives the article of `file` titled `title`, as evaluation items name articles. */
export function articleNumber(index: IndexData, file: string, title: string): number | undefined {
  return index.manifest.files[file]?.articles.find((a) => a.title === title)?.index;
}

/** Text without spaces and punctuation, for finding an evaluation phrase in a passage. */
export const squash = (s: string) => s.replace(/[\s，,。：:；;、（）()“”"]/g, "");

export interface KindFigures {
  n: number;
  recall: Record<"1" | "3" | "5" | "10", number>;
  mrr: number;
  /** Share flagged not confident (for unanswerable: recognised; otherwise: wrongly flagged). */
  notConfident: number;
}

export interface EvalReport {
  questions: number;
  answerable: KindFigures;
  byKind: Record<string, KindFigures>;
  find: { n: number; top1: number; top3: number };
  unanswerable: { n: number; recognised: number };
  answerableFlagged: number;
  baseline: { name: string; answerable: KindFigures; byKind: Record<string, KindFigures> };
  /** The same retriever without its vector side: what the embedder adds. */
  lexicalOnly: { answerable: KindFigures; byKind: Record<string, KindFigures> };
  misses: Array<{ id: string; kind: string; question: string; rank: number | null }>;
  /** Per evaluation file, when several are measured as one. */
  bySet?: Record<string, SetFigures>;
  /**
   * The relevance threshold that flags at most 1% of answerable questions
   * (Chinese, in either script; `MAX_FLAGGED`), and what it recognises; the same for the
   * English questions; with several files, also each file judged by the
   * thresholds fitted on the others.
   */
  calibration: Calibration & {
    /** English questions, judged against a threshold of their own (`minRelevanceEnglish`), fitted on them alone and at most 1% flagged. */
    english?: Calibration & { n: number };
    leaveOneOut?: { sets: Array<{ set: string; threshold: number; recognised: number; flagged: number }>; pooled: { recognised: number; flagged: number } };
  };
}

export interface SetFigures {
  answerable: KindFigures;
  byKind: Record<string, KindFigures>;
  find: { n: number; top1: number; top3: number };
  unanswerable: { n: number; recognised: number };
  answerableFlagged: number;
}

function figures(ranks: Array<{ rank: number | null; confident: boolean }>): KindFigures {
  const n = ranks.length || 1;
  const at = (k: number) => ranks.filter((r) => r.rank !== null && r.rank <= k).length / n;
  return {
    n: ranks.length,
    recall: { "1": at(1), "3": at(3), "5": at(5), "10": at(10) },
    mrr: ranks.reduce((s, r) => s + (r.rank ? 1 / r.rank : 0), 0) / n,
    notConfident: ranks.filter((r) => !r.confident).length / n,
  };
}

/** Plain BM25 over fixed 500-character windows of each file's cleaned text. */
async function buildBaseline(roots: string[]) {
  const found = await findFiles(roots);
  const windows: Array<{ file: string; text: string }> = [];
  for (const f of found.files) {
    try {
      const src = await loadFile(f);
      const text = cleanText(src.text).lines.map((l) => l.text).join("\n");
      for (let i = 0; i < text.length; i += 500) windows.push({ file: src.file, text: text.slice(i, i + 500) });
    } catch {
      /* skipped files are skipped here too */
    }
  }
  const bm25 = Bm25Index.build(windows.map((w) => tokenize(w.text)));
  return {
    search(q: string, k: number) {
      return bm25.search(tokenize(normalizeQuery(q)), k).map(([i]) => windows[i]!);
    },
  };
}

/** One question's outcome: where its passage ranked, whether search was confident, and what calibration needs. */
interface Outcome {
  item: EvalItem;
  set: string;
  rank: number | null;
  confident: boolean;
  /** For "which document" questions: the right article's place in `find` (0-based), or -1. */
  findPos?: number;
  calibration: CalibrationRow;
}

/** Recall by kind, `find` accuracy and how `confident` fares, over some outcomes. */
function summarise(outcomes: Outcome[]) {
  const byKind: Record<string, Array<{ rank: number | null; confident: boolean }>> = {};
  for (const o of outcomes) if (o.item.kind !== "unanswerable") (byKind[o.item.kind] ??= []).push(o);
  const answerable = figures(Object.values(byKind).flat());
  const finds = outcomes.filter((o) => o.findPos !== undefined);
  const un = outcomes.filter((o) => o.item.kind === "unanswerable");
  return {
    answerable,
    byKind: Object.fromEntries(Object.entries(byKind).map(([k, v]) => [k, figures(v)])),
    find: {
      n: finds.length,
      top1: finds.length ? finds.filter((o) => o.findPos === 0).length / finds.length : 0,
      top3: finds.length ? finds.filter((o) => o.findPos! >= 0 && o.findPos! < 3).length / finds.length : 0,
    },
    unanswerable: { n: un.length, recognised: un.length ? un.filter((o) => !o.confident).length / un.length : 0 },
    answerableFlagged: answerable.notConfident,
  };
}

/**
 * Evaluate the retriever on the questions. `sets` names the file each
 * question came from (same order); with several, the report has figures per
 * set and the calibration with each set left out in turn: the threshold
 * fitted on the others, applied to it (an estimate for questions not yet seen).
 */
export async function evaluate(retriever: HybridRetriever, items: EvalItem[], options: { lexicalOnly?: HybridRetriever; sets?: string[] } = {}): Promise<EvalReport> {
  const baseline = await buildBaseline(retriever.index.manifest.roots);
  const base: Record<string, Array<{ rank: number | null; confident: boolean }>> = {};
  const lex: Record<string, Array<{ rank: number | null; confident: boolean }>> = {};
  const misses: EvalReport["misses"] = [];
  const outcomes: Outcome[] = [];
  // The same retriever judging by its other rules only (a figure not given, a title-only name), for the calibration.
  const rulesOnly = new HybridRetriever(retriever.index, retriever.embedder, { ...retriever.options, minRelevance: 0, minRelevanceEnglish: 0 });
  for (const [i, item] of items.entries()) {
    const set = options.sets?.[i] ?? "";
    const res = await retriever.search(item.question, { k: 10 });
    const otherwise = !(await rulesOnly.search(item.question, { k: 1 })).confident;
    const calibration = { answerable: item.kind !== "unanswerable", r: res.relevance ?? 0, otherwise, english: isMostlyEnglish(res.normalized) };
    if (item.kind === "unanswerable") {
      outcomes.push({ item, set, rank: null, confident: res.confident, calibration });
      continue;
    }
    const phrase = squash(item.phrase ?? "");
    const isHit = (file: string, text: string) => file === item.file && squash(text).includes(phrase);
    // A "which document" question is answered by any passage of the right article.
    const idx = res.results.findIndex((r) => (item.kind === "find" ? r.chunk.file === item.file && r.chunk.articleIndex === item.article : isHit(r.chunk.file, r.chunk.text)));
    const rank = idx >= 0 ? idx + 1 : null;
    if (rank === null || rank > 1) misses.push({ id: item.id, kind: item.kind, question: item.question, rank });
    if (options.lexicalOnly) {
      const l = await options.lexicalOnly.search(item.question, { k: 10 });
      const li = l.results.findIndex((r) => (item.kind === "find" ? r.chunk.file === item.file && r.chunk.articleIndex === item.article : isHit(r.chunk.file, r.chunk.text)));
      (lex[item.kind] ??= []).push({ rank: li >= 0 ? li + 1 : null, confident: l.confident });
    }
    const bIdx = baseline.search(item.question, 10).findIndex((w) => isHit(w.file, w.text));
    (base[item.kind] ??= []).push({ rank: bIdx >= 0 ? bIdx + 1 : null, confident: true });
    let findPos: number | undefined;
    if (item.kind === "find") {
      const docs = (await retriever.find(item.question, { k: 3 })).documents;
      findPos = docs.findIndex((d) => d.file === item.file && articleNumber(retriever.index, d.file, d.article) === item.article);
    }
    outcomes.push({ item, set, rank, confident: res.confident, calibration, ...(findPos !== undefined ? { findPos } : {}) });
  }
  const allBase = Object.values(base).flat();
  const current = { chinese: retriever.options.minRelevance, english: retriever.options.minRelevanceEnglish };
  const setNames = [...new Set(outcomes.map((o) => o.set))];
  const several = setNames.length > 1;
  return {
    questions: items.length,
    ...summarise(outcomes),
    ...(several ? { bySet: Object.fromEntries(setNames.map((s) => [s, summarise(outcomes.filter((o) => o.set === s))])) } : {}),
    lexicalOnly: { answerable: figures(Object.values(lex).flat()), byKind: Object.fromEntries(Object.entries(lex).map(([k, v]) => [k, figures(v)])) },
    baseline: { name: "BM25 over fixed 500-character chunks", answerable: figures(allBase), byKind: Object.fromEntries(Object.entries(base).map(([k, v]) => [k, figures(v)])) },
    misses,
    calibration: {
      ...calibrateRoutes(outcomes.map((o) => o.calibration), current),
      ...(several ? { leaveOneOut: leaveOneOut(outcomes, setNames, current) } : {}),
    },
  };
}

/** Each set judged by the threshold calibrated on the other sets, and all of them pooled. */
function leaveOneOut(outcomes: Outcome[], sets: string[], current: Thresholds): NonNullable<EvalReport["calibration"]["leaveOneOut"]> {
  const bySet = sets.map((set) => {
    const fit = calibrateRoutes(outcomes.filter((o) => o.set !== set).map((o) => o.calibration), current);
    const fitted = fit.threshold;
    const fittedEnglish = fit.english?.threshold ?? current.english;
    const rows = outcomes.filter((o) => o.set === set).map((o) => o.calibration);
    const flaggedAt = (xs: CalibrationRow[]) => xs.filter((x) => x.otherwise || x.r < (x.english ? fittedEnglish : fitted)).length;
    const ans = rows.filter((x) => x.answerable);
    const un = rows.filter((x) => !x.answerable);
    return { set, threshold: fitted, answerable: ans.length, flaggedN: flaggedAt(ans), unanswerable: un.length, recognisedN: flaggedAt(un) };
  });
  const sum = (f: (x: (typeof bySet)[number]) => number) => bySet.reduce((s, x) => s + f(x), 0);
  const ratio = (a: number, b: number) => (b ? a / b : 0);
  return {
    sets: bySet.map((x) => ({ set: x.set, threshold: x.threshold, recognised: ratio(x.recognisedN, x.unanswerable), flagged: ratio(x.flaggedN, x.answerable) })),
    pooled: { recognised: ratio(sum((x) => x.recognisedN), sum((x) => x.unanswerable)), flagged: ratio(sum((x) => x.flaggedN), sum((x) => x.answerable)) },
  };
}

export interface CalibrationRow {
  answerable: boolean;
  /** The question's relevance (see HybridRetriever). */
  r: number;
  /** Not confident whatever the threshold: a figure asked for that no passage gives, a name only titles carry. */
  otherwise?: boolean;
  /** An English question, judged against the English threshold. */
  english?: boolean;
}

interface Calibration {
  threshold: number;
  recognised: number;
  flagged: number;
  current: number;
}

/** The thresholds in use: Chinese questions (either script) and English ones. */
interface Thresholds {
  chinese: number;
  english: number;
}

/**
 * Share of answerable questions a fitted threshold may flag, Chinese and
 * English alike. Well under the 5% the goal allows: questions nobody has seen
 * flag more than the ones a threshold was fitted on (held-out 26 flagged 17.4%
 * of its answerable questions on arrival at the 0.139 then in use, itself
 * below the 0.162 fitted at 5%). Over the twenty-eight sets, with the
 * off-topic matters relevance alone had caught named in the lists of matters
 * the documents do not cover, 1% (0.117) recognises nearly as many Chinese
 * unanswerable questions as 5% (0.157), 92.6% against 92.8%, and flags 1.0%
 * of answerable ones instead of 5.0%. English relevance sits well above the Chinese questions',
 * and its few unanswerable questions are off-topic office questions (a
 * shuttle bus, a passport, the Wi-Fi).
 */
const MAX_FLAGGED = 0.01;

/** Each kind of question calibrated on its own, Chinese and English, at most `MAX_FLAGGED` of its answerable questions flagged. */
export function calibrateRoutes(rows: CalibrationRow[], current: Thresholds): Calibration & { english?: Calibration & { n: number } } {
  const english = rows.filter((x) => x.english);
  return {
    ...calibrate(rows.filter((x) => !x.english), current.chinese, MAX_FLAGGED),
    ...(english.length ? { english: { ...calibrate(english, current.english, MAX_FLAGGED), n: english.length } } : {}),
  };
}

/**
 * The highest relevance threshold at which at most `maxFlagged` of answerable
 * questions are wrongly flagged, counting those the other rules flag too.
 */
export function calibrate(rows: CalibrationRow[], current: number, maxFlagged = 0.05): { threshold: number; recognised: number; flagged: number; current: number } {
  const ans = rows.filter((x) => x.answerable);
  const un = rows.filter((x) => !x.answerable);
  const share = (xs: CalibrationRow[], t: number) => xs.filter((x) => x.otherwise || x.r < t).length / (xs.length || 1);
  let best = { threshold: 0, recognised: share(un, 0), flagged: share(ans, 0), current };
  for (const t of [...new Set(rows.map((x) => x.r))].sort((a, b) => a - b)) {
    const flagged = share(ans, t);
    if (flagged > maxFlagged) break;
    best = { threshold: Math.floor(t * 1000) / 1000, recognised: share(un, t), flagged, current };
  }
  return best;
}

export function formatEval(r: EvalReport): string {
  const pct = (x: number) => (x * 100).toFixed(1).padStart(5);
  // Every label fits the 34-character column (the baseline's long name is given under the table), and each heading ends where its figures end.
  const row = (name: string, f: KindFigures) => `${name.padEnd(34)} ${String(f.n).padStart(4)} ${pct(f.recall["1"])} ${pct(f.recall["3"])} ${pct(f.recall["5"])} ${pct(f.recall["10"])}  ${f.mrr.toFixed(3)}`;
  const lines = [`${"".padEnd(34)} ${"n".padStart(4)}   R@1   R@3   R@5  R@10    MRR`, row("policybot (answerable)", r.answerable)];
  for (const [k, f] of Object.entries(r.byKind)) lines.push(row(`  ${k}`, f));
  if (r.lexicalOnly.answerable.n) {
    lines.push(row("same, without the vector side", r.lexicalOnly.answerable));
    for (const [k, f] of Object.entries(r.lexicalOnly.byKind)) lines.push(row(`  ${k}`, f));
  }
  lines.push(row("baseline (BM25-500)", r.baseline.answerable));
  for (const [k, f] of Object.entries(r.baseline.byKind)) lines.push(row(`  ${k}`, f));
  lines.push(
    `BM25-500 = ${r.baseline.name}`,
    "",
    `find top-1: ${pct(r.find.top1)}%  top-3: ${pct(r.find.top3)}%  (n=${r.find.n})`,
    `unanswerable recognised: ${pct(r.unanswerable.recognised)}%  (n=${r.unanswerable.n}); answerable wrongly flagged: ${pct(r.answerableFlagged)}%`,
    `calibration${r.calibration.english ? " (Chinese questions)" : ""}: threshold ${r.calibration.threshold} would flag ${pct(r.calibration.flagged)}% of answerable and recognise ${pct(r.calibration.recognised)}% of unanswerable (current ${r.calibration.current})`,
  );
  const en = r.calibration.english;
  if (en) lines.push(`calibration (English questions, n=${en.n}): threshold ${en.threshold} would flag ${pct(en.flagged)}% of answerable and recognise ${pct(en.recognised)}% of unanswerable (current ${en.current})`);
  if (r.bySet) {
    lines.push("", `${"by file".padEnd(34)} ${"n".padStart(4)}   R@1   R@5   MRR  find ${"unans.".padStart(6)} ${"flagged".padStart(7)}`);
    for (const [name, f] of Object.entries(r.bySet)) {
      lines.push(`${path.basename(name).padEnd(34)} ${String(f.answerable.n).padStart(4)} ${pct(f.answerable.recall["1"])} ${pct(f.answerable.recall["5"])} ${f.answerable.mrr.toFixed(3)} ${pct(f.find.top1)} ${pct(f.unanswerable.recognised).padStart(6)} ${pct(f.answerableFlagged).padStart(7)}`);
    }
  }
  const loo = r.calibration.leaveOneOut;
  if (loo) {
    lines.push("", "calibration with each file left out (thresholds fitted on the others, applied to it; the Chinese one shown):");
    for (const x of loo.sets) lines.push(`  ${path.basename(x.set).padEnd(32)} threshold ${x.threshold.toFixed(3)}: recognises ${pct(x.recognised)}% of unanswerable, flags ${pct(x.flagged)}% of answerable`);
    lines.push(`  ${"pooled".padEnd(32)} recognises ${pct(loo.pooled.recognised)}% of unanswerable, flags ${pct(loo.pooled.flagged)}% of answerable`);
  }
  return lines.join("\n");
}


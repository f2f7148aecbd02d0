import fs from "node:fs/promises";
import { z } from "zod";
import { HybridRetriever } from "../retrieve/hybrid.js";
import { Bm25Index } from "../index/bm25.js";
import { tokenize } from "../text/tokenize.js";
import { normalizeQuery } from "../text/normalize.js";
import { cleanText } from "../ingest/clean/index.js";
import { findFiles, loadFile } from "../ingest/load/index.js";
import { UsageError } from "../util/errors.js";

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
  return raw
    .split("\n")
    .filter((l) => l.trim())
    .map((l, i) => {
      const r = EvalItem.safeParse(JSON.parse(l));
      if (!r.success) throw new UsageError(`${file}:${i + 1}: ${r.error.issues[0]?.message ?? "invalid item"}`);
      return r.data;
    });
}

const squash = (s: string) => s.replace(/[\s，,。：:；;、（）()“”"]/g, "");

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
  /** The relevance threshold that flags at most 5% of answerable questions, and what it recognises. */
  calibration: { threshold: number; recognised: number; flagged: number; current: number };
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

export async function evaluate(retriever: HybridRetriever, items: EvalItem[], options: { lexicalOnly?: HybridRetriever } = {}): Promise<EvalReport> {
  const baseline = await buildBaseline(retriever.index.manifest.roots);
  const ours: Record<string, Array<{ rank: number | null; confident: boolean }>> = {};
  const base: Record<string, Array<{ rank: number | null; confident: boolean }>> = {};
  const lex: Record<string, Array<{ rank: number | null; confident: boolean }>> = {};
  const misses: EvalReport["misses"] = [];
  let findN = 0;
  let find1 = 0;
  let find3 = 0;
  let unN = 0;
  let unRecognised = 0;
  const relevance: CalibrationRow[] = [];
  // The same retriever judging by its other rules only (a figure not given, a title-only name), for the calibration.
  const rulesOnly = new HybridRetriever(retriever.index, retriever.embedder, { ...retriever.options, minRelevance: 0 });
  for (const item of items) {
    const res = await retriever.search(item.question, { k: 10 });
    const otherwise = !(await rulesOnly.search(item.question, { k: 1 })).confident;
    relevance.push({ answerable: item.kind !== "unanswerable", r: res.relevance ?? 0, otherwise });
    if (item.kind === "unanswerable") {
      unN++;
      if (!res.confident) unRecognised++;
      continue;
    }
    const phrase = squash(item.phrase ?? "");
    const isHit = (file: string, text: string) => file === item.file && squash(text).includes(phrase);
    // A "which document" question is answered by any passage of the right article.
    const idx = res.results.findIndex((r) => (item.kind === "find" ? r.chunk.file === item.file && r.chunk.articleIndex === item.article : isHit(r.chunk.file, r.chunk.text)));
    const rank = idx >= 0 ? idx + 1 : null;
    (ours[item.kind] ??= []).push({ rank, confident: res.confident });
    if (rank === null || rank > 1) misses.push({ id: item.id, kind: item.kind, question: item.question, rank });
    if (options.lexicalOnly) {
      const l = await options.lexicalOnly.search(item.question, { k: 10 });
      const li = l.results.findIndex((r) => (item.kind === "find" ? r.chunk.file === item.file && r.chunk.articleIndex === item.article : isHit(r.chunk.file, r.chunk.text)));
      (lex[item.kind] ??= []).push({ rank: li >= 0 ? li + 1 : null, confident: l.confident });
    }
    const bIdx = baseline.search(item.question, 10).findIndex((w) => isHit(w.file, w.text));
    (base[item.kind] ??= []).push({ rank: bIdx >= 0 ? bIdx + 1 : null, confident: true });
    if (item.kind === "find") {
      findN++;
      const docs = (await retriever.find(item.question, { k: 3 })).documents;
      const pos = docs.findIndex((d) => d.file === item.file && retriever.index.manifest.files[d.file]?.articles.find((a) => a.title === d.article)?.index === item.article);
      if (pos === 0) find1++;
      if (pos >= 0 && pos < 3) find3++;
    }
  }
  const all = Object.values(ours).flat();
  const allBase = Object.values(base).flat();
  return {
    questions: items.length,
    answerable: figures(all),
    byKind: Object.fromEntries(Object.entries(ours).map(([k, v]) => [k, figures(v)])),
    find: { n: findN, top1: findN ? find1 / findN : 0, top3: findN ? find3 / findN : 0 },
    unanswerable: { n: unN, recognised: unN ? unRecognised / unN : 0 },
    answerableFlagged: figures(all).notConfident,
    lexicalOnly: { answerable: figures(Object.values(lex).flat()), byKind: Object.fromEntries(Object.entries(lex).map(([k, v]) => [k, figures(v)])) },
    baseline: { name: "BM25 over fixed 500-character chunks", answerable: figures(allBase), byKind: Object.fromEntries(Object.entries(base).map(([k, v]) => [k, figures(v)])) },
    misses,
    calibration: calibrate(relevance, retriever.options.minRelevance),
  };
}

export interface CalibrationRow {
  answerable: boolean;
  /** The question's relevance (see HybridRetriever). */
  r: number;
  /** Not confident whatever the threshold: a figure asked for that no passage gives, a name only titles carry. */
  otherwise?: boolean;
}

/**
 * The highest relevance threshold at which at most 5% of answerable
 * questions are wrongly flagged, counting those the other rules flag too.
 */
export function calibrate(rows: CalibrationRow[], current: number, maxFlagged = 0.05): EvalReport["calibration"] {
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
  const row = (name: string, f: KindFigures) => `${name.padEnd(34)} ${String(f.n).padStart(4)} ${pct(f.recall["1"])} ${pct(f.recall["3"])} ${pct(f.recall["5"])} ${pct(f.recall["10"])}  ${f.mrr.toFixed(3)}`;
  const lines = [`${"".padEnd(34)} ${"n".padStart(4)}   R@1   R@3   R@5  R@10   MRR`, row("policybot (answerable)", r.answerable)];
  for (const [k, f] of Object.entries(r.byKind)) lines.push(row(`  ${k}`, f));
  if (r.lexicalOnly.answerable.n) {
    lines.push(row("same, without the vector side", r.lexicalOnly.answerable));
    for (const [k, f] of Object.entries(r.lexicalOnly.byKind)) lines.push(row(`  ${k}`, f));
  }
  lines.push(row(`baseline: ${r.baseline.name}`, r.baseline.answerable));
  for (const [k, f] of Object.entries(r.baseline.byKind)) lines.push(row(`  ${k}`, f));
  lines.push(
    "",
    `find top-1: ${pct(r.find.top1)}%  top-3: ${pct(r.find.top3)}%  (n=${r.find.n})`,
    `unanswerable recognised: ${pct(r.unanswerable.recognised)}%  (n=${r.unanswerable.n}); answerable wrongly flagged: ${pct(r.answerableFlagged)}%`,
    `calibration: threshold ${r.calibration.threshold} would flag ${pct(r.calibration.flagged)}% of answerable and recognise ${pct(r.calibration.recognised)}% of unanswerable (current ${r.calibration.current})`,
  );
  return lines.join("\n");
}


import type { Chunk } from "../ingest/types.js";
import type { Embedder } from "../embed/types.js";
import type { IndexData } from "../index/store.js";
import type { FindDocument, FindResult } from "../answer/types.js";
import type { Retriever, SearchHit, SearchOptions, SearchResponse } from "./types.js";
import { normalizeQuery } from "../text/normalize.js";
import { tokenize } from "../text/tokenize.js";
import { expandEnglish } from "./glossary.js";
import { isNearDuplicate, shingles } from "./dedupe.js";

/**
 * Hybrid retrieval: BM25 over jieba tokens and cosine similarity over the
 * embedder's vectors, fused by reciprocal rank (merged on chunk id), then
 * near-duplicates removed so repeated passages do not fill the top k.
 *
 * The fused score is RRF (higher is better). Confidence is judged separately
 * from how much of the question the best passages actually contain.
 */
export interface HybridOptions {
  /** Candidates taken from each side before fusion. */
  candidates?: number;
  rrfK?: number;
  /** Weight of the vector side in the fusion (BM25 has weight 1). */
  vectorWeight?: number;
  /** Confidence threshold on query coverage (0..1); see confidence(). */
  minCoverage?: number;
  /** Minimum cosine similarity that counts as support on its own. */
  minCosine?: number;
}

export const DEFAULT_HYBRID: Required<HybridOptions> = { candidates: 60, rrfK: 60, vectorWeight: 1, minCoverage: 0.45, minCosine: 0.55 };

export class HybridRetriever implements Retriever {
  readonly options: Required<HybridOptions>;
  private readonly shingleCache = new Map<number, Set<string>>();

  constructor(
    readonly index: IndexData,
    private readonly embedder: Embedder,
    options: HybridOptions = {},
  ) {
    this.options = { ...DEFAULT_HYBRID, ...(index.manifest.calibration as HybridOptions | undefined), ...options };
  }

  /** Query tokens after normalisation and glossary expansion; exposed for the extractive answerer and eval. */
  queryTokens(normalized: string): string[] {
    return tokenize(expandEnglish(normalized));
  }

  async search(query: string, options: SearchOptions = {}): Promise<SearchResponse> {
    const k = options.k ?? 5;
    const normalized = normalizeQuery(query);
    if (!normalized) return { query, normalized, confident: false, results: [] };
    const expanded = expandEnglish(normalized);
    const tokens = tokenize(expanded);
    const { candidates, rrfK, vectorWeight } = this.options;

    const lexical = this.index.bm25.search(tokens, candidates);
    const qv = await this.embedder.embedQuery(expanded);
    const semantic = this.index.hnsw.search(qv, candidates);

    const fused = new Map<number, { score: number; bm25: number; cosine: number }>();
    lexical.forEach(([row, s], rank) => fused.set(row, { score: 1 / (rrfK + rank + 1), bm25: s, cosine: 0 }));
    semantic.forEach(([row, cos], rank) => {
      const f = fused.get(row) ?? { score: 0, bm25: 0, cosine: 0 };
      f.score += vectorWeight / (rrfK + rank + 1);
      f.cosine = cos;
      fused.set(row, f);
    });
    const ranked = [...fused.entries()].sort((a, b) => b[1].score - a[1].score || a[0] - b[0]);

    const results: SearchHit[] = [];
    const picked: number[] = [];
    for (const [row, f] of ranked) {
      if (results.length >= k) break;
      if (picked.some((p) => isNearDuplicate(this.shinglesOf(p), this.shinglesOf(row)))) continue;
      picked.push(row);
      results.push({ rank: results.length + 1, score: round(f.score), chunk: this.index.chunks[row]! });
    }
    const confident = results.length > 0 && this.isConfident(tokens, results.slice(0, 3).map((r) => r.chunk), fused.get(picked[0]!)?.cosine ?? 0);
    return { query, normalized, confident, results };
  }

  /** Share of the question's keyword weight (IDF) found in the best passages. */
  coverage(tokens: readonly string[], chunks: readonly Chunk[]): number {
    const unique = [...new Set(tokens)];
    if (unique.length === 0) return 0;
    const text = chunks.map((c) => `${c.headingPath.join(" ")}\n${c.text}`).join("\n").toLowerCase();
    let total = 0;
    let found = 0;
    for (const t of unique) {
      const w = this.index.bm25.idf(t);
      total += w;
      if (text.includes(t)) found += w;
    }
    return total ? found / total : 0;
  }

  private isConfident(tokens: readonly string[], top: readonly Chunk[], cosine: number): boolean {
    return this.coverage(tokens, top.slice(0, 1)) >= this.options.minCoverage || cosine >= this.options.minCosine;
  }

  private shinglesOf(row: number): Set<string> {
    let s = this.shingleCache.get(row);
    if (!s) {
      s = shingles(this.index.chunks[row]!.text);
      if (this.shingleCache.size > 5000) this.shingleCache.clear();
      this.shingleCache.set(row, s);
    }
    return s;
  }

  /** Documents (articles) ranked by how well they cover the topic. */
  async find(topic: string, options: { k?: number } = {}): Promise<FindResult> {
    const k = options.k ?? 5;
    const res = await this.search(topic, { k: 40 });
    const byArticle = new Map<string, { hits: SearchHit[]; score: number }>();
    for (const hit of res.results) {
      const key = `${hit.chunk.file}\u0000${hit.chunk.articleIndex}`;
      const a = byArticle.get(key) ?? { hits: [], score: 0 };
      // The best passage counts fully, further ones less: an article that
      // covers the topic in several places beats one lucky passage.
      a.score += hit.score / (1 + a.hits.length);
      a.hits.push(hit);
      byArticle.set(key, a);
    }
    const docs = [...byArticle.values()].sort((a, b) => b.score - a.score).slice(0, k);
    const documents: FindDocument[] = docs.map((d, i) => {
      const first = d.hits[0]!.chunk;
      const meta = this.index.manifest.files[first.file]?.articles.find((a) => a.index === first.articleIndex);
      return {
        rank: i + 1,
        score: round(d.score),
        file: first.file,
        article: first.article,
        lineStart: meta?.lineStart ?? first.lineStart,
        lineEnd: meta?.lineEnd ?? first.lineEnd,
        sections: d.hits.slice(0, 3).map((h) => ({ section: h.chunk.section, lineStart: h.chunk.lineStart, lineEnd: h.chunk.lineEnd, snippet: snippet(h.chunk.text, res.normalized) })),
      };
    });
    return { query: topic, confident: res.confident, documents };
  }
}

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/** One line around the first place the query's words appear. */
export function snippet(text: string, query: string, width = 60): string {
  const flat = text.replace(/\s+/g, " ");
  const terms = tokenize(query).sort((a, b) => b.length - a.length);
  let at = -1;
  for (const t of terms) {
    at = flat.toLowerCase().indexOf(t);
    if (at >= 0) break;
  }
  const start = Math.max(0, at < 0 ? 0 : at - Math.floor(width / 3));
  const s = flat.slice(start, start + width);
  return (start > 0 ? "…" : "") + s + (start + width < flat.length ? "…" : "");
}

import { Embeddings } from "@langchain/core/embeddings";
import type { Embedder } from "./types.js";
import { normalizeText } from "../text/normalize.js";

/**
 * The offline default: hashed character n-grams, no model download, no
 * network, deterministic. Chinese has no spaces and staff paraphrase, so
 * overlapping character bigrams and trigrams ("信息化", "化建设") catch
 * matches that word segmentation splits differently, which is what it adds
 * to BM25 over jieba words (the README has the measurement). Features are
 * hashed into `dim` buckets with a sign bit (the "hashing trick"), weighted
 * by sublinear term frequency, and the vector is L2-normalised, so cosine
 * similarity is a dot product.
 */
export const LOCAL_EMBEDDER_ID = "local-ngram-v1";

export interface LocalEmbedderOptions {
  dim?: number;
}

const HAN_OR_ALNUM = /[\u3400-\u9FFF\uF900-\uFAFFa-z0-9]+/g;

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function fnvStep(h: number, code: number): number {
  return Math.imul(h ^ code, FNV_PRIME);
}

/** FNV-1a state after a feature prefix such as "2:". */
function prefixState(prefix: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < prefix.length; i++) h = fnvStep(h, prefix.charCodeAt(i));
  return h;
}

const P1 = prefixState("1:");
const P2 = prefixState("2:");
const P3 = prefixState("3:");
const W_PREFIX = prefixState("w:");

/** Weighted counts per 32-bit feature hash; linear probing, sized for the text. */
class FeatureTable {
  private readonly keys: Uint32Array;
  private readonly counts: Float64Array;
  private readonly used: Uint8Array;
  private readonly mask: number;

  constructor(maxFeatures: number) {
    let cap = 16;
    while (cap < maxFeatures * 2) cap <<= 1;
    this.keys = new Uint32Array(cap);
    this.counts = new Float64Array(cap);
    this.used = new Uint8Array(cap);
    this.mask = cap - 1;
  }

  add(h: number, w: number): void {
    let i = Math.imul(h, 0x9e3779b1) >>> 0 & this.mask;
    while (this.used[i] && this.keys[i] !== h) i = (i + 1) & this.mask;
    if (!this.used[i]) {
      this.used[i] = 1;
      this.keys[i] = h;
    }
    this.counts[i]! += w;
  }

  /** In insertion-independent slot order; the caller only sums, so order does not matter. */
  forEach(f: (h: number, count: number) => void): void {
    for (let i = 0; i < this.keys.length; i++) if (this.used[i]) f(this.keys[i]!, this.counts[i]!);
  }
}

/** FNV-1a of prefix + s.slice(start, end), continuing from the prefix's state; unsigned 32-bit. */
function fnvFrom(state: number, s: string, start: number, end: number): number {
  let h = state;
  for (let i = start; i < end; i++) h = fnvStep(h, s.charCodeAt(i));
  return h >>> 0;
}

export class LocalNgramEmbeddings extends Embeddings implements Embedder {
  readonly id: string;
  readonly dim: number;

  constructor(options: LocalEmbedderOptions = {}) {
    super({});
    this.dim = options.dim ?? 512;
    this.id = `${LOCAL_EMBEDDER_ID}:${this.dim}`;
  }

  async dimension(): Promise<number> {
    return this.dim;
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    return texts.map((t) => Array.from(this.vector(t)));
  }

  async embedQuery(text: string): Promise<number[]> {
    return Array.from(this.vector(text));
  }

  /** The vector as a Float32Array, for callers that store vectors compactly. */
  vector(text: string): Float32Array {
    // Features are counted by their FNV-1a hash ("1:中", "2:中文", "3:中文字",
    // "w:word"), computed from the characters without building the strings,
    // in an open-addressing table: this loop is most of ingest's embedding time.
    const runs = normalizeText(text).toLowerCase().match(HAN_OR_ALNUM) ?? [];
    const table = new FeatureTable(runs.reduce((n, r) => n + 3 * r.length, 0));
    for (const run of runs) {
      if (/^[a-z0-9]+$/.test(run)) {
        table.add(fnvFrom(W_PREFIX, run, 0, run.length), 1);
        continue;
      }
      for (let i = 0; i < run.length; i++) {
        table.add(fnvFrom(P1, run, i, i + 1), 0.25);
        if (i + 1 < run.length) table.add(fnvFrom(P2, run, i, i + 2), 1);
        if (i + 2 < run.length) table.add(fnvFrom(P3, run, i, i + 3), 0.5);
      }
    }
    const v = new Float32Array(this.dim);
    table.forEach((h, c) => {
      const w = 1 + Math.log(c);
      v[h % this.dim]! += h & 0x80000000 ? -w : w;
    });
    let norm = 0;
    for (let i = 0; i < v.length; i++) norm += v[i]! * v[i]!;
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < v.length; i++) v[i]! /= norm;
    return v;
  }

}

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

function fnv1a(s: string, seed: number): number {
  let h = 0x811c9dc5 ^ seed;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
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
    const counts = new Map<string, number>();
    const add = (f: string, w: number) => counts.set(f, (counts.get(f) ?? 0) + w);
    for (const run of normalizeText(text).toLowerCase().match(HAN_OR_ALNUM) ?? []) {
      if (/^[a-z0-9]+$/.test(run)) {
        add(`w:${run}`, 1);
        continue;
      }
      for (let i = 0; i < run.length; i++) {
        add(`1:${run[i]}`, 0.25);
        if (i + 1 < run.length) add(`2:${run.slice(i, i + 2)}`, 1);
        if (i + 2 < run.length) add(`3:${run.slice(i, i + 3)}`, 0.5);
      }
    }
    const v = new Float32Array(this.dim);
    for (const [f, c] of counts) {
      const h = fnv1a(f, 0);
      const w = 1 + Math.log(c);
      v[h % this.dim]! += h & 0x80000000 ? -w : w;
    }
    let norm = 0;
    for (let i = 0; i < v.length; i++) norm += v[i]! * v[i]!;
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < v.length; i++) v[i]! /= norm;
    return v;
  }
}

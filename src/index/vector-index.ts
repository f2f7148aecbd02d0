import { createRequire } from "node:module";
import type { HierarchicalNSW as Hnsw } from "hnswlib-node";

/**
 * Approximate nearest neighbours with hnswlib-node, cosine space. hnswlib
 * returns *distances* (1 − cosine); this class turns them into similarities
 * so that, as everywhere in policybot, a higher score is better. Labels are
 * positions in the chunk store.
 */
const require = createRequire(import.meta.url);
const { HierarchicalNSW } = require("hnswlib-node") as typeof import("hnswlib-node");

export interface HnswParams {
  m: number;
  efConstruction: number;
  efSearch: number;
}

export const DEFAULT_HNSW: HnswParams = { m: 16, efConstruction: 200, efSearch: 96 };

export class VectorIndex {
  private constructor(
    private readonly hnsw: Hnsw,
    readonly dim: number,
    private count: number,
  ) {}

  static build(vectors: Float32Array, dim: number, params: HnswParams = DEFAULT_HNSW): VectorIndex {
    const n = dim ? vectors.length / dim : 0;
    const hnsw = new HierarchicalNSW("cosine", dim);
    hnsw.initIndex(Math.max(n, 1), params.m, params.efConstruction, 100);
    hnsw.setEf(params.efSearch);
    for (let i = 0; i < n; i++) hnsw.addPoint(Array.from(vectors.subarray(i * dim, (i + 1) * dim)), i);
    return new VectorIndex(hnsw, dim, n);
  }

  static read(file: string, dim: number, params: HnswParams = DEFAULT_HNSW): VectorIndex {
    const hnsw = new HierarchicalNSW("cosine", dim);
    hnsw.readIndexSync(file);
    hnsw.setEf(params.efSearch);
    return new VectorIndex(hnsw, dim, hnsw.getCurrentCount());
  }

  write(file: string): void {
    this.hnsw.writeIndexSync(file);
  }

  get size(): number {
    return this.count;
  }

  /** Nearest `k` labels with cosine similarity, best first. */
  search(query: ArrayLike<number>, k: number, filter?: (label: number) => boolean): Array<[number, number]> {
    if (this.count === 0) return [];
    const n = Math.min(k, this.count);
    const res = this.hnsw.searchKnn(Array.from(query), n, filter);
    return res.neighbors.map((label, i) => [label, 1 - res.distances[i]!] as [number, number]);
  }
}

/** Exact cosine search over unit vectors: the baseline HNSW recall is measured against. */
export function bruteForceSearch(vectors: Float32Array, dim: number, query: ArrayLike<number>, k: number): Array<[number, number]> {
  const n = vectors.length / dim;
  const scores: Array<[number, number]> = [];
  for (let i = 0; i < n; i++) {
    let s = 0;
    const off = i * dim;
    for (let j = 0; j < dim; j++) s += vectors[off + j]! * query[j]!;
    scores.push([i, s]);
  }
  scores.sort((a, b) => b[1] - a[1]);
  return scores.slice(0, k);
}

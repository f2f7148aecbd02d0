import { createRequire } from "node:module";
import type { HierarchicalNSW as Hnsw } from "hnswlib-node";

/**
 * Approximate nearest neighbours with hnswlib-node, cosine space. hnswlib
 * returns *distances* (1 − cosine); this class turns them into similarities
 * so that, as everywhere in policybot, a higher score is better. Results are
 * positions (rows) in the chunk store.
 *
 * Graph labels are rows for an index built in one go. An index updated in
 * place (incremental ingest: `markDeleted` + `add` on a copy of the previous
 * graph, read from its file) keeps its old labels, so it also carries
 * `labelRows`, label → row (−1 for a deleted point), stored next to the graph.
 */
const require = createRequire(import.meta.url);
const { HierarchicalNSW } = require("hnswlib-node") as typeof import("hnswlib-node");

export interface HnswParams {
  m: number;
  efConstruction: number;
  /** Search breadth; at least `k` is used. See `efFor`. */
  efSearch: number;
}

export const DEFAULT_HNSW: HnswParams = { m: 16, efConstruction: 100, efSearch: 96 };

/**
 * The search breadth for an index of `n` points. Short questions against
 * long passages have low, flat cosine similarities (0.1–0.3 with the n-gram
 * embedder), where greedy graph search stops early: recall@10 against exact
 * search falls to ~0.5 at ef = 96 on 40,000 chunks (BENCHMARKS.md). The
 * breadth therefore grows with the index, up to a bound that keeps a search
 * to a few milliseconds.
 */
export function efFor(n: number, params: HnswParams = DEFAULT_HNSW): number {
  return Math.max(params.efSearch, Math.min(2000, Math.ceil(n / 16)));
}

export class VectorIndex {
  /** label → row (−1: deleted) for labels < `labels`; undefined while every label is its row. */
  private rows: Int32Array | undefined;
  private labels: number;
  private live: number;
  private deleted: number;
  private tunedFor = -1;

  private constructor(
    private readonly hnsw: Hnsw,
    readonly dim: number,
    private readonly params: HnswParams,
    labels: number,
    rows: Int32Array | undefined,
  ) {
    this.labels = labels;
    this.rows = rows;
    let live = labels;
    if (rows) {
      live = 0;
      for (let i = 0; i < labels; i++) if (rows[i]! >= 0) live++;
    }
    this.live = live;
    this.deleted = labels - live;
  }

  /** An empty index that points are added to one by one. */
  static create(dim: number, capacity: number, params: HnswParams = DEFAULT_HNSW): VectorIndex {
    const hnsw = new HierarchicalNSW("cosine", dim);
    hnsw.initIndex(Math.max(capacity, 1), params.m, params.efConstruction, 100);
    return new VectorIndex(hnsw, dim, params, 0, undefined);
  }

  static build(vectors: Float32Array, dim: number, params: HnswParams = DEFAULT_HNSW): VectorIndex {
    const n = dim ? vectors.length / dim : 0;
    const index = VectorIndex.create(dim, n, params);
    index.addAll(vectors, n);
    return index;
  }

  /**
   * Read a graph written by `write`; `labelRows` is what `labelRows` was
   * when it was written (undefined: labels are rows). The graph is a copy in
   * memory: changing it never touches the file.
   */
  static read(file: string, dim: number, params: HnswParams = DEFAULT_HNSW, labelRows?: Int32Array): VectorIndex {
    const hnsw = new HierarchicalNSW("cosine", dim);
    hnsw.readIndexSync(file);
    const count = hnsw.getCurrentCount();
    if (labelRows && labelRows.length !== count) throw new Error(`the HNSW graph has ${count} points but its label map ${labelRows.length}`);
    return new VectorIndex(hnsw, dim, params, count, labelRows);
  }

  /** Like `read`, reading and parsing the file off the main thread. */
  static async readAsync(file: string, dim: number, params: HnswParams = DEFAULT_HNSW, labelRows?: Int32Array): Promise<VectorIndex> {
    const hnsw = new HierarchicalNSW("cosine", dim);
    await hnsw.readIndex(file);
    const count = hnsw.getCurrentCount();
    if (labelRows && labelRows.length !== count) throw new Error(`the HNSW graph has ${count} points but its label map ${labelRows.length}`);
    return new VectorIndex(hnsw, dim, params, count, labelRows);
  }

  write(file: string): void {
    this.hnsw.writeIndexSync(file);
  }

  /** Like `write`, off the main thread (the graph must not change meanwhile). */
  async writeAsync(file: string): Promise<void> {
    await this.hnsw.writeIndex(file);
  }

  /** Live points (deleted ones excluded). */
  get size(): number {
    return this.live;
  }

  /** Points marked deleted but still in the graph (they keep routing searches). */
  get deletedCount(): number {
    return this.deleted;
  }

  /** label → row (−1: deleted), or undefined when every label is its row. */
  get labelRows(): Int32Array | undefined {
    return this.rows?.subarray(0, this.labels);
  }

  /**
   * Add `count` points (`vectors` holds them one after the other), labelled
   * with the next free labels, at the given rows (default: rows = labels).
   */
  addAll(vectors: Float32Array, count: number, rows?: ArrayLike<number>): void {
    if (count === 0) return;
    const first = this.labels;
    const need = first + count;
    if (need > this.hnsw.getMaxElements()) this.hnsw.resizeIndex(Math.max(need, Math.ceil(this.hnsw.getMaxElements() * 1.5)));
    const mapped = this.rows !== undefined || (rows !== undefined && Array.prototype.some.call(rows, (r: number, j: number) => r !== first + j));
    if (mapped) {
      const cap = Math.max(need, this.rows ? this.rows.length : 0);
      if (!this.rows || this.rows.length < need) {
        const grown = new Int32Array(Math.max(cap, Math.ceil(need * 1.5)));
        if (this.rows) grown.set(this.rows.subarray(0, first));
        else for (let i = 0; i < first; i++) grown[i] = i;
        this.rows = grown;
      }
    }
    const dim = this.dim;
    for (let j = 0; j < count; j++) {
      this.hnsw.addPoint(Array.from(vectors.subarray(j * dim, (j + 1) * dim)), first + j);
      if (this.rows) this.rows[first + j] = rows ? rows[j]! : first + j;
    }
    this.labels = need;
    this.live += count;
  }

  /**
   * Move rows: `to(row)` is the row's new position, or −1 to delete its point
   * (marked deleted in the graph, as hnswlib does: it still routes searches
   * but is never returned).
   */
  remapRows(to: Int32Array | ((row: number) => number)): void {
    const map = typeof to === "function" ? to : (r: number) => (r < to.length ? to[r]! : -1);
    const rows = new Int32Array(this.labels);
    for (let label = 0; label < this.labels; label++) {
      const old = this.rows ? this.rows[label]! : label;
      const next = old < 0 ? -1 : map(old);
      rows[label] = next;
      if (old >= 0 && next < 0) {
        this.hnsw.markDelete(label);
        this.live--;
        this.deleted++;
      }
    }
    this.rows = rows;
  }

  /** Nearest `k` rows with cosine similarity, best first. */
  search(query: ArrayLike<number>, k: number, filter?: (row: number) => boolean): Array<[number, number]> {
    if (this.live === 0) return [];
    if (this.tunedFor !== this.live) {
      this.hnsw.setEf(efFor(this.live, this.params));
      this.tunedFor = this.live;
    }
    const n = Math.min(k, this.live);
    const rows = this.rows;
    // Deleted points are skipped by hnswlib itself.
    const f = filter && rows ? (label: number) => filter(rows[label]!) : filter;
    const res = this.hnsw.searchKnn(Array.from(query), n, f);
    return res.neighbors.map((label, i) => [rows ? rows[label]! : label, 1 - res.distances[i]!] as [number, number]);
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

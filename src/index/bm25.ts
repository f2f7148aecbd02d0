/**
 * Okapi BM25 over nodejieba tokens. Postings are kept in typed arrays so a
 * 60,000-chunk index loads and scores without millions of small objects.
 * Scores are non-negative, higher is better.
 */
export interface Bm25Params {
  k1: number;
  b: number;
}

export const DEFAULT_BM25: Bm25Params = { k1: 1.2, b: 0.75 };

export interface Bm25Data {
  params: Bm25Params;
  docCount: number;
  avgLen: number;
  docLen: Uint32Array;
  terms: string[];
  /** Start of each term's postings in `docs`/`tfs`; length terms.length + 1. */
  offsets: Uint32Array;
  docs: Uint32Array;
  tfs: Uint16Array;
}

export class Bm25Index {
  private readonly termIndex: Map<string, number>;
  constructor(readonly data: Bm25Data) {
    this.termIndex = new Map(data.terms.map((t, i) => [t, i]));
  }

  static build(tokenLists: readonly (readonly string[])[], params: Bm25Params = DEFAULT_BM25): Bm25Index {
    const postings = new Map<string, Array<[number, number]>>();
    const docLen = new Uint32Array(tokenLists.length);
    let total = 0;
    tokenLists.forEach((tokens, doc) => {
      docLen[doc] = tokens.length;
      total += tokens.length;
      const tf = new Map<string, number>();
      for (const t of tokens) tf.set(t, (tf.get(t) ?? 0) + 1);
      for (const [t, n] of tf) {
        let list = postings.get(t);
        if (!list) postings.set(t, (list = []));
        list.push([doc, Math.min(n, 65535)]);
      }
    });
    const terms = [...postings.keys()].sort();
    const offsets = new Uint32Array(terms.length + 1);
    let size = 0;
    terms.forEach((t, i) => {
      offsets[i] = size;
      size += postings.get(t)!.length;
    });
    offsets[terms.length] = size;
    const docs = new Uint32Array(size);
    const tfs = new Uint16Array(size);
    terms.forEach((t, i) => {
      let at = offsets[i]!;
      for (const [d, n] of postings.get(t)!) {
        docs[at] = d;
        tfs[at] = n;
        at++;
      }
    });
    return new Bm25Index({ params, docCount: tokenLists.length, avgLen: tokenLists.length ? total / tokenLists.length : 0, docLen, terms, offsets, docs, tfs });
  }

  idf(term: string): number {
    const i = this.termIndex.get(term);
    const df = i === undefined ? 0 : this.data.offsets[i + 1]! - this.data.offsets[i]!;
    return Math.log(1 + (this.data.docCount - df + 0.5) / (df + 0.5));
  }

  /** The most a document could score for these tokens (every term matched at saturation); used for confidence. */
  maxScore(tokens: readonly string[]): number {
    const { k1 } = this.data.params;
    return [...new Set(tokens)].reduce((s, t) => s + this.idf(t) * (k1 + 1), 0);
  }

  /** Top `k` documents for the query tokens, as [doc, score] with score > 0. */
  search(tokens: readonly string[], k: number, filter?: (doc: number) => boolean): Array<[number, number]> {
    const { k1, b } = this.data.params;
    const { docLen, avgLen, offsets, docs, tfs } = this.data;
    const scores = new Map<number, number>();
    const qtf = new Map<string, number>();
    for (const t of tokens) qtf.set(t, (qtf.get(t) ?? 0) + 1);
    for (const [t, q] of qtf) {
      const i = this.termIndex.get(t);
      if (i === undefined) continue;
      const idf = this.idf(t);
      for (let p = offsets[i]!; p < offsets[i + 1]!; p++) {
        const d = docs[p]!;
        const tf = tfs[p]!;
        const norm = tf + k1 * (1 - b + (b * docLen[d]!) / (avgLen || 1));
        // Repeated query terms count with diminishing weight.
        const w = idf * ((tf * (k1 + 1)) / norm) * (1 + Math.log(q));
        scores.set(d, (scores.get(d) ?? 0) + w);
      }
    }
    const out: Array<[number, number]> = [];
    for (const [d, s] of scores) if (s > 0 && (!filter || filter(d))) out.push([d, s]);
    out.sort((a, b2) => b2[1] - a[1] || a[0] - b2[0]);
    return out.slice(0, k);
  }

  /**
   * BM25 over groups of documents (articles made of chunks): a group's term
   * frequency and length are the sums over its documents, its document
   * frequency counts groups. Computed from the chunk postings at query time,
   * so no second index is stored. Returns [group, score], best first.
   */
  searchGroups(tokens: readonly string[], groupOf: Uint32Array, groupLen: Float64Array, k: number): Array<[number, number]> {
    const { k1, b } = this.data.params;
    const { offsets, docs, tfs } = this.data;
    const groups = groupLen.length;
    const avg = groupLen.reduce((s, x) => s + x, 0) / (groups || 1);
    const scores = new Map<number, number>();
    for (const t of new Set(tokens)) {
      const i = this.termIndex.get(t);
      if (i === undefined) continue;
      const tf = new Map<number, number>();
      for (let p = offsets[i]!; p < offsets[i + 1]!; p++) {
        const g = groupOf[docs[p]!]!;
        tf.set(g, (tf.get(g) ?? 0) + tfs[p]!);
      }
      const idf = Math.log(1 + (groups - tf.size + 0.5) / (tf.size + 0.5));
      for (const [g, f] of tf) {
        const norm = f + k1 * (1 - b + (b * groupLen[g]!) / (avg || 1));
        scores.set(g, (scores.get(g) ?? 0) + (idf * f * (k1 + 1)) / norm);
      }
    }
    return [...scores.entries()].sort((x, y) => y[1] - x[1] || x[0] - y[0]).slice(0, k);
  }

  /** Serialise: a small JSON header and the typed arrays as raw bytes. */
  toBuffers(): { header: string; docLen: Buffer; offsets: Buffer; docs: Buffer; tfs: Buffer } {
    const { params, docCount, avgLen, terms } = this.data;
    const buf = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
    return { header: JSON.stringify({ params, docCount, avgLen, terms }), docLen: buf(this.data.docLen), offsets: buf(this.data.offsets), docs: buf(this.data.docs), tfs: buf(this.data.tfs) };
  }

  static fromBuffers(b: { header: string; docLen: Buffer; offsets: Buffer; docs: Buffer; tfs: Buffer }): Bm25Index {
    const h = JSON.parse(b.header) as { params: Bm25Params; docCount: number; avgLen: number; terms: string[] };
    const u32 = (x: Buffer) => new Uint32Array(x.buffer.slice(x.byteOffset, x.byteOffset + x.byteLength));
    const u16 = (x: Buffer) => new Uint16Array(x.buffer.slice(x.byteOffset, x.byteOffset + x.byteLength));
    return new Bm25Index({ ...h, docLen: u32(b.docLen), offsets: u32(b.offsets), docs: u32(b.docs), tfs: u16(b.tfs) });
  }
}

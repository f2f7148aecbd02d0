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

/**
 * Documents grouped (a retriever's passages by article) so a document is
 * scored in its group's context: for a query term it lacks but its group
 * holds, it gets `share` of the best score any document of the group has
 * for that term. A passage inherits what its article said once, in its
 * opening: the place, the programme, the report's subject.
 */
export interface GroupContext {
  /** The group of each document, numbered from 0. */
  groupOf: Uint32Array;
  /** How many groups there are. */
  groups: number;
  /** Share of the group's best score for a term credited to its documents that lack the term (0 = none). */
  share: number;
}

/**
 * How many times `k` documents, best by their own scores, are rescored in
 * context: the context reorders the documents that match the query, and
 * rescoring all of them would visit every passage of every article holding
 * a common word.
 */
const CONTEXT_POOL = 4;

export class Bm25Index {
  private readonly termIndex: Map<string, number>;
  constructor(readonly data: Bm25Data) {
    this.termIndex = new Map(data.terms.map((t, i) => [t, i]));
  }

  static build(tokenLists: readonly (readonly string[])[], params: Bm25Params = DEFAULT_BM25): Bm25Index {
    const builder = new Bm25Builder();
    for (const tokens of tokenLists) builder.add(tokens);
    return builder.finish(params);
  }

  /**
   * The index over a new list of documents made of some documents of `old`
   * (`keep[d]` is old document d's new number, or -1 when it is gone) and
   * the documents of `added` (`addedAt[j]` is the new number of its
   * document j), without re-reading any token: postings are remapped and
   * merged term by term. Both maps must be increasing over the documents they
   * keep. The result equals `build` over the same token lists in the new order.
   */
  static merge(old: Bm25Index, keep: Int32Array, added: Bm25Index, addedAt: Uint32Array, docCount: number, params: Bm25Params = old.data.params): Bm25Index {
    const a = old.data;
    const b = added.data;
    const docLen = new Uint32Array(docCount);
    let total = 0;
    for (let d = 0; d < a.docCount; d++) {
      const to = keep[d]!;
      if (to >= 0) {
        docLen[to] = a.docLen[d]!;
        total += a.docLen[d]!;
      }
    }
    for (let j = 0; j < b.docCount; j++) {
      docLen[addedAt[j]!] = b.docLen[j]!;
      total += b.docLen[j]!;
    }
    const docs = new Uint32Array(a.docs.length + b.docs.length);
    const tfs = new Uint16Array(docs.length);
    const terms: string[] = [];
    const offsets: number[] = [];
    const { terms: aTerms, offsets: aOff, docs: aDocs, tfs: aTfs } = a;
    const { terms: bTerms, offsets: bOff, docs: bDocs, tfs: bTfs } = b;
    let size = 0;
    let i = 0;
    let j = 0;
    while (i < aTerms.length || j < bTerms.length) {
      const ta = aTerms[i];
      const tb = bTerms[j];
      const term = tb === undefined || (ta !== undefined && ta < tb) ? ta! : tb;
      const start = size;
      let p = ta === term ? aOff[i]! : 0;
      const pEnd = ta === term ? aOff[i + 1]! : 0;
      let q = tb === term ? bOff[j]! : 0;
      const qEnd = tb === term ? bOff[j + 1]! : 0;
      if (q === qEnd) {
        // Only old postings (the usual case): remap, skipping documents that are gone.
        for (; p < pEnd; p++) {
          const d = keep[aDocs[p]!]!;
          if (d >= 0) {
            docs[size] = d;
            tfs[size++] = aTfs[p]!;
          }
        }
      } else {
        // Merge two doc-ordered lists; old documents that are gone are skipped.
        while (p < pEnd || q < qEnd) {
          let da = -1;
          while (p < pEnd && (da = keep[aDocs[p]!]!) < 0) p++;
          if (p >= pEnd) da = -1;
          const db = q < qEnd ? addedAt[bDocs[q]!]! : -1;
          if (da < 0 && db < 0) break;
          if (db < 0 || (da >= 0 && da < db)) {
            docs[size] = da;
            tfs[size++] = aTfs[p++]!;
          } else {
            docs[size] = db;
            tfs[size++] = bTfs[q++]!;
          }
        }
      }
      if (size > start) {
        terms.push(term);
        offsets.push(start);
      }
      if (ta === term) i++;
      if (tb === term) j++;
    }
    offsets.push(size);
    return new Bm25Index({
      params,
      docCount,
      avgLen: docCount ? total / docCount : 0,
      docLen,
      terms,
      offsets: Uint32Array.from(offsets),
      docs: docs.slice(0, size),
      tfs: tfs.slice(0, size),
    });
  }

  /** The documents (rows) holding `term`, in ascending order; empty when none do. */
  postings(term: string): Uint32Array {
    const i = this.termIndex.get(term);
    return i === undefined ? new Uint32Array(0) : this.data.docs.subarray(this.data.offsets[i]!, this.data.offsets[i + 1]!);
  }

  documentFrequency(term: string): number {
    const i = this.termIndex.get(term);
    return i === undefined ? 0 : this.data.offsets[i + 1]! - this.data.offsets[i]!;
  }

  idf(term: string): number {
    const df = this.documentFrequency(term);
    return Math.log(1 + (this.data.docCount - df + 0.5) / (df + 0.5));
  }

  /** The most a document could score for these tokens (every term matched at saturation); used for confidence. */
  maxScore(tokens: readonly string[], weights?: ReadonlyMap<string, number>): number {
    const { k1 } = this.data.params;
    return [...new Set(tokens)].reduce((s, t) => s + this.idf(t) * (k1 + 1) * (weights?.get(t) ?? 1), 0);
  }

  /** Per-document score accumulator reused across searches (a search is synchronous). */
  private scratch: { scores: Float64Array; touched: Uint32Array; busy: boolean } | undefined;

  /**
   * Top `k` documents for the query tokens, as [doc, score] with score > 0,
   * best first (ties: lower doc first). Scores accumulate in a typed array and
   * the top k are kept in a heap: a question's common terms (or characters)
   * touch most of a 50,000-chunk index. `weights` scales a term's
   * contribution (default 1): query expansions count for less than the
   * question's own words.
   */
  search(tokens: readonly string[], k: number, filter?: (doc: number) => boolean, weights?: ReadonlyMap<string, number>, context?: GroupContext): Array<[number, number]> {
    if (!context || context.share <= 0) return this.searchAlone(tokens, k, filter, weights);
    const pool = this.searchAlone(tokens, k * CONTEXT_POOL, filter, weights);
    return this.rescoreInContext(tokens, pool, context, weights).slice(0, k);
  }

  /**
   * `pool`'s scores with each term a document lacks (or scores lower) raised
   * to `share` of the best score a document of its group has for it; only
   * the pool's groups are looked at. Best first (ties: lower doc first).
   */
  private rescoreInContext(tokens: readonly string[], pool: ReadonlyArray<[number, number]>, context: GroupContext, weights?: ReadonlyMap<string, number>): Array<[number, number]> {
    const { groupOf, share } = context;
    const { k1, b } = this.data.params;
    const lenNorm = this.data.avgLen || 1;
    const slot = new Map(pool.map(([d], i) => [d, i]));
    const scores = pool.map(([, s]) => s);
    // The pool's groups, and each one's best score for the term being looked at.
    const inPool = new Uint8Array(context.groups);
    for (const [d] of pool) inPool[groupOf[d]!] = 1;
    const best = new Float64Array(context.groups);
    const own = new Float64Array(pool.length);
    for (const [t, q] of queryTerms(tokens)) {
      const i = this.termIndex.get(t);
      if (i === undefined) continue;
      own.fill(0);
      const weight = this.termWeight(t, q, weights);
      for (let p = this.data.offsets[i]!, end = this.data.offsets[i + 1]!; p < end; p++) {
        const d = this.data.docs[p]!;
        const g = groupOf[d]!;
        if (!inPool[g]) continue;
        const w = weight * saturated(this.data.tfs[p]!, this.data.docLen[d]! / lenNorm, k1, b);
        if (w > best[g]!) best[g] = w;
        const at = slot.get(d);
        if (at !== undefined) own[at] = w;
      }
      pool.forEach(([d], at) => {
        const extra = share * best[groupOf[d]!]! - own[at]!;
        if (extra > 0) scores[at]! += extra;
      });
      for (const [d] of pool) best[groupOf[d]!] = 0;
    }
    return pool.map(([d], at): [number, number] => [d, scores[at]!]).sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  }

  /** A query term's weight: its IDF, with diminishing weight for a term the query repeats, scaled by `weights`. */
  private termWeight(t: string, q: number, weights?: ReadonlyMap<string, number>): number {
    return this.idf(t) * (1 + Math.log(q)) * (weights?.get(t) ?? 1);
  }

  private searchAlone(tokens: readonly string[], k: number, filter?: (doc: number) => boolean, weights?: ReadonlyMap<string, number>): Array<[number, number]> {
    const { k1, b } = this.data.params;
    const { docLen, avgLen, offsets, docs, tfs, docCount } = this.data;
    const lenNorm = avgLen || 1;
    let sc = this.scratch;
    if (!sc || sc.busy) {
      sc = { scores: new Float64Array(docCount), touched: new Uint32Array(docCount), busy: false };
      if (!this.scratch) this.scratch = sc;
    }
    sc.busy = true;
    const { scores, touched } = sc;
    let n = 0;
    try {
      for (const [t, q] of queryTerms(tokens)) {
        const i = this.termIndex.get(t);
        if (i === undefined) continue;
        const weight = this.termWeight(t, q, weights);
        for (let p = offsets[i]!, end = offsets[i + 1]!; p < end; p++) {
          const d = docs[p]!;
          const w = weight * saturated(tfs[p]!, docLen[d]! / lenNorm, k1, b);
          if (scores[d] === 0) touched[n++] = d;
          scores[d]! += w;
        }
      }
      // Keep the best k in a heap whose root is the worst kept.
      const heapDoc: number[] = [];
      const heapScore: number[] = [];
      const worse = (i: number, j: number) => heapScore[i]! < heapScore[j]! || (heapScore[i] === heapScore[j] && heapDoc[i]! > heapDoc[j]!);
      const swap = (i: number, j: number) => {
        [heapDoc[i], heapDoc[j]] = [heapDoc[j]!, heapDoc[i]!];
        [heapScore[i], heapScore[j]] = [heapScore[j]!, heapScore[i]!];
      };
      const down = (i: number) => {
        for (;;) {
          const l = 2 * i + 1;
          const r = l + 1;
          let m = i;
          if (l < heapDoc.length && worse(l, m)) m = l;
          if (r < heapDoc.length && worse(r, m)) m = r;
          if (m === i) return;
          swap(i, m);
          i = m;
        }
      };
      if (k > 0) {
        for (let x = 0; x < n; x++) {
          const d = touched[x]!;
          const s = scores[d]!;
          if (!(s > 0) || (filter && !filter(d))) continue;
          if (heapDoc.length < k) {
            heapDoc.push(d);
            heapScore.push(s);
            for (let i = heapDoc.length - 1; i > 0; ) {
              const parent = (i - 1) >> 1;
              if (!worse(i, parent)) break;
              swap(i, parent);
              i = parent;
            }
          } else if (s > heapScore[0]! || (s === heapScore[0] && d < heapDoc[0]!)) {
            heapDoc[0] = d;
            heapScore[0] = s;
            down(0);
          }
        }
      }
      const out: Array<[number, number]> = heapDoc.map((d, i) => [d, heapScore[i]!]);
      out.sort((a, b2) => b2[1] - a[1] || a[0] - b2[0]);
      return out;
    } finally {
      for (let x = 0; x < n; x++) scores[touched[x]!] = 0;
      sc.busy = false;
    }
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
      for (const [g, f] of tf) scores.set(g, (scores.get(g) ?? 0) + idf * saturated(f, groupLen[g]! / (avg || 1), k1, b));
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

/**
 * Builds a Bm25Index one document at a time (documents are numbered in the
 * order they are added), holding only interned term ids and postings in
 * typed arrays rather than every token list: what ingest uses on 50,000
 * chunks. `finish` gives the same index as `Bm25Index.build` over the same
 * token lists.
 */
export class Bm25Builder {
  private readonly ids = new Map<string, number>();
  private readonly terms: string[] = [];
  /** Per term: the last document it was seen in, and where that posting is. */
  private lastDoc = new Int32Array(1024).fill(-1);
  private slot = new Uint32Array(1024);
  private pTerm = new Uint32Array(1 << 16);
  private pDoc = new Uint32Array(1 << 16);
  private pTf = new Uint16Array(1 << 16);
  private postings = 0;
  private docLen = new Uint32Array(1024);
  private docs = 0;
  private total = 0;

  get docCount(): number {
    return this.docs;
  }

  private intern(t: string): number {
    let id = this.ids.get(t);
    if (id === undefined) {
      id = this.terms.length;
      this.ids.set(t, id);
      this.terms.push(t);
      if (id >= this.lastDoc.length) {
        const n = this.lastDoc.length * 2;
        const last = new Int32Array(n).fill(-1);
        last.set(this.lastDoc);
        this.lastDoc = last;
        this.slot = grow(this.slot, n);
      }
    }
    return id;
  }

  private reserve(postings: number, docs: number): void {
    if (this.postings + postings > this.pDoc.length) {
      const n = Math.max(this.pDoc.length * 2, this.postings + postings);
      this.pTerm = grow(this.pTerm, n);
      this.pDoc = grow(this.pDoc, n);
      this.pTf = grow(this.pTf, n);
    }
    if (this.docs + docs > this.docLen.length) this.docLen = grow(this.docLen, Math.max(this.docLen.length * 2, this.docs + docs));
  }

  /** Adds the next document; returns its number. */
  add(tokens: readonly string[]): number {
    this.reserve(tokens.length, 1);
    const doc = this.docs++;
    this.docLen[doc] = tokens.length;
    this.total += tokens.length;
    const ids = this.ids;
    const { pTerm, pDoc, pTf } = this;
    let n = this.postings;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      let id = ids.get(t);
      if (id === undefined) id = this.intern(t);
      if (this.lastDoc[id] !== doc) {
        this.lastDoc[id] = doc;
        this.slot[id] = n;
        pTerm[n] = id;
        pDoc[n] = doc;
        pTf[n++] = 1;
      } else {
        const at = this.slot[id]!;
        if (pTf[at]! < 65535) pTf[at]!++;
      }
    }
    this.postings = n;
    return doc;
  }

  /**
   * Adds the documents of an index built elsewhere (a worker's index of one
   * file) as the next documents, in their order; returns the first one's
   * number. Only its distinct terms are looked up here, not every token.
   */
  addIndex(part: Bm25Data): number {
    const base = this.docs;
    this.reserve(part.docs.length, part.docCount);
    this.docLen.set(part.docLen.subarray(0, part.docCount), base);
    for (let d = 0; d < part.docCount; d++) this.total += part.docLen[d]!;
    this.docs += part.docCount;
    const { pTerm, pDoc, pTf } = this;
    const { terms, offsets, docs, tfs } = part;
    let n = this.postings;
    for (let i = 0; i < terms.length; i++) {
      const t = terms[i]!;
      const id = this.ids.get(t) ?? this.intern(t);
      const end = offsets[i + 1]!;
      for (let p = offsets[i]!; p < end; p++) {
        pTerm[n] = id;
        pDoc[n] = base + docs[p]!;
        pTf[n++] = tfs[p]!;
      }
    }
    this.postings = n;
    return base;
  }

  finish(params: Bm25Params = DEFAULT_BM25): Bm25Index {
    return new Bm25Index(this.finishData(params));
  }

  /**
   * The index's data without building its term lookup, for postings that are
   * only passed on to another builder's `addIndex` (a worker's). With
   * `sortTerms` false, terms stay in the order first seen: cheaper, fine for
   * `addIndex`, but not a valid Bm25Index (whose terms are sorted).
   */
  finishData(params: Bm25Params = DEFAULT_BM25, sortTerms = true): Bm25Data {
    // The default sort compares UTF-16 code units, like `<`, and is much faster than a comparator.
    const sorted = sortTerms ? [...this.terms].sort() : this.terms.slice();
    const rank = new Uint32Array(sorted.length);
    if (sortTerms) sorted.forEach((t, r) => (rank[this.ids.get(t)!] = r));
    else for (let r = 0; r < rank.length; r++) rank[r] = r;
    const nTerms = sorted.length;
    const offsets = new Uint32Array(nTerms + 1);
    const { pTerm, pDoc, pTf, postings } = this;
    for (let p = 0; p < postings; p++) offsets[rank[pTerm[p]!]! + 1]!++;
    for (let r = 0; r < nTerms; r++) offsets[r + 1]! += offsets[r]!;
    const at = offsets.slice(0, nTerms);
    const docs = new Uint32Array(postings);
    const tfs = new Uint16Array(postings);
    // Postings were added in document order, so each term's list comes out sorted by document.
    for (let p = 0; p < postings; p++) {
      const k = at[rank[pTerm[p]!]!]!++;
      docs[k] = pDoc[p]!;
      tfs[k] = pTf[p]!;
    }
    return {
      params,
      docCount: this.docs,
      avgLen: this.docs ? this.total / this.docs : 0,
      docLen: this.docLen.slice(0, this.docs),
      terms: sorted,
      offsets,
      docs,
      tfs,
    };
  }
}

function grow<T extends Uint32Array | Uint16Array | Int32Array>(a: T, n: number): T {
  const b = new (a.constructor as new (n: number) => T)(n);
  b.set(a);
  return b;
}

/** Each distinct query term with how often the query repeats it. */
function queryTerms(tokens: readonly string[]): Map<string, number> {
  const qtf = new Map<string, number>();
  for (const t of tokens) qtf.set(t, (qtf.get(t) ?? 0) + 1);
  return qtf;
}

/** BM25's term-frequency part: `tf` saturated (`k1`) and normalised (`b`) by the document's length relative to the average. */
function saturated(tf: number, relativeLength: number, k1: number, b: number): number {
  return (tf * (k1 + 1)) / (tf + k1 * (1 - b + b * relativeLength));
}

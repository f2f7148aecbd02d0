/**
 * The measurements, one function per task. Each runs in its own child
 * process (bench/child.ts) so that peak memory (RSS) and warm-up are those of
 * that task alone; the smoke test runs them in-process.
 */
import fs from "node:fs/promises";
import path from "node:path";
import { createRequire } from "node:module";
import type { HierarchicalNSW as Hnsw } from "hnswlib-node";
import { RecursiveCharacterTextSplitter } from "@langchain/textsplitters";
import { Document } from "@langchain/core/documents";

import { createEmbedder, openRetriever } from "../app.js";
import { loadConfig, type Config } from "../config.js";
import type { Embedder } from "../embed/types.js";
import { ingest, indexText, type IngestTimings } from "../ingest/pipeline.js";
import { findFiles, loadFile } from "../ingest/load/index.js";
import { cleanText } from "../ingest/clean/index.js";
import { processSource } from "../ingest/process.js";
import { tokenize } from "../text/tokenize.js";
import { charGrams } from "../text/chargrams.js";
import { toSimplified } from "../text/script.js";
import { normalizeQuery } from "../text/normalize.js";
import { expandEnglish } from "../retrieve/glossary.js";
import { Bm25Index } from "../index/bm25.js";
import { VectorIndex, bruteForceSearch, efFor } from "../index/vector-index.js";
import { writeIndex, INDEX_FORMAT, type Manifest } from "../index/store.js";
import { touchOneFile } from "./corpus.js";
import { busyNow, cpuMs, currentVersionDir, dirBytes, latency, otherCores, peakRssMB, round, type Latency } from "./stats.js";

const require = createRequire(import.meta.url);

/** The environment without a remote embedder: the benchmarks use the default offline one. */
export function benchEnv(env: NodeJS.ProcessEnv = process.env): Record<string, string | undefined> {
  const out = { ...env };
  for (const k of ["EMBEDDER", "EMBEDDING_MODEL", "OPENAI_API_KEY", "OPENAI_BASE_URL"]) delete out[k];
  return out;
}

function benchConfig(): Config {
  return loadConfig(benchEnv());
}

export function benchEmbedder(): Embedder {
  return createEmbedder(benchConfig());
}

// ---------------------------------------------------------------------------

export interface IngestResult {
  ms: number;
  cpuMs: number;
  files: number;
  articles: number;
  chunks: number;
  embedded: number;
  peakRssMB: number;
  indexBytes: number;
  /** Cores' worth of CPU other processes used meanwhile (shared machine). */
  otherCores?: number;
  timings?: IngestTimings;
}

export async function taskIngest(args: { corpus: string; index: string }): Promise<IngestResult> {
  const embedder = benchEmbedder();
  const cpu = process.cpuUsage();
  const busy = busyNow();
  const r = await ingest({ paths: [args.corpus], indexDir: args.index, embedder, rebuild: true, profile: true });
  const others = otherCores(busy);
  return {
    ms: r.ms,
    cpuMs: cpuMs(cpu),
    files: r.files,
    articles: r.articles,
    chunks: r.chunks,
    embedded: r.embedded,
    peakRssMB: peakRssMB(),
    indexBytes: await dirBytes(await currentVersionDir(args.index)),
    ...(others !== undefined ? { otherCores: others } : {}),
    ...(r.timings ? { timings: r.timings } : {}),
  };
}

export interface ReingestRun {
  ms: number;
  changed: string[];
  embedded: number;
  chunks: number;
  timings?: IngestTimings;
}

export interface ReingestResult {
  /** Nothing changed. */
  unchanged: ReingestRun;
  /** One file changed, in a fresh process (module loading and the jieba dictionary included). */
  cold: ReingestRun;
  /** Another file changed, in the same process afterwards (as the bot's /reindex: dictionary loaded). */
  warm: ReingestRun;
  peakRssMB: number;
}

export async function taskReingest(args: { corpus: string; index: string; touch: [string, string] }): Promise<ReingestResult> {
  const embedder = benchEmbedder();
  const run = async (): Promise<ReingestRun> => {
    const r = await ingest({ paths: [args.corpus], indexDir: args.index, embedder, profile: true });
    return { ms: r.ms, changed: r.changed, embedded: r.embedded, chunks: r.chunks, ...(r.timings ? { timings: r.timings } : {}) };
  };
  await touchOneFile(args.corpus, args.touch[0]);
  const cold = await run();
  const unchanged = await run();
  await touchOneFile(args.corpus, args.touch[1]);
  const warm = await run();
  return { unchanged, cold, warm, peakRssMB: peakRssMB() };
}

// ---------------------------------------------------------------------------

export interface SearchResult {
  chunks: number;
  queries: number;
  loadMs: number;
  peakRssMB: number;
  /** Hybrid search (HybridRetriever.search, k = 10), one query at a time. */
  hybrid: Latency;
  /** `find` (HybridRetriever.find, k = 5: documents for a topic), one query at a time, one pass. */
  find: Latency;
  /** Queries per second with that many searches in flight at once (one thread). */
  throughput: Array<{ concurrency: number; qps: number }>;
  /** Plain BM25 over the same index (normalise, tokenize, score; no vectors, no fusion). */
  bm25: Latency;
  /**
   * What a hybrid search spends, part by part (ms, mean and p95 over the
   * queries): query normalisation + segmentation, the BM25 over words and over
   * characters and the HNSW search at the retriever's candidate count, and
   * the rest of HybridRetriever.search (fusion, near-duplicate removal,
   * confidence) as the difference.
   */
  parts: { candidates: number; query: Latency; words: Latency; chars: Latency; vector: Latency; rest: { mean: number } };
  /** The vector side alone, given the query vector. */
  hnsw: Latency;
  bruteForce: Latency;
  embedQuery: Latency;
  ef: number;
  /** Share of exact top-10 rows HNSW returns. */
  recallAt10: number;
  /** Share of HNSW's top 10 whose true similarity reaches the exact 10th best (ties and float rounding count as found). */
  recallAt10TieAware: number;
}

export async function taskSearch(args: { index: string; queries: string[]; passes: number; concurrency: number[] }): Promise<SearchResult> {
  const config = benchConfig();
  let t = performance.now();
  const retriever = await openRetriever(config, args.index);
  const loadMs = round(performance.now() - t, 0);
  const index = retriever.index;
  const embedder = createEmbedder(config);
  const qs = args.queries;

  // Warm-up: every query once (caches, JIT, the jieba dictionary).
  for (const q of qs) await retriever.search(q, { k: 10 });

  const hybrid: number[] = [];
  for (let p = 0; p < args.passes; p++)
    for (const q of qs) {
      t = performance.now();
      await retriever.search(q, { k: 10 });
      hybrid.push(performance.now() - t);
    }

  // find does a search of its own (k = 40) plus article-level BM25 and coverage; one warm-up pass, one timed.
  for (const q of qs) await retriever.find(q, { k: 5 });
  const find: number[] = [];
  for (const q of qs) {
    t = performance.now();
    await retriever.find(q, { k: 5 });
    find.push(performance.now() - t);
  }

  const throughput: SearchResult["throughput"] = [];
  for (const c of args.concurrency) {
    const total = qs.length * args.passes;
    let next = 0;
    t = performance.now();
    await Promise.all(
      Array.from({ length: c }, async () => {
        while (next < total) {
          const q = qs[next++ % qs.length]!;
          await retriever.search(q, { k: 10 });
        }
      }),
    );
    throughput.push({ concurrency: c, qps: round(total / ((performance.now() - t) / 1000), 1) });
  }

  const bm25: number[] = [];
  for (let p = 0; p < args.passes; p++)
    for (const q of qs) {
      t = performance.now();
      const tokens = tokenize(expandEnglish(normalizeQuery(q)));
      index.bm25.search(tokens, 10);
      bm25.push(performance.now() - t);
    }

  const candidates = retriever.options.candidates;
  const parts = { query: [] as number[], words: [] as number[], chars: [] as number[], vector: [] as number[] };
  for (const q of qs) {
    t = performance.now();
    const text = expandEnglish(normalizeQuery(q));
    const tokens = tokenize(text);
    const grams = charGrams(text);
    parts.query.push(performance.now() - t);
    t = performance.now();
    index.bm25.search(tokens, candidates);
    parts.words.push(performance.now() - t);
    t = performance.now();
    index.charBm25?.search(grams, candidates);
    parts.chars.push(performance.now() - t);
    t = performance.now();
    index.hnsw.search(await embedder.embedQuery(text), candidates);
    parts.vector.push(performance.now() - t);
  }
  const partSum = [parts.query, parts.words, parts.chars, parts.vector].reduce((a, xs) => a + xs.reduce((x, y) => x + y, 0) / xs.length, 0);

  const embedLat: number[] = [];
  const vecs: number[][] = [];
  for (const q of qs) {
    t = performance.now();
    vecs.push(await embedder.embedQuery(expandEnglish(normalizeQuery(q))));
    embedLat.push(performance.now() - t);
  }
  const dim = index.manifest.embedder.dim;
  const hnswLat: number[] = [];
  const bruteLat: number[] = [];
  let found = 0;
  let foundTie = 0;
  let wanted = 0;
  const dot = (row: number, q: readonly number[]) => {
    let s = 0;
    for (let j = 0; j < dim; j++) s += index.vectors[row * dim + j]! * q[j]!;
    return s;
  };
  for (let p = 0; p < args.passes; p++)
    for (const q of vecs) {
      t = performance.now();
      const approx = index.hnsw.search(q, 10);
      hnswLat.push(performance.now() - t);
      // Exact search is slow (the point of HNSW): one pass gives its latency and the recall.
      if (p > 0) continue;
      t = performance.now();
      const exact = bruteForceSearch(index.vectors, dim, q, 10);
      bruteLat.push(performance.now() - t);
      const k = Math.min(10, exact.length);
      wanted += k;
      const exactRows = new Set(exact.map(([r]) => r));
      const kth = exact[k - 1]?.[1] ?? -Infinity;
      for (const [row] of approx.slice(0, k)) {
        if (exactRows.has(row)) found++;
        if (dot(row, q) >= kth - 1e-6) foundTie++;
      }
    }

  return {
    chunks: index.chunks.length,
    queries: qs.length,
    loadMs,
    peakRssMB: peakRssMB(),
    hybrid: latency(hybrid),
    find: latency(find),
    throughput,
    bm25: latency(bm25),
    parts: {
      candidates,
      query: latency(parts.query),
      words: latency(parts.words),
      chars: latency(parts.chars),
      vector: latency(parts.vector),
      rest: { mean: round(Math.max(0, latency(hybrid).mean - partSum), 3) },
    },
    hnsw: latency(hnswLat),
    bruteForce: latency(bruteLat),
    embedQuery: latency(embedLat),
    ef: efFor(index.hnsw.size),
    recallAt10: round(wanted ? found / wanted : 1, 4),
    recallAt10TieAware: round(wanted ? foundTie / wanted : 1, 4),
  };
}

// ---------------------------------------------------------------------------

export interface LangchainResult {
  ms: number;
  cpuMs: number;
  chunks: number;
  peakRssMB: number;
  indexBytes: number;
  stages: { load: number; split: number; embed: number; hnsw: number; save: number };
  otherCores?: number;
  chunkSize: number;
  chunkOverlap: number;
}

/**
 * The plain LangChain.js pipeline over the same files with the same
 * embedder: read each file as UTF-8 text (TextLoader), split it with
 * RecursiveCharacterTextSplitter, embed every chunk (embedDocuments), add the
 * vectors to an hnswlib-node graph and save graph, docstore and args — what
 * @langchain/community's HNSWLib.fromDocuments + save do (cosine space,
 * initIndex(n) with hnswlib's defaults M = 16, efConstruction = 200), minus
 * the package, whose peer range conflicts with @langchain/core 1.x.
 */
export async function taskLangchain(args: { corpus: string; out: string; chunkSize?: number; chunkOverlap?: number }): Promise<LangchainResult> {
  const { HierarchicalNSW } = require("hnswlib-node") as typeof import("hnswlib-node");
  const embedder = benchEmbedder();
  const chunkSize = args.chunkSize ?? 750;
  const chunkOverlap = args.chunkOverlap ?? 75;
  const cpu = process.cpuUsage();
  const busy = busyNow();
  const started = performance.now();
  let t = started;
  const lap = () => {
    const now = performance.now();
    const d = now - t;
    t = now;
    return round(d, 0);
  };
  const names = (await fs.readdir(args.corpus)).filter((n) => /\.(txt|md)$/i.test(n)).sort();
  const docs: Document[] = [];
  for (const n of names) {
    const p = path.join(args.corpus, n);
    docs.push(new Document({ pageContent: await fs.readFile(p, "utf8"), metadata: { source: p } }));
  }
  const load = lap();
  const splitter = new RecursiveCharacterTextSplitter({ chunkSize, chunkOverlap, separators: ["\n\n", "\n", "。", "！", "？", "；", "，", ""] });
  const chunks = await splitter.splitDocuments(docs);
  const split = lap();
  const vectors = await embedder.embedDocuments(chunks.map((c) => c.pageContent));
  const embed = lap();
  const index: Hnsw = new HierarchicalNSW("cosine", vectors[0]?.length ?? (await embedder.dimension()));
  index.initIndex(Math.max(1, vectors.length));
  for (let i = 0; i < vectors.length; i++) index.addPoint(vectors[i]!, i);
  const hnsw = lap();
  await fs.mkdir(args.out, { recursive: true });
  await Promise.all([
    index.writeIndex(path.join(args.out, "hnswlib.index")),
    fs.writeFile(path.join(args.out, "args.json"), JSON.stringify({ space: "cosine", numDimensions: vectors[0]?.length })),
    fs.writeFile(path.join(args.out, "docstore.json"), JSON.stringify(chunks.map((c, i) => [String(i), c]))),
  ]);
  const save = lap();
  const others = otherCores(busy);
  return {
    ...(others !== undefined ? { otherCores: others } : {}),
    ms: round(performance.now() - started, 0),
    cpuMs: cpuMs(cpu),
    chunks: chunks.length,
    peakRssMB: peakRssMB(),
    indexBytes: await dirBytes(args.out),
    stages: { load, split, embed, hnsw, save },
    chunkSize,
    chunkOverlap,
  };
}

// ---------------------------------------------------------------------------

export interface ProfileResult {
  /** Single thread, stage after stage over the whole corpus, ms. */
  stages: {
    /** Loading the jieba dictionary (once per process or worker). */
    jiebaLoad: number;
    /** Reading and decoding the files. */
    read: number;
    /** Traditional → simplified conversion (opencc-js) alone, over every line: part of cleaning. */
    conversion: number;
    /** All cleaning rules (conversion included). */
    clean: number;
    /** Article splitting and chunking (load → chunk minus cleaning). */
    splitChunk: number;
    /** nodejieba search-mode segmentation of every chunk. */
    segmentation: number;
    /** Character unigrams and bigrams of every chunk (text/chargrams.ts; normalises the text again). */
    charGrams: number;
    embedding: number;
    hnswInsertion: number;
    /** BM25 postings over the jieba tokens. */
    bm25: number;
    /** BM25 postings over the character grams. */
    charBm25: number;
    /** Serialising and writing the index (fsync included). */
    write: number;
  };
  chunks: number;
  total: number;
}

export async function taskProfile(args: { corpus: string; index: string }): Promise<ProfileResult> {
  const embedder = benchEmbedder();
  let t = performance.now();
  const lap = () => {
    const now = performance.now();
    const d = now - t;
    t = now;
    return round(d, 0);
  };
  tokenize("预热");
  const jiebaLoad = lap();
  toSimplified("預熱");
  lap();
  const found = await findFiles([args.corpus]);
  const sources = [];
  for (const f of found.files) sources.push(await loadFile(f));
  const read = lap();
  for (const s of sources) for (const line of s.text.split("\n")) toSimplified(line);
  const conversion = lap();
  for (const s of sources) cleanText(s.text);
  const clean = lap();
  const processed = sources.map((s) => processSource(s));
  const splitChunk = Math.max(0, lap() - clean);
  const chunks = processed.flatMap((p) => p.articles.flatMap((a) => a.chunks));
  const texts = chunks.map(indexText);
  lap();
  const tokens = texts.map((x) => tokenize(x));
  const segmentation = lap();
  const grams = texts.map((x) => charGrams(x));
  const charGramsMs = lap();
  const dim = await embedder.dimension();
  const vectors = new Float32Array(texts.length * dim);
  for (let i = 0; i < texts.length; i += 256) {
    const vs = await embedder.embedDocuments(texts.slice(i, i + 256));
    vs.forEach((v, j) => vectors.set(v, (i + j) * dim));
  }
  const embedding = lap();
  const hnsw = VectorIndex.build(vectors, dim);
  const hnswInsertion = lap();
  const bm25 = Bm25Index.build(tokens);
  const bm25Ms = lap();
  const charBm25 = Bm25Index.build(grams);
  const charBm25Ms = lap();
  const manifest: Manifest = {
    format: INDEX_FORMAT,
    processing: "profile",
    embedder: { id: embedder.id, dim },
    createdAt: new Date().toISOString(),
    roots: [args.corpus],
    files: {},
    chunkCount: chunks.length,
  };
  await writeIndex(args.index, { manifest, chunks, vectors, bm25, charBm25, hnsw, tokens });
  const write = lap();
  const stages = { jiebaLoad, read, conversion, clean, splitChunk, segmentation, charGrams: charGramsMs, embedding, hnswInsertion, bm25: bm25Ms, charBm25: charBm25Ms, write };
  return { stages, chunks: chunks.length, total: Object.values(stages).reduce((a, b) => a + b, 0) - conversion };
}

export type TaskName = "ingest" | "reingest" | "search" | "langchain" | "profile";

export async function runTask(name: TaskName, args: unknown): Promise<unknown> {
  switch (name) {
    case "ingest":
      return taskIngest(args as Parameters<typeof taskIngest>[0]);
    case "reingest":
      return taskReingest(args as Parameters<typeof taskReingest>[0]);
    case "search":
      return taskSearch(args as Parameters<typeof taskSearch>[0]);
    case "langchain":
      return taskLangchain(args as Parameters<typeof taskLangchain>[0]);
    case "profile":
      return taskProfile(args as Parameters<typeof taskProfile>[0]);
  }
}

import os from "node:os";
import path from "node:path";
import fs from "node:fs/promises";
import { createHash } from "node:crypto";
import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";
import type { Chunk, ProcessedFile, SourceText } from "./types.js";
import type { Embedder } from "../embed/types.js";
import { LocalNgramEmbeddings } from "../embed/local.js";
import { processSource } from "./process.js";
import { MAX_BYTES, findFiles, formatOf, loadFile, type FoundFile } from "./load/index.js";
import { tokenize } from "../text/tokenize.js";
import { Bm25Builder, Bm25Index, type Bm25Data } from "../index/bm25.js";
import { charGrams } from "../text/chargrams.js";
import { VectorIndex } from "../index/vector-index.js";
import {
  INDEX_FORMAT,
  VersionWriter,
  indexExists,
  hasCharBm25,
  readManifest,
  readBm25,
  readHnsw,
  readSegment,
  readStoredVersion,
  type FileEntry,
  type LayoutRun,
  type Manifest,
  type SegmentRows,
  type SegmentWriter,
  type StoredVersion,
} from "../index/store.js";
import { CorruptIndexError, IndexError, LoadError, errorMessage } from "../util/errors.js";
import { acquireIngestLock } from "../index/lock.js";
import { removalRefused, stillPresent } from "./removals.js";

/**
 * Incremental ingest: files whose content and processing rules are unchanged
 * keep their chunks, tokens and vectors; changed and new files are processed
 * and embedded; files no longer found are dropped. The new index is written
 * as a whole new version and published atomically (index/store.ts).
 *
 * Files are processed (load → clean → split → chunk → tokenize → embed) in a
 * pool of worker threads, one file per task; the main thread takes the
 * results in file order — so the index is the same whatever the number of
 * workers — and meanwhile inserts the vectors into the HNSW graph, adds the
 * tokens to BM25 and streams the rows to disk.
 *
 * When few rows change, the previous version is updated rather than rebuilt:
 * the changed files' rows go into a new segment, the other segments are
 * hard-linked, the HNSW graph is a copy of the previous one with the old
 * points marked deleted and the new ones added, and the BM25 postings are
 * merged; no unchanged chunk is re-read, re-tokenized or re-embedded.
 *
 * Safety: one ingest per index folder at a time (index/lock.ts); an index
 * whose current.json, manifest or recorded file sizes are damaged is rebuilt
 * from scratch with a warning; indexed files that still exist but are not
 * among the given paths are not dropped without `rebuild` (removals.ts).
 */
export const PROCESSING_VERSION = "2026-11-24.1";

export interface IngestOptions {
  paths: string[];
  indexDir: string;
  embedder: Embedder;
  /** Ignore the existing index (e.g. to switch embedders). */
  rebuild?: boolean;
  onProgress?: (stage: "load" | "embed" | "index", done: number, total: number) => void;
  embedBatchSize?: number;
  /**
   * Worker threads that process files; 0 processes them in this thread.
   * Default: one per core (at most 4) when there are more than a few MB to
   * process, otherwise this thread.
   */
  workers?: number;
  /** Measure where the time goes (`report.timings`). */
  profile?: boolean;
  /** Something the user should know that does not stop the run (a stale lock taken over, a damaged index rebuilt). Default: a line on stderr. */
  onWarning?: (message: string) => void;
}

/** Milliseconds. Per-file stages are summed over all files (CPU time across workers); the rest is wall time on the main thread. */
export interface IngestTimings extends FileStages {
  /** Reading the previous version's manifest, finding and hashing files. */
  prepare: number;
  /** Main thread: embedding when the workers cannot, HNSW insertion, BM25, reading previous parts. */
  mainEmbed: number;
  hnsw: number;
  bm25: number;
  readPrevious: number;
  /** Main thread waiting for the next file's result. */
  wait: number;
  /** Closing segments, writing BM25, the graph and the manifest, publishing. */
  write: number;
  workers: number;
  /** "fresh": everything written anew; "update": previous version updated in place (copy). */
  mode: "fresh" | "update";
}

export interface IngestReport {
  indexDir: string;
  embedder: { id: string; dim: number };
  files: number;
  articles: number;
  chunks: number;
  added: string[];
  changed: string[];
  removed: string[];
  unchanged: string[];
  skipped: Array<{ file: string; reason: string }>;
  embedded: number;
  ms: number;
  /** Only with `profile: true`. */
  timings?: IngestTimings;
}

export { indexText } from "./index-text.js";
import { embedText, indexText } from "./index-text.js";

function contentHash(text: string): string {
  return createHash("sha256").update(PROCESSING_VERSION).update("\0").update(text).digest("hex");
}

function bytesHashOf(bytes: Uint8Array): string {
  return createHash("sha256").update(PROCESSING_VERSION).update("\0").update(bytes).digest("hex");
}

/**
 * The hash of a file's bytes, read *before* the file is loaded for
 * processing (so a file changed in between is seen as changed next time), or
 * undefined when it cannot be read or is over the size limit (loadFile then
 * says why).
 */
async function hashFile(p: string, file: string): Promise<string | undefined> {
  try {
    const st = await fs.stat(p);
    const fmt = formatOf(file) ?? formatOf(p);
    if (!st.isFile() || !fmt || st.size > MAX_BYTES[fmt]) return undefined;
    return bytesHashOf(await fs.readFile(p));
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------
// One file: load → clean → split → chunk → tokenize (→ embed). Runs in a worker or in-process.

interface FileTask {
  path: string;
  file: string;
  /** The content hash the previous version has for this file. */
  prevHash?: string;
}

/** Per-file stages (summed over files in IngestTimings): read+decode, clean+split+chunk, segmentation (jieba), character grams, the file's postings, embedding, serialisation. */
interface FileStages {
  read: number;
  process: number;
  tokenize: number;
  chars: number;
  postings: number;
  embed: number;
  serialize: number;
}

type FileOutcome =
  | { kind: "skipped"; reason: string }
  | { kind: "unchanged"; bytesHash?: string }
  | { kind: "empty"; file: string }
  | {
      kind: "processed";
      file: string;
      entry: FileEntry;
      rows: number;
      /** One JSON line per chunk, each ending with "\n". */
      chunkLines: string;
      /** Space-separated tokens, one line per chunk, each ending with "\n". */
      tokenLines: string;
      /** BM25 postings of this file's chunks (documents numbered from 0): over the tokens, and over character grams. */
      words: Bm25Data;
      chars: Bm25Data;
      /** Present when the worker did not embed: the texts to embed. */
      texts?: string[];
      vectors?: Float32Array;
      stages: FileStages;
    };

async function processFile(task: FileTask, embedder: Embedder | undefined, batch: number): Promise<FileOutcome> {
  let t = performance.now();
  const lap = () => {
    const now = performance.now();
    const d = now - t;
    t = now;
    return d;
  };
  const bytesHash = await hashFile(task.path, task.file);
  let source: SourceText;
  let processed: ProcessedFile;
  let hash: string;
  const stages: FileStages = { read: 0, process: 0, tokenize: 0, chars: 0, postings: 0, embed: 0, serialize: 0 };
  try {
    source = await loadFile({ path: task.path, file: task.file });
    hash = contentHash(source.text);
    stages.read = lap();
    if (task.prevHash === hash) return { kind: "unchanged", ...(bytesHash ? { bytesHash } : {}) };
    processed = processSource(source, hash);
  } catch (e) {
    return { kind: "skipped", reason: e instanceof LoadError ? e.message : `cannot be processed: ${errorMessage(e)}` };
  }
  stages.process = lap();
  const chunks = processed.articles.flatMap((a) => a.chunks);
  if (chunks.length === 0) return { kind: "empty", file: processed.file };
  const texts = chunks.map(indexText);
  const embedded = processed.articles.flatMap((a) => a.chunks.map((c) => embedText(c, a.ownTitle)));
  const tokens = texts.map((text) => tokenize(text));
  stages.tokenize = lap();
  const grams = texts.map((text) => charGrams(text));
  stages.chars = lap();
  const postingsOf = (lists: readonly string[][]) => {
    const b = new Bm25Builder();
    for (const l of lists) b.add(l);
    // Only merged into the main thread's builder (addIndex): term order does not matter.
    return b.finishData(undefined, false);
  };
  const words = postingsOf(tokens);
  const chars = postingsOf(grams);
  let tokenLines = "";
  for (const t of tokens) tokenLines += `${t.join(" ")}\n`;
  stages.postings = lap();
  let vectors: Float32Array | undefined;
  if (embedder) {
    vectors = await embedAll(embedder, embedded, batch);
    stages.embed = lap();
  }
  let chunkLines = "";
  for (const c of chunks) chunkLines += `${JSON.stringify(c)}\n`;
  const entry: FileEntry = {
    hash: processed.hash,
    ...(bytesHash ? { bytesHash } : {}),
    encoding: processed.encoding,
    format: processed.format,
    articles: processed.articles.map(({ index, title, ownTitle, lineStart, lineEnd }) => ({ index, title, ...(ownTitle ? { ownTitle } : {}), lineStart, lineEnd })),
    chunkCount: chunks.length,
    dropped: processed.dropped,
  };
  stages.serialize = lap();
  return { kind: "processed", file: processed.file, entry, rows: chunks.length, chunkLines, tokenLines, words, chars, ...(vectors ? { vectors } : { texts: embedded }), stages };
}

/** Embed texts in batches into one Float32Array (rows one after the other). */
async function embedAll(embedder: Embedder, texts: readonly string[], batch: number): Promise<Float32Array> {
  let out: Float32Array | undefined;
  let dim = 0;
  for (let i = 0; i < texts.length; i += batch) {
    const vecs = await embedder.embedDocuments(texts.slice(i, i + batch));
    for (const [j, v] of vecs.entries()) {
      if (!out) {
        dim = v.length;
        out = new Float32Array(texts.length * dim);
      }
      if (v.length !== dim) throw new IndexError(`embedder ${embedder.id} returned vectors of different lengths (${dim} and ${v.length})`);
      out.set(v, (i + j) * dim);
    }
  }
  return out ?? new Float32Array(0);
}

// ---------------------------------------------------------------------------
// The worker pool. A worker is this module run in a worker thread.

interface WorkerInit {
  policybotIngestWorker: true;
  /** The local embedder's dimension when workers should embed; remote embedders batch best from the main thread. */
  localEmbedderDim?: number;
  batch: number;
}

const WORKER_SCRIPT = import.meta.url.endsWith(".js") ? new URL(import.meta.url) : undefined;

class Pool {
  private readonly workers: Array<{ worker: Worker; inFlight: Map<number, Job> }> = [];
  private readonly queue: Job[] = [];
  private nextId = 0;
  private failure: Error | undefined;
  private closing = false;
  /** Tasks are sent only while fewer than this many have been sent (bounds the results waiting in memory). */
  private allowedThrough = Infinity;
  private sent = 0;

  constructor(
    private readonly max: number,
    private readonly init: WorkerInit,
  ) {}

  get size(): number {
    return this.workers.length;
  }

  /** Start workers up to `n` (they load the dictionary while the caller goes on). */
  ensure(n: number): void {
    while (this.workers.length < Math.min(n, this.max)) {
      const worker = new Worker(WORKER_SCRIPT!, { workerData: this.init });
      const slot = { worker, inFlight: new Map<number, Job>() };
      worker.on("message", (m: { id: number; outcome: FileOutcome }) => {
        const job = slot.inFlight.get(m.id);
        slot.inFlight.delete(m.id);
        job?.resolve(m.outcome);
        this.pump();
      });
      worker.on("error", (e) => this.fail(e instanceof Error ? e : new Error(String(e))));
      worker.on("exit", (code) => {
        if (!this.closing && (slot.inFlight.size > 0 || code !== 0)) this.fail(new Error(`an ingest worker stopped (exit code ${code})`));
      });
      this.workers.push(slot);
    }
    this.pump();
  }

  run(task: FileTask): Promise<FileOutcome> {
    const p = this.failure
      ? Promise.reject(this.failure)
      : new Promise<FileOutcome>((resolve, reject) => {
          this.queue.push({ id: this.nextId++, task, resolve, reject });
          this.pump();
        });
    // Awaited in file order; a failure is seen there (not as an unhandled rejection when ingest stops earlier).
    p.catch(() => undefined);
    return p;
  }

  /** Let tasks through up to `limit` sent in all. */
  release(limit: number): void {
    this.allowedThrough = limit;
    this.pump();
  }

  private pump(): void {
    for (const slot of this.workers) {
      // Two tasks per worker: one running, one waiting, so a worker never idles on a round trip.
      while (slot.inFlight.size < 2 && this.queue.length > 0 && this.sent < this.allowedThrough) {
        const job = this.queue.shift()!;
        slot.inFlight.set(job.id, job);
        this.sent++;
        slot.worker.postMessage({ id: job.id, task: job.task });
      }
    }
  }

  private fail(e: Error): void {
    if (this.failure) return;
    this.failure = e;
    for (const slot of this.workers) for (const job of slot.inFlight.values()) job.reject(e);
    for (const job of this.queue.splice(0)) job.reject(e);
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.workers.map((s) => s.worker.terminate()));
  }
}

interface Job {
  id: number;
  task: FileTask;
  resolve: (o: FileOutcome) => void;
  reject: (e: Error) => void;
}

async function runWorker(init: WorkerInit): Promise<void> {
  const port = parentPort!;
  // The dictionary first: loading it is most of a worker's start-up.
  tokenize("预热");
  // Built from what the main thread passed, not from the environment: config is read once, there.
  const embedder: Embedder | undefined = init.localEmbedderDim ? new LocalNgramEmbeddings({ dim: init.localEmbedderDim }) : undefined;
  let chain: Promise<void> = Promise.resolve();
  port.on("message", (m: { id: number; task: FileTask }) => {
    chain = chain.then(async () => {
      const outcome = await processFile(m.task, embedder, init.batch);
      const transfer: ArrayBuffer[] = [];
      if (outcome.kind === "processed") {
        if (outcome.vectors) transfer.push(outcome.vectors.buffer as ArrayBuffer);
        for (const d of [outcome.words, outcome.chars]) transfer.push(...[d.docLen, d.offsets, d.docs, d.tfs].map((a) => a.buffer as ArrayBuffer));
      }
      port.postMessage({ id: m.id, outcome }, transfer);
    });
  });
}

/** Work (bytes of files to process) below which files are processed in this thread rather than in workers. */
const IN_PROCESS_MAX_BYTES = 4 * 1024 * 1024;

export function defaultWorkers(): number {
  return Math.max(1, Math.min(4, os.availableParallelism()));
}

// ---------------------------------------------------------------------------
// Ingest

type Slot =
  | { kind: "reuse"; entry: FileEntry; run: LayoutRun }
  | { kind: "task"; task: FileTask; outcome?: Promise<FileOutcome> };

interface Entry {
  file: string;
  entry: FileEntry;
  /** Where the rows are: a run of the previous version, or rows of the new segment. */
  old?: LayoutRun;
  from: number;
  count: number;
}

export async function ingest(options: IngestOptions): Promise<IngestReport> {
  const warn = options.onWarning ?? ((m: string) => void process.stderr.write(`policybot: warning: ${m}\n`));
  const lock = await acquireIngestLock(options.indexDir, warn);
  try {
    return await ingestLocked(options, warn);
  } finally {
    await lock.release();
  }
}

/** The previous version to build on, or undefined for a fresh index (none yet, --rebuild, or one too damaged to use). */
async function previousVersion(options: IngestOptions, warn: (m: string) => void): Promise<StoredVersion | undefined> {
  if (options.rebuild || !indexExists(options.indexDir)) return undefined;
  try {
    return await readStoredVersion(options.indexDir);
  } catch (e) {
    // Advising "run ingest" from ingest would go in circles: what is damaged is rebuilt, as --rebuild would.
    if (!(e instanceof CorruptIndexError)) throw e;
    warn(`the index in ${options.indexDir} is unreadable (${e.reason}); rebuilding it from scratch`);
    return undefined;
  }
}

async function ingestLocked(options: IngestOptions, warn: (m: string) => void): Promise<IngestReport> {
  const started = performance.now();
  const { embedder } = options;
  const batch = options.embedBatchSize ?? 256;
  const T: IngestTimings = { prepare: 0, read: 0, process: 0, tokenize: 0, chars: 0, postings: 0, embed: 0, serialize: 0, mainEmbed: 0, hnsw: 0, bm25: 0, readPrevious: 0, wait: 0, write: 0, workers: 0, mode: "fresh" };
  const timed = <R>(key: "mainEmbed" | "hnsw" | "bm25" | "readPrevious" | "wait" | "write", f: () => R): R => {
    const s = performance.now();
    const r = f();
    if (r instanceof Promise) return r.finally(() => (T[key] += performance.now() - s)) as R;
    T[key] += performance.now() - s;
    return r;
  };

  const prev = await previousVersion(options, warn);
  if (prev && prev.manifest.embedder.id !== embedder.id) {
    throw new IndexError(
      `the index in ${options.indexDir} was built with embedder ${prev.manifest.embedder.id}, not ${embedder.id}; vectors from different embedders cannot be mixed: run ingest with --rebuild, or use another --index`,
    );
  }
  const prevRuns = new Map<string, LayoutRun>(prev?.layout.map((r) => [r.file, r]));
  const prevRows = prev?.manifest.chunkCount ?? 0;

  const found = await findFiles(options.paths);
  const skipped = [...found.skipped];
  // The index holds files in this order; the report lists them in the order they were found.
  const seen = new Set<string>();
  const files: FoundFile[] = [];
  for (const f of found.files) {
    if (seen.has(f.file)) skipped.push({ file: f.file, reason: "another file has the same relative path (only the first is indexed)" });
    else {
      seen.add(f.file);
      files.push(f);
    }
  }
  const ordered = [...files].sort((a, b) => a.file.localeCompare(b.file));

  // Indexed files not among the given paths are dropped only if they are gone from disk too (or with --rebuild).
  const given = new Set([...seen, ...found.skipped.map((s) => s.file)]);
  const present = await stillPresent(prev?.manifest.roots ?? [], [...prevRuns.keys()].filter((f) => !given.has(f)));
  if (present.length) throw removalRefused(present);
  // With --rebuild the report still says which files the index no longer has.
  const before = prev ? [...prevRuns.keys()] : options.rebuild ? Object.keys((await readManifest(options.indexDir).catch(() => undefined))?.files ?? {}) : [];

  const nWorkers = WORKER_SCRIPT ? (options.workers ?? defaultWorkers()) : 0;
  const init: WorkerInit = { policybotIngestWorker: true, ...(embedder instanceof LocalNgramEmbeddings ? { localEmbedderDim: embedder.dim } : {}), batch };
  const pool = nWorkers > 0 ? new Pool(nWorkers, init) : undefined;

  let writer: VersionWriter | undefined;
  try {
    // Which files need processing: those whose bytes differ from the previous version's (or that it lacks).
    const slots = new Array<Slot>(ordered.length);
    let taskBytes = 0;
    await forEachLimit(ordered, 8, async (f, i) => {
      const old = prev?.manifest.files[f.file];
      const run = prevRuns.get(f.file);
      if (old?.bytesHash && run && (await hashFile(f.path, f.file)) === old.bytesHash) slots[i] = { kind: "reuse", entry: old, run };
      else {
        slots[i] = { kind: "task", task: { path: f.path, file: f.file, ...(old && run ? { prevHash: old.hash } : {}) } };
        const size = (await fs.stat(f.path).catch(() => undefined))?.size ?? 0;
        taskBytes += size;
      }
    });
    const tasks = slots.filter((s) => s.kind === "task").length;
    // A worker needs ~1.5 s to start (modules, then the jieba dictionary); below a few MB this thread is faster,
    // and a long-running process (the bot's /reindex) has the dictionary loaded already.
    const useWorkers = pool !== undefined && tasks > 1 && (options.workers !== undefined || taskBytes > IN_PROCESS_MAX_BYTES);
    T.workers = useWorkers ? Math.min(nWorkers, tasks) : 0;

    // Update the previous version when little of it changes; otherwise write everything anew.
    const keptFiles = new Set(ordered.map((f) => f.file));
    let atRisk = 0;
    for (const [file, run] of prevRuns) if (!keptFiles.has(file)) atRisk += run.count;
    for (const s of slots) if (s.kind === "task" && s.task.prevHash) atRisk += prevRuns.get(s.task.file)!.count;
    const stored = prev ? Object.values(prev.segments).reduce((a, b) => a + b, 0) : 0;
    const dead = stored - prevRows;
    const update = prev !== undefined && prevRows > 0 && dead + atRisk <= 0.25 * prevRows && Object.keys(prev.segments).length < 16 && hasCharBm25(prev.dir);
    T.mode = update ? "update" : "fresh";

    if (pool && useWorkers) {
      pool.ensure(Math.min(nWorkers, tasks));
      for (const s of slots) if (s.kind === "task") s.outcome = pool.run(s.task);
      pool.release(4 * pool.size);
    }
    T.prepare = performance.now() - started;

    writer = await VersionWriter.create(options.indexDir);
    const w = writer;
    if (prev) w.rememberStored(prev.dir, prev.manifest.stored);
    const dimKnown = prev?.manifest.embedder.dim;
    let dim = dimKnown ?? 0;

    // Update mode: the previous graph (a copy read from its file) and postings, read in the background
    // (off this thread) while the changed files are processed; needed only at the end.
    let hnsw: VectorIndex | undefined;
    let previousParts: Promise<[VectorIndex, Bm25Index, Bm25Index]> | undefined;
    if (update && (tasks > 0 || atRisk > 0)) {
      const t0 = performance.now();
      const { stored } = prev.manifest;
      previousParts = Promise.all([readHnsw(prev.dir, prev.manifest.embedder.dim, prevRows, stored), readBm25(prev.dir, "words", stored), readBm25(prev.dir, "chars", stored)]);
      previousParts.then(
        () => (T.readPrevious = performance.now() - t0),
        () => undefined,
      );
    }
    /** Update mode: new points, added to the graph at the end in row order (the same graph whatever the timing). */
    const newPoints: Array<{ vectors: Float32Array; rows: number; from: number }> = [];
    const builder = new Bm25Builder();
    const charBuilder = new Bm25Builder();
    let seg: SegmentWriter | undefined;
    const newSegName = update ? VersionWriter.newSegmentName() : "";
    /** Rows of the new segment that are new points, labelled above every old row until rows are final. */
    const NEW_BASE = 1 << 30;
    const oldSegments = new Map<string, Promise<SegmentRows>>();

    const entries: Entry[] = [];
    const report = new Map<string, "added" | "changed" | "unchanged">();
    let embedded = 0;
    let articles = 0;

    /** Append rows; `postings` are the file's postings, or undefined to index the stored tokens and the chunks' text. */
    const addRows = async (chunkLines: string, tokenLines: string, vectors: Float32Array, rows: number, postings?: { words: Bm25Data; chars: Bm25Data }): Promise<number> => {
      if (rows === 0) return seg?.rows ?? 0;
      if (!dim) dim = vectors.length / rows;
      seg ??= await w.segment(newSegName);
      const from = seg.rows;
      seg.append(chunkLines, tokenLines, vectors, rows);
      timed("bm25", () => {
        if (postings) {
          builder.addIndex(postings.words);
          charBuilder.addIndex(postings.chars);
          return;
        }
        // Rows of the previous version: stored tokens (not re-segmented), character grams from the stored chunks.
        let at = 0;
        let cat = 0;
        for (let r = 0; r < rows; r++) {
          const end = tokenLines.indexOf("\n", at);
          const line = tokenLines.slice(at, end);
          at = end + 1;
          builder.add(line ? line.split(" ") : []);
          const cend = chunkLines.indexOf("\n", cat);
          charBuilder.add(charGrams(indexText(JSON.parse(chunkLines.slice(cat, cend)) as Chunk)));
          cat = cend + 1;
        }
      });
      if (update) newPoints.push({ vectors, rows, from });
      else
        timed("hnsw", () => {
          // About one chunk per 1.3 KB of text: the graph rarely needs to grow.
          hnsw ??= VectorIndex.create(dim, Math.max(1024, prevRows, Math.ceil(taskBytes / 1000)));
          hnsw.addAll(vectors, rows);
        });
      return from;
    };

    // Processed files wait here until their vectors are there (main-thread embedding is batched across files).
    const pending: Array<Extract<FileOutcome, { kind: "processed" }>> = [];
    const commit = async (o: Extract<FileOutcome, { kind: "processed" }>) => {
      const from = await addRows(o.chunkLines, o.tokenLines, o.vectors!, o.rows, { words: o.words, chars: o.chars });
      entries.push({ file: o.file, entry: o.entry, from, count: o.rows });
      embedded += o.rows;
      articles += o.entry.articles.length;
    };
    const flush = async () => {
      const texts = pending.flatMap((p) => p.texts ?? []);
      if (texts.length) {
        const vecs = await timed("mainEmbed", () => embedAll(embedder, texts, batch));
        const d = vecs.length / texts.length;
        let at = 0;
        for (const p of pending) {
          if (!p.texts) continue;
          p.vectors = vecs.subarray(at * d, (at + p.texts.length) * d);
          at += p.texts.length;
        }
      }
      for (const p of pending) await commit(p);
      pending.length = 0;
    };

    let done = 0;
    for (const [i, s] of slots.entries()) {
      options.onProgress?.("load", done, ordered.length);
      const f = ordered[i]!;
      let outcome: FileOutcome | { kind: "reuse" };
      if (s.kind === "reuse") outcome = { kind: "reuse" };
      else {
        outcome = await timed("wait", () => s.outcome ?? processFile(s.task, undefined, batch));
        // Let the result go once it is taken (the promise would hold it to the end).
        delete s.outcome;
      }
      pool?.release(i + 1 + 4 * pool.size);
      done++;
      if (outcome.kind === "reuse" || outcome.kind === "unchanged") {
        const entry = s.kind === "reuse" ? s.entry : { ...prev!.manifest.files[f.file]!, ...(outcome.kind === "unchanged" && outcome.bytesHash ? { bytesHash: outcome.bytesHash } : {}) };
        const run = prevRuns.get(f.file)!;
        report.set(f.file, "unchanged");
        articles += entry.articles.length;
        if (pending.length) await flush();
        if (update) entries.push({ file: f.file, entry, old: run, from: run.from, count: run.count });
        else {
          // Rewritten from the previous version's rows: nothing re-tokenized or re-embedded.
          let rowsOf = oldSegments.get(run.seg);
          if (!rowsOf) oldSegments.set(run.seg, (rowsOf = timed("readPrevious", () => readSegment(prev!.dir, run.seg, prev!.manifest.stored))));
          const old = await rowsOf;
          const d = prev!.manifest.embedder.dim;
          const cl = old.chunkLines.slice(run.from, run.from + run.count);
          const tl = old.tokenLines.slice(run.from, run.from + run.count);
          const from = await addRows(cl.map((l) => `${l}\n`).join(""), tl.map((l) => `${l}\n`).join(""), old.vectors.subarray(run.from * d, (run.from + run.count) * d), run.count);
          entries.push({ file: f.file, entry, from, count: run.count });
        }
        continue;
      }
      if (outcome.kind === "skipped") {
        skipped.push({ file: f.file, reason: outcome.reason });
        continue;
      }
      const existed = s.kind === "task" && s.task.prevHash !== undefined;
      if (outcome.kind === "empty") {
        skipped.push({ file: outcome.file, reason: "no text left after cleaning (only boilerplate?)" });
        if (existed) report.set(f.file, "changed");
        continue;
      }
      report.set(f.file, existed ? "changed" : "added");
      for (const k of ["read", "process", "tokenize", "chars", "postings", "embed", "serialize"] as const) T[k] += outcome.stages[k];
      if (outcome.vectors && pending.length === 0) await commit(outcome);
      else {
        pending.push(outcome);
        if (pending.reduce((n, p) => n + (p.texts?.length ?? 0), 0) >= batch) await flush();
      }
    }
    if (pending.length) await flush();
    options.onProgress?.("load", ordered.length, ordered.length);
    options.onProgress?.("embed", embedded, embedded);
    await pool?.close();

    // Final rows: files in order.
    const layout: LayoutRun[] = [];
    let row = 0;
    const remap = new Int32Array(prevRows).fill(-1);
    const newRowOf = new Int32Array(seg?.rows ?? 0);
    for (const e of entries) {
      if (e.old) {
        layout.push({ file: e.file, seg: e.old.seg, from: e.old.from, count: e.count });
        for (let k = 0; k < e.count; k++) remap[oldRowOf(prev!, e.old) + k] = row + k;
      } else {
        layout.push({ file: e.file, seg: newSegName, from: e.from, count: e.count });
        for (let k = 0; k < e.count; k++) newRowOf[e.from + k] = row + k;
      }
      row += e.count;
    }
    const chunkCount = row;
    const kept = new Set(entries.map((e) => e.file));
    const removed = before.filter((f) => !kept.has(f));
    if (!dim) dim = dimKnown ?? (await embedder.dimension());

    options.onProgress?.("index", 0, 1);
    if (entries.length === 0) {
      await w.abandon();
      writer = undefined;
    } else {
      const segments: Record<string, number> = {};
      for (const r of layout) segments[r.seg] = r.seg === newSegName ? (seg?.rows ?? 0) : prev!.segments[r.seg] ?? 0;
      const manifest: Manifest = {
        format: INDEX_FORMAT,
        processing: PROCESSING_VERSION,
        embedder: { id: embedder.id, dim },
        createdAt: new Date().toISOString(),
        roots: options.paths.map((p) => path.resolve(p)),
        files: Object.fromEntries(entries.map((e) => [e.file, e.entry])),
        chunkCount,
        ...(prev?.manifest.calibration ? { calibration: prev.manifest.calibration } : {}),
        layout,
        segments,
      };
      let bm25: Bm25Index | { from: string };
      let charBm25: Bm25Index | { from: string };
      let graph: VectorIndex | { from: string };
      /** Already handed to the writer (structures start writing as soon as each is ready). */
      let staged = false;
      if (update) {
        const unchanged = (seg?.rows ?? 0) === 0 && chunkCount === prevRows && remap.every((r, k) => r === k);
        if (unchanged) {
          bm25 = { from: prev.dir };
          charBm25 = { from: prev.dir };
          graph = { from: prev.dir };
        } else {
          const [oldGraph, oldBm25, oldChars] = await timed("wait", () => previousParts!);
          const at = Uint32Array.from(newRowOf);
          // Each structure starts writing (off this thread) as soon as it is ready, while the next is computed.
          graph = timed("hnsw", () => {
            for (const p of newPoints) oldGraph.addAll(p.vectors, p.rows, Array.from({ length: p.rows }, (_, j) => NEW_BASE + p.from + j));
            oldGraph.remapRows((r: number) => (r >= NEW_BASE ? newRowOf[r - NEW_BASE]! : remap[r]!));
            return oldGraph;
          });
          w.stage({ hnsw: graph }, chunkCount);
          bm25 = timed("bm25", () => Bm25Index.merge(oldBm25, remap, builder.finish(oldBm25.data.params), at, chunkCount));
          w.stage({ bm25 }, chunkCount);
          charBm25 = timed("bm25", () => Bm25Index.merge(oldChars, remap, charBuilder.finish(oldChars.data.params), at, chunkCount));
          w.stage({ charBm25 }, chunkCount);
          staged = true;
        }
        await timed("write", () => Promise.all([...new Set(layout.map((r) => r.seg))].filter((sg) => sg !== newSegName).map((sg) => w.linkSegment(prev.dir, sg))));
      } else {
        graph = hnsw ?? VectorIndex.create(dim, 1);
        w.stage({ hnsw: graph }, chunkCount);
        bm25 = timed("bm25", () => builder.finish());
        w.stage({ bm25 }, chunkCount);
        charBm25 = timed("bm25", () => charBuilder.finish());
        w.stage({ charBm25 }, chunkCount);
        staged = true;
      }
      await timed("write", () => w.publish(manifest, staged ? {} : { bm25, charBm25, hnsw: graph }));
      writer = undefined;
    }
    options.onProgress?.("index", 1, 1);

    const byStatus = (status: "added" | "changed" | "unchanged") => files.filter((f) => report.get(f.file) === status).map((f) => f.file);
    return {
      indexDir: options.indexDir,
      embedder: { id: embedder.id, dim },
      files: entries.length,
      articles,
      chunks: chunkCount,
      added: byStatus("added"),
      changed: byStatus("changed"),
      removed: entries.length > 0 ? removed : [],
      unchanged: byStatus("unchanged"),
      skipped,
      embedded,
      ms: Math.round(performance.now() - started),
      ...(options.profile ? { timings: roundTimings(T) } : {}),
    };
  } finally {
    await pool?.close();
    await writer?.abandon();
  }
}

/** The previous version's row number of a run's first row. */
function oldRowOf(prev: StoredVersion, run: LayoutRun): number {
  let cache = rowStarts.get(prev);
  if (!cache) {
    cache = new Map();
    let row = 0;
    for (const r of prev.layout) {
      cache.set(r, row);
      row += r.count;
    }
    rowStarts.set(prev, cache);
  }
  return cache.get(run)!;
}
const rowStarts = new WeakMap<StoredVersion, Map<LayoutRun, number>>();

function roundTimings(t: IngestTimings): IngestTimings {
  const out = { ...t };
  for (const k of Object.keys(out) as Array<keyof IngestTimings>) if (typeof out[k] === "number") (out as Record<string, unknown>)[k] = Math.round(out[k] as number);
  return out;
}

async function forEachLimit<T>(items: readonly T[], limit: number, f: (item: T, i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        await f(items[i]!, i);
      }
    }),
  );
}

// Run as a worker thread of the pool.
if (!isMainThread && (workerData as Partial<WorkerInit> | null)?.policybotIngestWorker) void runWorker(workerData as WorkerInit);

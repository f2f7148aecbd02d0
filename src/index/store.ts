import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { createHash, randomBytes } from "node:crypto";
import type { Chunk, Dropped, SourceFormat } from "../ingest/types.js";
import { Bm25Index } from "./bm25.js";
import { DEFAULT_HNSW, VectorIndex } from "./vector-index.js";
import { IndexError } from "../util/errors.js";
import { checkBytes, checkSizes, checksum, inconsistent, manifestProblem, unreadable, versionOf, type StoredFile, type StoredFiles } from "./integrity.js";

/**
 * The index on disk: DIR/current.json names a complete version folder
 * (DIR/v-…/) holding the manifest, chunks, tokens, raw vectors, the HNSW
 * graph and the BM25 postings. A new version is written in full and synced
 * before current.json is replaced by rename, which is atomic: a process
 * killed at any point leaves the previous version current and loadable.
 *
 * Chunks, tokens and vectors live in *segments*: `chunks.jsonl`,
 * `tokens.txt` and `vectors.f32`, prefixed with the segment's name ("" for
 * the segment a full ingest writes, "s-…." for one written by an incremental
 * ingest). The manifest's `layout` says, file by file in row order, which
 * rows of which segment hold its chunks. An incremental ingest writes only
 * the changed files into a new segment and hard-links the segments it keeps
 * from the previous version (files are never modified after they are
 * written, so a link is as good as a copy and the previous version stays
 * exactly as it was). Format 1 is the layout of one "" segment and no
 * `layout`; it is still read.
 *
 * The manifest records each data file's size and checksum (`stored`, see
 * index/integrity.ts), checked on load; an optional field, so the format
 * stays 2 and indexes written before it still load (unchecked).
 */
export const INDEX_FORMAT = 2;
const READABLE_FORMATS = [1, 2];

export interface FileEntry {
  hash: string;
  /** sha256 of the file's bytes (and the processing version): unchanged files are recognised without decoding them. */
  bytesHash?: string;
  encoding: string;
  format: SourceFormat;
  articles: Array<{ index: number; title: string; ownTitle?: string; lineStart: number; lineEnd: number }>;
  chunkCount: number;
  dropped: Dropped[];
}

/** Rows [from, from + count) of segment `seg` are the chunks of `file`, in order. */
export interface LayoutRun {
  file: string;
  seg: string;
  from: number;
  count: number;
}

export interface Manifest {
  format: number;
  /** Version of the cleaning/chunking rules: a change re-processes every file. */
  processing: string;
  embedder: { id: string; dim: number };
  createdAt: string;
  roots: string[];
  files: Record<string, FileEntry>;
  chunkCount: number;
  /** Confidence threshold calibrated on the evaluation set (see retrieve/confidence.ts). */
  calibration?: Record<string, number>;
  /** Format 2: where each file's chunks are (row order); absent in format 1 (one "" segment). */
  layout?: LayoutRun[];
  /** Format 2: rows stored in each segment (some may no longer be referenced). */
  segments?: Record<string, number>;
  /** Size (and checksum) of each data file of the version, written by VersionWriter.publish; absent in indexes written before. */
  stored?: StoredFiles;
}

export interface IndexData {
  manifest: Manifest;
  chunks: Chunk[];
  /** BM25 over character unigrams and bigrams (text/chargrams.ts); written by ingest, built on load when an older index has none. */
  charBm25?: Bm25Index;
  vectors: Float32Array;
  bm25: Bm25Index;
  hnsw: VectorIndex;
  /** BM25 tokens per chunk; only read when needed (incremental ingest). */
  tokens?: string[][];
}

const CURRENT = "current.json";
export const SEGMENT_FILES = { chunks: "chunks.jsonl", tokens: "tokens.txt", vectors: "vectors.f32" } as const;
/** BM25 postings: over jieba tokens ("bm25…"), and over character unigrams and bigrams ("cbm25…", see text/chargrams.ts). */
function bm25Files(prefix: "bm25" | "cbm25") {
  return { header: `${prefix}.json`, docLen: `${prefix}-doclen.u32`, offsets: `${prefix}-offsets.u32`, docs: `${prefix}-docs.u32`, tfs: `${prefix}-tfs.u16` };
}
const BM25_FILES = bm25Files("bm25");
const CHAR_BM25_FILES = bm25Files("cbm25");
const HNSW_FILE = "hnsw.bin";
/** label → row of the HNSW graph, when labels are not rows (after incremental updates). */
const HNSW_ROWS_FILE = "hnsw-rows.i32";

export function segmentFile(seg: string, kind: keyof typeof SEGMENT_FILES): string {
  return `${seg}${SEGMENT_FILES[kind]}`;
}

/** The version folder current.json names; undefined when there is no index, CorruptIndexError when current.json is damaged. */
async function currentVersionDir(dir: string): Promise<string | undefined> {
  let raw: string;
  try {
    raw = await fs.readFile(path.join(dir, CURRENT), "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw unreadable(dir, `current.json cannot be read: ${firstLine(e)}`, e);
  }
  const named = versionOf(raw);
  if ("problem" in named) throw unreadable(dir, named.problem);
  return path.join(dir, named.version);
}

function firstLine(e: unknown): string {
  return e instanceof Error ? (e.message.split("\n")[0] ?? "") : String(e);
}

export function indexExists(dir: string): boolean {
  return existsSync(path.join(dir, CURRENT));
}

/** The current manifest, or undefined when there is no index; an IndexError when it cannot be used. */
export async function readManifest(dir: string): Promise<Manifest | undefined> {
  const v = await currentVersionDir(dir);
  return v ? parseManifest(dir, v) : undefined;
}

/** Read a whole file in one read request (see writeSynced), so it proceeds while this thread is busy. */
async function readWhole(file: string): Promise<Buffer> {
  const fh = await fs.open(file, "r");
  try {
    const { size } = await fh.stat();
    const buf = Buffer.allocUnsafe(size);
    for (let at = 0; at < size; ) {
      const { bytesRead } = await fh.read(buf, at, size - at, at);
      if (bytesRead === 0) return buf.subarray(0, at);
      at += bytesRead;
    }
    return buf;
  } finally {
    await fh.close();
  }
}

function asFloat32(raw: Buffer): Float32Array {
  return new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
}

function asInt32(raw: Buffer): Int32Array {
  return new Int32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
}

/** Lines of a segment's text file (each row ends with "\n"; format 1 tokens have no final newline). */
function lines(text: string): string[] {
  const out = text.split("\n");
  if (out.length && out[out.length - 1] === "") out.pop();
  return out;
}

/** Consecutive runs of one segment merged: fewer, longer slices. */
function mergedRuns(layout: readonly LayoutRun[]): Array<{ seg: string; from: number; count: number }> {
  const out: Array<{ seg: string; from: number; count: number }> = [];
  for (const r of layout) {
    const last = out[out.length - 1];
    if (last && last.seg === r.seg && last.from + last.count === r.from) last.count += r.count;
    else if (r.count > 0) out.push({ seg: r.seg, from: r.from, count: r.count });
  }
  return out;
}

function layoutOf(manifest: Manifest): Array<{ seg: string; from: number; count: number }> {
  return manifest.layout ? mergedRuns(manifest.layout) : [{ seg: "", from: 0, count: manifest.chunkCount }];
}

async function parseManifest(dir: string, v: string): Promise<Manifest> {
  const where = `${path.basename(v)}/manifest.json`;
  let raw: string;
  try {
    raw = await fs.readFile(path.join(v, "manifest.json"), "utf8");
  } catch (e) {
    throw unreadable(dir, (e as NodeJS.ErrnoException).code === "ENOENT" ? `${where} is missing` : `${where} cannot be read: ${firstLine(e)}`, e);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (e) {
    throw unreadable(dir, `${where} is not valid JSON`, e);
  }
  const problem = manifestProblem(parsed);
  if (problem) throw unreadable(dir, problem);
  const manifest = parsed as Manifest;
  if (!READABLE_FORMATS.includes(manifest.format)) {
    throw new IndexError(`index in ${dir} has format ${manifest.format}, this version reads ${READABLE_FORMATS.join(" and ")}: run \`policybot ingest --rebuild\``);
  }
  return manifest;
}

/** A whole data file of version folder `v`, checked against what the version recorded of it (when it did). */
async function readChecked(v: string, name: string, stored: StoredFiles | undefined): Promise<Buffer> {
  const bytes = await readWhole(path.join(v, name));
  checkBytes(v, name, bytes, stored);
  return bytes;
}

/** `stored`: the version's record of its files (Manifest.stored), to check what is read. */
export async function readBm25(v: string, which: "words" | "chars" = "words", stored?: StoredFiles): Promise<Bm25Index> {
  const f = which === "words" ? BM25_FILES : CHAR_BM25_FILES;
  const [header, docLen, offsets, docs, tfs] = await Promise.all([f.header, f.docLen, f.offsets, f.docs, f.tfs].map((name) => readChecked(v, name, stored)));
  return Bm25Index.fromBuffers({ header: header!.toString("utf8"), docLen: docLen!, offsets: offsets!, docs: docs!, tfs: tfs! });
}

/** Whether version folder `v` has the character-level index (versions written before it existed do not). */
export function hasCharBm25(v: string): boolean {
  return existsSync(path.join(v, CHAR_BM25_FILES.header));
}

/** The HNSW graph of version folder `v` (a copy in memory), with its label map. The graph file's size is checked by checkSizes (hnswlib reads it itself). */
export async function readHnsw(v: string, dim: number, rows: number, stored?: StoredFiles): Promise<VectorIndex> {
  if (rows === 0) return VectorIndex.create(dim, 1);
  const map = existsSync(path.join(v, HNSW_ROWS_FILE)) ? asInt32(await readChecked(v, HNSW_ROWS_FILE, stored)) : undefined;
  return VectorIndex.readAsync(path.join(v, HNSW_FILE), dim, DEFAULT_HNSW, map);
}

export async function readIndex(dir: string, options: { tokens?: boolean } = {}): Promise<IndexData> {
  const v = await currentVersionDir(dir);
  if (!v) throw new IndexError(`no index in ${dir}: run \`policybot ingest\` first`);
  try {
    const manifest = await parseManifest(dir, v);
    const { stored } = manifest;
    // Sizes first (a stat each): a truncated file is named before any parser reads it.
    await checkSizes(v, stored);
    const dim = manifest.embedder.dim;
    const runs = layoutOf(manifest);
    const segs = [...new Set(runs.map((r) => r.seg))];
    const chunkLines = new Map<string, string[]>();
    const tokenLines = new Map<string, string[]>();
    const vectorsOf = new Map<string, Float32Array>();
    await Promise.all(
      segs.map(async (seg) => {
        const [c, t, vec] = await Promise.all([
          readChecked(v, segmentFile(seg, "chunks"), stored),
          options.tokens ? readChecked(v, segmentFile(seg, "tokens"), stored) : undefined,
          readChecked(v, segmentFile(seg, "vectors"), stored),
        ]);
        chunkLines.set(seg, lines(c.toString("utf8")));
        if (t !== undefined) tokenLines.set(seg, t.toString("utf8").split("\n"));
        vectorsOf.set(seg, asFloat32(vec));
      }),
    );
    const chunks: Chunk[] = [];
    const tokens: string[][] = [];
    let vectors: Float32Array;
    const only = runs.length === 1 ? runs[0]! : undefined;
    if (only && only.from === 0 && vectorsOf.get(only.seg)!.length === only.count * dim) vectors = vectorsOf.get(only.seg)!;
    else {
      vectors = new Float32Array(manifest.chunkCount * dim);
      let row = 0;
      for (const r of runs) {
        const src = vectorsOf.get(r.seg)!;
        if ((r.from + r.count) * dim > src.length) throw inconsistent(dir, `segment ${r.seg || "main"} is short`);
        if (row + r.count > manifest.chunkCount) break;
        vectors.set(src.subarray(r.from * dim, (r.from + r.count) * dim), row * dim);
        row += r.count;
      }
    }
    for (const r of runs) {
      const cl = chunkLines.get(r.seg)!;
      for (let i = r.from; i < r.from + r.count && i < cl.length; i++) chunks.push(JSON.parse(cl[i]!) as Chunk);
      const tl = tokenLines.get(r.seg);
      if (tl) for (let i = r.from; i < r.from + r.count; i++) tokens.push(tl[i] ? tl[i]!.split(" ") : []);
    }
    const bm25 = await readBm25(v, "words", stored);
    const charBm25 = hasCharBm25(v) ? await readBm25(v, "chars", stored) : undefined;
    const hnsw = await readHnsw(v, dim, chunks.length, stored);
    const data: IndexData = { manifest, chunks, vectors, bm25, hnsw, ...(charBm25 ? { charBm25 } : {}) };
    if (options.tokens) data.tokens = tokens;
    if (
      chunks.length !== manifest.chunkCount ||
      vectors.length !== chunks.length * dim ||
      bm25.data.docCount !== chunks.length ||
      (charBm25 && charBm25.data.docCount !== chunks.length) ||
      hnsw.size !== chunks.length
    ) {
      throw inconsistent(dir, "chunks/vectors mismatch");
    }
    return data;
  } catch (e) {
    if (e instanceof IndexError) throw e;
    throw unreadable(dir, firstLine(e), e);
  }
}

/** The current version of an index, for an incremental ingest: its folder, manifest and layout (derived for format 1). */
export interface StoredVersion {
  dir: string;
  manifest: Manifest;
  layout: LayoutRun[];
  /** Rows stored per segment. */
  segments: Record<string, number>;
}

/**
 * Throws CorruptIndexError when current.json, the manifest or the layout
 * cannot be used or a recorded file has the wrong size (ingest then rebuilds),
 * IndexError when the index is fine but of a format this version cannot read.
 */
export async function readStoredVersion(dir: string): Promise<StoredVersion> {
  const v = await currentVersionDir(dir);
  if (!v) throw new IndexError(`no index in ${dir}: run \`policybot ingest\` first`);
  try {
    const manifest = await parseManifest(dir, v);
    await checkSizes(v, manifest.stored);
    let layout = manifest.layout;
    if (!layout) {
      // Format 1: one segment in file order; which file each row belongs to is in the chunks.
      layout = [];
      const cl = lines(await fs.readFile(path.join(v, segmentFile("", "chunks")), "utf8"));
      cl.forEach((l, row) => {
        const { file } = JSON.parse(l) as Pick<Chunk, "file">;
        const last = layout![layout!.length - 1];
        if (last && last.file === file) last.count++;
        else layout!.push({ file, seg: "", from: row, count: 1 });
      });
    }
    const rows = layout.reduce((s, r) => s + r.count, 0);
    if (rows !== manifest.chunkCount) throw inconsistent(dir, "the layout does not add up to chunkCount");
    return { dir: v, manifest, layout, segments: manifest.segments ?? { "": manifest.chunkCount } };
  } catch (e) {
    if (e instanceof IndexError) throw e;
    throw unreadable(dir, firstLine(e), e);
  }
}

/** Raw rows of one stored segment: JSON lines, token lines, vectors. */
export interface SegmentRows {
  chunkLines: string[];
  tokenLines: string[];
  vectors: Float32Array;
}

export async function readSegment(v: string, seg: string, stored?: StoredFiles): Promise<SegmentRows> {
  const [c, t, vec] = await Promise.all([
    readChecked(v, segmentFile(seg, "chunks"), stored),
    readChecked(v, segmentFile(seg, "tokens"), stored),
    readChecked(v, segmentFile(seg, "vectors"), stored),
  ]);
  return { chunkLines: lines(c.toString("utf8")), tokenLines: t.toString("utf8").split("\n"), vectors: asFloat32(vec) };
}

/**
 * Write a whole file and sync it. One write request for the whole buffer
 * (fs.writeFile goes 512 KB at a time, each step waiting for this thread,
 * which stalls the write while the thread computes).
 */
async function writeSynced(file: string, data: string | Uint8Array): Promise<StoredFile> {
  const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
  const fh = await fs.open(file, "w");
  try {
    for (let at = 0; at < bytes.byteLength; ) {
      const { bytesWritten } = await fh.write(bytes, at, bytes.byteLength - at, at);
      at += bytesWritten;
    }
    await fh.sync();
  } finally {
    await fh.close();
  }
  return { bytes: bytes.byteLength, sha1: checksum(bytes) };
}

function bytesOf(a: ArrayBufferView): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

/** Appends rows to a new segment's three files; writes are queued so callers do not wait on the disk. */
export class SegmentWriter {
  rows = 0;
  private queue: Promise<void> = Promise.resolve();
  private failed: unknown;
  /** Size and running checksum of each file, for the manifest (hashed as appended: the bytes are at hand). */
  private readonly sums = (Object.keys(SEGMENT_FILES) as Array<keyof typeof SEGMENT_FILES>).map((kind) => ({ kind, bytes: 0, hash: createHash("sha1") }));

  private constructor(
    readonly name: string,
    private readonly handles: { chunks: fs.FileHandle; tokens: fs.FileHandle; vectors: fs.FileHandle },
  ) {}

  static async open(v: string, name: string): Promise<SegmentWriter> {
    const open = (kind: keyof typeof SEGMENT_FILES) => fs.open(path.join(v, segmentFile(name, kind)), "wx");
    const [chunks, tokens, vectors] = await Promise.all([open("chunks"), open("tokens"), open("vectors")]);
    return new SegmentWriter(name, { chunks, tokens, vectors });
  }

  /** `chunkLines` and `tokenLines`: one line per row, each ending with "\n". */
  append(chunkLines: string, tokenLines: string, vectors: Float32Array, rows: number): void {
    this.rows += rows;
    const { chunks, tokens, vectors: vh } = this.handles;
    const data = [Buffer.from(chunkLines, "utf8"), Buffer.from(tokenLines, "utf8"), bytesOf(vectors)] as const;
    const byKind = { chunks: data[0], tokens: data[1], vectors: data[2] };
    for (const s of this.sums) {
      s.bytes += byKind[s.kind].byteLength;
      s.hash.update(byKind[s.kind]);
    }
    this.queue = this.queue.then(async () => {
      if (this.failed) return;
      try {
        await Promise.all([chunks.write(data[0]), tokens.write(data[1]), vh.write(data[2])]);
      } catch (e) {
        this.failed = e;
      }
    });
  }

  /** What was written to each file (call once, after `close`). */
  stored(): StoredFiles {
    return Object.fromEntries(this.sums.map((s) => [segmentFile(this.name, s.kind), { bytes: s.bytes, sha1: s.hash.digest("hex") }]));
  }

  /** Wait for the queued writes, sync and close. */
  async close(): Promise<void> {
    await this.queue;
    const hs = Object.values(this.handles);
    try {
      if (this.failed) throw this.failed;
      await Promise.all(hs.map((h) => h.sync()));
    } finally {
      await Promise.all(hs.map((h) => h.close().catch(() => undefined)));
    }
  }
}

/**
 * One new version folder being written. Nothing in it is visible until
 * `publish`, which writes the manifest last, syncs the folder and then
 * replaces current.json by an atomic rename.
 */
export class VersionWriter {
  private segs: SegmentWriter[] = [];
  /** Data files written or linked so far, recorded in the manifest (Manifest.stored). */
  private readonly stored: StoredFiles = {};
  /** What earlier versions recorded of their files, by folder: a linked file keeps its checksum. */
  private readonly known = new Map<string, StoredFiles>();
  private constructor(
    readonly indexDir: string,
    readonly version: string,
    readonly path: string,
  ) {}

  static async create(indexDir: string): Promise<VersionWriter> {
    await fs.mkdir(indexDir, { recursive: true });
    const version = `v-${Date.now().toString(36)}-${randomBytes(4).toString("hex")}`;
    const v = path.join(indexDir, version);
    await fs.mkdir(v);
    return new VersionWriter(indexDir, version, v);
  }

  /** A new segment ("" for the main one, otherwise a fresh unique name). */
  async segment(name: string): Promise<SegmentWriter> {
    const s = await SegmentWriter.open(this.path, name);
    this.segs.push(s);
    return s;
  }

  static newSegmentName(): string {
    return `s-${Date.now().toString(36)}${randomBytes(3).toString("hex")}.`;
  }

  /** What version folder `fromDir` recorded of its files (its Manifest.stored), for the files linked from it. */
  rememberStored(fromDir: string, stored: StoredFiles | undefined): void {
    if (stored) this.known.set(fromDir, stored);
  }

  /**
   * Take a file of the previous version as it is: a hard link (a copy where
   * links are not possible). It keeps the size and checksum that version
   * recorded, so damage done to the shared file is still seen later.
   */
  async link(fromDir: string, name: string): Promise<void> {
    const from = path.join(fromDir, name);
    const to = path.join(this.path, name);
    try {
      await fs.link(from, to);
    } catch {
      await fs.copyFile(from, to);
      const fh = await fs.open(to, "r+");
      await fh.sync().finally(() => fh.close());
    }
    const { size } = await fs.stat(to);
    const rec = this.known.get(fromDir)?.[name];
    if (rec && rec.bytes !== size) throw inconsistent(path.dirname(fromDir), `${path.basename(fromDir)}/${name} has ${size} bytes, expected ${rec.bytes}`);
    this.stored[name] = rec ?? { bytes: size };
  }

  async linkSegment(fromDir: string, seg: string): Promise<void> {
    await Promise.all((Object.keys(SEGMENT_FILES) as Array<keyof typeof SEGMENT_FILES>).map((k) => this.link(fromDir, segmentFile(seg, k))));
  }

  private jobs: Array<Promise<void>> = [];

  /**
   * Start writing search structures (or linking them unchanged from a
   * previous version folder) while the caller computes the others. Writes
   * run off this thread; `publish` waits for them.
   */
  stage(parts: { bm25?: Bm25Index | { from: string }; charBm25?: Bm25Index | { from: string }; hnsw?: VectorIndex | { from: string } }, chunkCount: number): void {
    const v = this.path;
    const track = (p: Promise<void>) => {
      p.catch(() => undefined);
      this.jobs.push(p);
    };
    const postings = (index: Bm25Index | { from: string }, files: typeof BM25_FILES) => {
      if (index instanceof Bm25Index) {
        const b = index.toBuffers();
        for (const [name, data] of [
          [files.header, b.header],
          [files.docLen, b.docLen],
          [files.offsets, b.offsets],
          [files.docs, b.docs],
          [files.tfs, b.tfs],
        ] as const)
          track(writeSynced(path.join(v, name), data).then((rec) => void (this.stored[name] = rec)));
      } else {
        const from = index.from;
        for (const f of Object.values(files)) track(this.link(from, f));
      }
    };
    if (parts.bm25) postings(parts.bm25, BM25_FILES);
    if (parts.charBm25) postings(parts.charBm25, CHAR_BM25_FILES);
    if (parts.hnsw instanceof VectorIndex) {
      const h = parts.hnsw;
      if (chunkCount) {
        track(
          (async () => {
            await h.writeAsync(path.join(v, HNSW_FILE));
            const fh = await fs.open(path.join(v, HNSW_FILE), "r+");
            await fh.sync().finally(() => fh.close());
            // Size only: hnswlib reads the file itself, so a checksum would cost a second read on every load.
            this.stored[HNSW_FILE] = { bytes: (await fs.stat(path.join(v, HNSW_FILE))).size };
          })(),
        );
        const rows = h.labelRows;
        if (rows) track(writeSynced(path.join(v, HNSW_ROWS_FILE), bytesOf(rows)).then((rec) => void (this.stored[HNSW_ROWS_FILE] = rec)));
      }
    } else if (parts.hnsw) {
      const from = parts.hnsw.from;
      if (chunkCount) track(this.link(from, HNSW_FILE));
      if (existsSync(path.join(from, HNSW_ROWS_FILE))) track(this.link(from, HNSW_ROWS_FILE));
    }
  }

  /**
   * Write the search structures not staged yet and the manifest, then make
   * this version current. A structure given as a folder is linked from that
   * (previous) version unchanged.
   */
  async publish(
    manifest: Manifest,
    parts: { bm25?: Bm25Index | { from: string }; charBm25?: Bm25Index | { from: string }; hnsw?: VectorIndex | { from: string } } = {},
  ): Promise<void> {
    this.stage(parts, manifest.chunkCount);
    await Promise.all(this.segs.map((s) => s.close()));
    await Promise.all(this.jobs);
    for (const s of this.segs) Object.assign(this.stored, s.stored());
    const v = this.path;
    const stored = Object.fromEntries(Object.keys(this.stored).sort().map((name) => [name, this.stored[name]!]));
    // The manifest goes last: a version folder without one is incomplete.
    await writeSynced(path.join(v, "manifest.json"), JSON.stringify({ ...manifest, stored }, null, 1));
    const dh = await fs.open(v, "r");
    await dh.sync().catch(() => undefined);
    await dh.close();

    const tmp = path.join(this.indexDir, `${CURRENT}.${process.pid}.tmp`);
    await writeSynced(tmp, JSON.stringify({ version: this.version }));
    await fs.rename(tmp, path.join(this.indexDir, CURRENT));
    await removeStaleVersions(this.indexDir, this.version);
  }

  /** Give up: remove the unfinished folder. */
  async abandon(): Promise<void> {
    await Promise.all(this.segs.map((s) => s.close().catch(() => undefined)));
    await Promise.all(this.jobs.map((j) => j.catch(() => undefined)));
    await fs.rm(this.path, { recursive: true, force: true }).catch(() => undefined);
  }
}

/** Write a complete new version (one segment), then make it current. Older versions are removed afterwards. */
export async function writeIndex(dir: string, data: Required<Pick<IndexData, "tokens">> & IndexData): Promise<void> {
  const w = await VersionWriter.create(dir);
  try {
    const layout: LayoutRun[] = [];
    data.chunks.forEach((c, row) => {
      const last = layout[layout.length - 1];
      if (last && last.file === c.file) last.count++;
      else layout.push({ file: c.file, seg: "", from: row, count: 1 });
    });
    const seg = await w.segment("");
    const nl = (xs: string[]) => xs.map((x) => `${x}\n`).join("");
    seg.append(nl(data.chunks.map((c) => JSON.stringify(c))), nl(data.tokens.map((t) => t.join(" "))), data.vectors, data.chunks.length);
    const manifest: Manifest = { ...data.manifest, format: INDEX_FORMAT, layout, segments: { "": data.chunks.length } };
    await w.publish(manifest, { bm25: data.bm25, hnsw: data.hnsw, ...(data.charBm25 ? { charBm25: data.charBm25 } : {}) });
  } catch (e) {
    await w.abandon();
    throw e;
  }
}

/**
 * Versions other than the current one are leftovers of earlier runs or of a
 * killed ingest. A version still being written by another ingest has no
 * manifest yet; it is left alone unless it is old enough to be abandoned.
 */
export async function removeStaleVersions(dir: string, keep: string, abandonedAfterMs = 30 * 60_000): Promise<void> {
  for (const name of await fs.readdir(dir).catch(() => [] as string[])) {
    const full = path.join(dir, name);
    if (name.startsWith("v-") && name !== keep) {
      const complete = existsSync(path.join(full, "manifest.json"));
      const age = Date.now() - (await fs.stat(full).then((s) => s.mtimeMs).catch(() => Date.now()));
      if (complete || age > abandonedAfterMs) await fs.rm(full, { recursive: true, force: true }).catch(() => undefined);
    } else if (name.startsWith(`${CURRENT}.`) && name.endsWith(".tmp")) {
      await fs.rm(full, { force: true }).catch(() => undefined);
    }
  }
}

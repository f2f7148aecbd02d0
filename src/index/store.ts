import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { randomBytes } from "node:crypto";
import type { Chunk, Dropped, SourceFormat } from "../ingest/types.js";
import { Bm25Index } from "./bm25.js";
import { DEFAULT_HNSW, VectorIndex } from "./vector-index.js";
import { IndexError } from "../util/errors.js";

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
 */
export const INDEX_FORMAT = 2;
const READABLE_FORMATS = [1, 2];

export interface FileEntry {
  hash: string;
  /** sha256 of the file's bytes (and the processing version): unchanged files are recognised without decoding them. */
  bytesHash?: string;
  encoding: string;
  format: SourceFormat;
  articles: Array<{ index: number; title: string; lineStart: number; lineEnd: number }>;
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

async function currentVersionDir(dir: string): Promise<string | undefined> {
  try {
    const { version } = JSON.parse(await fs.readFile(path.join(dir, CURRENT), "utf8")) as { version: string };
    return path.join(dir, version);
  } catch {
    return undefined;
  }
}

export function indexExists(dir: string): boolean {
  return existsSync(path.join(dir, CURRENT));
}

export async function readManifest(dir: string): Promise<Manifest | undefined> {
  const v = await currentVersionDir(dir);
  if (!v) return undefined;
  try {
    return JSON.parse(await fs.readFile(path.join(v, "manifest.json"), "utf8")) as Manifest;
  } catch {
    return undefined;
  }
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
  const manifest = JSON.parse(await fs.readFile(path.join(v, "manifest.json"), "utf8")) as Manifest;
  if (!READABLE_FORMATS.includes(manifest.format)) {
    throw new IndexError(`index in ${dir} has format ${manifest.format}, this version reads ${READABLE_FORMATS.join(" and ")}: run \`policybot ingest --rebuild\``);
  }
  return manifest;
}

export async function readBm25(v: string, which: "words" | "chars" = "words"): Promise<Bm25Index> {
  const f = which === "words" ? BM25_FILES : CHAR_BM25_FILES;
  const [header, docLen, offsets, docs, tfs] = await Promise.all([f.header, f.docLen, f.offsets, f.docs, f.tfs].map((name) => readWhole(path.join(v, name))));
  return Bm25Index.fromBuffers({ header: header!.toString("utf8"), docLen: docLen!, offsets: offsets!, docs: docs!, tfs: tfs! });
}

/** Whether version folder `v` has the character-level index (versions written before it existed do not). */
export function hasCharBm25(v: string): boolean {
  return existsSync(path.join(v, CHAR_BM25_FILES.header));
}

/** The HNSW graph of version folder `v` (a copy in memory), with its label map. */
export async function readHnsw(v: string, dim: number, rows: number): Promise<VectorIndex> {
  if (rows === 0) return VectorIndex.create(dim, 1);
  const map = existsSync(path.join(v, HNSW_ROWS_FILE)) ? asInt32(await readWhole(path.join(v, HNSW_ROWS_FILE))) : undefined;
  return VectorIndex.readAsync(path.join(v, HNSW_FILE), dim, DEFAULT_HNSW, map);
}

export async function readIndex(dir: string, options: { tokens?: boolean } = {}): Promise<IndexData> {
  const v = await currentVersionDir(dir);
  if (!v) throw new IndexError(`no index in ${dir}: run \`policybot ingest\` first`);
  try {
    const manifest = await parseManifest(dir, v);
    const dim = manifest.embedder.dim;
    const runs = layoutOf(manifest);
    const segs = [...new Set(runs.map((r) => r.seg))];
    const chunkLines = new Map<string, string[]>();
    const tokenLines = new Map<string, string[]>();
    const vectorsOf = new Map<string, Float32Array>();
    await Promise.all(
      segs.map(async (seg) => {
        const [c, t, vec] = await Promise.all([
          fs.readFile(path.join(v, segmentFile(seg, "chunks")), "utf8"),
          options.tokens ? fs.readFile(path.join(v, segmentFile(seg, "tokens")), "utf8") : undefined,
          readWhole(path.join(v, segmentFile(seg, "vectors"))),
        ]);
        chunkLines.set(seg, lines(c));
        if (t !== undefined) tokenLines.set(seg, t.split("\n"));
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
        if ((r.from + r.count) * dim > src.length) throw new IndexError(`index in ${dir} is inconsistent (segment ${r.seg || "main"} is short): run \`policybot ingest --rebuild\``);
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
    const bm25 = await readBm25(v);
    const charBm25 = hasCharBm25(v) ? await readBm25(v, "chars") : undefined;
    const hnsw = await readHnsw(v, dim, chunks.length);
    const data: IndexData = { manifest, chunks, vectors, bm25, hnsw, ...(charBm25 ? { charBm25 } : {}) };
    if (options.tokens) data.tokens = tokens;
    if (
      chunks.length !== manifest.chunkCount ||
      vectors.length !== chunks.length * dim ||
      bm25.data.docCount !== chunks.length ||
      (charBm25 && charBm25.data.docCount !== chunks.length) ||
      hnsw.size !== chunks.length
    ) {
      throw new IndexError(`index in ${dir} is inconsistent (chunks/vectors mismatch): run \`policybot ingest\` again`);
    }
    return data;
  } catch (e) {
    if (e instanceof IndexError) throw e;
    throw new IndexError(`index in ${dir} cannot be read (${e instanceof Error ? e.message.split("\n")[0] : String(e)}): run \`policybot ingest\` again`, { cause: e });
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

export async function readStoredVersion(dir: string): Promise<StoredVersion> {
  const v = await currentVersionDir(dir);
  if (!v) throw new IndexError(`no index in ${dir}: run \`policybot ingest\` first`);
  try {
    const manifest = await parseManifest(dir, v);
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
    if (rows !== manifest.chunkCount) throw new IndexError(`index in ${dir} is inconsistent (layout): run \`policybot ingest --rebuild\``);
    return { dir: v, manifest, layout, segments: manifest.segments ?? { "": manifest.chunkCount } };
  } catch (e) {
    if (e instanceof IndexError) throw e;
    throw new IndexError(`index in ${dir} cannot be read (${e instanceof Error ? e.message.split("\n")[0] : String(e)}): run \`policybot ingest\` again`, { cause: e });
  }
}

/** Raw rows of one stored segment: JSON lines, token lines, vectors. */
export interface SegmentRows {
  chunkLines: string[];
  tokenLines: string[];
  vectors: Float32Array;
}

export async function readSegment(v: string, seg: string): Promise<SegmentRows> {
  const [c, t, vec] = await Promise.all([
    fs.readFile(path.join(v, segmentFile(seg, "chunks")), "utf8"),
    fs.readFile(path.join(v, segmentFile(seg, "tokens")), "utf8"),
    readWhole(path.join(v, segmentFile(seg, "vectors"))),
  ]);
  return { chunkLines: lines(c), tokenLines: t.split("\n"), vectors: asFloat32(vec) };
}

/**
 * Write a whole file and sync it. One write request for the whole buffer
 * (fs.writeFile goes 512 KB at a time, each step waiting for this thread,
 * which stalls the write while the thread computes).
 */
async function writeSynced(file: string, data: string | Uint8Array): Promise<void> {
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
}

function bytesOf(a: ArrayBufferView): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

/** Appends rows to a new segment's three files; writes are queued so callers do not wait on the disk. */
export class SegmentWriter {
  rows = 0;
  private queue: Promise<void> = Promise.resolve();
  private failed: unknown;

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
    this.queue = this.queue.then(async () => {
      if (this.failed) return;
      try {
        await Promise.all([chunks.write(data[0]), tokens.write(data[1]), vh.write(data[2])]);
      } catch (e) {
        this.failed = e;
      }
    });
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

  /** Take a file of the previous version as it is: a hard link (a copy where links are not possible). */
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
          track(writeSynced(path.join(v, name), data));
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
          })(),
        );
        const rows = h.labelRows;
        if (rows) track(writeSynced(path.join(v, HNSW_ROWS_FILE), bytesOf(rows)));
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
    const v = this.path;
    // The manifest goes last: a version folder without one is incomplete.
    await writeSynced(path.join(v, "manifest.json"), JSON.stringify(manifest, null, 1));
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

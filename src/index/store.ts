import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { randomBytes } from "node:crypto";
import type { Chunk, Dropped, SourceFormat } from "../ingest/types.js";
import { Bm25Index } from "./bm25.js";
import { VectorIndex } from "./vector-index.js";
import { IndexError } from "../util/errors.js";

/**
 * The index on disk: DIR/current.json names a complete version folder
 * (DIR/v-…/) holding the manifest, chunks, tokens, raw vectors, the HNSW
 * graph and the BM25 postings. A new version is written in full and synced
 * before current.json is replaced by rename, which is atomic: a process
 * killed at any point leaves the previous version current and loadable.
 */
export const INDEX_FORMAT = 1;

export interface FileEntry {
  hash: string;
  encoding: string;
  format: SourceFormat;
  articles: Array<{ index: number; title: string; lineStart: number; lineEnd: number }>;
  chunkCount: number;
  dropped: Dropped[];
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
}

export interface IndexData {
  manifest: Manifest;
  chunks: Chunk[];
  vectors: Float32Array;
  bm25: Bm25Index;
  hnsw: VectorIndex;
  /** BM25 tokens per chunk; only read when needed (incremental ingest). */
  tokens?: string[][];
}

const CURRENT = "current.json";

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

export async function readIndex(dir: string, options: { tokens?: boolean } = {}): Promise<IndexData> {
  const v = await currentVersionDir(dir);
  if (!v) throw new IndexError(`no index in ${dir}: run \`policybot ingest\` first`);
  try {
    const manifest = JSON.parse(await fs.readFile(path.join(v, "manifest.json"), "utf8")) as Manifest;
    if (manifest.format !== INDEX_FORMAT) throw new IndexError(`index in ${dir} has format ${manifest.format}, this version reads ${INDEX_FORMAT}: run \`policybot ingest\` again`);
    const chunks = (await fs.readFile(path.join(v, "chunks.jsonl"), "utf8"))
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Chunk);
    const raw = await fs.readFile(path.join(v, "vectors.f32"));
    const vectors = new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
    const [header, docLen, offsets, docs, tfs] = await Promise.all(
      ["bm25.json", "bm25-doclen.u32", "bm25-offsets.u32", "bm25-docs.u32", "bm25-tfs.u16"].map((f) => fs.readFile(path.join(v, f))),
    );
    const bm25 = Bm25Index.fromBuffers({ header: header!.toString("utf8"), docLen: docLen!, offsets: offsets!, docs: docs!, tfs: tfs! });
    const hnsw = chunks.length ? VectorIndex.read(path.join(v, "hnsw.bin"), manifest.embedder.dim) : VectorIndex.build(new Float32Array(0), manifest.embedder.dim);
    const data: IndexData = { manifest, chunks, vectors, bm25, hnsw };
    if (options.tokens) {
      data.tokens = (await fs.readFile(path.join(v, "tokens.txt"), "utf8")).split("\n").slice(0, chunks.length).map((l) => (l ? l.split(" ") : []));
    }
    if (chunks.length !== manifest.chunkCount || vectors.length !== chunks.length * manifest.embedder.dim) {
      throw new IndexError(`index in ${dir} is inconsistent (chunks/vectors mismatch): run \`policybot ingest\` again`);
    }
    return data;
  } catch (e) {
    if (e instanceof IndexError) throw e;
    throw new IndexError(`index in ${dir} cannot be read (${e instanceof Error ? e.message.split("\n")[0] : String(e)}): run \`policybot ingest\` again`, { cause: e });
  }
}

async function writeSynced(file: string, data: string | Uint8Array): Promise<void> {
  const fh = await fs.open(file, "w");
  try {
    await fh.writeFile(data);
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** Write a complete new version, then make it current. Older versions are removed afterwards. */
export async function writeIndex(dir: string, data: Required<Pick<IndexData, "tokens">> & IndexData): Promise<void> {
  await fs.mkdir(dir, { recursive: true });
  const version = `v-${Date.now().toString(36)}-${randomBytes(4).toString("hex")}`;
  const v = path.join(dir, version);
  await fs.mkdir(v);
  const b = data.bm25.toBuffers();
  await writeSynced(path.join(v, "chunks.jsonl"), data.chunks.map((c) => JSON.stringify(c)).join("\n") + (data.chunks.length ? "\n" : ""));
  await writeSynced(path.join(v, "tokens.txt"), data.tokens.map((t) => t.join(" ")).join("\n"));
  await writeSynced(path.join(v, "vectors.f32"), new Uint8Array(data.vectors.buffer, data.vectors.byteOffset, data.vectors.byteLength));
  await writeSynced(path.join(v, "bm25.json"), b.header);
  await writeSynced(path.join(v, "bm25-doclen.u32"), b.docLen);
  await writeSynced(path.join(v, "bm25-offsets.u32"), b.offsets);
  await writeSynced(path.join(v, "bm25-docs.u32"), b.docs);
  await writeSynced(path.join(v, "bm25-tfs.u16"), b.tfs);
  if (data.chunks.length) data.hnsw.write(path.join(v, "hnsw.bin"));
  // The manifest goes last: a version folder without one is incomplete.
  await writeSynced(path.join(v, "manifest.json"), JSON.stringify(data.manifest, null, 1));
  const dh = await fs.open(v, "r");
  await dh.sync().catch(() => undefined);
  await dh.close();

  const tmp = path.join(dir, `${CURRENT}.${process.pid}.tmp`);
  await writeSynced(tmp, JSON.stringify({ version }));
  await fs.rename(tmp, path.join(dir, CURRENT));
  await removeStaleVersions(dir, version);
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

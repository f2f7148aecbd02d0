import path from "node:path";
import { createHash } from "node:crypto";
import type { Chunk, ProcessedFile } from "./types.js";
import type { Embedder } from "../embed/types.js";
import { processSource } from "./process.js";
import { findFiles, loadFile } from "./load/index.js";
import { tokenize } from "../text/tokenize.js";
import { Bm25Index } from "../index/bm25.js";
import { VectorIndex } from "../index/vector-index.js";
import { INDEX_FORMAT, indexExists, readIndex, writeIndex, type FileEntry, type IndexData, type Manifest } from "../index/store.js";
import { IndexError, LoadError, errorMessage } from "../util/errors.js";

/**
 * Incremental ingest: files whose content and processing rules are unchanged
 * keep their chunks, tokens and vectors; changed and new files are processed
 * and embedded; files no longer found are dropped. The new index is written
 * as a whole new version and published atomically (index/store.ts).
 */
export const PROCESSING_VERSION = "2026-11-22.3";

export interface IngestOptions {
  paths: string[];
  indexDir: string;
  embedder: Embedder;
  /** Ignore the existing index (e.g. to switch embedders). */
  rebuild?: boolean;
  onProgress?: (stage: "load" | "embed" | "index", done: number, total: number) => void;
  embedBatchSize?: number;
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
}

/** What is embedded and keyword-indexed: the section path (context for short passages) and the text. */
export function indexText(chunk: Chunk): string {
  return `${chunk.headingPath.slice(1).join(" ")}\n${chunk.text}`;
}

function contentHash(text: string): string {
  return createHash("sha256").update(PROCESSING_VERSION).update("\0").update(text).digest("hex");
}

export async function ingest(options: IngestOptions): Promise<IngestReport> {
  const started = Date.now();
  const { embedder } = options;
  const prev: IndexData | undefined = !options.rebuild && indexExists(options.indexDir) ? await readIndex(options.indexDir, { tokens: true }) : undefined;
  if (prev && prev.manifest.embedder.id !== embedder.id) {
    throw new IndexError(
      `the index in ${options.indexDir} was built with embedder ${prev.manifest.embedder.id}, not ${embedder.id}; vectors from different embedders cannot be mixed: run ingest with --rebuild, or use another --index`,
    );
  }
  const prevByFile = new Map<string, { entry: FileEntry; rows: number[] }>();
  if (prev) {
    for (const [file, entry] of Object.entries(prev.manifest.files)) prevByFile.set(file, { entry, rows: [] });
    prev.chunks.forEach((c, i) => prevByFile.get(c.file)?.rows.push(i));
  }

  const found = await findFiles(options.paths);
  const skipped = [...found.skipped];
  const report = { added: [] as string[], changed: [] as string[], unchanged: [] as string[] };

  interface Entry {
    file: string;
    entry: FileEntry;
    chunks: Chunk[];
    tokens: string[][];
    vectors: Float32Array[] | undefined;
  }
  const entries: Entry[] = [];
  const toEmbed: Array<{ entry: Entry; k: number }> = [];
  let n = 0;
  for (const f of found.files) {
    options.onProgress?.("load", n++, found.files.length);
    let processed: ProcessedFile;
    try {
      const source = await loadFile(f);
      const hash = contentHash(source.text);
      const old = prevByFile.get(source.file);
      if (old && old.entry.hash === hash && prev) {
        const dim = prev.manifest.embedder.dim;
        entries.push({
          file: source.file,
          entry: old.entry,
          chunks: old.rows.map((r) => prev.chunks[r]!),
          tokens: old.rows.map((r) => prev.tokens![r]!),
          vectors: old.rows.map((r) => prev.vectors.subarray(r * dim, (r + 1) * dim)),
        });
        report.unchanged.push(source.file);
        continue;
      }
      processed = processSource(source, hash);
      (old ? report.changed : report.added).push(source.file);
    } catch (e) {
      skipped.push({ file: f.file, reason: e instanceof LoadError ? e.message : `cannot be processed: ${errorMessage(e)}` });
      continue;
    }
    const chunks = processed.articles.flatMap((a) => a.chunks);
    if (chunks.length === 0) {
      skipped.push({ file: processed.file, reason: "no text left after cleaning (only boilerplate?)" });
      const i = report.added.indexOf(processed.file);
      if (i >= 0) report.added.splice(i, 1);
      continue;
    }
    const entry: Entry = {
      file: processed.file,
      entry: {
        hash: processed.hash,
        encoding: processed.encoding,
        format: processed.format,
        articles: processed.articles.map(({ index, title, lineStart, lineEnd }) => ({ index, title, lineStart, lineEnd })),
        chunkCount: chunks.length,
        dropped: processed.dropped,
      },
      chunks,
      tokens: chunks.map((c) => tokenize(indexText(c))),
      vectors: undefined,
    };
    entries.push(entry);
    chunks.forEach((_, k) => toEmbed.push({ entry, k }));
  }
  options.onProgress?.("load", found.files.length, found.files.length);

  // Embed new and changed chunks in batches.
  const batch = options.embedBatchSize ?? 256;
  for (let i = 0; i < toEmbed.length; i += batch) {
    options.onProgress?.("embed", i, toEmbed.length);
    const slice = toEmbed.slice(i, i + batch);
    const vecs = await embedder.embedDocuments(slice.map(({ entry, k }) => indexText(entry.chunks[k]!)));
    slice.forEach(({ entry, k }, j) => {
      entry.vectors ??= new Array<Float32Array>(entry.chunks.length);
      entry.vectors[k] = Float32Array.from(vecs[j]!);
    });
  }
  options.onProgress?.("embed", toEmbed.length, toEmbed.length);

  entries.sort((a, b) => a.file.localeCompare(b.file));
  const chunks = entries.flatMap((e) => e.chunks);
  const tokens = entries.flatMap((e) => e.tokens);
  const dim = prev?.manifest.embedder.dim ?? (await embedder.dimension());
  const vectors = new Float32Array(chunks.length * dim);
  let row = 0;
  for (const e of entries) for (const v of e.vectors ?? []) vectors.set(v, dim * row++);

  options.onProgress?.("index", 0, 1);
  const bm25 = Bm25Index.build(tokens);
  const hnsw = VectorIndex.build(vectors, dim);
  const removed = [...prevByFile.keys()].filter((f) => !entries.some((e) => e.file === f));
  const manifest: Manifest = {
    format: INDEX_FORMAT,
    processing: PROCESSING_VERSION,
    embedder: { id: embedder.id, dim },
    createdAt: new Date().toISOString(),
    roots: options.paths.map((p) => path.resolve(p)),
    files: Object.fromEntries(entries.map((e) => [e.file, e.entry])),
    chunkCount: chunks.length,
    ...(prev?.manifest.calibration ? { calibration: prev.manifest.calibration } : {}),
  };
  if (entries.length > 0) await writeIndex(options.indexDir, { manifest, chunks, vectors, bm25, hnsw, tokens });
  options.onProgress?.("index", 1, 1);

  return {
    indexDir: options.indexDir,
    embedder: { id: embedder.id, dim },
    files: entries.length,
    articles: entries.reduce((s, e) => s + e.entry.articles.length, 0),
    chunks: chunks.length,
    ...report,
    removed: entries.length > 0 ? removed : [],
    skipped,
    embedded: toEmbed.length,
    ms: Date.now() - started,
  };
}

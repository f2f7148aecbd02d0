import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { CorruptIndexError } from "../util/errors.js";

/**
 * Checks that an index on disk is what its writer left: current.json and the
 * manifest parse and have the fields the readers use, and every data file a
 * version recorded (manifest `stored`) has its recorded size — and, for the
 * files a reader holds in memory anyway, its checksum. A truncated or
 * overwritten file otherwise surfaces as wrong search results or an obscure
 * crash deep in a parser.
 */

/** What a version recorded of one of its data files when it was written. */
export interface StoredFile {
  bytes: number;
  /** sha1 of the bytes (hex); absent for files only a native library reads (hnsw.bin) and for files linked from a version that did not record one. */
  sha1?: string;
}

export type StoredFiles = Record<string, StoredFile>;

/** sha1 rather than crc32: about as cheap (~2 GB/s: a few ms for an index of a few MB) and in every Node 20. */
export function checksum(bytes: Uint8Array): string {
  return createHash("sha1").update(bytes).digest("hex");
}

const ADVICE = "run `policybot ingest --rebuild`";

/** current.json or a manifest cannot be used. */
export function unreadable(dir: string, reason: string, cause?: unknown): CorruptIndexError {
  return new CorruptIndexError(`the index in ${dir} is unreadable (${reason}); ${ADVICE}`, reason, cause !== undefined ? { cause } : undefined);
}

/** The files of a version do not agree with each other or with what was recorded. */
export function inconsistent(dir: string, reason: string): CorruptIndexError {
  return new CorruptIndexError(`the index in ${dir} is inconsistent (${reason}); ${ADVICE}`, reason);
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x);
const isCount = (x: unknown): x is number => Number.isInteger(x) && (x as number) >= 0;

/** The version folder current.json names, or why it names none. */
export function versionOf(raw: string): { version: string } | { problem: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return { problem: "current.json is not valid JSON" };
  }
  const version = isObject(parsed) ? parsed.version : undefined;
  // Only a folder name: never a path that leads out of the index folder.
  if (typeof version !== "string" || !/^v-[\w.-]+$/.test(version)) return { problem: "current.json names no version folder" };
  return { version };
}

/**
 * The first field of a parsed manifest that readers rely on and that is
 * missing or of the wrong type, or undefined when it is usable. Readers
 * index into these fields without further checks.
 */
export function manifestProblem(m: unknown): string | undefined {
  if (!isObject(m)) return "manifest.json is not an object";
  if (!Number.isInteger(m.format)) return "manifest.json lacks format";
  if (typeof m.processing !== "string") return "manifest.json lacks processing";
  if (!isObject(m.embedder) || typeof m.embedder.id !== "string" || !Number.isInteger(m.embedder.dim) || (m.embedder.dim as number) < 1) return "manifest.json lacks embedder";
  if (!isCount(m.chunkCount)) return "manifest.json lacks chunkCount";
  if (!Array.isArray(m.roots) || !m.roots.every((r) => typeof r === "string")) return "manifest.json lacks roots";
  if (!isObject(m.files)) return "manifest.json lacks files";
  for (const [file, e] of Object.entries(m.files)) {
    if (!isObject(e) || typeof e.hash !== "string" || !isCount(e.chunkCount) || !Array.isArray(e.articles) || !Array.isArray(e.dropped)) return `manifest.json has a bad entry for ${file}`;
  }
  if (m.layout !== undefined) {
    if (!Array.isArray(m.layout)) return "manifest.json has a bad layout";
    for (const r of m.layout as unknown[]) if (!isObject(r) || typeof r.file !== "string" || typeof r.seg !== "string" || !isCount(r.from) || !isCount(r.count)) return "manifest.json has a bad layout";
  }
  if (m.segments !== undefined && (!isObject(m.segments) || !Object.values(m.segments).every(isCount))) return "manifest.json has bad segments";
  if (m.stored !== undefined) {
    if (!isObject(m.stored)) return "manifest.json has a bad stored list";
    for (const [name, f] of Object.entries(m.stored)) {
      if (!isObject(f) || !isCount(f.bytes) || (f.sha1 !== undefined && typeof f.sha1 !== "string") || name.includes("/") || name.includes("\\")) return "manifest.json has a bad stored list";
    }
  }
  return undefined;
}

/**
 * Every recorded file of version folder `v` exists with its recorded size:
 * one stat per file, so cheap enough for every load and every ingest. An
 * index written before sizes were recorded has no `stored` and is not checked.
 */
export async function checkSizes(v: string, stored: StoredFiles | undefined): Promise<void> {
  if (!stored) return;
  const dir = path.dirname(v);
  const version = path.basename(v);
  await Promise.all(
    Object.entries(stored).map(async ([name, rec]) => {
      const st = await fs.stat(path.join(v, name)).catch(() => undefined);
      if (!st) throw inconsistent(dir, `${version}/${name} is missing`);
      if (st.size !== rec.bytes) throw inconsistent(dir, `${version}/${name} has ${st.size} bytes, expected ${rec.bytes}`);
    }),
  );
}

/** The bytes a reader got of file `name` of version folder `v` are the ones recorded. */
export function checkBytes(v: string, name: string, bytes: Uint8Array, stored: StoredFiles | undefined): void {
  const rec = stored?.[name];
  if (!rec) return;
  const dir = path.dirname(v);
  const where = `${path.basename(v)}/${name}`;
  if (bytes.byteLength !== rec.bytes) throw inconsistent(dir, `${where} has ${bytes.byteLength} bytes, expected ${rec.bytes}`);
  if (rec.sha1 !== undefined && checksum(bytes) !== rec.sha1) throw inconsistent(dir, `${where} does not match its checksum`);
}

/**
 * A small docs folder for the index-safety tests: each seed cut to its first
 * lines (real text, never invented), so an ingest takes a fraction of a
 * second and a test can afford several.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";

import { SEED_FILES, seedLines } from "./cli.js";

/** Writes the seeds' first `lines` lines into `dir` under their own names; returns the names, sorted. */
export async function writeSmallDocs(dir: string, lines = 40): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  for (const f of SEED_FILES) await writeFile(path.join(dir, f), seedLines(f).slice(0, lines).join("\n"));
  return [...SEED_FILES].sort();
}

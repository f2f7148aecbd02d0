/**
 * An ingest indexes the paths it is given; indexed files not among them are
 * dropped only when they are gone from where they were found (deleted from
 * the docs folder: the normal incremental case) or with --rebuild. Otherwise
 * `policybot ingest one.txt` over an index of the docs folder would silently
 * leave an index of one file.
 */
import { cp, mkdtemp, readFile, rename, rm, unlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

import { SEEDS, seedLines } from "../../test/helpers/cli.js";
import { writeSmallDocs } from "../../test/helpers/small-docs.js";
import { LocalNgramEmbeddings } from "../embed/local.js";
import { readIndex, readManifest } from "../index/store.js";
import { PolicybotError } from "../util/errors.js";
import { ingest } from "./pipeline.js";

const embedder = new LocalNgramEmbeddings();
let tmp = "";
let names: string[] = [];
let n = 0;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), "policybot-removals-"));
  names = await writeSmallDocs(path.join(tmp, "template"));
});

afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

/** A docs folder of the small seeds and an index of it. */
async function indexedFolder(): Promise<{ docs: string; indexDir: string }> {
  const docs = path.join(tmp, `docs-${++n}`);
  const indexDir = path.join(tmp, `index-${n}`);
  await cp(path.join(tmp, "template"), docs, { recursive: true });
  await ingest({ paths: [docs], indexDir, embedder, workers: 0 });
  return { docs, indexDir };
}

const run = (paths: string[], indexDir: string, rebuild = false) => ingest({ paths, indexDir, embedder, workers: 0, ...(rebuild ? { rebuild } : {}) });

async function indexedFiles(indexDir: string): Promise<string[]> {
  return Object.keys((await readManifest(indexDir))!.files).sort();
}

describe("files not among the given paths", () => {
  test("ingesting one file into an index of a folder is refused while the folder's other files are there; the index is unchanged", async () => {
    const { docs, indexDir } = await indexedFolder();
    const before = await readFile(path.join(indexDir, "current.json"), "utf8");
    const one = names[4]!;
    const attempt = run([path.join(docs, one)], indexDir);
    await expect(attempt).rejects.toBeInstanceOf(PolicybotError);
    await expect(attempt).rejects.toThrow(`ingesting these paths would remove 4 indexed file(s) not among them (${names[0]}, ${names[1]}, ${names[2]}, …); pass --rebuild to index only these paths`);
    expect(await readFile(path.join(indexDir, "current.json"), "utf8")).toBe(before);
    expect(await indexedFiles(indexDir)).toEqual(names);
  });

  test("with rebuild the index holds only the given file, and the report lists the others as removed", async () => {
    const { docs, indexDir } = await indexedFolder();
    const one = names[4]!;
    const r = await run([path.join(docs, one)], indexDir, true);
    expect(r.added).toEqual([one]);
    expect([...r.removed].sort()).toEqual(names.slice(0, 4));
    expect(await indexedFiles(indexDir)).toEqual([one]);
  });

  test("a path that does not exist (a typo) is refused instead of emptying the index", async () => {
    const { docs, indexDir } = await indexedFolder();
    await expect(run([`${docs}-typo`], indexDir)).rejects.toThrow(/would remove 5 indexed file\(s\) not among them/);
    expect(await indexedFiles(indexDir)).toEqual(names);
  });

  test("the folder and one more file: the file is added and nothing is removed", async () => {
    const { docs, indexDir } = await indexedFolder();
    // Outside the docs folder: a file the user wants in the index too.
    const extra = path.join(tmp, `补充材料-${n}.txt`);
    await writeFile(extra, seedLines(SEEDS.s004).slice(40, 80).join("\n"));
    const r = await run([docs, extra], indexDir);
    const name = path.basename(extra);
    expect(r.added).toEqual([name]);
    expect(r.removed).toEqual([]);
    expect(await indexedFiles(indexDir)).toEqual([...names, name].sort());
  });
});

describe("files gone from disk are still removed", () => {
  test("a file deleted from the folder is removed when the folder is ingested again", async () => {
    const { docs, indexDir } = await indexedFolder();
    await unlink(path.join(docs, names[2]!));
    const r = await run([docs], indexDir);
    expect(r.removed).toEqual([names[2]]);
    expect(await indexedFiles(indexDir)).toEqual(names.filter((f) => f !== names[2]));
    expect((await readIndex(indexDir)).chunks.every((c) => c.file !== names[2])).toBe(true);
  });

  test("a moved folder: its files are found at the new place under the same names, nothing is re-embedded or refused", async () => {
    const { docs, indexDir } = await indexedFolder();
    const moved = `${docs}-moved`;
    await rename(docs, moved);
    const r = await run([moved], indexDir);
    expect(r.removed).toEqual([]);
    expect([...r.unchanged].sort()).toEqual(names);
    expect(r.embedded).toBe(0);
  });

  test("a file still in the folder that can no longer be indexed is removed and listed as skipped, not refused", async () => {
    const { docs, indexDir } = await indexedFolder();
    await writeFile(path.join(docs, names[1]!), "");
    const r = await run([docs], indexDir);
    expect(r.removed).toEqual([names[1]]);
    expect(r.skipped.map((s) => s.file)).toEqual([names[1]]);
  });

  test("an index of single files: a subset is refused while the others exist, accepted once they are deleted", async () => {
    const docs = path.join(tmp, `singles-${++n}`);
    const indexDir = path.join(tmp, `singles-index-${n}`);
    await cp(path.join(tmp, "template"), docs, { recursive: true });
    await run([path.join(docs, names[0]!), path.join(docs, names[1]!)], indexDir);
    await expect(run([path.join(docs, names[0]!)], indexDir)).rejects.toThrow(`would remove 1 indexed file(s) not among them (${names[1]})`);
    await unlink(path.join(docs, names[1]!));
    const r = await run([path.join(docs, names[0]!)], indexDir);
    expect(r.removed).toEqual([names[1]]);
    expect(await indexedFiles(indexDir)).toEqual([names[0]]);
  });
});

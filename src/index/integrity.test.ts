/**
 * A damaged index is named, not misread: a current.json or manifest that
 * does not parse or lacks fields, and a data file truncated or overwritten
 * (sizes and checksums recorded in the manifest's `stored` when the version
 * was written), give a one-line error advising `policybot ingest --rebuild`
 * to readers, and make ingest rebuild from scratch with a warning instead of
 * advising itself. Indexes written before sizes were recorded still load.
 */
import { createHash } from "node:crypto";
import { cp, mkdtemp, readFile, readdir, rm, stat, truncate, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

import { SEEDS, seedLines } from "../../test/helpers/cli.js";
import { writeSmallDocs } from "../../test/helpers/small-docs.js";
import { LocalNgramEmbeddings } from "../embed/local.js";
import { ingest } from "../ingest/pipeline.js";
import { CorruptIndexError, IndexError } from "../util/errors.js";
import { readIndex, readManifest, type Manifest } from "./store.js";

const embedder = new LocalNgramEmbeddings();
let tmp = "";
let docs = "";
let names: string[] = [];
/** An intact index of the small docs; each test works on a copy. */
let pristine = "";
let copies = 0;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), "policybot-integrity-"));
  docs = path.join(tmp, "docs");
  names = await writeSmallDocs(docs);
  pristine = path.join(tmp, "pristine");
  await ingest({ paths: [docs], indexDir: pristine, embedder, workers: 0 });
});

afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

async function copyOfIndex(): Promise<{ dir: string; v: string; version: string }> {
  const dir = path.join(tmp, `copy-${++copies}`);
  await cp(pristine, dir, { recursive: true });
  const { version } = JSON.parse(await readFile(path.join(dir, "current.json"), "utf8")) as { version: string };
  return { dir, v: path.join(dir, version), version };
}

async function manifestOf(v: string): Promise<Manifest> {
  return JSON.parse(await readFile(path.join(v, "manifest.json"), "utf8")) as Manifest;
}

const sha1 = (b: Uint8Array) => createHash("sha1").update(b).digest("hex");

/** Ingest the docs again without --rebuild, collecting warnings. */
async function reingest(dir: string) {
  const warnings: string[] = [];
  const report = await ingest({ paths: [docs], indexDir: dir, embedder, workers: 0, onWarning: (m) => warnings.push(m) });
  return { report, warnings };
}

/** After a rebuild: the index loads, holds every doc, and current.json names the only version folder left. */
async function expectRebuilt(dir: string, report: Awaited<ReturnType<typeof reingest>>["report"]): Promise<void> {
  expect([...report.added].sort()).toEqual(names);
  expect(report.unchanged).toEqual([]);
  const index = await readIndex(dir, { tokens: true });
  expect(Object.keys(index.manifest.files).sort()).toEqual(names);
  expect(index.chunks).toHaveLength(report.chunks);
  const { version } = JSON.parse(await readFile(path.join(dir, "current.json"), "utf8")) as { version: string };
  expect((await readdir(dir)).sort()).toEqual(["current.json", version].sort());
}

describe("what a version records of its files", () => {
  test("every data file is recorded with its size, and with its checksum unless only hnswlib reads it", async () => {
    const { v } = await copyOfIndex();
    const { stored } = await manifestOf(v);
    const files = (await readdir(v)).filter((f) => f !== "manifest.json").sort();
    expect(Object.keys(stored!).sort()).toEqual(files);
    expect(files).toEqual(expect.arrayContaining(["chunks.jsonl", "tokens.txt", "vectors.f32", "bm25-docs.u32", "cbm25-tfs.u16", "hnsw.bin"]));
    for (const f of files) {
      const bytes = await readFile(path.join(v, f));
      expect(stored![f]!.bytes, f).toBe(bytes.byteLength);
      if (f === "hnsw.bin") expect(stored![f]!.sha1).toBeUndefined();
      else expect(stored![f]!.sha1, f).toBe(sha1(bytes));
    }
  });

  test("an incremental update records its new segment and keeps the records of the files it links", async () => {
    const { dir, v: oldV } = await copyOfIndex();
    const old = (await manifestOf(oldV)).stored!;
    const more = path.join(docs, "..", "docs-plus");
    await cp(docs, more, { recursive: true });
    // A new document: the other files' rows are kept, so the previous version is updated in place.
    await writeFile(path.join(more, "005_new.txt"), seedLines(SEEDS.s004).slice(40, 80).join("\n"));
    const r = await ingest({ paths: [more], indexDir: dir, embedder, workers: 0, profile: true });
    expect(r.timings?.mode).toBe("update");
    expect(r.added).toEqual(["005_new.txt"]);
    const { version } = JSON.parse(await readFile(path.join(dir, "current.json"), "utf8")) as { version: string };
    const v = path.join(dir, version);
    const { stored } = await manifestOf(v);
    const files = (await readdir(v)).filter((f) => f !== "manifest.json").sort();
    expect(Object.keys(stored!).sort()).toEqual(files);
    for (const f of ["chunks.jsonl", "tokens.txt", "vectors.f32"]) expect(stored![f]).toEqual(old[f]);
    const segment = files.filter((f) => /^s-.*\.vectors\.f32$/.test(f));
    expect(segment).toHaveLength(1);
    expect(stored![segment[0]!]!.sha1).toBe(sha1(await readFile(path.join(v, segment[0]!))));
    expect((await readIndex(dir, { tokens: true })).manifest.files["005_new.txt"]).toBeDefined();
  });
});

describe("a damaged data file is named on load", () => {
  test.each([
    ["bm25-docs.u32", 4],
    ["cbm25-tfs.u16", 2],
    ["vectors.f32", 4],
    ["tokens.txt", 1],
    ["hnsw.bin", 100],
  ])("%s cut short by %i bytes", async (file, cut) => {
    const { dir, v, version } = await copyOfIndex();
    const size = (await stat(path.join(v, file))).size;
    await truncate(path.join(v, file), size - cut);
    const load = readIndex(dir, { tokens: true });
    await expect(load).rejects.toBeInstanceOf(CorruptIndexError);
    await expect(load).rejects.toThrow(`the index in ${dir} is inconsistent (${version}/${file} has ${size - cut} bytes, expected ${size}); run \`policybot ingest --rebuild\``);
  });

  test("chunks.jsonl without its last line", async () => {
    const { dir, v, version } = await copyOfIndex();
    const text = await readFile(path.join(v, "chunks.jsonl"), "utf8");
    const cut = text.slice(0, text.lastIndexOf("\n", text.length - 2) + 1);
    await writeFile(path.join(v, "chunks.jsonl"), cut);
    await expect(readIndex(dir)).rejects.toThrow(
      `the index in ${dir} is inconsistent (${version}/chunks.jsonl has ${Buffer.byteLength(cut)} bytes, expected ${Buffer.byteLength(text)}); run \`policybot ingest --rebuild\``,
    );
  });

  test("a chunk's text changed in place (same size) fails the checksum", async () => {
    const { dir, v, version } = await copyOfIndex();
    const text = await readFile(path.join(v, "chunks.jsonl"), "utf8");
    // One character for another of the same UTF-8 length: the search would quote text the document does not have.
    const at = text.indexOf("报告");
    expect(at).toBeGreaterThan(0);
    await writeFile(path.join(v, "chunks.jsonl"), `${text.slice(0, at)}通知${text.slice(at + 2)}`);
    expect((await stat(path.join(v, "chunks.jsonl"))).size).toBe(Buffer.byteLength(text));
    await expect(readIndex(dir)).rejects.toThrow(`the index in ${dir} is inconsistent (${version}/chunks.jsonl does not match its checksum); run \`policybot ingest --rebuild\``);
  });

  test("vectors overwritten in place (same size) fail the checksum", async () => {
    const { dir, v, version } = await copyOfIndex();
    const bytes = await readFile(path.join(v, "vectors.f32"));
    bytes.fill(0, 0, 512 * 4);
    await writeFile(path.join(v, "vectors.f32"), bytes);
    await expect(readIndex(dir)).rejects.toThrow(`(${version}/vectors.f32 does not match its checksum)`);
  });

  test("an index written before sizes were recorded still loads (unchecked)", async () => {
    const { dir, v } = await copyOfIndex();
    const manifest = await manifestOf(v);
    delete manifest.stored;
    await writeFile(path.join(v, "manifest.json"), JSON.stringify(manifest));
    const index = await readIndex(dir, { tokens: true });
    const intact = await readIndex(pristine, { tokens: true });
    expect(index.chunks).toEqual(intact.chunks);
    expect(index.vectors).toEqual(intact.vectors);
  });

  test("ingest over an index with a truncated file warns and rebuilds it from scratch", async () => {
    const { dir, v, version } = await copyOfIndex();
    const size = (await stat(path.join(v, "vectors.f32"))).size;
    await truncate(path.join(v, "vectors.f32"), size - 4);
    const { report, warnings } = await reingest(dir);
    expect(warnings).toEqual([`the index in ${dir} is unreadable (${version}/vectors.f32 has ${size - 4} bytes, expected ${size}); rebuilding it from scratch`]);
    await expectRebuilt(dir, report);
  });
});

describe("a damaged current.json or manifest", () => {
  const cases: Array<[string, (dir: string, v: string, version: string) => Promise<void>, (version: string) => string]> = [
    ["current.json is not JSON", (dir) => writeFile(path.join(dir, "current.json"), '{"version":"v-'), () => "current.json is not valid JSON"],
    ["current.json names no version", (dir) => writeFile(path.join(dir, "current.json"), "{}"), () => "current.json names no version folder"],
    ["current.json names a folder that is gone", (dir) => writeFile(path.join(dir, "current.json"), JSON.stringify({ version: "v-gone-00000000" })), () => "v-gone-00000000/manifest.json is missing"],
    [
      "the manifest is cut short",
      async (_dir, v) => {
        const raw = await readFile(path.join(v, "manifest.json"), "utf8");
        await writeFile(path.join(v, "manifest.json"), raw.slice(0, raw.length / 2));
      },
      (version) => `${version}/manifest.json is not valid JSON`,
    ],
    [
      "the manifest lacks the embedder",
      async (_dir, v) => {
        const m = await manifestOf(v);
        delete (m as Partial<Manifest>).embedder;
        await writeFile(path.join(v, "manifest.json"), JSON.stringify(m));
      },
      () => "manifest.json lacks embedder",
    ],
    [
      "the manifest's files are not an object",
      async (_dir, v) => {
        const m = await manifestOf(v);
        await writeFile(path.join(v, "manifest.json"), JSON.stringify({ ...m, files: null }));
      },
      () => "manifest.json lacks files",
    ],
  ];

  test.each(cases)("%s: readers say to run ingest --rebuild; ingest warns and rebuilds", async (_label, damage, reasonOf) => {
    const { dir, v, version } = await copyOfIndex();
    await damage(dir, v, version);
    const reason = reasonOf(version);
    const expected = `the index in ${dir} is unreadable (${reason}); run \`policybot ingest --rebuild\``;
    await expect(readIndex(dir)).rejects.toThrow(expected);
    await expect(readManifest(dir)).rejects.toThrow(expected);

    const { report, warnings } = await reingest(dir);
    expect(warnings).toEqual([`the index in ${dir} is unreadable (${reason}); rebuilding it from scratch`]);
    await expectRebuilt(dir, report);
  });

  test("an index of a newer format is not taken for a damaged one: ingest refuses it and leaves it alone", async () => {
    const { dir, v } = await copyOfIndex();
    const m = await manifestOf(v);
    await writeFile(path.join(v, "manifest.json"), JSON.stringify({ ...m, format: 99 }));
    const run = reingest(dir);
    await expect(run).rejects.toBeInstanceOf(IndexError);
    await expect(run).rejects.not.toBeInstanceOf(CorruptIndexError);
    await expect(run).rejects.toThrow(/format 99.*--rebuild/);
    expect((await manifestOf(v)).format).toBe(99);
  });
});

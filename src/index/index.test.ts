/**
 * The index built by the ingest pipeline over a temp copy of the seed corpus:
 * search finds literal passages, re-ingest is incremental (unchanged files
 * are not re-embedded, a changed file only re-embeds its own chunks, a
 * removed file loses its chunks), and an index built by another embedder is
 * refused.
 */
import { copyFile, mkdir, mkdtemp, readdir, rm, unlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

import { DOCS, SEEDS, SEED_FILES, seedLines } from "../../test/helpers/cli.js";
import { ingest, type IngestReport } from "../ingest/pipeline.js";
import { LocalNgramEmbeddings } from "../embed/local.js";
import { HybridRetriever } from "../retrieve/hybrid.js";
import { SwappableRetriever, openRetriever } from "../app.js";
import { loadConfig } from "../config.js";
import { IndexError } from "../util/errors.js";
import { indexExists, readIndex, readManifest, type IndexData } from "./store.js";

let tmp = "";
let docs = "";
let indexDir = "";
const embedder = new LocalNgramEmbeddings();

/** chunk id → its vector, as bytes, for comparing versions. */
function vectorsById(index: IndexData): Map<string, string> {
  const dim = index.manifest.embedder.dim;
  return new Map(index.chunks.map((c, i) => [c.id, Buffer.from(index.vectors.buffer, index.vectors.byteOffset + i * dim * 4, dim * 4).toString("base64")]));
}

function chunksOf(index: IndexData, file: string) {
  return index.chunks.filter((c) => c.file === file);
}

let first: IngestReport;
let firstIndex: IndexData;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), "policybot-index-"));
  docs = path.join(tmp, "docs");
  indexDir = path.join(tmp, "index");
  await mkdir(docs);
  for (const f of await readdir(DOCS)) if (SEED_FILES.includes(f)) await copyFile(path.join(DOCS, f), path.join(docs, f));
  first = await ingest({ paths: [docs], indexDir, embedder });
  firstIndex = await readIndex(indexDir, { tokens: true });
});

afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe("building the index", () => {
  test("the first ingest adds and embeds every chunk of the five seeds", () => {
    expect(first.files).toBe(5);
    expect([...first.added].sort()).toEqual([...SEED_FILES].sort());
    expect(first.changed).toEqual([]);
    expect(first.unchanged).toEqual([]);
    expect(first.removed).toEqual([]);
    expect(first.skipped).toEqual([]);
    expect(first.articles).toBe(5 + 10 + 5 + 9 + 9);
    expect(first.chunks).toBeGreaterThan(300);
    expect(first.embedded).toBe(first.chunks);
    expect(first.embedder).toEqual({ id: "local-ngram-v1:512", dim: 512 });
  });

  test("the stored index is complete and consistent", () => {
    const { manifest, chunks, vectors, tokens } = firstIndex;
    expect(indexExists(indexDir)).toBe(true);
    expect(manifest.embedder).toEqual({ id: embedder.id, dim: 512 });
    expect(manifest.chunkCount).toBe(first.chunks);
    expect(chunks).toHaveLength(first.chunks);
    expect(vectors.length).toBe(first.chunks * 512);
    expect(tokens).toHaveLength(first.chunks);
    expect(Object.keys(manifest.files).sort()).toEqual([...SEED_FILES].sort());
    expect(manifest.files[SEEDS.s004]!.articles.map((a) => a.title)[7]).toBe("以网上办公促政府服务升级 篇8");
    for (const f of SEED_FILES) expect(manifest.files[f]!.chunkCount).toBe(chunksOf(firstIndex, f).length);
    // Vectors are unit length (cosine = dot product).
    const v = vectors.subarray(0, 512);
    expect(Math.sqrt(v.reduce((s, x) => s + x * x, 0))).toBeCloseTo(1, 4);
    // Dropped lines are kept for `inspect`-like reporting.
    expect(manifest.files[SEEDS.s002]!.dropped).toContainEqual({ lineStart: 257, lineEnd: 263, reason: "related-articles list" });
  });
});

describe("search", () => {
  test("a literal query finds its passage first (004, 加强政务网维护, lines 15–17)", async () => {
    const r = new HybridRetriever(firstIndex, embedder);
    const res = await r.search("加强政务网维护");
    expect(res.results.length).toBeGreaterThan(0);
    const top = res.results[0]!;
    expect(top.rank).toBe(1);
    expect(top.chunk.file).toBe(SEEDS.s004);
    expect(top.chunk.text).toContain("加强政务网维护");
    expect(top.chunk.lineStart).toBe(15);
    expect(top.chunk.section.endsWith("（二）强化信息化建设，信息服务水平不断提高")).toBe(true);
    expect(res.confident).toBe(true);
    for (let i = 1; i < res.results.length; i++) expect(res.results[i]!.score).toBeLessThanOrEqual(res.results[i - 1]!.score);
  });

  test("a query in traditional characters finds the passage of a traditional seed (002 line 51, repaired mojibake)", async () => {
    const r = new HybridRetriever(firstIndex, embedder);
    const res = await r.search("績效評價目的");
    const top = res.results[0]!;
    expect(top.chunk.file).toBe(SEEDS.s002);
    expect(top.chunk.text).toContain("绩效评价目的");
    expect(top.chunk.lineStart).toBeLessThanOrEqual(51);
    expect(top.chunk.lineEnd).toBeGreaterThanOrEqual(51);
  });

  test("a literal sentence of 000 is found in 000 at its line", async () => {
    const r = new HybridRetriever(firstIndex, embedder);
    const res = await r.search("要合理、有效地运用干部实绩考核的结果");
    const hit = res.results.find((h) => h.chunk.text.includes("要合理、有效地运用干部实绩考核的结果"));
    expect(hit).toBeDefined();
    expect(hit!.rank).toBe(1);
    expect(hit!.chunk.file).toBe(SEEDS.s000);
    expect(hit!.chunk.lineStart).toBeLessThanOrEqual(57);
    expect(hit!.chunk.lineEnd).toBeGreaterThanOrEqual(57);
  });
});

describe("incremental ingest", () => {
  // The tests below run in order against the same index.
  let before: IndexData;

  test("re-running ingest re-embeds nothing", async () => {
    before = firstIndex;
    const r = await ingest({ paths: [docs], indexDir, embedder });
    expect(r.embedded).toBe(0);
    expect([...r.unchanged].sort()).toEqual([...SEED_FILES].sort());
    expect(r.added).toEqual([]);
    expect(r.changed).toEqual([]);
    expect(r.removed).toEqual([]);
    expect(r.chunks).toBe(first.chunks);
    const after = await readIndex(indexDir, { tokens: true });
    expect(after.chunks.map((c) => c.id)).toEqual(before.chunks.map((c) => c.id));
    expect(vectorsById(after)).toEqual(vectorsById(before));
    expect(after.tokens).toEqual(before.tokens);
    before = after;
  });

  test("changing one file re-embeds only that file's chunks", async () => {
    // 000 loses its fifth article: its real lines 1–241.
    const changed = SEEDS.s000;
    await writeFile(path.join(docs, changed), seedLines(changed).slice(0, 241).join("\n"));
    const r = await ingest({ paths: [docs], indexDir, embedder });
    const after = await readIndex(indexDir, { tokens: true });
    expect(r.changed).toEqual([changed]);
    expect([...r.unchanged].sort()).toEqual(SEED_FILES.filter((f) => f !== changed).sort());
    expect(r.added).toEqual([]);
    expect(r.removed).toEqual([]);
    const nowChanged = chunksOf(after, changed);
    expect(r.embedded).toBe(nowChanged.length);
    expect(nowChanged.length).toBeLessThan(chunksOf(before, changed).length);
    expect(after.manifest.files[changed]!.articles).toHaveLength(4);
    // The other files keep their chunks and vectors exactly.
    const beforeVectors = vectorsById(before);
    const afterVectors = vectorsById(after);
    for (const f of SEED_FILES.filter((x) => x !== changed)) {
      expect(chunksOf(after, f)).toEqual(chunksOf(before, f));
      for (const c of chunksOf(after, f)) expect(afterVectors.get(c.id)).toBe(beforeVectors.get(c.id));
    }
    expect(after.chunks).toHaveLength(r.chunks);
    before = after;
  });

  test("removing a file drops its chunks", async () => {
    const removed = SEEDS.s003;
    const count = chunksOf(before, removed).length;
    expect(count).toBeGreaterThan(0);
    await unlink(path.join(docs, removed));
    const r = await ingest({ paths: [docs], indexDir, embedder });
    const after = await readIndex(indexDir);
    expect(r.removed).toEqual([removed]);
    expect(r.embedded).toBe(0);
    expect(r.files).toBe(4);
    expect(r.chunks).toBe(before.chunks.length - count);
    expect(chunksOf(after, removed)).toEqual([]);
    expect(after.manifest.files[removed]).toBeUndefined();
    // Search no longer returns it.
    const res = await new HybridRetriever(after, embedder).search("市长质量奖");
    expect(res.results.every((h) => h.chunk.file !== removed)).toBe(true);
    before = after;
  });

  test("putting it back adds it again", async () => {
    await copyFile(path.join(DOCS, SEEDS.s003), path.join(docs, SEEDS.s003));
    const r = await ingest({ paths: [docs], indexDir, embedder });
    expect(r.added).toEqual([SEEDS.s003]);
    expect(r.embedded).toBe(chunksOf(await readIndex(indexDir), SEEDS.s003).length);
  });
});

describe("embedder identity", () => {
  test("ingest refuses an index built with another embedder id, and leaves it as it was", async () => {
    const other = new LocalNgramEmbeddings({ dim: 256 });
    expect(other.id).not.toBe(embedder.id);
    const manifestBefore = await readManifest(indexDir);
    await expect(ingest({ paths: [docs], indexDir, embedder: other })).rejects.toThrow(IndexError);
    await expect(ingest({ paths: [docs], indexDir, embedder: other })).rejects.toThrow(/local-ngram-v1:512.*local-ngram-v1:256|rebuild/);
    expect(await readManifest(indexDir)).toEqual(manifestBefore);
  });

  test("querying an index built with another embedder is refused (IndexError)", async () => {
    const otherDir = path.join(tmp, "index-256");
    const other = new LocalNgramEmbeddings({ dim: 256 });
    const r = await ingest({ paths: [path.join(docs, SEEDS.s004)], indexDir: otherDir, embedder: other });
    expect(r.embedder.id).toBe("local-ngram-v1:256");
    // The CLI's configuration asks for the default local embedder (512).
    await expect(openRetriever(loadConfig({ EMBEDDER: "local" }), otherDir)).rejects.toThrow(IndexError);
    // --rebuild is the way to switch embedders.
    const rebuilt = await ingest({ paths: [path.join(docs, SEEDS.s004)], indexDir: otherDir, embedder, rebuild: true });
    expect(rebuilt.embedded).toBe(rebuilt.chunks);
    await expect(openRetriever(loadConfig({ EMBEDDER: "local" }), otherDir)).resolves.toBeInstanceOf(HybridRetriever);
  });

  test("sources lists every file and article with its number of chunks", async () => {
    const swappable = new SwappableRetriever(await openRetriever(loadConfig({ EMBEDDER: "local" }), indexDir));
    const list = swappable.sources();
    const chunks = swappable.current.index.chunks;
    expect(list.map((s) => s.file).sort()).toEqual(Object.keys(swappable.current.index.manifest.files).sort());
    for (const s of list)
      for (const [i, a] of s.articles.entries()) {
        const index = swappable.current.index.manifest.files[s.file]!.articles[i]!.index;
        expect(a.chunks).toBe(chunks.filter((c) => c.file === s.file && c.articleIndex === index).length);
      }
    expect(list.flatMap((s) => s.articles).reduce((n, a) => n + a.chunks, 0)).toBe(chunks.length);
  });

  test("a missing index is an IndexError", async () => {
    await expect(readIndex(path.join(tmp, "nowhere"))).rejects.toThrow(IndexError);
  });
});

/**
 * The ingest pipeline's fast paths give the same index as the plain one:
 * worker threads vs this thread, an incremental update (new segment,
 * hard-linked old ones, graph copy with deleted points, merged postings) vs a
 * rebuild from scratch; a run with nothing changed rewrites no search
 * structure; enough updates are compacted back into one segment; an index of
 * the previous on-disk format is still updated.
 */
import { copyFile, mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

import { DOCS, ROOT, SEEDS, SEED_FILES, ensureBuilt, seedLines } from "../../test/helpers/cli.js";
import { LocalNgramEmbeddings } from "../embed/local.js";
import { readIndex, type IndexData, type Manifest } from "../index/store.js";
import { HybridRetriever } from "../retrieve/hybrid.js";
import { ingest } from "./pipeline.js";

const embedder = new LocalNgramEmbeddings();
let tmp = "";

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), "policybot-pipeline-"));
});

afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

async function seedCopy(name: string): Promise<string> {
  const dir = path.join(tmp, name);
  await mkdir(dir);
  for (const f of SEED_FILES) await copyFile(path.join(DOCS, f), path.join(dir, f));
  return dir;
}

/** Everything a search reads, in comparable form. */
function comparable(index: IndexData) {
  const postings = (b: IndexData["bm25"] | undefined) => b && { ...b.data, docLen: [...b.data.docLen], offsets: [...b.data.offsets], docs: [...b.data.docs], tfs: [...b.data.tfs] };
  expect(index.charBm25).toBeDefined();
  return {
    chunks: index.chunks,
    tokens: index.tokens,
    vectors: Buffer.from(index.vectors.buffer, index.vectors.byteOffset, index.vectors.byteLength).toString("base64"),
    bm25: postings(index.bm25),
    charBm25: postings(index.charBm25),
    files: Object.fromEntries(Object.entries(index.manifest.files).map(([f, e]) => [f, { ...e, bytesHash: undefined }])),
    hnsw: index.hnsw.size,
  };
}

/** Each chunk's own vector finds that chunk first. */
function expectGraphFindsRows(index: IndexData, every = 7): void {
  const dim = index.manifest.embedder.dim;
  for (let row = 0; row < index.chunks.length; row += every) {
    const [best] = index.hnsw.search(index.vectors.subarray(row * dim, (row + 1) * dim), 1);
    expect(best?.[1]).toBeCloseTo(1, 4);
    // Identical chunks may tie; the one found must have the same vector.
    expect(index.vectors.subarray(best![0] * dim, (best![0] + 1) * dim)).toEqual(index.vectors.subarray(row * dim, (row + 1) * dim));
  }
}

/** Insert a paragraph in the middle of a seed (its chunk count and every later row change). */
async function editSeed(dir: string, file: string, n: number): Promise<void> {
  const lines = seedLines(file);
  const at = Math.floor(lines.length / 2);
  lines.splice(at, 0, "", `（补充${n}）本段为测试增量索引而加入的内容：一个文件改动后，只有它的段落重新处理，其他文件的分块、词元和向量原样保留。`, "");
  await writeFile(path.join(dir, file), lines.join("\n"));
}

describe("incremental update", () => {
  test("changing one file updates the previous version and gives the same index as a rebuild", async () => {
    const docs = await seedCopy("update");
    const indexDir = path.join(tmp, "update-index");
    await ingest({ paths: [docs], indexDir, embedder });
    await editSeed(docs, SEEDS.s001, 1);
    const r = await ingest({ paths: [docs], indexDir, embedder, profile: true });
    expect(r.timings?.mode).toBe("update");
    expect(r.changed).toEqual([SEEDS.s001]);
    const updated = await readIndex(indexDir, { tokens: true });
    // The changed file's rows are in a new segment; the others are the previous version's.
    expect(new Set(updated.manifest.layout!.map((l) => l.seg)).size).toBe(2);
    expect(updated.hnsw.deletedCount).toBeGreaterThan(0);

    const rebuilt = await ingest({ paths: [docs], indexDir: path.join(tmp, "update-rebuilt"), embedder });
    expect(rebuilt.chunks).toBe(r.chunks);
    const fresh = await readIndex(path.join(tmp, "update-rebuilt"), { tokens: true });
    expect(comparable(updated)).toEqual(comparable(fresh));
    expectGraphFindsRows(updated);
    const res = await new HybridRetriever(updated, embedder).search("加强政务网维护");
    expect(res.results[0]?.chunk.text).toContain("加强政务网维护");
  });

  test("a run where nothing changed links the search structures instead of rewriting them", async () => {
    const docs = await seedCopy("same");
    const indexDir = path.join(tmp, "same-index");
    await ingest({ paths: [docs], indexDir, embedder });
    const version = async () => path.join(indexDir, (JSON.parse(await readFile(path.join(indexDir, "current.json"), "utf8")) as { version: string }).version);
    const before = await version();
    const inodes = async (v: string) => Promise.all(["hnsw.bin", "bm25-docs.u32", "vectors.f32", "chunks.jsonl"].map(async (f) => (await stat(path.join(v, f))).ino));
    const was = await inodes(before);
    const r = await ingest({ paths: [docs], indexDir, embedder, profile: true });
    expect(r.embedded).toBe(0);
    const after = await version();
    expect(after).not.toBe(before);
    expect(await inodes(after)).toEqual(was);
    expect((await readIndex(indexDir)).chunks).toHaveLength(r.chunks);
  });

  test("enough changes are written anew as one segment", async () => {
    const docs = await seedCopy("compact");
    const indexDir = path.join(tmp, "compact-index");
    await ingest({ paths: [docs], indexDir, embedder });
    const modes: string[] = [];
    for (let n = 1; n <= 4; n++) {
      await editSeed(docs, [SEEDS.s000, SEEDS.s001, SEEDS.s002, SEEDS.s004][n - 1]!, n);
      modes.push((await ingest({ paths: [docs], indexDir, embedder, profile: true })).timings!.mode);
    }
    // Small seeds: each is ≥ 10 % of the rows, so a few updates cross the 25 % threshold and the index is rewritten.
    expect(modes).toContain("update");
    expect(modes).toContain("fresh");
    const index = await readIndex(indexDir, { tokens: true });
    const fresh = await ingest({ paths: [docs], indexDir: path.join(tmp, "compact-rebuilt"), embedder });
    expect(index.chunks).toHaveLength(fresh.chunks);
    expect(comparable(index)).toEqual(comparable(await readIndex(path.join(tmp, "compact-rebuilt"), { tokens: true })));
  });

  test("an index in the previous format (one segment, no layout, no character index) is read and updated", async () => {
    const docs = await seedCopy("format1");
    const indexDir = path.join(tmp, "format1-index");
    await ingest({ paths: [docs], indexDir, embedder });
    const v = path.join(indexDir, (JSON.parse(await readFile(path.join(indexDir, "current.json"), "utf8")) as { version: string }).version);
    const manifest = JSON.parse(await readFile(path.join(v, "manifest.json"), "utf8")) as Manifest;
    delete manifest.layout;
    delete manifest.segments;
    // Nor did it record its files' sizes and checksums.
    delete manifest.stored;
    for (const e of Object.values(manifest.files)) delete e.bytesHash;
    manifest.format = 1;
    await writeFile(path.join(v, "manifest.json"), JSON.stringify(manifest));
    // Format 1 wrote tokens without a final newline.
    const tokens = await readFile(path.join(v, "tokens.txt"), "utf8");
    await writeFile(path.join(v, "tokens.txt"), tokens.replace(/\n$/, ""));
    for (const f of await readdir(v)) if (f.startsWith("cbm25")) await rm(path.join(v, f));
    const old = await readIndex(indexDir);
    expect(old.chunks.length).toBe(manifest.chunkCount);
    expect(old.charBm25).toBeUndefined();

    await editSeed(docs, SEEDS.s004, 1);
    const r = await ingest({ paths: [docs], indexDir, embedder });
    expect(r.changed).toEqual([SEEDS.s004]);
    expect([...r.unchanged].sort()).toEqual(SEED_FILES.filter((f) => f !== SEEDS.s004).sort());
    const updated = await readIndex(indexDir, { tokens: true });
    expect(updated.manifest.format).toBe(2);
    await ingest({ paths: [docs], indexDir: path.join(tmp, "format1-rebuilt"), embedder });
    expect(comparable(updated)).toEqual(comparable(await readIndex(path.join(tmp, "format1-rebuilt"), { tokens: true })));
  });
});

describe("worker threads", () => {
  test("the built pipeline with two workers writes the same index as one thread", async () => {
    ensureBuilt();
    const built = (await import(path.join(ROOT, "dist/ingest/pipeline.js"))) as typeof import("./pipeline.js");
    const docs = await seedCopy("workers");
    const r = await built.ingest({ paths: [docs], indexDir: path.join(tmp, "workers-2"), embedder, workers: 2, profile: true });
    expect(r.timings?.workers).toBe(2);
    const one = await ingest({ paths: [docs], indexDir: path.join(tmp, "workers-0"), embedder, workers: 0 });
    expect(one.chunks).toBe(r.chunks);
    const a = await readIndex(path.join(tmp, "workers-2"), { tokens: true });
    const b = await readIndex(path.join(tmp, "workers-0"), { tokens: true });
    expect(comparable(a)).toEqual(comparable(b));
    expect(await readdir(path.join(tmp, "workers-2"))).toHaveLength(2);
  }, 60_000);
});

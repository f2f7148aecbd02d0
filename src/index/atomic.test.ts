/**
 * Atomic index updates: `policybot ingest` (the built CLI, in a child process)
 * is SIGKILLed at many points of a run — after fixed delays, and the moment
 * the new version folder, its HNSW graph, its manifest, or the replacement
 * current.json appear. Wherever the kill lands, the index must load with
 * readIndex and answer a search, holding either the previous version or the
 * complete new one and nothing in between; and a following ingest must
 * complete.
 */
import { spawn } from "node:child_process";
import { existsSync, readdirSync, watch, type FSWatcher } from "node:fs";
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

import { DOCS, MAIN, SEED_FILES, cliEnv, ensureBuilt, oneJsonDocument, runCli } from "../../test/helpers/cli.js";
import { LocalNgramEmbeddings } from "../embed/local.js";
import { HybridRetriever } from "../retrieve/hybrid.js";
import { readIndex } from "./store.js";

interface Corpus {
  name: string;
  dir: string;
  files: string[];
  /** How many copies of the five seeds it holds. */
  copies: number;
}

let tmp = "";
let indexDir = "";
let previousChunks = 0;
/** The index before any kill: the five seeds. */
let previous: Corpus;
/**
 * 15 files (three renamed copies of the seeds), 2–3 s of ingest, for the
 * timed kills: the delays land in different stages.
 */
let large: Corpus;
/**
 * 5 renamed copies: every file is new, so a run processes, embeds and writes
 * everything, but gets to the write stage sooner. For the kills triggered by
 * watching the index folder, which do not depend on timing.
 */
let renamed: Corpus;
const embedder = new LocalNgramEmbeddings();

async function makeCorpus(name: string, copies: number, prefix: (i: number) => string): Promise<Corpus> {
  const dir = path.join(tmp, name);
  await mkdir(dir);
  for (const f of SEED_FILES) for (let i = 1; i <= copies; i++) await copyFile(path.join(DOCS, f), path.join(dir, `${prefix(i)}${f}`));
  return { name, dir, files: (await readdir(dir)).sort(), copies };
}

beforeAll(async () => {
  ensureBuilt();
  tmp = await mkdtemp(path.join(os.tmpdir(), "policybot-atomic-"));
  indexDir = path.join(tmp, "index");
  previous = await makeCorpus("previous", 1, () => "");
  large = await makeCorpus("large", 3, (i) => `copy${i}_`);
  renamed = await makeCorpus("renamed", 1, () => "renamed_");
  const r = await runCli(["ingest", previous.dir, "--index", indexDir, "--json"]);
  expect(r.code, r.stderr).toBe(0);
  previousChunks = (oneJsonDocument(r.stdout) as { chunks: number }).chunks;
  expect(previousChunks).toBeGreaterThan(300);
}, 60_000);

afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

/**
 * The index loads, is exactly one of the given complete versions (same files,
 * all their chunks, vectors, tokens and graph), and answers a search.
 * Returns the corpus it holds.
 */
async function assertIndexUsable(candidates: Corpus[]): Promise<Corpus> {
  const index = await readIndex(indexDir, { tokens: true });
  const files = Object.keys(index.manifest.files).sort();
  const holds = candidates.find((c) => c.files.length === files.length && c.files.every((f, i) => f === files[i]));
  expect(holds, `the index holds ${files.join(", ")}`).toBeDefined();
  expect(index.chunks).toHaveLength(previousChunks * holds!.copies);
  expect(index.manifest.chunkCount).toBe(index.chunks.length);
  expect(index.vectors.length).toBe(index.chunks.length * index.manifest.embedder.dim);
  expect(index.tokens).toHaveLength(index.chunks.length);
  expect(index.hnsw.size).toBe(index.chunks.length);
  const res = await new HybridRetriever(index, embedder).search("加强政务网维护");
  expect(res.results.length).toBeGreaterThan(0);
  expect(res.results[0]!.chunk.text).toContain("加强政务网维护");
  return holds!;
}

/** Put the previous version back when a run got to publish its own, so every run starts from the same index and does the full work. */
async function resetToPrevious(): Promise<void> {
  if ((await assertIndexUsable([previous, large, renamed])) === previous) return;
  // --rebuild: the other corpus's files are still on disk, and an ingest does not drop such files without it.
  const r = await runCli(["ingest", previous.dir, "--index", indexDir, "--rebuild", "--json"]);
  expect(r.code, r.stderr).toBe(0);
  expect(await assertIndexUsable([previous])).toBe(previous);
}

type Trigger = { after: number } | { appears: "version" | "hnsw.bin" | "manifest.json" | "current.tmp" };

/**
 * Run `ingest CORPUS` and SIGKILL it at the trigger. Resolves with how the
 * child ended (killed, or finished before the kill landed) — for the record
 * only: the assertions afterwards hold either way.
 */
async function ingestAndKill(corpus: Corpus, trigger: Trigger): Promise<{ killed: boolean; code: number | null }> {
  const existing = new Set(await readdir(indexDir));
  // --rebuild: the corpus replaces the previous one, whose files are still on disk (see resetToPrevious).
  const child = spawn(process.execPath, [MAIN, "ingest", corpus.dir, "--index", indexDir, "--rebuild", "--json"], { env: cliEnv(), stdio: "ignore" });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
  const kill = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  };

  const watchers: FSWatcher[] = [];
  let timer: NodeJS.Timeout | undefined;
  let poll: NodeJS.Timeout | undefined;
  if ("after" in trigger) {
    timer = setTimeout(kill, trigger.after);
  } else {
    const target = trigger.appears;
    let versionDir: string | undefined;
    const check = () => {
      let names: string[];
      try {
        // Synchronous on purpose: the kill follows the observation at once.
        names = readdirSync(indexDir);
      } catch {
        return;
      }
      if (target === "current.tmp") {
        // Only this run's: a killed run before may have left its own behind.
        if (names.some((n) => n.startsWith("current.json.") && n.endsWith(".tmp") && !existing.has(n))) kill();
        return;
      }
      const v = names.find((n) => n.startsWith("v-") && !existing.has(n));
      if (!v) return;
      if (target === "version") return kill();
      if (!versionDir) {
        versionDir = path.join(indexDir, v);
        try {
          watchers.push(watch(versionDir, check));
        } catch {
          // Already gone (the run finished): the poll covers it.
        }
      }
      if (existsSync(path.join(versionDir, target))) kill();
    };
    watchers.push(watch(indexDir, check));
    // fs.watch may coalesce events; a short poll makes sure nothing is missed.
    poll = setInterval(check, 2);
  }
  const end = await exited;
  if (timer) clearTimeout(timer);
  if (poll) clearInterval(poll);
  for (const w of watchers) w.close();
  return { killed: end.signal === "SIGKILL", code: end.code };
}

describe("a killed ingest never damages the index", () => {
  const outcomes: string[] = [];

  const runs: Array<[string, () => Corpus, Trigger]> = [
    ["100 ms after start (loading modules)", () => large, { after: 100 }],
    ["600 ms after start (finding and loading files)", () => large, { after: 600 }],
    ["1.2 s after start (processing, embedding)", () => large, { after: 1200 }],
    ["when the new version folder appears", () => renamed, { appears: "version" }],
    ["when the HNSW graph is being written", () => renamed, { appears: "hnsw.bin" }],
    ["when the manifest is being written", () => renamed, { appears: "manifest.json" }],
    ["when current.json is about to be replaced", () => renamed, { appears: "current.tmp" }],
  ];

  test.each(runs)("SIGKILL %s", async (label, corpusOf, trigger) => {
    await resetToPrevious();
    const corpus = corpusOf();
    const end = await ingestAndKill(corpus, trigger);
    outcomes.push(`${label}: ${end.killed ? "killed" : `finished (${end.code})`}`);
    // A run the kill did not reach must have succeeded and published its version.
    if (!end.killed) expect(end.code).toBe(0);
    const holds = await assertIndexUsable(end.killed ? [previous, corpus] : [corpus]);
    expect([previous, corpus]).toContain(holds);
    // current.json always names a folder that exists and is complete.
    const current = JSON.parse(await readFile(path.join(indexDir, "current.json"), "utf8")) as { version: string };
    expect(existsSync(path.join(indexDir, current.version, "manifest.json"))).toBe(true);
  }, 30_000);

  test("the CLI's search answers from the index the kills left behind (with their leftover folders and temp files)", async () => {
    const r = await runCli(["search", "加强政务网维护", "--index", indexDir, "--json"]);
    expect(r.code, r.stderr).toBe(0);
    const out = oneJsonDocument(r.stdout) as { results: Array<{ text: string }> };
    expect(out.results[0]!.text).toContain("加强政务网维护");
    expect((await readdir(indexDir)).filter((n) => n.startsWith("v-")).length).toBeGreaterThan(1);
  });

  test("most runs were really interrupted (the corpus is big enough for the delays)", () => {
    expect(outcomes).toHaveLength(runs.length);
    expect(outcomes.filter((o) => o.endsWith("killed")).length, outcomes.join("\n")).toBeGreaterThanOrEqual(4);
  });

  test("a following ingest completes and publishes the new version; leftovers of finished writes are cleaned up", async () => {
    await resetToPrevious();
    const r = await runCli(["ingest", large.dir, "--index", indexDir, "--rebuild", "--json"]);
    expect(r.code, r.stderr).toBe(0);
    const report = oneJsonDocument(r.stdout) as { files: number; chunks: number; removed: string[] };
    expect(report.files).toBe(large.files.length);
    expect(report.chunks).toBe(previousChunks * large.copies);
    expect([...report.removed].sort()).toEqual(previous.files);
    expect(await assertIndexUsable([large])).toBe(large);
    // Other versions that are complete are removed, and so are temp files;
    // only folders of killed runs that never got their manifest may remain
    // (an ingest running in parallel could still be writing them).
    const current = (JSON.parse(await readFile(path.join(indexDir, "current.json"), "utf8")) as { version: string }).version;
    for (const name of await readdir(indexDir)) {
      if (name.startsWith("v-") && name !== current) expect(existsSync(path.join(indexDir, name, "manifest.json")), name).toBe(false);
      expect(name.endsWith(".tmp"), name).toBe(false);
    }
  }, 30_000);
});

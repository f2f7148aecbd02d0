/**
 * Atomic index updates: `policybot ingest` (the built CLI, in a child process)
 * is SIGKILLed at many points of a run over a larger corpus — after fixed
 * delays, and the moment the new version folder, its files, or the
 * replacement current.json appear. Wherever the kill lands, the index must
 * load with readIndex and answer a search, holding either the previous
 * version or the complete new one and nothing in between; and a following
 * ingest must complete.
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

/**
 * Copies of the five seeds in the larger corpus: 15 files, 2–3 s of ingest,
 * so the timed kills land in different stages. The kills at the write stage
 * are not timed but triggered by watching the index folder.
 */
const COPIES = 3;

let tmp = "";
let small = "";
let large = "";
let indexDir = "";
let largeFiles: string[] = [];
let previousChunks = 0;
const embedder = new LocalNgramEmbeddings();

beforeAll(async () => {
  ensureBuilt();
  tmp = await mkdtemp(path.join(os.tmpdir(), "policybot-atomic-"));
  small = path.join(tmp, "small");
  large = path.join(tmp, "large");
  indexDir = path.join(tmp, "index");
  await mkdir(small);
  await mkdir(large);
  for (const f of SEED_FILES) {
    await copyFile(path.join(DOCS, f), path.join(small, f));
    for (let i = 1; i <= COPIES; i++) await copyFile(path.join(DOCS, f), path.join(large, `copy${i}_${f}`));
  }
  largeFiles = (await readdir(large)).sort();
  const r = await runCli(["ingest", small, "--index", indexDir, "--json"]);
  expect(r.code, r.stderr).toBe(0);
  previousChunks = (oneJsonDocument(r.stdout) as { chunks: number }).chunks;
}, 60_000);

afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

type State = "previous" | "new";

/** The index loads, is one of the two complete versions, and answers a search. */
async function assertIndexUsable(): Promise<State> {
  const index = await readIndex(indexDir, { tokens: true });
  const files = Object.keys(index.manifest.files).sort();
  let state: State;
  if (files.length === SEED_FILES.length) {
    expect(files).toEqual([...SEED_FILES].sort());
    expect(index.chunks).toHaveLength(previousChunks);
    state = "previous";
  } else {
    expect(files).toEqual(largeFiles);
    expect(index.chunks).toHaveLength(previousChunks * COPIES);
    state = "new";
  }
  expect(index.manifest.chunkCount).toBe(index.chunks.length);
  expect(index.vectors.length).toBe(index.chunks.length * index.manifest.embedder.dim);
  expect(index.tokens).toHaveLength(index.chunks.length);
  expect(index.hnsw.size).toBe(index.chunks.length);
  const res = await new HybridRetriever(index, embedder).search("加强政务网维护");
  expect(res.results.length).toBeGreaterThan(0);
  expect(res.results[0]!.chunk.text).toContain("加强政务网维护");
  return state;
}

/** Put the index back to the small corpus when a run got to publish the large one, so every run does the full work. */
async function resetToPrevious(): Promise<void> {
  const r = await runCli(["ingest", small, "--index", indexDir, "--json"]);
  expect(r.code, r.stderr).toBe(0);
  expect(await assertIndexUsable()).toBe("previous");
}

type Trigger = { after: number } | { appears: "version" | "hnsw.bin" | "manifest.json" | "current.tmp" };

/**
 * Run `ingest LARGE` and SIGKILL it at the trigger. Resolves with how the
 * child ended (killed, or finished before the kill landed) — for the record
 * only: the assertions afterwards do not depend on it.
 */
async function ingestAndKill(trigger: Trigger): Promise<{ killed: boolean; code: number | null }> {
  const existing = new Set(await readdir(indexDir));
  const child = spawn(process.execPath, [MAIN, "ingest", large, "--index", indexDir, "--json"], { env: cliEnv(), stdio: "ignore" });
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
    const newVersion = (names: string[]) => names.find((n) => n.startsWith("v-") && !existing.has(n));
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
        if (names.some((n) => n.startsWith("current.json.") && n.endsWith(".tmp"))) kill();
        return;
      }
      const v = newVersion(names);
      if (!v) return;
      if (target === "version") return kill();
      if (!versionDir) {
        versionDir = path.join(indexDir, v);
        try {
          watchers.push(watch(versionDir, check));
        } catch {
          // The folder may already be gone (the run finished): the poll covers it.
        }
      }
      if (existsSync(path.join(versionDir, target))) kill();
    };
    watchers.push(watch(indexDir, check));
    poll = setInterval(check, 2);
  }
  const end = await exited;
  if (timer) clearTimeout(timer);
  if (poll) clearInterval(poll);
  for (const w of watchers) w.close();
  return { killed: end.signal === "SIGKILL", code: end.code };
}

describe("a killed ingest never damages the index", () => {
  const triggers: Array<[string, Trigger]> = [
    ["100 ms after start (loading modules)", { after: 100 }],
    ["600 ms after start (reading the previous index, loading files)", { after: 600 }],
    ["1.2 s after start (processing, embedding)", { after: 1200 }],
    ["when the new version folder appears", { appears: "version" }],
    ["when the HNSW graph is being written", { appears: "hnsw.bin" }],
    ["when the manifest is being written", { appears: "manifest.json" }],
    ["when current.json is about to be replaced", { appears: "current.tmp" }],
  ];

  const outcomes: string[] = [];

  test.each(triggers)("SIGKILL %s", async (label, trigger) => {
    if ((await assertIndexUsable()) === "new") await resetToPrevious();
    const end = await ingestAndKill(trigger);
    outcomes.push(`${label}: ${end.killed ? "killed" : `finished (${end.code})`}`);
    // Finished runs must have succeeded; killed ones leave either version.
    if (!end.killed) expect(end.code).toBe(0);
    const state = await assertIndexUsable();
    if (!end.killed) expect(state).toBe("new");
    // current.json always names a folder that exists and is complete.
    const current = JSON.parse(await readFile(path.join(indexDir, "current.json"), "utf8")) as { version: string };
    expect(existsSync(path.join(indexDir, current.version, "manifest.json"))).toBe(true);
  }, 30_000);

  test("the CLI still answers from the index after the kills", async () => {
    const r = await runCli(["search", "加强政务网维护", "--index", indexDir, "--json"]);
    expect(r.code, r.stderr).toBe(0);
    const out = oneJsonDocument(r.stdout) as { results: Array<{ text: string }> };
    expect(out.results[0]!.text).toContain("加强政务网维护");
    // At least some runs were really interrupted (the corpus is big enough).
    expect(outcomes.filter((o) => o.endsWith("killed")).length).toBeGreaterThanOrEqual(4);
  });

  test("a following ingest completes and publishes the new version; finished leftovers are cleaned up", async () => {
    if ((await assertIndexUsable()) === "new") await resetToPrevious();
    const r = await runCli(["ingest", large, "--index", indexDir, "--json"]);
    expect(r.code, r.stderr).toBe(0);
    const report = oneJsonDocument(r.stdout) as { files: number; chunks: number; removed: string[] };
    expect(report.files).toBe(largeFiles.length);
    expect(report.chunks).toBe(previousChunks * COPIES);
    expect([...report.removed].sort()).toEqual([...SEED_FILES].sort());
    expect(await assertIndexUsable()).toBe("new");
    // Versions other than the current one that are complete are removed;
    // only folders of killed runs that never got their manifest may remain.
    const current = (JSON.parse(await readFile(path.join(indexDir, "current.json"), "utf8")) as { version: string }).version;
    for (const name of await readdir(indexDir)) {
      if (name.startsWith("v-") && name !== current) expect(existsSync(path.join(indexDir, name, "manifest.json")), name).toBe(false);
      expect(name.endsWith(".tmp"), name).toBe(false);
    }
  }, 30_000);
});

/**
 * The benchmark run: for each corpus size, build the synthetic corpus, then
 * run each task in a child process of its own (ingest, the LangChain.js
 * baseline, search, re-ingest, the single-thread profile) and gather the
 * figures, the baselines' ratios and the targets.
 */
import { fork } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { packagePath } from "../util/paths.js";
import { buildCorpus, type CorpusInfo } from "./corpus.js";
import { benchQueries } from "./queries.js";
import { round } from "./stats.js";
import { benchEmbedder, benchEnv, runTask, type IngestResult, type LangchainResult, type ProfileResult, type ReingestResult, type SearchResult, type TaskName } from "./tasks.js";

export interface BenchOptions {
  sizes: number[];
  /** First N questions of the query set (default: all). */
  queries?: number;
  /** Timed passes over the query set (default 3). */
  passes?: number;
  concurrency?: number[];
  /** Run tasks in this process instead of child processes (smoke test; memory figures are then the whole process's). */
  inProcess?: boolean;
  profile?: boolean;
  langchain?: boolean;
  seedDir?: string;
  /** Where corpora and indexes go (default: a new folder under the system temp dir, removed afterwards). */
  workDir?: string;
  keep?: boolean;
  log?: (message: string) => void;
}

export interface SizeResult {
  factor: number;
  corpus: Omit<CorpusInfo, "dir">;
  ingest: IngestResult & { chunksPerSec: number; mbPerSec: number };
  reingest: ReingestResult & { coldShare: number; warmShare: number };
  search: SearchResult & { hnswSpeedup: number; bm25Ratio: { p50: number; p95: number } };
  langchain?: LangchainResult & { ratio: number };
  profile?: ProfileResult;
}

export interface Target {
  name: string;
  target: string;
  value: string;
  met: boolean;
  /** What dominates, when missed. */
  note?: string;
}

export interface BenchReport {
  date: string;
  machine: { cpus: number; cpuModel: string; memoryGB: number; node: string; platform: string; loadAvgStart: number[]; loadAvgEnd: number[] };
  embedder: string;
  queries: number;
  passes: number;
  sizes: SizeResult[];
  /** Judged on the largest size run (the targets are stated for 100×). */
  targets: { factor: number; list: Target[] };
}

const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), "child.js");

async function inChild<T>(task: TaskName, args: unknown, inProcess: boolean): Promise<T> {
  if (inProcess) return (await runTask(task, args)) as T;
  return new Promise<T>((resolve, reject) => {
    const child = fork(CHILD, [], { env: benchEnv(), stdio: ["ignore", "ignore", "inherit", "ipc"], execArgv: [] });
    let done = false;
    child.once("message", (m: { ok: boolean; result?: unknown; error?: string }) => {
      done = true;
      if (m.ok) resolve(m.result as T);
      else reject(new Error(`bench task ${task} failed: ${m.error}`));
    });
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      if (!done) reject(new Error(`bench task ${task} exited (${signal ?? code}) without a result`));
    });
    child.send({ task, args });
  });
}

export async function runBench(options: BenchOptions): Promise<BenchReport> {
  const log = options.log ?? (() => undefined);
  const queries = benchQueries(options.queries);
  const passes = options.passes ?? 3;
  const concurrency = options.concurrency ?? [1, 4, 16];
  const inProcess = options.inProcess ?? false;
  const work = options.workDir ?? (await fs.mkdtemp(path.join(os.tmpdir(), "policybot-bench-")));
  await fs.mkdir(work, { recursive: true });
  const loadAvgStart = os.loadavg().map((x) => round(x, 2));
  const sizes: SizeResult[] = [];
  try {
    for (const factor of options.sizes) {
      const dir = path.join(work, `x${factor}`);
      await fs.rm(dir, { recursive: true, force: true });
      log(`${factor}×: building the corpus`);
      const { dir: corpusDir, ...corpus } = await buildCorpus(options.seedDir ?? packagePath("data", "docs"), path.join(dir, "corpus"), factor);
      const index = path.join(dir, "index");
      log(`${factor}×: ${corpus.files} files, ${(corpus.bytes / 1e6).toFixed(1)} MB; ingest`);
      const ing = await inChild<IngestResult>("ingest", { corpus: corpusDir, index }, inProcess);
      log(`${factor}×: ${ing.chunks} chunks in ${(ing.ms / 1000).toFixed(1)} s, peak ${ing.peakRssMB} MB`);

      let langchain: SizeResult["langchain"];
      if (options.langchain !== false) {
        log(`${factor}×: LangChain.js baseline`);
        const lc = await inChild<LangchainResult>("langchain", { corpus: corpusDir, out: path.join(dir, "langchain") }, inProcess);
        langchain = { ...lc, ratio: round(ing.ms / lc.ms, 3) };
        log(`${factor}×: baseline ${lc.chunks} chunks in ${(lc.ms / 1000).toFixed(1)} s`);
        await fs.rm(path.join(dir, "langchain"), { recursive: true, force: true });
      }

      log(`${factor}×: search (${queries.length} queries × ${passes})`);
      const s = await inChild<SearchResult>("search", { index, queries, passes, concurrency }, inProcess);
      log(`${factor}×: hybrid p50 ${s.hybrid.p50} ms, p95 ${s.hybrid.p95} ms; find p95 ${s.find.p95} ms; recall@10 ${s.recallAt10} (tie-aware ${s.recallAt10TieAware})`);

      const names = (await fs.readdir(corpusDir)).sort();
      const mid = Math.floor(names.length / 2);
      const touch: [string, string] = [names[mid]!, names[Math.min(names.length - 1, mid + 1)]!];
      log(`${factor}×: re-ingest after changing ${touch[0]}`);
      const re = await inChild<ReingestResult>("reingest", { corpus: corpusDir, index, touch }, inProcess);
      log(`${factor}×: re-ingest ${re.cold.ms} ms (then ${re.warm.ms} ms in a warm process)`);

      let profile: ProfileResult | undefined;
      if (options.profile !== false) {
        log(`${factor}×: single-thread profile`);
        profile = await inChild<ProfileResult>("profile", { corpus: corpusDir, index: path.join(dir, "profile") }, inProcess);
      }

      sizes.push({
        factor,
        corpus,
        ingest: { ...ing, chunksPerSec: round(ing.chunks / (ing.ms / 1000), 0), mbPerSec: round(corpus.bytes / 1e6 / (ing.ms / 1000), 2) },
        reingest: { ...re, coldShare: round(re.cold.ms / ing.ms, 4), warmShare: round(re.warm.ms / ing.ms, 4) },
        search: {
          ...s,
          hnswSpeedup: round(s.bruteForce.mean / s.hnsw.mean, 1),
          bm25Ratio: { p50: round(s.hybrid.p50 / s.bm25.p50, 2), p95: round(s.hybrid.p95 / s.bm25.p95, 2) },
        },
        ...(langchain ? { langchain } : {}),
        ...(profile ? { profile } : {}),
      });
      if (!options.keep) await fs.rm(dir, { recursive: true, force: true });
    }
  } finally {
    if (!options.keep && !options.workDir) await fs.rm(work, { recursive: true, force: true });
  }
  const cpus = os.cpus();
  return {
    date: new Date().toISOString(),
    machine: {
      cpus: os.availableParallelism(),
      cpuModel: cpus[0]?.model.trim() ?? "unknown",
      memoryGB: round(os.totalmem() / 2 ** 30, 1),
      node: process.version,
      platform: `${os.platform()} ${os.release()} ${os.arch()}`,
      loadAvgStart,
      loadAvgEnd: os.loadavg().map((x) => round(x, 2)),
    },
    embedder: benchEmbedder().id,
    queries: queries.length,
    passes,
    sizes,
    targets: judge(sizes),
  };
}

/** The targets, judged on the largest size that was run. */
export function judge(sizes: readonly SizeResult[]): BenchReport["targets"] {
  const s = [...sizes].sort((a, b) => b.factor - a.factor)[0];
  if (!s) return { factor: 0, list: [] };
  const sec = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  const t = s.ingest.timings;
  const list: Target[] = [];
  list.push({ name: "full ingest", target: "< 90 s", value: sec(s.ingest.ms), met: s.ingest.ms < 90_000 });
  list.push({ name: "hybrid search p95", target: "< 20 ms", value: `${s.search.hybrid.p95} ms`, met: s.search.hybrid.p95 < 20 });
  const peak = Math.max(s.ingest.peakRssMB, s.search.peakRssMB, s.reingest.peakRssMB);
  list.push({ name: "peak memory (ingest, search, re-ingest)", target: "< 1.5 GB", value: `${peak} MB`, met: peak < 1536 });
  list.push({
    name: "HNSW recall@10 vs exact",
    target: "≥ 0.98",
    value: `${s.search.recallAt10TieAware} (strict ${s.search.recallAt10})`,
    met: s.search.recallAt10TieAware >= 0.98,
  });
  const cold = s.reingest.cold;
  const ct = cold.timings;
  list.push({
    name: "re-ingest after one changed file",
    target: "< 5 % of full ingest",
    value: `${sec(cold.ms)} = ${pct(s.reingest.coldShare)} (warm process: ${sec(s.reingest.warm.ms)} = ${pct(s.reingest.warmShare)})`,
    met: s.reingest.coldShare < 0.05,
    ...(ct
      ? {
          note:
            `fresh process: ${Math.round(ct.prepare)} ms finding and hashing the files, ${Math.round(ct.wait)} ms processing the changed file in this thread` +
            (s.profile ? ` (loading the jieba dictionary alone takes ~${Math.round(s.profile.stages.jiebaLoad)} ms)` : "") +
            ` while the previous graph and postings are read in the background, ${Math.round(ct.bm25)} ms merging the postings, ${Math.round(ct.hnsw)} ms updating the graph, ${Math.round(ct.write)} ms finishing the writes`,
        }
      : {}),
  });
  if (s.langchain) {
    list.push({
      name: "ingest vs plain LangChain.js pipeline (same corpus, same embedder)",
      target: "≤ 1.0×",
      value: `${sec(s.ingest.ms)} vs ${sec(s.langchain.ms)} = ${s.langchain.ratio}×`,
      met: s.langchain.ratio <= 1,
      note:
        `CPU ${sec(s.ingest.cpuMs)} vs ${sec(s.langchain.cpuMs)}` +
        (s.ingest.otherCores !== undefined ? `; other processes used ${s.ingest.otherCores} of the ${os.availableParallelism()} cores during policybot's ingest, ${s.langchain.otherCores ?? "?"} during the baseline's` : "") +
        (t ? `; main thread: ${sec(t.hnsw)} HNSW insertion, ${sec(t.bm25)} BM25, ${sec(t.wait)} waiting for workers` : ""),
    });
  }
  return { factor: s.factor, list };
}

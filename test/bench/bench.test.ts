/**
 * Smoke test of the benchmark code (the benchmarks themselves are not part of
 * `npm test`): the 1× corpus, a tiny query set, tasks in this process; the
 * report has every figure, the figures are sane, and BENCHMARKS.md renders.
 */
import { readdir } from "node:fs/promises";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, test } from "vitest";

import { buildCorpus, perturb } from "../../src/bench/corpus.js";
import { runBench, type BenchReport } from "../../src/bench/run.js";
import { renderMarkdown } from "../../src/bench/report.js";
import { analysis } from "../../src/bench/notes.js";
import { percentile } from "../../src/bench/stats.js";
import { DOCS, SEED_FILES, seedText } from "../helpers/cli.js";

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

test("synthetic corpora: copy 0 is the seeds, copies differ from them and from each other, deterministically", async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), "policybot-bench-corpus-"));
  dirs.push(dir);
  const info = await buildCorpus(DOCS, dir, 3);
  expect(info.files).toBe(SEED_FILES.length * 3);
  expect((await readdir(dir)).length).toBe(15);
  const seed = seedText(SEED_FILES[0]!);
  expect(perturb(seed, 7)).toBe(perturb(seed, 7));
  expect(perturb(seed, 7)).not.toBe(perturb(seed, 8));
  expect(perturb(seed, 7)).not.toBe(seed);
  // Heading numbers and article markers survive: they are what splitting and chunking key on.
  expect(perturb(seed, 7)).toMatch(/^一、/m);
  expect(perturb(seed, 7)).toMatch(/篇[一二三四五]$/m);
});

test("percentiles are nearest-rank", () => {
  expect(percentile([5, 1, 4, 2, 3], 50)).toBe(3);
  expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95)).toBe(10);
  expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
});

test("a 1× run reports sane figures and renders BENCHMARKS.md", async () => {
  const work = await mkdtemp(path.join(os.tmpdir(), "policybot-bench-smoke-"));
  dirs.push(work);
  const r: BenchReport = await runBench({ sizes: [1], queries: 4, passes: 1, concurrency: [1, 2], inProcess: true, profile: false, workDir: work });
  expect(r.sizes).toHaveLength(1);
  const s = r.sizes[0]!;
  expect(s.factor).toBe(1);
  expect(s.corpus.files).toBe(SEED_FILES.length);
  expect(s.ingest.chunks).toBeGreaterThan(300);
  expect(s.ingest.ms).toBeGreaterThan(0);
  expect(s.ingest.chunksPerSec).toBeGreaterThan(0);
  expect(s.ingest.peakRssMB).toBeGreaterThan(10);
  expect(s.ingest.indexBytes).toBeGreaterThan(1e6);
  expect(s.ingest.timings?.mode).toBe("fresh");
  // Re-ingest: one file changed, the previous version updated, only that file embedded.
  expect(s.reingest.cold.changed).toHaveLength(1);
  expect(s.reingest.cold.timings?.mode).toBe("update");
  expect(s.reingest.cold.embedded).toBeLessThan(s.ingest.chunks / 2);
  expect(s.reingest.unchanged.embedded).toBe(0);
  expect(s.reingest.warm.changed).toHaveLength(1);
  expect(s.reingest.coldShare).toBeGreaterThan(0);
  // Search: latencies ordered, recall in range, baselines measured.
  const q = s.search;
  expect(q.queries).toBe(4);
  expect(q.hybrid.n).toBe(4);
  expect(q.hybrid.p50).toBeGreaterThan(0);
  expect(q.hybrid.p50).toBeLessThanOrEqual(q.hybrid.p95);
  expect(q.hybrid.p95).toBeLessThanOrEqual(q.hybrid.p99);
  expect(q.find.n).toBe(4);
  expect(q.find.p50).toBeGreaterThan(0);
  expect(q.find.p50).toBeLessThanOrEqual(q.find.p95);
  expect(q.throughput.map((t) => t.concurrency)).toEqual([1, 2]);
  expect(q.throughput.every((t) => t.qps > 0)).toBe(true);
  expect(q.bm25.p50).toBeGreaterThan(0);
  expect(q.recallAt10).toBeGreaterThan(0.5);
  expect(q.recallAt10).toBeLessThanOrEqual(1);
  expect(q.recallAt10TieAware).toBeGreaterThanOrEqual(q.recallAt10);
  expect(q.hnswSpeedup).toBeGreaterThan(0);
  expect(s.langchain?.chunks).toBeGreaterThan(100);
  expect(s.langchain?.ratio).toBeGreaterThan(0);
  // Targets are judged and the report renders with the machine and every section.
  expect(r.targets.factor).toBe(1);
  expect(r.targets.list.map((t) => t.name)).toHaveLength(6);
  expect(r.machine.cpus).toBeGreaterThan(0);
  const md = renderMarkdown(r, analysis(r));
  expect(md).toContain("# Benchmarks");
  expect(md).toContain("## 1× corpus");
  expect(md).toContain(`${r.machine.cpus} cores`);
  expect(md).toMatch(/hybrid search latency/);
  expect(md).toMatch(/find latency \(documents for a topic, k = 5\)/);
}, 60_000);

/** BENCHMARKS.md from a benchmark report. */
import type { BenchReport, SizeResult } from "./run.js";

const s1 = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const ms1 = (ms: number) => `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

function table(rows: Array<[string, string]>, head: [string, string] = ["", ""]): string {
  return [`| ${head[0]} | ${head[1]} |`, "|---|---|", ...rows.map(([a, b]) => `| ${a} | ${b} |`)].join("\n");
}

function sizeTable(s: SizeResult): string {
  const i = s.ingest;
  const t = i.timings;
  const r = s.reingest;
  const q = s.search;
  const rows: Array<[string, string]> = [
    ["corpus", `${s.corpus.files} files, ${mb(s.corpus.bytes)}, ${(s.corpus.chars / 1e6).toFixed(2)} M characters`],
    ["chunks", `${i.chunks} (${i.articles} articles)`],
    ["full ingest", `${s1(i.ms)} (CPU ${s1(i.cpuMs)}${t ? `; ${t.workers} worker threads` : ""}${i.otherCores !== undefined ? `; other processes used ${i.otherCores} cores meanwhile` : ""})`],
    ["ingest throughput", `${i.chunksPerSec} chunks/s, ${i.mbPerSec} MB/s`],
    ["peak memory (RSS), ingest", `${i.peakRssMB} MB`],
    ["index size on disk", mb(i.indexBytes)],
    ["re-ingest, one file changed (fresh process)", `${s1(r.cold.ms)} = ${pct(r.coldShare)} of full; ${r.cold.embedded} chunks embedded; ${r.cold.timings?.mode ?? "?"} mode`],
    ["re-ingest, one file changed (warm process)", `${s1(r.warm.ms)} = ${pct(r.warmShare)} of full`],
    ["re-ingest, nothing changed", s1(r.unchanged.ms)],
    ["index load (openRetriever)", `${s1(q.loadMs)}, peak ${q.peakRssMB} MB`],
    ["hybrid search latency (k = 10)", `p50 ${ms1(q.hybrid.p50)}, p95 ${ms1(q.hybrid.p95)}, p99 ${ms1(q.hybrid.p99)} (${q.hybrid.n} searches)`],
    [
      "hybrid search, part by part (mean / p95)",
      `query normalisation + segmentation ${ms1(q.parts.query.mean)} / ${ms1(q.parts.query.p95)}; BM25 words ${ms1(q.parts.words.mean)} / ${ms1(q.parts.words.p95)}; BM25 characters ${ms1(q.parts.chars.mean)} / ${ms1(q.parts.chars.p95)}; vector side (embed + HNSW, ${q.parts.candidates} candidates) ${ms1(q.parts.vector.mean)} / ${ms1(q.parts.vector.p95)}; the rest (fusion, near-duplicate removal, confidence) ${ms1(q.parts.rest.mean)} on average`,
    ],
    ["find latency (documents for a topic, k = 5)", `p50 ${ms1(q.find.p50)}, p95 ${ms1(q.find.p95)}, p99 ${ms1(q.find.p99)} (${q.find.n} queries)`],
    ["hybrid throughput, in-process", q.throughput.map((x) => `${x.qps} q/s at ${x.concurrency} in flight`).join("; ")],
    ["plain BM25 latency (no vectors)", `p50 ${ms1(q.bm25.p50)}, p95 ${ms1(q.bm25.p95)}; hybrid/BM25 = ${q.bm25Ratio.p50}× (p50), ${q.bm25Ratio.p95}× (p95)`],
    ["HNSW search (k = 10, ef = " + q.ef + ")", `mean ${ms1(q.hnsw.mean)}, p95 ${ms1(q.hnsw.p95)}`],
    ["exact brute-force search", `mean ${ms1(q.bruteForce.mean)}, p95 ${ms1(q.bruteForce.p95)}; HNSW speed-up ${q.hnswSpeedup}×`],
    ["HNSW recall@10 vs exact", `${q.recallAt10TieAware} counting ties (strict: ${q.recallAt10})`],
    ["query embedding", `mean ${ms1(q.embedQuery.mean)}`],
  ];
  if (s.langchain) {
    const l = s.langchain;
    rows.push([
      "plain LangChain.js pipeline",
      `${s1(l.ms)} for ${l.chunks} chunks (chunkSize ${l.chunkSize}, overlap ${l.chunkOverlap}): load ${s1(l.stages.load)}, split ${s1(l.stages.split)}, embed ${s1(l.stages.embed)}, HNSW ${s1(l.stages.hnsw)}, save ${s1(l.stages.save)}; CPU ${s1(l.cpuMs)}; peak ${l.peakRssMB} MB${l.otherCores !== undefined ? `; other processes used ${l.otherCores} cores meanwhile` : ""}`,
    ]);
    rows.push(["policybot ingest / LangChain.js", `${l.ratio}×`]);
  }
  if (t) {
    rows.push([
      "ingest, where the wall time went (main thread)",
      `prepare ${s1(t.prepare)}, waiting for workers ${s1(t.wait)}, HNSW insertion ${s1(t.hnsw)}, BM25 ${s1(t.bm25)}, main-thread embedding ${s1(t.mainEmbed)}, writing ${s1(t.write)}`,
    ]);
    rows.push([
      "ingest, per-file stages summed over workers",
      `read ${s1(t.read)}, clean+split+chunk ${s1(t.process)}, segmentation ${s1(t.tokenize)}, character grams ${s1(t.chars)}, the file's postings ${s1(t.postings)}, embedding ${s1(t.embed)}, serialisation ${s1(t.serialize)}`,
    ]);
  }
  return table(rows, ["measure", "value"]);
}

function growthTable(sizes: readonly SizeResult[]): string {
  const head = `| | ${sizes.map((s) => `${s.factor}×`).join(" | ")} |`;
  const sep = `|---|${sizes.map(() => "---").join("|")}|`;
  const row = (label: string, f: (s: SizeResult) => string) => `| ${label} | ${sizes.map(f).join(" | ")} |`;
  return [
    head,
    sep,
    row("text", (s) => mb(s.corpus.bytes)),
    row("chunks", (s) => String(s.ingest.chunks)),
    row("full ingest", (s) => s1(s.ingest.ms)),
    row("chunks/s", (s) => String(s.ingest.chunksPerSec)),
    row("MB/s", (s) => String(s.ingest.mbPerSec)),
    row("peak RSS (ingest)", (s) => `${s.ingest.peakRssMB} MB`),
    row("index on disk", (s) => mb(s.ingest.indexBytes)),
    row("re-ingest (1 file, fresh process)", (s) => `${s1(s.reingest.cold.ms)} (${pct(s.reingest.coldShare)})`),
    row("re-ingest (1 file, warm process)", (s) => `${s1(s.reingest.warm.ms)} (${pct(s.reingest.warmShare)})`),
    row("hybrid p50 / p95 / p99", (s) => `${ms1(s.search.hybrid.p50)} / ${ms1(s.search.hybrid.p95)} / ${ms1(s.search.hybrid.p99)}`),
    row("find p50 / p95", (s) => `${ms1(s.search.find.p50)} / ${ms1(s.search.find.p95)}`),
    row("hybrid q/s (1 / 16 in flight)", (s) => `${s.search.throughput[0]?.qps ?? "–"} / ${s.search.throughput[s.search.throughput.length - 1]?.qps ?? "–"}`),
    row("BM25 p50 / p95", (s) => `${ms1(s.search.bm25.p50)} / ${ms1(s.search.bm25.p95)}`),
    row("hybrid ÷ BM25 (p50)", (s) => `${s.search.bm25Ratio.p50}×`),
    row("HNSW recall@10 (ties / strict)", (s) => `${s.search.recallAt10TieAware} / ${s.search.recallAt10}`),
    row("HNSW vs brute force (mean)", (s) => `${ms1(s.search.hnsw.mean)} vs ${ms1(s.search.bruteForce.mean)} (${s.search.hnswSpeedup}×)`),
    row("LangChain.js pipeline", (s) => (s.langchain ? `${s1(s.langchain.ms)} (${s.langchain.chunks} chunks)` : "–")),
    row("ingest ÷ LangChain.js", (s) => (s.langchain ? `${s.langchain.ratio}×` : "–")),
  ].join("\n");
}

function profileTable(sizes: readonly SizeResult[]): string {
  const withProfile = sizes.filter((s) => s.profile);
  if (!withProfile.length) return "(not measured: run without --no-profile)";
  const keys: Array<[keyof NonNullable<SizeResult["profile"]>["stages"], string]> = [
    ["jiebaLoad", "jieba dictionary load (once per thread)"],
    ["read", "read + decode"],
    ["clean", "cleaning (all rules)"],
    ["conversion", "… of which traditional → simplified (opencc-js)"],
    ["splitChunk", "article splitting + chunking"],
    ["segmentation", "segmentation (nodejieba cutForSearch)"],
    ["charGrams", "character unigrams + bigrams"],
    ["embedding", "embedding"],
    ["hnswInsertion", "HNSW insertion"],
    ["bm25", "BM25 postings (jieba tokens)"],
    ["charBm25", "BM25 postings (character grams)"],
    ["write", "serialise + write + fsync"],
  ];
  const head = `| stage | ${withProfile.map((s) => `${s.factor}×`).join(" | ")} |`;
  const sep = `|---|${withProfile.map(() => "---").join("|")}|`;
  const rows = keys.map(([k, label]) => `| ${label} | ${withProfile.map((s) => `${s1(s.profile!.stages[k])} (${pct(s.profile!.stages[k] / s.profile!.total)})`).join(" | ")} |`);
  rows.push(`| total (one thread) | ${withProfile.map((s) => s1(s.profile!.total)).join(" | ")} |`);
  return [head, sep, ...rows].join("\n");
}

export function renderMarkdown(r: BenchReport, notes = ""): string {
  const m = r.machine;
  const out: string[] = [];
  out.push("# Benchmarks");
  out.push("");
  out.push(
    `Generated by \`npm run bench\` (\`node dist/bench/main.js --sizes ${r.sizes.map((s) => s.factor).join(",")}\`; \`npm run -s bench -- --json\` also prints every figure as one JSON object, \`--sizes 1,10\` runs fewer sizes) on ${r.date.slice(0, 10)} (${r.date}). ` +
      `Machine: ${m.cpus} cores (${m.cpuModel}), ${m.memoryGB} GB memory, Node ${m.node}, ${m.platform}. ` +
      `Load average at the start ${m.loadAvgStart.join(" ")}, at the end ${m.loadAvgEnd.join(" ")} (other work on the machine shows up in every wall-clock figure).`,
  );
  out.push("");
  out.push(
    `Embedder: ${r.embedder} (the default offline one). Queries: the ${r.queries} questions of test/eval/questions.jsonl, ${r.passes} timed passes after one warm-up pass. ` +
      "Corpora: the five seed files of data/docs at N× their size — copy 0 is the seeds themselves, copies 1…N−1 are perturbed (articles of a compilation shuffled, sentences of each paragraph rotated, digits and place names replaced, common words swapped for synonyms) so that chunks are not identical. " +
      "Every task runs in a child process of its own, so peak memory is that task's alone.",
  );
  out.push("");
  out.push(`## Targets (${r.targets.factor}× corpus)`);
  out.push("");
  out.push("| target | goal | measured | met |");
  out.push("|---|---|---|---|");
  for (const t of r.targets.list) out.push(`| ${t.name} | ${t.target} | ${t.value} | ${t.met ? "yes" : `**no**${t.note ? ` — ${t.note}` : ""}`} |`);
  out.push("");
  out.push("## How cost grows");
  out.push("");
  out.push(growthTable(r.sizes));
  out.push("");
  for (const s of r.sizes) {
    out.push(`## ${s.factor}× corpus`);
    out.push("");
    out.push(sizeTable(s));
    out.push("");
  }
  out.push("## Where the time goes (one thread, stage after stage)");
  out.push("");
  out.push(
    "The same work as an ingest, measured stage by stage in one thread (bench/tasks.ts `taskProfile`): what each stage costs on its own. The real ingest spreads load → embed over worker threads and overlaps HNSW insertion, BM25 and writing with them on the main thread.",
  );
  out.push("");
  out.push(profileTable(r.sizes));
  out.push("");
  if (notes.trim()) {
    out.push(notes.trim());
    out.push("");
  }
  return out.join("\n");
}

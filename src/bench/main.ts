/**
 * `npm run bench`: ingestion and search benchmarks at 1×, 10× and 100× the
 * seed corpus, against plain baselines, in one run; writes BENCHMARKS.md.
 *
 *   node dist/bench/main.js [--sizes 1,10,100] [--json] [--queries N] [--passes N]
 *                           [--no-profile] [--no-langchain] [--out FILE] [--no-write] [--keep] [--work DIR]
 *   node dist/bench/main.js --render REPORT.json   (BENCHMARKS.md again from a saved --json report)
 *
 * Progress goes to stderr; with --json, stdout holds one JSON object with every figure
 * (through npm: `npm run -s bench -- --json`, since npm prints its own banner on stdout).
 */
import fs from "node:fs/promises";
import { packagePath } from "../util/paths.js";
import { runBench, type BenchOptions, type BenchReport } from "./run.js";
import { renderMarkdown } from "./report.js";
import { analysis } from "./notes.js";

interface Cli extends BenchOptions {
  json: boolean;
  out: string;
  write: boolean;
  /** Render BENCHMARKS.md from a report saved with --json instead of running. */
  render?: string;
}

function usage(message: string): never {
  process.stderr.write(`${message}\nusage: node dist/bench/main.js [--sizes 1,10,100] [--json] [--queries N] [--passes N] [--no-profile] [--no-langchain] [--out FILE] [--no-write] [--keep] [--work DIR] | --render REPORT.json\n`);
  process.exit(2);
}

function parse(argv: string[]): Cli {
  const o: Cli = { sizes: [1, 10, 100], json: false, out: packagePath("BENCHMARKS.md"), write: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => argv[++i] ?? usage(`${a} needs a value`);
    const int = (s: string) => {
      const n = Number(s);
      if (!Number.isInteger(n) || n < 1) usage(`${a}: not a positive integer: ${s}`);
      return n;
    };
    if (a === "--sizes") o.sizes = value().split(",").map((x) => int(x.trim()));
    else if (a === "--json") o.json = true;
    else if (a === "--queries") o.queries = int(value());
    else if (a === "--passes") o.passes = int(value());
    else if (a === "--no-profile") o.profile = false;
    else if (a === "--no-langchain") o.langchain = false;
    else if (a === "--out") o.out = value();
    else if (a === "--no-write") o.write = false;
    else if (a === "--keep") o.keep = true;
    else if (a === "--work") o.workDir = value();
    else if (a === "--render") o.render = value();
    else if (a === "--help" || a === "-h") usage("");
    else usage(`unknown option ${a}`);
  }
  return o;
}

const cli = parse(process.argv.slice(2));
const started = Date.now();
const report: BenchReport = cli.render
  ? (JSON.parse(await fs.readFile(cli.render, "utf8")) as BenchReport)
  : await runBench({ ...cli, log: (m) => process.stderr.write(`[bench ${((Date.now() - started) / 1000).toFixed(0)} s] ${m}\n`) });
if (cli.write) {
  await fs.writeFile(cli.out, renderMarkdown(report, analysis(report)));
  process.stderr.write(`wrote ${cli.out}\n`);
}
if (cli.json) process.stdout.write(`${JSON.stringify(report)}\n`);
else for (const t of report.targets.list) process.stderr.write(`${t.met ? "met    " : "MISSED "} ${t.name}: ${t.value} (goal ${t.target})\n`);

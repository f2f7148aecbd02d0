/**
 * Shared by the ingestion, index and CLI tests: the seed corpus read by line
 * number (fixtures are real lines, never invented text), and the built CLI
 * run as a child process.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmdirSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const DOCS = path.join(ROOT, "data/docs");
export const MAIN = path.join(ROOT, "dist/cli/main.js");

export const SEEDS = {
  s000: "000_1c877c88cc443075.txt",
  s001: "001_084f284d8a8a9e43.txt",
  s002: "002_e3554324031b6b29.txt",
  s003: "003_9b54f81a9d65b260.txt",
  s004: "004_aca56f0dfc7b8c1b.txt",
} as const;
export const SEED_FILES: readonly string[] = Object.values(SEEDS);

const cache = new Map<string, string>();

/** The raw text of a seed file. */
export function seedText(file: string): string {
  let t = cache.get(file);
  if (t === undefined) cache.set(file, (t = readFileSync(path.join(DOCS, file), "utf8")));
  return t;
}

/** The raw lines of a seed file; index 0 is line 1. */
export function seedLines(file: string): string[] {
  return seedText(file).split("\n");
}

/** One raw line of a seed file, 1-based; throws if the line does not exist. */
export function seedLine(file: string, n: number): string {
  const lines = seedLines(file);
  if (n < 1 || n > lines.length) throw new Error(`${file} has no line ${n} (it has ${lines.length})`);
  return lines[n - 1]!;
}

// ---------------------------------------------------------------------------
// The built CLI

function newestMtime(dir: string, accept: (name: string) => boolean): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full, accept));
    else if (accept(entry.name)) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

function distIsStale(): boolean {
  if (!existsSync(MAIN)) return true;
  const src = newestMtime(path.join(ROOT, "src"), (n) => n.endsWith(".ts") && !n.endsWith(".test.ts"));
  return src > statSync(MAIN).mtimeMs;
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * `npm test` builds first; when the tests run on their own, build dist/ once
 * if it is missing or older than the sources. Test files run in parallel
 * processes, so the build is serialised with a lock directory.
 */
export function ensureBuilt(): void {
  if (!distIsStale()) return;
  const lock = path.join(os.tmpdir(), `policybot-build-${Buffer.from(ROOT).toString("hex").slice(-24)}.lock`);
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock left by a test process that died while building.
      const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 120_000) {
        try {
          rmdirSync(lock);
        } catch {
          // Someone else removed it first.
        }
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for the build lock ${lock}`);
      sleepSync(100);
    }
  }
  try {
    if (!distIsStale()) return;
    const r = spawnSync("npm", ["run", "build"], { cwd: ROOT, encoding: "utf8" });
    // tsc emits even with type errors elsewhere in the tree (work in progress
    // by others); what these tests need is the emitted JavaScript.
    if (!existsSync(MAIN)) throw new Error(`npm run build did not produce ${MAIN}:\n${r.stdout}\n${r.stderr}`);
    if (r.status !== 0) process.stderr.write(`warning: npm run build exited ${r.status}; testing the emitted dist/ anyway\n${r.stdout}`);
  } finally {
    rmdirSync(lock);
  }
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Run `node dist/cli/main.js ARGS`. The environment is pinned so the result
 * does not depend on the developer's .env (the CLI reads it with dotenv from
 * the working directory, which is a temp dir here).
 */
export function runCli(
  args: string[],
  options: { input?: string; cwd?: string; env?: Record<string, string>; /** run as this user (the test must be root) */ uid?: number; gid?: number } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, ...args], {
      cwd: options.cwd ?? os.tmpdir(),
      env: cliEnv(options.env),
      stdio: ["pipe", "pipe", "pipe"],
      ...(options.uid !== undefined ? { uid: options.uid } : {}),
      ...(options.gid !== undefined ? { gid: options.gid } : {}),
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
    child.stdin.end(options.input ?? "");
  });
}

/** A minimal, deterministic environment for the CLI: local embedder, no LLM, no Telegram, no progress bars. */
export function cliEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? os.tmpdir(), CI: "1", LOG_LEVEL: "error", EMBEDDER: "local" };
  return { ...env, ...extra };
}

/** stdout of a --json command parsed as exactly one JSON document on one line; throws otherwise. */
export function oneJsonDocument(stdout: string): unknown {
  if (!stdout.endsWith("\n")) throw new Error(`stdout does not end with a newline: ${JSON.stringify(stdout.slice(-200))}`);
  const body = stdout.slice(0, -1);
  if (body.includes("\n")) throw new Error(`stdout holds more than one line:\n${stdout.slice(0, 2000)}`);
  return JSON.parse(body);
}

/** Small helpers for the benchmarks: percentiles, timing, sizes on disk. */
import fs from "node:fs/promises";
import { readFileSync } from "node:fs";
import path from "node:path";

/** Nearest-rank percentile of `xs` (not necessarily sorted), p in 0..100. */
export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const rank = Math.min(s.length, Math.max(1, Math.ceil((p / 100) * s.length)));
  return s[rank - 1]!;
}

export function mean(xs: readonly number[]): number {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN;
}

export interface Latency {
  n: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function latency(xs: readonly number[]): Latency {
  return { n: xs.length, mean: round(mean(xs), 3), p50: round(percentile(xs, 50), 3), p95: round(percentile(xs, 95), 3), p99: round(percentile(xs, 99), 3), max: round(Math.max(...xs), 3) };
}

export function round(x: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** Peak resident set size of this process so far, MB (worker threads included). */
export function peakRssMB(): number {
  return round(process.resourceUsage().maxRSS / 1024, 0);
}

/** CPU time (user + system) of this process since `since`, ms. */
export function cpuMs(since: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(since);
  return round((d.user + d.system) / 1000, 0);
}

/** Bytes of the regular files under `dir` (hard links counted once per name). */
export async function dirBytes(dir: string): Promise<number> {
  let total = 0;
  for (const e of await fs.readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) total += await dirBytes(p);
    else if (e.isFile()) total += (await fs.stat(p)).size;
  }
  return total;
}

/** The folder of the current version of an index. */
export async function currentVersionDir(indexDir: string): Promise<string> {
  const { version } = JSON.parse(await fs.readFile(path.join(indexDir, "current.json"), "utf8")) as { version: string };
  return path.join(indexDir, version);
}

/** CPU time all processes have used, ms (Linux /proc/stat; undefined elsewhere). */
function machineBusyMs(): number | undefined {
  try {
    const line = readFileSync("/proc/stat", "utf8").split("\n")[0]!;
    const f = line.trim().split(/\s+/).slice(1).map(Number);
    const total = f.slice(0, 8).reduce((a, b) => a + b, 0);
    const idle = (f[3] ?? 0) + (f[4] ?? 0);
    return ((total - idle) * 1000) / 100; // USER_HZ = 100
  } catch {
    return undefined;
  }
}

export interface Busy {
  at: number;
  machine: number | undefined;
  own: NodeJS.CpuUsage;
}

export function busyNow(): Busy {
  return { at: performance.now(), machine: machineBusyMs(), own: process.cpuUsage() };
}

/** Cores' worth of CPU that other processes used since `since` (how much of the machine this measurement did not have). */
export function otherCores(since: Busy): number | undefined {
  const now = machineBusyMs();
  if (now === undefined || since.machine === undefined) return undefined;
  const own = cpuMs(since.own);
  const wall = performance.now() - since.at;
  return wall > 0 ? round(Math.max(0, now - since.machine - own) / wall, 2) : undefined;
}

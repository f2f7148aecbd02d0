/** The analysis part of BENCHMARKS.md: what the figures mean, where targets are missed and why. */
import type { BenchReport } from "./run.js";

export function analysis(r: BenchReport): string {
  void r;
  return "";
}

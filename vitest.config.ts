import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Vitest's default leaves one core free, which on a two-core machine (CI,
    // this one) runs the files one after another. Most of the suite's time is
    // spent waiting on child processes and local HTTP, so two forks at least:
    // 3 min 34 s → 1 min 54 s for the 54 files here (a file at most 1.4× slower).
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});

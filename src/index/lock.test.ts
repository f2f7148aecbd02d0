/**
 * One ingest per index folder (index/lock.ts): a second ingest while one runs
 * is refused with a one-line message naming the first, instead of both
 * publishing and the first's work being lost; a lock left by a process that
 * no longer runs is taken over with a warning; readers ignore the lock.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, utimes, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";

import { writeSmallDocs } from "../../test/helpers/small-docs.js";
import { LocalNgramEmbeddings } from "../embed/local.js";
import type { Embedder } from "../embed/types.js";
import { ingest, type IngestOptions } from "../ingest/pipeline.js";
import { PolicybotError } from "../util/errors.js";
import { LOCK_FILE, acquireIngestLock } from "./lock.js";
import { readIndex, readManifest } from "./store.js";

const embedder = new LocalNgramEmbeddings();
let tmp = "";
let docs = "";
let names: string[] = [];
const children: ChildProcess[] = [];

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), "policybot-lock-"));
  docs = path.join(tmp, "docs");
  names = await writeSmallDocs(docs);
});

afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
});

afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

const pad = (n: number) => String(n).padStart(2, "0");
const hhmm = (d: Date) => `${pad(d.getHours())}:${pad(d.getMinutes())}`;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A process that runs until killed: a live pid that is not this one. */
async function liveProcess(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
  children.push(child);
  await once(child, "spawn");
  return child;
}

/** The pid of a process that has exited (and been reaped). */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
  await once(child, "exit");
  return child.pid!;
}

function run(indexDir: string, warnings: string[], extra: Partial<IngestOptions> = {}) {
  return ingest({ paths: [docs], indexDir, embedder, workers: 0, onWarning: (m) => warnings.push(m), ...extra });
}

describe("one ingest per index folder", () => {
  test("a second ingest while one runs fails with a one-line message naming the first; the first completes and releases the lock", async () => {
    const indexDir = path.join(tmp, "concurrent");
    const lockFile = path.join(indexDir, LOCK_FILE);
    let second: Promise<unknown> | undefined;
    let held: { pid: number; startedAt: string } | undefined;
    // The first ingest embeds (after its first progress report) only once the second has ended: they overlap whatever the timing.
    const waiting: Embedder = {
      id: embedder.id,
      dimension: () => embedder.dimension(),
      embedQuery: (t) => embedder.embedQuery(t),
      embedDocuments: async (texts) => {
        await second?.catch(() => undefined);
        return embedder.embedDocuments(texts);
      },
    };
    const first = run(indexDir, [], {
      embedder: waiting,
      onProgress: (stage) => {
        // The first ingest is under way (and holds the lock): start another into the same folder.
        if (stage !== "load" || second) return;
        second = (async () => {
          held = JSON.parse(await readFile(lockFile, "utf8")) as { pid: number; startedAt: string };
          return run(indexDir, []);
        })();
        second.catch(() => undefined);
      },
    });
    const report = await first;
    expect(second).toBeDefined();
    const err = await second!.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(PolicybotError);
    expect((err as PolicybotError).exitCode).toBe(1);
    expect(held!.pid).toBe(process.pid);
    const message = (err as Error).message;
    expect(message).toBe(`another ingest (pid ${process.pid}) is writing to ${indexDir} since ${hhmm(new Date(held!.startedAt))}; wait for it or remove ${lockFile}`);
    expect(message).not.toContain("\n");
    // The first one's work is all there, and the lock is gone.
    expect([...report.added].sort()).toEqual(names);
    expect(Object.keys((await readIndex(indexDir)).manifest.files).sort()).toEqual(names);
    expect(existsSync(lockFile)).toBe(false);
  });

  test("a lock held by another running process refuses the ingest and leaves the index as it was; once that process is gone the lock is taken over with a warning", async () => {
    const indexDir = path.join(tmp, "foreign");
    const lockFile = path.join(indexDir, LOCK_FILE);
    await run(indexDir, []);
    const before = await readManifest(indexDir);
    const other = await liveProcess();
    // Started three days ago: the message gives the date too.
    const startedAt = new Date(Date.now() - 3 * 86_400_000);
    await writeFile(lockFile, JSON.stringify({ pid: other.pid, startedAt: startedAt.toISOString() }));

    const warnings: string[] = [];
    const day = `${startedAt.getFullYear()}-${pad(startedAt.getMonth() + 1)}-${pad(startedAt.getDate())}`;
    await expect(run(indexDir, warnings, { rebuild: true })).rejects.toThrow(
      new RegExp(`^another ingest \\(pid ${other.pid}\\) is writing to ${escape(indexDir)} since ${day} ${hhmm(startedAt)}; wait for it or remove ${escape(lockFile)}$`),
    );
    expect(await readManifest(indexDir)).toEqual(before);
    // Someone else's lock is not removed by the refused run.
    expect(JSON.parse(await readFile(lockFile, "utf8"))).toMatchObject({ pid: other.pid });

    other.kill("SIGKILL");
    await once(other, "exit");
    const report = await run(indexDir, warnings, { rebuild: true });
    expect(report.files).toBe(names.length);
    expect(warnings).toEqual([`taking over ${lockFile}: the ingest that held it (pid ${other.pid}, since ${day} ${hhmm(startedAt)}) is no longer running`]);
    expect(existsSync(lockFile)).toBe(false);
  });

  test("a lock left by a process that has exited is taken over with a warning", async () => {
    const indexDir = path.join(tmp, "stale");
    const lockFile = path.join(indexDir, LOCK_FILE);
    const pid = await deadPid();
    await mkdir(indexDir);
    await writeFile(lockFile, JSON.stringify({ pid, startedAt: new Date().toISOString() }));
    const warnings: string[] = [];
    const report = await run(indexDir, warnings);
    expect(report.files).toBe(names.length);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(new RegExp(`^taking over ${escape(lockFile)}: the ingest that held it \\(pid ${pid}, since \\d\\d:\\d\\d\\) is no longer running$`));
    expect(existsSync(lockFile)).toBe(false);
  });

  test("a lock naming this process's pid that this process does not hold was left by an earlier process with the same pid (a restarted container) and is stale", async () => {
    const indexDir = path.join(tmp, "same-pid");
    const lock = await acquireIngestLock(indexDir, () => undefined);
    const content = await readFile(path.join(indexDir, LOCK_FILE), "utf8");
    await lock.release();
    // As the earlier process left it: same pid, not held by this process.
    await writeFile(path.join(indexDir, LOCK_FILE), content);
    const warnings: string[] = [];
    const report = await run(indexDir, warnings);
    expect(report.files).toBe(names.length);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`(pid ${process.pid}, since`);
  });

  test("a lock file that names no owner is respected while fresh (an ingest is writing it) and taken over once old", async () => {
    const indexDir = path.join(tmp, "no-owner");
    const lockFile = path.join(indexDir, LOCK_FILE);
    await mkdir(indexDir);
    await writeFile(lockFile, "");
    const warnings: string[] = [];
    await expect(run(indexDir, warnings)).rejects.toThrow(`another ingest is starting to write to ${indexDir}; wait for it or remove ${lockFile}`);
    expect(existsSync(path.join(indexDir, "current.json"))).toBe(false);
    const old = new Date(Date.now() - 60_000);
    await utimes(lockFile, old, old);
    const report = await run(indexDir, warnings);
    expect(report.files).toBe(names.length);
    expect(warnings).toEqual([`taking over ${lockFile}: it does not say which ingest holds it (left by one that was killed?)`]);
  });

  test("reading the index ignores the lock", async () => {
    const indexDir = path.join(tmp, "read");
    await run(indexDir, []);
    const other = await liveProcess();
    await writeFile(path.join(indexDir, LOCK_FILE), JSON.stringify({ pid: other.pid, startedAt: new Date().toISOString() }));
    const index = await readIndex(indexDir);
    expect(Object.keys(index.manifest.files).sort()).toEqual(names);
  });

  test("releasing leaves alone a lock that is no longer this ingest's", async () => {
    const indexDir = path.join(tmp, "release");
    const lockFile = path.join(indexDir, LOCK_FILE);
    const lock = await acquireIngestLock(indexDir, () => undefined);
    // Removed by hand while this ingest ran, and taken by another one.
    const theirs = JSON.stringify({ pid: 1, startedAt: new Date().toISOString() });
    await writeFile(lockFile, theirs);
    await lock.release();
    expect(await readFile(lockFile, "utf8")).toBe(theirs);
  });
});

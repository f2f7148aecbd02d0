/**
 * The index-safety rules as the built CLI shows them: an ingest while another
 * holds DIR/ingest.lock exits 1 with one line saying who holds it (search
 * still answers); a stale lock is taken over with a warning; a damaged index
 * makes search say to run `policybot ingest --rebuild` and ingest rebuild it
 * with a warning; `ingest FILE` over an index of a folder is refused unless
 * --rebuild.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { cp, mkdtemp, readFile, rm, stat, truncate, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

import { SEEDS, ensureBuilt, oneJsonDocument, runCli } from "../helpers/cli.js";
import { writeSmallDocs } from "../helpers/small-docs.js";

let tmp = "";
let docs = "";
let names: string[] = [];
/** An index of the small docs built by the CLI; each test works on a copy. */
let pristine = "";
let n = 0;
const QUERY = "加强政务网维护";

beforeAll(async () => {
  ensureBuilt();
  tmp = await mkdtemp(path.join(os.tmpdir(), "policybot-ingest-safety-"));
  docs = path.join(tmp, "docs");
  names = await writeSmallDocs(docs);
  pristine = path.join(tmp, "pristine");
  const r = await runCli(["ingest", docs, "--index", pristine, "--json"]);
  expect(r.code, r.stderr).toBe(0);
}, 60_000);

afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

async function copyOfIndex(): Promise<{ dir: string; version: string }> {
  const dir = path.join(tmp, `index-${++n}`);
  await cp(pristine, dir, { recursive: true });
  return { dir, version: (JSON.parse(await readFile(path.join(dir, "current.json"), "utf8")) as { version: string }).version };
}

async function expectSearchWorks(dir: string): Promise<void> {
  const r = await runCli(["search", QUERY, "--index", dir, "--json"]);
  expect(r.code, r.stderr).toBe(0);
  expect((oneJsonDocument(r.stdout) as { results: Array<{ text: string }> }).results[0]!.text).toContain(QUERY);
}

const hhmm = (d: Date) => `${String(d.getHours()).padStart(2, "0")}:${String(d.getMinutes()).padStart(2, "0")}`;

describe("index safety through the CLI", () => {
  test("an ingest while another holds the lock exits 1 with one line naming it; search still answers", async () => {
    const { dir } = await copyOfIndex();
    const lock = path.join(dir, "ingest.lock");
    // This test process stands for the running ingest: its pid is alive and not the CLI's.
    const startedAt = new Date();
    await writeFile(lock, JSON.stringify({ pid: process.pid, startedAt: startedAt.toISOString() }));
    const message = `another ingest (pid ${process.pid}) is writing to ${dir} since ${hhmm(startedAt)}; wait for it or remove ${lock}`;

    const r = await runCli(["ingest", docs, "--index", dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`policybot: ${message}\n`);
    const json = await runCli(["ingest", docs, "--index", dir, "--json"]);
    expect(json.code).toBe(1);
    expect(oneJsonDocument(json.stdout)).toEqual({ error: message });
    await expectSearchWorks(dir);
    expect(JSON.parse(await readFile(lock, "utf8"))).toMatchObject({ pid: process.pid });
  }, 60_000);

  test("a lock left by a killed ingest is taken over with a warning on stderr", async () => {
    const { dir } = await copyOfIndex();
    const gone = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
    await once(gone, "exit");
    await writeFile(path.join(dir, "ingest.lock"), JSON.stringify({ pid: gone.pid, startedAt: new Date().toISOString() }));
    const r = await runCli(["ingest", docs, "--index", dir, "--json"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`^policybot: warning: taking over .*ingest\\.lock: the ingest that held it \\(pid ${gone.pid}, since \\d\\d:\\d\\d\\) is no longer running\\n$`));
    expect((oneJsonDocument(r.stdout) as { unchanged: string[] }).unchanged).toHaveLength(names.length);
  }, 60_000);

  test("a corrupt current.json: search says to run ingest --rebuild; ingest warns and rebuilds", async () => {
    const { dir } = await copyOfIndex();
    await writeFile(path.join(dir, "current.json"), '{"version": "v-');
    const s = await runCli(["search", QUERY, "--index", dir]);
    expect(s.code).toBe(1);
    expect(s.stderr).toBe(`policybot: the index in ${dir} is unreadable (current.json is not valid JSON); run \`policybot ingest --rebuild\`\n`);

    const r = await runCli(["ingest", docs, "--index", dir, "--json"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe(`policybot: warning: the index in ${dir} is unreadable (current.json is not valid JSON); rebuilding it from scratch\n`);
    expect([...(oneJsonDocument(r.stdout) as { added: string[] }).added].sort()).toEqual(names);
    await expectSearchWorks(dir);
  }, 60_000);

  test("a truncated postings file: search names it and says to run ingest --rebuild", async () => {
    const { dir, version } = await copyOfIndex();
    const file = path.join(dir, version, "bm25-docs.u32");
    const size = (await stat(file)).size;
    await truncate(file, size - 8);
    const s = await runCli(["search", QUERY, "--index", dir]);
    expect(s.code).toBe(1);
    expect(s.stderr).toBe(`policybot: the index in ${dir} is inconsistent (${version}/bm25-docs.u32 has ${size - 8} bytes, expected ${size}); run \`policybot ingest --rebuild\`\n`);
  }, 60_000);

  test("`ingest FILE` over an index of the folder is refused (exit 1, index unchanged) unless --rebuild", async () => {
    const { dir } = await copyOfIndex();
    const one = path.join(docs, SEEDS.s004);
    const r = await runCli(["ingest", one, "--index", dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`policybot: ingesting these paths would remove 4 indexed file(s) not among them (${names.slice(0, 3).join(", ")}, …); pass --rebuild to index only these paths\n`);
    await expectSearchWorks(dir);

    const rebuilt = await runCli(["ingest", one, "--index", dir, "--rebuild", "--json"]);
    expect(rebuilt.code, rebuilt.stderr).toBe(0);
    const report = oneJsonDocument(rebuilt.stdout) as { files: number; removed: string[] };
    expect(report.files).toBe(1);
    expect([...report.removed].sort()).toEqual(names.filter((f) => f !== SEEDS.s004));
  }, 60_000);
});

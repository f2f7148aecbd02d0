/**
 * CLI contracts of `policybot ingest | inspect | search | find | ask | draft |
 * eval | chat`, run as the built program (node dist/cli/main.js) with a temp
 * --index: JSON shapes, exit codes (0 done, 1 failed, 2 wrong usage), stdout
 * in --json mode holding exactly one JSON document with no progress or log
 * noise, and --stdin writing exactly one JSON object per input line.
 */
import { spawn } from "node:child_process";
import { copyFile, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

import { DOCS, MAIN, ROOT, SEEDS, SEED_FILES, cliEnv, ensureBuilt, oneJsonDocument, runCli, seedText } from "../helpers/cli.js";
import { processSource } from "../../src/ingest/process.js";
import { EMPTY_REQUEST } from "../../src/answer/messages.js";

let tmp = "";
let indexDir = "";
let ingestRun: Awaited<ReturnType<typeof runCli>>;

/** The noisiest settings: debug logs, not CI. Progress and logs must still stay off stdout. */
const NOISY = { LOG_LEVEL: "debug", CI: "" };

beforeAll(async () => {
  ensureBuilt();
  tmp = await mkdtemp(path.join(os.tmpdir(), "policybot-cli-"));
  indexDir = path.join(tmp, "index");
  ingestRun = await runCli(["ingest", DOCS, "--index", indexDir, "--json"], { env: NOISY });
}, 60_000);

afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

const sortedKeys = (o: unknown) => Object.keys(o as object).sort();

describe.concurrent("ingest", () => {
  test("--json prints exactly one JSON document: the report", () => {
    expect(ingestRun.code, ingestRun.stderr).toBe(0);
    const report = oneJsonDocument(ingestRun.stdout) as Record<string, unknown>;
    expect(sortedKeys(report)).toEqual(
      ["indexDir", "embedder", "files", "articles", "chunks", "added", "changed", "removed", "unchanged", "skipped", "embedded", "ms"].sort(),
    );
    expect(report.indexDir).toBe(indexDir);
    expect(report.files).toBe(5);
    expect(report.articles).toBe(38);
    expect([...(report.added as string[])].sort()).toEqual([...SEED_FILES].sort());
    expect(report.skipped).toEqual([]);
    expect(report.embedded).toBe(report.chunks);
  });

  test("a directory with one good file and an empty and a binary one: exit 0, the bad ones listed as skipped with a reason", async () => {
    const dir = path.join(tmp, "mixed");
    await mkdir(dir);
    await copyFile(path.join(DOCS, SEEDS.s004), path.join(dir, SEEDS.s004));
    await writeFile(path.join(dir, "empty.txt"), "");
    await copyFile(path.join(ROOT, "test/fixtures/load/binary.txt"), path.join(dir, "binary.txt"));
    const r = await runCli(["ingest", dir, "--index", path.join(tmp, "index-mixed"), "--json"], { env: NOISY });
    expect(r.code, r.stderr).toBe(0);
    const report = oneJsonDocument(r.stdout) as { files: number; added: string[]; skipped: Array<{ file: string; reason: string }> };
    expect(report.files).toBe(1);
    expect(report.added).toEqual([SEEDS.s004]);
    expect(report.skipped).toHaveLength(2);
    expect(report.skipped).toContainEqual({ file: "empty.txt", reason: "empty file" });
    const binary = report.skipped.find((s) => s.file === "binary.txt");
    expect(binary?.reason).toMatch(/binary/);

    // Without --json the skipped file and its reason are listed for a person.
    const human = await runCli(["ingest", dir, "--index", path.join(tmp, "index-mixed")]);
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toContain("empty.txt: empty file");
    expect(human.stdout).toMatch(/binary\.txt: .*binary/);
  });

  test("a directory with only bad files: exit 1, and still exactly one JSON document on stdout", async () => {
    const dir = path.join(tmp, "bad");
    await mkdir(dir);
    await writeFile(path.join(dir, "empty.txt"), "");
    await copyFile(path.join(ROOT, "test/fixtures/load/binary.txt"), path.join(dir, "binary.txt"));
    const r = await runCli(["ingest", dir, "--index", path.join(tmp, "index-bad"), "--json"], { env: NOISY });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/nothing could be ingested/);
    const doc = oneJsonDocument(r.stdout) as Record<string, unknown>;
    expect(doc).toBeTypeOf("object");
    // Read by a person: no "Indexed 0 file(s)", but that nothing was written, and why each file was skipped.
    const human = await runCli(["ingest", dir, "--index", path.join(tmp, "index-bad")]);
    expect(human.code).toBe(1);
    expect(human.stdout).toContain("Nothing was indexed; the index in");
    expect(human.stdout).not.toMatch(/Indexed 0 file/);
    expect(human.stdout).toContain("empty.txt: empty file");
  });
});

describe.concurrent("inspect", () => {
  test("FILE --json has exactly the documented shape, and agrees with the pipeline", async () => {
    const file = path.join(DOCS, SEEDS.s004);
    const r = await runCli(["inspect", file, "--json"], { env: NOISY });
    expect(r.code, r.stderr).toBe(0);
    const out = oneJsonDocument(r.stdout) as {
      file: string;
      articles: Array<{ title: string; ownTitle?: string; lineStart: number; lineEnd: number; chunks: Array<Record<string, unknown>> }>;
      dropped: Array<Record<string, unknown>>;
    };
    expect(sortedKeys(out)).toEqual(["articles", "dropped", "file"]);
    expect(out.file).toBe(SEEDS.s004);
    expect(out.articles).toHaveLength(9);
    for (const a of out.articles) {
      expect(sortedKeys(a)).toEqual(["chunks", "lineEnd", "lineStart", ...(a.ownTitle === undefined ? [] : ["ownTitle"]), "title"]);
      expect(a.title).toBeTypeOf("string");
      expect(Number.isInteger(a.lineStart) && Number.isInteger(a.lineEnd)).toBe(true);
      expect(a.chunks.length).toBeGreaterThan(0);
      for (const c of a.chunks) {
        expect(sortedKeys(c)).toEqual(["id", "lineEnd", "lineStart", "section", "text"]);
        expect(c.id).toMatch(/^[0-9a-f]{16}$/);
        expect(c.section).toBeTypeOf("string");
        expect(c.text).toBeTypeOf("string");
        expect(Number.isInteger(c.lineStart) && Number.isInteger(c.lineEnd)).toBe(true);
      }
    }
    expect(out.dropped.length).toBeGreaterThan(0);
    for (const d of out.dropped) {
      expect(sortedKeys(d)).toEqual(["lineEnd", "lineStart", "reason"]);
      expect(d.reason).toBeTypeOf("string");
    }
    expect(out.dropped).toContainEqual({ lineStart: 3, lineEnd: 3, reason: "copyright notice" });
    expect(out.dropped).toContainEqual({ lineStart: 573, lineEnd: 573, reason: "previous/next links" });
    expect(out.articles[7]!.title).toBe("以网上办公促政府服务升级 篇8");

    // The same articles, chunks and dropped lines as the pipeline produces in-process.
    const p = processSource({ path: file, file: SEEDS.s004, format: "txt", encoding: "UTF-8", text: seedText(SEEDS.s004) });
    expect(out.articles).toEqual(
      p.articles.map((a) => ({
        title: a.title,
        ...(a.ownTitle ? { ownTitle: a.ownTitle } : {}),
        lineStart: a.lineStart,
        lineEnd: a.lineEnd,
        chunks: a.chunks.map((c) => ({ id: c.id, section: c.section, text: c.text, lineStart: c.lineStart, lineEnd: c.lineEnd })),
      })),
    );
    // 篇5 and 篇9 are 公文 that open with their own title, which the compilation numbered.
    expect(out.articles[4]!.ownTitle).toBe("龙岩市人民政府办公室关于转发2007年度冬春水利建设工作意见的通知");
    expect(out.dropped).toEqual(p.dropped);
  });

  test("a traditional-character file comes out simplified, with its boilerplate dropped", async () => {
    const r = await runCli(["inspect", path.join(DOCS, SEEDS.s002), "--json"]);
    expect(r.code, r.stderr).toBe(0);
    const out = oneJsonDocument(r.stdout) as { articles: Array<{ title: string }>; dropped: unknown[] };
    expect(out.articles.map((a) => a.title)).toEqual([1, 2, 3, 4, 5].map((n) => `高质量发展综合绩效考核自评报告${n}`));
    expect(out.dropped).toContainEqual({ lineStart: 257, lineEnd: 263, reason: "related-articles list" });
  });

  test("a missing file is wrong usage (exit 2)", async () => {
    const r = await runCli(["inspect", path.join(tmp, "no-such-file.txt"), "--json"]);
    expect(r.code).toBe(2);
    expect(oneJsonDocument(r.stdout)).toHaveProperty("error");
  });

  test("a file that cannot be read as text: exit 1, one line naming the file and why", async () => {
    const file = path.join(tmp, "inspect-empty.txt");
    await writeFile(file, "");
    const r = await runCli(["inspect", file, "--json"]);
    expect(r.code).toBe(1);
    expect(oneJsonDocument(r.stdout)).toEqual({ error: `${file}: empty file` });
    expect(r.stderr).toBe(`policybot: ${file}: empty file\n`);
  });

  test("a directory is wrong usage (exit 2) with a one-line message that says it is a directory", async () => {
    const r = await runCli(["inspect", DOCS, "--json"]);
    expect(r.code).toBe(2);
    expect(oneJsonDocument(r.stdout)).toEqual({ error: `${DOCS} is a directory: inspect takes one file (ingest takes directories)` });
    expect(r.stderr).toBe(`policybot: ${DOCS} is a directory: inspect takes one file (ingest takes directories)\n`);
  });
});

describe.concurrent("search", () => {
  const RESULT_KEYS = ["rank", "score", "id", "file", "article", "section", "text", "lineStart", "lineEnd"].sort();

  function checkResponse(out: unknown, query: string) {
    const o = out as { query: string; confident: boolean; titleOnly?: string[]; absent?: string[]; officeAffairs?: string[]; missing?: string; results: Array<Record<string, unknown>> };
    // titleOnly is there only when the question names something only titles contain, absent and officeAffairs only
    // for words no document writes, missing only when a figure asked for is not given.
    const optional = (["titleOnly", "absent", "officeAffairs", "missing"] as const).filter((key) => o[key] !== undefined);
    expect(sortedKeys(o)).toEqual(["confident", "query", "results", ...optional].sort());
    if (o.missing) expect(["money", "time", "year", "duration", "rate"]).toContain(o.missing);
    expect(o.query).toBe(query);
    expect(o.confident).toBeTypeOf("boolean");
    expect(o.results.length).toBeGreaterThan(0);
    o.results.forEach((r, i) => {
      expect(sortedKeys(r)).toEqual(RESULT_KEYS);
      expect(r.rank).toBe(i + 1);
      expect(r.score).toBeTypeOf("number");
      if (i > 0) expect(r.score as number).toBeLessThanOrEqual(o.results[i - 1]!.score as number);
      // Files are named relative to the corpus root, not by absolute path.
      expect(SEED_FILES).toContain(r.file);
      expect(r.lineStart as number).toBeLessThanOrEqual(r.lineEnd as number);
    });
    return o;
  }

  test('"QUERY" --json: shape, scores descending, relative file names', async () => {
    const r = await runCli(["search", "加强政务网维护", "--index", indexDir, "--json"], { env: NOISY });
    expect(r.code, r.stderr).toBe(0);
    const o = checkResponse(oneJsonDocument(r.stdout), "加强政务网维护");
    expect(o.results.length).toBeLessThanOrEqual(5);
    const top = o.results[0]!;
    expect(top.file).toBe("004_aca56f0dfc7b8c1b.txt");
    expect(top.text).toContain("加强政务网维护");
    expect(top.article).toBe("政府办公室年度工作总结 篇1");
    expect(top.section).toBe("政府办公室年度工作总结 篇1 › 一、二0_ 年工作完成情况 › （二）强化信息化建设，信息服务水平不断提高");
    expect(top.lineStart).toBe(15);
    expect(top.lineEnd).toBe(17);
    expect(o.confident).toBe(true);
  });

  test("--stdin answers one JSON line per input line, in order; --k limits the results", async () => {
    const queries = ["加强政务网维护", "績效評價目的", "实行零报告制度", "干部体检工作是怎么组织的？"];
    const r = await runCli(["search", "--stdin", "--k", "2", "--index", indexDir], { input: queries.join("\n") + "\n", env: NOISY });
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.split("\n");
    expect(lines.pop()).toBe("");
    expect(lines).toHaveLength(queries.length);
    lines.forEach((line, i) => {
      const o = checkResponse(JSON.parse(line), queries[i]!);
      expect(o.results).toHaveLength(2);
    });
    expect((JSON.parse(lines[1]!) as { results: Array<{ file: string; text: string }> }).results[0]!.file).toBe(SEEDS.s002);
    // 实行零报告制度 is the title of every 000 article and is in none of their text.
    expect(JSON.parse(lines[2]!)).toMatchObject({ confident: false, titleOnly: ["实行零报告制度"] });
    expect((JSON.parse(lines[0]!) as { titleOnly?: string[] }).titleOnly).toBeUndefined();
    // 体检 is the office's own affair, which no document writes about.
    expect(JSON.parse(lines[3]!)).toMatchObject({ confident: false, officeAffairs: ["体检"] });
    expect((JSON.parse(lines[0]!) as { officeAffairs?: string[] }).officeAffairs).toBeUndefined();
  });

  test("exit 2 for a missing query, with the error as the one JSON document", async () => {
    const r = await runCli(["search", "--index", indexDir, "--json"]);
    expect(r.code).toBe(2);
    expect(oneJsonDocument(r.stdout)).toEqual({ error: expect.stringMatching(/QUERY|--stdin/) });
  });

  test("exit 2 for an unknown option or a bad --k; the usage goes to stderr, not stdout", async () => {
    const unknown = await runCli(["search", "加强政务网维护", "--bogus", "--index", indexDir, "--json"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown option '--bogus'/);
    expect(unknown.stdout).not.toMatch(/Usage|Options/);
    const badK = await runCli(["search", "加强政务网维护", "--k", "0", "--index", indexDir]);
    expect(badK.code).toBe(2);
    expect(badK.stdout).toBe("");
  });

  test("exit 1 for a missing index, with the error as the one JSON document", async () => {
    const r = await runCli(["search", "加强政务网维护", "--index", path.join(tmp, "no-index"), "--json"]);
    expect(r.code).toBe(1);
    expect(oneJsonDocument(r.stdout)).toEqual({ error: expect.stringMatching(/no index/) });
    expect(r.stderr).toMatch(/no index/);
  });
});

describe("eval", () => {
  /** A few real lines of each set, so the run is short. */
  async function sample(): Promise<string> {
    const { readFile } = await import("node:fs/promises");
    const pick = async (name: string, ids: string[]) =>
      (await readFile(path.join(ROOT, "test", "eval", name), "utf8")).split("\n").filter((l) => ids.some((id) => l.includes(`"${id}"`)));
    const lines = [...(await pick("questions.jsonl", ["q001", "q011", "q017", "q175"])), ...(await pick("heldout.jsonl", ["h001", "h015"]))];
    const file = path.join(tmp, "sample.jsonl");
    await writeFile(file, lines.slice(0, 4).join("\n") + "\n");
    await writeFile(path.join(tmp, "sample2.jsonl"), lines.slice(4).join("\n") + "\n");
    return file;
  }

  test("several files are measured as one set; --json has the figures and the baseline", async () => {
    const file = await sample();
    const run = await runCli(["eval", file, path.join(tmp, "sample2.jsonl"), "--index", indexDir, "--json"]);
    expect(run.code, run.stderr).toBe(0);
    const report = oneJsonDocument(run.stdout) as { questions: number; answerable: { n: number; recall: Record<string, number> }; unanswerable: { n: number }; baseline: { answerable: { n: number } } };
    expect(report.questions).toBe(6);
    expect(report.unanswerable.n).toBe(2);
    expect(report.answerable.n).toBe(4);
    expect(report.baseline.answerable.n).toBe(4);
    for (const k of ["1", "3", "5", "10"]) expect(report.answerable.recall[k]).toBeGreaterThanOrEqual(0);
    // Figures per file, and each file judged by the threshold calibrated on the other.
    const { bySet, calibration } = report as unknown as {
      bySet: Record<string, { answerable: { n: number }; unanswerable: { n: number } }>;
      calibration: { leaveOneOut: { sets: Array<{ set: string; threshold: number; recognised: number; flagged: number }>; pooled: { recognised: number } } };
    };
    const second = path.join(tmp, "sample2.jsonl");
    expect(Object.keys(bySet).sort()).toEqual([file, second].sort());
    expect(bySet[file]!.answerable.n + bySet[second]!.answerable.n).toBe(4);
    expect(bySet[file]!.unanswerable.n + bySet[second]!.unanswerable.n).toBe(2);
    expect(calibration.leaveOneOut.sets.map((x) => x.set)).toEqual([file, second]);
    for (const x of calibration.leaveOneOut.sets) expect(x.recognised).toBeGreaterThanOrEqual(0);
  });

  test("--answers runs each question through the answer layer; offline it declines exactly the questions search is not confident about", async () => {
    const file = await sample();
    const run = await runCli(["eval", file, path.join(tmp, "sample2.jsonl"), "--answers", "--index", indexDir, "--json"]);
    expect(run.code, run.stderr).toBe(0);
    const report = oneJsonDocument(run.stdout) as {
      unanswerable: { recognised: number };
      answers: { mode: string; answerable: { n: number; answered: number; cited: number }; unanswerable: { n: number; declined: number }; byKind: Record<string, { n: number }> };
    };
    expect(report.answers.mode).toBe("extractive");
    expect(report.answers.answerable.n).toBe(4);
    expect(report.answers.unanswerable.n).toBe(2);
    expect(report.answers.unanswerable.declined).toBe(report.unanswerable.recognised);
    expect(report.answers.answerable.cited).toBeLessThanOrEqual(report.answers.answerable.answered);
    expect(Object.values(report.answers.byKind).reduce((s, k) => s + k.n, 0)).toBe(4);
  });

  test("a line that is not JSON is wrong usage (exit 2), named by its physical line", async () => {
    const { readFile } = await import("node:fs/promises");
    const file = path.join(tmp, "broken.jsonl");
    const good = (await readFile(path.join(ROOT, "test", "eval", "questions.jsonl"), "utf8")).split("\n")[0]!;
    await writeFile(file, [good, "", '{"id": "x1", "kind": "literal", "question": "零报告制度是怎么规定的？"'].join("\n") + "\n");
    const run = await runCli(["eval", file, "--index", indexDir, "--json"]);
    expect(run.code).toBe(2);
    expect(oneJsonDocument(run.stdout)).toEqual({ error: expect.stringMatching(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:3: not valid JSON \\(.+\\)$`)) });
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  test("questions about files the index lacks: a warning with their count; none of the set's files indexed: exit 1", async () => {
    // An index of 004 alone; the sample's questions name 000, 001, 002 and 004.
    const only004 = path.join(tmp, "only-004");
    await mkdir(only004);
    await copyFile(path.join(DOCS, SEEDS.s004), path.join(only004, SEEDS.s004));
    const small = path.join(tmp, "index-004");
    expect((await runCli(["ingest", only004, "--index", small])).code).toBe(0);
    const { readFile } = await import("node:fs/promises");
    const lines = (await readFile(path.join(ROOT, "test", "eval", "questions.jsonl"), "utf8")).split("\n").filter((l) => l.trim());
    const about = (file: string | null) => lines.filter((l) => (JSON.parse(l) as { file: string | null }).file === file);
    const set = path.join(tmp, "mixed-files.jsonl");
    await writeFile(set, [...about(SEEDS.s004).slice(0, 2), ...about(SEEDS.s000).slice(0, 2), ...about(SEEDS.s001).slice(0, 1), ...about(null).slice(0, 1)].join("\n") + "\n");

    const some = await runCli(["eval", set, "--index", small, "--json"]);
    expect(some.code, some.stderr).toBe(0);
    expect(some.stderr).toContain(`policybot: warning: 3 question(s) name files not in the index: ${SEEDS.s000}, ${SEEDS.s001}\n`);
    expect(oneJsonDocument(some.stdout)).toMatchObject({ questions: 6 });

    const none = path.join(tmp, "no-indexed-files.jsonl");
    await writeFile(none, [...about(SEEDS.s000).slice(0, 2), ...about(null).slice(0, 1)].join("\n") + "\n");
    const run = await runCli(["eval", none, "--index", small, "--json"]);
    expect(run.code).toBe(1);
    expect(oneJsonDocument(run.stdout)).toEqual({ error: expect.stringMatching(/^none of the files the evaluation set names is in the index .*000_1c877c88cc443075\.txt/) });
  });

  test("the same question id twice is wrong usage (exit 2)", async () => {
    const file = await sample();
    const run = await runCli(["eval", file, file, "--index", indexDir]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/appears twice/);
  });
});


describe("--stdin, empty arguments, and flags that do not go together", () => {
  /** Real questions, with a blank and a whitespace-only line between them, and the final newline a file has. */
  const INPUT = "零报告制度是怎么规定的？\n\n \t\n政务网建设布点了多少个？\n";

  for (const [command, key] of [["search", "query"], ["ask", "question"], ["draft", "request"]] as const) {
    test(`${command} --stdin: one JSON object per input line, in order; a blank line gets an error object`, async () => {
      const r = await runCli([command, "--stdin", "--json", "--index", indexDir], { input: INPUT });
      expect(r.code, r.stderr).toBe(0);
      const lines = r.stdout.split("\n");
      expect(lines.pop()).toBe("");
      const out = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(out).toHaveLength(4);
      expect(out[0]![key]).toBe("零报告制度是怎么规定的？");
      expect(out[1]).toEqual({ [key]: "", error: `empty ${key}` });
      expect(out[2]).toEqual({ [key]: "", error: `empty ${key}` });
      expect(out[3]![key]).toBe("政务网建设布点了多少个？");
      expect(out[3]).not.toHaveProperty("error");
      // Without the final newline the last line is still answered, once.
      const unended = await runCli([command, "--stdin", "--index", indexDir], { input: INPUT.slice(0, -1) });
      expect(unended.stdout.trim().split("\n")).toHaveLength(4);
    });
  }

  test("a reader that closes the pipe early (`| head -1`): exit 0, nothing on stderr, no stack trace", async () => {
    const child = spawn(process.execPath, [MAIN, "search", "--stdin", "--json", "--index", indexDir], { cwd: os.tmpdir(), env: cliEnv(), stdio: ["pipe", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on("close", (code, signal) => resolve({ code, signal })));
    // The first answer is read, then the pipe closed, and only then is the next question sent: its answer is certain to meet the closed pipe.
    const first = new Promise<string>((resolve) => {
      let out = "";
      child.stdout.setEncoding("utf8").on("data", (d: string) => {
        out += d;
        if (out.includes("\n")) resolve(out);
      });
    });
    child.stdin.write("零报告制度是怎么规定的？\n");
    expect(JSON.parse((await first).split("\n")[0]!)).toMatchObject({ query: "零报告制度是怎么规定的？" });
    const closed = new Promise((resolve) => child.stdout.once("close", resolve));
    child.stdout.destroy();
    await closed;
    child.stdin.end("政务网建设布点了多少个？\n加强政务网维护\n");
    const { code, signal } = await exited;
    expect(stderr).toBe("");
    expect({ code, signal }).toEqual({ code: 0, signal: null });
  });

  test("an empty QUERY or TOPIC is wrong usage (exit 2) for search and find, and so is one with no word or number (blank, \"a\", \"？\")", async () => {
    const cases: Array<[string[], string]> = [
      [["search", ""], "search needs a QUERY or --stdin"],
      [["search", "  \t "], "search: the QUERY has no word or number to search for"],
      [["search", "a"], "search: the QUERY has no word or number to search for"],
      [["find", ""], "find needs a TOPIC"],
      [["find", "\u3000 "], "find: the TOPIC has no word or number to search for"],
      [["find", "？"], "find: the TOPIC has no word or number to search for"],
    ];
    for (const [args, error] of cases) {
      const r = await runCli([...args, "--json", "--index", indexDir]);
      expect(r.code, args.join(" ")).toBe(2);
      expect(oneJsonDocument(r.stdout)).toEqual({ error });
    }
  });

  test("an empty REQUEST is wrong usage for draft as for ask; a blank one is answered with a sentence, as ask does", async () => {
    const empty = await runCli(["draft", "", "--json", "--index", indexDir]);
    expect(empty.code).toBe(2);
    expect(oneJsonDocument(empty.stdout)).toEqual({ error: "draft needs a REQUEST or --stdin" });
    const blank = await runCli(["draft", "  \t ", "--json", "--index", indexDir]);
    expect(blank.code, blank.stderr).toBe(0);
    expect(oneJsonDocument(blank.stdout)).toMatchObject({ found: false, draft: EMPTY_REQUEST, citations: [] });
  });

  test("a text argument together with --stdin is wrong usage (exit 2), not silently ignored", async () => {
    for (const [command, arg] of [["search", "QUERY"], ["ask", "QUESTION"], ["draft", "REQUEST"]] as const) {
      const r = await runCli([command, "零报告制度是怎么规定的？", "--stdin", "--json", "--index", indexDir], { input: "政务网建设布点了多少个？\n" });
      expect(r.code, command).toBe(2);
      expect(oneJsonDocument(r.stdout)).toEqual({ error: `${command} takes a ${arg} or --stdin, not both` });
    }
  });

  test("ask --history: an assistant turn may carry the citations ask --json gave; \"这一条出自哪个文件？\" names them", async () => {
    const first = await runCli(["ask", "政务网建设布点了多少个？", "--json", "--index", indexDir]);
    expect(first.code, first.stderr).toBe(0);
    const answer = oneJsonDocument(first.stdout) as { answer: string; citations: Array<{ n: number; file: string; lineStart: number; lineEnd: number }> };
    expect(answer.citations.length).toBeGreaterThan(0);
    const file = path.join(tmp, "history-with-citations.json");
    await writeFile(file, JSON.stringify([{ role: "user", content: "政务网建设布点了多少个？" }, { role: "assistant", content: answer.answer, citations: answer.citations }]));
    const r = await runCli(["ask", "这一条出自哪个文件？", "--history", file, "--json", "--index", indexDir]);
    expect(r.code, r.stderr).toBe(0);
    const source = oneJsonDocument(r.stdout) as { found: boolean; answer: string; citations: unknown[] };
    expect(source.found).toBe(true);
    expect(source.citations).toEqual(answer.citations);
    expect(source.answer).toContain(answer.citations[0]!.file);

    // Citations without their lines are not what ask --json gives: wrong usage.
    await writeFile(file, JSON.stringify([{ role: "assistant", content: answer.answer, citations: [{ n: 1, file: "x.txt" }] }]));
    const bad = await runCli(["ask", "这一条出自哪个文件？", "--history", file, "--json", "--index", indexDir]);
    expect(bad.code).toBe(2);
    expect(oneJsonDocument(bad.stdout)).toEqual({ error: expect.stringContaining("must be a JSON array") });
  });

  test("no command is wrong usage (exit 2, the usage on stderr); --help asked for is done (exit 0)", async () => {
    const none = await runCli(["--json"]);
    expect(none.code).toBe(2);
    expect(oneJsonDocument(none.stdout)).toEqual({ error: "no command given: see policybot --help" });
    expect(none.stderr).toContain("Usage: policybot");
    const help = await runCli(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Usage: policybot");
  });

  test("chat --json is wrong usage (exit 2): the chat has no JSON form", async () => {
    const r = await runCli(["chat", "--json", "--index", indexDir], { input: "零报告制度是怎么规定的？\n/quit\n" });
    expect(r.code).toBe(2);
    expect(oneJsonDocument(r.stdout)).toEqual({ error: "chat has no --json output: for JSON, use ask, draft or find with --json" });
    expect(r.stderr).toBe("policybot: chat has no --json output: for JSON, use ask, draft or find with --json\n");
  });
});

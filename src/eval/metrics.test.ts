import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { calibrate, calibrateRoutes, formatEval, readEvalSet, type EvalReport, type KindFigures } from "./metrics.js";

describe("calibrate", () => {
  const answerable = Array.from({ length: 20 }, (_, i) => ({ answerable: true, r: 0.1 + i * 0.02 }));
  const unanswerable = [0.05, 0.08, 0.11, 0.2].map((r) => ({ answerable: false, r }));

  test("the highest threshold that flags at most 5% of answerable questions, and what it recognises", () => {
    const c = calibrate([...answerable, ...unanswerable], 0.139);
    // One answerable question in 20 (r = 0.10) may be flagged: the threshold sits at the next one (0.12).
    expect(c.threshold).toBe(0.12);
    expect(c.flagged).toBe(0.05);
    expect(c.recognised).toBe(0.75);
    expect(c.current).toBe(0.139);
  });

  test("questions the other rules already flag count against the 5% and for recognition", () => {
    const rows = [...answerable.map((x, i) => ({ ...x, otherwise: i === 10 })), ...unanswerable.map((x, i) => ({ ...x, otherwise: i === 3 }))];
    const c = calibrate(rows, 0.139);
    // The rule-flagged answerable question uses up the 5%: no answerable question may fall below the threshold (lowest 0.10).
    expect(c.threshold).toBe(0.1);
    expect(c.flagged).toBe(0.05);
    // 0.05 and 0.08 fall below it; 0.2 is flagged by a rule.
    expect(c.recognised).toBe(0.75);
  });
});

describe("calibrateRoutes", () => {
  test("Chinese and English questions are calibrated apart, each with at most 1% of its answerable questions flagged", () => {
    const chinese = [...Array.from({ length: 20 }, (_, i) => ({ answerable: true, r: 0.1 + i * 0.02 })), ...[0.05, 0.08, 0.11, 0.2].map((r) => ({ answerable: false, r }))];
    // English relevance runs higher: answerable from 0.24 up, two off-topic questions at 0.18 and 0.26, one on topic at 0.5.
    const english = [...Array.from({ length: 100 }, (_, i) => ({ answerable: true, r: 0.24 + i * 0.004, english: true })), ...[0.18, 0.26, 0.5].map((r) => ({ answerable: false, r, english: true }))];
    const c = calibrateRoutes([...chinese, ...english], { chinese: 0.139, english: 0.273 });
    // None of 20 answerable Chinese questions may be flagged: the threshold sits at the least relevant one (0.1), below 0.05 and 0.08.
    expect(c).toMatchObject({ threshold: 0.1, flagged: 0, recognised: 0.5, current: 0.139 });
    // One answerable English question in 100 may be flagged (0.24): the threshold sits at the next one (0.244).
    expect(c.english).toMatchObject({ n: 103, threshold: 0.244, flagged: 0.01, current: 0.273 });
    expect(c.english!.recognised).toBeCloseTo(1 / 3);
    // Without English rows there is no English calibration.
    expect(calibrateRoutes(chinese, { chinese: 0.139, english: 0.273 }).english).toBeUndefined();
  });
});

describe("readEvalSet", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "policybot-evalset-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  /** A real question of test/eval/questions.jsonl (q017's target: 000 篇一, line 11), as a set's first line. */
  const GOOD = JSON.stringify({ id: "t1", kind: "find", question: "零报告制度是怎么规定的？", file: "000_1c877c88cc443075.txt", article: 1, line: 11, phrase: null });
  const write = (name: string, lines: string[]) => {
    const file = path.join(dir, name);
    writeFileSync(file, lines.join("\n") + "\n");
    return file;
  };

  test("reads the items, skipping blank lines", async () => {
    const file = write("ok.jsonl", [GOOD, "", "  ", JSON.stringify({ id: "t2", kind: "unanswerable", question: "住房公积金缴存比例是多少？", file: null, article: null, line: null, phrase: null })]);
    expect((await readEvalSet(file)).map((i) => i.id)).toEqual(["t1", "t2"]);
  });

  test("malformed JSON is wrong usage, at its physical line (blank lines counted)", async () => {
    const file = write("json.jsonl", [GOOD, "", '{"id": "t2", "kind": "literal", "question": "政务网建设布点了多少个？"']);
    const e = await readEvalSet(file).catch((x: unknown) => x);
    expect(e).toMatchObject({ name: "UsageError", exitCode: 2 });
    expect((e as Error).message).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:3: not valid JSON \\(.+\\)$`));
  });

  test("a missing field is named, at its physical line", async () => {
    const file = write("missing.jsonl", ["", "", JSON.stringify({ id: "t3", kind: "literal", file: "004_aca56f0dfc7b8c1b.txt", article: 1, line: 17, phrase: "已成功布点23个" })]);
    await expect(readEvalSet(file)).rejects.toThrow(`${file}:3: missing field "question"`);
  });

  test("an invalid field is named with what is wrong with it; a line that is not an object says so", async () => {
    const file = write("invalid.jsonl", [GOOD, JSON.stringify({ id: "t4", kind: "faq", question: "零报告制度是怎么规定的？", file: null, article: null, line: null, phrase: null })]);
    await expect(readEvalSet(file)).rejects.toThrow(new RegExp(`:2: invalid field "kind": .*unanswerable`));
    const array = write("array.jsonl", ["", '["零报告制度是怎么规定的？"]']);
    await expect(readEvalSet(array)).rejects.toThrow(`${array}:2: not a JSON object`);
  });
});

describe("formatEval", () => {
  const f = (n: number, r1: number): KindFigures => ({ n, recall: { "1": r1, "3": 1, "5": 1, "10": 1 }, mrr: 0.5, notConfident: 0 });
  const sets = { answerable: f(4, 1), byKind: { paraphrase: f(4, 1) }, find: { n: 1, top1: 1, top3: 1 }, unanswerable: { n: 2, recognised: 0.5 }, answerableFlagged: 0 };
  const report: EvalReport = {
    questions: 10,
    answerable: f(8, 0.875),
    byKind: { paraphrase: f(6, 1), english: f(2, 0.5) },
    find: { n: 2, top1: 1, top3: 1 },
    unanswerable: { n: 2, recognised: 0.5 },
    answerableFlagged: 0.125,
    baseline: { name: "BM25 over fixed 500-character chunks", answerable: f(8, 0.5), byKind: { paraphrase: f(6, 0.5), english: f(2, 0) } },
    lexicalOnly: { answerable: f(8, 0.875), byKind: { paraphrase: f(6, 1), english: f(2, 0.5) } },
    misses: [],
    bySet: { "/tmp/questions.jsonl": sets, "/tmp/heldout.jsonl": sets },
    calibration: { threshold: 0.15, recognised: 0.5, flagged: 0, current: 0.139 },
  };

  /** Where each heading and each figure ends (the labels, which may hold spaces, are the first 34 columns). */
  const ends = (line: string) => [...line.slice(34).matchAll(/\S+/g)].map((m) => 34 + m.index + m[0].length);

  test("every row of a table, the baseline's too, has its figures under the headings", () => {
    const text = formatEval(report);
    const lines = text.split("\n");
    // A table runs from its heading to the first line that is not a row (blank, or the baseline's note).
    const table = (from: number) => {
      const end = lines.findIndex((l, i) => i > from && (l === "" || l.startsWith("BM25-500")));
      return lines.slice(from, end < 0 ? undefined : end);
    };
    const tables = [table(0), table(lines.findIndex((l) => l.startsWith("by file")))];
    for (const [heading, ...rows] of tables) {
      expect(rows.length).toBeGreaterThan(1);
      for (const row of rows) expect(ends(row), row).toEqual(ends(heading!));
    }
    expect(lines).toContain(`${"baseline (BM25-500)".padEnd(34)}    8  50.0 100.0 100.0 100.0  0.500`);
    // The long name is still said, once, under the table.
    expect(text).toContain("BM25-500 = BM25 over fixed 500-character chunks");
  });
});

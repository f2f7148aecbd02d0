/**
 * Bad input, end to end: one `policybot ingest DIR --index IDX --json` over a
 * folder that mixes the bad fixtures of test/fixtures/load/ (and a boilerplate
 * file, a symlink loop, an unreadable file and a 50 MB file made here) with
 * real seed documents. Every bad file is skipped with a one-line reason or,
 * for the legacy encodings, ingested exactly like the same text in UTF-8; the
 * run exits 0; afterwards a literal phrase of each good file finds that file.
 */
import { chmodSync, chownSync, copyFileSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { readIndex, type IndexData } from "../../src/index/store.js";
import { DOCS, ROOT, SEEDS, ensureBuilt, oneJsonDocument, runCli, seedLine, seedLines, type CliResult } from "../helpers/cli.js";
import { removeTempDirs, tempDir } from "./helpers.js";

const FIXTURES = path.join(ROOT, "test/fixtures/load");
const isRoot = process.getuid?.() === 0;
/** Root reads any file: the ingest runs as `nobody` so that chmod 000 means unreadable. */
const NOBODY = 65534;

/** Good files: the seeds, one of them under a name with spaces and Chinese characters. */
const GOOD: Record<string, string> = {
  [SEEDS.s000]: SEEDS.s000,
  [SEEDS.s001]: SEEDS.s001,
  [SEEDS.s002]: SEEDS.s002,
  "市长质量奖 汇报材料 副本.txt": SEEDS.s003,
  [SEEDS.s004]: SEEDS.s004,
};

/** A literal phrase of each good file (a run of the raw line, without pinyin annotations) and its line. */
const PHRASES: Array<{ file: string; line: number; phrase: string }> = [
  { file: SEEDS.s000, line: 73, phrase: "随着国有企业改制步伐的加快，民营企业在全县经" },
  { file: SEEDS.s001, line: 14, phrase: "當前群眾普遍反映機關黨員干部為民服務宗旨不夠" },
  { file: SEEDS.s002, line: 207, phrase: "扶貧小額信貸清收難度大" },
  { file: "市长质量奖 汇报材料 副本.txt", line: 10, phrase: "的城市管理是一種單一的行政管理模式" },
  { file: SEEDS.s004, line: 63, phrase: "政府办公室的工作非常繁杂、琐碎" },
];

/** Fixtures that must be skipped, with their reason. */
const BAD: Record<string, RegExp> = {
  "empty.txt": /^empty file$/,
  "whitespace.txt": /^empty file/,
  "binary.txt": /^binary content/,
  "truncated.docx": /^corrupt \.docx/,
  "not-a-zip.docx": /^corrupt \.docx/,
  "corrupt.pdf": /^corrupt PDF/,
  "encrypted.pdf": /^encrypted PDF/,
  "scanned.pdf": /no text layer/,
};

/** Fixtures in legacy encodings (and a Chinese name with spaces): ingested like their UTF-8 control. */
const ENCODED: Record<string, { encoding: string; control: string }> = {
  "gbk.txt": { encoding: "GB18030", control: "control/simplified.txt" },
  "utf16le-bom.txt": { encoding: "UTF-16LE", control: "control/simplified.txt" },
  "utf16be-bom.txt": { encoding: "UTF-16BE", control: "control/simplified.txt" },
  "big5.txt": { encoding: "Big5", control: "control/traditional.txt" },
  "带 空格 的名字.txt": { encoding: "UTF-8", control: "control/spaces.txt" },
};

const HUGE = "huge/重复 段落 50MB.txt";
const HUGE_BYTES = 50 * 1024 * 1024;
/** The real passage the 50 MB file repeats: 004 line 13. */
const HUGE_PASSAGE = seedLine(SEEDS.s004, 13);

const cjk = (s: string): string => (s.match(/[\u3400-\u9fff]/g) ?? []).join("");

let work = "";
let docs = "";
let indexDir = "";
let run: CliResult;
let report: { files: number; added: string[]; skipped: Array<{ file: string; reason: string }> };
let index: IndexData;

beforeAll(async () => {
  ensureBuilt();
  work = tempDir();
  docs = path.join(work, "docs");
  indexDir = path.join(work, "index");
  mkdirSync(path.join(docs, "control"), { recursive: true });
  mkdirSync(path.join(docs, "huge"));
  mkdirSync(path.join(docs, "loop"));
  for (const [name, seed] of Object.entries(GOOD)) copyFileSync(path.join(DOCS, seed), path.join(docs, name));
  for (const name of [...Object.keys(BAD), ...Object.keys(ENCODED)]) copyFileSync(path.join(FIXTURES, name), path.join(docs, name));

  // The UTF-8 text the encoded fixtures were made from (see test/fixtures/load/make-fixtures.py).
  const S = seedLines(SEEDS.s004);
  const T = seedLines(SEEDS.s001);
  writeFileSync(path.join(docs, "control/simplified.txt"), [S[0], "", S[10], "", S[12], "", S[14], "", S[16]].join("\n") + "\n");
  writeFileSync(path.join(docs, "control/traditional.txt"), [4, 14, 15, 33, 153, 236].map((i) => T[i]).join("\n") + "\n");
  writeFileSync(path.join(docs, "control/spaces.txt"), [S[18], S[20]].join("\n") + "\n");

  // Only boilerplate: real site furniture from the seeds (000 lines 63–69, 002 lines 257–263).
  const boiler = [...seedLines(SEEDS.s000).slice(62, 69), "", ...seedLines(SEEDS.s002).slice(256, 263)];
  writeFileSync(path.join(docs, "boilerplate.txt"), boiler.join("\n") + "\n");

  symlinkSync("..", path.join(docs, "loop", "back"));
  writeFileSync(path.join(docs, "unreadable.txt"), seedLines(SEEDS.s004).slice(20, 30).join("\n"));
  chmodSync(path.join(docs, "unreadable.txt"), 0o000);

  const unit = Buffer.from(HUGE_PASSAGE + "\n\n");
  writeFileSync(path.join(docs, HUGE), Buffer.concat(Array.from({ length: Math.ceil(HUGE_BYTES / unit.length) }, () => unit)));

  mkdirSync(indexDir);
  const asNobody = isRoot ? { uid: NOBODY, gid: NOBODY } : {};
  if (isRoot) {
    chmodSync(work, 0o755);
    chownSync(indexDir, NOBODY, NOBODY);
  }
  run = await runCli(["ingest", docs, "--index", indexDir, "--json"], { ...asNobody, env: { HOME: work } });
  report = oneJsonDocument(run.stdout) as typeof report;
  index = await readIndex(indexDir);
}, 120_000);

afterAll(() => {
  removeTempDirs();
});

describe("one ingest over good and bad files", () => {
  test("exits 0 and accounts for every file: good ones added, bad ones skipped", () => {
    expect(run.code, run.stderr).toBe(0);
    const expectedAdded = [...Object.keys(GOOD), ...Object.keys(ENCODED), "control/simplified.txt", "control/traditional.txt", "control/spaces.txt", HUGE];
    expect([...report.added].sort()).toEqual(expectedAdded.sort());
    expect(report.files).toBe(expectedAdded.length);
    const skipped = report.skipped.map((s) => s.file).sort();
    expect(skipped).toEqual([...Object.keys(BAD), "boilerplate.txt", "loop/back", "unreadable.txt"].sort());
  });

  test("each bad file is skipped with its one-line reason", () => {
    const reasons = Object.fromEntries(report.skipped.map((s) => [s.file, s.reason]));
    for (const [file, reason] of Object.entries(BAD)) expect(reasons[file], file).toMatch(reason);
    expect(reasons["boilerplate.txt"]).toMatch(/^no text left after cleaning/);
    expect(reasons["loop/back"]).toBe("symlink loop");
    expect(reasons["unreadable.txt"]).toBe("permission denied");
    for (const s of report.skipped) {
      expect(s.reason, s.file).not.toMatch(/[\r\n]/);
      expect(s.reason.length, s.file).toBeLessThan(120);
      expect(s.reason, s.file).not.toContain(work); // a reason, not a stack or a path
    }
  });

  test("legacy encodings and the name with spaces are ingested exactly like the same text in UTF-8", () => {
    const chunksOf = (file: string) =>
      index.chunks.filter((c) => c.file === file).map((c) => ({ text: c.text, lineStart: c.lineStart, lineEnd: c.lineEnd }));
    for (const [file, { encoding, control }] of Object.entries(ENCODED)) {
      expect(index.manifest.files[file]?.encoding, file).toBe(encoding);
      const chunks = chunksOf(file);
      expect(chunks.length, file).toBeGreaterThan(0);
      expect(chunks, file).toEqual(chunksOf(control));
    }
    // the traditional Big5 text comes out simplified, like every document
    expect(chunksOf("big5.txt").map((c) => c.text).join("")).toContain("一、在贯彻党的群众");
  });

  test("the 50 MB file is ingested: its repeated passage is indexed once", () => {
    const entry = index.manifest.files[HUGE];
    expect(entry?.chunkCount).toBeGreaterThan(0);
    const passage = cjk(HUGE_PASSAGE);
    const chunks = index.chunks.filter((c) => c.file === HUGE);
    expect(chunks.length).toBe(entry!.chunkCount);
    for (const c of chunks) expect(passage + passage).toContain(cjk(c.text));
    expect(chunks.map((c) => cjk(c.text)).join("")).toContain(passage.slice(0, 60));
  });

  test("every good file is searchable afterwards: a literal phrase of it finds it first", async () => {
    for (const p of PHRASES) expect(seedLine(GOOD[p.file]!, p.line), p.file).toContain(p.phrase);
    const r = await runCli(["search", "--stdin", "--json", "--k", "3", "--index", indexDir], {
      input: PHRASES.map((p) => p.phrase).join("\n") + "\n",
    });
    expect(r.code, r.stderr).toBe(0);
    const answers = r.stdout.trim().split("\n").map((l) => JSON.parse(l) as { query: string; results: Array<{ file: string }> });
    expect(answers).toHaveLength(PHRASES.length);
    for (const [i, p] of PHRASES.entries()) {
      expect(answers[i]!.results[0]?.file, `${p.phrase} → ${JSON.stringify(answers[i]!.results.map((x) => x.file))}`).toBe(p.file);
    }
  }, 30_000);
});

/**
 * `npm start` on a fresh checkout with no token and no LLM: it ingests
 * data/docs because there is no index yet, then opens the terminal chat over
 * the same answer layer (plain text asks, drafts or finds as its wording
 * says; /find, /draft, /sources, /help).
 */
import { mkdtempSync, rmSync, existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DOCS, ensureBuilt, runCli } from "../helpers/cli.js";

describe("policybot start without TELEGRAM_BOT_TOKEN", () => {
  let dir: string;
  beforeAll(() => {
    ensureBuilt();
    dir = mkdtempSync(path.join(os.tmpdir(), "policybot-start-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("ingests when there is no index, then answers in the terminal chat", async () => {
    const index = path.join(dir, "index");
    const input = ["政务网建设布点了多少个？", "/find 市长质量奖", "/sources", "/help", "/quit", ""].join("\n");
    const r = await runCli(["start", "--index", index], { input, env: { POLICYBOT_DOCS: DOCS } });
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(path.join(index, "current.json"))).toBe(true);
    // The ingest summary, then the chat greeting.
    expect(r.stdout).toMatch(/Indexed 5 file\(s\), 38 article\(s\)/);
    expect(r.stdout).toContain("policybot 已就绪");
    // Plain text is a question: the answer quotes the passage and cites file and lines.
    expect(r.stdout).toContain("已成功布点23个");
    expect(r.stdout).toMatch(/\[1\] 政府办公室年度工作总结 篇1 · .*（004_aca56f0dfc7b8c1b\.txt，第17行）/);
    // /find lists documents, the best first.
    expect(r.stdout).toMatch(/讲到“市长质量奖”的材料：\n1\. 市长质量奖汇报材料 篇3/);
    // /sources lists every file of the index; /help the commands.
    for (const f of ["000_1c877c88cc443075.txt", "004_aca56f0dfc7b8c1b.txt"]) expect(r.stdout).toContain(f);
    expect(r.stdout).toContain("/draft 主题");
  });

  test("a second start reuses the index (no ingest) and a question the documents do not cover says so", async () => {
    const index = path.join(dir, "index");
    const r = await runCli(["start", "--index", index], { input: "单位住房公积金缴存比例是多少？\n/quit\n" });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(/Indexed \d+ file/);
    // 公积金 is the office's own affair, which no document writes about.
    expect(r.stdout).toContain("文档中没有出现“公积金”：这是单位内部事务，现有文档（政策文件和工作报告）没有涉及");
  });

  test("plain text drafts, finds or thanks as its wording says", async () => {
    const index = path.join(dir, "index");
    const input = ["帮我写一段关于加强政务信息化建设的话", "写一段关于优化营商环境的表述", "哪份材料讲了市长质量奖？", "有没有关于婚假的文件？", "哪份材料讲了零报告制度？", "好的，谢谢！", "/quit", ""].join("\n");
    const r = await runCli(["start", "--index", index], { input });
    expect(r.code, r.stderr).toBe(0);
    // The draft: compiled from the passages, marked as such, with its sources.
    expect(r.stdout).toContain("（根据以下资料摘编）");
    expect(r.stdout).toContain("已成功布点23个");
    // Only one sentence says 营商环境; the draft also takes the passages on 优化经济发展环境 (000 篇四) rather than stop at it.
    expect(r.stdout).toContain("营商环境先进园区");
    expect(r.stdout).toContain("对优化经济发展环境进行了民主监督");
    // The "which document" question lists documents, as /find does.
    expect(r.stdout).toMatch(/讲到“市长质量奖”的材料：\n1\. 市长质量奖汇报材料 篇3/);
    // A topic the documents never mention: said, with the words they do not use.
    expect(r.stdout).toContain("文档中没有找到专门讲“婚假”的材料。\n文档中没有出现“婚假”。");
    // Only the three articles that write 市长质量奖, not those that say 市长 and 质量 elsewhere.
    expect(r.stdout).toMatch(/讲到“市长质量奖”的材料：\n1\. [^\n]+\n(   - [^\n]+\n)+2\. [^\n]+\n(   - [^\n]+\n)+3\. [^\n]+\n(   - [^\n]+\n)+\n/);
    // A name only titles carry: said, and the articles so titled listed.
    expect(r.stdout).toMatch(/文档正文没有讲到“零报告制度”：它只出现在材料标题中，标题下的文章讲的是其他内容。\n标题中有“零报告制度”的材料：\n1\. 实行零报告制度 篇/);
    // Thanks get a reply of their own, not passages.
    expect(r.stdout).toContain("不客气。");
  });

  test("a follow-up in the chat goes on from the last answer, draft included; a short question on a new topic does not", async () => {
    const index = path.join(dir, "index");
    const input = ["CitiStat是什么？", "帮我写一段关于加强政务信息化建设的话", "这一条出自哪个文件？", "政务网建设布点了多少个？", "婚假有几天？", "/quit", ""].join("\n");
    const r = await runCli(["chat", "--index", index], { input });
    expect(r.code, r.stderr).toBe(0);
    const replies = r.stdout.split("上一条回答出自：");
    expect(replies).toHaveLength(2);
    // The source named is the draft's (政务网 passages of 004), not the CitiStat answer's (003).
    const source = replies[1]!.split("\n")[0]!;
    expect(source).toContain("004_aca56f0dfc7b8c1b.txt");
    expect(source).not.toContain("CitiStat");
    // "婚假有几天？" after the 政务网 answer is its own question: the documents do not mention 婚假.
    const last = r.stdout.slice(r.stdout.lastIndexOf("已成功布点23个"));
    expect(last).toContain("文档中没有出现“婚假”");
  });
});


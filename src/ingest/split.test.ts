/**
 * Compilations → articles, on the five seed files. Line numbers are lines of
 * the original files in data/docs.
 */
import { describe, expect, test } from "vitest";

import { SEEDS, SEED_FILES, seedLine, seedLines, seedText } from "../../test/helpers/cli.js";
import { toSimplified } from "../text/script.js";
import { cleanText } from "./clean/index.js";
import { stripPinyin } from "./clean/pinyin.js";
import { splitArticles, type SplitResult } from "./split.js";
import { processSource } from "./process.js";
import { embedText, indexText } from "./index-text.js";
import type { ProcessedFile } from "./types.js";

const splits = new Map<string, SplitResult & { cleanedDropped: Array<{ lineStart: number; lineEnd: number; reason: string }> }>();
function split(file: string) {
  let s = splits.get(file);
  if (!s) {
    const c = cleanText(seedText(file));
    s = { ...splitArticles(c.lines, { fallbackTitle: file.replace(/\.txt$/, ""), boilerplate: c.boilerplate }), cleanedDropped: c.dropped };
    splits.set(file, s);
  }
  return s;
}

const processed = new Map<string, ProcessedFile>();
function processFile(file: string): ProcessedFile {
  let p = processed.get(file);
  if (!p) processed.set(file, (p = processSource({ path: "", file, format: "txt", encoding: "UTF-8", text: seedText(file) })));
  return p;
}

/** An original line as the cleaner would read it, without its spaces (for comparing with titles). */
const simple = (raw: string) => toSimplified(stripPinyin(raw)).replace(/\s+/g, "");

const CN = ["一", "二", "三", "四", "五"];

describe("000: 实行零报告制度(通用5篇)", () => {
  test("5 articles titled 实行零报告制度 篇一…篇五, starting at their 篇 lines", () => {
    const { articles } = split(SEEDS.s000);
    expect(articles.map((a) => a.title)).toEqual(CN.map((n) => `实行零报告制度 篇${n}`));
    expect(articles.map((a) => a.lineStart)).toEqual([7, 71, 117, 193, 243]);
    articles.forEach((a, k) => expect(seedLine(SEEDS.s000, a.lineStart)).toBe(`实行零报告制度篇${CN[k]}`));
    expect(articles.map((a) => a.index)).toEqual([1, 2, 3, 4, 5]);
  });

  test("article 1 ends at line 61, before the download prompts of lines 63–69", () => {
    const a = split(SEEDS.s000).articles[0]!;
    expect(a.lineEnd).toBe(61);
    expect(seedLine(SEEDS.s000, 61).startsWith("心，是对考核结果的正确运用")).toBe(true);
  });

  test("the last article ends at the last line of the file", () => {
    const { articles } = split(SEEDS.s000);
    expect(articles[4]!.lineEnd).toBe(seedLines(SEEDS.s000).length);
  });
});

describe("001: 群众路线教育实践调研报告范文 (篇1…篇10)", () => {
  test("10 articles named from the compilation title, starting at the bare 篇N lines", () => {
    const { articles, compilationTitle } = split(SEEDS.s001);
    expect(compilationTitle).toBe("群众路线教育实践调研报告范文");
    expect(articles.map((a) => a.title)).toEqual(Array.from({ length: 10 }, (_, k) => `群众路线教育实践调研报告范文 篇${k + 1}`));
    expect(articles.map((a) => a.lineStart)).toEqual([4, 23, 36, 47, 68, 82, 94, 152, 167, 323]);
    articles.forEach((a, k) => expect(seedLine(SEEDS.s001, a.lineStart)).toBe(`篇${k + 1}`));
    expect(articles[9]!.lineEnd).toBe(seedLines(SEEDS.s001).length);
  });
});

describe("002: 高质量发展综合绩效考核自评报告(精选5篇)", () => {
  test("5 articles whose titles repeat the compilation title with 1..5", () => {
    const { articles } = split(SEEDS.s002);
    expect(articles.map((a) => a.title)).toEqual([1, 2, 3, 4, 5].map((n) => `高质量发展综合绩效考核自评报告${n}`));
    expect(articles.map((a) => a.lineStart)).toEqual([3, 83, 138, 157, 218]);
    for (const a of articles) expect(simple(seedLine(SEEDS.s002, a.lineStart))).toBe(a.title);
  });

  test("the last article stops before the related-articles list (lines 257–263)", () => {
    const last = split(SEEDS.s002).articles[4]!;
    expect(last.lineEnd).toBe(256);
  });
});

describe("003: nine reports without markers, split where the numbering restarts", () => {
  const STARTS = [96, 106, 138, 183, 206, 215, 234, 257];

  test("9 articles starting at lines 3 (or 4), 96, 106, 138, 183, 206, 215, 234, 257", () => {
    const { articles } = split(SEEDS.s003);
    expect(articles).toHaveLength(9);
    expect([3, 4]).toContain(articles[0]!.lineStart);
    expect(articles.slice(1).map((a) => a.lineStart)).toEqual(STARTS);
    expect(articles.map((a) => a.title)).toEqual(Array.from({ length: 9 }, (_, k) => `市长质量奖汇报材料 篇${k + 1}`));
  });

  test("each start is a real beginning: a （一）/一、 heading or the report's opening paragraph", () => {
    // 96 (一)加強領導…, 106 一年以來,…, 138 根據《…通知》…, 183 今天,…,
    // 206 工作措施:, 215 市“三提升”活動辦公室:, 234 (一)圍繞發展…, 257 一、成立機構…
    const starts = STARTS.map((n) => simple(seedLine(SEEDS.s003, n)));
    expect(starts[0]!.startsWith("(一)加强领导")).toBe(true);
    expect(starts[1]!.startsWith("一年以来,")).toBe(true);
    expect(starts[2]!.startsWith("根据《关于报送月度工作总结与计划的通知》")).toBe(true);
    expect(starts[3]!.startsWith("今天,")).toBe(true);
    expect(starts[4]).toBe("工作措施:");
    expect(starts[5]).toBe("市“三提升”活动办公室:");
    expect(starts[6]!.startsWith("(一)围绕发展")).toBe(true);
    expect(starts[7]).toBe("一、成立机构,健全机制");
  });

  test("the site's time stamp and introduction (lines 1–2) are not part of article 1", () => {
    const { articles } = split(SEEDS.s003);
    expect(articles[0]!.lines.every((l) => l.lineStart >= 3)).toBe(true);
  });
});

describe("004: 政府办公室年度工作总结(精选9篇)", () => {
  test("9 articles; 篇8 carries its own title", () => {
    const { articles } = split(SEEDS.s004);
    expect(articles).toHaveLength(9);
    expect(articles.map((a) => a.title)).toEqual(
      [1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => (n === 8 ? "以网上办公促政府服务升级 篇8" : `政府办公室年度工作总结 篇${n}`)),
    );
    expect(articles.map((a) => a.lineStart)).toEqual([7, 61, 81, 167, 193, 277, 343, 351, 393]);
    for (const a of articles) expect(seedLine(SEEDS.s004, a.lineStart).replace(/\s+/g, "")).toBe(a.title.replace(/\s+/g, ""));
  });

  test("the last article ends at line 571, before the 上一篇/下一篇 line 573", () => {
    expect(split(SEEDS.s004).articles[8]!.lineEnd).toBe(571);
  });

  test("篇5, 篇6 and 篇9 open with a title of their own, without its document number", () => {
    const own = split(SEEDS.s004).articles.map((a) => a.ownTitle);
    expect(own).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      "龙岩市人民政府办公室关于转发2007年度冬春水利建设工作意见的通知",
      "政府信息公开年度报告",
      undefined,
      undefined,
      "福建省人民政府办公厅转发省食品安全委员会办公室关于2007年度全省治理“餐桌污染”建设“食品放心工程”工作方案的通知",
    ]);
    // Line 197 names it, line 199 carries the number "（龙政办〔2007〕224号）"; the 【发布文号】 record (195) is not the title.
    expect(seedLine(SEEDS.s004, 197)).toContain("龙岩市人民政府办公室关于转发2007年度冬春水利建设工作意见的通知");
  });
});

describe("own titles: only where an article opens with a 公文's title", () => {
  test("no article of 000–003 has one: they open with a sentence, a heading, a salutation or a site's note", () => {
    for (const file of [SEEDS.s000, SEEDS.s001, SEEDS.s002, SEEDS.s003]) {
      expect(split(file).articles.filter((a) => a.ownTitle !== undefined).map((a) => a.title), file).toEqual([]);
    }
  });

  test("processSource and every chunk of the article carry it, second in the section path", () => {
    const article = processFile(SEEDS.s004).articles[4]!;
    expect(article.ownTitle).toBe("龙岩市人民政府办公室关于转发2007年度冬春水利建设工作意见的通知");
    for (const c of article.chunks) expect(c.headingPath.slice(0, 2)).toEqual(["政府办公室年度工作总结 篇5", article.ownTitle]);
    const target = article.chunks.find((c) => c.text.includes("投资3.32亿元"))!;
    expect(target.section).toBe("政府办公室年度工作总结 篇5 › 龙岩市人民政府办公室关于转发2007年度冬春水利建设工作意见的通知 › 三、目标任务");
    // Keyword-indexed with its passages; not embedded with them, which would draw the article's vectors together.
    expect(indexText(target)).toContain(article.ownTitle);
    expect(embedText(target, article.ownTitle)).not.toContain(article.ownTitle);
    expect(embedText(target, article.ownTitle)).toContain("三、目标任务");
    const plain = processFile(SEEDS.s004).articles[0]!.chunks[0]!;
    expect(embedText(plain, undefined)).toBe(indexText(plain));
  });
});

describe("every seed: article line ranges are lines of the original file", () => {
  test.each(SEED_FILES.map((f) => [f]))("%s", (file) => {
    const raw = seedLines(file);
    const { articles, dropped, cleanedDropped } = split(file);
    const allDropped = [...cleanedDropped, ...dropped];
    const isDropped = (n: number) => allDropped.some((d) => d.lineStart <= n && n <= d.lineEnd);
    let prevEnd = 0;
    for (const a of articles) {
      expect(a.lineStart).toBeGreaterThan(prevEnd);
      expect(a.lineEnd).toBeGreaterThanOrEqual(a.lineStart);
      expect(a.lineEnd).toBeLessThanOrEqual(raw.length);
      // Both ends are real (non-empty) lines of the file.
      expect(raw[a.lineStart - 1]!.trim()).not.toBe("");
      expect(raw[a.lineEnd - 1]!.trim()).not.toBe("");
      // The article's lines lie inside its range, and its last line is its end.
      expect(a.lines.length).toBeGreaterThan(0);
      for (const l of a.lines) {
        expect(l.lineStart).toBeGreaterThanOrEqual(a.lineStart);
        expect(l.lineEnd).toBeLessThanOrEqual(a.lineEnd);
      }
      expect(a.lines[a.lines.length - 1]!.lineEnd).toBe(a.lineEnd);
      // Between two articles there is nothing but blank or dropped lines.
      for (let n = prevEnd + 1; n < a.lineStart; n++) {
        if (raw[n - 1]!.trim()) expect(isDropped(n), `${file} line ${n} is outside every article`).toBe(true);
      }
      prevEnd = a.lineEnd;
    }
    for (let n = prevEnd + 1; n <= raw.length; n++) {
      if (raw[n - 1]!.trim()) expect(isDropped(n), `${file} line ${n} is after the last article`).toBe(true);
    }
  });

  test("processSource reports the same articles (the ones inspect and the index show)", () => {
    for (const file of SEED_FILES) {
      const p = processFile(file);
      expect(p.articles.map(({ index, title, ownTitle, lineStart, lineEnd }) => ({ index, title, ownTitle, lineStart, lineEnd })), file).toEqual(
        split(file).articles.map(({ index, title, ownTitle, lineStart, lineEnd }) => ({ index, title, ownTitle, lineStart, lineEnd })),
      );
    }
  });

  test("lines before the first article are reported as dropped (compilation title or site text)", () => {
    const p = processFile(SEEDS.s004);
    expect(p.dropped).toContainEqual({ lineStart: 1, lineEnd: 1, reason: "compilation title or preamble" });
    expect(p.dropped).toContainEqual({ lineStart: 5, lineEnd: 5, reason: "compilation title or preamble" });
    expect(processFile(SEEDS.s002).dropped).toContainEqual({ lineStart: 1, lineEnd: 1, reason: "compilation title or preamble" });
  });
});

import { describe, expect, it } from "vitest";
import fixtures from "./fixtures/passages.json" with { type: "json" };
import type { Chunk } from "../ingest/types.js";
import type { Passage } from "./passages.js";
import { checkCitations, UNSUPPORTED_MARK } from "./citations.js";
import { packedChunk004 } from "../../test/helpers/seed-chunks.js";

const info = fixtures.info as Chunk;
const rules = fixtures.rules as Chunk;
const supervision = fixtures.supervision as Chunk;
const openness = fixtures.openness as Chunk;
const passages = (...chunks: Chunk[]): Passage[] => chunks.map((chunk, i) => ({ n: i + 1, chunk, rank: i + 1, score: 1 }));
const three = passages(info, rules, supervision);

describe("checkCitations", () => {
  it("keeps supported citations and fills them from the chunk, with the best sentence as quote", () => {
    const r = checkCitations("七里河区围绕全区经济运行情况，共发布各类政务信息2916条[1]。", three);
    expect(r.issues).toEqual([]);
    expect(r.text).toBe("七里河区围绕全区经济运行情况，共发布各类政务信息2916条[1]。");
    expect(r.citations).toHaveLength(1);
    expect(r.citations[0]).toMatchObject({
      n: 1,
      id: info.id,
      file: info.file,
      article: info.article,
      section: info.section,
      lineStart: 15,
      lineEnd: 17,
      text: info.text,
      quote: "围绕全区经济运行情况、重点工作进展情况等，发布各类政务信息2916条。",
    });
  });

  it("removes a citation to a passage that was not given and marks the sentence", () => {
    const r = checkCitations("区政府共回复网民留言296件[7]。", three);
    expect(r.citations).toEqual([]);
    expect(r.text).toBe(`区政府共回复网民留言296件${UNSUPPORTED_MARK}。`);
    expect(r.issues).toMatchObject([{ kind: "out_of_range", n: 7 }]);
  });

  it("catches a number the cited passage does not contain", () => {
    const r = checkCitations("回复网民留言300件，回复率100%[1]。发布各类政务信息2916条[1]。", three);
    expect(r.text).toBe(`回复网民留言300件，回复率100%${UNSUPPORTED_MARK}。发布各类政务信息2916条[1]。`);
    expect(r.issues).toMatchObject([{ kind: "unsupported", n: 1, reason: expect.stringContaining("300") }]);
    expect(r.citations.map((c) => c.id)).toEqual([info.id]);
  });

  it("catches a right number cited to the wrong passage", () => {
    const r = checkCitations("起草、审修和制发政府、政府办公文302件[1]。", three);
    expect(r.text).toContain(UNSUPPORTED_MARK);
    expect(r.citations).toEqual([]);
  });

  it("catches a quoted term the passage does not contain", () => {
    const r = checkCitations("定期编制《政务简报》等内部刊物[1]。", three);
    expect(r.text).toBe(`定期编制《政务简报》等内部刊物${UNSUPPORTED_MARK}。`);
    expect(r.issues[0]!.reason).toContain("政务简报");
  });

  it("catches a claim whose key terms are not in the passage", () => {
    const r = checkCitations("全区新建了五所中小学校并扩建了三家医院[2]。", three);
    expect(r.citations).toEqual([]);
    expect(r.text).toContain(UNSUPPORTED_MARK);
  });

  it("reads 【n】, ［n］, [n, m], [n-m] and adjacent markers, and renumbers 1..N by first appearance", () => {
    const reply =
      "共承办人大议案、政协提案93件【3】。向市政府信息处报送信息725条［1］。" +
      "印发会议纪要28期，发布政务信息2916条[2, 1]。办结率100%[3][3]。";
    const r = checkCitations(reply, three);
    expect(r.issues).toEqual([]);
    expect(r.text).toBe(
      "共承办人大议案、政协提案93件[1]。向市政府信息处报送信息725条[2]。" +
        "印发会议纪要28期，发布政务信息2916条[2][3]。办结率100%[1]。",
    );
    expect(r.citations.map((c) => [c.n, c.id])).toEqual([
      [1, supervision.id],
      [2, info.id],
      [3, rules.id],
    ]);
  });

  it("a citation after the full stop supports the sentence before it", () => {
    const r = checkCitations("全年共承办政府全体会1次，政府常务会16次。[2] 发布政务信息9999条。[1]", three);
    expect(r.text).toBe(`全年共承办政府全体会1次，政府常务会16次。[1] 发布政务信息9999条。${UNSUPPORTED_MARK}`);
  });

  it("each marker supports its own clause", () => {
    const r = checkCitations("区政府发布政务信息2916条[1]，印发会议纪要28期[2]。", three);
    expect(r.issues).toEqual([]);
    expect(r.citations).toHaveLength(2);
  });

  it("drops a co-cited passage that carries none of the claim, keeping the one that does", () => {
    const r = checkCitations("定期编制《政务督查》等内部刊物[1][2]。", three);
    expect(r.text).toBe("定期编制《政务督查》等内部刊物[1]。");
    expect(r.issues).toMatchObject([{ kind: "irrelevant", n: 2 }]);
  });

  it("keeps the valid citation when an out-of-range one sits beside it", () => {
    const r = checkCitations("发布各类政务信息2916条[1][9]。", three);
    expect(r.text).toBe("发布各类政务信息2916条[1]。");
    expect(r.issues).toMatchObject([{ kind: "out_of_range", n: 9 }]);
  });

  it("does not take a document number like 闽政办[2007]60号 for a citation", () => {
    const r = checkCitations("依据闽政办[2007]60号文件，发布政务信息2916条[1]。", three);
    expect(r.text.startsWith("依据闽政办[2007]60号文件")).toBe(true);
    expect(r.issues.some((i) => i.kind === "out_of_range")).toBe(false);
    // …and the claim still needs its numbers in the passage: 2007 and 60 are not in [1].
    expect(r.issues).toMatchObject([{ kind: "unsupported", n: 1, reason: expect.stringContaining("2007") }]);
  });

  it("ignores list numbering when checking numbers", () => {
    const r = checkCitations("1. 发布各类政务信息2916条[1]。\n2. 回复网民留言296件[1]。", three);
    expect(r.issues).toEqual([]);
    expect(r.text).not.toContain(UNSUPPORTED_MARK);
  });

  it("a reply with no markers has no citations", () => {
    const r = checkCitations("文档中没有找到相关内容。", three);
    expect(r).toEqual({ text: "文档中没有找到相关内容。", citations: [], issues: [] });
  });
});

describe("a model's citation names the paragraphs its claims come from", () => {
  // A real chunk of 004 packing 篇6's sections 五 (line 309) and 六 (lines 311–317).
  const packed = packedChunk004();

  it("two claims from 六 cite 六 and the lines of their two paragraphs", () => {
    const r = checkCitations("一是公开目录的设置还不够科学合理，个别类目信息偏少[1]。二是缺少受理依申请公开的经验积累[1]。", passages(packed));
    expect(r.issues).toEqual([]);
    expect(r.citations).toHaveLength(1);
    expect(r.citations[0]).toMatchObject({
      section: "政府办公室年度工作总结 篇6 › 政府信息公开年度报告 › 六、政府信息公开工作存在的主要问题及改进情况",
      lineStart: 313,
      lineEnd: 315,
      text: packed.text,
    });
  });

  it("claims from 五 and 六 cite what they share: the article, and both paragraphs' lines", () => {
    const r = checkCitations("2009年没有发生政府信息公开行政复议案件[1]。网站的版面设计和栏目功能有待改进[1]。", passages(packed));
    expect(r.citations[0]).toMatchObject({ section: packed.section, lineStart: 309, lineEnd: 317 });
  });
});


describe("claims as models write them (from a QA pass against gpt-4o-mini, Qwen and DeepSeek habits)", () => {
  it("checks a figure restated in Chinese numerals against the passage's digits", () => {
    // The passage says 296 replies; a model rounding or misreading it in words is caught.
    const wrong = checkCitations("区政府回复网民留言三百件[1]。", three);
    expect(wrong.text).toBe(`区政府回复网民留言三百件${UNSUPPORTED_MARK}。`);
    expect(wrong.issues[0]!.reason).toContain("300");
    const right = checkCitations("区政府回复网民留言二百九十六件[1]。", three);
    expect(right.issues).toEqual([]);
    expect(right.text).toBe("区政府回复网民留言二百九十六件[1]。");
    // "百分之百" and a round figure given as an approximation ("近三百件") are not read as exact claims to check.
    expect(checkCitations("回复率达到百分之百，共回复近三百件留言[1]。", three).issues).toEqual([]);
    expect(checkCitations("回复率达到百分之九十[1]。", three).text).toContain(UNSUPPORTED_MARK);
  });

  it("takes the article title and section path the model was shown as evidence", () => {
    // "哪份材料" answered by naming the document and its section: the words are in neither's text.
    const r = checkCitations("政府办公室年度工作总结篇1的工作完成情况部分讲了政务督查[1]。", passages(supervision));
    expect(r.issues).toEqual([]);
    expect(r.citations[0]!.id).toBe(supervision.id);
  });

  it("checks each item of a list cited once at its end", () => {
    const reply = "政务督查的做法有：\n1. 围绕人大议案、政协提案办理抓督查；\n2. 围绕政府实事抓督查；\n3. 全区新建了五所学校；\n4. 围绕领导批示件抓督查。[1]";
    const r = checkCitations(reply, passages(supervision));
    expect(r.text).toBe(
      `政务督查的做法有：\n1. 围绕人大议案、政协提案办理抓督查[1]；\n2. 围绕政府实事抓督查[1]；\n3. 全区新建了五所学校${UNSUPPORTED_MARK}；\n4. 围绕领导批示件抓督查。[1]`,
    );
    // The same inline.
    const inline = checkCitations("一是围绕人大议案、政协提案办理抓督查；二是围绕政府实事抓督查；三是围绕领导批示件抓督查[1]。", passages(supervision));
    expect(inline.text).toBe("一是围绕人大议案、政协提案办理抓督查[1]；二是围绕政府实事抓督查[1]；三是围绕领导批示件抓督查[1]。");
    // A list whose items cite for themselves is left as the model wrote it.
    const own = checkCitations("做法有：\n1. 发布各类政务信息2916条[1]；\n2. 围绕政府实事抓督查；\n3. 公开政府信息307件[2]。", passages(info, openness));
    expect(own.text).toBe("做法有：\n1. 发布各类政务信息2916条[1]；\n2. 围绕政府实事抓督查；\n3. 公开政府信息307件[2]。");
  });

  it("reads （资料1） and (passage 2) as citations, not a bare (1)", () => {
    const r = checkCitations("共发布各类政务信息2916条（资料1）。公开政府信息307件（来源：资料2）。", passages(info, openness));
    expect(r.text).toBe("共发布各类政务信息2916条[1]。公开政府信息307件[2]。");
    expect(r.citations.map((c) => c.id)).toEqual([info.id, openness.id]);
    expect(checkCitations("共发布各类政务信息2916条 (passage 1).", passages(info)).text).toBe("共发布各类政务信息2916条 [1].");
    expect(checkCitations("做法有三条：(1)发布信息。", passages(info)).citations).toEqual([]);
  });
});

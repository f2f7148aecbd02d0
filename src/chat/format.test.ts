/**
 * The terminal's plain-text answers: each source names the article, the
 * section below it when there is one, the file and the original lines.
 */
import { describe, expect, test } from "vitest";
import { formatAsk } from "./format.js";
import type { Citation } from "../answer/types.js";

// 002 自评报告4, lines 207–211: "四、存在的问题 1.扶贫小额信贷清收难度大 … 五、下一步措施 1.加大对扶贫小额信贷的催收力度".
const packed: Citation = {
  n: 1,
  id: "x",
  file: "002_e3554324031b6b29.txt",
  article: "高质量发展综合绩效考核自评报告4",
  section: "高质量发展综合绩效考核自评报告4",
  lineStart: 207,
  lineEnd: 211,
  quote: "扶贫小额信贷清收难度大",
  text: "四、存在的问题\n1.扶贫小额信贷清收难度大。",
};
const inSection: Citation = { ...packed, n: 2, section: "高质量发展综合绩效考核自评报告4 › 四、存在的问题", lineStart: 207, lineEnd: 207 };

describe("formatAsk", () => {
  test("a source under a heading names it; one under no single heading names just the article", () => {
    const text = formatAsk({ question: "扶贫小额信贷", mode: "extractive", found: true, answer: "根据文档：扶贫小额信贷清收难度大[1]。", citations: [packed, inSection] });
    expect(text).toContain("[1] 高质量发展综合绩效考核自评报告4（002_e3554324031b6b29.txt，第207–211行）");
    expect(text).toContain("[2] 高质量发展综合绩效考核自评报告4 · 四、存在的问题（002_e3554324031b6b29.txt，第207行）");
    expect(text).not.toContain("正文");
  });
});

import { describe, expect, it } from "vitest";
import {
  contentTokens,
  extractNumbers,
  extractQuotedTerms,
  passageNumbers,
  stripEnumerator,
} from "./text.js";

describe("numbers", () => {
  it("reads Arabic numbers with units, percentages, decimals and thousands separators", () => {
    expect(extractNumbers("发布各类政务信息2916条，回复率100%，投入351.2万元，共2,916条，２０２１年")).toEqual([
      "2916",
      "100%",
      "351.2",
      "2021",
    ]);
    expect(extractNumbers("第3,4条")).toEqual(["3", "4"]);
  });
  it("a passage's numbers include Chinese numerals and bare percentages", () => {
    const set = passageNumbers("办结率100%，组织开展了十次专项督查，共二十三个单位");
    expect(set.has("100%") && set.has("100") && set.has("10") && set.has("23")).toBe(true);
  });
  it("a passage's numbers include numerals with 万 and the spoken 三千五", () => {
    const set = passageNumbers("新增就业三万五千人，投资三千五百万元，其中三千五用于培训");
    expect([...set].filter((n) => /^\d+$/.test(n) && Number(n) >= 1000).sort()).toEqual(["3500", "35000", "35000000"]);
  });
});

describe("quoted terms, tokens", () => {
  it("finds “…”, 《…》 and \"…\" terms", () => {
    expect(extractQuotedTerms("按照“数字七里河”目标，编制《政务督查》，即\"零差错\"")).toEqual(["数字七里河", "政务督查", "零差错"]);
  });
  it("content tokens drop stop words, punctuation and numbers", () => {
    const t = contentTokens("根据文档，区政府发布了多少条政务信息？2916");
    expect(t).toContain("政务信息");
    expect(t).not.toContain("根据");
    expect(t).not.toContain("多少");
    expect(t.some((x) => /\d/.test(x))).toBe(false);
  });
  it("strips leading enumerators", () => {
    expect(stripEnumerator("二是围绕人大议案抓督查。")).toBe("围绕人大议案抓督查。");
    expect(stripEnumerator("（三）加大督查力度")).toBe("加大督查力度");
    expect(stripEnumerator("1. 发布信息")).toBe("发布信息");
  });
});

import { describe, expect, test } from "vitest";
import type { Chunk } from "../ingest/types.js";
import { inSection, sectionIntent } from "./intent.js";

function chunk(headingPath: string[], text: string): Chunk {
  return { id: "x", file: "f", article: headingPath[0]!, articleIndex: 1, section: headingPath.join(" › "), headingPath, text, lineStart: 1, lineEnd: 1 };
}

describe("sectionIntent", () => {
  test("questions asking for problems, next steps or suggestions in other words", () => {
    expect(sectionIntent("乡里目前工作推进中遇到的主要困难是什么")).toBe("problems");
    expect(sectionIntent("这种考察办法有啥不足")).toBe("problems");
    expect(sectionIntent("石渠县搞质量监管最头疼的是什么，是不是缺人")).toBe("problems");
    expect(sectionIntent("高海拔偏远县搞质量监管主要难在哪里")).toBe("problems");
    expect(sectionIntent("What difficulties does the township report")).toBe("problems");
    expect(sectionIntent("水利建设下一步有什么打算")).toBe("plans");
    expect(sectionIntent("政协对优办提了哪些建议")).toBe("suggestions");
  });

  test("a question that names no part of a report has no intent (问题 alone is a topic word)", () => {
    expect(sectionIntent("要让领导干部想清楚哪几个根本问题")).toBeUndefined();
    expect(sectionIntent("政务网建设已成功布点多少个")).toBeUndefined();
  });
});

describe("inSection", () => {
  test("a heading on the path below the article title marks the part", () => {
    const c = chunk(["高质量发展综合绩效考核自评报告1", "六、存在的问题"], "产业发展专项资金自2007年设立以来，在支持我市工业企业技术改造");
    expect(inSection(c, "problems")).toBe(true);
    expect(inSection(c, "plans")).toBe(false);
  });

  test("so does a numbered heading at the start of the text, and the article title alone does not", () => {
    expect(inSection(chunk(["高质量发展综合绩效考核自评报告4"], "四、存在的问题\n1.扶贫小额信贷清收难度大。"), "problems")).toBe(true);
    expect(inSection(chunk(["存在问题的调研报告"], "一是加强对领导干部的引导和教育。"), "problems")).toBe(false);
  });

  test("so does a heading packed inside the chunk with a neighbouring section (004 篇6: 五 and 六 in one chunk)", () => {
    const c = chunk(["政府办公室年度工作总结 篇6"], "五、因政府信息公开申请行政复议、提起行政诉讼情况本办2009年度无发生……\n六、政府信息公开工作存在的主要问题及改进情况\n1、公开目录的设置还不够科学合理");
    expect(inSection(c, "problems")).toBe(false);
    c.parts = [
      { offset: 0, lineStart: 309, lineEnd: 309, sub: ["五、因政府信息公开申请行政复议、提起行政诉讼情况本办2009年度无发生…"] },
      { offset: c.text.indexOf("六、"), lineStart: 311, lineEnd: 311, sub: ["六、政府信息公开工作存在的主要问题及改进情况"] },
    ];
    expect(inSection(c, "problems")).toBe(true);
    expect(inSection(c, "plans")).toBe(false);
  });
});

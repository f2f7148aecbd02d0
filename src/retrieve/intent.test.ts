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
});

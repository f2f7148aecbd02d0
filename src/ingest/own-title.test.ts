/**
 * An article's own title, on the opening lines of real articles of the seeds (004 篇5, 篇6, 篇9;
 * 003 篇7; 000 篇4; 004 篇3), as cleaning gives them.
 */
import { describe, expect, test } from "vitest";

import { ownTitle } from "./own-title.js";
import type { Line } from "./types.js";

function lines(...texts: string[]): Line[] {
  return texts.map((text, i) => ({ text, lineStart: 2 * i + 1, lineEnd: 2 * i + 1 }));
}

describe("ownTitle", () => {
  test("a notice's title, without the document number cleaning joined to it", () => {
    expect(ownTitle(lines("龙岩市人民政府办公室关于转发2007年度冬春水利建设工作意见的通知（龙政办〔2007〕224号）", "各县（市、区）人民政府，市直有关单位："))).toBe(
      "龙岩市人民政府办公室关于转发2007年度冬春水利建设工作意见的通知",
    );
  });

  test("a document number the page cut off is left out too", () => {
    const title = "福建省人民政府办公厅转发省食品安全委员会办公室关于2007年度全省治理“餐桌污染”建设“食品放心工程”工作方案的通知";
    expect(ownTitle(lines(`${title}（闽政办[2007]60`, "各市、县（区）人民政府，省政府各部门、各直属机构，各大企业、各高等院校："))).toBe(title);
  });

  test("past the scraped record's 【发布文号】 line", () => {
    expect(
      ownTitle(lines("【发布文号】龙政办〔2007〕224号 【发布日期】2007-11-08 【生效日期】2007-11-08", "龙岩市人民政府办公室关于转发2007年度冬春水利建设工作意见的通知（龙政办〔2007〕224号）")),
    ).toBe("龙岩市人民政府办公室关于转发2007年度冬春水利建设工作意见的通知");
  });

  test("a report's short title", () => {
    expect(ownTitle(lines("政府信息公开年度报告", "本报告根据《中华人民共和国政府信息公开条例》…编制。", "一、概述"))).toBe("政府信息公开年度报告");
  });

  test("not a salutation, a site's note, a heading or a sentence", () => {
    expect(ownTitle(lines("市“三提升”活动办公室:", "围绕年内冲击国家级示范校的奋斗目标需要，…"))).toBeUndefined();
    expect(ownTitle(lines("下面是小编为大家整理的,供大家参考。", "干部实绩考核…"))).toBeUndefined();
    expect(ownTitle(lines("一、不容乐观的现状", "根据《条例》的规定和要求，…"))).toBeUndefined();
    expect(ownTitle(lines("近日，经省委、省政府领导同意，中共辽宁省委办公厅、辽宁省人民政府办公厅联合印发了《…实施意见》"))).toBeUndefined();
  });

  test("not a title-shaped line that names no kind of document", () => {
    expect(ownTitle(lines("关键词 工会工作 调查研究 创新发展", "摘 要 加强工会工作的调查研究…"))).toBeUndefined();
  });
});

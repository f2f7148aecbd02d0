import { describe, expect, it } from "vitest";
import { normalizeQuery } from "./normalize.js";

describe("normalizeQuery", () => {
  it("cleans a question like a document and drops the filler", () => {
    expect(normalizeQuery("請問一下，零報告制度是怎麼規定的？")).toBe("零报告制度是怎么规定的");
  });

  it("writes a spoken day of the week as reports do (002 自评报告4: \"利用周二、周五组织大扫除\")", () => {
    expect(normalizeQuery("那个乡搞环境卫生是固定礼拜几大扫除？")).toBe("那个乡搞环境卫生是固定周几大扫除");
    expect(normalizeQuery("每个礼拜二开会吗")).toBe("每个周二开会吗");
  });
});

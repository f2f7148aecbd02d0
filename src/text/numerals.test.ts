import { describe, expect, test } from "vitest";
import { inDigits, numeralValue, numeralVariants } from "./numerals.js";

describe("numeralValue", () => {
  test("numerals below 万 as written in reports", () => {
    expect(numeralValue("百")).toBe(100);
    expect(numeralValue("三千五百")).toBe(3500);
    expect(numeralValue("十五")).toBe(15);
    expect(numeralValue("二十")).toBe(20);
    expect(numeralValue("两")).toBe(2);
    expect(numeralValue("一百零五")).toBe(105);
    expect(numeralValue("三千五")).toBe(3500);
    expect(numeralValue("一百五")).toBe(150);
    expect(numeralValue("二十五")).toBe(25);
    expect(numeralValue("二二")).toBeUndefined();
    expect(numeralValue("百千")).toBeUndefined();
  });

  test("numerals with 万 and 亿", () => {
    expect(numeralValue("三万")).toBe(30000);
    expect(numeralValue("十四")).toBe(14);
    expect(numeralValue("三万五")).toBe(35000);
    expect(numeralValue("三万五千")).toBe(35000);
    expect(numeralValue("十万零五")).toBe(100005);
    expect(numeralValue("二十三亿五千万")).toBe(2350000000);
    expect(numeralValue("一亿二")).toBe(120000000);
    expect(numeralValue("万")).toBe(10000);
    expect(numeralValue("三万二二")).toBeUndefined();
    expect(numeralValue("三万两万")).toBeUndefined();
  });
});

describe("numeralVariants", () => {
  test("quantities in Chinese numerals get their digit form with the unit (questions of the evaluation sets)", () => {
    expect(numeralVariants("2015年骨干企业培植的目标是什么？收入过百亿的要几家？")).toEqual(["100亿"]);
    expect(numeralVariants("今年前八个月，规模以上工业企业新增了几家？")).toEqual(["8个"]);
    expect(numeralVariants("哪篇材料介绍了乡镇干部人均包挂上百户群众的做法？")).toEqual(["100户"]);
    expect(numeralVariants("计划投资三千五百万元")).toEqual(["3500万"]);
  });

  test("not estimates, ordinals, 一 as an article, or numerals that name rather than count", () => {
    expect(numeralVariants("县里从几千家民企里挑了多少家重点帮扶？")).toEqual([]);
    expect(numeralVariants("杨柳村的几十家酒厂里，有正规生产许可证的有几家？")).toEqual([]);
    expect(numeralVariants("第三个阶段")).toEqual([]);
    expect(numeralVariants("发现一个问题，开展一批活动")).toEqual([]);
    expect(numeralVariants("十二五规划")).toEqual([]);
  });
});

describe("inDigits", () => {
  test("writes a question's quantities in digits, as 003 篇6 writes \"主营业务收入过100亿元1家\"", () => {
    expect(inDigits("2015年打算培养几家年营收超过一百亿的企业")).toBe("2015年打算培养几家年营收超过100亿的企业");
    expect(inDigits("收入过百亿的企业，前八个月")).toBe("收入过100亿的企业，前8个月");
    // Not 一 alone, an estimate, nor a numeral counting nothing.
    expect(inDigits("一批企业有几千家，十大特色农产品")).toBe("一批企业有几千家，十大特色农产品");
  });
});

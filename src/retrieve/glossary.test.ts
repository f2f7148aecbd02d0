import { describe, expect, it } from "vitest";
import { expandEnglish, isMostlyEnglish, stem, translateEnglish, translateEnglishGroups } from "./glossary.js";

describe("English glossary", () => {
  it("matches inflected words through their Porter stems", () => {
    expect(stem("purchases")).toBe(stem("purchase"));
    expect(stem("commuting")).toBe(stem("commute"));
    expect(translateEnglish("units splitting purchases into smaller orders")).toContain("采购");
  });

  it("reads an irregular past form as its verb (\"made public\" is 公开, \"chosen\" a choice)", () => {
    expect(stem("chosen")).toBe(stem("choose"));
    expect(translateEnglish("which county was chosen")).toContain("选择");
    // 004 篇3: "在发文稿纸上增设“可否公开”" — whether a document may be made public, decided as it is drafted.
    expect(translateEnglish("whether a document can be made public")).toContain("公开");
    expect(translateEnglish("who led it")).toContain("牵头");
  });

  it("reads 'can' and 'may' as the verbs a question uses, not a tin or the month", () => {
    expect(translateEnglish("Who can be recruited as volunteer food safety monitors around schools?")).not.toContain("罐头");
    expect(translateEnglish("May staff apply, and which units may be inspected?")).not.toContain("五月");
    expect(translateEnglish("How many projects were approved in May 2021?")).toContain("五月");
  });

  it("a halt is 停滞 as well as 停止 (000 篇五: \"现培训已基本处于停滞状态\")", () => {
    expect(translateEnglish("why has the training basically stopped")).toEqual(expect.arrayContaining(["停止", "停滞"]));
    expect(translateEnglish("training came to a halt")).toContain("停滞");
    expect(translateEnglish("at a standstill")).toContain("停滞");
  });

  it("a government office's director is 办公室主任, not any 主任 (004 篇2: \"办公室主任的基本职能\")", () => {
    expect(translateEnglish("the four basic functions of a government office director")).toContain("办公室主任");
    expect(translateEnglish("what does the office director do")).toContain("办公室主任");
  });

  it("takes the longest phrase, so a compound term is searched as one", () => {
    const terms = translateEnglish("problems in its government procurement work");
    expect(terms).toContain("政府采购");
    expect(terms).not.toContain("采购");
    // A compound names the whole term, not only its first word (002 篇3: "我区森林覆盖率46.7%").
    expect(translateEnglish("the district's forest coverage rate in 2020")).toContain("森林覆盖率");
  });

  it("puts a two-word phrase together from its words' terms too, when the documents write the compound", () => {
    // 004 篇5 names its 样板县; the glossary's "model county" is 示范县, its "model" also 样板 and "county" 县.
    const writes = (t: string) => t === "样板县";
    const [county] = translateEnglishGroups("model county", writes);
    expect(county).toEqual(expect.arrayContaining(["示范县", "样板县"]));
    // Compounds the documents do not write are not searched, and without the test none are made.
    expect(translateEnglishGroups("model county", () => false)[0]).not.toContain("样板县");
    expect(translateEnglishGroups("model county")[0]).not.toContain("样板县");
    expect(expandEnglish("Which district was the model county?", writes)).toContain("样板县");
  });

  it("puts neighbouring words' terms together too, when the documents write the compound", () => {
    // 004 篇7: "办公室主任的基本职能主要包括参谋职能、承办职能…" — "basic" is 基本, "functions" 职能, no phrase gives 基本职能.
    const writes = (t: string) => t === "基本职能";
    const [basic, functions] = translateEnglishGroups("basic functions", writes);
    expect(basic).toContain("基本");
    expect(functions).toContain("职能");
    expect(basic).toContain("基本职能");
    expect(functions).toContain("基本职能");
    expect(translateEnglishGroups("basic functions", () => false).flat()).not.toContain("基本职能");
    // In the other order the compound would be 职能基本, which the documents do not write.
    expect(translateEnglishGroups("functions of the basic", writes).flat()).not.toContain("基本职能");
  });

  it("splits hyphenated words and keeps numbers", () => {
    expect(translateEnglish("the 2020 mass-line campaign")).toEqual(expect.arrayContaining(["2020", "群众路线"]));
  });

  it("groups the alternatives for one English word, so they can share its weight", () => {
    const groups = translateEnglishGroups("wetland protection report");
    const report = groups.find((g) => g.includes("报告"))!;
    expect(report.length).toBeGreaterThan(1);
    expect(groups.find((g) => g.includes("湿地"))).toBeDefined();
    expect(translateEnglish("report report")).toEqual([...new Set(report)]);
  });

  it("drops English words it has no entry for instead of searching them", () => {
    expect(translateEnglish("zxqv blorp")).toEqual([]);
    expect(expandEnglish("zxqv blorp wibble")).toBe("zxqv blorp wibble");
  });

  it("leaves Chinese questions alone", () => {
    expect(isMostlyEnglish("零报告制度是怎么规定的？")).toBe(false);
    expect(expandEnglish("零报告制度是怎么规定的？")).toBe("零报告制度是怎么规定的？");
  });
});

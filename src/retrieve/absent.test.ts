import { describe, expect, it } from "vitest";
import { absentWords, compoundWords, contentWords } from "./absent.js";

describe("absent words", () => {
  it("takes the words a question names, not the ones it asks with", () => {
    expect(contentWords("单位职工婚假现在能休几天")).toEqual(expect.arrayContaining(["单位", "职工", "婚假"]));
    for (const w of ["现在", "几天", "多少", "什么", "哪些"]) expect(contentWords("单位职工婚假现在能休几天，多少钱，什么哪些")).not.toContain(w);
    // The unit after an asking word is part of the asking ("多少天内": jieba cuts 多少 / 天内), a name after it is not ("多少补贴").
    expect(contentWords("公务卡消费后多少天内必须报销")).toEqual(["公务卡", "消费", "必须", "报销"]);
    expect(contentWords("义务监督员每个月有多少补贴")).toContain("补贴");
    // Colloquial asking words and words pointing back at the chat are not named things: a user is
    // not told "文档中没有出现“那份”" or "…“为啥”".
    const question = "那份讲职校的材料为啥说招生啥时候开始，这块工作咋样，叫什么名字";
    for (const w of ["为啥", "啥时候", "咋样", "名字"]) expect(contentWords(question)).not.toContain(w);
    expect(contentWords(question)).toEqual(expect.arrayContaining(["职校", "招生"]));
    // 那份 and 这块 are content words (a follow-up is told by them), but never absent ones.
    expect(absentWords(question, (w) => !/^[那这]/.test(w)).absent).toEqual([]);
  });

  it("lists the words that do not occur and their share", () => {
    const corpus = "政务网建设已成功布点23个";
    const r = absentWords("婚假和政务网建设", (w) => corpus.includes(w));
    expect(r.absent).toEqual(["婚假"]);
    expect(r.share).toBeCloseTo(1 / 3);
    expect(absentWords("？？", () => false)).toEqual({ absent: [], share: 0 });
  });

  it("does not call a compound absent when the documents write its parts (政务信息化: 政务, 信息化)", () => {
    // 004 line 17 and 003 篇8 write 政务网, 政务信息 and 信息化, never 政务信息化.
    const corpus = "积极构建七里河区政务信息和应急管理传送局域网；推进了以电子政务建设为重点的国民经济和社会信息化进程";
    const occurs = (w: string) => corpus.includes(w);
    expect(occurs("政务信息化")).toBe(false);
    expect(absentWords("政务信息化建设", occurs).absent).toEqual([]);
    // A word whose parts are not all there stays absent: 婚假 has none of two characters.
    expect(absentWords("政务婚假", occurs).absent).toEqual(["婚假"]);
  });
});

describe("a verb with its particle", () => {
  // 002 (临江市道路客运行业高质量发展绩效考核): "自评分为196分". jieba cuts "自评得了多少分" into 自 / 评得 / 了 / 多少 / 分.
  const corpus = "临江市道路客运行业高质量发展绩效考核自评分为196分";
  const occurs = (w: string) => corpus.includes(w);

  it("is not a topic the documents lack (评得: the verb 评, with 得)", () => {
    expect(occurs("评得")).toBe(false);
    expect(absentWords("自评得了多少分", occurs).absent).toEqual([]);
    expect(absentWords("评得怎么样", occurs).absent).toEqual([]);
  });

  it("is kept when the verb itself is a word the documents lack (婚假 is not a verb; 休婚假了 keeps 婚假)", () => {
    expect(absentWords("职工休婚假了吗", occurs).absent).toContain("婚假");
  });
});

describe("compoundWords", () => {
  // 003 篇2 (曲阜市科技局): "三是大力实施科技特派员工程。今年全市共组织286名科技特派员下派到12个乡镇",
  // and "进行为期一年半的科技培训", a training course's length, not the envoys'.
  const corpus = "三是大力实施科技特派员工程。今年全市共组织286名科技特派员下派到12个乡镇。进行为期一年半的科技培训";
  const occurs = (w: string) => corpus.includes(w);

  it("joins two words the question writes together when the documents write them as one term", () => {
    const question = "曲阜派下去的科技特派员一次要在乡镇蹲多长时间";
    expect(contentWords(question)).toEqual(expect.arrayContaining(["科技", "特派员"]));
    const words = compoundWords(question, contentWords(question), occurs);
    expect(words).toContain("科技特派员");
    expect(words).not.toContain("科技");
    expect(words).toContain("乡镇");
  });

  it("leaves words apart when the question does not write them together, or the documents never join them", () => {
    expect(compoundWords("科技和特派员", ["科技", "特派员"], occurs)).toEqual(["科技", "特派员"]);
    expect(compoundWords("科技培训特派员", ["科技", "培训", "特派员"], occurs)).toEqual(["科技培训", "特派员"]);
    expect(compoundWords("乡镇特派员", ["乡镇", "特派员"], occurs)).toEqual(["乡镇", "特派员"]);
  });
});

import { describe, expect, it } from "vitest";
import fixtures from "./fixtures/passages.json" with { type: "json" };
import type { Chunk } from "../ingest/types.js";
import type { SearchHit } from "../retrieve/types.js";
import { uniquePassages, type Passage } from "./passages.js";
import { DRAFT_NOTE, extractiveAnswer, extractiveDraft } from "./extractive.js";
import { checkCitations } from "./citations.js";
import { normalizeForDedupe, splitSentences } from "./text.js";
import { packedChunk004, seedChunks } from "../../test/helpers/seed-chunks.js";
import { SEEDS } from "../../test/helpers/cli.js";

const { info, rules, supervision, openness, dangyang } = fixtures as unknown as Record<"info" | "rules" | "supervision" | "openness" | "dangyang", Chunk>;
const passages = (...chunks: Chunk[]): Passage[] => chunks.map((chunk, i) => ({ n: i + 1, chunk, rank: i + 1, score: 1 - i * 0.1 }));
const hits = (...chunks: Chunk[]): SearchHit[] => chunks.map((chunk, i) => ({ rank: i + 1, score: 1 - i * 0.1, chunk }));

/** The sentences of an answer without citations, and the citation after each. */
function sentencesOf(text: string): Array<{ sentence: string; n: number }> {
  return [...text.replace(/^根据文档：/, "").matchAll(/([^[\]]+?)\[(\d+)\]。?/g)].map((m) => ({ sentence: m[1]!, n: Number(m[2]) }));
}

describe("extractiveAnswer", () => {
  it("answers a quantity question with the sentence that holds the number, cited", () => {
    const r = extractiveAnswer("区政府发布了多少条政务信息？", passages(info, rules, openness));
    expect(r.text.startsWith("根据文档：")).toBe(true);
    expect(r.text).toContain("发布各类政务信息2916条[1]。");
    expect(r.citations[0]).toMatchObject({ n: 1, id: info.id, lineStart: 15, lineEnd: 17 });
    expect(r.citations[0]!.quote).toContain("2916条");
  });

  it("asked for a number that no chosen sentence gives, it says so instead of implying one (dates are not counts)", () => {
    const r = extractiveAnswer("当阳市电子政务团队一共有多少人？", passages(dangyang));
    expect(r.text).toMatch(/^文档中没有找到所问的数字，相关内容是：/);
    expect(r.citations.length).toBeGreaterThan(0);
    // The same kind of question where the passage has the figure is answered plainly.
    expect(extractiveAnswer("区政府发布了多少条政务信息？", passages(info)).text).toMatch(/^根据文档：/);
  });

  it("asked a count with a verb, it quotes the sentence stating it after that verb, though it shares no other word (000 篇四: 目前仅配了一名工作人员)", () => {
    const chunks = seedChunks(SEEDS.s000);
    const office = chunks.find((c) => c.text.includes("目前仅配了一名工作人员"))!;
    const r = extractiveAnswer("优办现在归哪个部门管？配了几个人", passages(office));
    expect(r.text).toMatch(/^根据文档：/);
    expect(r.text).toContain("目前仅配了一名工作人员");
    // The sentence saying where the office sits is still there.
    expect(r.text).toContain("优办设在发改局");
  });

  it("asked who signed a document, it leads with the sign-off line, cited to its passage (000 篇三: 中共万全县委组织部)", () => {
    const chunks = seedChunks(SEEDS.s000);
    const signed = chunks.find((c) => c.text.includes("\n中共万全县委组织部"))!;
    const opening = chunks.find((c) => c.text.includes("目前万全县民营企业已达到5366家"))!;
    expect([signed, opening].every(Boolean)).toBe(true);
    const r = extractiveAnswer("万全县那份帮扶企业的调查，落款是哪个单位？", passages(opening, signed));
    expect(r.text).toMatch(/^根据文档，署名单位是：中共万全县委组织部\[1\]。/);
    expect(r.citations[0]).toMatchObject({ n: 1, id: signed.id, quote: "中共万全县委组织部" });
    expect(r.citations[0]!.lineStart).toBe(r.citations[0]!.lineEnd);
    // Not asked who signed it, the line is not put first.
    expect(extractiveAnswer("万全县有多少家民营企业？", passages(opening, signed)).text).not.toContain("署名单位");
  });

  it("a count in Chinese numerals with any unit is a number (001 篇7: \"给予了两户困难户\")", () => {
    const help = seedChunks(SEEDS.s001).find((c) => c.text.includes("给予了两户困难户"))!;
    expect(help).toBeDefined();
    // The passage's line on its own: the sentences before it give a document number in digits ("20号").
    const line = "三是根据本单位的实际情况，给予了两户困难户每户价值伍佰元的生活慰问品。";
    expect(help.text).toContain(line);
    const r = extractiveAnswer("帮扶单位给多少户困难户送了慰问品？", passages({ ...help, text: line }));
    expect(r.text).toMatch(/^根据文档：/);
    expect(r.text).toContain("两户困难户");
  });

  it("a count that only the heading above the passages gives is answered by that heading (002 自评报告2: \"二、采取扣分制进行考核，自评分为196分\")", () => {
    const under = seedChunks(SEEDS.s002).filter((c) => c.headingPath.includes("二、采取扣分制进行考核，自评分为196分") && !c.text.includes("196"));
    expect(under.length).toBeGreaterThan(1);
    const r = extractiveAnswer("临江道路客运按扣分制考核，自己打了多少分？", passages(...under.slice(0, 3)));
    expect(r.text).toMatch(/^根据文档：采取扣分制进行考核，自评分为196分\[1\]。/);
    // Its citation names that section, and the lines of the passage's own sentences, not the whole passage's by default.
    expect(r.citations[0]!.section).toContain("自评分为196分");
    expect(r.citations[0]!.quote).not.toContain("196");
    // Asked for one item's score, the heading over all items is not the answer.
    expect(extractiveAnswer("电子客票应用情况自评了几分？", passages(...under.slice(0, 3))).text).not.toContain("196");
  });

  it("asked for a total, quotes the sentence stating it, not only the parts that match the question as well (002 自评报告1: 61家企业61个项目 over each district's)", () => {
    const fund = seedChunks(SEEDS.s002).find((c) => c.text.includes("61家企业61个项目") && c.text.includes("高新区共支持13家企业13个项目"))!;
    expect(fund).toBeDefined();
    const r = extractiveAnswer("去年市级产业扶持资金一共扶持了多少家企业、多少个项目？", passages(fund));
    expect(r.text).toContain("61家企业61个项目[1]");
    // Reading order: the total comes before the districts, as in the document.
    expect(r.text.indexOf("61家企业")).toBeLessThan(r.text.indexOf("13家企业"));
    // "共…多少" asks for a total too.
    expect(extractiveAnswer("产业发展项目支持资金共支持了多少家企业？", passages(fund)).text).toContain("61家企业61个项目[1]");
    // Not asked for a total, the parts that match best are the answer, as before.
    expect(extractiveAnswer("高新区扶持了多少家企业？", passages(fund)).text).toContain("高新区共支持13家企业13个项目");
  });

  it("asked for a total score, the largest of a list's items is not taken for it (002 自评报告2's items, 自评分为满分N分)", () => {
    const items = seedChunks(SEEDS.s002).filter((c) => c.headingPath.includes("二、采取扣分制进行考核，自评分为196分") && !c.text.includes("196"));
    expect(items.filter((c) => /满分\d+分/.test(c.text)).length).toBeGreaterThan(0);
    // Without the heading stating the total, nothing is offered as the total: the items' best is not quoted for it.
    const r = extractiveAnswer("客运行业那项考核，我们自己一共打了多少分？", passages(...items.slice(0, 3)));
    const plain = extractiveAnswer("客运行业那项考核，我们自己打了多少分？", passages(...items.slice(0, 3)));
    expect(r.text).toBe(plain.text);
  });

  it("asked who is in charge, quotes the sentence that names them (003 篇9: 组长由市农业局副调研员翁树文担任)", () => {
    const group = seedChunks(SEEDS.s003).find((c) => c.text.includes("组长由市农业局副调研员翁树文担任"))!;
    expect(group).toBeDefined();
    for (const question of ["保定农产品品牌工作领导小组谁当组长？", "保定市农业局农产品品牌工作领导小组组长是谁？"]) {
      const r = extractiveAnswer(question, passages(group));
      expect(r.text).toContain("组长由市农业局副调研员翁树文担任");
      expect(checkCitations(r.text, passages(group)).issues).toEqual([]);
    }
  });

  it("uses 2–5 sentences, each taken from the cited passage, each cited", () => {
    const r = extractiveAnswer("人大议案和政协提案办理情况如何？", passages(supervision, info, rules));
    const parts = sentencesOf(r.text);
    expect(parts.length).toBeGreaterThanOrEqual(2);
    expect(parts.length).toBeLessThanOrEqual(5);
    for (const p of parts) {
      const c = r.citations.find((x) => x.n === p.n)!;
      expect(normalizeForDedupe(c.text)).toContain(normalizeForDedupe(p.sentence.replace(/^……/, "")));
    }
    expect(r.text).toContain("政协提案93件");
    expect(r.citations.map((c) => c.id)).toContain(supervision.id);
  });

  it("a numbered item's short title is quoted with the sentence after it (000 篇一: \"1、重汇报，轻实效。在干部考察中…\")", () => {
    const problems = seedChunks(SEEDS.s000).find((c) => c.text.includes("1、重汇报，轻实效。在干部考察中"))!;
    expect(problems).toBeDefined();
    const r = extractiveAnswer("考核干部政绩存在哪些问题", passages(problems));
    // Alone, "重汇报，轻实效。" is too short to quote, and the sentence after it does not name the problem.
    expect(r.text).toContain("重汇报，轻实效。在干部考察中");
    expect(r.text).not.toMatch(/1、重汇报/);
    const c = r.citations[0]!;
    expect(c.quote.startsWith("重汇报，轻实效。在干部考察中")).toBe(true);
    // The quote is found in the passage, so the citation still names the lines it is on.
    expect(problems.text).toContain(c.quote.replace(/[。…]+$/u, ""));
    expect(c.lineStart).toBeGreaterThan(problems.lineStart);
    expect(c.lineEnd - c.lineStart).toBeLessThan(problems.lineEnd - problems.lineStart);
  });

  describe("a sentence that opens a list on its line (004 篇2: 努力做到“五勤”。一是脑勤。…)", () => {
    const chunk = () => {
      const c = seedChunks(SEEDS.s004).find((x) => x.text.includes("努力做到“五勤”"))!;
      expect(c).toBeDefined();
      return c;
    };

    it("asked for the list, quotes its items with their numbers, each cited and checkable", () => {
      const ps = passages(chunk());
      const r = extractiveAnswer("政府办公室主任要做到哪五勤？", ps);
      const at = (s: string) => r.text.indexOf(s);
      expect(at("努力做到“五勤”")).toBeGreaterThanOrEqual(0);
      const items = ["一是脑勤。就是要勤于动脑", "二是嘴勤", "三是眼勤", "四是手勤", "五是腿勤"].map(at);
      for (const [i, pos] of items.entries()) expect(pos, `item ${i + 1}`).toBeGreaterThan(at("努力做到“五勤”"));
      expect(items).toEqual([...items].sort((a, b) => a - b));
      expect(checkCitations(r.text, ps).issues.filter((i) => i.kind !== "irrelevant")).toEqual([]);
      // Each item is cited with the line it is on, which the chunk holds.
      for (const c of r.citations) expect(chunk().text.replace(/\s+/g, "")).toContain(c.quote.replace(/[。…]+$/u, "").replace(/\s+/g, ""));
    });

    it("a list of short items stays the sentence it is, whole (…以下八个方面的工作：一是找准定位；…八是提高效率)", () => {
      const r = extractiveAnswer("当好政府办公室主任要做好哪几个方面的工作？", passages(chunk()));
      expect(r.text).toContain("以下八个方面的工作：一是找准定位；二是抓好班子；三是带好队伍；四是严格管理；五是狠抓落实；六是加强协调；七是搞好服务；八是提高效率[1]");
    });

    it("a list counted otherwise than the question counts is not spelled out (\"哪几块\" is not the 五勤)", () => {
      const r = extractiveAnswer("办公室主任的基本职能有哪几块？", passages(chunk()));
      expect(r.text).toContain("参谋职能、承办职能、管理职能和协调职能四个方面");
      expect(r.text).not.toContain("二是嘴勤");
    });
  });

  it('asked what a term is ("CitiStat是什么？", "What is CitiStat?"), the sentence that says so opens the answer', () => {
    // 003 篇1: the chunk on CitiStat's cost and its 311 line (lines 47–49) matches "CitiStat" in more
    // sentences than the one that introduces it (line 35: "CitiStat是2000年由市长Martin O'Malley在巴尔的摩…").
    const chunks = seedChunks(SEEDS.s003);
    const cost = chunks.find((c) => c.text.includes("CitiStat的建立花费了28.5万美金"))!;
    const intro = chunks.find((c) => c.text.includes("CitiStat是2000年由市长"))!;
    expect(cost.id).not.toBe(intro.id);
    for (const question of ["CitiStat是什么？", "什么是CitiStat", "What is CitiStat?"]) {
      const r = extractiveAnswer(question, passages(cost, intro));
      expect(sentencesOf(r.text)[0]!.sentence).toMatch(/^CitiStat是2000年由市长/);
    }
    // Not a definition: the term must be followed by 是/指/即/： at once ("CitiStat项目H仅是…" is not one).
    const plain = extractiveAnswer("CitiStat花了多少钱？", passages(cost, intro));
    expect(sentencesOf(plain.text)[0]!.sentence).not.toMatch(/^CitiStat是2000年/);
  });

  it("answers a time question with the dated sentence", () => {
    const r = extractiveAnswer("当阳市什么时候决定全力推进网上办公？", passages(dangyang, info));
    expect(r.text).toContain("2012年5月底");
    expect(r.citations[0]!.id).toBe(dangyang.id);
  });

  it("never repeats a sentence when the corpus repeats a passage in another article", () => {
    const copy: Chunk = { ...info, id: "004:5:1:info-copy", article: "政府办公室年度工作总结 篇5", articleIndex: 5, lineStart: 200, lineEnd: 202 };
    // Even if both copies reach the composer, no sentence appears twice.
    const r = extractiveAnswer("信息化建设发布了多少政务信息，报送了多少信息？", passages(info, copy, rules));
    const seen = sentencesOf(r.text).map((p) => normalizeForDedupe(p.sentence));
    expect(new Set(seen).size).toBe(seen.length);
    expect(r.text.match(/2916条/g)).toHaveLength(1);
    // And the service's passage list keeps one copy only.
    expect(uniquePassages(hits(info, copy, rules), 6).map((p) => p.chunk.id)).toEqual([info.id, rules.id]);
  });

  it("orders sentences by passage rank, then by position in the passage", () => {
    const r = extractiveAnswer("政务信息报送和网民留言回复情况", passages(info, supervision));
    const positions = sentencesOf(r.text)
      .filter((p) => p.n === 1)
      .map((p) => info.text.indexOf(p.sentence.replace(/^……/, "")));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it("its own citations pass the citation check", () => {
    const ps = passages(info, rules, supervision);
    const r = extractiveAnswer("区政府发布了多少条政务信息？", ps);
    // Reuse the LLM check on the extractive text (citations there are already 1..N over ps order here).
    const checked = checkCitations(r.text, ps);
    expect(checked.issues.filter((i) => i.kind !== "irrelevant")).toEqual([]);
  });
});

describe("extractiveDraft", () => {
  const ps = passages(openness, info, rules);
  const r = extractiveDraft("写一段信息化建设和政务公开工作的总结", ps);

  it("writes 1–3 paragraphs of cited sentences, then the note and the sources", () => {
    const [body, tail] = r.text.split(`\n\n${DRAFT_NOTE}\n`);
    expect(tail).toBeDefined();
    const paragraphs = body!.split("\n\n");
    expect(paragraphs.length).toBeGreaterThanOrEqual(1);
    expect(paragraphs.length).toBeLessThanOrEqual(3);
    for (const p of paragraphs) expect(p).toMatch(/\[\d+\]。?$/);
    // The same form as an answer's sources: [n] 文章 · 章节（文件，第a–b行）.
    for (const c of r.citations) expect(tail).toMatch(new RegExp(`^\\[${c.n}\\] ${c.article} · .+（${c.file.replace(".", "\\.")}，第[0-9–]+行）$`, "m"));
    expect(tail).toContain("（004_aca56f0dfc7b8c1b.txt，第15–17行）");
  });

  it("orders by section in the document (line order), not by retrieval rank", () => {
    // openness (lines 27–29) was ranked first, info (15–17) second: info comes first in the draft.
    expect(r.citations[0]!.id).toBe(info.id);
    expect(r.text.indexOf("2916条")).toBeLessThan(r.text.indexOf("307件"));
  });

  it("does not repeat itself, and lists each document once", () => {
    const sentences = splitSentences(r.text.split(DRAFT_NOTE)[0]!).map((s) => normalizeForDedupe(s.text));
    expect(new Set(sentences).size).toBe(sentences.length);
    expect(r.sources).toEqual([{ file: info.file, article: info.article }]);
  });
});

describe("citations name the paragraphs the sentences come from", () => {
  // A real chunk of 004 that packs two short sections of 篇6: "五、因政府信息公开申请行政复议……"
  // (line 309) and "六、政府信息公开工作存在的主要问题及改进情况" (lines 311–317).
  const packed = packedChunk004();

  it("a question about the problems takes the sentences of 六 and cites 六 with its lines, not the whole chunk", () => {
    const r = extractiveAnswer("外侨办政府信息公开工作存在哪些问题？", passages(packed));
    const used = sentencesOf(r.text).map((s) => s.sentence);
    expect(used.filter((s) => /目录|受理经验|版面设计|依申请信息公开/.test(s)).length).toBeGreaterThanOrEqual(2);
    expect(r.citations).toHaveLength(1);
    const c = r.citations[0]!;
    // The lines run from the first paragraph used to the last; the section is
    // 六 unless a sentence of 五 was used too (then only the article is shared).
    const fromFive = used.some((s) => s.includes("行政复议"));
    expect([c.lineStart, c.lineEnd]).toEqual([fromFive ? 309 : 313, 317]);
    expect(c.section).toBe(fromFive ? "政府办公室年度工作总结 篇6 › 政府信息公开年度报告" : "政府办公室年度工作总结 篇6 › 政府信息公开年度报告 › 六、政府信息公开工作存在的主要问题及改进情况");
  });

  it("a sentence from one paragraph is cited with that paragraph's line only", () => {
    const r = extractiveAnswer("网站的版面设计和栏目功能有什么需要改进？", passages(packed));
    const c = r.citations[0]!;
    expect(c.quote).toContain("版面设计");
    expect([c.lineStart, c.lineEnd]).toEqual([317, 317]);
    expect(c.section).toBe("政府办公室年度工作总结 篇6 › 政府信息公开年度报告 › 六、政府信息公开工作存在的主要问题及改进情况");
  });
});


describe("parts given as headings (004 篇5: 五、实施步骤 › （一）…（三）…阶段)", () => {
  const chunks = seedChunks(SEEDS.s004);
  const steps = chunks.find((c) => c.headingPath.at(-1) === "五、实施步骤")!;
  const third = chunks.find((c) => c.headingPath.at(-1)?.startsWith("（三）扫尾及总结评比阶段"))!;
  const leadership = chunks.find((c) => c.text.includes("成立2007年冬春水利建设领导小组"))!;

  it("the chunks are the corpus's", () => {
    expect(steps.text).toContain("（二）全面实施阶段");
    expect(third).toBeDefined();
    expect(leadership).toBeDefined();
  });

  it('"分几个阶段" is answered with the count of the headings and each heading, in the document\'s order, cited', () => {
    // Retrieval ranks the third stage above the first two, and another section first.
    const r = extractiveAnswer("冬春水利建设分几个阶段？", passages(leadership, third, steps));
    expect(r.text).toMatch(/^根据文档，共分三个阶段：/);
    const [a, b, c] = ["（一）部署发动阶段", "（二）全面实施阶段", "（三）扫尾及总结评比阶段"].map((h) => r.text.indexOf(h));
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(a!);
    expect(c).toBeGreaterThan(b!);
    expect(r.text).not.toContain("领导小组");
    expect(r.citations.map((x) => x.id).sort()).toEqual([steps.id, third.id].sort());
    // Each citation quotes its heading from the chunk it names, with that heading's line.
    for (const c of r.citations) {
      const chunk = [steps, third].find((x) => x.id === c.id)!;
      expect(chunk.text).toContain(c.quote);
      expect(c.lineStart).toBeGreaterThanOrEqual(chunk.lineStart);
      expect(c.lineEnd).toBeLessThanOrEqual(chunk.lineEnd);
    }
  });

  it("asked what each stage does, each heading brings the sentence under it", () => {
    const r = extractiveAnswer("冬春水利建设分哪几个阶段，每个阶段做什么？", passages(third, steps));
    expect(r.text).toContain("（一）部署发动阶段（2007年9月―10月）：主要任务是调查摸底");
    expect(r.text).toContain("（三）扫尾及总结评比阶段（2008年3―4月）：工作重点是做好");
  });

  it("with a stage missing from the passages, no count is claimed", () => {
    const r = extractiveAnswer("冬春水利建设分几个阶段？", passages(leadership, third));
    expect(r.text).not.toMatch(/共分/);
  });
});

describe("asked why a figure is what it is (003 篇1, CitiStat)", () => {
  const citistat = seedChunks(SEEDS.s003).find((c) => c.text.includes("因此其投资相对较小"))!;

  it('"为什么花钱很少" leads with the reason the passage gives, not with the amounts', () => {
    expect(citistat?.text).toContain("28.5万美金");
    const r = extractiveAnswer("CitiStat为什么花钱很少？", passages(citistat));
    const first = sentencesOf(r.text)[0]!.sentence;
    expect(first).toContain("因此其投资相对较小");
  });
});

describe("a question in traditional characters (001 篇4, 梁寨)", () => {
  const liangzhai = seedChunks(SEEDS.s001).find((c) => c.text.includes("已经撰写了6万则"))!;

  it("is matched as its simplified form: the sentence with the count is quoted, as for the simplified question", () => {
    expect(liangzhai).toBeDefined();
    const traditional = extractiveAnswer("梁寨幹部寫的民情日誌一共有多少則？", passages(liangzhai));
    const simplified = extractiveAnswer("梁寨干部写的民情日志一共有多少则？", passages(liangzhai));
    expect(traditional.text).toContain("已经撰写了6万则");
    expect(traditional.text).toMatch(/^根据文档：/);
    expect(traditional.text).toBe(simplified.text);
  });
});

describe("parts given as headings, asked in English", () => {
  const chunks = seedChunks(SEEDS.s004);
  const steps = chunks.find((c) => c.headingPath.at(-1) === "五、实施步骤")!;
  const third = chunks.find((c) => c.headingPath.at(-1)?.startsWith("（三）扫尾及总结评比阶段"))!;

  it('"How many stages…" counts the 阶段 headings', () => {
    const r = extractiveAnswer("How many stages does the winter-spring water conservancy campaign have?\n冬春 水利 建设", passages(third, steps));
    expect(r.text).toMatch(/^根据文档，共分三个阶段：（一）部署发动阶段/);
  });
});

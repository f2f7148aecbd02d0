/**
 * Extractive answers, drafts and follow-ups on real corpus passages and
 * questions from the QA pass: a heading is not an answer, the sentence that
 * states the asked-for aspect is quoted, follow-ups about the source are
 * answered from the previous answer's citations.
 */
import { describe, expect, it } from "vitest";
import type { Chunk } from "../../src/ingest/types.js";
import type { Passage } from "../../src/answer/passages.js";
import { extractiveAnswer, extractiveDraft, DRAFT_NOTE } from "../../src/answer/extractive.js";
import { asksForSource, heuristicStandalone, onlyRefersBack } from "../../src/answer/followup.js";
import { seedChunks, packedChunk004 } from "../helpers/seed-chunks.js";
import { SEEDS } from "../helpers/cli.js";

const passages = (...chunks: Chunk[]): Passage[] => chunks.map((chunk, i) => ({ n: i + 1, chunk, rank: i + 1, score: 1 - i * 0.1 }));
const chunk = (file: string, text: string): Chunk => {
  const c = seedChunks(file).find((x) => x.text.includes(text));
  if (!c) throw new Error(`no chunk of ${file} holds ${text}`);
  return c;
};
const body = (text: string) => text.replace(/^[^：]*：/, "");

describe("a heading is not an answer: the content under it is quoted", () => {
  it("粮食安全是怎么保障的 (003 篇8): the sentences after the item title, not the title alone", () => {
    const item = chunk(SEEDS.s003, "扎实开展粮食安全工作。一是认真抓好安全生产");
    const section = chunk(SEEDS.s003, "1、稳步推进粮食购销市场化");
    const r = extractiveAnswer("粮食安全是怎么保障的", passages(item, section));
    expect(r.text).toContain("及时调整了综合治理和安全生产领导小组成员");
    // Every sentence quoted is more than a heading: at least one quoted sentence per passage has content.
    expect(body(r.text).length).toBeGreaterThan(100);
  });

  it("对策有哪些 (000 篇一, lines 43–61): the measures named with their first sentence, from each passage of the section", () => {
    const one = chunk(SEEDS.s000, "三、改进干部实绩考核方法的对策");
    const two = chunk(SEEDS.s000, "2、要创新考核内容");
    const four = chunk(SEEDS.s000, "4、要合理、有效地运用干部实绩考核的结果");
    const r = extractiveAnswer("干部时绩考合的对策有那些", passages(one, four, two));
    expect(r.text).not.toMatch(/改进干部实绩考核方法的对策\[/);
    expect(r.text).toContain("改进干部实绩考核方法是新形势下组织人事部门的一项重要内容");
    expect(r.text).toContain("要创新考核内容");
    expect(r.text).toContain("要合理、有效地运用干部实绩考核的结果");
  });

  it("有哪些问题 (000 lines 23–37): the four main problems are quoted", () => {
    const problems = chunk(SEEDS.s000, "1、重汇报，轻实效。");
    const causes = chunk(SEEDS.s000, "2、知事途径比较狭窄");
    const measures = chunk(SEEDS.s000, "三、改进干部实绩考核方法的对策");
    const r = extractiveAnswer("干部实绩考核现在有哪些问题？", passages(causes, problems, measures));
    for (const p of ["重汇报，轻实效", "重眼前，轻长远", "重显绩，轻隐绩", "重静态，轻动态"]) expect(r.text).toContain(p);
    expect(r.text).not.toContain("要提高对干部实绩考核的思想认识");
  });

  it("问题 and 原因 in one section (000 lines 23–41): asked for the problems, not the causes after \"产生上述问题的主要原因有：\"; asked for the causes, only them", () => {
    const problems = chunk(SEEDS.s000, "1、重汇报，轻实效。");
    const causes = chunk(SEEDS.s000, "2、知事途径比较狭窄");
    const asked = extractiveAnswer("干部考核存在哪些问题？", passages(problems, causes));
    for (const p of ["重汇报，轻实效", "重眼前，轻长远", "重显绩，轻隐绩", "重静态，轻动态"]) expect(asked.text).toContain(p);
    for (const c of ["实绩考核不规范", "知事途径比较狭窄", "制度不健全"]) expect(asked.text).not.toContain(c);
    // "存在问题的原因" and the follow-up "那原因呢？" (searched as "考核 干部 存在 那原因呢？") ask for the causes.
    for (const q of ["干部实绩考核存在问题的原因是什么？", "考核 干部 存在 那原因呢？"]) {
      const r = extractiveAnswer(q, passages(problems, causes));
      for (const c of ["实绩考核不规范", "知事途径比较狭窄", "制度不健全"]) expect(r.text, q).toContain(c);
      for (const p of ["重汇报，轻实效", "重眼前，轻长远", "重显绩，轻隐绩", "重静态，轻动态"]) expect(r.text, q).not.toContain(p);
    }
  });

  it("a draft does not open a paragraph with a heading", () => {
    const chunks = ["三、改进干部实绩考核方法的对策", "2、要创新考核内容", "4、要合理、有效地运用干部实绩考核的结果"].map((t) => chunk(SEEDS.s000, t));
    const r = extractiveDraft("帮我写一段关于加强干部实绩考核的话", passages(...chunks));
    const paragraphs = r.text.split(`\n\n${DRAFT_NOTE}`)[0]!.split("\n\n");
    for (const p of paragraphs) expect(p).not.toMatch(/^(?:改进干部实绩考核方法的对策|要提高对干部实绩考核的思想认识)\[/);
  });
});

describe("the sentence that states the asked-for aspect is quoted", () => {
  it("个别谈话法有啥缺点 (000 line 13): \"但效率不高…\"", () => {
    const methods = chunk(SEEDS.s000, "1、个别谈话法。");
    const causes = chunk(SEEDS.s000, "2、知事途径比较狭窄");
    const r = extractiveAnswer("考核干部一般用什么方法？个别谈话法有啥缺点", passages(methods, causes));
    expect(r.text).toContain("但效率不高，概括性语言较多，考核结果不易量化");
  });

  it("a money question quotes the sentence with the amount (003 line 49)", () => {
    const cost = chunk(SEEDS.s003, "CitiStat的建立花费了28.5万美金");
    const r = extractiveAnswer("CitiStat每年节省多少钱", passages(cost));
    expect(r.text).toMatch(/1400万美金|1亿美金|600万美金/);
  });

  it("a rate question quotes the sentence with the rate, and an item's answer stops at the next item (002 lines 165, 206–211)", () => {
    const problems = chunk(SEEDS.s002, "扶贫小额信贷清收难度大");
    const progress = chunk(SEEDS.s002, "逾期率均低于1%");
    const r = extractiveAnswer("扶贫小额信贷的逾期率是多少？", passages(problems, progress));
    expect(r.text).toContain("逾期率均低于1%");
    // "2.乡条件落后，招商难度大" is the next problem, not what stands under "1.扶贫小额信贷清收难度大".
    expect(r.text).not.toContain("乡条件落后");
  });

  it("a draft about the problems of 政府信息公开 draws on 六、…存在的主要问题 (004 lines 313–317)", () => {
    const packed = packedChunk004();
    const overview = seedChunks(SEEDS.s004).find((c) => c.id !== packed.id && c.text.includes("全文包括概述"));
    const r = extractiveDraft("起草一段政府信息公开工作存在问题的表述", passages(...(overview ? [overview] : []), packed));
    expect(r.text).toContain("公开目录的设置还不够科学合理");
    expect(r.text).not.toContain("全文包括概述");
  });

  it("a draft about the problems of 干部教育培训 (001 篇8) is not drafted from another report's problems section that mentions 培训 (000 篇五)", () => {
    const survey = chunk(SEEDS.s001, "您认为目前干部教育培训存在的主要问题是什么");
    const canteens = chunk(SEEDS.s000, "执法人员业务培训滞后");
    expect(canteens.text).toContain("（四）部门监管水平待提升");
    const r = extractiveDraft("起草一段关于干部教育培训存在问题的文字", passages(survey, canteens));
    expect(r.text).toContain("干部教育培训存在的主要问题是什么");
    expect(r.citations[0]!.id).toBe(survey.id);
  });
});

describe("what only announces what follows is not quoted on its own", () => {
  it("a lead-in whose items are not quoted goes; a report's opening formula is cut from its sentence (000 lines 121, 101, 197)", () => {
    const causes = chunk(SEEDS.s000, "万全县建立和实行帮扶企业制度主要基于以下几种因素");
    const cadres = chunk(SEEDS.s000, "全县70个帮扶部门共选派208名机关干部");
    const r = extractiveAnswer("万全县那次扶企活动，各部门一共抽了多少机关干部下去？", passages(causes, cadres));
    expect(r.text).toContain("共选派208名机关干部");
    expect(r.text).not.toContain("以下几种因素");
    const report = chunk(SEEDS.s000, "现将有关情况报告如下");
    const s = extractiveAnswer("政协是怎么对优化经济发展环境进行民主监督的？", passages(report));
    expect(s.text).toContain("对优化经济发展环境进行了民主监督");
    expect(s.text).not.toContain("报告如下");
  });

  it("a formula that names what the report covers stays: it tells which document this is (003 篇4)", () => {
    const monthly = chunk(SEEDS.s003, "现将市经信局2020年9月份工作总结及10月份工作计划报告如下");
    const r = extractiveAnswer("有没有经信局的月度工作总结和下个月计划？", passages(monthly));
    expect(r.text).toContain("现将市经信局2020年9月份工作总结及10月份工作计划报告如下");
  });

  it("a lead-in followed by its items stays (002 line 68: 但目前存在以下主要问题)", () => {
    const problems = chunk(SEEDS.s002, "但目前存在以下主要问题");
    const r = extractiveAnswer("产业发展专项资金现在最突出的毛病是什么？", passages(problems));
    expect(r.text).toMatch(/但目前存在以下主要问题\[1\]。规模过小/);
  });
});

describe("follow-ups", () => {
  it("\"这一条出自哪个文件？\" asks for the source; a question naming a topic does not", () => {
    expect(asksForSource("这一条出自哪个文件？")).toBe(true);
    expect(asksForSource("上面的回答来自哪份材料")).toBe(true);
    expect(asksForSource("市长质量奖出自哪个文件")).toBe(false);
    expect(asksForSource("那原因呢？")).toBe(false);
  });

  it("\"那原因呢？\" / \"那对策呢？\" point back; \"那农村呢\" names a topic", () => {
    expect(onlyRefersBack("那原因呢？")).toBe(true);
    expect(onlyRefersBack("那对策呢？")).toBe(true);
    expect(onlyRefersBack("那农村呢？")).toBe(false);
  });

  it("a follow-up naming a new aspect searches the topic and the new aspect, not the old aspect", () => {
    const q = heuristicStandalone("那原因呢？", [
      { role: "user", content: "干部考核有哪些问题" },
      { role: "assistant", content: "根据文档：重汇报，轻实效。[1]" },
    ]);
    expect(q).toContain("干部");
    expect(q).toContain("原因");
    expect(q).not.toContain("问题");
  });

  it("\"那是哪份材料说的？\" and \"出自哪篇文章？\" ask for the source too (jieba reads 这是, 篇文章 as words)", () => {
    for (const q of ["那是哪份材料说的？", "出自哪篇文章？", "这些数字是哪份报告里的？", "这是哪个文件里的？"]) expect(asksForSource(q), q).toBe(true);
    expect(asksForSource("哪份材料讲了市长质量奖？")).toBe(false);
  });

  it("a draft asked of what was just discussed (\"帮我写一段关于这个做法的总结\") is about the earlier topic", () => {
    const history = [
      { role: "user" as const, content: "梁寨镇干部包挂多少户？" },
      { role: "assistant" as const, content: "根据文档：因为梁寨镇机关（站、所）的148名干部都像李芳这样有着自己“包挂”的居民家庭，人均“包挂”超过100户[1]。" },
    ];
    const q = heuristicStandalone("帮我写一段关于这个做法的总结", history);
    expect(q).toContain("梁寨");
    expect(q).toContain("帮我写一段关于这个做法的总结");
    // A draft that names its own topic is left as it is.
    expect(heuristicStandalone("帮我写一段关于政府采购的总结", history)).toBe("帮我写一段关于政府采购的总结");
  });
});

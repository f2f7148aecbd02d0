/**
 * Retrieval behaviour on the real seed index: both keyword channels and the
 * vector side merged on chunk id with scores pointing one way, questions in
 * either script or in English, near-duplicate passages kept out of the top k,
 * `confident` for questions the corpus cannot answer, and `find` ranking
 * articles. (Quality figures over the whole evaluation set are `policybot
 * eval`'s job; these are the behaviours, each on a real passage.)
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DOCS, SEEDS } from "../../test/helpers/cli.js";
import { ingest } from "../ingest/pipeline.js";
import { LocalNgramEmbeddings } from "../embed/local.js";
import { readIndex } from "../index/store.js";
import { HybridRetriever } from "./hybrid.js";
import { normalizeQuery } from "../text/normalize.js";
import { isNearDuplicate, jaccard, shingles } from "./dedupe.js";
import { expandEnglish, translateEnglish } from "./glossary.js";

let tmp = "";
let retriever: HybridRetriever;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), "policybot-retrieve-"));
  const indexDir = path.join(tmp, "index");
  const embedder = new LocalNgramEmbeddings();
  await ingest({ paths: [DOCS], indexDir, embedder });
  retriever = new HybridRetriever(await readIndex(indexDir), embedder);
});
afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe("search", () => {
  test("a literal question finds its passage first, with file, section and original lines", async () => {
    const r = await retriever.search("政务网建设已成功布点多少个？", { k: 5 });
    const top = r.results[0]!.chunk;
    expect(top.file).toBe(SEEDS.s004);
    expect(top.text).toContain("已成功布点23个");
    expect(top.section).toBe("政府办公室年度工作总结 篇1 › 一、二0_ 年工作完成情况 › （二）强化信息化建设，信息服务水平不断提高");
    expect([top.lineStart, top.lineEnd]).toEqual([15, 17]);
    expect(r.confident).toBe(true);
  });

  test("scores point one way: higher is better, ranks follow scores", async () => {
    const r = await retriever.search("校园食品安全监管", { k: 8 });
    expect(r.results.length).toBe(8);
    r.results.forEach((hit, i) => {
      expect(hit.rank).toBe(i + 1);
      if (i > 0) expect(hit.score).toBeLessThanOrEqual(r.results[i - 1]!.score);
    });
  });

  test("traditional characters find the same passage as simplified ones", async () => {
    const simplified = await retriever.search("临江市新能源车辆推广应用情况", { k: 3 });
    const traditional = await retriever.search("臨江市新能源車輛推廣應用情況", { k: 3 });
    expect(traditional.normalized).toBe(simplified.normalized);
    expect(traditional.results.map((h) => h.chunk.id)).toEqual(simplified.results.map((h) => h.chunk.id));
    expect(simplified.results[0]!.chunk.text).toContain("新能源");
  });

  test("filler such as 请问/帮我查一下 does not change what is searched", async () => {
    const plain = await retriever.search("冬春水利建设的目标任务", { k: 3 });
    const polite = await retriever.search("请问，帮我查一下冬春水利建设的目标任务？谢谢", { k: 3 });
    expect(polite.normalized).toBe(plain.normalized);
    expect(polite.results[0]!.chunk.id).toBe(plain.results[0]!.chunk.id);
  });

  test("a Chinese \"which document\" question, asked at the start or at the end, searches its topic", async () => {
    // The topic is what find shows ("讲到“餐桌污染”的材料"), not the question around it.
    for (const asked of ["餐桌污染在哪份材料里？", "讲餐桌污染的是哪份材料", "哪些文件提到过餐桌污染", "哪份材料讲了餐桌污染", "哪篇文章提到了餐桌污染", "哪份报告谈到过餐桌污染"]) expect(normalizeQuery(asked), asked).toBe("餐桌污染");
    const asked = await retriever.find("餐桌污染在哪份材料里？", { k: 3 });
    const topic = await retriever.find("餐桌污染", { k: 3 });
    expect(asked.documents.map((d) => d.article)).toEqual(topic.documents.map((d) => d.article));
    // 004 篇9 is the plan for treating food pollution at the table (治理餐桌污染).
    expect(asked.documents[0]!.article).toBe("政府办公室年度工作总结 篇9");
    // Which the compilation only numbered: find names it by its own title too.
    expect(asked.documents[0]!.ownTitle).toBe("福建省人民政府办公厅转发省食品安全委员会办公室关于2007年度全省治理“餐桌污染”建设“食品放心工程”工作方案的通知");
  });

  test("a pasted passage asked about (\"下面这段话出自哪份材料：…\") is searched for itself, not for the words that ask", async () => {
    // 004 line 17: "积极构建七里河区政务信息和应急管理传送局域网…已成功布点23个".
    const asked = "下面这段话出自哪份材料：积极构建七里河区政务信息和应急管理传送局域网";
    expect(normalizeQuery(asked)).toBe("积极构建七里河区政务信息和应急管理传送局域网");
    expect(normalizeQuery("这句话是哪个文件里的：已成功布点23个")).toBe("已成功布点23个");
    expect(normalizeQuery("“已成功布点23个”这句话出自哪里？")).toBe("“已成功布点23个");
    // "一句话概括…" and "这段时间…" are not about a pasted passage.
    expect(normalizeQuery("一句话概括零报告制度")).toBe("一句话概括零报告制度");
    const r = await retriever.find(asked, { k: 3 });
    expect(r.absent ?? []).toEqual([]);
    expect(r.documents[0]).toMatchObject({ file: "004_aca56f0dfc7b8c1b.txt", article: "政府办公室年度工作总结 篇1" });
  });

  test("an English \"which document\" question searches its topic, not the words it asks with", async () => {
    const asked = await retriever.find("Which document covers the mayor quality award?", { k: 3 });
    const topic = await retriever.find("the mayor quality award", { k: 3 });
    expect(normalizeQuery("Which document covers the mayor quality award?")).toBe("the mayor quality award");
    expect(normalizeQuery("Is there a report on school food safety?")).toBe("school food safety");
    expect(asked.documents.map((d) => d.article)).toEqual(topic.documents.map((d) => d.article));
    expect(asked.documents[0]!.article).toBe("市长质量奖汇报材料 篇3");
    // English topics are not cut by coverage: the food-safety plan (004 篇9, school canteens) stays listed.
    const food = await retriever.find("Which document covers food safety in schools?", { k: 5 });
    expect(food.documents.map((d) => d.article)).toContain("政府办公室年度工作总结 篇9");
  });

  test("a paraphrase that shares characters but not words with its passage (政绩 / 实绩, 办法 / 方法)", async () => {
    // 000 line 13 onwards: "一、现行干部实绩考核方法的几种形式及效果 … 1、个别谈话法 … 2、民主测评法".
    const r = await retriever.search("考核干部政绩有哪些办法", { k: 3 });
    expect(r.results.map((h) => h.chunk.text).join("\n")).toMatch(/个别谈话法|民主测评法/);
  });

  test("an everyday word is also searched as the documents write it, beside the question's own words (小卖部 → 商店)", async () => {
    // 000 篇五's problems name 商店 where staff say 小卖部; on its own words the question finds 003's school reports first.
    const question = "学校里的小卖部都有哪些乱象？";
    const withWritten = await retriever.search(question, { k: 3 });
    expect(withWritten.results[0]!.chunk.text).toContain("无照或租借证照经营");
    const ownWordsOnly = new HybridRetriever(retriever.index, retriever.embedder, { colloquialWeight: 0 });
    const alone = await ownWordsOnly.search(question, { k: 3 });
    expect(alone.results[0]!.chunk.text).not.toContain("无照或租借证照经营");
    // How relevant the question is stays judged on its own words.
    expect(alone.relevance).toBe(withWritten.relevance);
  });

  test("near-duplicate passages do not fill the top k (篇二 and 篇三 of 000 repeat the same survey)", async () => {
    const r = await retriever.search("帮扶企业制度起到了互补作用", { k: 5 });
    const texts = r.results.map((h) => shingles(h.chunk.text));
    for (let i = 0; i < texts.length; i++) for (let j = 0; j < i; j++) expect(isNearDuplicate(texts[i]!, texts[j]!)).toBe(false);
    // Without the check, the two copies would both be there: they are near-duplicates of each other.
    const copies = retriever.index.chunks.filter((c) => c.file === SEEDS.s000 && c.text.includes("帮扶企业制度起到了“互补”作用"));
    expect(copies.length).toBeGreaterThanOrEqual(2);
    expect(jaccard(shingles(copies[0]!.text), shingles(copies[1]!.text))).toBeGreaterThanOrEqual(0.6);
  });

  test("of two copies of a passage, the one cited is from the article about the place the question names (000 篇二 某县, 篇三 万全县)", async () => {
    for (const question of ["万全县干部帮企业办的实事里，调解企业和老百姓纠纷的有几件？", "In Wanquan County, how many of the practical matters done for companies settled disputes with local people?"]) {
      const r = await retriever.search(question, { k: 10 });
      const copy = r.results.find((h) => h.chunk.text.includes("办实事245件"));
      expect(copy, question).toBeDefined();
      // 篇三 is the one that names 万全县 (its opening, line 119: "目前万全县民营企业已达到5366家").
      expect(copy!.chunk.articleIndex, question).toBe(3);
    }
  });

  test("a passage is read in its article's context: a name the article gives once, in its opening, counts for its other passages", async () => {
    // 001 篇7: 西峰区 is named only in the passage of its first section (line 98); the half-year's figures are in the opening (line 96).
    const question = "西峰区今年上半年搞了多少次政府采购？";
    const figures = (r: { results: Array<{ chunk: { text: string } }> }) => r.results[0]!.chunk.text;
    const alone = new HybridRetriever(retriever.index, retriever.embedder, { ...retriever.options, contextShare: 0 });
    expect(figures(await alone.search(question, { k: 3 }))).not.toContain("采购次数78次");
    const r = await retriever.search(question, { k: 3 });
    expect(figures(r)).toContain("采购次数78次");
    expect(r.results[0]!.chunk.text).not.toContain("西峰");
  });

  test("the local embedder is a recall net: it leaves the keyword matches' order alone and adds passages only where keywords match nothing", async () => {
    const keywordsOnly = new HybridRetriever(retriever.index, retriever.embedder, { vectorWeight: 0 });
    const ids = (r: { results: Array<{ chunk: { id: string } }> }) => r.results.map((h) => h.chunk.id);
    // Questions whose top 5 the vectors reordered when they were fused at weight 0.01.
    for (const question of ["粮食仓储“一符四无”检查是怎么组织的？", "食堂从业人员的培训为啥基本停掉了？"]) {
      expect(ids(await retriever.search(question, { k: 5 }))).toEqual(ids(await keywordsOnly.search(question, { k: 5 })));
    }
    // Characters no document contains: nothing for the keyword sides, passages from the vectors, not confident.
    expect((await keywordsOnly.search("龘靐齉", { k: 3 })).results).toEqual([]);
    const net = await retriever.search("龘靐齉", { k: 3 });
    expect(net.results).toHaveLength(3);
    expect(net.confident).toBe(false);
  });

  test("a question in English searches the Chinese terms of the glossary", async () => {
    const terms = translateEnglish("food safety in school canteens");
    expect(terms.some((t) => t.includes("食品安全"))).toBe(true);
    expect(terms.some((t) => t.includes("食堂"))).toBe(true);
    expect(expandEnglish("零报告制度")).toBe("零报告制度");
    const r = await retriever.search("How is food safety in school canteens supervised?", { k: 5 });
    expect(r.results.slice(0, 3).some((h) => /食品安全/.test(h.chunk.text) && /食堂/.test(h.chunk.text))).toBe(true);
  });
});

describe("the part of a report a question asks for", () => {
  test("a question about shortcomings finds the report's problems section, which shares no keyword with it", async () => {
    const question = "产业发展专项资金有哪些不足？";
    const plain = new HybridRetriever(retriever.index, retriever.embedder, { ...retriever.options, intentWeight: 0 });
    const without = await plain.search(question, { k: 3 });
    const withIntent = await retriever.search(question, { k: 3 });
    expect(without.results[0]!.chunk.section).not.toMatch(/存在的问题/);
    expect(withIntent.results[0]!.chunk.section).toMatch(/六、存在的问题$/);
    expect(withIntent.results[0]!.chunk.text).toContain("产业发展专项资金自2007年设立以来");
  });
});

describe("the kind of figure a question asks for", () => {
  test("a passage stating a length of time comes first for 多久, and whether the best passages state one is judged before that", async () => {
    // 004 篇1 （七）: "…建立了应急信息30分钟内报告制度" (the question's words are spread over other passages too).
    const question = "发生突发事件后多久之内必须上报信息？";
    const plain = new HybridRetriever(retriever.index, retriever.embedder, { ...retriever.options, typeWeight: 0 });
    const without = await plain.search(question, { k: 3 });
    const withType = await retriever.search(question, { k: 3 });
    expect(without.results[0]!.chunk.text).not.toContain("30分钟内");
    expect(withType.results[0]!.chunk.text).toContain("应急信息30分钟内报告");
    // Only reordered: the same passages, and the same verdict on whether they answer.
    expect(new Set(withType.results.map((h) => h.chunk.id))).toEqual(new Set(without.results.map((h) => h.chunk.id)));
    expect([withType.confident, withType.missing]).toEqual([without.confident, without.missing]);
  });

  test("asked who issued or signed a document, the passage that ends with its sign-off is lifted; whether the text says is not judged by it", async () => {
    // 000 篇三 ends "…能更好地发挥他们的潜力和能力。\n中共万全县委组织部".
    const plain = new HybridRetriever(retriever.index, retriever.embedder, { ...retriever.options, typeWeight: 0 });
    const signOff = (r: { results: Array<{ chunk: { text: string } }> }) => r.results.findIndex((h) => h.chunk.text.includes("中共万全县委组织部")) + 1;
    const question = "帮扶企业的专题调查是谁写的？";
    expect(signOff(await plain.search(question, { k: 5 }))).toBe(0);
    const r = await retriever.search(question, { k: 5 });
    expect(signOff(r)).toBe(1);
    // A report without a sign-off often says whose it is in its text (002 自评报告2: "临江市交通运输局成立了…"): still confident.
    const unsigned = await retriever.search("临江市交通运输局那份客运自评报告是哪个单位写的？", { k: 3 });
    expect([unsigned.confident, unsigned.missing]).toEqual([true, undefined]);
  });

  test("asked why, the passage that states a cause is lifted, and none stating one does not make the question unanswered", async () => {
    // 000 篇五: "食品从业人员培训…因无专项经费支持，基本处于停滞状态".
    const plain = new HybridRetriever(retriever.index, retriever.embedder, { ...retriever.options, typeWeight: 0 });
    const question = "为啥学校食堂从业人员的食品安全培训中断了？";
    const rank = (r: { results: Array<{ chunk: { text: string } }> }) => r.results.findIndex((h) => h.chunk.text.includes("因无专项经费支持")) + 1;
    expect(rank(await plain.search(question, { k: 5 }))).toBe(2);
    const r = await retriever.search(question, { k: 5 });
    expect(rank(r)).toBe(1);
    expect([r.confident, r.missing]).toEqual([true, undefined]);
  });

  test("a passage about something else that states an amount is not lifted over the passages about the topic", async () => {
    // 003 篇1 on CitiStat: its passages are the top three with or without the bonus.
    const r = await retriever.search("CitiStat每年花多少钱？", { k: 3 });
    expect(r.results.every((h) => h.chunk.text.includes("CitiStat"))).toBe(true);
  });
});

describe("quantities in Chinese numerals", () => {
  test("a quantity in Chinese numerals also searches its digits (过百亿 / 过100亿元)", async () => {
    // 003 篇4: "力争培植主营业务收入过100亿元1家".
    const question = "明年要培育几家年营收过百亿的企业？";
    expect(retriever.searchText("明年要培育几家年营收过百亿的企业")).toContain("100亿");
    const r = await retriever.search(question, { k: 5 });
    expect(r.results.some((h) => h.chunk.text.replace(/\s+/g, "").includes("过100亿元1家"))).toBe(true);
  });
});

describe("pinyin names in English questions", () => {
  test("a capitalised word that spells a corpus word searches it (Liangzhai → 梁寨, Yangliu → 杨柳)", async () => {
    const text = retriever.searchText("How did Liangzhai town keep officials close to the people?");
    expect(text).toContain("梁寨");
    expect(retriever.searchText("What problems do the Yangliu rice wine workshops have?")).toContain("杨柳");
    // The first word of a sentence and glossary words are not names.
    const glossed = translateEnglish("Which documents cover Food Safety?", () => true);
    expect(retriever.searchText("Which documents cover Food Safety?").split(" ").filter((t) => !glossed.includes(t))).toEqual([]);
    const r = await retriever.search("How did Liangzhai town keep officials close to the people?", { k: 5 });
    expect(r.results.some((h) => h.chunk.file === SEEDS.s001 && h.chunk.text.includes("梁寨"))).toBe(true);
  });
});

describe("confident", () => {
  test("questions the documents answer are confident; questions they do not cover are not", async () => {
    for (const q of ["区政府全年发布了多少条政务信息？", "杨柳米酒小作坊存在哪些问题？"]) expect((await retriever.search(q)).confident, q).toBe(true);
    for (const q of ["单位住房公积金缴存比例是多少？", "职工医保门诊报销比例是多少？"]) expect((await retriever.search(q)).confident, q).toBe(false);
  });

  test("an English question is judged against a threshold of its own: its glossary terms all occur, so its relevance runs higher", async () => {
    const { minRelevance, minRelevanceEnglish } = retriever.options;
    expect(minRelevanceEnglish).toBeGreaterThan(minRelevance);
    // Off-topic, yet over the Chinese threshold: "fire" and "building" have glosses the documents write (森林防火).
    const drill = await retriever.search("When is the next fire drill in our building?", { k: 3 });
    expect(drill.relevance).toBeGreaterThan(minRelevance);
    expect(drill.relevance).toBeLessThan(minRelevanceEnglish);
    expect(drill.confident).toBe(false);
    // Close under it, and no other rule against it: a language model may judge the passages.
    expect(drill.borderline).toBe(true);
    const sites = await retriever.search("How many sites of the e-government network have been set up?", { k: 3 });
    expect(sites.confident).toBe(true);
    expect(sites.results.map((h) => h.chunk.text).join("")).toContain("已成功布点23个");
  });

  test("a question about the office's own affairs, which the documents never write about, is not confident however well it matches otherwise", async () => {
    // Relevance over both thresholds: 干部, 工作 and 组织 are everywhere in the documents; 体检 nowhere.
    const exam = await retriever.search("干部体检工作是怎么组织的？", { k: 3 });
    expect(exam.relevance).toBeGreaterThan(retriever.options.minRelevance);
    expect(exam.officeAffairs).toEqual(["体检"]);
    expect(exam.confident).toBe(false);
    // Not borderline either: a language model is not asked to judge passages about something else.
    expect(exam.borderline).toBeUndefined();
    const taxi = await retriever.search("Who handles reimbursement for a taxi to a meeting?", { k: 3 });
    expect(taxi.relevance).toBeGreaterThan(retriever.options.minRelevanceEnglish);
    expect(taxi.officeAffairs).toEqual(["reimbursement", "taxi"]);
    expect(taxi.confident).toBe(false);
    // A matter the documents do write about is theirs to answer: they write about school canteens (食堂).
    const canteen = await retriever.search("学校食堂的食品安全是怎么检查的？", { k: 3 });
    expect(canteen.officeAffairs).toBeUndefined();
    expect(canteen.confident).toBe(true);
  });

  test("an area of government work no document writes is not confident, though the question's other words match and are few", async () => {
    // 机关, 办公楼 and 要求 occur; 垃圾分类 nowhere, and the share of absent words alone (垃圾, 投放) is under the rule's.
    const sorting = await retriever.search("机关办公楼的垃圾分类是怎么要求投放的？", { k: 3 });
    expect(sorting.relevance).toBeGreaterThan(retriever.options.minRelevance);
    expect(sorting.absent).toEqual(["垃圾分类", "投放"]);
    expect(sorting.confident).toBe(false);
    expect(sorting.borderline).toBeUndefined();
    // The seeds write 林长制 (石渠, 益阳): a question about it is theirs to answer.
    const forests = await retriever.search("林长制考核对森林督查案件查处有什么要求？", { k: 3 });
    expect(forests.absent).toBeUndefined();
    expect(forests.confident).toBe(true);
  });

  test("a count the best passage's article never gives, in any unit, is not given; one it gives elsewhere, in a unit counting alike, is", async () => {
    // 001 篇8 reports its survey of cadre training in shares only: how many questionnaires, it never says.
    const survey = await retriever.search("那次干部教育培训的问卷一共发出去多少份？", { k: 3 });
    expect(survey.results[0]!.chunk.text).toContain("问卷显示");
    expect(survey.confident).toBe(false);
    expect(survey.missing).toBe("count");
    // 003 篇3 gives it in 次, further on than the passage ranked first ("开展质量月活动4次").
    const month = await retriever.search("宁都县质量月搞了几场现场活动？", { k: 3 });
    expect(month.confident).toBe(true);
    expect(month.missing).toBeUndefined();
  });

  test("an amount stated only of something else does not answer: the sentence giving it names what was asked", async () => {
    // 003 篇1 costs CitiStat and StateStat, not CompStat or GMAP.
    for (const q of ["纽约警察局的CompStat每年运行要花多少钱？", "How much does GMAP cost to run each year?"]) {
      const r = await retriever.search(q, { k: 3 });
      const { file, article } = r.results[0]!.chunk;
      const articleText = retriever.index.chunks.filter((c) => c.file === file && c.article === article).map((c) => c.text).join("");
      expect(articleText, q).toContain("年花费近40万美金");
      expect([r.confident, r.missing], q).toEqual([false, "money"]);
    }
    for (const q of ["巴尔的摩的CitiStat建起来花了多少钱？", "How much does StateStat cost to run each year?"]) {
      const r = await retriever.search(q, { k: 3 });
      expect([r.confident, r.missing], q).toEqual([true, undefined]);
    }
    // 003 篇9 names the 廊坊 fair, and gives amounts of other things; 篇2's contracts are another fair's.
    const fair = await retriever.search("保定组团参加廊坊农交会签了多少金额的合同？", { k: 3 });
    expect(fair.results[0]!.chunk.text).toContain("廊坊");
    expect([fair.confident, fair.missing]).toEqual([false, "money"]);
  });

  test("an English question's answer is read in a sentence naming what the glossary says its words are", async () => {
    // 000 篇5 finds canteens in dilapidated buildings without naming a school; the schools it names are elsewhere.
    const canteen = await retriever.search("In Yuanjiang, which school canteen was found operating in a dilapidated building?", { k: 3 });
    expect([canteen.confident, canteen.missing]).toEqual([false, "school"]);
    // 004 篇9 gives the share in a sentence about school canteens ("学校食堂达60%以上").
    const share = await retriever.search("What is the target share of school canteens in cities and county towns under quantified hygiene grading management?", { k: 3 });
    expect([share.confident, share.missing]).toEqual([true, undefined]);
  });

  test("who holds a role the documents never write is not answered, however well the rest matches", async () => {
    // 004 篇1 reports 七里河区's second 区志 at length, and names no 主编 (a word no document writes).
    const editor = await retriever.search("七里河区第二轮区志编纂的主编是哪位领导？", { k: 3 });
    expect(editor.results[0]!.chunk.text).toContain("区志");
    expect(editor.relevance).toBeGreaterThan(retriever.options.minRelevance);
    expect([editor.confident, editor.missing]).toEqual([false, "person"]);
    // A role they do write is theirs to answer (002 自评报告2: "由市长任组长的市推进先进制造业高质量发展领导小组").
    const head = await retriever.search("先进制造业高质量发展领导小组的组长是谁？", { k: 3 });
    expect(head.results.map((h) => h.chunk.text).join("")).toContain("由市长任组长");
    expect([head.confident, head.missing]).toEqual([true, undefined]);
  });

  test("which county a place belongs to needs a county named, not the place itself", async () => {
    // 001 篇4 writes of 梁寨镇 and 梁寨村 throughout, never of its county.
    const county = await retriever.search("梁寨镇是哪个县管的？", { k: 3 });
    expect(county.results[0]!.chunk.text).toContain("梁寨");
    expect([county.confident, county.missing]).toEqual([false, "place"]);
    // 004 篇5: "确定新罗区为2007年度冬春水利建设样板县、武平县为重点县".
    const key = await retriever.search("冬春水利建设选了哪个县做重点县？", { k: 3 });
    expect(key.results.map((h) => h.chunk.text).join("")).toContain("武平县为重点县");
    expect([key.confident, key.missing]).toEqual([true, undefined]);
  });

  test("people counted by what they are, who led, and a figure about a named person need the documents to say so", async () => {
    // 001 篇7 南皮县 writes of its staff and its experts but never how many there are.
    const staff = await retriever.search("南皮县采购中心现在一共有几名工作人员？", { k: 3 });
    expect(staff.results[0]!.chunk.text).toContain("南皮县");
    expect([staff.confident, staff.missing]).toEqual([false, "count"]);
    // 004 篇6 漳州 does: "配备了1名兼职工作人员".
    const zhangzhou = await retriever.search("漳州外侨办配了几名工作人员负责信息公开？", { k: 3 });
    expect(zhangzhou.results[0]!.chunk.text).toContain("1名兼职工作人员");
    expect([zhangzhou.confident, zhangzhou.missing]).toEqual([true, undefined]);
    // 000 篇四 prints the leader's name as "*": "由市政协副主席*带队".
    const led = await retriever.search("市政协搞民主监督那次是哪位领导带队的？", { k: 3 });
    expect(led.results.map((h) => h.chunk.text).join("")).toContain("副主席*带队");
    expect([led.confident, led.missing]).toEqual([false, "person"]);
    // 001 篇4 quotes 镇党委书记王磊 several times, and states years, but never in a sentence about him.
    const wang = await retriever.search("梁寨镇党委书记王磊哪年当上书记的？", { k: 3 });
    expect(wang.results[0]!.chunk.text).toContain("梁寨");
    expect([wang.confident, wang.missing]).toEqual([false, "year"]);
  });

  test("a figure in Chinese numerals is as relevant as in the digits the documents write (003 篇6: 过100亿元1家)", async () => {
    const numerals = await retriever.search("全市计划培育几家主营业务收入过百亿的企业？", { k: 3 });
    const digits = await retriever.search("全市计划培育几家主营业务收入过100亿的企业？", { k: 3 });
    expect(numerals.relevance).toBe(digits.relevance);
    // And 百亿 is not a word the documents lack.
    expect(numerals.absent ?? []).toEqual([]);
  });

  test("what a plan's own title names frames its sentences: its target answers what is planned, not what was done", async () => {
    // 004 篇5 is 龙岩's notice on its 2007 winter-spring water works: "计划完成土石方1000万m3" is a target.
    const planned = await retriever.search("龙岩市2007年度冬春水利建设计划完成多少土石方？", { k: 3 });
    expect(planned.results.map((h) => h.chunk.text).join("")).toContain("计划完成土石方1000万m3");
    expect(planned.confident).toBe(true);
    // The sentences naming the title's words (龙岩市, 冬春水利建设) say nothing done; those on 土石方 only plan it.
    const done = await retriever.search("龙岩市2007年度冬春水利建设最后实际完成了多少土石方？", { k: 3 });
    expect([done.confident, done.missing]).toEqual([false, "outcome"]);
  });

  test("whether a bid succeeded, and a year planned, need the documents to say it", async () => {
    // 002 篇5: 石渠's World Heritage bid started at the end of 2020 and "正在有序开展"; no outcome, no year expected.
    const bid = await retriever.search("石渠县的嘛呢石刻群申报世界文化遗产最后成功了没有？", { k: 3 });
    expect(bid.results[0]!.chunk.text).toContain("嘛呢石刻");
    expect([bid.confident, bid.missing]).toEqual([false, "outcome"]);
    const year = await retriever.search("嘛呢石刻群申遗预计哪一年能批下来？", { k: 3 });
    expect(year.results[0]!.chunk.text).toContain("嘛呢石刻");
    expect([year.confident, year.missing]).toEqual([false, "year"]);
    // 003 篇3 says 宁都's firms were put forward for 江西名牌 "并成功获批"; 002 篇2 plans 临江's routes by year.
    const brand = await retriever.search("宁都县推荐企业参评江西名牌，最后成功了没有？", { k: 3 });
    expect([brand.confident, brand.missing]).toEqual([true, undefined]);
    const routes = await retriever.search("临江预计哪一年改造5条客运班线？", { k: 3 });
    expect([routes.confident, routes.missing]).toEqual([true, undefined]);
  });

  test("a question in everyday words the documents do not write is as relevant as in theirs, and ranked on its own", async () => {
    // 这块 and 毛病: the documents write 方面 and 问题. Alone, the question's characters match too little to be confident.
    const union = await retriever.search("工会这块有什么毛病", { k: 3 });
    expect(union.confident).toBe(true);
    expect(union.absent).toBeUndefined();
    expect(union.results[0]!.chunk.section).toContain("推动工会工作创新发展");
    // 孩子 and 吃饭: 学生 and 就餐 in the school-canteen report.
    const canteen = await retriever.search("学校里孩子吃饭安不安全", { k: 3 });
    expect(canteen.confident).toBe(true);
    expect(canteen.results.map((h) => h.chunk.text).join("")).toMatch(/食堂/);
    // Off-topic questions stay so: 公积金 has no written word to stand for it.
    expect((await retriever.search("单位公积金这块有什么毛病", { k: 3 })).confident).toBe(false);
    // 打印机 is written (003 篇2 donates printers); a printer that will not connect is the office's own matter.
    expect((await retriever.search("办公室电脑连不上打印机了，该找谁？", { k: 3 })).confident).toBe(false);
  });

  test("a short question or topic whose words the documents never use is not confident, however its characters match (婚假: 婚 and 假 each occur)", async () => {
    const leave = await retriever.search("婚假", { k: 3 });
    expect(leave.results.length).toBeGreaterThan(0);
    expect(leave.confident).toBe(false);
    expect(leave.absent).toEqual(["婚假"]);
    // Half of the words present: still searched as usual, the absent ones listed.
    const fund = await retriever.search("住房公积金缴存", { k: 3 });
    expect(fund.absent).toEqual(expect.arrayContaining(["公积金"]));
    expect(fund.absent).not.toContain("住房");
    // Words a passage, a section path or a title contains are not absent; asking words are not content.
    expect((await retriever.search("政务网建设布点了多少个？")).absent).toBeUndefined();
    expect((await retriever.search("杨柳米酒小作坊存在哪些问题？")).absent).toBeUndefined();
    expect((await retriever.search("零报告制度是怎么规定的？")).absent).toBeUndefined();
  });

  test("a year no document mentions makes a question not confident, and is listed as absent; a year they mention does not", async () => {
    const later = await retriever.search("2025年全市规模以上工业增加值增长了多少？");
    expect(later.confident).toBe(false);
    expect(later.absent).toEqual(["2025年"]);
    // 003 gives 2021's growth (增长9.7%); a figure inside a longer number is no year ("19923.7万元").
    const known = await retriever.search("2021年全市规模以上工业增加值增长了多少？");
    expect(known.confident).toBe(true);
    expect(known.absent).toBeUndefined();
    expect((await retriever.search("万全县引进县外资金19923.7万元完成任务了吗？")).absent).toBeUndefined();
  });

  test("a year the passages about the place a question names never mention makes it not confident, though other documents mention the year (held-out 28's hc059)", async () => {
    // 003 篇3 reports 宁都县's 2020 and its points for 2021; 2022 is only in 002's and others' passages.
    const later = await retriever.search("宁都县2022年质量强县工作打算重点抓哪些事？", { k: 3 });
    expect(later.results[0]!.chunk.file).toBe("003_9b54f81a9d65b260.txt");
    expect(later.confident).toBe(false);
    expect(later.absent).toEqual(["2022年"]);
    const planned = await retriever.search("宁都县2021年质量强县工作打算重点抓哪些事？", { k: 3 });
    expect(planned.confident).toBe(true);
    expect(planned.absent).toBeUndefined();
  });

  test("a question asking for a figure its topic's passages never give is not confident", async () => {
    // 001 describes 杨柳米酒 at length but never its price; 002 gives the fund's amounts.
    expect((await retriever.search("杨柳米酒小作坊存在哪些问题？")).confident).toBe(true);
    const price = await retriever.search("杨柳米酒出厂价多少钱一斤？");
    expect(price.confident).toBe(false);
    expect(price.missing).toBe("money");
    const income = await retriever.search("杨柳村的米酒每年销售收入是多少？");
    expect(income.confident).toBe(false);
    expect(income.missing).toBe("money");
    const fund = await retriever.search("数字经济项目支持金额是多少？");
    expect(fund.confident).toBe(true);
    expect(fund.missing).toBeUndefined();
  });

  test("a question about how to apply is answered only by a passage that says how (001's car approval), not by reports that mention applying", async () => {
    // 003 宁都 tells of recommending firms for the mayor's quality award; no document says how to apply or with what.
    const award = await retriever.search("赣州市长质量奖申报要交哪些材料？", { k: 3 });
    expect(award.results[0]!.chunk.file).toMatch(/^003_/);
    expect(award.confident).toBe(false);
    expect(award.missing).toBe("materials");
    expect((await retriever.search("宁都县推荐企业参评市长质量奖有什么条件？", { k: 3 })).missing).toBe("conditions");
    const cars = await retriever.search("新购公务车辆要走什么审批流程？", { k: 3 });
    expect(cars.results[0]!.chunk.text).toContain("必须先由采购办逐一进行初审");
    expect(cars.confident).toBe(true);
    // The steps of applying: 004 篇6 reports requests for information (none received), not how to make one.
    const steps = await retriever.search("申请政府信息公开要走哪些步骤？", { k: 3 });
    expect([steps.confident, steps.missing]).toEqual([false, "procedure"]);
    // A school inspection's steps are not applying: 001 篇9's "七步法" answers them.
    const inspection = await retriever.search("责任督学到学校督导，规定要走哪几个步骤？", { k: 3 });
    expect(inspection.confident).toBe(true);
    expect(inspection.results.map((h) => h.chunk.text).join("")).toContain("七步法");
  });

  test("the figure asked must come from a passage that matches the question fairly, and not be withheld as \"*\"", async () => {
    // 002 says district forest chiefs patrol "定期"; the only frequencies near the top are 003's, about New York's police meetings.
    const patrol = await retriever.search("区级林长一年要巡山多少次？", { k: 3 });
    expect(patrol.results[0]!.chunk.text).toContain("区级林长定期开展巡山活动");
    expect(patrol.confident).toBe(false);
    expect(patrol.missing).toBe("frequency");
    // 000 沅江 prints its count of schools as "*所".
    const schools = await retriever.search("沅江全市各级各类学校一共有多少所？", { k: 3 });
    expect(schools.confident).toBe(false);
    expect(schools.missing).toBe("count");
    // 001 梁寨 tells of cadres publishing their phone numbers, and gives none.
    const phone = await retriever.search("梁寨镇党委书记王磊的手机号是多少？", { k: 3 });
    expect(phone.confident).toBe(false);
    expect(phone.missing).toBe("phone");
    // Frequencies a passage states answer (003 价格监测: "每月两次").
    const prices = await retriever.search("物价部门每个月盯几次重要商品价格？", { k: 3 });
    expect(prices.confident).toBe(true);
    expect(prices.missing).toBeUndefined();
  });

  test("a figure asked for a year comes from a passage about that year, or about no year in an article that names it", async () => {
    // 003 宁都 gives 2020's rate under "二、2020年质量工作亮点" and only plans for 2021.
    const y2020 = await retriever.search("宁都县2020年产品综合抽检合格率是多少？", { k: 3 });
    expect(y2020.results[0]!.chunk.text).toContain("综合抽检合格率99.6%以上");
    expect(y2020.confident).toBe(true);
    const y2021 = await retriever.search("宁都县2021年产品综合抽检合格率是多少？", { k: 3 });
    expect(y2021.results[0]!.chunk.text).toContain("综合抽检合格率99.6%以上");
    expect(y2021.confident).toBe(false);
    expect(y2021.missing).toBe("rate");
    // 004 篇9's targets name no year; the article is 福建's plan for 2007.
    const fujian = await retriever.search("福建2007年城区学校食堂实行量化分级管理的要达到多大比例？", { k: 3 });
    expect(fujian.results[0]!.chunk.text).toContain("量化分级管理");
    expect(fujian.results[0]!.chunk.text).not.toMatch(/2007/);
    expect(fujian.confident).toBe(true);
  });

  test("a comparison with an earlier year, a named rate and a web address are answered only by a passage giving them", async () => {
    // 003 宁都 gives 2020's pass rate and no earlier one; 002 篇5's forest cover is compared with 2019's.
    const rise = await retriever.search("宁都县2020年产品质量抽检合格率和2019年相比是升了还是降了？", { k: 3 });
    expect(rise.results[0]!.chunk.text).toContain("综合抽检合格率99.6%以上");
    expect([rise.confident, rise.missing]).toEqual([false, "comparison"]);
    const cover = await retriever.search("这个区2020年森林覆盖率是多少？比上一年高了吗？", { k: 3 });
    expect(cover.confident).toBe(true);
    // 001 篇10 gives a share of the workers' schooling, not a pass rate of the wine.
    const wine = await retriever.search("杨柳米酒小作坊产品的抽检合格率是多少？", { k: 3 });
    expect(wine.results.map((h) => h.chunk.text).join("")).toContain("杨柳米酒");
    expect([wine.confident, wine.missing]).toEqual([false, "rate"]);
    // 004 篇1 says 七里河's website was redesigned; the one address written is 漳州's (篇6).
    const site = await retriever.search("七里河区政府网站的网址是什么", { k: 3 });
    expect([site.confident, site.missing]).toEqual([false, "address"]);
    const zhangzhou = await retriever.search("漳州外事侨务办的网址是多少", { k: 3 });
    expect(zhangzhou.confident).toBe(true);
    expect(zhangzhou.results.map((h) => h.chunk.text).join("")).toContain("wsqw.zhangzhou.gov.cn");
  });

  test("an investment, or a subsidy asked after a comma, is an amount: answered only by a sentence giving one of what is asked", async () => {
    // 004 篇5 gives the whole plan's investment (3.32亿元), not 新罗区's share.
    const whole = await retriever.search("龙岩今冬明春水利建设一共要完成多少投资？", { k: 3 });
    expect(whole.results[0]!.chunk.text).toContain("投资3.32亿元");
    expect(whole.confident).toBe(true);
    const share = await retriever.search("龙岩冬春水利建设里，新罗区分到了多少投资？", { k: 3 });
    expect([share.confident, share.missing]).toEqual([false, "money"]);
    // 000 篇3 says what the assisting cadres do for the firms, and pays them nothing it names.
    const allowance = await retriever.search("万全县帮扶企业的干部有没有补助，给多少？", { k: 3 });
    expect(allowance.results.map((h) => h.chunk.text).join("")).toContain("万全县");
    expect([allowance.confident, allowance.missing]).toEqual([false, "money"]);
  });

  test("a figure asked of a place is answered only by a passage whose article names that place", async () => {
    // 001 篇9's "40所村小合格学校" is another county's; 000 篇5, about 沅江, prints its count of schools as "*所".
    const schools = await retriever.search("沅江市一共有多少所学校和幼儿园？", { k: 3 });
    expect([schools.confident, schools.missing]).toEqual([false, "count"]);
    // 003 宁都's leading group has a head; 石渠县's (002 篇5) is never named.
    const head = await retriever.search("石渠县质量强县领导小组组长是谁？", { k: 3 });
    expect([head.confident, head.missing]).toEqual([false, "person"]);
    // The place's own article gives the figure: still answered.
    const notices = await retriever.search("石渠县全年下发了多少份整改通知？", { k: 3 });
    expect(notices.confident).toBe(true);
    expect(notices.results.map((h) => h.chunk.text).join("")).toContain("全年共计下发99份整改");
  });

  test("the items of a group the passages only mention are not answered; items they list are", async () => {
    // 002 报告3 says five unlicensed mixing plants were pulled down, not which.
    const plants = await retriever.search("石渠县拆掉的那5家商混站都叫什么名字？", { k: 3 });
    expect([plants.confident, plants.missing]).toEqual([false, "items"]);
    // 001 篇7 names its "两审三控" system without spelling it out.
    const reviews = await retriever.search("西峰区公车采购搞的“两审三控”，具体是哪两审、哪三控？", { k: 3 });
    expect([reviews.confident, reviews.missing]).toEqual([false, "items"]);
    // 004 篇1 sets out the five diligences one by one: answered, and the passage is first.
    const diligences = await retriever.search("政府办主任要做到的“五勤”都是哪五个？", { k: 3 });
    expect([diligences.confident, diligences.missing]).toEqual([true, undefined]);
    expect(diligences.results[0]!.chunk.text).toContain("一是脑勤");
  });

  test("a document's number, who interprets it, an age, a rank and an outcome are answered only where stated", async () => {
    // 000 篇五 names 沅江's canteen rules without their number; 004 篇7 gives the Liaoning opinion's number, not who interprets it.
    const number = await retriever.search("沅江市的中小学校食堂管理办法，文号是什么？", { k: 3 });
    expect([number.confident, number.missing]).toEqual([false, "docNumber"]);
    const interpreter = await retriever.search("辽宁加强档案工作的实施意见，解释权归哪个部门？", { k: 3 });
    expect([interpreter.confident, interpreter.missing]).toEqual([false, "interpreter"]);
    // 000 篇二 counts the 208 cadres sent to firms, not their age.
    const age = await retriever.search("帮扶企业的208名机关干部平均多少岁？", { k: 3 });
    expect([age.confident, age.missing]).toEqual([false, "age"]);
    // 001 篇10 only proposes the cooperative.
    const founded = await retriever.search("杨柳米酒的专业合作社到最后成立了没有？", { k: 3 });
    expect([founded.confident, founded.missing]).toEqual([false, "outcome"]);
    // 003 篇9 ranks 保定's credit files first in the province: answered, from that passage.
    const rank = await retriever.search("保定建立信用档案的农产品企业数量在全省排第几？", { k: 3 });
    expect([rank.confident, rank.missing]).toEqual([true, undefined]);
    expect(rank.results[0]!.chunk.text).toContain("位居全省第一");
  });

  test("why a figure fell is answered only by a passage giving a cause; other reasons are not judged", async () => {
    // 003 篇4 gives the small firms' revenue and its fall (同比下降4.5%), with no cause.
    const fall = await retriever.search("今年1到8月规上小微企业的营业收入为什么下降了？", { k: 3 });
    expect([fall.confident, fall.missing]).toEqual([false, "reason"]);
    expect(fall.results.map((h) => h.chunk.text.replace(/\s+/g, "")).join("")).toContain("同比下降4.5%");
    // 000 篇二 says why firms are the county's highlight in words without 因为 or 由于: still answered.
    const why = await retriever.search("某县的帮扶企业报告为啥说经济发展最大的亮点在企业？", { k: 3 });
    expect([why.confident, why.missing]).toEqual([true, undefined]);
  });

  test("borderline: a colloquial question its passage answers, just under the threshold; an unrelated one is not borderline", async () => {
    // 000 篇一 says why appraisal makes cadres chase the year's results in words the question does not use (光盯着当年, 不管以后咋样).
    const r = await retriever.search("为啥说现在考核干部容易让人光盯着当年出成绩，不管以后咋样？", { k: 3 });
    expect(r.confident).toBe(false);
    expect(r.borderline).toBe(true);
    expect(r.results[0]!.chunk.text.replace(/\s+/g, "")).toContain("只重视干部年度的实绩");
    // Half its words written nowhere (量子, 散热) and the rest generic (计算机, 方案): borderline, though above the threshold.
    const quantum = await retriever.search("量子计算机的散热方案是什么？", { k: 3 });
    expect(quantum.relevance!).toBeGreaterThan(retriever.options.minRelevance);
    expect([quantum.confident, quantum.borderline]).toEqual([false, true]);
    // Once under it, 小卖部 is now judged as 商店, which 000 篇五 writes ("部分校内商店承包管理不规范").
    const shop = await retriever.search("学校小卖部乱七八糟的情况有哪些？", { k: 3 });
    expect(shop.confident).toBe(true);
    expect(shop.results.map((h) => h.chunk.text).join("")).toContain("部分校内商店承包管理不规范");
    const off = await retriever.search("医保门诊报销比例是多少？", { k: 3 });
    expect(off.confident).toBe(false);
    expect(off.borderline).toBeUndefined();
  });

  test("a question of two clauses is judged also by the clause a passage answers", async () => {
    // The same words without the clause break are one clause, judged as a whole.
    const two = await retriever.search("科技特派员派了多少名？这事儿靠不靠谱啊？");
    const one = await retriever.search("科技特派员派了多少名这事儿靠不靠谱啊");
    expect(two.relevance!).toBeGreaterThan(one.relevance! * 1.3);
    expect(two.results[0]!.chunk.text).toContain("科技特派员");
  });

  test("a figure asked about a topic the documents never discuss is not reported as missing from them", async () => {
    const r = await retriever.search("出差住宿费报销标准一天多少钱？");
    expect(r.confident).toBe(false);
    expect(r.missing).toBeUndefined();
  });

  test("a name that only a compilation's title gives is not answered from the text (实行零报告制度)", async () => {
    // Every article of 000 is titled 实行零报告制度 篇N; none of them mentions 零报告.
    expect(retriever.index.chunks.some((c) => c.text.includes("零报告"))).toBe(false);
    const r = await retriever.search("零报告制度是怎么规定的？");
    expect(r.confident).toBe(false);
    expect(r.titleOnly).toEqual(["零报告制度"]);
    expect((await retriever.search("零報告制度是怎麼規定的？")).titleOnly).toEqual(["零报告制度"]);
    // Where two words of the text meet in a title (实践|调研), the title is not "title-only".
    const ok = await retriever.search("群众路线教育实践调研报告讲了什么？");
    expect(ok.titleOnly).toBeUndefined();
    expect(ok.confident).toBe(true);
    // Asking which document carries the name is answered by the titles.
    const f = await retriever.find("哪份材料讲了零报告制度？", { k: 5 });
    expect(f.confident).toBe(true);
    expect(f.titleOnly).toEqual(["零报告制度"]);
    // Only the articles so titled: the word is in no text, so the titles decide.
    expect(f.documents).toHaveLength(5);
    for (const d of f.documents) expect(d.article).toMatch(/^实行零报告制度 篇/);
  });

  test("a document's own title is not title-only, even in words its text does not repeat", async () => {
    const dir = path.join(tmp, "own-title");
    await mkdir(path.join(dir, "docs"), { recursive: true });
    await writeFile(
      path.join(dir, "docs", "要点.txt"),
      "二〇二三年数字政府攻坚要点\n\n一、推进政务服务一网通办\n全面推行政务服务事项网上办理，年底前实现高频事项全程网办。\n二、加强数据共享\n建设全市统一的数据共享交换平台，推动部门数据按需共享。\n",
    );
    const embedder = new LocalNgramEmbeddings();
    await ingest({ paths: [path.join(dir, "docs")], indexDir: path.join(dir, "index"), embedder });
    const own = new HybridRetriever(await readIndex(path.join(dir, "index")), embedder);
    const r = await own.search("数字政府攻坚要点有哪些？");
    expect(r.titleOnly).toBeUndefined();
    expect(r.results[0]!.chunk.text).toMatch(/政务服务|数据共享/);
  });

  test("an empty question finds nothing and is not confident", async () => {
    const r = await retriever.search("  ？？ ");
    expect(r.results).toEqual([]);
    expect(r.confident).toBe(false);
  });

  test("a question with no word or number in it (\"a\", \"？！\") finds nothing rather than whatever scores highest", async () => {
    for (const q of ["a", "？！", "a?"]) {
      const r = await retriever.search(q);
      expect(r.results, q).toEqual([]);
      expect(r.confident, q).toBe(false);
    }
    // Two letters or digits are something to search for.
    expect((await retriever.search("5G")).results.length).toBeGreaterThan(0);
  });
});

describe("find", () => {
  test("ranks articles, not passages, with their best sections", async () => {
    const r = await retriever.find("哪份材料讲了市长质量奖？", { k: 3 });
    expect(r.documents[0]).toMatchObject({ rank: 1, file: SEEDS.s003, article: "市长质量奖汇报材料 篇3", lineStart: 106 });
    expect(r.documents[0]!.ownTitle).toBeUndefined();
    expect(r.documents[0]!.sections.some((s) => s.snippet.includes("市长质量奖"))).toBe(true);
    const keys = r.documents.map((d) => `${d.file}#${d.article}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  test("lists only documents that hold a fair share of the topic, not ones matching a character or a part of it", async () => {
    // Without this, 市长质量奖 also listed 004 篇1 and 002's 自评报告1, which say 市长 and 质量 but not 质量奖
    // (and, through the compilation's title, 003 篇1 on CitiStat);
    // and 信访 listed two documents that never write it, for their 信 and 访.
    const articleText = (file: string, article: string) =>
      retriever.index.chunks.filter((c) => c.file === file && c.article === article).map((c) => c.text).join("\n");
    for (const [topic, word] of [["哪份材料讲了市长质量奖？", "市长质量奖"], ["信访", "信访"]] as const) {
      const r = await retriever.find(topic, { k: 5 });
      expect(r.documents.length).toBeGreaterThanOrEqual(3);
      // The text, not the title: every article of 003 is titled 市长质量奖汇报材料, CitiStat's too.
      for (const d of r.documents) expect(articleText(d.file, d.article)).toContain(word);
      expect(r.documents.map((d) => d.rank)).toEqual(r.documents.map((_, i) => i + 1));
    }
  });

  test("shows an article's passages that hold the topic, not those found for one of its characters", async () => {
    // 002 自评报告3 names 林长制 once (line 139); its 林地保有量 and 营造林 sections were shown for their 林.
    const r = await retriever.find("林长制", { k: 3 });
    expect(r.documents[0]!.article).toBe("高质量发展综合绩效考核自评报告3");
    expect(r.documents[0]!.sections.length).toBeGreaterThanOrEqual(1);
    for (const d of r.documents) for (const s of d.sections) expect(s.snippet).toContain("林长制");
  });

  test("a topic whose words the documents never use: not confident, and the words are named", async () => {
    const r = await retriever.find("有没有关于婚假的文件？", { k: 3 });
    expect(r.confident).toBe(false);
    expect(r.absent).toEqual(["婚假"]);
  });

  test("a document asked for by its topic: 冬春水利建设 is 004 篇5", async () => {
    const r = await retriever.find("有没有关于冬季农田水利建设的工作意见？", { k: 3 });
    expect(r.documents[0]).toMatchObject({ file: SEEDS.s004, article: "政府办公室年度工作总结 篇5" });
  });
});

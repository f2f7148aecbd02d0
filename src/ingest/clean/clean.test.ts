/**
 * Cleaning rules, each exercised with real lines of the seed corpus
 * (data/docs, read by line number; see test/helpers/cli.ts).
 */
import { describe, expect, test } from "vitest";

import { SEEDS, SEED_FILES, seedLine, seedLines, seedText } from "../../../test/helpers/cli.js";
import { toSimplified } from "../../text/script.js";
import type { Line } from "../types.js";
import { parseHeading } from "../headings.js";
import { cleanText, type Cleaned } from "./index.js";
import { cleanChars } from "./chars.js";
import { collectReadings, stripLeadingAnnotation, stripPinyin } from "./pinyin.js";
import { DocumentPairs, LOST_MARK, charFrequency, looksLikeShiftedGbk, readFirstByte, recoverBareLostLeads, recoverLostLeads, recoverMisreadAnnotated, repairShiftedGbk, restoreDroppedPairs } from "./mojibake.js";
import { boilerplateReason, isReferenceEntry, RELATED_HEADER, RELATED_ITEM } from "./boilerplate.js";
import { simplifiedZhe } from "./zhe.js";
import { stripRepeatedHeading } from "./pdf-artifacts.js";
import { removeCjkSpaces } from "./spaces.js";
import { joinBrokenLines, shouldJoin } from "./join.js";
import { stripHtmlResidue } from "./html.js";

const cleaned = new Map<string, Cleaned>();
function clean(file: string): Cleaned {
  let c = cleaned.get(file);
  if (!c) cleaned.set(file, (c = cleanText(seedText(file))));
  return c;
}

/** The cleaned line that covers original line `n` (fails the test if none does). */
function lineAt(file: string, n: number): Line {
  const l = clean(file).lines.find((x) => x.lineStart <= n && n <= x.lineEnd);
  if (!l) throw new Error(`no cleaned line of ${file} covers line ${n}`);
  return l;
}

function coveredByLines(file: string, n: number): boolean {
  return clean(file).lines.some((x) => x.lineStart <= n && n <= x.lineEnd);
}

function droppedReason(file: string, n: number): string | undefined {
  return clean(file).dropped.find((d) => d.lineStart <= n && n <= d.lineEnd)?.reason;
}

const PINYIN_ANNOTATION = /[\u3400-\u9FFF]\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüê]{1,7}\)/;
const TONED_ANNOTATION = /[\u3400-\u9FFF]\([a-z]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüê][a-z]*\)/g;

describe("pinyin annotations", () => {
  test('"高質(zhì)量發(fā)展" (002 line 1) → "高质量发展"', () => {
    const raw = seedLine(SEEDS.s002, 1);
    const sample = raw.slice(0, raw.indexOf("展") + 1);
    expect(sample).toBe("高質(zhì)量發(fā)展");
    expect(stripPinyin(sample)).toBe("高質量發展");
    expect(toSimplified(stripPinyin(sample))).toBe("高质量发展");
    expect(lineAt(SEEDS.s002, 1).text).toBe("高质量发展综合绩效考核自评报告（精选5篇）");
  });

  test("no annotation survives in the cleaned text of 001–003, which are full of them", () => {
    for (const file of [SEEDS.s001, SEEDS.s002, SEEDS.s003]) {
      expect(seedText(file).match(TONED_ANNOTATION)?.length ?? 0, file).toBeGreaterThan(100);
      const left = clean(file).lines.filter((l) => PINYIN_ANNOTATION.test(l.text));
      expect(left.map((l) => `${l.lineStart}: ${l.text.slice(0, 40)}`), file).toEqual([]);
    }
  });

  test("a parenthesis that is not a reading stays (003 line 94: an English reference)", () => {
    const raw = seedLine(SEEDS.s003, 94);
    expect(raw).toMatch(/^Perez T,Rushing R\.THE CITISTAT MODEL/);
    expect(stripPinyin(raw)).toBe(raw);
  });

  test("readings are collected per document: 績 is read jī in 002", () => {
    const readings = collectReadings(seedLines(SEEDS.s002));
    expect([...(readings.get("jī") ?? [])]).toContain("績");
  });
});

describe("traditional → simplified", () => {
  test("001 line 6: (一)農(nóng)村經(jīng)濟發(fā)展緩慢 → （一）农村经济发展缓慢", () => {
    expect(seedLine(SEEDS.s001, 6)).toBe("(一)農(nóng)村經(jīng)濟發(fā)展緩慢");
    expect(lineAt(SEEDS.s001, 6)).toEqual({ text: "（一）农村经济发展缓慢", lineStart: 6, lineEnd: 6 });
    expect(lineAt(SEEDS.s001, 5).text).toBe("一、在贯彻党的群众线路教育实践活动中，存在的群众反映强烈的突出题目。");
  });

  test("001 line 4 and 002 line 3 (article markers) come out simplified", () => {
    expect(lineAt(SEEDS.s001, 4).text).toBe("篇1");
    expect(seedLine(SEEDS.s002, 3)).toBe("高質(zhì)量發(fā)展綜合績(jī)效考核自評(píng)報(bào)告1");
    expect(lineAt(SEEDS.s002, 3).text).toBe("高质量发展综合绩效考核自评报告1");
  });

  test("著 is 着 in text converted from traditional, but in words of zhù (003 lines 7, 78; 001: 制约着; 000)", () => {
    // opencc-js t→cn leaves 著; tw→cn makes every 著 着, 显著 too.
    expect(seedLine(SEEDS.s003, 78)).toContain("隨著中國(guó)電子政務(wù)");
    expect(lineAt(SEEDS.s003, 78).text).toContain("随着中国电子政务的发展");
    // Line 7 starts "著巨大的壓力": joined to "…面臨" first, then read.
    expect(seedLine(SEEDS.s003, 7).startsWith("著巨大的壓力")).toBe(true);
    expect(lineAt(SEEDS.s003, 7).text).toContain("面临着巨大的压力");
    expect(clean(SEEDS.s001).lines.some((l) => l.text.includes("制约着政府采购"))).toBe(true);
    expect(simplifiedZhe("显著提高，著名企业，卓著，编著，著作，着力，本著，意味著，有著，存在著，围绕著")).toBe(
      "显著提高，著名企业，卓著，编著，著作，着力，本着，意味着，有着，存在着，围绕着",
    );
    // Text written in simplified keeps its 著 (000: "著名企业家", "显著提高").
    expect(lineAt(SEEDS.s000, 93).text).toContain("著名");
    for (const file of SEED_FILES) {
      const left = clean(file).lines.flatMap((l) => l.text.match(/.著./g) ?? []);
      for (const w of left) expect(w, file).toMatch(/显著|著名/);
    }
  });

  test("every cleaned line of every seed is already simplified", () => {
    for (const file of SEED_FILES) {
      const notSimplified = clean(file).lines.filter((l) => toSimplified(l.text) !== l.text);
      expect(notSimplified.map((l) => l.lineStart), file).toEqual([]);
    }
  });
});

describe("mojibake (GBK read one byte out of step) in 002", () => {
  const cases: Array<[number, string]> = [
    [14, "（一）2021年产业发展专项资金来源"],
    [51, "（一）绩效评价目的"],
    [87, "（一）制定本地推进道路客运高质量发展实施方案情况，自评分为满分30分。"],
    [254, "（一）强化组织保障"],
  ];

  test.each(cases)("line %i starts with 。ㄒ唬 and is repaired to %s…", (n, expected) => {
    const raw = seedLine(SEEDS.s002, n);
    expect(raw.startsWith("。ㄒ唬")).toBe(true);
    expect(looksLikeShiftedGbk(raw)).toBe(true);
    expect(clean(SEEDS.s002).repaired).toContain(n);
    const line = lineAt(SEEDS.s002, n);
    expect(line.lineStart).toBe(n);
    expect(line.lineEnd).toBe(n);
    expect(line.text.startsWith(expected)).toBe(true);
    // The repaired line is a heading again: （一） of its section.
    const h = parseHeading(line.text);
    expect(h?.style).toBe("paren-cn");
    expect(h?.ordinal).toBe(1);
  });

  test("line 87 in full: the garbled run is replaced and the rest of the line kept", () => {
    expect(lineAt(SEEDS.s002, 87).text).toBe("（一）制定本地推进道路客运高质量发展实施方案情况，自评分为满分30分。");
  });

  test("line 51: the character whose second byte was lost (┛ before (jī)) is recovered from the document's readings", () => {
    const raw = seedLine(SEEDS.s002, 51);
    expect(raw.startsWith("。ㄒ唬┛(jī)效")).toBe(true);
    const fix = repairShiftedGbk(raw, collectReadings(seedLines(SEEDS.s002)));
    expect(fix.garbled).toBe("。ㄒ唬┛");
    expect(fix.text.startsWith("（一）績(jī)效評(píng)價(jià)目的。")).toBe(true);
    expect(lineAt(SEEDS.s002, 51).text.startsWith("（一）绩效评价目的。通过开展产业发展专项资金绩效评价")).toBe(true);
  });

  test("lines that are not garbled are left alone", () => {
    for (const n of [1, 13, 49, 86, 253]) {
      const raw = seedLine(SEEDS.s002, n);
      expect(looksLikeShiftedGbk(raw), `line ${n}`).toBe(false);
      expect(repairShiftedGbk(raw, new Map())).toEqual({ text: raw });
    }
    expect(clean(SEEDS.s002).repaired).not.toContain(13);
  });

  test("000 and 004 have no garbled lines", () => {
    for (const file of [SEEDS.s000, SEEDS.s004]) expect(clean(file).repaired, file).toEqual([]);
  });

  test("inside a line: a run read out of step is decoded in step (001 lines 63 and 110)", () => {
    const c = clean(SEEDS.s001);
    const line = (n: number) => c.lines.find((l) => l.lineStart <= n && l.lineEnd >= n)!.text;
    // Raw: "群眾是講道理的?!蓖趵谠诮邮堋吨袊?jīng)濟周刊》采訪時"
    expect(line(63)).toContain("王磊在接受《中");
    expect(line(63)).not.toContain("蓖趵谠诮邮堋");
    // Raw: "三是專家?guī)旖ㄔO不夠完善": the reading's "(" was swallowed; 庫 is lost, 建設 is recovered.
    // Raw: "?!按骞枚枷爰藿o劉德華…為什么不現(xiàn)實?!蓖趵谡f": a run of mostly rare characters
    // whose reading in step is clearly more like the document; 村姑 is a word, so 姑 (rare here) is not split.
    expect(line(63)).toContain("村姑都想嫁给刘德华");
    expect(line(63)).toContain("王磊说");
    expect(line(110)).toContain("建设不够完善");
    expect(line(110)).not.toMatch(/[?？]guī|旖ㄔ/);
    expect(c.repaired).toEqual(expect.arrayContaining([63, 110]));
  });

  test("a run with common characters among the garbage is decoded when reading it in step is far more like the document (001 line 129)", () => {
    // Raw "專家?guī)斐槿<遥少弳挝患安少忁k均不能": 少 and 安 are common, so only half the run is rare.
    expect(seedLine(SEEDS.s001, 129)).toContain("遥少弳挝患安少忁k均不能");
    expect(lineAt(SEEDS.s001, 129).text).toContain("购单位及采购办均不能直接与专家接触");
    expect(lineAt(SEEDS.s001, 129).text).not.toContain("弪挝");
  });

  test("the character an annotation's remnant swallowed before a run: its second byte is the run's first, and a word decides (003 lines 64/68, 002 line 43, 001 lines 330/129)", () => {
    // Raw 003: "能夠?qū)崟r(shí)地": 崟 is 8D 95, so the lost character ends in 8D (實 is 8C 8D), and 實時 is a word.
    expect(seedLine(SEEDS.s003, 64)).toContain("?qū)崟r(shí)地");
    expect(lineAt(SEEDS.s003, 64).text).toContain("各个部门都能够实时地采集数据");
    expect(lineAt(SEEDS.s003, 68).text).toContain("能够实现最佳利用人力资源");
    // Raw 002: "專家?guī)熘信R時": one rare character after the remnant is enough to read the run in step.
    expect(lineAt(SEEDS.s002, 43).text).toContain("专家库中临时抽取");
    expect(lineAt(SEEDS.s001, 330).text).toContain("多为当地农村农民");
    // 庫 (of 專家庫人員) fits no common word; its first byte is told by the remnant (below).
    expect(lineAt(SEEDS.s001, 129).text).toContain("我县专家库人员数量不多");
  });

  test("the remnant's reading tells the lost character's first byte (003 line 45: 每两周, not 每周)", () => {
    // Raw "每?jī)芍軈⒓右淮蜟itiStat": 兩 is 83 C9. The converter read 每's second byte
    // (BF) and 83 as 績 (BF 83, jī); 芍 (C9 D6) starts with 兩's second byte.
    expect(seedLine(SEEDS.s003, 45)).toContain("每?jī)芍軈⒓右淮蜟itiStat");
    expect(lineAt(SEEDS.s003, 45).text).toContain("管理部门每两周参加一次CitiStat会议");
    // 兩 and 幧 both fit; 幧 is not a character of the document.
    expect(readFirstByte("每", "jī", 0xc9)).toEqual(["兩", "幧"]);
    // "專家?guī)": 家 ends D2, D2 8E is 規 (guī), 8E EC is 庫.
    expect(readFirstByte("家", "guī", 0xec)).toContain("庫");
    // The same loss elsewhere: 下拨, 潜力, 断面, 该领域, 当地, 劳动奖章, 风险代偿等措施.
    expect(lineAt(SEEDS.s003, 110).text).toContain("政府下拨各");
    expect(lineAt(SEEDS.s003, 98).text).toContain("一批发展潜力大");
    expect(lineAt(SEEDS.s002, 248).text).toContain("国控断面");
    expect(lineAt(SEEDS.s003, 199).text).toContain("邀请该领域");
    expect(lineAt(SEEDS.s003, 223).text).toContain("百姓子女在当地就业");
    expect(lineAt(SEEDS.s003, 227).text).toContain("全国五一劳动奖章获得者");
    expect(lineAt(SEEDS.s002, 165).text).toContain("风险代偿等措");
    // No character after a remnant is dropped unseen: none was left unknown in the seeds. The only marks are
    // two characters whose second byte a "?" stands for and no word tells (see the test of "?" after a run).
    const marked = SEED_FILES.flatMap((file) => clean(file).lines.filter((l) => l.text.includes(LOST_MARK)).map((l) => [file.slice(0, 3), l.lineStart]));
    expect(marked).toEqual([
      ["001", 67],
      ["001", 212],
    ]);
  });

  test("a \"?\" after a run read out of step is its last character, recovered by a word, not a question mark", () => {
    // 002 line 165, raw "代償?shù)却胧?021年": 却胧 is C8 B4 EB CA; in step B4 EB is 措 and CA starts 施 (措施).
    expect(seedLine(SEEDS.s002, 165)).toContain("却胧?021");
    expect(lineAt(SEEDS.s002, 165).text).toContain("风险代偿等措施021年1-6月逾期率均低于1%");
    // 003 line 17: 相当的效果; 001 line 143: 不当采购行为 (为; 丈 is another fault, left as it is).
    expect(lineAt(SEEDS.s003, 17).text).toContain("取得了相当的效果");
    expect(lineAt(SEEDS.s001, 143).text).toContain("丈购行为，保护");
    // Where no word tells the character, it is marked ("让百姓有事做" is "有事□"), and the sentence goes on.
    expect(lineAt(SEEDS.s001, 67).text).toContain("百姓有事□，二是");
    for (const n of [165, 130, 248]) expect(lineAt(SEEDS.s002, n).text).not.toMatch(/[\u4e00-\u9fff]？[\u4e00-\u9fff\d]/);
  });

  test("the last character of a run whose second byte is an ASCII sign, not a letter (001 lines 129 and 87)", () => {
    // Raw: "…瑢τ诒容^專業": 較 is GBK DD 5E, and 5E is "^".
    expect(seedLine(SEEDS.s001, 129)).toContain("容^專業");
    expect(lineAt(SEEDS.s001, 129).text).toContain("对于比较专业的招标项目");
    expect(lineAt(SEEDS.s001, 87).text).toContain("问题突出");
    // "_" stands for a blank in scraped text ("总人口_60%"), and is not taken as a byte.
    expect(lineAt(SEEDS.s001, 12).text).toContain("外出务工人口占总人口_60%");
  });

  test("a character whose first byte was lost, its second byte left as a letter before its reading (003 line 245, 001 line 97)", () => {
    // Raw 003: "加強(qiáng)住房?jī)r(jià)格管理": 價 is GBK 83 72, and 72 is "r".
    const raw = seedLine(SEEDS.s003, 245);
    expect(raw).toContain("住房?jī)r(jià)格");
    const fixed = recoverLostLeads(raw, collectReadings(seedLines(SEEDS.s003)));
    expect(fixed.text).toContain("價(jià)格管理");
    expect(lineAt(SEEDS.s003, 245).text).toContain("加强住房价格管理");
    expect(lineAt(SEEDS.s003, 245).text).not.toMatch(/r（jià）|r\(jià\)/);
    // Raw 001: "…節約資金230、3萬元?,F(xiàn)將工作情況匯報如下": 。現 is A1A3 AC46; A3AC shows as "，", 46 is "F".
    expect(seedLine(SEEDS.s001, 97)).toContain("萬元?,F(xiàn)將");
    expect(lineAt(SEEDS.s001, 97).text).toContain("节约资金230、3万元。现将工作情况汇报如下");
    expect(clean(SEEDS.s003).repaired).toContain(245);
    // A letter of an English word is not a stray byte, and nothing is made up when no character of the document fits.
    expect(recoverLostLeads("Malley(jià)", collectReadings(seedLines(SEEDS.s003))).repaired).toBe(0);
    expect(recoverLostLeads("对接X(jué)X玻璃", new Map()).repaired).toBe(0);
  });

  test("a character annotated with a reading it does not have is the document's character with that reading whose first byte is its second (002 line 118)", () => {
    // Raw: "提供?繄(chǎng)所": 繄 is GBK BF 88, 場 (annotated chǎng elsewhere) is 88 F6.
    expect(seedLine(SEEDS.s002, 118)).toContain("?繄(chǎng)所");
    expect(lineAt(SEEDS.s002, 118).text).toContain("场所，改造首末站场地");
    const readings = collectReadings(seedLines(SEEDS.s002));
    const freq = charFrequency(seedText(SEEDS.s002));
    expect(recoverMisreadAnnotated("提供?繄(chǎng)所", readings, freq)).toEqual({ text: "提供?場(chǎng)所", repaired: 1 });
    // A character read as annotated is left alone, rare or not.
    expect(recoverMisreadAnnotated("質(zhì)量", readings, freq).repaired).toBe(0);
  });

  test("the letter followed by the next character, not a reading: the word it makes decides (002 lines 64/116/118, 003 lines 48/249)", () => {
    // Raw 002: "管理?xiàng)l例": 條 is GBK 97 6C, and 6C is "l"; 條例 is a word, 理發 a rarer one.
    expect(seedLine(SEEDS.s002, 118)).toContain("管理?xiàng)l例");
    expect(lineAt(SEEDS.s002, 118).text).toContain("城市公共客运管理条例》");
    expect(lineAt(SEEDS.s002, 64).text).toContain("金属废料和碎屑");
    expect(lineAt(SEEDS.s002, 116).text).toContain("办理换发《道路运输证》");
    expect(lineAt(SEEDS.s003, 48).text).toContain("项目仅仅是雇佣");
    expect(lineAt(SEEDS.s003, 249).text).toContain("《粮食流通管理条例》");
    const pairs = new DocumentPairs(seedLines(SEEDS.s002), charFrequency(seedText(SEEDS.s002)));
    expect(recoverBareLostLeads(seedLine(SEEDS.s002, 118), pairs)).toMatchObject({ repaired: 1 });
    // The same letter where no candidate makes a word with a neighbour (換了, 貿了…): left as it is.
    expect(recoverBareLostLeads("辦理?yè)Q了", pairs).repaired).toBe(0);
    expect(recoverBareLostLeads("辦理?yè)Q發", pairs).text).toBe("辦理換發");
  });
});

describe("two characters read as one (the out-of-step pair between them was dropped)", () => {
  test("002 line 193: 抉 is what is left of 精神 (first byte of 精, second of 神)", () => {
    expect(seedLine(SEEDS.s002, 193).startsWith("。ㄆ撸┚")).toBe(true);
    expect(lineAt(SEEDS.s002, 193).text).toBe("（七）精神文明建设");
    const h = parseHeading(lineAt(SEEDS.s002, 193).text);
    expect(h?.ordinal).toBe(7);
  });

  test("002 line 181: 招商襓及 is 招商引资及", () => {
    expect(lineAt(SEEDS.s002, 181).text).toBe("（四）招商引资及固定资产投资工作");
  });

  test("inside a line (001 line 67): 一是覍百姓 is 一是要让百姓, as the next two items read", () => {
    expect(lineAt(SEEDS.s001, 67).text).toContain("一是要让百姓有事");
    expect(lineAt(SEEDS.s001, 67).text).toContain("二是要让百姓有愿景");
  });

  test("002 line 99: a common character (者) is split too when the pair is one the document writes (政策, 7 times)", () => {
    // Raw "。ㄋ模┱呓庾x情況": 者 is the first byte of 政 and the second of 策.
    expect(seedLine(SEEDS.s002, 99).startsWith("。ㄋ模┱呓庾x情況")).toBe(true);
    expect(lineAt(SEEDS.s002, 99).text).toBe("（四）政策解读情况，自评分为满分5分。");
    // After a heading's bracket only the pair itself can tell; 者 next to a neighbour it is written with stays.
    const pairs = new DocumentPairs(seedLines(SEEDS.s002), charFrequency(seedText(SEEDS.s002)));
    expect(restoreDroppedPairs("（四）者解讀", 3, pairs)).toBe("（四）政策解讀");
  });

  test("the character before is read as restored (002 line 130: 闰够 is 全域公交; 001 line 331: 当地政府对)", () => {
    expect(seedLine(SEEDS.s002, 130).startsWith("。ㄒ唬┤蚬唤ㄔO(shè)情況")).toBe(true);
    expect(lineAt(SEEDS.s002, 130).text).toBe("（一）全域公交建设情况，自评分为加5分。");
    expect(lineAt(SEEDS.s001, 331).text).toContain("当地政府对杨柳米酒产业发展");
  });

  test("a pair the document writes together only once, with neither neighbour, is not taken (001 line 143)", () => {
    // Raw "不當?shù)恼少徯袨": 丈 fits 寨+采 ("在梁寨采訪時" once), but nothing says 寨 belongs there.
    // (的, the character the remnant swallowed, is told by its reading: see above.)
    expect(lineAt(SEEDS.s001, 143).text).toContain("不当的丈购行");
    expect(lineAt(SEEDS.s001, 143).text).not.toContain("寨采购");
  });

  test("text that only reads as rare is not touched (001 line 269, 003, and a run without annotations)", () => {
    expect(lineAt(SEEDS.s001, 269).text).toContain("荷叶镇中心幼儿园");
    const pairs = new DocumentPairs(seedLines(SEEDS.s002), charFrequency(seedText(SEEDS.s002)));
    // Characters that stand next to their neighbours elsewhere are never split.
    expect(restoreDroppedPairs("精神文明建設", 0, pairs)).toBe("精神文明建設");
    // The slot of a heading number is left to restoreHeadingNumbers.
    expect(restoreDroppedPairs("（施安全", 0, pairs)).toBe("（施安全");
    expect(restoreDroppedPairs("（七）抉文明建設", 0, pairs)).toBe("（七）精神文明建設");
    expect(restoreDroppedPairs("（七）抉文明建設", 4, pairs)).toBe("（七）抉文明建設");
  });
});

describe("U+FFFD (a line cut inside a multi-byte character)", () => {
  // The seeds as stored hold no U+FFFD; the defect is reproduced from a real
  // line the way a scraper produces it: cut the UTF-8 bytes mid-character.
  function cutInsideCharacter(line: string, around: number): string {
    const bytes = Buffer.from(line, "utf8");
    for (let k = around; k < bytes.length; k++) {
      const s = bytes.subarray(0, k).toString("utf8");
      if (s.endsWith("\uFFFD")) return s;
    }
    throw new Error("no cut point found");
  }

  test("the seeds hold no U+FFFD, and none is ever produced", () => {
    for (const file of SEED_FILES) {
      expect(seedText(file).includes("\uFFFD"), file).toBe(false);
      expect(clean(file).lines.some((l) => l.text.includes("\uFFFD")), file).toBe(false);
    }
  });

  test("a line ending in U+FFFD loses it (000 line 9, cut)", () => {
    const raw = seedLine(SEEDS.s000, 9);
    const cut = cutInsideCharacter(raw, 200);
    expect(cut.endsWith("\uFFFD")).toBe(true);
    const kept = cut.replace(/\uFFFD+$/, "");
    expect(raw.startsWith(kept)).toBe(true);
    expect(cleanChars(cut)).toEqual({ text: kept, hadReplacement: true });
    const c = cleanText([seedLine(SEEDS.s000, 7), "", cut].join("\n"));
    const last = c.lines[c.lines.length - 1]!;
    expect(last.text.includes("\uFFFD")).toBe(false);
    expect(last.text.endsWith(kept.slice(-6))).toBe(true);
    expect(last.lineStart).toBe(3);
  });

  test("a real line without U+FFFD is unchanged by the character rule", () => {
    const raw = seedLine(SEEDS.s004, 13);
    expect(cleanChars(raw)).toEqual({ text: raw.trim(), hadReplacement: false });
  });
});

describe("HTML left in the text", () => {
  test("a closing tag whose '<' the garbled run swallowed ends the sentence (001 line 51, 003 line 17)", () => {
    expect(seedLine(SEEDS.s001, 51)).toContain("著落?!?/p>");
    expect(lineAt(SEEDS.s001, 51).text).toContain("建房款有了着落。");
    // The paragraph ended there: the next line is not glued on.
    expect(lineAt(SEEDS.s001, 52).text).toMatch(/^这是梁寨镇党委宣传委员李芳的一则“民情日志”/);
    expect(lineAt(SEEDS.s003, 17).text).toMatch(/取得了相当\S{0,3}。$/);
    expect(lineAt(SEEDS.s001, 212).text).not.toContain("/p>");
  });

  test("no cleaned line of any seed keeps a tag or its remains", () => {
    for (const file of SEED_FILES) for (const line of clean(file).lines) expect(line.text, `${file} line ${line.lineStart}`).not.toMatch(/<\/?p>|\/p>/);
  });

  test("tags and character references around a real sentence (000 line 9) go; a title in angle brackets (001) stays", () => {
    const sentence = "干部实绩是干部德才的综合反映，是评价干部德才的客观依据。";
    expect(stripHtmlResidue(`<p style="text-indent:2em">&nbsp;&nbsp;${sentence}</p><br/>`)).toBe(sentence);
    expect(stripHtmlResidue("&ldquo;民情日志&rdquo;&#12290;")).toBe("“民情日志”。");
    expect(stripHtmlResidue("CompStat<br>CitiStat")).toBe("CompStat CitiStat");
    const title = seedLines(SEEDS.s001).find((l) => l.includes("<中小學校責任督學掛牌督導辦法>"));
    expect(title).toBeDefined();
    expect(stripHtmlResidue(title!)).toBe(title!.trim());
    expect(stripHtmlResidue("R&D投入")).toBe("R&D投入");
  });
});

describe("boilerplate", () => {
  const cases: Array<[string, number, string, RegExp]> = [
    [SEEDS.s000, 5, "site introduction", /下面是小编带来的/],
    [SEEDS.s001, 2, "time stamp", /^時間:2023-03-31 08:17:54$/],
    [SEEDS.s001, 3, "site introduction", /^導語:/],
    [SEEDS.s003, 1, "time stamp", /^時\(shí\)間:2022-03-24/],
    [SEEDS.s003, 2, "site introduction", /^引言:易發\(fā\)表網\(wǎng\)/],
    [SEEDS.s004, 3, "copyright notice", /^2024-10-13 版权声明 我要投稿$/],
    [SEEDS.s004, 573, "previous/next links", /^上一篇:.*下一篇:/],
    [SEEDS.s000, 63, "download prompt", /word文档下载/],
    [SEEDS.s000, 65, "download prompt", /^推荐度：$/],
    [SEEDS.s000, 67, "link", /^\[点击下载文档\]\(#\)$/],
    [SEEDS.s000, 69, "link", /^\[搜索文档\]\(#\)$/],
  ];

  test.each(cases)("%s line %i is dropped as %s", (file, n, reason, raw) => {
    expect(seedLine(file, n)).toMatch(raw);
    expect(coveredByLines(file, n)).toBe(false);
    expect(droppedReason(file, n)).toBe(reason);
  });

  test("002 lines 257–263, the 【…】相关文章 list, are dropped as one range", () => {
    expect(seedLine(SEEDS.s002, 257)).toBe("【高質(zhì)量發(fā)展綜合績(jī)效考核自評(píng)報(bào)告】相關(guān)文章:");
    expect(seedLines(SEEDS.s002)).toHaveLength(263);
    expect(clean(SEEDS.s002).dropped).toContainEqual({ lineStart: 257, lineEnd: 263, reason: "related-articles list" });
    for (let n = 257; n <= 263; n++) expect(coveredByLines(SEEDS.s002, n), `line ${n}`).toBe(false);
    // The text just before the list is kept.
    expect(lineAt(SEEDS.s002, 256).text.startsWith("（")).toBe(true);
    expect(RELATED_HEADER.test(toSimplified(stripPinyin(seedLine(SEEDS.s002, 257))))).toBe(true);
    expect(RELATED_ITEM.test(toSimplified(stripPinyin(seedLine(SEEDS.s002, 258))))).toBe(true);
  });

  test("000 lines 63–69 (download prompts and links) leave nothing between articles 1 and 2", () => {
    const c = clean(SEEDS.s000);
    const between = c.lines.filter((l) => l.lineStart > 61 && l.lineStart < 71);
    expect(between).toEqual([]);
    expect(c.dropped).toContainEqual({ lineStart: 63, lineEnd: 65, reason: "download prompt" });
    expect(c.dropped).toContainEqual({ lineStart: 67, lineEnd: 69, reason: "link" });
  });

  test("content lines are not mistaken for boilerplate", () => {
    // Titles, headings and body text right next to the boilerplate.
    expect(boilerplateReason(lineAt(SEEDS.s004, 1).text)).toBeUndefined();
    expect(lineAt(SEEDS.s004, 1).text).toBe("政府办公室年度工作总结");
    expect(lineAt(SEEDS.s001, 4).text).toBe("篇1");
    expect(lineAt(SEEDS.s000, 7).text).toBe("实行零报告制度篇一");
    expect(lineAt(SEEDS.s004, 571).text.startsWith("（十八）由各市、县、区人民政府负责本辖区治理")).toBe(true);
    expect(boilerplateReason(lineAt(SEEDS.s003, 4).text)).toBeUndefined();
  });

  test("004 lines 195 and 395: a document-info header (【发布文号】…【文件来源】) is dropped, the title under it kept", () => {
    expect(seedLine(SEEDS.s004, 395)).toMatch(/^【发布文号】闽政办\[2007\]60号 【发布日期】2007-04-11 .*【所属类别】政策参考 【文件来源】福建省$/);
    for (const n of [195, 395]) {
      expect(coveredByLines(SEEDS.s004, n), `line ${n}`).toBe(false);
      expect(droppedReason(SEEDS.s004, n)).toBe("document info header");
    }
    expect(lineAt(SEEDS.s004, 397).text.startsWith("福建省人民政府办公厅转发")).toBe(true);
    expect(lineAt(SEEDS.s004, 197).text.startsWith("龙岩市人民政府办公室关于转发")).toBe(true);
    // One 【…】 field is not a header.
    expect(boilerplateReason("【发布日期】2007-04-11")).toBeUndefined();
  });

  test("003 lines 88–94: a reference list ([EB/OL], [M] entries) is dropped; body text citing [2] is not", () => {
    expect(seedLine(SEEDS.s003, 89)).toBe("NYPD CompStat[EB/OL]. [2008-08-28].");
    expect(clean(SEEDS.s003).dropped).toContainEqual({ lineStart: 88, lineEnd: 94, reason: "reference list" });
    for (let n = 88; n <= 94; n++) expect(coveredByLines(SEEDS.s003, n), `line ${n}`).toBe(false);
    expect(lineAt(SEEDS.s003, 34).text).toBe("⒉巴尔的摩市CitiStat[2]");
    expect(lineAt(SEEDS.s003, 87).text.startsWith("总而言之")).toBe(true);
    expect(isReferenceEntry("张三.电子政务研究[J].中国行政管理,2008(3):12-15.")).toBe(true);
    expect(isReferenceEntry("城市管理的数据驱动。参见[M]")).toBe(false);
  });

  test("dropped ranges are sorted and say why", () => {
    for (const file of SEED_FILES) {
      const d = clean(file).dropped;
      expect(d.length, file).toBeGreaterThan(0);
      for (let i = 0; i < d.length; i++) {
        expect(d[i]!.reason.length).toBeGreaterThan(0);
        expect(d[i]!.lineStart).toBeLessThanOrEqual(d[i]!.lineEnd);
        if (i > 0) expect(d[i]!.lineStart).toBeGreaterThan(d[i - 1]!.lineEnd);
      }
    }
  });
});

describe("PDF artefacts in 004", () => {
  test("line 13 no longer starts with the repeated heading and its fragment", () => {
    const raw = seedLine(SEEDS.s004, 13);
    expect(raw.startsWith("加强制度建设,政府运行机制进一步规范 运行机制进一步 以制度建设为核心")).toBe(true);
    const text = lineAt(SEEDS.s004, 13).text;
    expect(text.startsWith("以制度建设为核心，着力提高政府工作制度化、规范化和法制化进程")).toBe(true);
    expect(text.includes("运行机制进一步")).toBe(false);
    // The rule itself, on the raw heading (line 11) and paragraph (line 13).
    expect(stripRepeatedHeading(seedLine(SEEDS.s004, 11), raw).startsWith("以制度建设为核心")).toBe(true);
  });

  test("line 17 too: (二)'s title and the fragment 水平不断 are removed", () => {
    expect(seedLine(SEEDS.s004, 17).startsWith("强化信息化建设,信息服务水平不断提高 水平不断 加强政务网维护")).toBe(true);
    expect(lineAt(SEEDS.s004, 17).text.startsWith("加强政务网维护，确保政务网始终处于良好的运行状态。")).toBe(true);
  });

  test("a paragraph that does not repeat its heading keeps its first words", () => {
    const heading = seedLine(SEEDS.s004, 11);
    const other = seedLine(SEEDS.s004, 9);
    expect(stripRepeatedHeading(heading, other)).toBe(other);
  });

  test('spaces inside words and around numbers: "七里河 区人民政府" → "七里河区人民政府", "1 次" → "1次"', () => {
    const raw = seedLine(SEEDS.s004, 13);
    const name = /兰州市七里河 区人民政府/.exec(raw)?.[0];
    const count = /全年共承办政府全体会 1 次/.exec(raw)?.[0];
    expect(name).toBeDefined();
    expect(count).toBeDefined();
    expect(removeCjkSpaces(name!)).toBe("兰州市七里河区人民政府");
    expect(removeCjkSpaces(count!)).toBe("全年共承办政府全体会1次");
    const text = lineAt(SEEDS.s004, 13).text;
    expect(text).toContain("《兰州市七里河区人民政府工作规则及制度汇编》");
    expect(text).toContain("全年共承办政府全体会1次，政府常务会16次");
    expect(text).not.toMatch(/七里河 区|1 次/);
  });

  test("no cleaned line of any seed keeps a space between two Chinese characters", () => {
    for (const file of SEED_FILES) {
      const spaced = clean(file).lines.filter((l) => /[\u3400-\u9FFF] +[\u3400-\u9FFF]/.test(l.text));
      expect(spaced.map((l) => l.lineStart), file).toEqual([]);
    }
  });

  test("spaces between Latin words stay (003 line 3 keywords)", () => {
    expect(lineAt(SEEDS.s003, 3).text).toContain("CompStat CitiStat GMAP");
  });
});

describe("sentences broken across lines", () => {
  test('003 lines 5–6: "…是这" + "一时代的主要特征" are one line spanning the originals', () => {
    expect(seedLine(SEEDS.s003, 5).endsWith("是這")).toBe(true);
    expect(seedLine(SEEDS.s003, 6).startsWith("一時(shí)代的主要特征")).toBe(true);
    const line = lineAt(SEEDS.s003, 5);
    expect(line).toBe(lineAt(SEEDS.s003, 6));
    expect(line.text).toContain("是这一时代的主要特征");
    expect(line.lineStart).toBe(5);
    expect(line.lineEnd).toBeGreaterThanOrEqual(6);
    expect(line.text.startsWith("世界正在步入信息化的时代")).toBe(true);
    // The heading before it stays on its own.
    expect(lineAt(SEEDS.s003, 4)).toEqual({ text: "一、引言", lineStart: 4, lineEnd: 4 });
  });

  test('000 lines 59/61: "干部考核的核" + "心，是对…" are joined across the blank line', () => {
    expect(seedLine(SEEDS.s000, 59)).toBe("干部考核的核");
    expect(seedLine(SEEDS.s000, 60)).toBe("");
    expect(seedLine(SEEDS.s000, 61).startsWith("心，是对考核结果的正确运用")).toBe(true);
    const line = lineAt(SEEDS.s000, 59);
    expect(line.lineStart).toBe(59);
    expect(line.lineEnd).toBe(61);
    expect(line.text.startsWith("干部考核的核心，是对考核结果的正确运用，充分发挥激励约束作用。")).toBe(true);
  });

  test("headings and complete sentences are not joined to what follows", () => {
    expect(lineAt(SEEDS.s000, 57)).toEqual({ text: "4、要合理、有效地运用干部实绩考核的结果。", lineStart: 57, lineEnd: 57 });
    expect(lineAt(SEEDS.s004, 11)).toEqual({ text: "（一）加强制度建设，政府运行机制进一步规范", lineStart: 11, lineEnd: 11 });
    expect(lineAt(SEEDS.s004, 13).lineEnd).toBe(13);
    expect(shouldJoin(lineAt(SEEDS.s004, 9).text, lineAt(SEEDS.s004, 11).text)).toBe(false);
  });

  test('000 lines 265/267: the heading "二、存在问题" is not glued to "目前，我市…" (a whole word, not the rest of a cut one)', () => {
    expect(seedLine(SEEDS.s000, 265)).toBe("二、存在问题");
    expect(seedLine(SEEDS.s000, 267).startsWith("目前，我市学校食品安全管理")).toBe(true);
    expect(lineAt(SEEDS.s000, 265)).toEqual({ text: "二、存在问题", lineStart: 265, lineEnd: 265 });
    expect(lineAt(SEEDS.s000, 267).text.startsWith("目前，")).toBe(true);
    // A heading cut inside a word is still continued: the rest of the word, then punctuation.
    expect(shouldJoin("二、存在问", "题，目前我市")).toBe(true);
  });

  test("an article marker is never glued to the line before it (000 line 61 / line 71)", () => {
    expect(lineAt(SEEDS.s000, 71)).toEqual({ text: "实行零报告制度篇二", lineStart: 71, lineEnd: 71 });
    // Even when the line before does not end a sentence: 003 line 5 + a real marker line.
    const joined = joinBrokenLines([
      { text: toSimplified(stripPinyin(seedLine(SEEDS.s003, 5))), lineStart: 5, lineEnd: 5 },
      { text: seedLine(SEEDS.s000, 71), lineStart: 6, lineEnd: 6 },
    ]);
    expect(joined).toHaveLength(2);
  });
});

describe("the cleaned text as a whole", () => {
  test.each(SEED_FILES.map((f) => [f]))("%s: lines ordered, disjoint, and every non-empty original line is kept or dropped with a reason", (file) => {
    const raw = seedLines(file);
    const c = clean(file);
    let prevEnd = 0;
    for (const l of c.lines) {
      expect(l.lineStart).toBeGreaterThan(prevEnd);
      expect(l.lineEnd).toBeGreaterThanOrEqual(l.lineStart);
      expect(l.lineEnd).toBeLessThanOrEqual(raw.length);
      expect(l.text.trim()).toBe(l.text);
      expect(l.text.length).toBeGreaterThan(0);
      // A cleaned line starts and ends on a non-empty original line.
      expect(raw[l.lineStart - 1]!.trim().length).toBeGreaterThan(0);
      expect(raw[l.lineEnd - 1]!.trim().length).toBeGreaterThan(0);
      prevEnd = l.lineEnd;
    }
    const uncovered = raw
      .map((text, i) => ({ text, n: i + 1 }))
      .filter(({ text, n }) => text.trim() && !coveredByLines(file, n) && droppedReason(file, n) === undefined)
      .map(({ n }) => n);
    expect(uncovered).toEqual([]);
  });
});

describe("heading numbers lost with the shifted reading (002)", () => {
  const c = clean(SEEDS.s002);
  const at = (n: number) => c.lines.find((l) => l.lineStart <= n && l.lineEnd >= n)!.text;

  test("the number comes from simulating the fault, and the sequence where that is ambiguous", () => {
    // Raw 002 line 39 "。ǘ┊a(chǎn)業(yè)發(fā)展…" decodes to "（订…", the signature of 二 (and of 二十).
    expect(at(39)).toMatch(/^（二）产业发展专项资金项目申报/);
    // "（施" is 十, 十二, 十三 or 十六: the sequence decides.
    // Raw 176 "。ㄈ┺r(nóng)業(yè)工作" follows "(二)綠色發(fā)展…" on line 171.
    expect(at(176)).toBe("（三）农业工作");
    // Raw 110 "。ò耍┘涌焱苿(dòng)客貨郵…" starts with a pinyin letter from GBK's row A8.
    expect(at(110)).toMatch(/^（八）加快推动客货邮融合发展/);
    expect(at(115)).toMatch(/^（十）/);
    expect(at(117)).toMatch(/^（十一）/);
  });

  test("'。2)評審' is '（2）评审'", () => {
    expect(at(43)).toMatch(/^（2）评审。/);
    expect(at(25)).toMatch(/^（1）高新区共支持13家企业/);
  });
});

describe("a document scraped without line breaks", () => {
  test.each([
    [SEEDS.s001, "site introduction (小编)"],
    [SEEDS.s004, "previous/next links"],
    [SEEDS.s003, "time stamp"],
  ])("%s on one line is kept as text, though it holds the words of a boilerplate rule: %s", (file: string, _rule: string) => {
    const oneLine = seedText(file).replace(/\r?\n/g, "");
    const cleaned = cleanText(oneLine);
    expect(cleaned.dropped.filter((d) => d.reason !== "mojibake (unrecoverable)")).toEqual([]);
    const kept = cleaned.lines.map((l) => l.text).join("");
    // Most of the text is there (pinyin annotations and garbled runs aside).
    expect(kept.length).toBeGreaterThan(0.5 * cleanText(seedText(file)).lines.reduce((n, l) => n + l.text.length, 0));
  });

  test("a short line with those words is still boilerplate", () => {
    expect(boilerplateReason("以下是小编为大家整理的范文，欢迎阅读。")).toBe("site introduction");
    expect(boilerplateReason(`以下是小编为大家整理的范文。${"政府办公室全年工作总结。".repeat(40)}`)).toBeUndefined();
  });
});

describe("a reading put on the next line by a line break", () => {
  test("is removed when the line before ends with its character (001 line 7, broken as a PDF page breaks it)", () => {
    const line = seedLines(SEEDS.s001)[6]!;
    const at = line.indexOf("農(nóng)村") + 1;
    expect(at).toBeGreaterThan(0);
    const broken = cleanText(`${line.slice(0, at)}\n${line.slice(at)}`);
    const text = broken.lines.map((l) => l.text).join("\n");
    expect(text).not.toMatch(/\(nóng\)/);
    // And the sentence the break cut is joined again.
    expect(text).toContain("严重制约着农村各项事业");
  });

  test("is kept at the start of a line that follows no character, and a bare syllable is kept", () => {
    expect(stripLeadingAnnotation("(nóng)村", "第一行。")).toBe("(nóng)村");
    expect(stripLeadingAnnotation("(nóng)村", undefined)).toBe("(nóng)村");
    expect(stripLeadingAnnotation("(de)工作", "我们")).toBe("(de)工作");
    expect(stripLeadingAnnotation("(nóng)村", "制约着農")).toBe("村");
  });
});

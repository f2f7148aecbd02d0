/**
 * Where a quoted sentence sits: the section and lines of the paragraph that
 * holds it, on a real chunk of 004 that packs two short sections (五 and 六
 * of 篇6) under the article alone.
 */
import { describe, expect, test } from "vitest";

import { packedChunk004, seedChunks } from "../../test/helpers/seed-chunks.js";
import { SEEDS } from "../../test/helpers/cli.js";
import { chunkSpan, innerHeadings, spanAt, spanOf } from "./parts.js";
import type { Chunk } from "./types.js";

const packed = packedChunk004();
const SIX = "六、政府信息公开工作存在的主要问题及改进情况";

describe("spanOf", () => {
  test("a sentence of section 六 is cited with 六's path and its own line", () => {
    const span = spanOf(packed, ["公开目录的设置还不够科学合理，个别类目信息偏少甚至没有。"]);
    expect(span.headingPath).toEqual([...packed.headingPath, SIX]);
    expect(span.section).toBe(`政府办公室年度工作总结 篇6 › 政府信息公开年度报告 › ${SIX}`);
    expect([span.lineStart, span.lineEnd]).toEqual([313, 313]);
  });

  test("sentences from two paragraphs of 六 span both their lines", () => {
    const span = spanOf(packed, ["……个别类目信息偏少甚至没有", "缺少受理经验积累。"]);
    expect(span.headingPath.at(-1)).toBe(SIX);
    expect([span.lineStart, span.lineEnd]).toEqual([313, 315]);
  });

  test("sentences from 五 and 六 keep only the path they share", () => {
    const span = spanOf(packed, ["也未收到各类与本部门政府信息公开事务有关的诉讼案和申诉案", "缺少受理经验积累"]);
    expect(span.headingPath).toEqual(packed.headingPath);
    expect([span.lineStart, span.lineEnd]).toEqual([309, 315]);
  });

  test("a sentence not in the chunk, or no sentence, gives the whole chunk", () => {
    expect(spanOf(packed, ["这句话不在这个段落里"])).toEqual(chunkSpan(packed));
    expect(spanOf(packed, [])).toEqual(chunkSpan(packed));
  });

  test("a chunk without recorded paragraphs (an index written before them) gives the whole chunk", () => {
    const { parts: _parts, ...old } = packed;
    const span = spanOf(old as Chunk, ["缺少受理经验积累"]);
    expect([span.section, span.lineStart, span.lineEnd]).toEqual([packed.section, packed.lineStart, packed.lineEnd]);
  });

  test("spanAt takes offsets: the last character of the chunk is in its last paragraph", () => {
    const end = packed.text.length - 1;
    const span = spanAt(packed, [{ start: end, end }]);
    expect(span.lineEnd).toBe(packed.lineEnd);
    expect(span.lineStart).toBe(packed.parts!.at(-1)!.lineStart);
  });
});

test("innerHeadings lists the sections packed into a chunk", () => {
  expect(innerHeadings(packed)).toContain(SIX);
  expect(innerHeadings(packed).some((h) => h.startsWith("五、因政府信息公开申请行政复议"))).toBe(true);
});

describe("paragraphs of another section packed into a chunk", () => {
  // 003 篇1: "CitiStat的主要功能有：" and items ⑴–⑸, one short sentence each
  // (lines 40–44), are a list, not sections: the paragraphs after it (line 45,
  // how often the meetings are held) are not filed under its last item ⑸.
  const citi = seedChunks(SEEDS.s003).find((c) => c.text.includes("⑵提高了不同管理层的沟通和协作"))!;

  test("the items of a list of one-line points are text of the section they are in, not sections", () => {
    expect(citi).toBeDefined();
    expect(citi.headingPath.at(-1)).toBe("⒉巴尔的摩市CitiStat");
    const span = spanOf(citi, ["提高了不同管理层的沟通和协作"]);
    expect(span.headingPath.at(-1)).toBe("⒉巴尔的摩市CitiStat");
    expect([span.lineStart, span.lineEnd]).toEqual([41, 41]);
    expect(innerHeadings(citi).filter((h) => /^[⑴⑵⑶⑷⑸]/.test(h))).toEqual([]);
  });

  test("the paragraph after the list is cited under the section, not under the list's last item (003 line 45)", () => {
    const meeting = seedChunks(SEEDS.s003).find((c) => c.text.includes("参加一次CitiStat会议"))!;
    expect(meeting).toBeDefined();
    const span = spanOf(meeting, ["参加一次CitiStat会议"]);
    expect(span.lineStart).toBe(45);
    expect(span.headingPath.at(-1)).toBe("⒉巴尔的摩市CitiStat");
    expect(span.headingPath.some((h) => h.startsWith("⑸"))).toBe(false);
  });

  test("headings with lists under them stay headings (004 篇3's columns 1.–4., each with items ⑴…)", () => {
    const columns = seedChunks(SEEDS.s004).find((c) => c.text.includes("⑵领导班子成员和工作分工"))!;
    expect(columns).toBeDefined();
    expect(spanOf(columns, ["⑵领导班子成员和工作分工"]).headingPath.slice(-2)).toEqual(["（二）政府办公厅（室）主动公开政府信息栏目设置", "1.机构设置概况"]);
  });

  test("a heading the scraper ran into its paragraph ends at 情况 (004 line 309)", () => {
    expect(innerHeadings(packed)).toContain("五、因政府信息公开申请行政复议、提起行政诉讼情况");
  });

  test("a chunk that ends with the next section's heading, whose text is not there, stays in its own (004 篇4: 二、存在的问题 and 三、下步工作思路)", () => {
    const problems = seedChunks(SEEDS.s004).find((c) => c.text.startsWith("二、存在的问题") && c.text.includes("三、下步工作思路"))!;
    expect(problems).toBeDefined();
    expect(problems.headingPath.at(-1)).toBe("二、存在的问题");
    const end = problems.text.length - 1;
    expect(spanAt(problems, [{ start: end, end }]).headingPath.at(-1)).toBe("三、下步工作思路");
  });
});

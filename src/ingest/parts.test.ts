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
    expect(span.section).toBe(`政府办公室年度工作总结 篇6 › ${SIX}`);
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
  // 003 篇1: items ⑴–⑷ of "⒉巴尔的摩市CitiStat" are one-sentence lines, read as
  // headings, packed with ⑸ and its text; the chunk is in ⑸, the items are not.
  const citi = seedChunks(SEEDS.s003).find((c) => c.text.includes("⑵提高了不同管理层的沟通和协作"))!;

  test("a sentence of an item before the chunk's section is cited with the item's own path and line", () => {
    expect(citi).toBeDefined();
    expect(citi.headingPath.at(-1)).toMatch(/^⑸节约管理成本/);
    const span = spanOf(citi, ["提高了不同管理层的沟通和协作"]);
    expect(span.headingPath.at(-1)).toBe("⑵提高了不同管理层的沟通和协作");
    expect(span.headingPath.at(-2)).toBe("⒉巴尔的摩市CitiStat[2]");
    expect(span.headingPath.some((h) => h.startsWith("⑸"))).toBe(false);
    expect([span.lineStart, span.lineEnd]).toEqual([41, 41]);
  });

  test("innerHeadings lists them too", () => {
    expect(innerHeadings(citi)).toContain("⑵提高了不同管理层的沟通和协作");
  });

  test("a chunk most of whose lines are in sections beside its first one is in the section they share (004 篇3's list of columns 1.–3.)", () => {
    const columns = seedChunks(SEEDS.s004).find((c) => c.text.startsWith("1.机构设置概况"))!;
    expect(columns).toBeDefined();
    expect(columns.headingPath.at(-1)).toBe("（二）政府办公厅（室）主动公开政府信息栏目设置");
    expect(spanOf(columns, ["⑵领导班子成员和工作分工"]).headingPath.slice(-2)).toEqual(["1.机构设置概况", "⑵领导班子成员和工作分工"]);
  });

  test("a chunk that ends with the next section's heading, whose text is not there, stays in its own (004 篇4: 二、存在的问题 and 三、下步工作思路)", () => {
    const problems = seedChunks(SEEDS.s004).find((c) => c.text.startsWith("二、存在的问题") && c.text.includes("三、下步工作思路"))!;
    expect(problems).toBeDefined();
    expect(problems.headingPath.at(-1)).toBe("二、存在的问题");
    const end = problems.text.length - 1;
    expect(spanAt(problems, [{ start: end, end }]).headingPath.at(-1)).toBe("三、下步工作思路");
  });
});

/**
 * Where a quoted sentence sits: the section and lines of the paragraph that
 * holds it, on a real chunk of 004 that packs two short sections (五 and 六
 * of 篇6) under the article alone.
 */
import { describe, expect, test } from "vitest";

import { packedChunk004 } from "../../test/helpers/seed-chunks.js";
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

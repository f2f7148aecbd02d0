/**
 * BM25 scoring with a group context: a document lacking a query term its
 * group holds gets a share of the group's best score for it, and only
 * documents that match some term themselves are returned. Token lists are
 * jieba's cut of real passages (001 篇7, the 西峰区 procurement report, and
 * 001 篇6, another report).
 */
import { describe, expect, test } from "vitest";
import { Bm25Index, type GroupContext } from "./bm25.js";
import { tokenize } from "../text/tokenize.js";

const passages = [
  // Group 0: 001 篇7, lines 96, 98 and 103.
  "今年来，我区政府采购工作在各级领导的高度重视及上级业务部门的正确指导和相关部门的大力支持下，采购次数78次",
  "为了进一步规范政府采购行为，我们印发了《西峰区20_年政府采购定点供应单位有关事宜的通知》",
  "对车辆购置实行两审三控",
  // Group 1: 001 篇6.
  "机关党员干部深入农村开展踏田头、接地气、送服务活动",
];
const docs = passages.map((p) => tokenize(p));
const index = Bm25Index.build(docs);
const context = (share: number): GroupContext => ({ groupOf: Uint32Array.from([0, 0, 0, 1]), groups: 2, share });
const scores = (hits: Array<[number, number]>) => new Map(hits);

describe("BM25 with a group context", () => {
  const query = tokenize("西峰区政府采购次数");

  test("share 0 scores documents alone", () => {
    expect(index.search(query, 10, undefined, undefined, context(0))).toEqual(index.search(query, 10));
  });

  test("a document lacking a term its group holds gets the share of the group's best score for it", () => {
    const alone = scores(index.search(query, 10));
    const inContext = scores(index.search(query, 10, undefined, undefined, context(0.6)));
    const xifeng = index.search(tokenize("西峰区"), 10);
    expect(xifeng.map(([d]) => d)).toEqual([1]);
    // Passage 0 never names 西峰区: it gains 0.6 of passage 1's score for it.
    expect(inContext.get(0)! - alone.get(0)!).toBeCloseTo(0.6 * xifeng[0]![1], 9);
    // Passage 1 names it: its own score for 西峰区 stands, and it gains for the terms it lacks (采购次数's words) only.
    expect(inContext.get(1)!).toBeGreaterThanOrEqual(alone.get(1)!);
  });

  test("a document that matches no term itself is not returned, whatever its group holds", () => {
    const hits = index.search(query, 10, undefined, undefined, context(0.6)).map(([d]) => d);
    expect(hits).not.toContain(2);
    expect(hits).not.toContain(3);
    expect(hits.sort()).toEqual(index.search(query, 10).map(([d]) => d).sort());
  });

  test("the best k in context are the best of the rescored documents, best first", () => {
    const all = index.search(query, 10, undefined, undefined, context(0.6));
    expect(index.search(query, 1, undefined, undefined, context(0.6))).toEqual(all.slice(0, 1));
    for (let i = 1; i < all.length; i++) expect(all[i - 1]![1]).toBeGreaterThanOrEqual(all[i]![1]);
  });
});

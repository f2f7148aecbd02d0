import { test } from "vitest";
import fx from "./fixtures/passages.json" with { type: "json" };
import type { Chunk } from "../ingest/types.js";
import { extractiveAnswer, extractiveDraft } from "./extractive.js";
import { checkCitations } from "./citations.js";
const ps = (cs: Chunk[]) => cs.map((chunk, i) => ({ n: i + 1, chunk, rank: i + 1, score: 1 - i * 0.1 }));
test("scratch", () => {
  const all = [fx.info, fx.rules, fx.supervision, fx.openness, fx.dangyang] as Chunk[];
  for (const q of ["区政府发布了多少条政务信息？", "信息化建设方面取得了哪些成效？", "政务公开做了哪些工作？", "人大议案政协提案办理情况如何", "当阳市什么时候开始推行网上办公？"]) {
    console.log(q, "\n", extractiveAnswer(q, ps(all)).text, "\n");
  }
  console.log(extractiveDraft("写一段关于信息化建设和政务公开的工作总结", ps([fx.info, fx.openness, fx.rules] as Chunk[])).text);
  const r = checkCitations("区政府共发布各类政务信息2916条[1]。回复网民留言300件，回复率100%[1]。另有说法[7]。向市政府报送信息725条【2】，定期编制《政务督查》[1,2]。", ps([fx.info, fx.rules] as Chunk[]));
  console.log(JSON.stringify({ text: r.text, issues: r.issues, cits: r.citations.map(c => [c.n, c.id, c.quote]) }, null, 1));
});

/**
 * A drafting request that names its parts ("…，包括主要做法、存在问题和下一步
 * 打算"), through the whole answer service on the real seed index: each part
 * under its own heading, from the one document the topic is in, and a part
 * that document lacks said to be missing rather than filled from another
 * document's report on something else.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedRetriever } from "../helpers/seed-index.js";
import type { HybridRetriever } from "../../src/retrieve/hybrid.js";
import { createAnswerService } from "../../src/answer/service.js";
import { loadPrompts } from "../../src/answer/prompts.js";
import { requestedParts } from "../../src/answer/draft-parts.js";

let retriever: HybridRetriever;
let remove: (() => Promise<void>) | undefined;

beforeAll(async () => {
  ({ retriever, remove } = await seedRetriever("policybot-parts-"));
});
afterAll(async () => {
  await remove?.();
});

describe("requestedParts", () => {
  it("reads the topic and the parts a request lists", () => {
    expect(requestedParts("起草一篇关于政府采购工作的总结，包括主要做法、存在问题和下一步打算")).toEqual({
      topic: "起草一篇关于政府采购工作的总结",
      parts: [
        { label: "主要做法", kind: "work" },
        { label: "存在问题", kind: "problems" },
        { label: "下一步打算", kind: "plans" },
      ],
    });
    expect(requestedParts("写一份养老服务工作汇报，内容包括工作成效、存在的问题、下一步工作计划")?.parts.map((p) => p.kind)).toEqual(["work", "problems", "plans"]);
  });

  it("reads parts run on from the topic, with the words before a part's word (存在, 改进, 主要)", () => {
    expect(requestedParts("起草一段关于干部教育培训存在问题和改进建议的文字")).toEqual({
      topic: "起草一段关于干部教育培训",
      parts: [
        { label: "存在问题", kind: "problems" },
        { label: "改进建议", kind: "suggestions" },
      ],
    });
    expect(requestedParts("写一篇校园食品安全工作的主要做法、存在问题和下一步打算")).toMatchObject({
      topic: "写一篇校园食品安全工作",
      parts: [{ label: "主要做法" }, { label: "存在问题" }, { label: "下一步打算" }],
    });
    // Things joined by 和 that are not parts ("人大代表建议和政协提案办理") are the topic; a topic that is a part's word is none.
    expect(requestedParts("写一段关于人大代表建议和政协提案办理的总结")).toBeUndefined();
    expect(requestedParts("起草一段安全生产和防汛工作的总结")).toBeUndefined();
    expect(requestedParts("帮我写一段关于计划生育和下一步打算的材料")).toBeUndefined();
    expect(requestedParts("起草一段政府信息公开工作存在问题的表述")).toBeUndefined();
  });

  it("is undefined for a request without a list of parts, with one part, or with no topic", () => {
    expect(requestedParts("帮我写一段关于加强政务信息化建设的话")).toBeUndefined();
    expect(requestedParts("起草一段政府采购工作的总结，包括存在问题")).toBeUndefined();
    expect(requestedParts("写一篇包括问题和建议的材料")).toBeUndefined();
    // A list of things that are not parts of a report is the topic, not parts.
    expect(requestedParts("写一段关于信息化建设的话，包括政务网和局域网")).toBeUndefined();
  });
});

describe("a draft in parts", () => {
  it("政府采购 (001 篇7): three headed parts from that article, the problems from its problems section", async () => {
    const service = createAnswerService({ retriever, prompts: loadPrompts() });
    const r = await service.draft("起草一篇关于政府采购工作的总结，包括主要做法、存在问题和下一步打算");
    expect(r.found).toBe(true);
    const headings = r.draft.split("\n").filter((l) => /^[一二三]、/.test(l));
    expect(headings).toEqual(["一、主要做法", "二、存在问题", "三、下一步打算"]);
    const part = (h: string) => r.draft.split(`${h}\n`)[1]!.split("\n\n")[0]!;
    // 001 lines 150–151, "六、在政府采购和监督管理工作中存在的问题": 宣传培训力度不够，认识还不够到位.
    expect(part("二、存在问题")).toContain("宣传培训力度不够");
    expect(part("一、主要做法")).not.toContain("宣传培训力度不够");
    for (const c of r.citations) expect(c).toMatchObject({ file: "001_084f284d8a8a9e43.txt", article: "群众路线教育实践调研报告范文 篇7" });
  });

  it("养老服务 (001 篇6): a part the article has nothing for is said to be missing, not drawn from another document", async () => {
    const service = createAnswerService({ retriever, prompts: loadPrompts() });
    const r = await service.draft("写一份养老服务工作汇报，内容包括工作成效、存在的问题、下一步工作计划");
    expect(r.found).toBe(true);
    expect(r.draft).toMatch(/^一、工作成效\n/);
    // 001 line 84: 社区养老服务中心人员不足，运营经费短缺.
    expect(r.draft.split("二、存在的问题\n")[1]!.split("\n\n")[0]).toContain("运营经费短缺");
    for (const c of r.citations) expect(c.article).toBe("群众路线教育实践调研报告范文 篇6");
    // Whatever the article lacks, no other document's problems (干部考核, 办公室工作) fill it.
    expect(r.draft).not.toMatch(/重汇报|办公室工作还存在/);
  });
});

/**
 * "这一条出自哪个文件？" after an answer, through the whole answer service on
 * the real seed index: it names where the previous answer's quotes are, and
 * the question itself is not searched (its words, 一条 and 文件, would match
 * some unrelated passage).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedRetriever } from "../helpers/seed-index.js";
import type { HybridRetriever } from "../../src/retrieve/hybrid.js";
import type { Retriever } from "../../src/retrieve/types.js";
import { createAnswerService } from "../../src/answer/service.js";
import { loadPrompts } from "../../src/answer/prompts.js";
import { NOTHING_TO_REFER_TO, NO_SOURCE_IN_HISTORY } from "../../src/answer/messages.js";

let retriever: HybridRetriever;
let remove: (() => Promise<void>) | undefined;
const searched: string[] = [];

beforeAll(async () => {
  ({ retriever, remove } = await seedRetriever("policybot-source-"));
});
afterAll(async () => {
  await remove?.();
});

/** The real retriever, recording what it is asked. */
function recording(): Retriever {
  return {
    search: (q, o) => (searched.push(q), retriever.search(q, o)),
    find: (t, o) => (searched.push(t), retriever.find(t, o)),
  };
}

describe("where the previous answer came from", () => {
  it("names the file, section and lines of the previous answer's citations, without searching the question", async () => {
    const service = createAnswerService({ retriever: recording(), prompts: loadPrompts() });
    const first = await service.ask("干部实绩考核现在有哪些问题？");
    expect(first.found).toBe(true);
    expect(first.citations.length).toBeGreaterThan(0);

    searched.length = 0;
    const history = [
      { role: "user" as const, content: "干部实绩考核现在有哪些问题？" },
      { role: "assistant" as const, content: first.answer },
    ];
    const source = await service.ask("这一条出自哪个文件？", { history });
    expect(source.found).toBe(true);
    expect(source.answer.startsWith("上一条回答出自：")).toBe(true);
    expect(source.citations.length).toBeGreaterThan(0);
    // Every source named is one the first answer cited, with its lines.
    const cited = new Set(first.citations.map((c) => `${c.file}:${c.lineStart}-${c.lineEnd}`));
    for (const c of source.citations) expect(cited.has(`${c.file}:${c.lineStart}-${c.lineEnd}`), `${c.file}:${c.lineStart}`).toBe(true);
    expect(source.answer).toContain(source.citations[0]!.article);
    expect(searched.some((q) => /出自|文件/.test(q))).toBe(false);
  });

  it("answers from the citations the previous turn carries (as the bot and the terminal chat keep them), with the answer's own numbers and no search", async () => {
    const service = createAnswerService({ retriever: recording(), prompts: loadPrompts() });
    const first = await service.ask("CitiStat会议多久开一次？");
    expect(first.citations.length).toBeGreaterThan(0);
    searched.length = 0;
    const history = [
      { role: "user" as const, content: "CitiStat会议多久开一次？" },
      { role: "assistant" as const, content: first.answer, citations: first.citations },
    ];
    const source = await service.ask("这一条出自哪个文件？", { history });
    expect(searched).toEqual([]);
    expect(source.found).toBe(true);
    expect(source.citations).toEqual(first.citations);
    for (const c of first.citations) expect(source.answer).toContain(`[${c.n}]`);
    // 003 line 45: "…每两周参加一次CitiStat会议…".
    expect(first.citations.some((c) => c.file.startsWith("003_") && c.lineStart <= 45 && 45 <= c.lineEnd)).toBe(true);
    expect(source.answer).toContain("第45行");

    // An answer that cited nothing has no source to name.
    const none = await service.ask("出处是哪里？", { history: [{ role: "user", content: "火星移民计划" }, { role: "assistant", content: "文档中没有找到。", citations: [] }] });
    expect(none.found).toBe(false);
    expect(none.answer).toBe(NO_SOURCE_IN_HISTORY);
    expect(searched).toEqual([]);
  });

  it("with no earlier answer, says there is nothing to refer to (and \"那原因呢？\" too)", async () => {
    const service = createAnswerService({ retriever: recording(), prompts: loadPrompts() });
    searched.length = 0;
    for (const q of ["这一条出自哪个文件？", "那原因呢？", "出自哪篇文章？"]) {
      const r = await service.ask(q);
      expect(r.found, q).toBe(false);
      expect(r.answer, q).toBe(NOTHING_TO_REFER_TO);
    }
    expect(searched).toEqual([]);
  });
});

describe("a short question after an answer", () => {
  const linzhang = [
    { role: "user" as const, content: "林长制" },
    { role: "assistant" as const, content: "林业部门考核指标为林长制工作，包括森林覆盖率、林地保有量等[1]。" },
  ];

  it("that names a new topic is searched on its own (\"婚假有几天？\" after 林长制 was answered from 林长制)", async () => {
    const service = createAnswerService({ retriever: recording(), prompts: loadPrompts() });
    const r = await service.ask("婚假有几天？", { history: linzhang });
    expect(r.standalone).toBe("婚假有几天？");
    expect(r.found).toBe(false);
    expect(r.citations.every((c) => !c.quote.includes("林长制"))).toBe(true);
  });

  it("that names nothing of its own, or only what the exchange named, goes on from it", async () => {
    const { heuristicStandalone } = await import("../../src/answer/followup.js");
    expect(heuristicStandalone("具体有几项？", linzhang)).toMatch(/林长制.*具体有几项？/);
    expect(heuristicStandalone("考核指标呢", linzhang)).toMatch(/林长制/);
    expect(heuristicStandalone("林地保有量多少", linzhang)).toMatch(/林长制/);
    expect(heuristicStandalone("政务网布点", linzhang)).toBe("政务网布点");
  });
});


describe("follow-ups typed in traditional characters", () => {
  const liangzhai = [
    { role: "user" as const, content: "梁寨鎮幹部包掛多少戶？" },
    { role: "assistant" as const, content: "根据文档：因为梁寨镇机关（站、所）的148名干部都像李芳这样有着自己“包挂”的居民家庭，人均“包挂”超过100户[1]。" },
  ];

  it("\"幫我寫一段關於這個做法的總結\" is drafted on the earlier topic, as its simplified twin is", async () => {
    const service = createAnswerService({ retriever: recording(), prompts: loadPrompts() });
    const r = await service.draft("幫我寫一段關於這個做法的總結", { history: liangzhai });
    expect(r.standalone).toContain("梁寨");
    expect(r.found).toBe(true);
    expect(r.citations.length).toBeGreaterThan(0);
    expect(r.citations.every((c) => c.file === r.citations[0]!.file)).toBe(true);
    expect(r.draft).toContain("梁寨");
  });

  it("\"這一條出自哪個文件？\" with nothing before it has nothing to refer to, and searches nothing", async () => {
    searched.length = 0;
    const service = createAnswerService({ retriever: recording(), prompts: loadPrompts() });
    const r = await service.ask("這一條出自哪個文件？");
    expect(r.answer).toBe(NOTHING_TO_REFER_TO);
    expect(searched).toEqual([]);
  });
});

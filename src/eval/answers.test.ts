import { describe, expect, test } from "vitest";
import type { AnswerService, AskResult, Citation } from "../answer/types.js";
import type { EvalItem } from "./metrics.js";
import { evaluateAnswers } from "./answers.js";

const FILE = "004_aca56f0dfc7b8c1b.txt";
const cite = (text: string, article = "政府办公室年度工作总结 篇1"): Citation => ({ n: 1, id: "c", file: FILE, article, section: article, lineStart: 15, lineEnd: 17, quote: text, text });

/** A service that answers from a table: question → result. */
function service(answers: Record<string, Partial<AskResult>>): AnswerService {
  return {
    async ask(question) {
      return { question, mode: "llm", found: false, answer: "", citations: [], ...answers[question] };
    },
    async draft() {
      throw new Error("not used");
    },
    async find() {
      throw new Error("not used");
    },
    async sources() {
      return [];
    },
  };
}

const item = (id: string, kind: EvalItem["kind"], question: string, phrase: string | null, article: number | null = 1): EvalItem => ({
  id,
  kind,
  question,
  file: kind === "unanswerable" ? null : FILE,
  article: kind === "unanswerable" ? null : article,
  line: null,
  phrase,
});

describe("evaluateAnswers", () => {
  test("answered, cited right (the passage holds the phrase; for 'which document', the article) and declined", async () => {
    const items = [
      item("a", "paraphrase", "区里发了多少条政务信息？", "发布各类政务信息2916条"),
      item("b", "paraphrase", "区里报了多少条信息？", "报送信息725条"),
      item("c", "find", "哪份材料讲了政务信息？", null, 1),
      item("u", "unanswerable", "公积金缴存比例是多少？", null),
      item("v", "unanswerable", "年休假怎么算？", null),
    ];
    const figures = await evaluateAnswers(
      service({
        // Right passage.
        "区里发了多少条政务信息？": { found: true, citations: [cite("围绕全区经济运行情况，发布各类政务信息2916条。")] },
        // Answered, but from a passage without the answer.
        "区里报了多少条信息？": { found: true, citations: [cite("完成《政府信息公开指南》编制工作。")] },
        "哪份材料讲了政务信息？": { found: true, citations: [cite("……")] },
        // A declined question, and one answered that should not have been.
        "年休假怎么算？": { found: true, citations: [cite("……")] },
      }),
      items,
      (file, title) => (file === FILE && title === "政府办公室年度工作总结 篇1" ? 1 : undefined),
    );
    expect(figures.mode).toBe("llm");
    expect(figures.answerable).toEqual({ n: 3, answered: 1, cited: 2 / 3 });
    expect(figures.unanswerable).toEqual({ n: 2, declined: 0.5 });
    expect(figures.byKind.find).toEqual({ n: 1, answered: 1, cited: 1 });
    expect(figures.byKind.paraphrase).toEqual({ n: 2, answered: 1, cited: 0.5 });
  });
});

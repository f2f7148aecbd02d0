import { describe, expect, it } from "vitest";
import { finishedSentences, tidyReply, withoutReasoning } from "./reply.js";

// Replies shaped as gpt-4o-mini, Qwen and DeepSeek write them, around a sentence of 001 篇4.
const SENTENCE = "梁寨镇机关（站、所）的148名干部都像李芳这样有着自己“包挂”的居民家庭，人均“包挂”超过100户[1]。";

describe("tidyReply", () => {
  it("takes Markdown off: heading lines and code blocks go, bold, bullet and quote marks come off", () => {
    const reply = ["## 回答", "", `**结论：** ${SENTENCE}`, "", "### 要点", "", `- **要点**：${SENTENCE}`, "", "```", "来源：资料1", "```", "", "> 注：以上内容均来自所提供资料。"].join("\n");
    expect(tidyReply(reply)).toBe(`结论： ${SENTENCE}\n\n要点：${SENTENCE}`);
  });

  it("unwraps a reply given as JSON, in a code fence or not", () => {
    const json = JSON.stringify({ answer: SENTENCE, citations: [1] });
    expect(tidyReply(json)).toBe(SENTENCE);
    expect(tidyReply("```json\n" + json + "\n```")).toBe(SENTENCE);
    // JSON without a text field is left as it is (the citation check then finds nothing it can use).
    expect(tidyReply('{"citations": [1]}')).toBe('{"citations": [1]}');
  });

  it("leaves out a first line that only announces what follows, not one that says something", () => {
    expect(tidyReply(`好的，以下是根据上述资料起草的一段文字：\n\n${SENTENCE}`)).toBe(SENTENCE);
    expect(tidyReply(`以下是依据上述资料，用政府工作报告的文风起草的文字：\n${SENTENCE}`)).toBe(SENTENCE);
    expect(tidyReply(`梁寨镇的做法是：\n${SENTENCE}`)).toBe(`梁寨镇的做法是：\n${SENTENCE}`);
    expect(tidyReply(SENTENCE)).toBe(SENTENCE);
  });

  it("drops a reasoning model's thoughts", () => {
    expect(tidyReply(`<think>用户问的是包挂户数，资料1说……</think>\n\n${SENTENCE}`)).toBe(SENTENCE);
  });
});

describe("withoutReasoning", () => {
  it("is empty when the reply is nothing but thoughts, closed or cut off", () => {
    expect(withoutReasoning("<think>资料1说……</think>")).toBe("");
    expect(withoutReasoning("<think>资料1说……")).toBe("");
    expect(withoutReasoning(`${SENTENCE}`)).toBe(SENTENCE);
  });
});

describe("finishedSentences", () => {
  it("keeps a reply cut off at the token limit up to its last finished sentence, citation included", () => {
    expect(finishedSentences(`${SENTENCE}2013年年中，梁寨镇党委决定所有干部下村到组，挂钩联系居民家庭[1]。三是`)).toBe(
      `${SENTENCE}2013年年中，梁寨镇党委决定所有干部下村到组，挂钩联系居民家庭[1]。`,
    );
    expect(finishedSentences("一是脑勤。就是要勤于动脑。[1]二是")).toBe("一是脑勤。就是要勤于动脑。[1]");
    expect(finishedSentences("三是")).toBe("");
  });

  it("finds the end of an English sentence, not inside a number, and of a list line ending with its citation", () => {
    expect(finishedSentences("Liangzhai assigned each cadre about 100 households [1]. The savings rate was 5.58% [2], and the")).toBe(
      "Liangzhai assigned each cadre about 100 households [1].",
    );
    expect(finishedSentences("The rate was 5.")).toBe("The rate was 5.");
    expect(finishedSentences("The rate was 5.58")).toBe("");
    expect(finishedSentences("主要问题有：\n1. 硬件设施不达标[1]\n2. 监管力量")).toBe("主要问题有：\n1. 硬件设施不达标[1]");
  });
});

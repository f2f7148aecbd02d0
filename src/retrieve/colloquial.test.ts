import { describe, expect, test } from "vitest";
import { inWrittenWords } from "./colloquial.js";

/** A corpus that writes 问题, 困难, 学生, 就餐, 工作 and 抽查, and none of the everyday words below but 抽查. */
const written = new Set(["问题", "困难", "学生", "就餐", "工作", "抽查", "方面"]);
const occurs = (w: string) => written.has(w);

describe("inWrittenWords", () => {
  test("replaces each everyday word the documents lack with the word they write", () => {
    expect(inWrittenWords("县法制办最头疼的是啥", occurs)).toBe("县法制办最困难的是啥");
    expect(inWrittenWords("学校里孩子吃饭安不安全", occurs)).toBe("学校里学生就餐安不安全");
    expect(inWrittenWords("工会这块有什么毛病", occurs)).toBe("工会方面有什么问题");
  });

  test("the longest everyday word first: 这摊事 is 工作, not 工作事", () => {
    expect(inWrittenWords("质量这摊事拨了多少钱", occurs)).toBe("质量工作拨了多少钱");
  });

  test("leaves a word the documents write, and one whose written word they lack", () => {
    // 抽查 is theirs too; 打车 → 出租车, which this corpus never writes.
    expect(inWrittenWords("今年抽查了几家", occurs)).toBe("今年抽查了几家");
    expect(inWrittenWords("打车去开会", occurs)).toBe("打车去开会");
    // A corpus that writes 毛病 keeps it.
    expect(inWrittenWords("有什么毛病", (w) => w === "毛病" || w === "问题")).toBe("有什么毛病");
  });
});

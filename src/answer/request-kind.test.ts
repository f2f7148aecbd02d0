import { describe, expect, it } from "vitest";
import { requestKind } from "./request-kind.js";

describe("what a message without a command asks for", () => {
  it("a drafting request drafts", () => {
    for (const t of ["帮我写一段关于加强政务信息化建设的话", "请起草一段关于食品安全监管的总结", "写一段关于优化营商环境的表述", "麻烦拟几句关于档案工作的要求", "起草关于林长制的工作汇报", "再写一段关于政务公开的", "重新起草一下", "Please draft a paragraph on government procurement", "幫我寫一段關於政務公開的話"]) {
      expect(requestKind(t), t).toBe("draft");
    }
  });

  it("a 'which document' question finds", () => {
    for (const t of [
      "哪份材料讲了市长质量奖？",
      "哪些文件里提到过零报告？",
      "市长质量奖在哪份材料里？",
      "有没有文件讲到政府采购？",
      "有没有关于林长制工作完成情况的自评材料？",
      "讲产业发展专项资金绩效自评的是哪份报告？",
      "Which document covers food safety in schools?",
      "哪份材料講了市長質量獎？",
    ]) {
      expect(requestKind(t), t).toBe("find");
    }
  });

  it("everything else asks, including questions about the answer replied to", () => {
    for (const t of [
      "零报告制度是怎么规定的？",
      "哪些部门负责校园周边食品安全？",
      "有没有发现加油机作弊？",
      "这一条出自哪个文件？",
      // Asked after an answer: where it came from, not a topic to find.
      "那是哪份材料说的？",
      "出自哪篇文章？",
      "上面这段出自哪份材料？",
      "报告里说市优办现在配了几个人？",
      "写材料时要注意什么？",
      "办理异地就医备案需要的是什么材料？",
      "What does the report say about procurement?",
    ]) {
      expect(requestKind(t), t).toBe("ask");
    }
  });
});

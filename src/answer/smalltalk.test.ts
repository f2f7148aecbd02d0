import { describe, expect, it } from "vitest";
import { SMALLTALK_REPLIES, smallTalkReply } from "./smalltalk.js";

describe("small talk", () => {
  it("recognises a message made only of thanks, acknowledgements, greetings or 'what can you do'", () => {
    expect(smallTalkReply("谢谢")).toBe(SMALLTALK_REPLIES.thanks);
    expect(smallTalkReply("好的，谢谢啦！")).toBe(SMALLTALK_REPLIES.thanks);
    expect(smallTalkReply("Thank you!")).toBe(SMALLTALK_REPLIES.thanks);
    expect(smallTalkReply("謝謝您！")).toBe(SMALLTALK_REPLIES.thanks);
    expect(smallTalkReply("收到👌")).toBe(SMALLTALK_REPLIES.ack);
    expect(smallTalkReply("🙏")).toBe(SMALLTALK_REPLIES.ack);
    expect(smallTalkReply("👍🏻👍")).toBe(SMALLTALK_REPLIES.ack);
    expect(smallTalkReply("你好，在吗？")).toBe(SMALLTALK_REPLIES.greeting);
    expect(smallTalkReply("你能做什么？")).toBe(SMALLTALK_REPLIES.help);
  });

  it("leaves questions alone, including ones that start with thanks or contain the same characters", () => {
    for (const q of ["谢谢，那补贴标准是多少？", "好的政务信息有哪些？", "了解零报告制度", "行政复议申请有多少件？", "感谢信", "？", "了", "", "Hi, what is CitiStat?", "😀", "😀🎉👍🏻🇨🇳"]) {
      expect(smallTalkReply(q)).toBeUndefined();
    }
  });

  it("gives up on long input at once (the pattern's alternatives overlap)", () => {
    expect(smallTalkReply("好的".repeat(5000) + "？x")).toBeUndefined();
  });
});

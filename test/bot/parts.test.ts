/** The small modules on their own: addressing, limits, memory, access, typing, feedback, callback data. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, test, vi } from "vitest";
import { AccessControl } from "../../src/bot/access.js";
import { addressOf } from "../../src/bot/addressing.js";
import { FeedbackStore } from "../../src/bot/feedback.js";
import { decodeCallback, encodeCallback } from "../../src/bot/keyboard.js";
import { AnswerMemory, LruMap } from "../../src/bot/memory.js";
import { RateLimiter, SlidingWindow } from "../../src/bot/rate-limit.js";
import { withTyping } from "../../src/bot/typing.js";
import { tmpDir } from "./helpers.js";

const ME = { id: 4242, username: "PolicyTestBot" };
const group = { type: "supergroup" };

describe("addressOf", () => {
  const at = (text: string, extra: Partial<Parameters<typeof addressOf>[0]> = {}) =>
    addressOf({ text, chat: group, ...extra }, ME);

  test("commands", () => {
    expect(at("/ask 问题")).toEqual({ command: "ask", via: "command", text: "问题" });
    expect(at("/ask@PolicyTestBot 问题")).toEqual({ command: "ask", via: "command", text: "问题" });
    expect(at("/ASK@policytestbot\n多行\n问题")).toEqual({ command: "ask", via: "command", text: "多行\n问题" });
    expect(at("/ask@OtherBot 问题")).toBeNull();
    expect(at("/draft 要求")).toEqual({ command: "draft", via: "command", text: "要求" });
    expect(at("/ask")).toEqual({ command: "ask", via: "command", text: "" });
    expect(at("/weather")).toBeNull(); // maybe another bot's
    expect(at("/weather@PolicyTestBot")).toEqual({ command: "unknown", via: "command", text: "" });
    expect(addressOf({ text: "/weather", chat: { type: "private" } }, ME)).toEqual({ command: "unknown", via: "command", text: "" });
    expect(at("/asking 问题")).toBeNull();
  });

  test("mentions", () => {
    expect(at("@PolicyTestBot 问题")).toEqual({ command: "ask", via: "mention", text: "问题" });
    expect(at("问题 @PolicyTestBot")).toEqual({ command: "ask", via: "mention", text: "问题" });
    expect(at("@PolicyTestBot")).toEqual({ command: "ask", via: "mention", text: "" });
    expect(at("@PolicyTestBot /find 主题")).toEqual({ command: "find", via: "command", text: "主题" });
    expect(at("@PolicyTestBotX 问题")).toBeNull();
    expect(at("email a@PolicyTestBot_ 问题")).toBeNull();
  });

  test("replies to the bot are follow-ups; replies to others are not", () => {
    const replyToBot = { reply_to_message: { message_id: 9, from: { id: ME.id }, text: "之前的回答" } };
    expect(at("那第二条呢？", replyToBot)).toEqual({
      command: "ask",
      via: "reply",
      text: "那第二条呢？",
      replyToBotMessageId: 9,
      replyToBotText: "之前的回答",
    });
    expect(at("/ask 第二条", replyToBot)).toMatchObject({ command: "ask", replyToBotMessageId: 9 });
    expect(at("那第二条呢？", { reply_to_message: { message_id: 9, from: { id: 1 } } })).toBeNull();
    expect(at("随便聊聊")).toBeNull();
    expect(addressOf({ text: " 私聊问题 ", chat: { type: "private" } }, ME)).toEqual({ command: "ask", via: "private", text: "私聊问题" });
  });

  test("other bots are ignored, anonymous admins are not", () => {
    const replyToBot = { reply_to_message: { message_id: 9, from: { id: ME.id } } };
    expect(at("/ask 问题", { from: { is_bot: true } })).toBeNull();
    expect(at("好的", { from: { is_bot: true }, ...replyToBot })).toBeNull();
    expect(at("/ask 问题", { from: { is_bot: true }, sender_chat: { id: -100 } })).toEqual({ command: "ask", via: "command", text: "问题" });
  });
});

describe("rate limits", () => {
  test("sliding window frees slots as old hits age out", () => {
    let now = 0;
    const w = new SlidingWindow(2, 60_000, () => now);
    w.record("a");
    now = 30_000;
    w.record("a");
    expect(w.allows("a")).toBe(false);
    expect(w.allows("b")).toBe(true);
    now = 60_001; // the first hit left the window
    expect(w.allows("a")).toBe(true);
    w.record("a");
    expect(w.allows("a")).toBe(false);
    expect(new SlidingWindow(0, 60_000).allows("x")).toBe(true);
  });

  test("RateLimiter takes from both windows or neither", () => {
    let now = 0;
    const r = new RateLimiter({ perUserPerMinute: 1, perChatPerMinute: 2 }, () => now);
    expect(r.tryAcquire(1, 10).ok).toBe(true);
    expect(r.tryAcquire(1, 10)).toEqual({ ok: false, scope: "user", limit: 1, retryAfterMs: 60_000, notify: true }); // user full
    expect(r.tryAcquire(2, 10).ok).toBe(true);
    now = 15_000;
    expect(r.tryAcquire(3, 10)).toEqual({ ok: false, scope: "chat", limit: 2, retryAfterMs: 45_000, notify: true }); // chat full
    expect(r.tryAcquire(3, 11).ok).toBe(true); // user 3 was not charged by the refusal
    now = 61_000;
    expect(r.tryAcquire(1, 10).ok).toBe(true);
  });

  test("someone over the limit is told once until the wait is over, not once per message", () => {
    let now = 0;
    const r = new RateLimiter({ perUserPerMinute: 1, perChatPerMinute: 100 }, () => now);
    r.tryAcquire(1, 10);
    now = 20_000;
    expect(r.tryAcquire(1, 10)).toMatchObject({ ok: false, retryAfterMs: 40_000, notify: true });
    now = 30_000;
    expect(r.tryAcquire(1, 10)).toMatchObject({ ok: false, retryAfterMs: 30_000, notify: false });
    expect(r.tryAcquire(1, 11)).toMatchObject({ ok: false, notify: true }); // in another chat: told there
    now = 61_000;
    expect(r.tryAcquire(1, 10).ok).toBe(true);
    expect(r.tryAcquire(1, 10)).toMatchObject({ ok: false, notify: true }); // a new wait: told again
  });
});

describe("memory", () => {
  test("LruMap evicts the least recently used entry", () => {
    const m = new LruMap<string, number>(2);
    m.set("a", 1);
    m.set("b", 2);
    expect(m.get("a")).toBe(1);
    m.set("c", 3);
    expect(m.get("b")).toBeUndefined();
    expect(m.get("a")).toBe(1);
    expect(m.size).toBe(2);
  });

  test("AnswerMemory is bounded and keyed per chat; history is capped", () => {
    const mem = new AnswerMemory(2);
    const r1 = mem.remember({ chatId: 1, question: "q1", answer: "a1", citations: [], history: [] });
    mem.attachMessages(r1, [10, 11]);
    expect(r1.id).toMatch(/^[A-Za-z0-9_-]{8}$/);
    expect(mem.findByMessage(1, 11)).toBe(r1);
    expect(mem.findByMessage(2, 11)).toBeUndefined();
    expect(mem.historyFor(1, 10)).toEqual([
      { role: "user", content: "q1" },
      { role: "assistant", content: "a1", citations: [] },
    ]);
    const long = Array.from({ length: 8 }, (_, i) => ({ role: "user" as const, content: `t${i}` }));
    const r2 = mem.remember({ chatId: 1, question: "q2", answer: "a2", citations: [], history: long });
    mem.attachMessages(r2, [12]);
    expect(mem.historyFor(1, 12)).toHaveLength(6);
    expect(mem.historyFor(1, 12).at(-1)).toEqual({ role: "assistant", content: "a2", citations: [] });
    mem.remember({ chatId: 1, question: "q3", answer: "a3", citations: [], history: [] });
    mem.remember({ chatId: 1, question: "q4", answer: "a4", citations: [], history: [] });
    expect(mem.get(r1.id)).toBeUndefined();
  });
});

describe("access", () => {
  test("allowed chats, admins in private, one notice per chat", () => {
    const a = new AccessControl([-1], [7]);
    expect(a.check(-1, "group", 5)).toBe("allowed");
    expect(a.check(-2, "group", 7)).toBe("notify");
    expect(a.check(-2, "group", 7)).toBe("ignore");
    expect(a.check(7, "private", 7)).toBe("allowed");
    expect(a.check(5, "private", 5)).toBe("notify");
    expect(new AccessControl(null, []).check(-3, "supergroup", undefined)).toBe("allowed");
    expect(a.isAdmin(undefined)).toBe(false);
  });
});

describe("callback data", () => {
  test("round-trips and rejects anything else", () => {
    for (const action of [
      { kind: "passages", id: "AbC_12-x" },
      { kind: "vote", id: "AbC_12-x", vote: "up" },
      { kind: "vote", id: "AbC_12-x", vote: "down" },
    ] as const) {
      const data = encodeCallback(action);
      expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
      expect(decodeCallback(data)).toEqual(action);
    }
    for (const bad of ["", "p:", "x:abc", "v:abc:*", "p:a:b", "p:" + "a".repeat(40), "p:a b"]) {
      expect(decodeCallback(bad)).toBeNull();
    }
  });
});

describe("typing", () => {
  afterEach(() => vi.useRealTimers());

  test("sent at once, refreshed every 4 s, stopped when done, errors ignored", async () => {
    vi.useFakeTimers();
    let sent = 0;
    const ctx = {
      replyWithChatAction: () => {
        sent++;
        return Promise.reject(new Error("chat action failed"));
      },
    };
    let finish!: (v: string) => void;
    const result = withTyping(ctx, () => new Promise<string>((r) => (finish = r)));
    expect(sent).toBe(1);
    await vi.advanceTimersByTimeAsync(8_100);
    expect(sent).toBe(3);
    finish("done");
    await expect(result).resolves.toBe("done");
    await vi.advanceTimersByTimeAsync(10_000);
    expect(sent).toBe(3);
  });
});

describe("feedback store", () => {
  test("creates the directory and appends whole lines under concurrency", async () => {
    const file = join(tmpDir(), "a", "b", "feedback.jsonl");
    const store = new FeedbackStore(file);
    const base = { chatId: 1, userId: 2, messageId: 3, question: "问\n题", answer: "答" };
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        store.append({ ...base, ts: new Date(i).toISOString(), vote: i % 2 ? "up" : "down" }),
      ),
    );
    const lines = readFileSync(file, "utf8").trim().split("\n");
    expect(lines).toHaveLength(20);
    expect(lines.map((l) => JSON.parse(l).ts)).toEqual(Array.from({ length: 20 }, (_, i) => new Date(i).toISOString()));
    expect(JSON.parse(lines[0]!).question).toBe("问\n题");
  });
});

describe("citation lines", () => {
  test("the section is shown without the article title it repeats", async () => {
    const { formatCitation } = await import("../../src/bot/format.js");
    const base = { n: 1, id: "x", file: "f.txt", lineStart: 63, lineEnd: 63, quote: "", text: "" };
    expect(formatCitation({ ...base, article: "总结 篇2", section: "总结 篇2 › （一）找准定位" })).toBe(
      "[1] 总结 篇2 · （一）找准定位（f.txt，第63行）",
    );
    expect(formatCitation({ ...base, article: "总结 篇2", section: "总结 篇2", lineEnd: 67 })).toBe(
      "[1] 总结 篇2（f.txt，第63–67行）",
    );
    expect(formatCitation({ ...base, article: "", section: "" })).toBe("[1] f.txt（f.txt，第63行）");
  });
});

describe("find replies", () => {
  test("a name only titles carry is said, then the articles so titled are listed", async () => {
    const { formatFind } = await import("../../src/bot/format.js");
    const doc = { rank: 1, score: 1, file: "000_1c877c88cc443075.txt", article: "实行零报告制度 篇五", lineStart: 243, lineEnd: 321, sections: [] };
    const text = formatFind({ query: "零报告制度", confident: true, titleOnly: ["零报告制度"], documents: [doc] });
    expect(text.startsWith("文档正文没有讲到“零报告制度”：它只出现在材料标题中，标题下的文章讲的是其他内容。\n标题中有“零报告制度”的材料：\n\n<b>1. 实行零报告制度 篇五</b>")).toBe(true);
    // Without titleOnly, the plain list.
    expect(formatFind({ query: "零报告制度", confident: true, documents: [doc] }).startsWith("<b>1. 实行零报告制度 篇五</b>")).toBe(true);
  });

  test("each section is shown below its article (the title not repeated), or as lines alone under no heading", async () => {
    const { formatFind } = await import("../../src/bot/format.js");
    const article = "高质量发展综合绩效考核自评报告3";
    const doc = {
      rank: 1, score: 1, file: "002_e3554324031b6b29.txt", article, lineStart: 138, lineEnd: 156,
      sections: [
        { section: article, lineStart: 139, lineEnd: 139, snippet: "…考核指标为林长制工作和林地（湿地）保有量…" },
        { section: `${article} › 二、林地（湿地）保有量情况`, lineStart: 143, lineEnd: 143, snippet: "1、林地保有量。" },
      ],
    };
    const text = formatFind({ query: "林长制", confident: true, documents: [doc] });
    expect(text).toContain("  • 第139行：…考核指标为林长制工作和林地（湿地）保有量…");
    expect(text).toContain("  • 二、林地（湿地）保有量情况（第143行）：1、林地保有量。");
  });

  test("an article with a title of its own is listed by both, and its sections below it without either", async () => {
    const { formatFind } = await import("../../src/bot/format.js");
    const article = "政府办公室年度工作总结 篇5";
    const ownTitle = "龙岩市人民政府办公室关于转发2007年度冬春水利建设工作意见的通知";
    const doc = {
      rank: 1, score: 1, file: "004_aca56f0dfc7b8c1b.txt", article, ownTitle, lineStart: 193, lineEnd: 275,
      sections: [{ section: `${article} › ${ownTitle} › 三、目标任务`, lineStart: 225, lineEnd: 225, snippet: "…计划完成土石方1000万m3，投资3.32亿元…" }],
    };
    const text = formatFind({ query: "冬春水利", confident: true, documents: [doc] });
    expect(text).toContain(`<b>1. ${article}：${ownTitle}</b>（004_aca56f0dfc7b8c1b.txt，第193–275行）`);
    expect(text).toContain("  • 三、目标任务（第225行）：…计划完成土石方1000万m3，投资3.32亿元…");
  });
});

/**
 * Behaviour of the bot through grammY's own seams: a Bot with botInfo, a
 * transformer that records API calls and answers them, bot.handleUpdate.
 */
import { readFileSync, existsSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, test } from "vitest";
import { ServiceError } from "../../src/util/errors.js";
import { TELEGRAM_TEXT_LIMIT } from "../../src/bot/html.js";
import {
  ADMIN,
  ALICE,
  ANSWER_TEXT,
  BOB,
  BOT_INFO,
  CITATIONS,
  GROUP,
  TOKEN,
  askResult,
  callbackUpdate,
  docLines,
  shownLines,
  inlineButtons,
  makeHarness,
  notFound,
  privateChat,
  textMessage,
  type Harness,
} from "./helpers.js";

const APOLOGY = "抱歉，处理您的问题时出错，请稍后再试。";
const BOT_FROM = { id: BOT_INFO.id, is_bot: true, first_name: BOT_INFO.first_name, username: BOT_INFO.username };

function lastSent(h: Harness): Record<string, unknown> {
  const all = h.sent();
  const m = all[all.length - 1];
  if (!m) throw new Error("the bot sent nothing");
  return m;
}

function textOf(p: Record<string, unknown>): string {
  return String(p.text);
}

/** Message id the fake API gave to the n-th sendMessage (0-based). */
function sentId(h: Harness, n: number): number {
  return 5000 + n;
}

describe("addressing", () => {
  test("/ask is answered as a reply, in HTML, with typing shown first", async () => {
    const h = makeHarness();
    await h.send(textMessage("/ask 政府办公室如何加强制度建设？", { message_id: 11 }));

    expect(h.service.calls).toEqual([{ method: "ask", text: "政府办公室如何加强制度建设？", options: undefined }]);
    const methods = h.calls.map((c) => c.method);
    expect(methods.indexOf("sendChatAction")).toBeGreaterThanOrEqual(0);
    expect(methods.indexOf("sendChatAction")).toBeLessThan(methods.indexOf("sendMessage"));
    expect(h.calls.find((c) => c.method === "sendChatAction")?.payload).toMatchObject({ chat_id: GROUP.id, action: "typing" });

    const reply = lastSent(h);
    expect(reply).toMatchObject({
      chat_id: GROUP.id,
      parse_mode: "HTML",
      reply_parameters: { message_id: 11, allow_sending_without_reply: true },
    });
    expect(textOf(reply)).toContain(ANSWER_TEXT);
  });

  test("/ask@ThisBot is answered; /ask@OtherBot is ignored entirely", async () => {
    const h = makeHarness();
    await h.send(textMessage("/ask@PolicyTestBot 督查工作有什么要求？"));
    expect(h.service.calls.map((c) => c.text)).toEqual(["督查工作有什么要求？"]);

    const other = makeHarness();
    await other.send(textMessage("/ask@OtherBot 督查工作有什么要求？"));
    await other.send(textMessage("/help@OtherBot"));
    expect(other.service.calls).toEqual([]);
    expect(other.calls).toEqual([]);
  });

  test("a mention of the bot is a question (text minus the mention)", async () => {
    const h = makeHarness();
    await h.send(textMessage("@PolicyTestBot 政务督查有哪些要求？"));
    await h.send(textMessage("请问 @policytestbot 信息化建设进展如何？"));
    expect(h.service.calls.map((c) => c.text)).toEqual(["政务督查有哪些要求？", "请问 信息化建设进展如何？"]);
    expect(h.sent()).toHaveLength(2);
  });

  test("without a command, the wording decides: a drafting request drafts, a 'which document' question finds", async () => {
    const h = makeHarness();
    await h.send(textMessage("@PolicyTestBot 帮我写一段关于加强政务信息化建设的话"));
    await h.send(textMessage("哪份材料讲了市长质量奖？", { chat: privateChat(ALICE) }));
    await h.send(textMessage("@PolicyTestBot 零报告制度是怎么规定的？"));
    expect(h.service.calls.map((c) => [c.method, c.text])).toEqual([
      ["draft", "帮我写一段关于加强政务信息化建设的话"],
      ["find", "哪份材料讲了市长质量奖？"],
      ["ask", "零报告制度是怎么规定的？"],
    ]);
    // An explicit command is taken as it is.
    await h.send(textMessage("/ask 哪份材料讲了市长质量奖？"));
    expect(h.service.calls.at(-1)?.method).toBe("ask");
  });

  test("unaddressed group messages are ignored", async () => {
    const h = makeHarness();
    await h.send(textMessage("大家好，今天开会讨论政务督查。"));
    await h.send(textMessage("@SomeoneElse 你看一下"));
    await h.send(textMessage("/ask_me_later 这个不是命令"));
    await h.send(
      textMessage("回复同事", { replyTo: { message_id: 7, from: BOB, text: "同事的消息" } }),
    );
    expect(h.service.calls).toEqual([]);
    expect(h.calls).toEqual([]);
  });

  test("in a private chat any text is a question", async () => {
    const h = makeHarness();
    await h.send(textMessage("政务公开有哪些做法？", { chat: privateChat(ALICE) }));
    expect(h.service.calls.map((c) => c.text)).toEqual(["政务公开有哪些做法？"]);
    expect(lastSent(h)).toMatchObject({ chat_id: ALICE.id, parse_mode: "HTML" });
  });

  test("/help, /start and unknown commands addressed to the bot get the help text", async () => {
    const h = makeHarness();
    await h.send(textMessage("/help"));
    await h.send(textMessage("/start", { chat: privateChat(ALICE) }));
    await h.send(textMessage("/foo@PolicyTestBot"));
    const texts = h.sent().map(textOf);
    expect(texts).toHaveLength(3);
    for (const t of texts) expect(t).toContain("/ask 问题");
    expect(texts[0]).toContain("@PolicyTestBot");
    expect(texts[2]).toContain("未知命令");
    expect(h.service.calls).toEqual([]);
  });
});

describe("messages that are not plain text", () => {
  const media = (o: Parameters<typeof textMessage>[1], extra: Record<string, unknown>) => ({
    message: { ...textMessage("", o).message, text: undefined, ...extra },
  });
  const photo = [{ file_id: "P1", file_unique_id: "p1", width: 90, height: 90 }];

  test("a photo, sticker or voice message addressed to the bot gets one sentence saying it reads text only", async () => {
    const h = makeHarness();
    await h.send(media({ chat: privateChat(ALICE) }, { photo }));
    await h.send(media({ chat: privateChat(ALICE) }, { sticker: { file_id: "S1", file_unique_id: "s1", type: "regular", width: 1, height: 1, is_animated: false, is_video: false } }));
    await h.send(media({ replyTo: { message_id: 77, from: BOT_FROM, text: "之前的回答" } }, { voice: { file_id: "V1", file_unique_id: "v1", duration: 3 } }));
    const texts = h.sent().map(textOf);
    expect(texts).toHaveLength(3);
    for (const t of texts) expect(t).toBe("我只能读文字消息，无法识别图片、语音、贴纸或文件的内容；请把问题用文字发给我。");
    expect(h.service.calls).toEqual([]);
  });

  test("a caption that asks the bot is answered, saying the picture itself was not read", async () => {
    const h = makeHarness();
    await h.send(media({}, { photo, caption: "@PolicyTestBot 制度建设有哪些做法？" }));
    expect(h.service.calls.map((c) => c.text)).toEqual(["制度建设有哪些做法？"]);
    const reply = textOf(lastSent(h));
    expect(reply.startsWith("<i>图片、语音等内容我无法识别，以下只根据附带的文字回答。</i>")).toBe(true);
    expect(reply).toContain(ANSWER_TEXT);
  });

  test("group media not addressed to the bot, and service messages, are left alone", async () => {
    const h = makeHarness();
    await h.send(media({}, { photo, caption: "今天的会议照片" }));
    await h.send(media({ chat: privateChat(ALICE) }, { new_chat_title: "新名字" }));
    expect(h.sent()).toEqual([]);
  });

  test("an edited message is answered as edited: a mention added afterwards reaches the bot", async () => {
    const h = makeHarness();
    const original = textMessage("政务网布点了多少个？");
    await h.send(original);
    expect(h.sent()).toEqual([]);
    await h.send({ edited_message: { ...original.message, text: "@PolicyTestBot 政务网布点了多少个？", edit_date: Math.floor(Date.now() / 1000) } });
    expect(h.service.calls.map((c) => c.text)).toEqual(["政务网布点了多少个？"]);
    expect(lastSent(h)).toMatchObject({ reply_parameters: { message_id: original.message.message_id } });
  });

  test("a refusal that searched nothing gets no rating buttons; an answer does", async () => {
    const h = makeHarness();
    h.service.askImpl = async (q) => ({ question: q, mode: "extractive", found: false, answer: "问题中没有可以查询的内容，请输入完整的问题。", citations: [] });
    await h.send(textMessage("@PolicyTestBot ？！"));
    expect(lastSent(h).reply_markup).toBeUndefined();
    h.service.askImpl = async (q) => notFound(q);
    await h.send(textMessage("@PolicyTestBot 婚假有几天？"));
    expect(inlineButtons(lastSent(h)).map((b) => b.text)).toEqual(["👍", "👎"]);
  });
});

describe("follow-ups", () => {
  test("a reply to the bot's answer passes the earlier question and answer as history", async () => {
    const h = makeHarness();
    await h.send(textMessage("/ask 政府办公室如何加强制度建设？"));
    const firstAnswerId = sentId(h, 0);

    h.service.askImpl = async (q) => askResult(q, { answer: "督查方面：交必办、办必果、果必报[2]。" });
    await h.send(
      textMessage("那督查工作呢？", { replyTo: { message_id: firstAnswerId, from: BOT_FROM, text: "…" } }),
    );
    expect(h.service.calls[1]).toEqual({
      method: "ask",
      text: "那督查工作呢？",
      options: {
        history: [
          { role: "user", content: "政府办公室如何加强制度建设？" },
          // What the answer cited goes with it: "这一条出自哪个文件？" is answered from it.
          { role: "assistant", content: ANSWER_TEXT, citations: CITATIONS },
        ],
      },
    });

    // A reply to the follow-up's answer carries the whole exchange.
    await h.send(textMessage("具体有几项？", { replyTo: { message_id: sentId(h, 1), from: BOT_FROM } }));
    expect((h.service.calls[2]?.options as { history: unknown[] }).history).toEqual([
      { role: "user", content: "政府办公室如何加强制度建设？" },
      { role: "assistant", content: ANSWER_TEXT, citations: CITATIONS },
      { role: "user", content: "那督查工作呢？" },
      { role: "assistant", content: "督查方面：交必办、办必果、果必报[2]。", citations: CITATIONS },
    ]);
  });

  test("a reply to a bot message it no longer remembers uses that message's text", async () => {
    const h = makeHarness();
    await h.send(
      textMessage("这一条出自哪个文件？", { replyTo: { message_id: 42, from: BOT_FROM, text: "较早的回答" } }),
    );
    expect(h.service.calls[0]?.options).toEqual({ history: [{ role: "assistant", content: "较早的回答" }] });
  });
});

describe("formatting", () => {
  test("sources are numbered with title, section and lines; buttons fit in 64 bytes", async () => {
    const h = makeHarness();
    await h.send(textMessage("/ask 制度建设"));
    const reply = lastSent(h);
    const text = textOf(reply);
    expect(text).toContain("<b>来源</b>");
    expect(text).toContain(`[1] 政府办公室年度工作总结 篇1 · （一）加强制度建设,政府运行机制进一步规范（004_aca56f0dfc7b8c1b.txt，第11–13行）`);
    expect(text).toContain(`[2] 政府办公室年度工作总结 篇1 · （三）加大政务督查力度,政府决策落实有力（004_aca56f0dfc7b8c1b.txt，第19–21行）`);
    const buttons = inlineButtons(reply);
    expect(buttons.map((b) => b.text)).toEqual(["查看引用原文", "👍", "👎"]);
    for (const b of buttons) expect(Buffer.byteLength(b.callback_data)).toBeLessThanOrEqual(64);
  });

  test("document and user text is escaped", async () => {
    const h = makeHarness();
    const hostile = '<script>alert("x")</script> & "quotes"';
    h.service.askImpl = async (q) =>
      askResult(q, {
        answer: `文件写道：${hostile}`,
        citations: [{ ...CITATIONS[0]!, article: `<b>标题</b> & "引号"`, text: `${docLines(13, 13)}\n${hostile}`, quote: `<script>alert("x")</script> &` }],
      });
    await h.send(textMessage("/ask 测试 <i>转义</i>"));
    const text = textOf(lastSent(h));
    expect(text).toContain('文件写道：&lt;script&gt;alert("x")&lt;/script&gt; &amp; "quotes"');
    expect(text).toContain('[1] &lt;b&gt;标题&lt;/b&gt; &amp; "引号"');
    expect(text).not.toContain("<script");

    // the passages are escaped as well
    await h.send(callbackUpdate(inlineButtons(lastSent(h))[0]!.callback_data, { message_id: sentId(h, 0), chat: GROUP }));
    const passages = textOf(lastSent(h));
    expect(passages).toContain("&lt;script&gt;");
    expect(passages).not.toContain("<script");
    // the quoted sentence is in bold, escaped inside the tag
    expect(passages).toContain('<b>&lt;script&gt;alert("x")&lt;/script&gt; &amp;</b> "quotes"');

    await h.send(textMessage("/sources"));
    expect(textOf(lastSent(h))).toContain("&lt;b&gt;篇2&lt;/b&gt; &amp; 附件");
  });

  test("an answer over 4096 characters is split at paragraph boundaries with balanced tags", async () => {
    const h = makeHarness();
    const paragraphs = [13, 17, 21, 25, 29, 33, 37, 41].map((n) => docLines(n, n));
    const long = [...paragraphs, ...paragraphs, ...paragraphs].join("\n\n");
    expect(long.length).toBeGreaterThan(TELEGRAM_TEXT_LIMIT * 2);
    h.service.askImpl = async (q) => askResult(q, { answer: long, notice: "<注意> 这是摘录模式" });
    await h.send(textMessage("/ask 全年工作总结", { message_id: 77 }));

    const parts = h.sent();
    expect(parts.length).toBeGreaterThanOrEqual(3);
    for (const [i, p] of parts.entries()) {
      const text = textOf(p);
      expect(text.length).toBeLessThanOrEqual(TELEGRAM_TEXT_LIMIT);
      expect(p).toMatchObject({ parse_mode: "HTML", reply_parameters: { message_id: 77, allow_sending_without_reply: true } });
      for (const tag of ["b", "i", "blockquote"]) {
        expect(text.split(`<${tag}>`).length, `part ${i} <${tag}> balanced`).toBe(text.split(`</${tag}>`).length);
      }
      // no broken entity at either end
      expect(text).not.toMatch(/&[a-z#0-9]*$/);
      expect(text).not.toMatch(/^[a-z#0-9]*;/);
      if (i < parts.length - 1) {
        // every part but the last ends with a whole paragraph of the answer
        expect(paragraphs.some((para) => text.endsWith(para))).toBe(true);
        expect(inlineButtons(p)).toEqual([]);
      }
    }
    expect(inlineButtons(parts[parts.length - 1]!).length).toBe(3);
    const joined = parts.map(textOf).join("\n\n");
    expect(joined).toContain("&lt;注意&gt; 这是摘录模式");
    expect(joined).toContain("<b>来源</b>");

    // a reply to any part is a follow-up to the same answer
    await h.send(textMessage("第一段再说说", { replyTo: { message_id: sentId(h, 0), from: BOT_FROM } }));
    expect((h.service.calls[1]?.options as { history: Array<{ content: string }> }).history[0]?.content).toBe("全年工作总结");
  });

  test("not found: the service's answer, the nearest documents, feedback buttons only", async () => {
    const h = makeHarness();
    h.service.askImpl = async (q) => notFound(q);
    await h.send(textMessage("/ask 明年的预算是多少？"));
    const reply = lastSent(h);
    expect(textOf(reply)).toBe(
      "在已收录的文件中没有找到与该问题相关的内容。\n\n<b>最接近的文档</b>\n• 政府办公室年度工作总结 篇2（004_aca56f0dfc7b8c1b.txt）",
    );
    expect(inlineButtons(reply).map((b) => b.text)).toEqual(["👍", "👎"]);
  });

  test("small talk (a reply of 谢谢 to the bot's answer): the service's reply, with no buttons", async () => {
    const h = makeHarness();
    h.service.askImpl = async (q) => ({ question: q, mode: "extractive", found: false, answer: "不客气。还有问题可以继续问我。", citations: [], smallTalk: true });
    await h.send(textMessage("/ask 全年工作总结"));
    await h.send(textMessage("谢谢", { replyTo: { message_id: sentId(h, 0), from: BOT_FROM } }));
    const reply = lastSent(h);
    expect(textOf(reply)).toBe("不客气。还有问题可以继续问我。");
    expect(inlineButtons(reply)).toEqual([]);
  });

  test("/find of a topic whose words the documents never use names them, escaped", async () => {
    const h = makeHarness();
    h.service.findImpl = async (t) => ({ query: t, confident: false, absent: ["婚假", "<b>"], documents: [{ rank: 1, score: 0.1, file: "004_aca56f0dfc7b8c1b.txt", article: "政府办公室年度工作总结 篇2", lineStart: 42, lineEnd: 60, sections: [] }] });
    await h.send(textMessage("/find 婚假"));
    const reply = lastSent(h);
    expect(textOf(reply)).toMatch(/^文档中没有出现“婚假”“&lt;b&gt;”。\n没有找到高度相关的文档/);
  });

  test("/draft, /find and /sources", async () => {
    const h = makeHarness();
    await h.send(textMessage("/draft 关于制度建设的一段总结"));
    expect(textOf(lastSent(h))).toContain("一、加强制度建设");
    expect(textOf(lastSent(h))).toContain("[1] 政府办公室年度工作总结 篇1");
    await h.send(textMessage("/find 信息化建设"));
    expect(textOf(lastSent(h))).toContain("<b>1. 政府办公室年度工作总结 篇1</b>（004_aca56f0dfc7b8c1b.txt，第7–41行）");
    expect(textOf(lastSent(h))).toContain("（二）强化信息化建设");
    await h.send(textMessage("/sources"));
    expect(textOf(lastSent(h))).toContain("004_aca56f0dfc7b8c1b.txt — 政府办公室年度工作总结 篇1");
    expect(h.service.calls.map((c) => c.method)).toEqual(["draft", "find", "sources"]);
  });

  test("if Telegram rejects the HTML, the part is resent as plain text", async () => {
    const h = makeHarness();
    let failed = false;
    h.respond((method, p) => {
      if (method === "sendMessage" && p.parse_mode === "HTML" && !failed) {
        failed = true;
        return { ok: false, error_code: 400, description: "Bad Request: can't parse entities: unsupported start tag" };
      }
      return undefined;
    });
    await h.send(textMessage("/ask 制度建设"));
    const reply = lastSent(h);
    expect(reply.parse_mode).toBeUndefined();
    expect(textOf(reply)).toContain("来源\n[1]");
    expect(inlineButtons(reply)).toHaveLength(3);
  });
});

describe("buttons", () => {
  test("查看引用原文 replies to the answer with the cited passages", async () => {
    const h = makeHarness();
    await h.send(textMessage("/ask 制度建设"));
    const answerId = sentId(h, 0);
    const data = inlineButtons(lastSent(h))[0]!.callback_data;

    await h.send(callbackUpdate(data, { message_id: answerId, chat: GROUP }, BOB));
    const ack = h.calls.filter((c) => c.method === "answerCallbackQuery");
    expect(ack).toHaveLength(1);
    const passages = lastSent(h);
    expect(passages).toMatchObject({ parse_mode: "HTML", reply_parameters: { message_id: answerId } });
    expect(textOf(passages)).toContain(`<blockquote>${shownLines(11, 13)}</blockquote>`);
    expect(textOf(passages)).toContain(`<blockquote>${shownLines(19, 21)}</blockquote>`);

    // pressing again soon only gets a hint
    await h.send(callbackUpdate(data, { message_id: answerId, chat: GROUP }, BOB));
    expect(h.sent()).toHaveLength(2);
    expect(h.calls.filter((c) => c.method === "answerCallbackQuery").at(-1)?.payload).toMatchObject({
      text: "引用原文已在上方显示。",
    });
  });

  test("👍 / 👎 are appended to the feedback JSONL and acknowledged", async () => {
    const h = makeHarness();
    expect(existsSync(h.config.feedbackFile)).toBe(false);
    await h.send(textMessage("/ask 政府办公室如何加强制度建设？"));
    const answerId = sentId(h, 0);
    const [, up, down] = inlineButtons(lastSent(h));

    await h.send(callbackUpdate(up!.callback_data, { message_id: answerId, chat: GROUP }, ALICE));
    await h.send(callbackUpdate(down!.callback_data, { message_id: answerId, chat: GROUP }, BOB));

    const acks = h.calls.filter((c) => c.method === "answerCallbackQuery");
    expect(acks.map((a) => a.payload.text)).toEqual(["感谢反馈", "感谢反馈"]);
    const records = readFileSync(h.config.feedbackFile, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(records).toHaveLength(2);
    expect(Object.keys(records[0]!)).toEqual(["ts", "chatId", "userId", "messageId", "vote", "question", "answer"]);
    expect(records[0]).toMatchObject({
      chatId: GROUP.id,
      userId: ALICE.id,
      messageId: answerId,
      vote: "up",
      question: "政府办公室如何加强制度建设？",
      answer: ANSWER_TEXT,
    });
    expect(records[1]).toMatchObject({ userId: BOB.id, vote: "down" });
    expect(Number.isNaN(Date.parse(String(records[0]!.ts)))).toBe(false);
    expect(h.sent()).toHaveLength(1); // votes send no messages
  });

  test("a button of a forgotten answer is acknowledged as expired", async () => {
    const h = makeHarness();
    await h.send(callbackUpdate("v:abcdefgh:+", { message_id: 1, chat: GROUP }));
    await h.send(callbackUpdate("garbage", { message_id: 1, chat: GROUP }));
    const acks = h.calls.filter((c) => c.method === "answerCallbackQuery");
    expect(acks.map((a) => a.payload.text)).toEqual(["该回答已过期，请重新提问。", undefined]);
    expect(existsSync(h.config.feedbackFile)).toBe(false);
  });
});

describe("access", () => {
  test("outside ALLOWED_CHAT_IDS it says so once per chat, then ignores the chat", async () => {
    const h = makeHarness({ allowedChatIds: [GROUP.id] });
    const other = { id: -100999, type: "supergroup" as const, title: "别的群" };
    await h.send(textMessage("/ask 制度建设", { chat: other }));
    await h.send(textMessage("/ask 制度建设", { chat: other }));
    await h.send(textMessage("@PolicyTestBot 你好", { chat: other }));
    expect(h.sent().map(textOf)).toEqual(["本机器人未在此群组启用。"]);
    expect(h.sent()[0]).toMatchObject({ chat_id: other.id });

    await h.send(textMessage("/ask 制度建设"));
    expect(h.service.calls).toHaveLength(1);
    expect(lastSent(h)).toMatchObject({ chat_id: GROUP.id });

    // private chats: admins are served, others get the notice once
    await h.send(textMessage("制度建设", { chat: privateChat(ADMIN), from: ADMIN }));
    expect(h.service.calls).toHaveLength(2);
    await h.send(textMessage("制度建设", { chat: privateChat(BOB), from: BOB }));
    expect(textOf(lastSent(h))).toBe("本机器人未开放私聊，请在工作群中使用。");
    expect(h.service.calls).toHaveLength(2);
  });

  test("/reindex: admins get the progress line then the summary; others are refused", async () => {
    const h = makeHarness();
    await h.send(textMessage("/reindex", { from: ALICE }));
    expect(h.sent().map(textOf)).toEqual(["只有管理员可以使用此命令。"]);
    expect(h.admin.reindexCalls).toBe(0);

    await h.send(textMessage("/reindex@PolicyTestBot", { from: ADMIN, message_id: 31 }));
    expect(h.admin.reindexCalls).toBe(1);
    expect(h.sent().slice(1).map(textOf)).toEqual(["正在重建索引…", "索引已更新：6 个文件，40 篇文章，120 个段落，用时 1.2 秒。\n未变 6 个文件。"]);
    expect(lastSent(h)).toMatchObject({ reply_parameters: { message_id: 31 } });
  });

  test("documents from an admin in a private chat are downloaded and added; others are refused", async () => {
    const body = "政府办公室年度工作总结 篇10\n\n测试内容。";
    const requested: string[] = [];
    const server = createServer((req, res) => {
      requested.push(req.url ?? "");
      res.end(body);
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const apiRoot = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const h = makeHarness({ apiRoot });
      const doc = { file_id: "FILE1", file_unique_id: "U1", file_name: "新文件.txt", file_size: 64 };

      await h.send({ message: { ...textMessage("", { chat: privateChat(BOB), from: BOB }).message, text: undefined, document: doc } });
      expect(h.sent().map(textOf)).toEqual(["只有管理员可以添加文档。"]);
      expect(h.calls.some((c) => c.method === "getFile")).toBe(false);

      // in a group even an admin's file is not ingested
      await h.send({ message: { ...textMessage("", { from: ADMIN }).message, text: undefined, document: doc } });
      expect(h.calls.some((c) => c.method === "getFile")).toBe(false);

      await h.send({ message: { ...textMessage("", { chat: privateChat(ADMIN), from: ADMIN }).message, text: undefined, document: doc } });
      expect(h.calls.find((c) => c.method === "getFile")?.payload).toMatchObject({ file_id: "FILE1" });
      expect(requested).toEqual([`/file/bot${TOKEN}/documents/file_1.txt`]);
      expect(h.admin.added).toHaveLength(1);
      expect(h.admin.added[0]!.fileName).toBe("新文件.txt");
      expect(Buffer.from(h.admin.added[0]!.data).toString("utf8")).toBe(body);
      expect(h.sent().slice(1).map(textOf)).toEqual([
        "正在导入文件：新文件.txt…",
        "已添加 新文件.txt。\n索引已更新：7 个文件，40 篇文章，120 个段落，用时 1.2 秒。\n新增 1 个：新文件.txt\n未变 6 个文件。",
      ]);

      // The same name again: the admin is told the earlier file was replaced, not just "added".
      await h.send({ message: { ...textMessage("", { chat: privateChat(ADMIN), from: ADMIN }).message, text: undefined, document: doc } });
      expect(textOf(lastSent(h))).toMatch(/^已有同名文件 新文件\.txt，已用新文件替换（旧文件的内容已从索引中移除；如需两份都保留，请改名后重新发送）。\n索引已更新：.*\n更新 1 个：新文件\.txt/);
    } finally {
      server.close();
    }
  });
});

describe("refusals and failures", () => {
  test("rate limits say whose limit it is and how long to wait, once; thanks and greetings do not count", async () => {
    const h = makeHarness({ rateLimit: { perUserPerMinute: 2, perChatPerMinute: 3 } });
    await h.send(textMessage("@PolicyTestBot 你好", { from: ALICE }));
    for (let i = 0; i < 3; i++) await h.send(textMessage(`/ask 问题${i}`, { from: ALICE }));
    expect(h.service.calls.map((c) => c.text)).toEqual(["你好", "问题0", "问题1"]);
    expect(textOf(lastSent(h))).toMatch(/^您提问太频繁了（每人每分钟最多 2 个问题），请 (60|59) 秒后再问。$/);
    const notices = h.sent().length;
    await h.send(textMessage("/ask 问题3", { from: ALICE }));
    expect(h.sent()).toHaveLength(notices); // already told: no second notice
    await h.send(textMessage("@PolicyTestBot 谢谢", { from: ALICE }));
    expect(h.service.calls.at(-1)?.text).toBe("谢谢"); // thanks are still answered

    await h.send(textMessage("/ask 另一个人的问题", { from: BOB }));
    expect(h.service.calls.at(-1)?.text).toBe("另一个人的问题");
    await h.send(textMessage("/ask 第二个问题", { from: BOB }));
    expect(h.service.calls.at(-1)?.text).toBe("另一个人的问题"); // the chat's window is full
    expect(textOf(lastSent(h))).toMatch(/^本群提问太频繁了（每分钟最多 3 个问题），请 \d+ 秒后再问。$/);
  });

  test("a question over maxQuestionChars is refused without calling the service", async () => {
    const h = makeHarness({ maxQuestionChars: 10 });
    await h.send(textMessage("/ask 政府办公室如何加强制度建设并提高效率？"));
    expect(h.service.calls).toEqual([]);
    expect(textOf(lastSent(h))).toBe("问题太长（19 字），请精简到 10 字以内。");
  });

  test("an empty /ask or a bare mention gets a usage hint", async () => {
    const h = makeHarness();
    await h.send(textMessage("/ask"));
    await h.send(textMessage("/ask@PolicyTestBot   "));
    await h.send(textMessage("@PolicyTestBot"));
    await h.send(textMessage("/find"));
    expect(h.service.calls).toEqual([]);
    const texts = h.sent().map(textOf);
    expect(texts.slice(0, 2)).toEqual(Array(2).fill("请在命令后写上问题，例如：/ask 政务督查工作有哪些要求？"));
    expect(texts[2]).toBe("请在 @PolicyTestBot 后写上问题，例如：@PolicyTestBot 政务督查工作有哪些要求？");
    expect(texts[3]).toContain("/find 信息化建设");
  });

  test("when the service throws, the asker gets the apology and the log has no token", async () => {
    const h = makeHarness();
    h.service.askImpl = async () => {
      throw new Error(`upstream failed for https://api.telegram.org/bot${TOKEN}/x`);
    };
    await h.send(textMessage("/ask 制度建设", { message_id: 55 }));
    expect(lastSent(h)).toMatchObject({ text: APOLOGY, reply_parameters: { message_id: 55 } });
    const logs = h.logs().join("\n");
    expect(logs).toContain("telegram handler failed");
    expect(logs).toContain("upstream failed");
    expect(logs).not.toContain(TOKEN);

    h.service.askImpl = async () => {
      throw new ServiceError("LLM server returned 503", { retryable: true, status: 503 });
    };
    await h.send(textMessage("/ask 制度建设"));
    expect(textOf(lastSent(h))).toBe("答题服务暂时不可用，请稍后再试。");
  });

  test("an empty answer from the service gets the apology, not silence", async () => {
    const h = makeHarness();
    h.service.askImpl = async (q) => askResult(q, { answer: "  ", citations: [] });
    await h.send(textMessage("/ask 制度建设"));
    expect(h.sent().map(textOf)).toEqual([APOLOGY]);
  });

  test("typing failures are ignored; a failing send is logged and handleUpdate does not throw", async () => {
    const h = makeHarness();
    h.respond((method) =>
      method === "sendChatAction" ? { ok: false, error_code: 500, description: "Internal Server Error" } : undefined,
    );
    await h.send(textMessage("/ask 制度建设"));
    expect(h.service.calls).toHaveLength(1);
    expect(h.sent()).toHaveLength(1);

    h.respond((method) => ({ ok: false, error_code: 403, description: `Forbidden: bot was kicked (${method})` }));
    await expect(h.send(textMessage("/ask 制度建设"))).resolves.toBeUndefined();
    expect(h.logs().join("\n")).toContain("could not tell the user about the failure");
  });
});

describe("ordering", () => {
  test("messages in one chat are answered in order; other chats are not held up", async () => {
    const h = makeHarness();
    const gates: Array<() => void> = [];
    h.service.askImpl = (q) => new Promise((resolve) => gates.push(() => resolve(askResult(q, { answer: `答：${q}` }))));
    const otherGroup = { id: -100555, type: "group" as const, title: "另一个群" };

    const first = h.send(textMessage("/ask 第一", { message_id: 1 }));
    const second = h.send(textMessage("/ask 第二", { message_id: 2 }));
    const elsewhere = h.send(textMessage("/ask 别处", { message_id: 3, chat: otherGroup }));
    await waitFor(() => gates.length === 2);
    // the second question in the same chat waits for the first; the other chat does not
    expect(h.service.calls.map((c) => c.text)).toEqual(["第一", "别处"]);
    gates[1]!();
    await elsewhere;
    gates[0]!();
    await waitFor(() => gates.length === 3);
    gates[2]!();
    await Promise.all([first, second]);
    expect(h.sent().map(textOf).map((t) => t.split("\n")[0])).toEqual(["答：别处", "答：第一", "答：第二"]);
  });
});

async function waitFor(cond: () => boolean, ms = 2000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 5));
  }
}


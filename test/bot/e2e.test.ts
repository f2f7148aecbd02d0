/**
 * End to end over HTTP: the bot (runTelegramBot, in-process) talks to a Bot API
 * emulator on 127.0.0.1; the test plays a group conversation through the
 * emulator and checks the replies only there.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { BotConfig } from "../../src/bot/config.js";
import { runTelegramBot } from "../../src/bot/run.js";
import { PolicybotError } from "../../src/util/errors.js";
import {
  DEFAULT_EMULATOR_BOT,
  TelegramEmulator,
  freePort,
  spawnPolicybotBot,
  type BotMessage,
  type EmulatorChat,
} from "../e2e/telegram-emulator.js";
import { ANSWER_TEXT, CITATIONS, FakeAdmin, FakeService, askResult, captureLogger, shownLines, tmpDir } from "./helpers.js";
import { within } from "../helpers/within.js";

const TOKEN = "777000:E2E-test-token";
const GROUP: EmulatorChat = { id: -100123, type: "supergroup", title: "政策研究组" };
const ALICE = { id: 2001, first_name: "Alice", username: "alice" };
const BOB = { id: 2002, first_name: "Bob", username: "bob" };

interface Running {
  service: FakeService;
  config: BotConfig;
  stop: () => Promise<void>;
  logs: () => string[];
}

function buttons(m: BotMessage): Array<{ text: string; callback_data?: string }> {
  return (m.reply_markup?.inline_keyboard ?? []).flat();
}


describe("telegram bot against the Bot API emulator", () => {
  let emu: TelegramEmulator;
  const running: Running[] = [];

  beforeEach(async () => {
    emu = await TelegramEmulator.start({ token: TOKEN, botInfo: DEFAULT_EMULATOR_BOT });
  });

  afterEach(async () => {
    for (const r of running.splice(0)) await r.stop();
    await emu.stop();
  });

  function start(over: Partial<BotConfig> = {}): Running {
    const service = new FakeService();
    const { logger, lines } = captureLogger();
    const controller = new AbortController();
    const config: BotConfig = {
      token: TOKEN,
      apiRoot: emu.apiRoot,
      webhookPort: 0,
      allowedChatIds: null,
      adminUserIds: [],
      rateLimit: { perUserPerMinute: 20, perChatPerMinute: 50 },
      maxQuestionChars: 300,
      feedbackFile: join(tmpDir(), "feedback", "feedback.jsonl"),
      ...over,
    };
    const done = runTelegramBot({ config, service, admin: new FakeAdmin(), logger, signal: controller.signal });
    let stopped = false;
    const r: Running = {
      service,
      config,
      logs: lines,
      stop: async () => {
        if (stopped) return;
        stopped = true;
        controller.abort();
        await within(done, 10_000, "runTelegramBot after abort");
      },
    };
    running.push(r);
    return r;
  }

  test("long polling: a group conversation with a follow-up, buttons, a 429 and a clean stop", async () => {
    const bot = start();

    // Unaddressed chatter first; messages in one chat are handled in order, so
    // once a later message is answered, this one has been seen and ignored.
    const chatter = emu.sendMessage({ chat: GROUP, from: ALICE, text: "大家好，今天讨论政务督查。" });
    const ask = emu.sendMessage({ chat: GROUP, from: ALICE, text: "/ask@PolicyTestBot 政府办公室如何加强制度建设？" });
    const answer = await emu.waitForReply(ask, { chatId: GROUP.id });
    expect(answer.parse_mode).toBe("HTML");
    expect(answer.reply_parameters).toEqual({ message_id: ask, allow_sending_without_reply: true });
    expect(answer.text).toContain(ANSWER_TEXT);
    expect(answer.text).toContain("<b>来源</b>\n[1] 政府办公室年度工作总结 篇1");
    expect(buttons(answer).map((b) => b.text)).toEqual(["查看引用原文", "👍", "👎"]);
    expect(emu.repliesTo(chatter)).toEqual([]);
    expect(emu.calls.some((c) => c.method === "sendChatAction" && c.payload.action === "typing")).toBe(true);

    // A mention, and a command for another bot.
    const other = emu.sendMessage({ chat: GROUP, from: BOB, text: "/ask@OtherBot 这个不归你管" });
    const mention = emu.sendMessage({ chat: GROUP, from: BOB, text: "@PolicyTestBot 督查工作有什么要求？" });
    await emu.waitForReply(mention);
    expect(emu.repliesTo(other)).toEqual([]);

    // A reply to the bot's answer is a follow-up with history.
    const follow = emu.sendMessage({ chat: GROUP, from: ALICE, text: "那具体有哪些制度？", replyTo: answer });
    await emu.waitForReply(follow);
    const followCall = bot.service.calls.find((c) => c.text === "那具体有哪些制度？");
    expect(followCall?.options).toEqual({
      history: [
        { role: "user", content: "政府办公室如何加强制度建设？" },
        { role: "assistant", content: ANSWER_TEXT, citations: CITATIONS },
      ],
    });

    // 👍 is stored and acknowledged.
    emu.pressButton({ message: answer, from: BOB, data: buttons(answer)[1]!.callback_data! });
    await emu.waitForCall("answerCallbackQuery", (c) => c.payload.text === "感谢反馈");
    const record = JSON.parse(readFileSync(bot.config.feedbackFile, "utf8").trim()) as Record<string, unknown>;
    expect(record).toMatchObject({ chatId: GROUP.id, userId: BOB.id, messageId: answer.message_id, vote: "up" });

    // 查看引用原文 replies to the answer with the passages.
    emu.pressButton({ message: answer, from: BOB, data: buttons(answer)[0]!.callback_data! });
    const passages = await emu.waitFor("the passages", () =>
      emu.repliesTo(answer.message_id).find((m) => m.text.includes("<blockquote>")),
    );
    expect(passages.text).toContain(`<blockquote>${shownLines(11, 13)}</blockquote>`);

    // Telegram says 429: the message is sent again after retry_after.
    emu.failNext("sendMessage");
    const limited = emu.sendMessage({ chat: GROUP, from: ALICE, text: "/ask 信息化建设进展如何？" });
    await emu.waitForReply(limited, { timeoutMs: 15_000 });
    const sends = emu.calls.filter((c) => c.method === "sendMessage");
    const refused = sends.findIndex((c) => c.status === 429);
    expect(refused).toBeGreaterThanOrEqual(0);
    const retried = sends[refused + 1]!;
    expect(retried.status).toBe(200);
    expect(retried.payload.text).toBe(sends[refused]!.payload.text);
    expect(retried.at - sends[refused]!.at).toBeGreaterThanOrEqual(900);

    // Long polling: no spinning while idle.
    const polls = emu.calls.filter((c) => c.method === "getUpdates").length;
    expect(polls).toBeLessThan(40);

    await bot.stop();
    expect(bot.logs().join("\n")).toContain("telegram bot stopped");
    expect(bot.logs().join("\n")).not.toContain(TOKEN);
  });

  test("a reply that repeats the bot's token (a model quoting what a user pasted) reaches the chat without it", async () => {
    const bot = start();
    bot.service.askImpl = async (q) => askResult(q, { answer: `令牌是 ${TOKEN}，请妥善保管[1]。` });
    const ask = emu.sendMessage({ chat: GROUP, from: ALICE, text: `/ask 这个令牌 ${TOKEN} 能做什么？` });
    const answer = await emu.waitForReply(ask);
    expect(answer.text).toContain("令牌是 [redacted]，请妥善保管");
    expect(answer.text).not.toContain(TOKEN);
  });

  test("webhook mode: updates are posted to the bot with the secret and answered", async () => {
    const port = await freePort();
    const bot = start({ webhookUrl: `http://127.0.0.1:${port}/tg-hook`, webhookPort: port, webhookSecret: "s3cret-value" });
    await emu.waitForCall("setWebhook");
    expect(emu.calls.find((c) => c.method === "setWebhook")?.payload).toMatchObject({
      url: `http://127.0.0.1:${port}/tg-hook`,
      secret_token: "s3cret-value",
    });

    const ask = emu.sendMessage({ chat: GROUP, from: ALICE, text: "/ask 政府办公室如何加强制度建设？" });
    const answer = await emu.waitForReply(ask);
    expect(answer.text).toContain(ANSWER_TEXT);
    const follow = emu.sendMessage({ chat: GROUP, from: BOB, text: "督查呢？", replyTo: answer });
    await emu.waitForReply(follow);
    expect(bot.service.calls.at(-1)?.options).toMatchObject({ history: [{ role: "user" }, { role: "assistant" }] });
    expect(emu.errors).toEqual([]);

    // a request without the secret is refused
    const res = await fetch(`http://127.0.0.1:${port}/tg-hook`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ update_id: 999, message: { message_id: 1, date: 0, chat: GROUP, text: "/ask x" } }),
    });
    expect(res.status).toBe(401);

    await bot.stop();
    await expect(fetch(`http://127.0.0.1:${port}/tg-hook`, { method: "POST", body: "{}" })).rejects.toThrow();
  });

  test("a wrong token fails at start with a clear error", async () => {
    const { logger } = captureLogger();
    const run = runTelegramBot({
      config: {
        token: "1:wrong",
        apiRoot: emu.apiRoot,
        webhookPort: 0,
        allowedChatIds: null,
        adminUserIds: [],
        rateLimit: { perUserPerMinute: 1, perChatPerMinute: 1 },
        maxQuestionChars: 10,
        feedbackFile: join(tmpDir(), "f.jsonl"),
      },
      service: new FakeService(),
      admin: new FakeAdmin(),
      logger,
    });
    await expect(within(run, 10_000, "runTelegramBot")).rejects.toThrow(PolicybotError);
    await expect(run).rejects.toThrow(/401/);
  });

  // The process-based variant of the conversation above, for when the CLI exists.
  const CLI = "dist/cli/main.js";
  test.skipIf(!existsSync(CLI))(
    `the real \`policybot bot\` process answers in a group (needs ${CLI}: npm run build)`,
    async () => {
      // A fresh data dir: the CLI ingests data/docs into <tmp>/index before starting the bot.
      const dataDir = tmpDir("policybot-e2e-");
      const bot = spawnPolicybotBot({ emulator: emu, indexDir: join(dataDir, "index"), dataDir });
      try {
        const chatter = emu.sendMessage({ chat: GROUP, from: ALICE, text: "大家好" });
        const ask = emu.sendMessage({ chat: GROUP, from: ALICE, text: "/ask 政府办公室如何加强制度建设？" });
        const answer = await emu.waitForReply(ask, { timeoutMs: 60_000 }).catch((e: Error) => {
          throw new Error(`${e.message}\n--- bot output ---\n${bot.output()}`);
        });
        expect(answer.parse_mode).toBe("HTML");
        expect(answer.reply_parameters?.message_id).toBe(ask);
        expect(answer.text.length).toBeGreaterThan(0);
        expect(answer.text).not.toContain("抱歉");
        expect(buttons(answer).map((b) => b.text)).toContain("👍");
        expect(emu.repliesTo(chatter)).toEqual([]);
        const follow = emu.sendMessage({ chat: GROUP, from: BOB, text: "具体有哪些制度？", replyTo: answer });
        await emu.waitForReply(follow, { timeoutMs: 60_000 });
      } finally {
        const code = await bot.stop(10_000);
        expect(code, bot.output()).toBe(0);
        expect(bot.output()).not.toContain(TOKEN);
      }
    },
    120_000,
  );
});

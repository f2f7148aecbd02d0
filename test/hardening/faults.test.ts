/**
 * Failing services while the bot serves several chats (runTelegramBot in this
 * process, the Bot API emulator, the real answer service over an index of
 * data/docs, the real OpenAI client against the stub).
 *
 * The LLM fails for some chats (500s, 429 with Retry-After, a hang past the
 * timeout, a dropped connection, a malformed body): each gets bounded retries
 * and then the extractive answer with a notice, while another chat is served
 * meanwhile — its answer arrives while the hung chat is still waiting.
 *
 * The Bot API fails (429 with retry_after and connections dropped during long
 * polling; 429, 5xx and a dropped connection when sending): the bot retries and resumes, and every
 * addressed message is answered exactly once, in order within its chat.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import type { AnswerService } from "../../src/answer/types.js";
import { TelegramEmulator, type BotMessage, type EmulatorChat } from "../e2e/telegram-emulator.js";
import { startOpenAIStub, type OpenAIStub, type RecordedRequest, type StubBehaviour } from "../helpers/openai-stub.js";
import { realService, removeTempDirs, seedIndex, startBot, until, type RunningBot } from "./helpers.js";
import { telegramHtmlProblems, telegramHtmlText } from "./telegram-html.js";

const TOKEN = "555001:faults-test-token";
const API_KEY = "sk-faults-test-key";
/** Per attempt; with one retry a hung chat waits at least 2 × this before its fallback. */
const LLM_TIMEOUT_MS = 1500;
const LLM_MAX_RETRIES = 1;

const USER = { id: 3001, first_name: "Alice", username: "alice" };
const chat = (id: number, title: string): EmulatorChat => ({ id, type: "supergroup", title });

/** Questions retrieval is confident about (the LLM is asked), one per failing chat. */
const LLM_FAULTS: Array<{ name: string; question: string; fault: StubBehaviour; attempts: number; notice: RegExp }> = [
  { name: "HTTP 500", question: "政府办公室如何加强制度建设？", fault: { status: 500 }, attempts: 2, notice: /大模型服务暂时不可用（HTTP 500）/ },
  { name: "HTTP 429 + Retry-After", question: "干部实绩考核存在哪些问题？", fault: { status: 429, headers: { "retry-after": "1" } }, attempts: 2, notice: /大模型服务请求过于频繁（HTTP 429）/ },
  { name: "a hang past the timeout", question: "政务网建设布点了多少个？", fault: { hang: true }, attempts: 2, notice: /大模型服务响应超时/ },
  { name: "a dropped connection", question: "扶贫小额信贷有什么困难？", fault: { drop: true }, attempts: 2, notice: /无法连接大模型服务/ },
  { name: "a malformed body", question: "城市管理体制有什么问题？", fault: { malformed: "not-json" }, attempts: 1, notice: /大模型服务返回的内容无法使用/ },
];
const HEALTHY = "政务公开有哪些做法？";

const questionOf = (r: RecordedRequest): string => {
  const messages = (r.body as { messages?: Array<{ content: string }> }).messages ?? [];
  return /<question>\n([\s\S]*?)\n<\/question>/.exec(messages[1]?.content ?? "")?.[1] ?? "";
};

/** A reply an honest model would give: the first sentence of passage 1, cited. */
function honestReply(r: RecordedRequest): StubBehaviour {
  const user = (r.body as { messages: Array<{ content: string }> }).messages[1]!.content;
  const passage = /<passage n="1"[^>]*>\n([\s\S]*?)\n<\/passage>/.exec(user)?.[1] ?? "";
  const sentence = passage.replace(/\s+/g, "").split("。").find((s) => s.length >= 12) ?? passage.slice(0, 40);
  return { reply: `${sentence}[1]。` };
}

let indexDir = "";
let stub: OpenAIStub;
let service: AnswerService;
let emu: TelegramEmulator;
let bot: RunningBot | undefined;

beforeAll(async () => {
  indexDir = await seedIndex();
  stub = await startOpenAIStub({
    chat: (r) => LLM_FAULTS.find((f) => f.question === questionOf(r))?.fault ?? honestReply(r),
  });
  // Each failing chat's own retries and fallback are measured here, so a failure in one chat must not
  // make the others skip the server (the outage memory has its own tests in src/answer/outage.test.ts).
  service = await realService(indexDir, { llm: { baseURL: stub.url, apiKey: API_KEY, timeoutMs: LLM_TIMEOUT_MS, maxRetries: LLM_MAX_RETRIES, outageCooldownMs: 0 } });
}, 60_000);

afterAll(async () => {
  await stub?.close();
  removeTempDirs();
});

beforeEach(async () => {
  stub.reset();
  emu = await TelegramEmulator.start({ token: TOKEN });
});

afterEach(async () => {
  await bot?.stop();
  bot = undefined;
  await emu.stop();
});

/** The bot's replies to a message, each valid Telegram HTML. */
function repliesTo(id: number): BotMessage[] {
  const replies = emu.repliesTo(id);
  for (const m of replies) expect(telegramHtmlProblems(m.text), m.text).toEqual([]);
  return replies;
}

describe("the LLM fails while the bot serves several chats", () => {
  test("bounded retries, then the extractive answer with a notice; another chat is answered meanwhile", async () => {
    bot = startBot(emu, service);
    const t0 = Date.now();
    const asked = LLM_FAULTS.map((f, i) => ({
      ...f,
      id: emu.sendMessage({ chat: chat(-100200 - i, f.name), from: USER, text: `/ask ${f.question}` }),
    }));
    const hung = asked.find((a) => "hang" in a.fault)!;
    // Chat A is waiting on the hung LLM…
    await until("the hung chat's first LLM request", () => stub.requestsTo("chat").some((r) => questionOf(r) === hung.question), 10_000);
    const hungSince = Date.now();
    // …when chat B asks.
    const b = emu.sendMessage({ chat: chat(-100299, "健康的群"), from: USER, text: `/ask ${HEALTHY}` });
    const bAnswer = await emu.waitForReply(b, { timeoutMs: 10_000 });
    const bAt = Date.now();
    expect(repliesTo(hung.id), "the hung chat is still waiting when chat B is answered").toEqual([]);
    expect(bAnswer.text).not.toContain("大模型");
    expect(telegramHtmlText(bAnswer.text)).toContain("来源");

    for (const a of asked) {
      const [reply, ...more] = await emu.waitFor(`the answer for ${a.name}`, () => (repliesTo(a.id).length ? repliesTo(a.id) : undefined), 15_000);
      expect(more, a.name).toEqual([]);
      const text = telegramHtmlText(reply!.text);
      expect(text, a.name).toMatch(a.notice);
      expect(reply!.text, a.name).toMatch(/<i>[^<]*以下为根据文档原文摘录的回答。<\/i>/);
      expect(text, a.name).toMatch(/^根据文档：/);
      expect(text, a.name).toContain("来源");
      const attempts = stub.requestsTo("chat").filter((r) => questionOf(r) === a.question);
      expect(attempts.length, `${a.name}: attempts`).toBe(a.attempts);
      expect(attempts.length).toBeLessThanOrEqual(LLM_MAX_RETRIES + 1);
      if (a.name.includes("429")) expect(attempts[1]!.receivedAt - attempts[0]!.receivedAt).toBeGreaterThanOrEqual(900);
    }
    // The hung chat waited out both attempts, after chat B had its answer.
    // (The call is recorded when the emulator answers it, which can be just after the message is visible.)
    const hungReply = await emu.waitForCall("sendMessage", (c) => (c.payload.reply_parameters as { message_id?: number } | undefined)?.message_id === hung.id);
    expect(hungReply!.at - hungSince).toBeGreaterThanOrEqual(2 * LLM_TIMEOUT_MS - 200);
    expect(hungReply!.at).toBeGreaterThan(bAt);
    console.log(
      `faults: chat B answered ${bAt - hungSince} ms after chat A's LLM call hung; chat A's fallback came ${hungReply!.at - hungSince} ms after (timeout ${LLM_TIMEOUT_MS} ms × ${LLM_MAX_RETRIES + 1} attempts)`,
    );
    expect(Date.now() - t0).toBeLessThan(15_000);
    expect(stub.requests.every((r) => r.hadAuthorization)).toBe(true);
  }, 30_000);
});

describe("the Bot API fails", () => {
  test("429, 5xx and dropped connections in long polling and sending: every message answered exactly once, in order", async () => {
    bot = startBot(emu, service);
    await emu.waitForCall("deleteWebhook"); // polling starts right after
    const A = chat(-100301, "甲群");
    const B = chat(-100302, "乙群");
    // The sends hit a 429 with retry_after, a 500 and a dropped connection; the
    // polls after the first one hit a 429 and a connection dropped mid-poll
    // (a 5xx while polling: access-secrets.test.ts, with the real process).
    emu.failNext("sendMessage", 1);
    emu.failNext("sendMessage", 1, { status: 500, body: { ok: false, error_code: 500, description: "Internal Server Error" } });
    emu.failNext("sendMessage", 1, { drop: true });
    emu.failNext("getUpdates", 1, {
      status: 429,
      body: { ok: false, error_code: 429, description: "Too Many Requests: retry after 1", parameters: { retry_after: 1 } },
    });
    emu.failNext("getUpdates", 1, { drop: true, afterMs: 200 });

    const sent: Array<{ chat: EmulatorChat; id: number }> = [];
    const ask = (c: EmulatorChat, q: string) => sent.push({ chat: c, id: emu.sendMessage({ chat: c, from: USER, text: `/ask ${q}` }) });
    ask(A, "全年公开了多少件政府信息？");
    ask(B, "区志编纂工作进展如何？");
    ask(A, "质量强县战略有哪些措施？");
    // While polling is failing, more questions arrive: they must not be lost.
    await emu.waitForCall("getUpdates", (c) => c.status === 429);
    ask(B, "群众路线教育实践活动征求了哪些意见？");
    ask(A, HEALTHY);
    chatterAndOtherBots();

    for (const s of sent) await emu.waitForReply(s.id, { chatId: s.chat.id, timeoutMs: 25_000 });
    await until("every update fetched", () => emu.allDelivered(), 5_000);
    await bot.stop(); // waits for answers in progress: nothing more can be sent after this
    bot = undefined;

    for (const s of sent) expect(repliesTo(s.id), `replies to ${s.id}`).toHaveLength(1);
    for (const c of [A, B]) {
      const order = emu.botMessages(c.id).map((m) => m.reply_parameters?.message_id);
      expect(order, c.title).toEqual(sent.filter((s) => s.chat.id === c.id).map((s) => s.id));
    }
    // every injected fault was met and retried
    const sends = emu.calls.filter((c) => c.method === "sendMessage");
    expect(sends.filter((c) => c.status === 429)).toHaveLength(1);
    expect(sends.filter((c) => c.status === 500)).toHaveLength(1);
    expect(sends.filter((c) => c.status === 0)).toHaveLength(1);
    expect(sends.filter((c) => c.status === 200)).toHaveLength(sent.length);
    const polls = emu.calls.filter((c) => c.method === "getUpdates").map((c) => c.status);
    expect(polls).toEqual(expect.arrayContaining([429, 0]));
    expect(emu.errors).toEqual([]);
  }, 40_000);
});

/** Messages the bot must ignore, mixed in: chatter and another bot's command. */
function chatterAndOtherBots(): void {
  const c = chat(-100301, "甲群");
  emu.sendMessage({ chat: c, from: USER, text: "大家好，今天讨论政务公开。" });
  emu.sendMessage({ chat: c, from: USER, text: "/ask@OtherBot 这个不归你管" });
}

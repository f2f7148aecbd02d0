/**
 * Load: 200 questions from 20 chats at once through the Bot API emulator,
 * answered by the real bot (runTelegramBot in this process) with the real
 * answer service over an index of data/docs (extractive answers, no LLM).
 * Every addressed message is answered exactly once, in order within its
 * chat, and memory stays bounded. The figures are printed (and recorded in
 * README.md under "Load test").
 *
 * How it is measured: all 200 messages are queued in the emulator in one go
 * (interleaved across chats); an answer's latency is from that moment to the
 * emulator's receipt of the bot's sendMessage that replies to it; RSS of this
 * process (bot, answer service and emulator together) is sampled every 20 ms.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { TelegramEmulator, type EmulatorChat } from "../e2e/telegram-emulator.js";
import { ROOT } from "../helpers/cli.js";
import { realService, removeTempDirs, seedIndex, startBot, until, type RunningBot } from "./helpers.js";
import { telegramHtmlProblems } from "./telegram-html.js";

const TOKEN = "555002:load-test-token";
const CHATS = 20;
const PER_CHAT = 10;
/** Generous: the index, jieba and the emulator's stored messages are already loaded before the baseline. */
const MAX_RSS_GROWTH_MB = 400;
const MAX_TOTAL_MS = 30_000;

/** Real questions of the evaluation set. */
const QUESTIONS = readFileSync(path.join(ROOT, "test/eval/questions.jsonl"), "utf8")
  .trim()
  .split("\n")
  .map((l) => (JSON.parse(l) as { question: string }).question);

let emu: TelegramEmulator;
let bot: RunningBot | undefined;

beforeAll(async () => {
  const indexDir = await seedIndex();
  const service = await realService(indexDir);
  emu = await TelegramEmulator.start({ token: TOKEN });
  bot = startBot(emu, service, { rateLimit: { perUserPerMinute: 1000, perChatPerMinute: 1000 } });
  // Warm up (loads the dictionaries) so the baseline is the running bot.
  const warm = emu.sendMessage({ chat: { id: -100400, type: "supergroup", title: "预热" }, from: { id: 4000, first_name: "W" }, text: `/ask ${QUESTIONS[0]}` });
  await emu.waitForReply(warm, { timeoutMs: 20_000 });
}, 90_000);

afterAll(async () => {
  await bot?.stop();
  await emu?.stop();
  removeTempDirs();
});

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

test("200 questions from 20 chats at once: each answered exactly once, in order per chat, memory bounded", async () => {
  const chats: EmulatorChat[] = Array.from({ length: CHATS }, (_, c) => ({ id: -100500 - c, type: "supergroup", title: `第${c + 1}组` }));
  const sent: Array<{ chat: number; id: number }> = [];
  const rss0 = process.memoryUsage().rss;
  let peak = rss0;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);

  const t0 = Date.now();
  for (let k = 0; k < PER_CHAT; k++) {
    for (const [c, chat] of chats.entries()) {
      const question = QUESTIONS[(c * PER_CHAT + k) % QUESTIONS.length]!;
      const from = { id: 5000 + c * 2 + (k % 2), first_name: `用户${c}-${k % 2}` };
      sent.push({ chat: chat.id, id: emu.sendMessage({ chat, from, text: k % 3 === 0 ? `@PolicyTestBot ${question}` : `/ask ${question}` }) });
    }
  }
  const ids = new Set(sent.map((s) => s.id));
  const answeredAt = new Map<number, number>();
  const collect = (): number => {
    for (const c of emu.calls) {
      const to = (c.payload.reply_parameters as { message_id?: number } | undefined)?.message_id;
      if (c.method === "sendMessage" && c.status === 200 && to !== undefined && ids.has(to) && !answeredAt.has(to)) answeredAt.set(to, c.at);
    }
    return answeredAt.size;
  };
  await until(`${sent.length} answers`, () => collect() === sent.length, MAX_TOTAL_MS);
  const last = Math.max(...answeredAt.values()) - t0;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);

  await until("every update fetched", () => emu.allDelivered(), 5_000);
  await bot!.stop(); // drains: nothing more is sent after this
  bot = undefined;

  const latencies = [...answeredAt.values()].map((at) => at - t0).sort((a, b) => a - b);
  const figures = {
    questions: sent.length,
    chats: CHATS,
    timeToLastAnswerMs: last,
    p50Ms: percentile(latencies, 50),
    p95Ms: percentile(latencies, 95),
    peakRssMb: Math.round(peak / 1024 / 1024),
    rssGrowthMb: Math.round((peak - rss0) / 1024 / 1024),
    answersPerSecond: Math.round((sent.length / last) * 1000),
  };
  console.log(`load test: ${JSON.stringify(figures)}`);

  // exactly once, in order within each chat, valid HTML
  for (const s of sent) expect(emu.repliesTo(s.id, s.chat), `replies to ${s.id}`).toHaveLength(1);
  for (const chat of chats) {
    const replies = emu.botMessages(chat.id);
    expect(replies.map((m) => m.reply_parameters?.message_id), chat.title).toEqual(sent.filter((s) => s.chat === chat.id).map((s) => s.id));
    for (const m of replies) {
      expect(telegramHtmlProblems(m.text), m.text).toEqual([]);
      expect(m.text).not.toContain("抱歉");
      expect(m.text).not.toContain("提问过于频繁");
    }
  }
  expect(last).toBeLessThan(MAX_TOTAL_MS);
  expect(figures.rssGrowthMb).toBeLessThan(MAX_RSS_GROWTH_MB);
}, 60_000);

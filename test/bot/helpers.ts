/**
 * Test seams for the bot: a fake AnswerService built from real passages of
 * data/docs/004_aca56f0dfc7b8c1b.txt, a recording fake of the Bot API
 * (grammY transformer), and update builders.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Writable } from "node:stream";
import type { Bot } from "grammy";
import type { Update, UserFromGetMe } from "grammy/types";
import pino from "pino";
import { afterAll } from "vitest";
import type {
  AnswerService,
  AskOptions,
  AskResult,
  Citation,
  DraftResult,
  FindResult,
  SourceInfo,
} from "../../src/answer/types.js";
import type { AddedDocument, AdminActions, BotConfig } from "../../src/bot/config.js";
import type { IngestReport } from "../../src/ingest/pipeline.js";
import { createBot } from "../../src/bot/create-bot.js";

export const DOC_FILE = "004_aca56f0dfc7b8c1b.txt";
const DOC_LINES = readFileSync(resolve("data/docs", DOC_FILE), "utf8").split("\n");

/** Text of 1-based lines [start, end] of the fixture document. */
export function docLines(start: number, end: number): string {
  return DOC_LINES.slice(start - 1, end).join("\n").trim();
}

/** Lines start..end as the passages view shows them: the first sentence (the helpers' quote) in bold. */
export function shownLines(start: number, end: number): string {
  const text = docLines(start, end);
  const stop = text.indexOf("。");
  return `<b>${text.slice(0, stop)}</b>${text.slice(stop)}`;
}

function citation(n: number, section: string, lineStart: number, lineEnd: number): Citation {
  const text = docLines(lineStart, lineEnd);
  return {
    n,
    id: `${DOC_FILE}#${lineStart}`,
    file: DOC_FILE,
    article: "政府办公室年度工作总结 篇1",
    section,
    lineStart,
    lineEnd,
    quote: text.split("。")[0] + "。",
    text,
  };
}

/** Real passages: 篇1 (一) 制度建设 lines 11–13, (三) 政务督查 lines 19–21. */
export const CITATIONS: Citation[] = [
  citation(1, "（一）加强制度建设,政府运行机制进一步规范", 11, 13),
  citation(2, "（三）加大政务督查力度,政府决策落实有力", 19, 21),
];

export const ANSWER_TEXT =
  "政府办公室以制度建设为核心，编制完成了《兰州市七里河区人民政府工作规则及制度汇编》[1]。" +
  "督查方面按照交必办、办必果、果必报的要求，加大行政决策贯彻落实的督查[2]。";

export function askResult(question: string, over: Partial<AskResult> = {}): AskResult {
  return { question, mode: "extractive", found: true, answer: ANSWER_TEXT, citations: CITATIONS, ...over };
}

export function notFound(question: string): AskResult {
  return {
    question,
    mode: "extractive",
    found: false,
    answer: "在已收录的文件中没有找到与该问题相关的内容。",
    citations: [],
    nearest: [{ file: DOC_FILE, article: "政府办公室年度工作总结 篇2", score: 0.21 }],
  };
}

export interface ServiceCall {
  method: "ask" | "draft" | "find" | "sources";
  text?: string;
  options?: AskOptions | { k?: number } | undefined;
}

/** Canned answers; override any method per test. */
export class FakeService implements AnswerService {
  calls: ServiceCall[] = [];
  askImpl: (q: string, o?: AskOptions) => Promise<AskResult> = async (q) => askResult(q);
  draftImpl: (r: string, o?: AskOptions) => Promise<DraftResult> = async (r) => ({
    request: r,
    mode: "extractive",
    found: true,
    draft: "一、加强制度建设。以制度建设为核心，提高政府工作制度化、规范化水平[1]。",
    citations: [CITATIONS[0]!],
    sources: [{ file: DOC_FILE, article: "政府办公室年度工作总结 篇1" }],
  });
  findImpl: (t: string) => Promise<FindResult> = async (t) => ({
    query: t,
    confident: true,
    documents: [
      {
        rank: 1,
        score: 0.8,
        file: DOC_FILE,
        article: "政府办公室年度工作总结 篇1",
        lineStart: 7,
        lineEnd: 41,
        sections: [{ section: "（二）强化信息化建设,信息服务水平不断提高", lineStart: 15, lineEnd: 17, snippet: "加强政务网维护" }],
      },
    ],
  });
  sourcesImpl: () => Promise<SourceInfo[]> = async () => [
    { file: DOC_FILE, articles: [{ title: "政府办公室年度工作总结 篇1", chunks: 12 }, { title: "<b>篇2</b> & 附件", chunks: 3 }] },
  ];

  ask(question: string, options?: AskOptions): Promise<AskResult> {
    this.calls.push({ method: "ask", text: question, options });
    return this.askImpl(question, options);
  }
  draft(request: string, options?: AskOptions): Promise<DraftResult> {
    this.calls.push({ method: "draft", text: request, options });
    return this.draftImpl(request, options);
  }
  find(topic: string, options?: { k?: number }): Promise<FindResult> {
    this.calls.push({ method: "find", text: topic, options });
    return this.findImpl(topic);
  }
  sources(): Promise<SourceInfo[]> {
    this.calls.push({ method: "sources" });
    return this.sourcesImpl();
  }
}

/** An ingest report as the pipeline gives it. */
export function ingestReport(over: Partial<IngestReport> = {}): IngestReport {
  return {
    indexDir: "/tmp/index",
    embedder: { id: "local-ngram-v1:512", dim: 512 },
    files: 6,
    articles: 40,
    chunks: 120,
    added: [],
    changed: [],
    removed: [],
    unchanged: ["000.txt", "001.txt", "002.txt", "003.txt", "004.txt", "005.txt"],
    skipped: [],
    embedded: 0,
    ms: 1234,
    ...over,
  };
}

export class FakeAdmin implements AdminActions {
  reindexCalls = 0;
  added: Array<{ fileName: string; data: Uint8Array }> = [];
  async reindex(): Promise<IngestReport> {
    this.reindexCalls++;
    return ingestReport();
  }
  async addDocument(fileName: string, data: Uint8Array): Promise<AddedDocument> {
    const outcome = this.added.some((a) => a.fileName === fileName) ? "replaced" : "added";
    this.added.push({ fileName, data });
    return {
      file: fileName,
      outcome,
      report: ingestReport({ files: 7, unchanged: ingestReport().unchanged, ...(outcome === "added" ? { added: [fileName] } : { changed: [fileName] }) }),
    };
  }
}

export const BOT_INFO = {
  id: 4242,
  is_bot: true,
  first_name: "政策助手",
  username: "PolicyTestBot",
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
} as UserFromGetMe;

export const TOKEN = "123456:TEST-secret-token_abc";

export const GROUP = { id: -100777, type: "supergroup" as const, title: "政策研究组" };
export const ALICE = { id: 1001, is_bot: false, first_name: "Alice", username: "alice" };
export const BOB = { id: 1002, is_bot: false, first_name: "Bob", username: "bob" };
export const ADMIN = { id: 9001, is_bot: false, first_name: "Admin", username: "admin" };

const tmpDirs: string[] = [];

/** A fresh directory under the system temp dir, removed when the test file ends. */
export function tmpDir(prefix = "policybot-bot-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tmpDirs.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of tmpDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

export function testConfig(over: Partial<BotConfig> = {}): BotConfig {
  return {
    token: TOKEN,
    webhookPort: 0,
    allowedChatIds: null,
    adminUserIds: [ADMIN.id],
    rateLimit: { perUserPerMinute: 100, perChatPerMinute: 100 },
    maxQuestionChars: 200,
    feedbackFile: join(tmpDir(), "feedback", "feedback.jsonl"),
    botInfo: BOT_INFO,
    ...over,
  };
}

export interface ApiCall {
  method: string;
  payload: Record<string, unknown>;
}

/** A logger whose output the test can read. */
export function captureLogger(): { logger: pino.Logger; lines: () => string[] } {
  const out: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      out.push(chunk.toString());
      cb();
    },
  });
  return { logger: pino({ level: "debug" }, stream), lines: () => out.join("").split("\n").filter(Boolean) };
}

export type ApiResponder = (method: string, payload: Record<string, unknown>) => unknown;

export interface Harness {
  bot: Bot;
  service: FakeService;
  admin: FakeAdmin;
  config: BotConfig;
  calls: ApiCall[];
  logs: () => string[];
  /** Messages the bot sent, in order. */
  sent: () => Array<Record<string, unknown>>;
  /** Replaces the fake Bot API's answer for a method (return undefined for the default). */
  respond: (fn: ApiResponder) => void;
  /** Feeds one update (without update_id) to bot.handleUpdate. */
  send: (update: Record<string, unknown>) => Promise<void>;
}

/** A bot wired to fakes: Bot API calls are recorded and answered in-process. */
export function makeHarness(over: Partial<BotConfig> = {}): Harness {
  const service = new FakeService();
  const admin = new FakeAdmin();
  const config = testConfig(over);
  const { logger, lines } = captureLogger();
  const bot = createBot({ config, service, admin, logger });
  const calls: ApiCall[] = [];
  let nextMessageId = 5000;
  let custom: ApiResponder | undefined;
  bot.api.config.use(async (_prev, method, payload) => {
    const p = (payload ?? {}) as Record<string, unknown>;
    calls.push({ method, payload: p });
    const override = custom?.(method, p);
    if (override !== undefined) return override as never;
    let result: unknown = true;
    if (method === "sendMessage") {
      result = {
        message_id: nextMessageId++,
        date: Math.floor(Date.now() / 1000),
        chat: { id: p.chat_id, type: "supergroup", title: "t" },
        from: BOT_INFO,
        text: p.text,
      };
    } else if (method === "getFile") {
      result = { file_id: p.file_id, file_unique_id: "u1", file_size: 11, file_path: "documents/file_1.txt" };
    }
    return { ok: true, result } as never;
  });
  let updateId = 1;
  return {
    bot,
    service,
    admin,
    config,
    calls,
    logs: lines,
    sent: () => calls.filter((c) => c.method === "sendMessage").map((c) => c.payload),
    respond: (fn) => {
      custom = fn;
    },
    send: (update) => bot.handleUpdate({ update_id: updateId++, ...update } as Update),
  };
}

let nextUserMessageId = 100;

export interface MessageOpts {
  chat?: { id: number; type: "private" | "group" | "supergroup"; title?: string; first_name?: string };
  from?: { id: number; is_bot: boolean; first_name: string; username?: string };
  replyTo?: { message_id: number; from: { id: number; is_bot: boolean; first_name: string; username?: string }; text?: string };
  message_id?: number;
}

export function textMessage(text: string, o: MessageOpts = {}): { message: Record<string, unknown> } {
  const chat = o.chat ?? GROUP;
  const message: Record<string, unknown> = {
    message_id: o.message_id ?? nextUserMessageId++,
    date: Math.floor(Date.now() / 1000),
    chat,
    from: o.from ?? ALICE,
    text,
  };
  const cmd = /^\/\S+/.exec(text);
  if (cmd) message.entities = [{ type: "bot_command", offset: 0, length: cmd[0].length }];
  if (o.replyTo) {
    message.reply_to_message = { date: Math.floor(Date.now() / 1000), chat, ...o.replyTo };
  }
  return { message };
}

export function privateChat(user: { id: number; first_name: string }) {
  return { id: user.id, type: "private" as const, first_name: user.first_name };
}

export function callbackUpdate(
  data: string,
  message: { message_id: number; chat: { id: number; type: string } },
  from = ALICE,
): { callback_query: Record<string, unknown> } {
  return {
    callback_query: {
      id: `cb-${Math.random().toString(36).slice(2)}`,
      from,
      chat_instance: "ci",
      data,
      message: { ...message, date: Math.floor(Date.now() / 1000), from: BOT_INFO, text: "…" },
    },
  };
}

export function inlineButtons(payload: Record<string, unknown>): Array<{ text: string; callback_data: string }> {
  const markup = payload.reply_markup as { inline_keyboard?: Array<Array<{ text: string; callback_data: string }>> } | undefined;
  return (markup?.inline_keyboard ?? []).flat();
}

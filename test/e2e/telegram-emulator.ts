/**
 * A Bot API emulator for end-to-end tests: telegram-test-api on 127.0.0.1,
 * behind a thin HTTP proxy that fixes its gaps:
 *
 * - getUpdates long-polls (the emulator answers at once, so an idle bot spins);
 * - getMe answers with the configured bot (the emulator's is hard-coded);
 * - sendChatAction, setMyCommands and friends answer ok (the emulator: HTTP 500);
 * - user messages get entities (bot_command, mention) like Telegram adds them,
 *   and are validated here (a post without botToken or a command without
 *   entities crashes the emulator); message ids are allocated without the
 *   emulator's race (it increments after an await);
 * - getFile and /file/bot<token>/<path> serve files registered by the test;
 * - setWebhook is honoured: updates are POSTed to the bot with the secret
 *   header (the emulator does not send it);
 * - a wrong token gets 401; faults (e.g. 429 retry_after) can be injected;
 * - every bot call is logged for assertions.
 *
 * Bot messages are stored by the emulator (sendMessage is forwarded to it).
 * Every wait is bounded: poll until the expected thing is there or a deadline passes.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createNetServer, type AddressInfo } from "node:net";
// The package's default export is typed as a namespace under NodeNext; the class itself is typed here.
import { TelegramServer } from "telegram-test-api/lib/telegramServer.js";

export interface EmulatorUser {
  id: number;
  first_name: string;
  username?: string;
  is_bot?: boolean;
}

export interface EmulatorChat {
  id: number;
  type: "private" | "group" | "supergroup";
  title?: string;
  first_name?: string;
}

export interface EmulatorBotInfo {
  id: number;
  first_name: string;
  username: string;
}

/** A message the bot sent, as stored by the emulator. */
export interface BotMessage {
  message_id: number;
  chat_id: number;
  text: string;
  parse_mode?: string;
  reply_parameters?: { message_id: number; allow_sending_without_reply?: boolean };
  reply_markup?: { inline_keyboard?: Array<Array<{ text: string; callback_data?: string }>> };
}

export interface ApiCallRecord {
  method: string;
  payload: Record<string, unknown>;
  at: number;
  status: number;
  /** JSON body of the answer. */
  response: unknown;
}

export type InjectedFault =
  | { status: number; body: Record<string, unknown> }
  /** The connection is closed without an answer, after `afterMs` (default at once). */
  | { drop: true; afterMs?: number };

export interface StartEmulatorOptions {
  token: string;
  botInfo?: EmulatorBotInfo;
  /** Longest a getUpdates call is held open (seconds); default 10. */
  longPollCapSeconds?: number;
}

interface StoredBotMessage {
  messageId: number;
  botToken: string;
  message: Record<string, unknown>;
}

/** The parts of telegram-test-api's server this wrapper reaches into. */
interface EmulatorInternals {
  messageId: number;
  storage: { botMessages: StoredBotMessage[] };
  config: { apiURL: string };
  start(): Promise<void>;
  stop(): Promise<boolean>;
}

type Update = Record<string, unknown> & { update_id: number };

const OK_TRUE = new Set([
  "sendChatAction",
  "setMyCommands",
  "deleteMyCommands",
  "setChatMenuButton",
  "setMyDescription",
  "setMyShortDescription",
]);

export const DEFAULT_EMULATOR_BOT: EmulatorBotInfo = { id: 4242, first_name: "政策助手", username: "PolicyTestBot" };

export async function freePort(): Promise<number> {
  const srv = createNetServer();
  srv.listen(0, "127.0.0.1");
  await once(srv, "listening");
  const { port } = srv.address() as AddressInfo;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.once("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.once("error", reject);
  });
}

function parseBody(raw: string, contentType: string | undefined, query: URLSearchParams): Record<string, unknown> {
  const out: Record<string, unknown> = Object.fromEntries(query);
  if (!raw) return out;
  if (contentType?.includes("application/x-www-form-urlencoded")) {
    for (const [k, v] of new URLSearchParams(raw)) out[k] = v;
    return out;
  }
  try {
    const parsed = JSON.parse(raw) as unknown;
    if (parsed && typeof parsed === "object") Object.assign(out, parsed);
  } catch {
    // not JSON: ignore, like Telegram would reject it
  }
  return out;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const data = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(data) });
  res.end(data);
}

/** Entities Telegram would attach: a leading bot command, @mentions. */
export function entitiesFor(text: string): Array<{ type: string; offset: number; length: number }> {
  const entities: Array<{ type: string; offset: number; length: number }> = [];
  const cmd = /^\/[A-Za-z0-9_]+(?:@[A-Za-z0-9_]+)?/.exec(text);
  if (cmd) entities.push({ type: "bot_command", offset: 0, length: cmd[0].length });
  for (const m of text.matchAll(/(^|[^A-Za-z0-9_/])(@[A-Za-z0-9_]{3,32})/g)) {
    entities.push({ type: "mention", offset: m.index + m[1]!.length, length: m[2]!.length });
  }
  return entities;
}

export class TelegramEmulator {
  readonly token: string;
  readonly botInfo: EmulatorBotInfo;
  /** Bot API root for the bot under test (the proxy); no trailing slash. */
  apiRoot = "";
  /** Every bot API call, in order. */
  readonly calls: ApiCallRecord[] = [];
  /** Problems seen by the proxy (failed webhook deliveries, bad client posts). */
  readonly errors: string[] = [];

  private readonly server: EmulatorInternals;
  private proxy: Server | undefined;
  private readonly longPollCapMs: number;
  private readonly queue: Update[] = [];
  private readonly arrivals = new Set<() => void>();
  private readonly chats = new Map<number, EmulatorChat>();
  private readonly files = new Map<string, { path: string; data: Uint8Array }>();
  private readonly faults = new Map<string, InjectedFault[]>();
  private webhook: { url: string; secret?: string } | undefined;
  private deliveries: Promise<void> = Promise.resolve();
  private updateId = 1;
  private callbackId = 1;

  private constructor(server: EmulatorInternals, opts: StartEmulatorOptions) {
    this.server = server;
    this.token = opts.token;
    this.botInfo = opts.botInfo ?? DEFAULT_EMULATOR_BOT;
    this.longPollCapMs = (opts.longPollCapSeconds ?? 10) * 1000;
  }

  static async start(opts: StartEmulatorOptions): Promise<TelegramEmulator> {
    let lastError: unknown;
    for (let attempt = 0; attempt < 5; attempt++) {
      const port = await freePort();
      const server = new TelegramServer({ port, host: "127.0.0.1", storeTimeout: 3600 }) as unknown as EmulatorInternals;
      try {
        await server.start();
      } catch (e) {
        lastError = e; // the port was taken in between: try another
        continue;
      }
      const emu = new TelegramEmulator(server, opts);
      await emu.listen();
      return emu;
    }
    throw new Error(`could not start the Telegram emulator: ${String(lastError)}`);
  }

  private async listen(): Promise<void> {
    this.proxy = createServer((req, res) => {
      this.route(req, res).catch((e: unknown) => {
        this.errors.push(`proxy: ${String(e)}`);
        if (!res.headersSent) sendJson(res, 500, { ok: false, error_code: 500, description: String(e) });
        else res.end();
      });
    });
    this.proxy.listen(0, "127.0.0.1");
    await once(this.proxy, "listening");
    this.apiRoot = `http://127.0.0.1:${(this.proxy.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    for (const wake of this.arrivals) wake();
    if (this.proxy) {
      const closed = new Promise<void>((r) => this.proxy!.close(() => r()));
      this.proxy.closeAllConnections();
      await closed;
    }
    await this.server.stop();
  }

  // ---- the user side -------------------------------------------------------

  /** A user sends a text message; returns its message_id. */
  sendMessage(input: {
    chat: EmulatorChat;
    from: EmulatorUser;
    text: string;
    /** A message being replied to (e.g. one of the bot's). */
    replyTo?: BotMessage | { message_id: number; from: EmulatorUser; text?: string };
  }): number {
    const message: Record<string, unknown> = {
      ...this.commonMessage(input.chat, input.from),
      text: input.text,
    };
    const entities = entitiesFor(input.text);
    if (entities.length > 0) message.entities = entities;
    if (input.replyTo) message.reply_to_message = this.asMessage(input.replyTo, input.chat);
    return this.enqueueMessage(message);
  }

  /** A user sends a file (document); returns its message_id. Register the file first. */
  sendDocument(input: { chat: EmulatorChat; from: EmulatorUser; fileId: string; fileName: string }): number {
    const file = this.files.get(input.fileId);
    return this.enqueueMessage({
      ...this.commonMessage(input.chat, input.from),
      document: {
        file_id: input.fileId,
        file_unique_id: `u-${input.fileId}`,
        file_name: input.fileName,
        file_size: file?.data.byteLength ?? 0,
      },
    });
  }

  /** A user presses an inline button under a bot message. */
  pressButton(input: { message: BotMessage; from: EmulatorUser; data: string }): void {
    const chat = this.chats.get(input.message.chat_id) ?? { id: input.message.chat_id, type: "supergroup" as const };
    this.enqueue({
      update_id: this.updateId++,
      callback_query: {
        id: String(this.callbackId++),
        from: { is_bot: false, ...input.from },
        chat_instance: `ci${chat.id}`,
        data: input.data,
        message: this.asMessage(input.message, chat),
      },
    });
  }

  /** Makes getFile / the file endpoint serve `data` for `fileId`. */
  registerFile(fileId: string, fileName: string, data: Uint8Array): void {
    this.files.set(fileId, { path: `documents/${fileId}_${fileName}`, data });
  }

  /** The next `times` calls of `method` get `fault` instead of an answer (default: 429 retry after 1 s). */
  failNext(method: string, times = 1, fault?: InjectedFault): void {
    const f = fault ?? {
      status: 429,
      body: { ok: false, error_code: 429, description: "Too Many Requests: retry after 1", parameters: { retry_after: 1 } },
    };
    this.faults.set(method, [...(this.faults.get(method) ?? []), ...Array.from({ length: times }, () => f)]);
  }

  // ---- what the bot did -----------------------------------------------------

  /**
   * The bot's messages, once the emulator has answered the call that sent
   * them (so `calls` already records it: a test that sees a message can read
   * its call).
   */
  botMessages(chatId?: number): BotMessage[] {
    return this.server.storage.botMessages
      .filter((m) => m.botToken === this.token && this.answered.has(m.messageId) && (chatId === undefined || Number(m.message.chat_id) === chatId))
      .map((m) => {
        const raw = m.message;
        const out: BotMessage = {
          message_id: m.messageId,
          chat_id: Number(raw.chat_id),
          text: String(raw.text ?? ""),
        };
        if (typeof raw.parse_mode === "string") out.parse_mode = raw.parse_mode;
        const rp = typeof raw.reply_parameters === "string" ? JSON.parse(raw.reply_parameters) : raw.reply_parameters;
        if (rp) out.reply_parameters = rp as BotMessage["reply_parameters"] & object;
        if (raw.reply_markup) out.reply_markup = raw.reply_markup as BotMessage["reply_markup"] & object;
        return out;
      });
  }

  /** Bot messages that reply to message `messageId`. */
  repliesTo(messageId: number, chatId?: number): BotMessage[] {
    return this.botMessages(chatId).filter((m) => m.reply_parameters?.message_id === messageId);
  }

  /** Polls until `find` returns something, or fails after `timeoutMs` with `what` and the bot's messages so far. */
  async waitFor<T>(what: string, find: () => T | undefined | false, timeoutMs = 10_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = find();
      if (found !== undefined && found !== false) return found;
      if (Date.now() > deadline) {
        const seen = this.botMessages()
          .map((m) => `  #${m.message_id} → ${m.reply_parameters?.message_id ?? "-"}: ${m.text.slice(0, 80)}`)
          .join("\n");
        throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; bot messages:\n${seen}\nerrors: ${this.errors.join("; ")}`);
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Waits for the bot's reply (the n-th, 0-based) to message `messageId`. */
  waitForReply(messageId: number, opts: { chatId?: number; index?: number; timeoutMs?: number } = {}): Promise<BotMessage> {
    const index = opts.index ?? 0;
    return this.waitFor(`reply #${index} to message ${messageId}`, () => this.repliesTo(messageId, opts.chatId)[index], opts.timeoutMs);
  }

  waitForCall(method: string, match: (c: ApiCallRecord) => boolean = () => true, timeoutMs = 10_000): Promise<ApiCallRecord> {
    return this.waitFor(`a ${method} call`, () => this.calls.find((c) => c.method === method && match(c)), timeoutMs);
  }

  /** True once every update sent so far has been fetched (or delivered) to the bot. */
  allDelivered(): boolean {
    return this.queue.length === 0;
  }

  // ---- proxy ---------------------------------------------------------------

  private commonMessage(chat: EmulatorChat, from: EmulatorUser): Record<string, unknown> {
    this.chats.set(chat.id, chat);
    return { date: Math.floor(Date.now() / 1000), chat, from: { is_bot: false, ...from } };
  }

  private asMessage(m: BotMessage | { message_id: number; from: EmulatorUser; text?: string }, chat: EmulatorChat): Record<string, unknown> {
    const isBot = "chat_id" in m;
    return {
      message_id: m.message_id,
      date: Math.floor(Date.now() / 1000),
      chat,
      from: isBot ? { ...this.botInfo, is_bot: true } : { is_bot: false, ...(m as { from: EmulatorUser }).from },
      ...(m.text !== undefined ? { text: m.text } : {}),
      ...(isBot && (m as BotMessage).reply_markup ? { reply_markup: (m as BotMessage).reply_markup } : {}),
    };
  }

  private enqueueMessage(message: Record<string, unknown>): number {
    // Allocate the id from the emulator's counter now (it shares it with bot messages).
    const messageId = this.server.messageId++;
    this.enqueue({ update_id: this.updateId++, message: { message_id: messageId, ...message } });
    return messageId;
  }

  private enqueue(update: Update): void {
    if (this.webhook) {
      const hook = this.webhook;
      this.deliveries = this.deliveries.then(() => this.deliver(hook, update));
      return;
    }
    this.queue.push(update);
    for (const wake of this.arrivals) wake();
  }

  private async deliver(hook: { url: string; secret?: string }, update: Update): Promise<void> {
    try {
      const res = await fetch(hook.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(hook.secret ? { "x-telegram-bot-api-secret-token": hook.secret } : {}),
        },
        body: JSON.stringify(update),
        signal: AbortSignal.timeout(30_000),
      });
      await res.arrayBuffer();
      if (res.status !== 200) this.errors.push(`webhook delivery of update ${update.update_id}: HTTP ${res.status}`);
    } catch (e) {
      this.errors.push(`webhook delivery of update ${update.update_id}: ${String(e)}`);
    }
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://localhost");
    const path = url.pathname;

    const file = /^\/file\/bot([^/]+)\/(.+)$/.exec(path);
    if (file) {
      const entry = [...this.files.values()].find((f) => f.path === decodeURIComponent(file[2]!));
      if (file[1] !== this.token || !entry) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { "content-type": "application/octet-stream", "content-length": entry.data.byteLength });
      res.end(Buffer.from(entry.data));
      return;
    }

    const body = parseBody(await readBody(req), req.headers["content-type"], url.searchParams);
    const bot = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(path);
    if (bot) {
      await this.botCall(bot[1]!, bot[2]!, body, req, res);
      return;
    }
    await this.clientCall(path, body, res);
  }

  private async botCall(
    token: string,
    method: string,
    payload: Record<string, unknown>,
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<void> {
    const answer = (status: number, response: unknown): void => {
      this.calls.push({ method, payload, at: Date.now(), status, response });
      if (!res.writableEnded && !res.destroyed) sendJson(res, status, response);
    };
    if (token !== this.token) return answer(401, { ok: false, error_code: 401, description: "Unauthorized" });
    const fault = this.faults.get(method)?.shift();
    if (fault && "drop" in fault) {
      this.calls.push({ method, payload, at: Date.now(), status: 0, response: "connection dropped" });
      await new Promise((r) => setTimeout(r, fault.afterMs ?? 0));
      req.socket.destroy();
      return;
    }
    if (fault) return answer(fault.status, fault.body);

    switch (method) {
      case "getMe":
        return answer(200, {
          ok: true,
          result: {
            ...this.botInfo,
            is_bot: true,
            can_join_groups: true,
            can_read_all_group_messages: false,
            supports_inline_queries: false,
          },
        });
      case "getUpdates":
        return answer(200, { ok: true, result: await this.longPoll(payload, req, res) });
      case "getFile": {
        const f = this.files.get(String(payload.file_id));
        if (!f) return answer(400, { ok: false, error_code: 400, description: "Bad Request: invalid file_id" });
        return answer(200, {
          ok: true,
          result: { file_id: payload.file_id, file_unique_id: `u-${payload.file_id}`, file_size: f.data.byteLength, file_path: f.path },
        });
      }
      case "setWebhook": {
        const hookUrl = String(payload.url ?? "");
        if (!hookUrl) return answer(400, { ok: false, error_code: 400, description: "Bad Request: bad webhook: URL is empty" });
        this.webhook = { url: hookUrl, ...(payload.secret_token ? { secret: String(payload.secret_token) } : {}) };
        // updates that waited for a getUpdates go to the webhook now
        for (const u of this.queue.splice(0)) this.enqueue(u);
        return answer(200, { ok: true, result: true, description: "Webhook was set" });
      }
      case "deleteWebhook":
        this.webhook = undefined;
        return answer(200, { ok: true, result: true, description: "Webhook was deleted" });
      default:
        if (OK_TRUE.has(method)) return answer(200, { ok: true, result: true });
    }

    // Everything else is the emulator's business.
    const forwarded = await fetch(`${this.server.config.apiURL}/bot${token}/${method}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(payload),
    });
    const response = (await forwarded.json()) as Record<string, unknown>;
    if (method === "sendMessage" && response.ok === true && response.result && typeof response.result === "object") {
      // The emulator says every chat is private and omits the sender.
      const result = response.result as Record<string, unknown>;
      const chat = this.chats.get(Number(payload.chat_id));
      if (chat) result.chat = chat;
      result.from = { ...this.botInfo, is_bot: true };
    }
    answer(forwarded.status, response);
    const sent = (response.result as { message_id?: unknown } | undefined)?.message_id;
    if (typeof sent === "number") this.answered.add(sent);
  }

  /** Message ids of the bot's messages whose sending call has been answered and recorded. */
  private readonly answered = new Set<number>();

  /** getUpdates that waits (up to its timeout, capped) for an update to arrive. */
  private async longPoll(payload: Record<string, unknown>, req: IncomingMessage, res: ServerResponse): Promise<Update[]> {
    const deadline = Date.now() + Math.min(Number(payload.timeout ?? 0) * 1000, this.longPollCapMs);
    let gone = false;
    const onClose = (): void => {
      gone = true;
      for (const wake of this.arrivals) wake();
    };
    res.once("close", onClose);
    req.once("aborted", onClose);
    try {
      while (this.queue.length === 0 && !gone && this.proxy?.listening && Date.now() < deadline) {
        await new Promise<void>((resolve) => {
          const wake = (): void => {
            clearTimeout(timer);
            this.arrivals.delete(wake);
            resolve();
          };
          const timer = setTimeout(wake, Math.max(0, deadline - Date.now()));
          this.arrivals.add(wake);
        });
      }
      // A client that hung up does not get (and so does not lose) the updates.
      if (gone) return [];
      const limit = Math.max(1, Math.min(100, Number(payload.limit ?? 100) || 100));
      return this.queue.splice(0, limit);
    } finally {
      res.off("close", onClose);
      req.off("aborted", onClose);
    }
  }

  /** The emulator's client API, validated and with entities filled in. */
  private async clientCall(path: string, body: Record<string, unknown>, res: ServerResponse): Promise<void> {
    const fail = (description: string): void => {
      this.errors.push(`client ${path}: ${description}`);
      sendJson(res, 400, { ok: false, description });
    };
    if (path === "/sendMessage" || path === "/sendCommand") {
      const chat = body.chat as EmulatorChat | undefined;
      const from = body.from as EmulatorUser | undefined;
      if (typeof body.text !== "string" || !chat || !from) return fail("text, chat and from are required");
      const messageId = this.sendMessage({ chat, from, text: body.text });
      sendJson(res, 200, { ok: true, result: { message_id: messageId } });
      return;
    }
    if (path === "/sendCallback") {
      const message = body.message as (BotMessage & { chat?: EmulatorChat }) | undefined;
      const from = body.from as EmulatorUser | undefined;
      if (typeof body.data !== "string" || !message || !from) return fail("data, message and from are required");
      const chatId = message.chat_id ?? message.chat?.id;
      this.pressButton({ message: { ...message, chat_id: Number(chatId) }, from, data: body.data });
      sendJson(res, 200, { ok: true, result: true });
      return;
    }
    if (path === "/getUpdates" || path === "/getUpdatesHistory") {
      const forwarded = await fetch(`${this.server.config.apiURL}${path}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ token: this.token, ...body }),
      });
      sendJson(res, forwarded.status, await forwarded.json());
      return;
    }
    sendJson(res, 404, { ok: false, description: `not found: ${path}` });
  }
}

// ---- the real CLI against the emulator ---------------------------------------

export interface SpawnedBot {
  child: ChildProcess;
  /** stdout + stderr so far. */
  output(): string;
  /** SIGTERM, then SIGKILL after `timeoutMs`; resolves with the exit code (null if killed). */
  stop(timeoutMs?: number): Promise<number | null>;
}

/**
 * Spawns `node dist/cli/main.js bot --index <indexDir>` against the emulator,
 * with TELEGRAM_BOT_TOKEN and TELEGRAM_API_ROOT set and no OPENAI_API_KEY (set
 * empty, so a .env file cannot supply one) unless `env` gives one. `dataDir` (POLICYBOT_DATA) keeps
 * feedback and logs out of the working tree. The CLI ingests data/docs into
 * `indexDir` first when there is no index there.
 */
export function spawnPolicybotBot(opts: {
  emulator: TelegramEmulator;
  indexDir: string;
  dataDir?: string;
  cwd?: string;
  cli?: string;
  env?: Record<string, string>;
  args?: string[];
}): SpawnedBot {
  const env: NodeJS.ProcessEnv = { ...process.env, ...opts.env };
  env.OPENAI_API_KEY = opts.env?.OPENAI_API_KEY ?? "";
  env.TELEGRAM_BOT_TOKEN = opts.emulator.token;
  env.TELEGRAM_API_ROOT = opts.emulator.apiRoot;
  if (opts.dataDir) env.POLICYBOT_DATA = opts.dataDir;
  const child = spawn(process.execPath, [opts.cli ?? "dist/cli/main.js", "bot", "--index", opts.indexDir, ...(opts.args ?? [])], {
    cwd: opts.cwd ?? process.cwd(),
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    child.once("exit", (code) => resolve(code));
  });
  return {
    child,
    output: () => out,
    async stop(timeoutMs = 10_000) {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

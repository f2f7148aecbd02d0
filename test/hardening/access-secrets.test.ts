/**
 * Access and secrets, with the real `policybot bot` process against the Bot
 * API emulator and the OpenAI stub, a distinctive bot token and API key:
 *
 * - chats outside ALLOWED_CHAT_IDS get nothing beyond the one notice; admin
 *   commands from others are refused; documents sent by non-admins are not
 *   ingested (the corpus folder and the index are unchanged);
 * - the token and the key never appear in what the process writes (stdout,
 *   stderr, at LOG_LEVEL=debug), in what it sends to the Bot API, in what it
 *   sends to the LLM (outside the Authorization header) or stores — not even
 *   URL-encoded — while the LLM fails some requests (echoing the key, as
 *   OpenAI does) and the emulator injects a 401 (at start), a 409 (while
 *   polling) and 5xx once each.
 */
import { createHash } from "node:crypto";
import { copyFileSync, cpSync, mkdirSync, readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { TEXT } from "../../src/bot/texts.js";
import { FakeService } from "../bot/helpers.js";
import { TelegramEmulator, freePort, spawnPolicybotBot, type EmulatorChat, type SpawnedBot } from "../e2e/telegram-emulator.js";
import { DOCS, MAIN, SEED_FILES, ensureBuilt } from "../helpers/cli.js";
import { startOpenAIStub, type OpenAIStub, type RecordedRequest, type StubBehaviour } from "../helpers/openai-stub.js";
import { removeTempDirs, seedIndex, startBot, tempDir, until, within } from "./helpers.js";

const TOKEN = "7350012345:AAHsecretTOKEN-hardening_0123456789";
const API_KEY = "sk-proj-SECRET/key+hardening=42";
/** Every form a secret could leak in. */
const SECRET_FORMS = [TOKEN, TOKEN.split(":")[1]!, encodeURIComponent(TOKEN), API_KEY, encodeURIComponent(API_KEY), API_KEY.slice(8)];

const GROUP: EmulatorChat = { id: -100601, type: "supergroup", title: "政策研究组" };
const OTHER_GROUP: EmulatorChat = { id: -100602, type: "supergroup", title: "别的群" };
const ALICE = { id: 6001, first_name: "Alice", username: "alice" };
const CAROL = { id: 6002, first_name: "Carol" }; // allowed to use the bot in her private chat, not an admin
const STRANGER = { id: 6003, first_name: "Mallory" };
const ADMIN = { id: 6009, first_name: "Admin" };
const privateOf = (u: { id: number; first_name: string }): EmulatorChat => ({ id: u.id, type: "private", first_name: u.first_name });

const FIRST_Q = "政务网建设布点了多少个？";
const SECOND_Q = "政府办公室如何加强制度建设？";
const THIRD_Q = "政务公开有哪些做法？";

const questionOf = (r: RecordedRequest): string => {
  const messages = (r.body as { messages?: Array<{ content: string }> }).messages ?? [];
  return /<question>\n([\s\S]*?)\n<\/question>/.exec(messages[1]?.content ?? "")?.[1] ?? "";
};

/** The LLM rejects the key for the first question and fails with 500 for the second, both echoing the key. */
function llm(r: RecordedRequest): StubBehaviour {
  const q = questionOf(r);
  if (q === FIRST_Q) return { status: 401, body: { error: { message: `Incorrect API key provided: ${API_KEY}.`, type: "invalid_request_error", code: "invalid_api_key" } } };
  if (q === SECOND_Q) return { status: 500, body: { error: { message: `internal error for key ${API_KEY}`, type: "server_error" } } };
  const user = (r.body as { messages: Array<{ content: string }> }).messages[1]!.content;
  const passage = /<passage n="1"[^>]*>\n([\s\S]*?)\n<\/passage>/.exec(user)?.[1] ?? "";
  return { reply: `${passage.replace(/\s+/g, "").split("。").find((s) => s.length >= 12) ?? ""}[1]。` };
}

/** path → sha256 of every file under `dir`. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out[path.relative(dir, p)] = createHash("sha256").update(readFileSync(p)).digest("hex");
    }
  };
  walk(dir);
  return out;
}

function allFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? allFiles(p) : statSync(p).size < 5_000_000 ? [p] : [];
  });
}

/** Resolves with the exit code when the process ends by itself (fails after `ms`). */
function exitOf(bot: SpawnedBot, ms: number): Promise<number | null> {
  const { child } = bot;
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return within(new Promise((resolve) => child.once("exit", (code) => resolve(code))), ms, "the bot process exiting");
}

let work = "";
let docs = "";
let indexDir = "";
let dataDir = "";
let stub: OpenAIStub;
let emu: TelegramEmulator;
const outputs: Record<string, string> = {};
let before: { docs: Record<string, string>; index: Record<string, string> };

function spawnBot(): SpawnedBot {
  return spawnPolicybotBot({
    emulator: emu,
    indexDir,
    dataDir,
    cwd: work, // no .env from the repository
    cli: MAIN,
    env: {
      OPENAI_API_KEY: API_KEY,
      OPENAI_BASE_URL: stub.url,
      CHAT_MODEL: "stub-model",
      LLM_TIMEOUT_MS: "2000",
      LLM_MAX_RETRIES: "1",
      POLICYBOT_DOCS: docs,
      ALLOWED_CHAT_IDS: `${GROUP.id},${CAROL.id}`,
      ADMIN_USER_IDS: String(ADMIN.id),
      RATE_LIMIT_USER_PER_MIN: "100",
      RATE_LIMIT_CHAT_PER_MIN: "100",
      LOG_LEVEL: "debug",
      CI: "1",
    },
  });
}

beforeAll(async () => {
  ensureBuilt();
  work = tempDir();
  docs = path.join(work, "docs");
  indexDir = path.join(work, "index");
  dataDir = path.join(work, "data");
  mkdirSync(docs);
  mkdirSync(dataDir);
  for (const f of SEED_FILES) copyFileSync(path.join(DOCS, f), path.join(docs, f));
  cpSync(await seedIndex(), indexDir, { recursive: true }); // an index of the same documents
  before = { docs: snapshot(docs), index: snapshot(indexDir) };
  stub = await startOpenAIStub({ chat: llm });
  emu = await TelegramEmulator.start({ token: TOKEN });
}, 60_000);

afterAll(async () => {
  await emu?.stop();
  await stub?.close();
  removeTempDirs();
});

describe("the real bot process", () => {
  test("a 401 from Telegram at start: exits 1 with a clear message", async () => {
    emu.failNext("getMe", 1, { status: 401, body: { ok: false, error_code: 401, description: "Unauthorized" } });
    const bot = spawnBot();
    try {
      expect(await exitOf(bot, 20_000)).toBe(1);
    } finally {
      await bot.stop(5_000);
      outputs.start401 = bot.output();
    }
    expect(outputs.start401).toContain("Telegram rejected the bot token (401 Unauthorized): check TELEGRAM_BOT_TOKEN");
  }, 30_000);

  test("a 409 while polling (another instance took over): exits 1 with a clear message", async () => {
    emu.failNext("getUpdates", 1, {
      status: 409,
      body: { ok: false, error_code: 409, description: "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running" },
    });
    const bot = spawnBot();
    try {
      expect(await exitOf(bot, 20_000)).toBe(1);
    } finally {
      await bot.stop(5_000);
      outputs.poll409 = bot.output();
    }
    expect(outputs.poll409).toMatch(/409: Conflict: terminated by other getUpdates request/);
  }, 30_000);

  test("access control while the LLM and the Bot API fail now and then", async () => {
    emu.failNext("sendMessage", 1, { drop: true });
    emu.failNext("getUpdates", 1, { status: 502, body: { ok: false, error_code: 502, description: "Bad Gateway" } });
    const file = { id: "DOC-1", name: "新政策.txt", data: Buffer.from(readFileSync(path.join(DOCS, SEED_FILES[4]!), "utf8").slice(0, 2000)) };
    emu.registerFile(file.id, file.name, file.data);
    const calls0 = emu.calls.length;
    const bot = spawnBot();
    const ids: Record<string, number> = {};
    try {
      await emu.waitForCall("deleteWebhook", () => true, 20_000);
      ids.first = emu.sendMessage({ chat: GROUP, from: ALICE, text: `/ask ${FIRST_Q}` });
      ids.second = emu.sendMessage({ chat: GROUP, from: ALICE, text: `/ask ${SECOND_Q}` });
      ids.third = emu.sendMessage({ chat: GROUP, from: ALICE, text: `@PolicyTestBot ${THIRD_Q}` });
      ids.reindex = emu.sendMessage({ chat: GROUP, from: ALICE, text: "/reindex" });
      ids.adminDocInGroup = emu.sendDocument({ chat: GROUP, from: ADMIN, fileId: file.id, fileName: file.name });
      ids.other1 = emu.sendMessage({ chat: OTHER_GROUP, from: ALICE, text: `/ask ${FIRST_Q}` });
      ids.other2 = emu.sendMessage({ chat: OTHER_GROUP, from: ALICE, text: `@PolicyTestBot ${THIRD_Q}` });
      ids.other3 = emu.sendMessage({ chat: OTHER_GROUP, from: STRANGER, text: "/reindex" });
      ids.stranger = emu.sendMessage({ chat: privateOf(STRANGER), from: STRANGER, text: THIRD_Q });
      ids.strangerDoc = emu.sendDocument({ chat: privateOf(STRANGER), from: STRANGER, fileId: file.id, fileName: file.name });
      ids.carolDoc = emu.sendDocument({ chat: privateOf(CAROL), from: CAROL, fileId: file.id, fileName: file.name });
      ids.carolReindex = emu.sendMessage({ chat: privateOf(CAROL), from: CAROL, text: "/reindex" });

      for (const k of ["first", "second", "third", "reindex", "other1", "stranger", "carolDoc", "carolReindex"]) {
        await emu.waitForReply(ids[k]!, { timeoutMs: 30_000 }).catch((e: Error) => {
          throw new Error(`${k}: ${e.message}\n--- bot output ---\n${bot.output()}`);
        });
      }
      await until("every update fetched", () => emu.allDelivered(), 10_000);
    } finally {
      // SIGTERM: the bot drains the answers in progress, then exits 0; nothing is sent after.
      expect(await bot.stop(25_000), bot.output()).toBe(0);
      outputs.served = bot.output();
    }

    const text = (k: string) => emu.repliesTo(ids[k]!).map((m) => m.text);
    // answers in the allowed group, the LLM failures turned into notices
    expect(text("first")).toHaveLength(1);
    expect(text("first")[0]).toContain("大模型服务拒绝了访问（HTTP 401），请管理员检查 API 密钥");
    expect(text("second")[0]).toContain("大模型服务暂时不可用（HTTP 500）");
    expect(text("third")[0]).not.toContain("大模型");
    expect(stub.requestsTo("chat").filter((r) => questionOf(r) === FIRST_Q)).toHaveLength(1); // 401 is not retried
    expect(stub.requestsTo("chat").filter((r) => questionOf(r) === SECOND_Q)).toHaveLength(2);
    // admin commands from others are refused
    expect(text("reindex")).toEqual([TEXT.adminOnly]);
    expect(text("carolReindex")).toEqual([TEXT.adminOnly]);
    // a chat outside ALLOWED_CHAT_IDS: the one notice, nothing else
    expect(emu.botMessages(OTHER_GROUP.id).map((m) => m.text)).toEqual([TEXT.notEnabled]);
    expect(emu.botMessages(STRANGER.id).map((m) => m.text)).toEqual([TEXT.notEnabledPrivate]);
    // documents from non-admins (and from an admin in a group) are not downloaded or ingested
    expect(text("carolDoc")).toEqual([TEXT.documentRefused]);
    expect(text("adminDocInGroup")).toEqual([]);
    expect(text("strangerDoc")).toEqual([]);
    expect(emu.calls.slice(calls0).filter((c) => c.method === "getFile")).toEqual([]);
    expect(snapshot(docs)).toEqual(before.docs);
    expect(snapshot(indexDir)).toEqual(before.index);
    // the injected Bot API faults were met and retried
    expect(emu.calls.slice(calls0).some((c) => c.method === "sendMessage" && c.status === 0)).toBe(true);
    expect(emu.calls.slice(calls0).some((c) => c.method === "getUpdates" && c.status === 502)).toBe(true);
    for (const k of ["first", "second", "third"]) expect(text(k), k).toHaveLength(1);
  }, 90_000);
});

describe("secrets", () => {
  test("the token and the API key appear nowhere: output, Bot API calls, LLM request bodies, stored files", () => {
    expect(Object.keys(outputs).sort()).toEqual(["poll409", "served", "start401"]);
    const places: Record<string, string> = {
      ...Object.fromEntries(Object.entries(outputs).map(([k, v]) => [`output of ${k}`, v])),
      "Bot API calls": JSON.stringify(emu.calls.map((c) => ({ method: c.method, payload: c.payload, response: c.response }))),
      "LLM requests (without the Authorization header)": JSON.stringify(stub.requests.map((r) => ({ path: r.path, headers: r.headers, body: r.rawBody }))),
      ...Object.fromEntries(allFiles(dataDir).map((f) => [f, readFileSync(f, "latin1")])),
    };
    if (process.env.SHOW_OUTPUT) console.log(Object.entries(outputs).map(([k, v]) => `=== ${k}\n${v}`).join("\n"));
    expect(places["output of served"]!.length).toBeGreaterThan(500); // debug logs were written
    expect(stub.requests.length).toBeGreaterThan(0);
    expect(stub.requests.every((r) => r.hadAuthorization)).toBe(true);
    for (const [where, content] of Object.entries(places)) {
      for (const secret of SECRET_FORMS) expect(content.includes(secret), `${where} contains ${secret}`).toBe(false);
    }
  });

  test("a webhook URL that holds the token is not logged with it", async () => {
    const hookEmu = await TelegramEmulator.start({ token: TOKEN });
    const port = await freePort();
    const running = startBot(hookEmu, new FakeService(), { webhookUrl: `http://127.0.0.1:${port}/hook/${encodeURIComponent(TOKEN)}`, webhookPort: port, webhookSecret: "s3cret" });
    try {
      await hookEmu.waitForCall("setWebhook");
      const id = hookEmu.sendMessage({ chat: GROUP, from: ALICE, text: `/ask ${THIRD_Q}` });
      await hookEmu.waitForReply(id);
    } finally {
      await running.stop();
      await hookEmu.stop();
    }
    const logs = running.logs().join("\n");
    expect(logs).toContain('"path":"/hook/<token>"');
    for (const secret of SECRET_FORMS) expect(logs.includes(secret), secret).toBe(false);
  }, 30_000);
});

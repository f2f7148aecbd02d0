/**
 * Shared by the hardening tests: an index of the seed corpus built with the
 * real CLI, the real answer service over it (optionally with an LLM behind
 * the OpenAI stub), the in-process Telegram bot against the Bot API emulator,
 * and bounded waiting.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Logger } from "pino";
import { SwappableRetriever, createService, openRetriever } from "../../src/app.js";
import type { AnswerService } from "../../src/answer/types.js";
import type { BotConfig } from "../../src/bot/config.js";
import { runTelegramBot } from "../../src/bot/run.js";
import { loadConfig } from "../../src/config.js";
import { FakeAdmin, captureLogger } from "../bot/helpers.js";
import type { TelegramEmulator } from "../e2e/telegram-emulator.js";
import { DOCS, ensureBuilt, oneJsonDocument, runCli } from "../helpers/cli.js";

const temps: string[] = [];

export function tempDir(prefix = "policybot-hardening-"): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** Builds an index of data/docs with `policybot ingest --json`; returns its directory. */
export async function seedIndex(): Promise<string> {
  ensureBuilt();
  const indexDir = path.join(tempDir("policybot-index-"), "index");
  const r = await runCli(["ingest", DOCS, "--index", indexDir, "--json"]);
  if (r.code !== 0) throw new Error(`ingest failed (${r.code}):\n${r.stderr}`);
  const report = oneJsonDocument(r.stdout) as { files: number };
  if (report.files !== 5) throw new Error(`expected the 5 seeds in the index, got ${report.files}`);
  return indexDir;
}

export interface LlmSettings {
  baseURL: string;
  apiKey: string;
  timeoutMs: number;
  maxRetries: number;
}

/** The real answer service over an index, as the CLI composes it. */
export async function realService(indexDir: string, opts: { llm?: LlmSettings; logger?: Logger } = {}): Promise<AnswerService> {
  const env: Record<string, string> = { POLICYBOT_INDEX: indexDir, EMBEDDER: "local" };
  if (opts.llm) {
    env.OPENAI_API_KEY = opts.llm.apiKey;
    env.OPENAI_BASE_URL = opts.llm.baseURL;
    env.CHAT_MODEL = "stub-model";
    env.LLM_TIMEOUT_MS = String(opts.llm.timeoutMs);
    env.LLM_MAX_RETRIES = String(opts.llm.maxRetries);
  }
  const config = loadConfig(env);
  const retriever = new SwappableRetriever(await openRetriever(config, indexDir));
  return createService(config, retriever, opts.logger);
}

/** Resolves `p`, or fails after `ms`. */
export async function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Polls `cond` every 10 ms until it holds; fails after `ms`. */
export async function until(what: string, cond: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export interface RunningBot {
  config: BotConfig;
  logs: () => string[];
  stop: () => Promise<void>;
}

/** runTelegramBot in this process against the emulator, with `service`; stop() aborts and waits (bounded). */
export function startBot(emu: TelegramEmulator, service: AnswerService, over: Partial<BotConfig> = {}): RunningBot {
  const { logger, lines } = captureLogger();
  const controller = new AbortController();
  const config: BotConfig = {
    token: emu.token,
    apiRoot: emu.apiRoot,
    webhookPort: 0,
    allowedChatIds: null,
    adminUserIds: [],
    rateLimit: { perUserPerMinute: 1000, perChatPerMinute: 1000 },
    maxQuestionChars: 2000,
    feedbackFile: path.join(tempDir(), "feedback", "feedback.jsonl"),
    ...over,
  };
  const done = runTelegramBot({ config, service, admin: new FakeAdmin(), logger, signal: controller.signal });
  let stopped: Promise<void> | undefined;
  return {
    config,
    logs: lines,
    stop: () => (stopped ??= (controller.abort(), within(done, 25_000, "runTelegramBot after abort"))),
  };
}

/**
 * Shared by the hardening tests: an index of the seed corpus built with the
 * real CLI, the real answer service over it (optionally with an LLM behind
 * the OpenAI stub), the in-process Telegram bot against the Bot API emulator,
 * and bounded waiting.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, rmdirSync, statSync, writeFileSync } from "node:fs";
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
import { DOCS, ROOT, ensureBuilt, oneJsonDocument, runCli } from "../helpers/cli.js";
export { within } from "../helpers/within.js";
import { within } from "../helpers/within.js";

const temps: string[] = [];

export function tempDir(prefix = "policybot-hardening-"): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true });
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

const CACHE_PREFIX = "policybot-hardening-seeds-";

/**
 * An index of data/docs built with `policybot ingest --json`, shared by the
 * test files of one run (read-only: never ingest into it or change it). It is
 * rebuilt whenever dist/ or data/docs changed; building is serialised with a
 * lock directory, as test files may run in parallel.
 */
export async function seedIndex(): Promise<string> {
  ensureBuilt();
  const key = createHash("sha256")
    .update(JSON.stringify([newestMtime(path.join(ROOT, "dist")), readdirSync(DOCS).map((f) => [f, statSync(path.join(DOCS, f)).mtimeMs])]))
    .digest("hex")
    .slice(0, 16);
  const dir = path.join(os.tmpdir(), `${CACHE_PREFIX}${key}`);
  const indexDir = path.join(dir, "index");
  const ready = path.join(dir, "ready");
  if (existsSync(ready)) return indexDir;
  const lock = `${dir}.lock`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (existsSync(ready)) return indexDir;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${lock}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  try {
    if (existsSync(ready)) return indexDir;
    // Caches of earlier builds (older than an hour, so not in use by a run still going).
    for (const name of readdirSync(os.tmpdir())) {
      const old = path.join(os.tmpdir(), name);
      if (name.startsWith(CACHE_PREFIX) && old !== dir && !name.endsWith(".lock") && Date.now() - statSync(old).mtimeMs > 3_600_000) {
        rmSync(old, { recursive: true, force: true });
      }
    }
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const r = await runCli(["ingest", DOCS, "--index", indexDir, "--json"]);
    if (r.code !== 0) throw new Error(`ingest failed (${r.code}):\n${r.stderr}`);
    const report = oneJsonDocument(r.stdout) as { files: number };
    if (report.files !== 5) throw new Error(`expected the 5 seeds in the index, got ${report.files}`);
    writeFileSync(ready, new Date().toISOString());
    return indexDir;
  } finally {
    rmdirSync(lock);
  }
}

export interface LlmSettings {
  baseURL: string;
  apiKey: string;
  timeoutMs: number;
  maxRetries: number;
  /** LLM_OUTAGE_COOLDOWN_MS; unset = the default. */
  outageCooldownMs?: number;
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
    if (opts.llm.outageCooldownMs !== undefined) env.LLM_OUTAGE_COOLDOWN_MS = String(opts.llm.outageCooldownMs);
  }
  const config = loadConfig(env);
  const retriever = new SwappableRetriever(await openRetriever(config, indexDir));
  return createService(config, retriever, opts.logger);
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

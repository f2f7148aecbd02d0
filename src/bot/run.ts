/**
 * Runs the bot until stopped: long polling through @grammyjs/runner, or a
 * webhook server (grammY webhookCallback on node:http) when webhookUrl is set.
 * Stops cleanly on SIGINT/SIGTERM or the given signal, letting answers in
 * progress finish (bounded).
 */
import { run } from "@grammyjs/runner";
import { Api, GrammyError, HttpError, webhookCallback, type Bot } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { Logger } from "pino";
import { PolicybotError } from "../util/errors.js";
import type { BotConfig } from "./config.js";
import { createBot, type CreateBotOptions } from "./create-bot.js";
import { DEFAULT_API_ROOT } from "./files.js";
import { logError, scrub } from "./log.js";

export interface RunTelegramBotOptions extends CreateBotOptions {
  signal?: AbortSignal;
}

const ALLOWED_UPDATES = ["message", "callback_query"] as const;
/** How long shutdown waits for answers in progress. */
const DRAIN_MS = 20_000;
/** A webhook call is answered after this long even if the answer is still being worked on. */
const WEBHOOK_ANSWER_MS = 5_000;

/** grammY's Node build types signals with the abort-controller shim; the runtime objects are the same. */
type GrammySignal = NonNullable<Parameters<Api["getMe"]>[0]>;
const forGrammy = (signal: AbortSignal): GrammySignal => signal as unknown as GrammySignal;

const BOT_COMMANDS = [
  { command: "ask", description: "根据文件回答问题" },
  { command: "draft", description: "根据文件起草文字" },
  { command: "find", description: "查找相关文件和章节" },
  { command: "sources", description: "列出已收录的文件" },
  { command: "help", description: "使用说明" },
];

export async function runTelegramBot(opts: RunTelegramBotOptions): Promise<void> {
  const { logger } = opts;
  const stop = shutdownSignal(opts.signal, logger);
  try {
    const botInfo = opts.config.botInfo ?? (await getMe(opts.config, stop.signal));
    if (!botInfo || stop.signal.aborted) return;
    const config: BotConfig = { ...opts.config, botInfo };
    const bot = createBot({ ...opts, config });
    const inFlight = trackUpdates(bot);
    const mode = config.webhookUrl ? "webhook" : "polling";
    logger.info({ bot: botInfo.username, mode }, "telegram bot started");
    bot.api.setMyCommands(BOT_COMMANDS, {}, forGrammy(stop.signal)).catch((e: unknown) => {
      if (!stop.signal.aborted) logError(logger, config.token, e, {}, "could not set the command menu");
    });
    try {
      if (config.webhookUrl) await serveWebhook(bot, config, config.webhookUrl, stop.signal, logger);
      else await poll(bot, stop.signal);
    } finally {
      if (!(await inFlight.drain(DRAIN_MS))) logger.warn("stopped with answers still in progress");
      logger.info("telegram bot stopped");
    }
  } finally {
    stop.dispose();
  }
}

/** getMe without retries, so a wrong token or API root fails at once with a clear message. */
async function getMe(config: BotConfig, signal: AbortSignal): Promise<UserFromGetMe | undefined> {
  const apiRoot = (config.apiRoot ?? DEFAULT_API_ROOT).replace(/\/+$/, "");
  try {
    return await new Api(config.token, { apiRoot }).getMe(forGrammy(signal));
  } catch (e) {
    if (signal.aborted) return undefined;
    if (e instanceof GrammyError && e.error_code === 401) {
      throw new PolicybotError("Telegram rejected the bot token (401 Unauthorized): check TELEGRAM_BOT_TOKEN", { cause: e });
    }
    if (e instanceof HttpError) {
      throw new PolicybotError(`cannot reach the Telegram Bot API at ${apiRoot}`, { cause: e });
    }
    throw e;
  }
}

async function poll(bot: Bot, signal: AbortSignal): Promise<void> {
  // Long polling does not work while a webhook is set.
  await bot.api.deleteWebhook({}, forGrammy(signal)).catch((e: unknown) => {
    if (!signal.aborted) throw e;
  });
  if (signal.aborted) return;
  const runner = run(bot, {
    runner: { fetch: { timeout: 30, allowed_updates: ALLOWED_UPDATES } },
  });
  try {
    await Promise.race([aborted(signal), runner.task() ?? aborted(signal)]);
  } finally {
    await runner.stop();
  }
}

async function serveWebhook(bot: Bot, config: BotConfig, webhookUrl: string, signal: AbortSignal, logger: Logger): Promise<void> {
  const path = config.webhookPath ?? (new URL(webhookUrl).pathname || "/");
  const secretToken = config.webhookSecret ?? randomBytes(32).toString("hex");
  const handle = webhookCallback(bot, "http", {
    onTimeout: "return",
    timeoutMilliseconds: WEBHOOK_ANSWER_MS,
    secretToken,
  });
  const server = createServer((req, res) => {
    const reqPath = new URL(req.url ?? "/", "http://localhost").pathname;
    if (req.method !== "POST" || reqPath !== path) {
      res.writeHead(404).end();
      return;
    }
    handle(req, res).catch((e: unknown) => {
      logError(logger, config.token, e, {}, "webhook request failed");
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await listen(server, config.webhookPort);
  try {
    await bot.api.setWebhook(webhookUrl, { secret_token: secretToken, allowed_updates: ALLOWED_UPDATES }, forGrammy(signal));
    // The webhook path often holds the token (a common way to keep it secret): never log it.
    logger.info({ port: config.webhookPort, path: scrub(path, config.token) }, "webhook set");
    await aborted(signal);
  } catch (e) {
    if (!signal.aborted) throw e;
  } finally {
    await closeServer(server);
  }
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, () => {
      server.off("error", reject);
      resolve();
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    const force = setTimeout(() => server.closeAllConnections(), WEBHOOK_ANSWER_MS + 1000);
    server.close(() => {
      clearTimeout(force);
      resolve();
    });
    server.closeIdleConnections();
  });
}

function aborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener("abort", () => resolve(), { once: true }));
}

/** Aborts on the caller's signal, SIGINT or SIGTERM. */
function shutdownSignal(external: AbortSignal | undefined, logger: Logger): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const onSignal = (name: NodeJS.Signals): void => {
    logger.info({ signal: name }, "stopping the telegram bot");
    controller.abort();
  };
  const onExternal = (): void => controller.abort();
  if (external?.aborted) controller.abort();
  external?.addEventListener("abort", onExternal, { once: true });
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  return {
    signal: controller.signal,
    dispose() {
      external?.removeEventListener("abort", onExternal);
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    },
  };
}

/** Counts updates being handled so shutdown can wait for them. */
function trackUpdates(bot: Bot): { drain(ms: number): Promise<boolean> } {
  const pending = new Set<Promise<void>>();
  const original = bot.handleUpdate.bind(bot);
  bot.handleUpdate = (update, envelope) => {
    const p = original(update, envelope);
    pending.add(p);
    const done = (): void => void pending.delete(p);
    p.then(done, done);
    return p;
  };
  return {
    async drain(ms) {
      const deadline = Date.now() + ms;
      while (pending.size > 0 && Date.now() < deadline) {
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<void>((r) => (timer = setTimeout(r, deadline - Date.now())));
        await Promise.race([Promise.allSettled([...pending]), timeout]);
        clearTimeout(timer);
      }
      return pending.size === 0;
    },
  };
}

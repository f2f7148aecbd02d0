/** Assembles the grammY bot: API retries, per-chat ordering, handlers, error logging. */
import { autoRetry } from "@grammyjs/auto-retry";
import { sequentialize } from "@grammyjs/runner";
import { Bot, type Context } from "grammy";
import type { Logger } from "pino";
import type { AnswerService } from "../answer/types.js";
import { AccessControl } from "./access.js";
import { documentHandlers } from "./admin.js";
import { buttonHandlers } from "./callbacks.js";
import type { AdminActions, BotConfig } from "./config.js";
import type { BotDeps } from "./deps.js";
import { FeedbackStore } from "./feedback.js";
import { mediaHandlers, textHandlers } from "./handlers.js";
import { logError, scrub } from "./log.js";
import { AnswerMemory } from "./memory.js";
import { RateLimiter } from "./rate-limit.js";

export interface CreateBotOptions {
  config: BotConfig;
  service: AnswerService;
  admin: AdminActions;
  logger: Logger;
}

/**
 * Messages in one chat are handled in order; chats are served concurrently
 * (under @grammyjs/runner). Button presses are not queued behind answers.
 */
function orderingKey(ctx: Context): string | undefined {
  if (ctx.callbackQuery) return undefined;
  return ctx.chat ? `chat:${ctx.chat.id}` : undefined;
}

/** The payload with the token replaced in the text fields Telegram shows (text, caption, a callback's notice); no angle brackets, as the text may be HTML. */
function withoutToken<P>(payload: P, token: string): P {
  if (!payload || typeof payload !== "object") return payload;
  const p = payload as Record<string, unknown>;
  const changed = Object.fromEntries(
    ["text", "caption"].flatMap((k) => {
      const shown = p[k];
      if (typeof shown !== "string") return [];
      const scrubbed = scrub(shown, token, "[redacted]");
      return scrubbed === shown ? [] : [[k, scrubbed]];
    }),
  );
  return Object.keys(changed).length ? ({ ...p, ...changed } as P) : payload;
}

export function createBot(opts: CreateBotOptions): Bot {
  const { config, service, admin, logger } = opts;
  const apiRoot = config.apiRoot?.replace(/\/+$/, "");
  const bot = new Bot(config.token, {
    ...(config.botInfo ? { botInfo: config.botInfo } : {}),
    client: apiRoot ? { apiRoot } : {},
  });
  // 429 → wait retry_after and resend; 5xx → exponential backoff.
  bot.api.config.use(autoRetry({ maxRetryAttempts: 5, maxDelaySeconds: 300 }));
  // Nothing the bot says repeats its token: a model's reply or a quoted question may carry one a user pasted.
  bot.api.config.use((prev, method, payload, signal) => prev(method, withoutToken(payload, config.token), signal));

  const deps: BotDeps = {
    config,
    token: config.token,
    service,
    admin,
    logger,
    access: new AccessControl(config.allowedChatIds, config.adminUserIds),
    limiter: new RateLimiter(config.rateLimit),
    memory: new AnswerMemory(),
    feedback: new FeedbackStore(config.feedbackFile),
  };

  bot.use(sequentialize(orderingKey));
  bot.use(textHandlers(deps, { busy: false }));
  bot.use(documentHandlers(deps));
  bot.use(mediaHandlers(deps));
  bot.use(buttonHandlers(deps));
  bot.catch((err) => {
    logError(logger, config.token, err.error, { updateId: err.ctx.update.update_id }, "unhandled error in telegram middleware");
  });
  return bot;
}

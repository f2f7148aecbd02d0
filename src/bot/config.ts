/** Configuration of the Telegram front end, and reading it from the environment. */
import type { UserFromGetMe } from "grammy/types";
import { z } from "zod";
import { UsageError } from "../util/errors.js";

export interface BotConfig {
  token: string;
  /** TELEGRAM_API_ROOT, no trailing slash (default https://api.telegram.org). */
  apiRoot?: string;
  /** Public HTTPS URL Telegram posts updates to; long polling when unset. */
  webhookUrl?: string;
  webhookPort: number;
  /** Path the webhook server answers on; default: the path of webhookUrl. */
  webhookPath?: string;
  /** Secret Telegram sends with each webhook call; default: random per process. */
  webhookSecret?: string;
  /** null = serve every chat. */
  allowedChatIds: number[] | null;
  adminUserIds: number[];
  /** Per minute, sliding window; 0 = unlimited. */
  rateLimit: { perUserPerMinute: number; perChatPerMinute: number };
  maxQuestionChars: number;
  /** Append-only JSONL of 👍/👎, e.g. data/feedback/feedback.jsonl. */
  feedbackFile: string;
  /** Skips getMe (tests). */
  botInfo?: UserFromGetMe;
}

export interface AdminActions {
  /** Rebuilds the index; returns a summary line for the admin. */
  reindex(): Promise<string>;
  /** Adds one document to the corpus and the index; returns a summary line. */
  addDocument(fileName: string, data: Uint8Array): Promise<string>;
}

export const BOT_DEFAULTS = {
  webhookPort: 8080,
  perUserPerMinute: 6,
  perChatPerMinute: 30,
  maxQuestionChars: 500,
  feedbackFile: "data/feedback/feedback.jsonl",
} as const;

const idList = z
  .string()
  .trim()
  .regex(/^-?\d+(\s*,\s*-?\d+)*$/, "must be a comma-separated list of numeric ids")
  .transform((s) => s.split(",").map((x) => Number(x.trim())));

const optionalString = z
  .string()
  .trim()
  .optional()
  .transform((s) => (s ? s : undefined));

const count = (fallback: number) =>
  z
    .string()
    .trim()
    .optional()
    .transform((s) => (s ? Number(s) : fallback))
    .pipe(z.number().int().min(0));

const envSchema = z.object({
  TELEGRAM_BOT_TOKEN: z
    .string({ error: "TELEGRAM_BOT_TOKEN is not set" })
    .trim()
    .regex(/^\d+:[A-Za-z0-9_-]+$/, "TELEGRAM_BOT_TOKEN does not look like a bot token (digits:letters)"),
  TELEGRAM_API_ROOT: optionalString.pipe(z.url().optional()).transform((s) => s?.replace(/\/+$/, "")),
  TELEGRAM_WEBHOOK_URL: optionalString.pipe(z.url().optional()),
  TELEGRAM_WEBHOOK_PORT: count(BOT_DEFAULTS.webhookPort).pipe(z.number().max(65535)),
  TELEGRAM_WEBHOOK_PATH: optionalString.pipe(z.string().startsWith("/").optional()),
  TELEGRAM_WEBHOOK_SECRET: optionalString.pipe(
    z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,256}$/, "TELEGRAM_WEBHOOK_SECRET may only contain A-Z, a-z, 0-9, _ and -")
      .optional(),
  ),
  ALLOWED_CHAT_IDS: optionalString.pipe(idList.optional()),
  ADMIN_USER_IDS: optionalString.pipe(idList.optional()),
  BOT_RATE_LIMIT_USER_PER_MINUTE: count(BOT_DEFAULTS.perUserPerMinute),
  BOT_RATE_LIMIT_CHAT_PER_MINUTE: count(BOT_DEFAULTS.perChatPerMinute),
  BOT_MAX_QUESTION_CHARS: count(BOT_DEFAULTS.maxQuestionChars).pipe(z.number().min(1)),
  BOT_FEEDBACK_FILE: optionalString,
});

/**
 * Reads the bot configuration from environment variables (TELEGRAM_BOT_TOKEN,
 * TELEGRAM_API_ROOT, TELEGRAM_WEBHOOK_URL/PORT/PATH/SECRET, ALLOWED_CHAT_IDS,
 * ADMIN_USER_IDS, BOT_RATE_LIMIT_USER_PER_MINUTE, BOT_RATE_LIMIT_CHAT_PER_MINUTE,
 * BOT_MAX_QUESTION_CHARS, BOT_FEEDBACK_FILE). Throws UsageError naming the
 * variable; never echoes the token.
 */
export function botConfigFromEnv(env: NodeJS.ProcessEnv = process.env): BotConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? "configuration");
    const message = issue?.message ?? "invalid value";
    throw new UsageError(message.includes(name) ? message : `${name}: ${message}`);
  }
  const e = parsed.data;
  const config: BotConfig = {
    token: e.TELEGRAM_BOT_TOKEN,
    webhookPort: e.TELEGRAM_WEBHOOK_PORT,
    allowedChatIds: e.ALLOWED_CHAT_IDS ?? null,
    adminUserIds: e.ADMIN_USER_IDS ?? [],
    rateLimit: {
      perUserPerMinute: e.BOT_RATE_LIMIT_USER_PER_MINUTE,
      perChatPerMinute: e.BOT_RATE_LIMIT_CHAT_PER_MINUTE,
    },
    maxQuestionChars: e.BOT_MAX_QUESTION_CHARS,
    feedbackFile: e.BOT_FEEDBACK_FILE ?? BOT_DEFAULTS.feedbackFile,
  };
  if (e.TELEGRAM_API_ROOT) config.apiRoot = e.TELEGRAM_API_ROOT;
  if (e.TELEGRAM_WEBHOOK_URL) config.webhookUrl = e.TELEGRAM_WEBHOOK_URL;
  if (e.TELEGRAM_WEBHOOK_PATH) config.webhookPath = e.TELEGRAM_WEBHOOK_PATH;
  if (e.TELEGRAM_WEBHOOK_SECRET) config.webhookSecret = e.TELEGRAM_WEBHOOK_SECRET;
  return config;
}

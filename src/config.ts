import { z } from "zod";
import { UsageError } from "./util/errors.js";
import type { BotConfig } from "./bot/config.js";

/**
 * All configuration, read and validated once at start-up (from the
 * environment, which dotenv fills from .env) and passed down. Nothing else
 * reads process.env. Secrets stay in this object and are never logged:
 * `redactedConfig` is what may be printed.
 */
const idList = z
  .string()
  .optional()
  .transform((s, ctx) => {
    if (!s || !s.trim()) return null;
    const ids = s.split(/[\s,]+/).filter(Boolean).map(Number);
    if (ids.some((n) => !Number.isSafeInteger(n))) {
      ctx.addIssue({ code: "custom", message: "must be a comma-separated list of numeric Telegram ids" });
      return z.NEVER;
    }
    return ids;
  });

const int = (def: number, min = 0) => z.coerce.number().int().min(min).default(def);
const optionalString = z
  .string()
  .optional()
  .transform((s) => (s && s.trim() ? s.trim() : undefined));

export const EnvSchema = z.object({
  POLICYBOT_INDEX: z.string().default("data/index"),
  POLICYBOT_DOCS: z.string().default("data/docs"),
  POLICYBOT_DATA: z.string().default("data"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional(),

  EMBEDDER: z.enum(["local", "openai"]).default("local"),
  EMBEDDING_MODEL: z.string().default("text-embedding-3-small"),
  VECTOR_WEIGHT: z.coerce.number().min(0).max(10).optional(),
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: optionalString.pipe(z.url().optional()),
  CHAT_MODEL: z.string().default("gpt-4o-mini"),
  LLM_TIMEOUT_MS: int(30_000, 100),
  LLM_MAX_RETRIES: int(2),
  LLM_OUTAGE_COOLDOWN_MS: int(30_000),

  TELEGRAM_BOT_TOKEN: optionalString,
  TELEGRAM_API_ROOT: optionalString.pipe(z.url().optional()),
  WEBHOOK_URL: optionalString.pipe(z.url().optional()),
  WEBHOOK_PORT: int(8080, 1),
  WEBHOOK_PATH: optionalString,
  WEBHOOK_SECRET: optionalString.pipe(z.string().regex(/^[A-Za-z0-9_-]{1,256}$/, "may only contain A-Z, a-z, 0-9, _ and -").optional()),
  ALLOWED_CHAT_IDS: idList,
  ADMIN_USER_IDS: idList,
  RATE_LIMIT_USER_PER_MIN: int(6, 1),
  RATE_LIMIT_CHAT_PER_MIN: int(30, 1),
  MAX_QUESTION_CHARS: int(2000, 10),
});

export type Env = z.infer<typeof EnvSchema>;

export interface Config {
  indexDir: string;
  docsDir: string;
  dataDir: string;
  /** Unset: "info" for the bot, "warn" for one-shot commands and the terminal chat. */
  logLevel: Env["LOG_LEVEL"];
  embedder: { kind: "local" } | { kind: "openai"; model: string; apiKey: string; baseURL?: string };
  /** Weight of the vector side in hybrid search; unset = the measured default for the embedder. */
  vectorWeight?: number;
  llm?: {
    apiKey: string;
    baseURL?: string;
    model: string;
    timeoutMs: number;
    maxRetries: number;
    /** After the server timed out or could not be reached, questions do not wait for it for this long (doubling while it stays down); 0 = every question tries. */
    outageCooldownMs: number;
  };
  /** The Telegram front end's settings that come from the environment (bot/config.ts adds the rest). */
  telegram?: Omit<BotConfig, "maxQuestionChars" | "feedbackFile" | "botInfo">;
  maxQuestionChars: number;
  /** Running under CI (no progress bars). */
  ci: boolean;
}

export function loadConfig(env: Record<string, string | undefined>): Config {
  // An empty value means unset: .env.example leaves a variable empty where its
  // default applies, and copied to .env as it is it must behave like no .env
  // ("" fails LOG_LEVEL's check, and coerces VECTOR_WEIGHT and the counts to 0).
  const given = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ""));
  const parsed = EnvSchema.safeParse(given);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UsageError(`invalid setting ${String(issue.path[0] ?? "")}: ${issue.message}`);
  }
  const e = parsed.data;
  let embedder: Config["embedder"] = { kind: "local" };
  if (e.EMBEDDER === "openai") {
    if (!e.OPENAI_API_KEY) throw new UsageError("EMBEDDER=openai needs OPENAI_API_KEY (and OPENAI_BASE_URL for a server other than OpenAI)");
    embedder = { kind: "openai", model: e.EMBEDDING_MODEL, apiKey: e.OPENAI_API_KEY, ...(e.OPENAI_BASE_URL ? { baseURL: e.OPENAI_BASE_URL } : {}) };
  }
  return {
    indexDir: e.POLICYBOT_INDEX,
    docsDir: e.POLICYBOT_DOCS,
    dataDir: e.POLICYBOT_DATA,
    logLevel: e.LOG_LEVEL,
    embedder,
    ...(e.VECTOR_WEIGHT !== undefined ? { vectorWeight: e.VECTOR_WEIGHT } : {}),
    ...(e.OPENAI_API_KEY
      ? { llm: { apiKey: e.OPENAI_API_KEY, model: e.CHAT_MODEL, timeoutMs: e.LLM_TIMEOUT_MS, maxRetries: e.LLM_MAX_RETRIES, outageCooldownMs: e.LLM_OUTAGE_COOLDOWN_MS, ...(e.OPENAI_BASE_URL ? { baseURL: e.OPENAI_BASE_URL } : {}) } }
      : {}),
    ...(e.TELEGRAM_BOT_TOKEN
      ? {
          telegram: {
            token: e.TELEGRAM_BOT_TOKEN,
            ...(e.TELEGRAM_API_ROOT ? { apiRoot: e.TELEGRAM_API_ROOT.replace(/\/+$/, "") } : {}),
            ...(e.WEBHOOK_URL ? { webhookUrl: e.WEBHOOK_URL } : {}),
            webhookPort: e.WEBHOOK_PORT,
            ...(e.WEBHOOK_PATH ? { webhookPath: e.WEBHOOK_PATH } : {}),
            ...(e.WEBHOOK_SECRET ? { webhookSecret: e.WEBHOOK_SECRET } : {}),
            allowedChatIds: e.ALLOWED_CHAT_IDS,
            adminUserIds: e.ADMIN_USER_IDS ?? [],
            rateLimit: { perUserPerMinute: e.RATE_LIMIT_USER_PER_MIN, perChatPerMinute: e.RATE_LIMIT_CHAT_PER_MIN },
          },
        }
      : {}),
    maxQuestionChars: e.MAX_QUESTION_CHARS,
    ci: Boolean(env.CI && env.CI !== "false" && env.CI !== "0"),
  };
}

/** The config's keys whose values are secrets. */
const SECRET_KEYS = ["apiKey", "token", "webhookSecret"];
const isSecret = (k: string, v: unknown): v is string => typeof v === "string" && SECRET_KEYS.includes(k);

/** The secret values of the config (API key, bot token, webhook secret), to be scrubbed from anything logged or shown. */
export function secretsOf(c: Config): string[] {
  const out: string[] = [];
  JSON.stringify(c, (k, v) => {
    if (isSecret(k, v) && v.length >= 8) out.push(v);
    return v;
  });
  return [...new Set(out)];
}

/** The config with secrets replaced, for logs and `--json` diagnostics. */
export function redactedConfig(c: Config): unknown {
  return JSON.parse(
    JSON.stringify(c, (k, v) => (isSecret(k, v) ? "[redacted]" : v)),
  );
}

/** Configuration of the Telegram front end (the CLI builds it from src/config.ts). */
import type { UserFromGetMe } from "grammy/types";

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

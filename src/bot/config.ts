/** Configuration of the Telegram front end (the CLI builds it from src/config.ts). */
import type { UserFromGetMe } from "grammy/types";
import type { IngestReport } from "../ingest/pipeline.js";

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
  /** Re-ingests the documents and swaps the new index in. */
  reindex(): Promise<IngestReport>;
  /** Adds one document to the corpus (replacing one of the same name) and re-indexes. */
  addDocument(fileName: string, data: Uint8Array): Promise<AddedDocument>;
}

export interface AddedDocument {
  /** The name it was saved under. */
  file: string;
  /** "added"; "replaced" a different file of that name; "same" as the file already there (nothing changed). */
  outcome: "added" | "replaced" | "same";
  report: IngestReport;
}

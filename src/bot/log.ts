/** Error logging that never leaks the bot token. */
import type { Logger } from "pino";
import { replaceSecret } from "../util/logger.js";

export interface SafeError {
  name: string;
  message: string;
  stack?: string;
  description?: string;
  error_code?: number;
}

/** `text` with the token (as is, or URL-encoded as in a URL) replaced by "<token>" (or `replacement`). */
export function scrub(text: string, token: string, replacement = "<token>"): string {
  return replaceSecret(text, token, replacement);
}

export function safeError(e: unknown, token: string): SafeError {
  if (!(e instanceof Error)) return { name: "NonError", message: scrub(String(e), token) };
  const out: SafeError = { name: e.name, message: scrub(e.message, token) };
  if (e.stack) out.stack = scrub(e.stack, token);
  const extra = e as { description?: unknown; error_code?: unknown };
  if (typeof extra.description === "string") out.description = scrub(extra.description, token);
  if (typeof extra.error_code === "number") out.error_code = extra.error_code;
  return out;
}

export function logError(
  logger: Logger,
  token: string,
  e: unknown,
  fields: Record<string, unknown>,
  msg: string,
): void {
  logger.error({ ...fields, err: safeError(e, token) }, msg);
}

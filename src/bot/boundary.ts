/**
 * Error boundary for everything addressed to the bot: log (without the
 * token) and tell the user in one sentence, so the bot never goes silent.
 */
import type { Context } from "grammy";
import type { Logger } from "pino";
import { logError } from "./log.js";
import { replyText } from "./reply.js";
import { TEXT } from "./texts.js";

export function userErrorText(e: unknown): string {
  const name = e instanceof Error ? e.name : "";
  if (name === "ServiceError") return TEXT.serviceUnavailable;
  if (name === "IndexError") return TEXT.indexUnavailable;
  return TEXT.apology;
}

export interface BoundaryDeps {
  logger: Logger;
  token: string;
}

export async function withErrorBoundary(
  ctx: Context,
  deps: BoundaryDeps,
  what: string,
  work: () => Promise<void>,
): Promise<void> {
  try {
    await work();
  } catch (e) {
    const fields = { what, chatId: ctx.chat?.id, userId: ctx.from?.id, updateId: ctx.update.update_id };
    logError(deps.logger, deps.token, e, fields, "telegram handler failed");
    try {
      if (ctx.callbackQuery) {
        await ctx.answerCallbackQuery({ text: TEXT.apology });
      } else {
        await replyText(ctx, userErrorText(e), ctx.msg?.message_id);
      }
    } catch (e2) {
      logError(deps.logger, deps.token, e2, fields, "could not tell the user about the failure");
    }
  }
}

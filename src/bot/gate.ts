/** Applies ALLOWED_CHAT_IDS to a message addressed to the bot. */
import type { Context } from "grammy";
import type { BotDeps } from "./deps.js";
import { logError } from "./log.js";
import { replyText } from "./reply.js";
import { TEXT } from "./texts.js";

/** True if the chat is served; otherwise says so once per chat and returns false. */
export async function admitChat(ctx: Context, deps: BotDeps): Promise<boolean> {
  const chat = ctx.chat;
  if (!chat) return false;
  const verdict = deps.access.check(chat.id, chat.type, ctx.from?.id);
  if (verdict === "allowed") return true;
  if (verdict === "notify") {
    deps.logger.info({ chatId: chat.id, chatType: chat.type }, "message from a chat that is not allowed");
    try {
      await replyText(ctx, chat.type === "private" ? TEXT.notEnabledPrivate : TEXT.notEnabled, ctx.msg?.message_id);
    } catch (e) {
      logError(deps.logger, deps.token, e, { chatId: chat.id }, "could not send the not-enabled notice");
    }
  }
  return false;
}

/** Inline buttons under answers: show cited passages, 👍 / 👎 feedback. */
import { Composer, type Context, type Filter } from "grammy";
import { withErrorBoundary } from "./boundary.js";
import type { BotDeps } from "./deps.js";
import { formatPassages } from "./format.js";
import { decodeCallback } from "./keyboard.js";
import type { AnswerRecord } from "./memory.js";
import { replyHtml } from "./reply.js";
import { TEXT } from "./texts.js";

type CallbackContext = Filter<Context, "callback_query:data">;

/** Pressing "查看引用原文" again within this time only gets a hint. */
const PASSAGES_REPEAT_MS = 60_000;

export function buttonHandlers(deps: BotDeps): Composer<Context> {
  const composer = new Composer<Context>();
  composer.on("callback_query:data", async (ctx) => {
    await withErrorBoundary(ctx, deps, "button", async () => {
      const action = decodeCallback(ctx.callbackQuery.data);
      const chat = ctx.chat;
      if (!action || !chat || !deps.access.isChatAllowed(chat.id, chat.type, ctx.from.id)) {
        await ctx.answerCallbackQuery();
        return;
      }
      const record = deps.memory.get(action.id);
      if (!record || record.chatId !== chat.id) {
        await ctx.answerCallbackQuery({ text: TEXT.expired });
        return;
      }
      if (action.kind === "vote") {
        await deps.feedback.append({
          ts: new Date().toISOString(),
          chatId: chat.id,
          userId: ctx.from.id,
          messageId: ctx.callbackQuery.message?.message_id ?? record.messageIds.at(-1) ?? 0,
          vote: action.vote,
          question: record.question,
          answer: record.answer,
        });
        deps.logger.info({ chatId: chat.id, userId: ctx.from.id, vote: action.vote }, "feedback stored");
        await ctx.answerCallbackQuery({ text: TEXT.feedbackThanks });
        return;
      }
      await showPassages(ctx, record);
    });
  });
  return composer;
}

async function showPassages(ctx: CallbackContext, record: AnswerRecord): Promise<void> {
  const now = Date.now();
  if (record.passagesShownAt !== undefined && now - record.passagesShownAt < PASSAGES_REPEAT_MS) {
    await ctx.answerCallbackQuery({ text: TEXT.passagesAlreadyShown });
    return;
  }
  record.passagesShownAt = now;
  await ctx.answerCallbackQuery();
  try {
    await replyHtml(ctx, formatPassages(record.citations), { replyTo: ctx.callbackQuery.message?.message_id });
  } catch (e) {
    delete record.passagesShownAt;
    throw e;
  }
}

/**
 * Sending HTML replies: split over Telegram's limit, each part a reply to the
 * asker's message (kept even if that message is gone), buttons on the last
 * part. If Telegram rejects a part's HTML, it is resent as plain text.
 */
import { GrammyError, type Context } from "grammy";
import type { InlineKeyboardMarkup, Message } from "grammy/types";
import { escapeHtml, htmlToPlain, splitHtml } from "./html.js";

export interface ReplyOptions {
  /** Message to reply to; usually the asker's message. */
  replyTo?: number | undefined;
  /** Inline keyboard for the last part. */
  keyboard?: InlineKeyboardMarkup | undefined;
}

function isParseError(e: unknown): boolean {
  return e instanceof GrammyError && e.error_code === 400 && /parse entities|can't find end/i.test(e.description);
}

export async function replyHtml(ctx: Context, html: string, opts: ReplyOptions = {}): Promise<Message.TextMessage[]> {
  const parts = splitHtml(html);
  // Never go silent: the error boundary turns this into an apology.
  if (parts.length === 0) throw new Error("nothing to send: the reply is empty");
  const sent: Message.TextMessage[] = [];
  for (const [i, part] of parts.entries()) {
    const last = i === parts.length - 1;
    const other = {
      ...(opts.replyTo !== undefined
        ? { reply_parameters: { message_id: opts.replyTo, allow_sending_without_reply: true } }
        : {}),
      ...(last && opts.keyboard ? { reply_markup: opts.keyboard } : {}),
      link_preview_options: { is_disabled: true },
    };
    try {
      sent.push(await ctx.reply(part, { ...other, parse_mode: "HTML" }));
    } catch (e) {
      if (!isParseError(e)) throw e;
      sent.push(await ctx.reply(htmlToPlain(part), other));
    }
  }
  return sent;
}

/** A short plain message (escaped) as a reply. */
export function replyText(ctx: Context, text: string, replyTo?: number): Promise<Message.TextMessage[]> {
  return replyHtml(ctx, escapeHtml(text), { replyTo });
}

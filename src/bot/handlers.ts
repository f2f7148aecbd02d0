/**
 * Messages addressed to the bot: questions, drafts, searches, help — as sent
 * or as edited (a user who forgot the @mention adds it by editing), and
 * photos, voice messages or stickers, which get a sentence saying the bot
 * reads text only (with a caption, the caption is answered).
 */
import { Composer, type Context, type Filter } from "grammy";
import type { Message } from "grammy/types";
import { smallTalkReply } from "../answer/smalltalk.js";
import type { Citation, Turn } from "../answer/types.js";
import { handleReindex } from "./admin.js";
import { addressOf, type Addressed } from "./addressing.js";
import { withErrorBoundary } from "./boundary.js";
import type { BotDeps } from "./deps.js";
import { formatAnswer, formatDraft, formatFind, formatHelp, formatSourceList } from "./format.js";
import { admitChat } from "./gate.js";
import { escapeHtml } from "./html.js";
import { answerKeyboard } from "./keyboard.js";
import { replyHtml, replyText } from "./reply.js";
import { TEXT, USAGE, mentionUsage, rateLimitedText, tooLongText } from "./texts.js";
import { withTyping } from "./typing.js";

type TextContext = Filter<Context, "message" | "edited_message">;

export function textHandlers(deps: BotDeps, reindexState: { busy: boolean }): Composer<Context> {
  const composer = new Composer<Context>();
  composer.on(["message:text", "edited_message:text"], async (ctx) => {
    const me = ctx.me;
    const addressed = addressOf(ctx.msg, { id: me.id, username: me.username });
    if (!addressed) return;
    if (!(await admitChat(ctx, deps))) return;
    await withErrorBoundary(ctx, deps, addressed.command, () => dispatch(ctx, deps, addressed, reindexState));
  });
  return composer;
}

/** What Telegram can send that is not text: each gets a reply when addressed to the bot, never silence. */
const MEDIA = ["photo", "video", "voice", "audio", "sticker", "animation", "video_note", "document", "location", "contact", "venue", "poll", "dice"] as const;

/**
 * Non-text messages addressed to the bot (in a private chat, as a reply to
 * the bot, or with a caption mentioning it). Registered after the admin's
 * document upload, which takes documents first.
 */
export function mediaHandlers(deps: BotDeps): Composer<Context> {
  const composer = new Composer<Context>();
  composer.on(["message", "edited_message"], async (ctx) => {
    const msg: Message = ctx.msg;
    if (msg.text !== undefined || !MEDIA.some((k) => msg[k] !== undefined)) return;
    const me = ctx.me;
    const caption = msg.caption ?? "";
    const addressed = addressOf({ ...msg, text: caption }, { id: me.id, username: me.username });
    if (!addressed) return;
    if (!(await admitChat(ctx, deps))) return;
    await withErrorBoundary(ctx, deps, addressed.command, async () => {
      // Only a question in the caption can be answered; the rest says what the bot reads.
      const question = addressed.command === "ask" || addressed.command === "draft" || addressed.command === "find";
      if (!question || addressed.text === "") {
        deps.logger.info({ chatId: ctx.chat.id, kinds: MEDIA.filter((k) => msg[k] !== undefined) }, "non-text message");
        await replyText(ctx, TEXT.textOnly, msg.message_id);
        return;
      }
      await answer(ctx, deps, addressed, addressed.command as "ask" | "draft" | "find", TEXT.captionOnly);
    });
  });
  return composer;
}

async function dispatch(ctx: TextContext, deps: BotDeps, a: Addressed, reindexState: { busy: boolean }): Promise<void> {
  const replyTo = ctx.msg.message_id;
  switch (a.command) {
    case "help":
    case "start":
      await replyHtml(ctx, formatHelp(ctx.me.username), { replyTo });
      return;
    case "unknown":
      await replyHtml(ctx, `${escapeHtml(TEXT.unknownCommand)}\n\n${formatHelp(ctx.me.username)}`, { replyTo });
      return;
    case "sources": {
      const sources = await withTyping(ctx, () => deps.service.sources());
      await replyHtml(ctx, formatSourceList(sources), { replyTo });
      return;
    }
    case "reindex":
      await handleReindex(ctx, deps, reindexState);
      return;
    case "ask":
    case "draft":
    case "find":
      await answer(ctx, deps, a, a.command);
      return;
  }
}

/** Checks that must pass before the service is called; replies and returns false otherwise. */
async function admitQuestion(ctx: TextContext, deps: BotDeps, a: Addressed, kind: "ask" | "draft" | "find"): Promise<boolean> {
  const replyTo = ctx.msg.message_id;
  const text = a.text;
  if (text === "") {
    await replyText(ctx, a.via === "mention" ? mentionUsage(ctx.me.username) : USAGE[kind], replyTo);
    return false;
  }
  const length = [...text].length;
  if (length > deps.config.maxQuestionChars) {
    await replyText(ctx, tooLongText(length, deps.config.maxQuestionChars), replyTo);
    return false;
  }
  // Thanks and greetings are answered without a search and do not use up the quota.
  if (kind === "ask" && smallTalkReply(text) !== undefined) return true;
  const admitted = deps.limiter.tryAcquire(ctx.from?.id ?? ctx.chat.id, ctx.chat.id);
  if (!admitted.ok) {
    deps.logger.info({ chatId: ctx.chat.id, userId: ctx.from?.id, scope: admitted.scope, notified: admitted.notify }, "rate limited");
    // Told once until the wait is over; a burst of questions does not get a burst of notices.
    if (admitted.notify) await replyText(ctx, rateLimitedText(admitted.scope, admitted.limit, admitted.retryAfterMs), replyTo);
    return false;
  }
  return true;
}

interface Produced {
  html: string;
  /** Set for answers that get buttons and can be followed up. */
  remember?: { answer: string; citations: Citation[] };
  found: boolean;
}

async function produce(deps: BotDeps, kind: "ask" | "draft" | "find", text: string, history: Turn[]): Promise<Produced> {
  const options = history.length > 0 ? { history } : undefined;
  if (kind === "ask") {
    const r = await deps.service.ask(text, options);
    // "谢谢", "你好": a plain reply, with no buttons to rate and nothing to follow up.
    if (r.smallTalk) return { html: formatAnswer(r), found: false };
    // A refusal that searched nothing ("问题中没有可以查询的内容", a follow-up with nothing before it) has nothing to rate either.
    if (!r.found && !r.nearest?.length) return { html: formatAnswer(r), found: false };
    return { html: formatAnswer(r), remember: { answer: r.answer, citations: r.citations }, found: r.found };
  }
  if (kind === "draft") {
    const r = await deps.service.draft(text, options);
    return { html: formatDraft(r), remember: { answer: r.draft, citations: r.citations }, found: r.found };
  }
  const r = await deps.service.find(text);
  return { html: formatFind(r), found: r.documents.length > 0 };
}

/** Answers an addressed question; `preface` (a notice in italics) goes before the answer. */
async function answer(ctx: TextContext, deps: BotDeps, a: Addressed, kind: "ask" | "draft" | "find", preface?: string): Promise<void> {
  if (!(await admitQuestion(ctx, deps, a, kind))) return;
  const chatId = ctx.chat.id;
  const history =
    a.replyToBotMessageId !== undefined && kind !== "find"
      ? deps.memory.historyFor(chatId, a.replyToBotMessageId, a.replyToBotText)
      : [];
  const started = Date.now();
  const produced = await withTyping(ctx, () => produce(deps, kind, a.text, history));

  const record = produced.remember
    ? deps.memory.remember({ chatId, question: a.text, history, ...produced.remember })
    : undefined;
  const keyboard = record ? answerKeyboard(record.id, record.citations.length > 0) : undefined;
  const html = preface ? `<i>${escapeHtml(preface)}</i>\n\n${produced.html}` : produced.html;
  const sent = await replyHtml(ctx, html, { replyTo: ctx.msg.message_id, keyboard });
  if (record) deps.memory.attachMessages(record, sent.map((m) => m.message_id));

  deps.logger.info(
    {
      chatId,
      userId: ctx.from?.id,
      kind,
      chars: a.text.length,
      followUp: history.length > 0,
      found: produced.found,
      citations: record?.citations.length ?? 0,
      parts: sent.length,
      ms: Date.now() - started,
    },
    "answered",
  );
}

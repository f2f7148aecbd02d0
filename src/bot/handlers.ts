/** Text messages addressed to the bot: questions, drafts, searches, help. */
import { Composer, type Context, type Filter } from "grammy";
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
import { TEXT, USAGE, tooLongText } from "./texts.js";
import { withTyping } from "./typing.js";

type TextContext = Filter<Context, "message:text">;

export function textHandlers(deps: BotDeps, reindexState: { busy: boolean }): Composer<Context> {
  const composer = new Composer<Context>();
  composer.on("message:text", async (ctx) => {
    const me = ctx.me;
    const addressed = addressOf(ctx.msg, { id: me.id, username: me.username });
    if (!addressed) return;
    if (!(await admitChat(ctx, deps))) return;
    await withErrorBoundary(ctx, deps, addressed.command, () => dispatch(ctx, deps, addressed, reindexState));
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
async function admitQuestion(ctx: TextContext, deps: BotDeps, text: string, kind: "ask" | "draft" | "find"): Promise<boolean> {
  const replyTo = ctx.msg.message_id;
  if (text === "") {
    await replyText(ctx, USAGE[kind], replyTo);
    return false;
  }
  const length = [...text].length;
  if (length > deps.config.maxQuestionChars) {
    await replyText(ctx, tooLongText(length, deps.config.maxQuestionChars), replyTo);
    return false;
  }
  if (!deps.limiter.tryAcquire(ctx.from?.id ?? ctx.chat.id, ctx.chat.id)) {
    deps.logger.info({ chatId: ctx.chat.id, userId: ctx.from?.id }, "rate limited");
    await replyText(ctx, TEXT.rateLimited, replyTo);
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
    return { html: formatAnswer(r), remember: { answer: r.answer, citations: r.citations }, found: r.found };
  }
  if (kind === "draft") {
    const r = await deps.service.draft(text, options);
    return { html: formatDraft(r), remember: { answer: r.draft, citations: r.citations }, found: r.found };
  }
  const r = await deps.service.find(text);
  return { html: formatFind(r), found: r.documents.length > 0 };
}

async function answer(ctx: TextContext, deps: BotDeps, a: Addressed, kind: "ask" | "draft" | "find"): Promise<void> {
  if (!(await admitQuestion(ctx, deps, a.text, kind))) return;
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
  const sent = await replyHtml(ctx, produced.html, { replyTo: ctx.msg.message_id, keyboard });
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

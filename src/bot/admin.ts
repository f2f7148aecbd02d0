/** Admin-only actions: /reindex, and documents sent in a private chat. */
import { Composer, type Context } from "grammy";
import { errorMessage } from "../util/errors.js";
import { withErrorBoundary } from "./boundary.js";
import type { BotDeps } from "./deps.js";
import { MAX_DOWNLOAD_BYTES, downloadTelegramFile } from "./files.js";
import { admitChat } from "./gate.js";
import { logError } from "./log.js";
import { replyText } from "./reply.js";
import { TEXT, addedText, adminFailedText, fileTooBigText, importingText, reindexedText } from "./texts.js";

export async function handleReindex(ctx: Context, deps: BotDeps, state: { busy: boolean }): Promise<void> {
  const replyTo = ctx.msg?.message_id;
  if (!deps.access.isAdmin(ctx.from?.id)) {
    await replyText(ctx, TEXT.adminOnly, replyTo);
    return;
  }
  if (state.busy) {
    await replyText(ctx, TEXT.reindexBusy, replyTo);
    return;
  }
  state.busy = true;
  try {
    await replyText(ctx, TEXT.reindexing, replyTo);
    let summary: string;
    try {
      summary = reindexedText(await deps.admin.reindex());
    } catch (e) {
      logError(deps.logger, deps.token, e, { userId: ctx.from?.id }, "reindex failed");
      await replyText(ctx, adminFailedText("reindex", errorMessage(e)), replyTo);
      return;
    }
    deps.logger.info({ userId: ctx.from?.id }, "reindexed");
    await replyText(ctx, summary, replyTo);
  } finally {
    state.busy = false;
  }
}

export function documentHandlers(deps: BotDeps): Composer<Context> {
  const composer = new Composer<Context>();
  composer.chatType("private").on("message:document", async (ctx) => {
    if (!(await admitChat(ctx, deps))) return;
    await withErrorBoundary(ctx, deps, "document", async () => {
      const replyTo = ctx.msg.message_id;
      const doc = ctx.msg.document;
      const fileName = doc.file_name ?? `${doc.file_unique_id}`;
      if (!deps.access.isAdmin(ctx.from.id)) {
        deps.logger.info({ userId: ctx.from.id }, "document from a non-admin refused");
        await replyText(ctx, TEXT.documentRefused, replyTo);
        return;
      }
      if (doc.file_size !== undefined && doc.file_size > MAX_DOWNLOAD_BYTES) {
        await replyText(ctx, fileTooBigText(MAX_DOWNLOAD_BYTES / 1024 / 1024), replyTo);
        return;
      }
      await replyText(ctx, importingText(fileName), replyTo);
      let summary: string;
      try {
        const data = await downloadTelegramFile(ctx.api, {
          token: deps.token,
          apiRoot: deps.config.apiRoot,
          fileId: doc.file_id,
        });
        summary = addedText(await deps.admin.addDocument(fileName, data));
      } catch (e) {
        logError(deps.logger, deps.token, e, { userId: ctx.from.id, fileName }, "document import failed");
        await replyText(ctx, adminFailedText("import", errorMessage(e)), replyTo);
        return;
      }
      deps.logger.info({ userId: ctx.from.id, fileName }, "document added");
      await replyText(ctx, summary, replyTo);
    });
  });
  return composer;
}

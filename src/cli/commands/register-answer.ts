import fs from "node:fs/promises";
import type { Command } from "commander";
import type { Context } from "../context.js";
import type { AnswerService, Turn } from "../../answer/types.js";
import { SwappableRetriever, createAdminActions, createService, openRetriever } from "../../app.js";
import { eachStdinLine, print, printJson } from "../output.js";
import { notBoth, requireText } from "../args.js";
import { formatAsk, formatDraft } from "../../chat/format.js";
import { runChat } from "../../chat/terminal.js";
import { runIngest } from "./ingest.js";
import { indexExists } from "../../index/store.js";
import { UsageError } from "../../util/errors.js";
import { runEval } from "./eval.js";

async function openService(ctx: Context) {
  const retriever = new SwappableRetriever(await openRetriever(ctx.config, ctx.indexDir));
  return { retriever, service: createService(ctx.config, retriever, ctx.logger) };
}

async function readHistory(file: string | undefined): Promise<Turn[]> {
  if (!file) return [];
  let raw: string;
  try {
    raw = await fs.readFile(file, "utf8");
  } catch {
    throw new UsageError(`cannot read history file ${file}`);
  }
  try {
    const trimmed = raw.trim();
    // A JSON array of {role, content}, or JSONL of the same.
    const turns = (trimmed.startsWith("[") ? JSON.parse(trimmed) : trimmed.split("\n").filter(Boolean).map((l) => JSON.parse(l))) as Turn[];
    if (!Array.isArray(turns) || turns.some((t) => (t.role !== "user" && t.role !== "assistant") || typeof t.content !== "string" || (t.citations !== undefined && !validCitations(t.citations)))) throw new Error("shape");
    return turns;
  } catch {
    throw new UsageError(`history file ${file} must be a JSON array (or JSON lines) of {"role":"user"|"assistant","content":"…"} (an assistant turn may add the "citations" ask --json gave)`);
  }
}

/** The "citations" of an `ask --json` answer, as a history file may give them with its assistant turn. */
function validCitations(cs: unknown): boolean {
  return (
    Array.isArray(cs) &&
    cs.every((c: Record<string, unknown>) => typeof c === "object" && c !== null && Number.isInteger(c.n) && typeof c.file === "string" && typeof c.article === "string" && typeof c.section === "string" && Number.isInteger(c.lineStart) && Number.isInteger(c.lineEnd))
  );
}

/**
 * chat, bot and start talk to a person (or to Telegram), not to a program:
 * they have no JSON form, and the global --json would be silently ignored.
 */
function noJson(name: string, cmd: Command): void {
  if ((cmd.optsWithGlobals() as { json?: boolean }).json) throw new UsageError(`${name} has no --json output: for JSON, use ask, draft or find with --json`);
}

/** ask, draft, chat, bot, start, eval. */
export function registerAnswerCommands(program: Command, ctx: (cmd: Command) => Context): void {
  // ask and draft share their shape: a text or --stdin, earlier turns, JSON or a readable form.
  const answering = [
    { name: "ask", arg: "question", what: "answer a question from the documents, with citations", run: (s: AnswerService, q: string, history: Turn[]) => s.ask(q, { history }), format: formatAsk },
    { name: "draft", arg: "request", what: "draft one to three paragraphs in the register of a work report, from the documents", run: (s: AnswerService, q: string, history: Turn[]) => s.draft(q, { history }), format: formatDraft },
  ] as const;
  for (const c of answering) {
    program
      .command(c.name)
      .description(c.what)
      .argument(`[${c.arg}]`)
      .option("--history <file>", "earlier turns (JSON array of {role, content}) for follow-up questions")
      .option("--stdin", `read one ${c.arg} per line, write one JSON object per line`)
      .option("--index <dir>", "index directory")
      .option("--json", "machine-readable output")
      .action(async (text: string | undefined, opts: { history?: string; stdin?: boolean }, cmd: Command) => {
        notBoth(c.name, c.arg.toUpperCase(), text, opts.stdin);
        // A blank text is answered (see requireText): only a missing or empty one is wrong usage.
        if (!opts.stdin) requireText(text, { missing: `${c.name} needs a ${c.arg.toUpperCase()} or --stdin` });
        const ctxt = ctx(cmd);
        const history = await readHistory(opts.history);
        const { service } = await openService(ctxt);
        if (opts.stdin) return eachStdinLine({ key: c.arg, error: `empty ${c.arg}` }, (q) => c.run(service, q, history));
        const r = await c.run(service, text!, history);
        if (ctxt.json) printJson(r);
        else print((c.format as (x: typeof r) => string)(r));
      });
  }

  program
    .command("chat")
    .description("chat in the terminal (/ask /draft /find /sources /help)")
    .option("--index <dir>", "index directory")
    .action(async (_opts: unknown, cmd: Command) => {
      noJson("chat", cmd);
      const { service } = await openService(ctx(cmd));
      await runChat(service);
    });

  program
    .command("bot")
    .description("run the Telegram bot (needs TELEGRAM_BOT_TOKEN); ingests data/docs first when there is no index")
    .option("--index <dir>", "index directory")
    .action(async (_opts: unknown, cmd: Command) => {
      noJson("bot", cmd);
      const c = ctx(cmd);
      if (!c.config.telegram) throw new UsageError("TELEGRAM_BOT_TOKEN is not set: set it in .env, or use `policybot chat`");
      await runBot(c);
    });

  program
    .command("start")
    .description("what `npm start` runs: ingest when there is no index, then the Telegram bot (with TELEGRAM_BOT_TOKEN) or the terminal chat")
    .option("--index <dir>", "index directory")
    .action(async (_opts: unknown, cmd: Command) => {
      noJson("start", cmd);
      const c = ctx(cmd);
      if (c.config.telegram) return runBot(c);
      await ensureIndex(c);
      const { service } = await openService(c);
      await runChat(service);
    });

  program
    .command("eval")
    .description("measure retrieval on evaluation sets (JSONL; several files are measured as one set)")
    .argument("<files...>")
    .option("--answers", "also run each question through the answer layer (with the LLM when configured): answered, cited right, declined")
    .option("--index <dir>", "index directory")
    .option("--json", "machine-readable output")
    .action(async (files: string[], opts: { answers?: boolean }, cmd: Command) => runEval(ctx(cmd), files, opts));
}

async function ensureIndex(c: Context): Promise<void> {
  if (indexExists(c.indexDir)) return;
  c.logger.info({ docs: c.config.docsDir }, "no index yet: ingesting the documents first");
  await runIngest({ ...c, json: false }, [c.config.docsDir], {});
}

async function runBot(c: Context): Promise<void> {
  await ensureIndex(c);
  const { retriever, service } = await openService(c);
  const t = c.config.telegram!;
  const { runTelegramBot } = await import("../../bot/run.js");
  const path = await import("node:path");
  await runTelegramBot({
    config: { ...t, maxQuestionChars: c.config.maxQuestionChars, feedbackFile: path.join(c.config.dataDir, "feedback", "feedback.jsonl") },
    service,
    admin: createAdminActions(c.config, c.indexDir, retriever, c.logger),
    logger: c.logger,
  });
}

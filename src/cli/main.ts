#!/usr/bin/env node
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import dotenv from "dotenv";
import path from "node:path";
import { loadConfig, secretsOf } from "../config.js";
import { createLogger } from "../util/logger.js";
import { PolicybotError, errorMessage } from "../util/errors.js";
import type { Context } from "./context.js";
import { notBoth, requireText } from "./args.js";
import { runIngest } from "./commands/ingest.js";
import { runInspect } from "./commands/inspect.js";
import { runSearch } from "./commands/search.js";
import { runFind } from "./commands/find.js";
import { registerAnswerCommands } from "./commands/register-answer.js";

/**
 * `policybot` — one CLI over every front end. Exit codes: 0 done, 1 failed,
 * 2 wrong usage. Results go to stdout (one JSON object with --json), logs and
 * progress to stderr.
 */
function positiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 1000) throw new InvalidArgumentError("must be a whole number from 1 to 1000");
  return n;
}

export function buildProgram(getContext: (opts: { index?: string; json?: boolean }) => Context): Command {
  const program = new Command("policybot")
    .description("Answers questions about Chinese policy documents and work reports, with citations.")
    .addOption(new Option("--index <dir>", "index directory").default(undefined, "data/index"))
    .option("--json", "machine-readable output on stdout")
    .showHelpAfterError()
    .exitOverride();

  const ctx = (cmd: Command) => getContext(cmd.optsWithGlobals() as { index?: string; json?: boolean });

  program
    .command("ingest")
    .description("load, clean, split, chunk and index documents (default: data/docs)")
    .argument("[paths...]", "files or directories")
    .option("--rebuild", "ignore the existing index (e.g. after changing EMBEDDER)")
    .option("--index <dir>", "index directory")
    .option("--json", "machine-readable output")
    .action(async (paths: string[], opts: { rebuild?: boolean }, cmd: Command) => {
      await runIngest(ctx(cmd), paths, opts);
    });

  program
    .command("inspect")
    .description("show what the bot sees of one file: articles, chunks, dropped lines")
    .argument("<file>")
    .option("--json", "machine-readable output")
    .action(async (file: string, _opts: unknown, cmd: Command) => runInspect(ctx(cmd), file));

  program
    .command("search")
    .description("hybrid search for passages")
    .argument("[query]")
    .option("--k <n>", "number of results", positiveInt, 5)
    .option("--stdin", "read one query per line, write one JSON object per line")
    .option("--index <dir>", "index directory")
    .option("--json", "machine-readable output")
    .action(async (query: string | undefined, opts: { k: number; stdin?: boolean }, cmd: Command) => {
      notBoth("search", "QUERY", query, opts.stdin);
      if (!opts.stdin) requireText(query, { missing: "search needs a QUERY or --stdin", blank: "search: the QUERY has no word or number to search for" });
      await runSearch(ctx(cmd), query, opts);
    });

  program
    .command("find")
    .description("which documents cover a topic")
    .argument("<topic>")
    .option("--k <n>", "number of documents", positiveInt, 5)
    .option("--index <dir>", "index directory")
    .option("--json", "machine-readable output")
    .action(async (topic: string, opts: { k: number }, cmd: Command) => {
      requireText(topic, { missing: "find needs a TOPIC", blank: "find: the TOPIC has no word or number to search for" });
      await runFind(ctx(cmd), topic, opts);
    });

  registerAnswerCommands(program, ctx);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  // A reader that stops early (`policybot search --stdin --json … | head -1`)
  // closes the pipe: the rest of the output has nowhere to go, and that is the
  // reader's choice, not a failure. Without this, Node throws the EPIPE as an
  // unhandled 'error' event with a stack trace.
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(0);
    throw e;
  });
  dotenv.config({ quiet: true });
  const env = process.env;
  let context: Context | undefined;
  const getContext = (opts: { index?: string; json?: boolean }): Context => {
    if (!context) {
      const config = loadConfig(env);
      const serving = argv.includes("bot") || (argv.includes("start") && Boolean(config.telegram));
      context = { config, logger: createLogger(config.logLevel ?? (serving ? "info" : "warn"), process.stderr, secretsOf(config)), indexDir: path.resolve(opts.index ?? config.indexDir), json: Boolean(opts.json) };
    }
    return context;
  };
  const program = buildProgram(getContext);
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (e) {
    const json = argv.includes("--json");
    if (e instanceof CommanderError) {
      // Help asked for (--help, `help`) is done; help shown because no command was given is wrong usage (commander gives it exit code 1).
      if (e.code === "commander.helpDisplayed" || e.code === "commander.version" || (e.code === "commander.help" && e.exitCode === 0)) return 0;
      if (e.code === "commander.help") {
        if (json) process.stdout.write(JSON.stringify({ error: "no command given: see policybot --help" }) + "\n");
        return 2;
      }
      // Commander has already explained on stderr; JSON callers get the one line on stdout too.
      if (json) process.stdout.write(JSON.stringify({ error: e.message.replace(/^error: /, "") }) + "\n");
      return 2;
    }
    const message = errorMessage(e);
    const code = e instanceof PolicybotError ? e.exitCode : 1;
    if (json && !(e instanceof PolicybotError && e.reported)) process.stdout.write(JSON.stringify({ error: message }) + "\n");
    process.stderr.write(`policybot: ${message}\n`);
    if (!(e instanceof PolicybotError) && env.LOG_LEVEL === "debug") process.stderr.write(`${(e as Error)?.stack ?? ""}\n`);
    return code;
  }
}

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`policybot: ${errorMessage(e)}\n`);
    process.exitCode = 1;
  },
);

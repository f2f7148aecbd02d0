import type { Context } from "../context.js";
import { SwappableRetriever, createService, openRetriever } from "../../app.js";
import { articleNumber, evaluate, formatEval, readEvalSet, type EvalItem } from "../../eval/metrics.js";
import { evaluateAnswers, formatAnswers } from "../../eval/answers.js";
import { HybridRetriever } from "../../retrieve/hybrid.js";
import { createProgress } from "../progress.js";
import { print, printJson, warn } from "../output.js";
import { PolicybotError, UsageError } from "../../util/errors.js";

export async function runEval(ctx: Context, files: string[], opts: { answers?: boolean } = {}): Promise<void> {
  const perFile = await Promise.all(files.map(readEvalSet));
  const items = perFile.flat();
  const sets = perFile.flatMap((list, i) => list.map(() => files[i]!));
  const ids = new Set<string>();
  for (const item of items) {
    if (ids.has(item.id)) throw new UsageError(`question id ${item.id} appears twice in ${files.join(", ")}`);
    ids.add(item.id);
  }
  const retriever = await openRetriever(ctx.config, ctx.indexDir);
  checkFilesIndexed(items, Object.keys(retriever.index.manifest.files), ctx.indexDir);
  // The same index and chunks with the vector side switched off, to show what the embedder adds.
  const lexicalOnly = new HybridRetriever(retriever.index, retriever.embedder, { ...retriever.options, vectorWeight: 0 });
  const report = await evaluate(retriever, items, { lexicalOnly, sets });
  let answers;
  if (opts.answers) {
    // The answer layer as `ask` runs it: with the LLM when one is configured.
    const service = createService(ctx.config, new SwappableRetriever(retriever), ctx.logger);
    const progress = createProgress(!ctx.json && !ctx.config.ci);
    try {
      answers = await evaluateAnswers(service, items, (file, title) => articleNumber(retriever.index, file, title), (done, total) => progress.update("answers", done, total));
    } finally {
      progress.stop();
    }
  }
  if (ctx.json) printJson(answers ? { ...report, answers } : report);
  else print(answers ? `${formatEval(report)}\n\n${formatAnswers(answers)}` : formatEval(report));
}

/**
 * A question about a file the index lacks can only miss, which reads as a
 * retrieval failure: say how many there are (stderr, so --json stays one
 * document), and refuse a set none of whose files are indexed (the wrong
 * --index, or nothing ingested yet): its figures would measure nothing.
 */
function checkFilesIndexed(items: EvalItem[], indexed: string[], indexDir: string): void {
  const have = new Set(indexed);
  const named = items.filter((i) => i.file !== null);
  const lacking = named.filter((i) => !have.has(i.file!));
  if (lacking.length === 0) return;
  const files = [...new Set(lacking.map((i) => i.file!))];
  const list = files.length > 5 ? `${files.slice(0, 5).join(", ")} and ${files.length - 5} more` : files.join(", ");
  if (lacking.length === named.length) throw new PolicybotError(`none of the files the evaluation set names is in the index ${indexDir} (${list}): ingest them, or pass the right --index`);
  warn(`${lacking.length} question(s) name files not in the index: ${list}`);
}

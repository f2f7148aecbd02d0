import type { Context } from "../context.js";
import { SwappableRetriever, createService, openRetriever } from "../../app.js";
import { articleNumber, evaluate, formatEval, readEvalSet } from "../../eval/metrics.js";
import { evaluateAnswers, formatAnswers } from "../../eval/answers.js";
import { HybridRetriever } from "../../retrieve/hybrid.js";
import { createProgress } from "../progress.js";
import { print, printJson } from "../output.js";
import { UsageError } from "../../util/errors.js";

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

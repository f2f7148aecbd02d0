import type { Context } from "../context.js";
import { openRetriever } from "../../app.js";
import { evaluate, formatEval, readEvalSet } from "../../eval/metrics.js";
import { print, printJson } from "../output.js";
import { UsageError } from "../../util/errors.js";

export async function runEval(ctx: Context, files: string[]): Promise<void> {
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
  const { HybridRetriever } = await import("../../retrieve/hybrid.js");
  const lexicalOnly = new HybridRetriever(retriever.index, retriever.embedder, { ...retriever.options, vectorWeight: 0 });
  const report = await evaluate(retriever, items, { lexicalOnly, sets });
  if (ctx.json) printJson(report);
  else print(formatEval(report));
}

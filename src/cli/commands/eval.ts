import type { Context } from "../context.js";
import { openRetriever } from "../../app.js";
import { evaluate, formatEval, readEvalSet } from "../../eval/metrics.js";
import { print, printJson } from "../output.js";

export async function runEval(ctx: Context, file: string): Promise<void> {
  const items = await readEvalSet(file);
  const retriever = await openRetriever(ctx.config, ctx.indexDir);
  // The same index and chunks with the vector side switched off, to show what the embedder adds.
  const { HybridRetriever } = await import("../../retrieve/hybrid.js");
  const lexicalOnly = new HybridRetriever(retriever.index, retriever.embedder, { ...retriever.options, vectorWeight: 0 });
  const report = await evaluate(retriever, items, { lexicalOnly });
  if (ctx.json) printJson(report);
  else print(formatEval(report));
}

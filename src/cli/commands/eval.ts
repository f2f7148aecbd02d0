import type { Context } from "../context.js";
import { openRetriever } from "../../app.js";
import { evaluate, formatEval, readEvalSet } from "../../eval/metrics.js";
import { print, printJson } from "../output.js";

export async function runEval(ctx: Context, file: string): Promise<void> {
  const items = await readEvalSet(file);
  const retriever = await openRetriever(ctx.config, ctx.indexDir);
  const report = await evaluate(retriever, items);
  if (ctx.json) printJson(report);
  else print(formatEval(report));
}

import type { Context } from "../context.js";
import { UsageError } from "../../util/errors.js";

export async function runEval(_ctx: Context, file: string): Promise<void> {
  throw new UsageError(`eval is not implemented yet (${file})`);
}

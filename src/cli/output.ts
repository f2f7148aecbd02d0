import readline from "node:readline";
import { PolicybotError, errorMessage } from "../util/errors.js";

/** stdout is for results; everything else (progress, logs) goes to stderr. */
export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value) + "\n");
}

export function print(text: string): void {
  process.stdout.write(text.endsWith("\n") ? text : text + "\n");
}

/** A warning a person must see whatever LOG_LEVEL says (logs may be off); stderr, so JSON on stdout stays clean. */
export function warn(text: string): void {
  process.stderr.write(`policybot: warning: ${text}\n`);
}

/**
 * What `--stdin` writes for a blank input line: the command's own input field
 * (`query`, `question`, `request`), empty, and the error, in the shape of the
 * one-document `{"error": …}` a failed command prints.
 */
export interface BlankLine {
  key: "query" | "question" | "request";
  error: string;
}

/**
 * One query per input line, answered in order, one JSON object per line. The
 * n-th output line answers the n-th input line, so that a caller can pair them
 * up: a blank (or whitespace-only) line is not skipped but answered with an
 * error object. A final newline ends the last line; it does not start another.
 */
export async function eachStdinLine(blank: BlankLine, handle: (line: string) => Promise<unknown>, input: NodeJS.ReadableStream = process.stdin): Promise<void> {
  const rl = readline.createInterface({ input, crlfDelay: Infinity });
  let lines = 0;
  let failed = 0;
  for await (const line of rl) {
    lines++;
    const q = line.trim();
    if (!q) {
      printJson({ [blank.key]: "", error: blank.error });
      continue;
    }
    // A line that fails is answered with its error, and the lines after it are still answered.
    try {
      printJson(await handle(q));
    } catch (e) {
      failed++;
      printJson({ [blank.key]: q, error: errorMessage(e) });
      process.stderr.write(`policybot: line ${lines}: ${errorMessage(e)}\n`);
    }
  }
  if (failed) throw new PolicybotError(`${failed} of ${lines} input line(s) failed (each has an "error" in its output line)`, { reported: true });
}

import readline from "node:readline";

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
export async function eachStdinLine(blank: BlankLine, handle: (line: string) => Promise<unknown>): Promise<void> {
  const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of rl) {
    const q = line.trim();
    printJson(q ? await handle(q) : { [blank.key]: "", error: blank.error });
  }
}

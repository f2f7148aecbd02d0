import readline from "node:readline";

/** stdout is for results; everything else (progress, logs) goes to stderr. */
export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value) + "\n");
}

export function print(text: string): void {
  process.stdout.write(text.endsWith("\n") ? text : text + "\n");
}

/** One query per non-empty input line, answered in order, one JSON object per line. */
export async function eachStdinLine(handle: (line: string) => Promise<unknown>): Promise<void> {
  const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of rl) {
    const q = line.trim();
    if (!q) continue;
    printJson(await handle(q));
  }
}

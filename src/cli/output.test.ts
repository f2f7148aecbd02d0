import { Readable } from "node:stream";
import { afterEach, describe, expect, it, vi } from "vitest";
import { eachStdinLine } from "./output.js";
import { PolicybotError } from "../util/errors.js";

describe("eachStdinLine", () => {
  afterEach(() => vi.restoreAllMocks());

  it("a line that fails is answered with its error; the lines after it are still answered, and the run fails at the end", async () => {
    const out: string[] = [];
    vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => (out.push(String(chunk)), true));
    vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    const input = Readable.from(["零报告制度是怎么规定的？\n婚假有几天？\n\n政务网布点了多少个？\n"]);
    const run = eachStdinLine(
      { key: "question", error: "empty question" },
      async (q) => {
        if (q === "婚假有几天？") throw new TypeError("Cannot read properties of undefined (reading 'passage')");
        return { question: q, answer: `answer to ${q}` };
      },
      input,
    );
    const err = await run.then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(PolicybotError);
    expect((err as PolicybotError).reported).toBe(true);
    expect((err as Error).message).toBe('1 of 4 input line(s) failed (each has an "error" in its output line)');
    expect(out.map((l) => JSON.parse(l))).toEqual([
      { question: "零报告制度是怎么规定的？", answer: "answer to 零报告制度是怎么规定的？" },
      { question: "婚假有几天？", error: "Cannot read properties of undefined (reading 'passage')" },
      { question: "", error: "empty question" },
      { question: "政务网布点了多少个？", answer: "answer to 政务网布点了多少个？" },
    ]);
  });
});

/** The fixtures are real passages: every sentence occurs in the stated lines of the corpus file. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import fixtures from "./fixtures/passages.json" with { type: "json" };
import type { Chunk } from "../ingest/types.js";
import { splitSentences } from "./text.js";

const corpus = readFileSync(new URL("../../data/docs/004_aca56f0dfc7b8c1b.txt", import.meta.url), "utf8").split("\n");
const norm = (s: string) => s.normalize("NFKC").replace(/\s+/g, "");

describe("fixtures/passages.json", () => {
  const chunks = Object.entries(fixtures).filter(([k]) => !k.startsWith("_")) as Array<[string, Chunk]>;
  it.each(chunks)("%s is real text of its lines", (_name, chunk) => {
    expect(chunk.file).toBe("004_aca56f0dfc7b8c1b.txt");
    const lines = norm(corpus.slice(chunk.lineStart - 1, chunk.lineEnd).join(""));
    expect(norm(corpus[chunk.lineStart - 1]!)).not.toBe(""); // starts on a line with text
    for (const s of splitSentences(chunk.text)) expect(lines).toContain(norm(s.text));
  });
});

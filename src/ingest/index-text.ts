import type { Chunk } from "./types.js";

/**
 * What is embedded and keyword-indexed for a chunk: its section path below
 * the article title (context for short passages) and its text. The article
 * title is left out: in a compilation it is the compilation's title, rarely
 * what the article is about (every article of 000 is "实行零报告制度").
 */
export function indexText(chunk: Chunk): string {
  return `${chunk.headingPath.slice(1).join(" ")}\n${chunk.text}`;
}

/**
 * Retrieved passages as the answer layer uses them: deduplicated, numbered
 * for the prompt, and turned into citations.
 */
import type { Chunk } from "../ingest/types.js";
import { spanOf } from "../ingest/parts.js";
import type { SearchHit } from "../retrieve/types.js";
import type { Citation } from "./types.js";
import { normalizeForDedupe, similarity } from "./text.js";

/** A passage given to the model or the extractive composer; n is 1-based. */
export interface Passage {
  n: number;
  chunk: Chunk;
  rank: number;
  score: number;
}

/**
 * Keeps the best-ranked copy of each passage: the corpus repeats paragraphs
 * across articles, and two copies add nothing but a second citation.
 */
export function uniquePassages(hits: SearchHit[], limit: number): Passage[] {
  const sorted = [...hits].sort((a, b) => a.rank - b.rank || b.score - a.score);
  const kept: Passage[] = [];
  const seenIds = new Set<string>();
  const seenTexts = new Set<string>();
  for (const hit of sorted) {
    if (kept.length >= limit) break;
    const key = normalizeForDedupe(hit.chunk.text);
    if (seenIds.has(hit.chunk.id) || seenTexts.has(key)) continue;
    if (kept.some((p) => similarity(p.chunk.text, hit.chunk.text) >= 0.9)) continue;
    seenIds.add(hit.chunk.id);
    seenTexts.add(key);
    kept.push({ n: kept.length + 1, chunk: hit.chunk, rank: hit.rank, score: hit.score });
  }
  return kept;
}

/** Whether two chunks are of the same article of the same file. */
export function sameArticle(a: Chunk, b: Chunk | undefined): boolean {
  return !!b && a.file === b.file && a.articleIndex === b.articleIndex;
}

/** "《title》（file）": how a passage's document is named to the model and to users. */
export function documentLabel(doc: { file: string; article: string }): string {
  return doc.article ? `《${doc.article}》（${doc.file}）` : doc.file;
}

/** The section path without the article title it starts with ("" for the article's own text). */
export function sectionInArticle(doc: { article: string; section: string }): string {
  const prefix = `${doc.article} › `;
  if (doc.section === doc.article) return "";
  return doc.section.startsWith(prefix) ? doc.section.slice(prefix.length) : doc.section;
}

/** Keeps passage text from closing or opening the tags that frame it. */
function neutralizeTags(text: string): string {
  return text.replace(/<(\/?)(passages?|question|request|history)\b/gi, "＜$1$2");
}

function attr(value: string): string {
  return neutralizeTags(value).replace(/"/g, "”").replace(/\s+/g, " ");
}

/** The numbered passages block for a prompt: each passage is data inside its own tag. */
export function formatPassages(passages: Passage[]): string {
  return passages
    .map(
      (p) =>
        `<passage n="${p.n}" document="${attr(documentLabel(p.chunk))}" section="${attr(p.chunk.section)}">\n` +
        `${neutralizeTags(p.chunk.text.trim())}\n</passage>`,
    )
    .join("\n\n");
}

/** User text (a question, a request, history) placed inside a tag of the prompt. */
export function formatUserText(text: string): string {
  return neutralizeTags(text);
}

/**
 * The citation of passage `n`. Its section and lines are those of the
 * paragraphs that hold the sentences the answer took from it (`used`, the
 * quote by default), not the whole passage's: a reader checking the claim
 * finds it in those lines.
 */
export function toCitation(n: number, chunk: Chunk, quote: string, used: readonly string[] = quote ? [quote] : []): Citation {
  const span = spanOf(chunk, used);
  return {
    n,
    id: chunk.id,
    file: chunk.file,
    article: chunk.article,
    section: span.section,
    lineStart: span.lineStart,
    lineEnd: span.lineEnd,
    quote,
    text: chunk.text,
  };
}

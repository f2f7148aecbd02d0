import { createHash } from "node:crypto";
import path from "node:path";
import type { Dropped, ProcessedFile, SourceText } from "./types.js";
import { cleanText } from "./clean/index.js";
import { splitArticles } from "./split.js";
import { chunkArticle, dropRepeats } from "./chunk.js";

/** load → clean → split → chunk for one file: everything but embedding and indexing. */
export function processSource(source: SourceText, hash?: string): ProcessedFile {
  const cleaned = cleanText(source.text);
  const fallbackTitle = path.basename(source.file).replace(/\.[^.]+$/, "");
  const split = splitArticles(cleaned.lines, { fallbackTitle, boilerplate: cleaned.boilerplate });
  const dropped: Dropped[] = [...cleaned.dropped, ...split.dropped];
  const articles = split.articles.map((article) => {
    const dedup = dropRepeats(article.lines);
    dropped.push(...dedup.dropped);
    const chunks = chunkArticle({ ...article, lines: dedup.lines }, source.file);
    const { index, title, ownTitle, lineStart, lineEnd } = article;
    return { index, title, ...(ownTitle ? { ownTitle } : {}), lineStart, lineEnd, chunks };
  });
  dropped.sort((a, b) => a.lineStart - b.lineStart);
  return {
    file: source.file,
    encoding: source.encoding,
    format: source.format,
    hash: hash ?? createHash("sha256").update(source.text).digest("hex"),
    articles,
    dropped,
  };
}

import path from "node:path";
import type { Context } from "../context.js";
import { loadFile } from "../../ingest/load/index.js";
import { processSource } from "../../ingest/process.js";
import { print, printJson } from "../output.js";
import { UsageError } from "../../util/errors.js";
import { existsSync, statSync } from "node:fs";

/** What the bot sees of one file: articles, chunks with their sections and lines, and what cleaning dropped. */
export async function runInspect(ctx: Context, file: string): Promise<void> {
  if (!existsSync(file) || !statSync(file).isFile()) throw new UsageError(`no such file: ${file}`);
  const source = await loadFile({ path: path.resolve(file), file: path.basename(file) });
  const processed = processSource(source);
  const out = {
    file: processed.file,
    articles: processed.articles.map((a) => ({
      title: a.title,
      lineStart: a.lineStart,
      lineEnd: a.lineEnd,
      chunks: a.chunks.map((c) => ({ id: c.id, section: c.section, text: c.text, lineStart: c.lineStart, lineEnd: c.lineEnd })),
    })),
    dropped: processed.dropped,
  };
  if (ctx.json) return printJson(out);
  const lines = [`${out.file} (${source.encoding}, ${source.format}): ${out.articles.length} article(s), ${out.articles.reduce((n, a) => n + a.chunks.length, 0)} chunk(s)`];
  for (const a of out.articles) {
    lines.push("", `## ${a.title}  [lines ${a.lineStart}-${a.lineEnd}]`);
    for (const c of a.chunks) {
      lines.push(`- ${c.section}  [lines ${c.lineStart}-${c.lineEnd}, ${c.text.length} chars]`);
      lines.push(...c.text.split("\n").map((l) => `    ${l}`));
    }
  }
  if (out.dropped.length) {
    lines.push("", "Dropped:");
    for (const d of out.dropped) lines.push(`  lines ${d.lineStart}-${d.lineEnd}: ${d.reason}`);
  }
  print(lines.join("\n"));
}

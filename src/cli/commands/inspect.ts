import path from "node:path";
import type { Context } from "../context.js";
import { loadFile } from "../../ingest/load/index.js";
import { processSource } from "../../ingest/process.js";
import { print, printJson } from "../output.js";
import { LoadError, UsageError, errorMessage } from "../../util/errors.js";
import { statSync, type Stats } from "node:fs";

/** What the bot sees of one file: articles, chunks with their sections and lines, and what cleaning dropped. */
export async function runInspect(ctx: Context, file: string): Promise<void> {
  // Path errors are wrong usage (exit 2), each named for what it is: "no such file" for a directory sent people looking for a typo.
  let stat: Stats | undefined;
  try {
    stat = statSync(file, { throwIfNoEntry: false });
  } catch (e) {
    // A path through a file ("a.txt/b") does not exist either; anything else (a folder we may not enter) cannot be read.
    if ((e as NodeJS.ErrnoException).code !== "ENOTDIR") throw new UsageError(`cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? errorMessage(e)})`);
  }
  if (!stat) throw new UsageError(`no such file: ${file}`);
  if (stat.isDirectory()) throw new UsageError(`${file} is a directory: inspect takes one file (ingest takes directories)`);
  if (!stat.isFile()) throw new UsageError(`not a regular file: ${file}`);
  const source = await loadFile({ path: path.resolve(file), file: path.basename(file) }).catch((e: unknown) => {
    // "empty file" alone does not say which: the one line names it, as ingest's skipped list does.
    throw e instanceof LoadError ? new LoadError(e.file, `${file}: ${e.message}`, { cause: e }) : e;
  });
  const processed = processSource(source);
  const out = {
    file: processed.file,
    articles: processed.articles.map((a) => ({
      title: a.title,
      ...(a.ownTitle ? { ownTitle: a.ownTitle } : {}),
      lineStart: a.lineStart,
      lineEnd: a.lineEnd,
      chunks: a.chunks.map((c) => ({ id: c.id, section: c.section, text: c.text, lineStart: c.lineStart, lineEnd: c.lineEnd })),
    })),
    dropped: processed.dropped,
  };
  if (ctx.json) return printJson(out);
  const lines = [`${out.file} (${source.encoding}, ${source.format}): ${out.articles.length} article(s), ${out.articles.reduce((n, a) => n + a.chunks.length, 0)} chunk(s)`];
  for (const a of out.articles) {
    lines.push("", `## ${a.title}${a.ownTitle ? `：${a.ownTitle}` : ""}  [lines ${a.lineStart}-${a.lineEnd}]`);
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

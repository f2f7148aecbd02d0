import path from "node:path";
import type { Context } from "../context.js";
import { ingest, type IngestReport } from "../../ingest/pipeline.js";
import { createEmbedder } from "../../app.js";
import { createProgress } from "../progress.js";
import { print, printJson } from "../output.js";
import { PolicybotError } from "../../util/errors.js";

export async function runIngest(ctx: Context, paths: string[], opts: { rebuild?: boolean }): Promise<IngestReport> {
  const progress = createProgress(!ctx.json && !ctx.config.ci);
  let report: IngestReport;
  try {
    report = await ingest({
      paths: paths.length ? paths : [ctx.config.docsDir],
      indexDir: ctx.indexDir,
      embedder: createEmbedder(ctx.config),
      ...(opts.rebuild ? { rebuild: true } : {}),
      onProgress: (stage, done, total) => progress.update(stage, done, total),
    });
  } finally {
    progress.stop();
  }
  const failure = report.files === 0 ? "nothing could be ingested" + (report.skipped.length ? ` (${report.skipped.length} file(s) skipped)` : ": no supported files found") : undefined;
  // In JSON mode the report is the one document on stdout, with the error in it when nothing was ingested.
  if (ctx.json) printJson(failure ? { ...report, error: failure } : report);
  else print(formatReport(report));
  if (failure) throw new PolicybotError(failure, { reported: ctx.json });
  return report;
}

export function formatReport(r: IngestReport): string {
  const dir = path.relative(process.cwd(), r.indexDir) || r.indexDir;
  const lines = [
    // Nothing ingested: nothing is written, and an index already there stays as it was.
    r.files === 0
      ? `Nothing was indexed; the index in ${dir} was not changed.`
      : `Indexed ${r.files} file(s), ${r.articles} article(s), ${r.chunks} chunk(s) into ${dir} in ${(r.ms / 1000).toFixed(1)} s (embedder ${r.embedder.id}).`,
  ];
  const list = (label: string, files: string[]) => files.length && lines.push(`  ${label} (${files.length}): ${files.join(", ")}`);
  list("added", r.added);
  list("changed", r.changed);
  list("removed", r.removed);
  if (r.unchanged.length) lines.push(`  unchanged: ${r.unchanged.length} file(s), not re-embedded`);
  if (r.skipped.length) {
    lines.push(`  skipped (${r.skipped.length}):`);
    for (const s of r.skipped) lines.push(`    ${s.file}: ${s.reason}`);
  }
  return lines.join("\n");
}

import type { AskResult, Citation, DraftResult } from "../answer/types.js";
import { citationLine } from "../answer/messages.js";

/** Plain-text forms of answers for the terminal (the bot has its own HTML forms). */
export function formatAsk(r: AskResult): string {
  const lines: string[] = [];
  if (r.notice) lines.push(`【提示】${r.notice}`);
  lines.push(r.answer);
  if (r.citations.length) {
    lines.push("", "来源：");
    for (const c of r.citations) lines.push(citationLine(c));
  }
  if (!r.found && r.nearest?.length && !r.nearest.every((d) => r.answer.includes(d.article))) {
    lines.push("", "最接近的文档：");
    for (const d of r.nearest) lines.push(`  · ${d.article}（${d.file}）`);
  }
  return lines.join("\n");
}

export function formatDraft(r: DraftResult): string {
  const lines: string[] = [];
  if (r.notice) lines.push(`【提示】${r.notice}`);
  lines.push(r.draft);
  // The extractive draft lists its sources itself.
  if (r.citations.length && !r.draft.includes(r.citations[0]!.file)) {
    lines.push("", "来源：");
    for (const c of r.citations) lines.push(citationLine(c));
  }
  return lines.join("\n");
}


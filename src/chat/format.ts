import type { AskResult, Citation, DraftResult } from "../answer/types.js";
import { lineRange } from "../answer/messages.js";
import { sectionInArticle } from "../answer/passages.js";

/** Plain-text forms of answers for the terminal (the bot has its own HTML forms). */
export function formatAsk(r: AskResult): string {
  const lines: string[] = [];
  if (r.notice) lines.push(`【提示】${r.notice}`);
  lines.push(r.answer);
  if (r.citations.length) {
    lines.push("", "来源：");
    for (const c of r.citations) lines.push(sourceLine(c));
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
    for (const c of r.citations) lines.push(sourceLine(c));
  }
  return lines.join("\n");
}

/**
 * `[1] 文章 › 章节（文件，第a–b行）`; just the article when the lines lie under
 * no heading of it, or under several (a passage packing "四、存在的问题" and
 * "五、下一步措施" has only the article in common).
 */
function sourceLine(c: Citation): string {
  const section = sectionInArticle(c);
  return `[${c.n}] ${c.article}${section ? ` › ${section}` : ""}（${c.file}，${lineRange(c.lineStart, c.lineEnd)}）`;
}

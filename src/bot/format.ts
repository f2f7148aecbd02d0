/**
 * Turns answer-layer results into Telegram HTML. Everything that comes from
 * documents, users or the service is escaped here.
 */
import type {
  AskResult,
  Citation,
  DraftResult,
  FindResult,
  NearestDocument,
  SourceInfo,
} from "../answer/types.js";
import { escapeHtml as esc } from "./html.js";
import { HELP_LINES, TEXT } from "./texts.js";
import { citationLine, documentName, documentPath, lineRange, notInDocuments, onlyInTitles, placeInArticle, titledWith } from "../answer/messages.js";
import { locateQuote } from "../ingest/parts.js";

/** Citations in order of their number, each number once. */
export function uniqueCitations(citations: readonly Citation[]): Citation[] {
  const seen = new Set<number>();
  return [...citations]
    .sort((x, y) => x.n - y.n)
    .filter((c) => (seen.has(c.n) ? false : (seen.add(c.n), true)));
}

/** `[1] 标题 · 章节（文件，第a–b行）`, as the terminal and the drafts list sources. */
export function formatCitation(c: Citation): string {
  return esc(citationLine(c));
}

function sourcesBlock(citations: readonly Citation[]): string {
  const list = uniqueCitations(citations);
  if (list.length === 0) return "";
  return `\n\n<b>${TEXT.sourcesHeading}</b>\n` + list.map(formatCitation).join("\n");
}

/** The nearest documents, unless the answer already lists every one of them (the answer service's does). */
function nearestBlock(nearest: readonly NearestDocument[] | undefined, answer = ""): string {
  if (!nearest || nearest.length === 0) return "";
  if (nearest.every((d) => answer.includes(d.file) && answer.includes(d.article))) return "";
  const items = nearest.map((d) => `• ${esc(d.article || d.file)}（${esc(d.file)}）`);
  return `\n\n<b>${TEXT.nearestHeading}</b>\n` + items.join("\n");
}

function noticeBlock(notice: string | undefined): string {
  return notice && notice.trim() !== "" ? `\n\n<i>${esc(notice.trim())}</i>` : "";
}

export function formatAnswer(r: AskResult): string {
  const body = esc(r.answer.trim());
  if (!r.found) return body + noticeBlock(r.notice) + nearestBlock(r.nearest, r.answer);
  return body + noticeBlock(r.notice) + sourcesBlock(r.citations);
}

export function formatDraft(r: DraftResult): string {
  const body = esc(r.draft.trim());
  if (!r.found) return body + noticeBlock(r.notice) + nearestBlock(r.nearest, r.draft);
  // The extractive draft lists its sources itself.
  const listed = r.citations.length > 0 && r.citations.every((c) => r.draft.includes(c.file));
  return body + noticeBlock(r.notice) + (listed ? "" : sourcesBlock(r.citations));
}

export function formatFind(r: FindResult): string {
  if (r.documents.length === 0) return TEXT.findNothing;
  const absent = r.absent?.length ? `${esc(notInDocuments(r.absent))}。\n` : "";
  const head = r.titleOnly?.length
    ? `${esc(onlyInTitles(r.titleOnly))}\n${esc(titledWith(r.titleOnly))}\n\n`
    : absent + (r.confident ? (absent ? `${TEXT.findNearest}\n\n` : "") : `${TEXT.findNotConfident}\n\n`);
  const docs = r.documents.map((d) => {
    const title = `<b>${d.rank}. ${esc(documentName(d))}</b>（${esc(d.file)}，${lineRange(d.lineStart, d.lineEnd)}）`;
    const sections = d.sections.map((s) => `  • ${esc(placeInArticle({ ...s, article: documentPath(d) }))}${s.snippet ? `：${esc(s.snippet)}` : ""}`);
    return [title, ...sections].join("\n");
  });
  return head + docs.join("\n\n");
}

export function formatSourceList(sources: readonly SourceInfo[]): string {
  if (sources.length === 0) return TEXT.noDocuments;
  const items = sources.map((s, i) => {
    const titles = s.articles.map((a) => esc(a.title)).join("、");
    return `${i + 1}. ${esc(s.file)}${titles ? ` — ${titles}` : ""}`;
  });
  return `<b>索引中的文件（${sources.length} 个）</b>\n` + items.join("\n");
}

/** The cited passages, for the "查看引用原文" button: each whole, with the sentence that supports the answer in bold. */
export function formatPassages(citations: readonly Citation[]): string {
  const list = uniqueCitations(citations);
  if (list.length === 0) return TEXT.noPassages;
  return list
    .map((c) => `<b>${formatCitation(c)}</b>\n<blockquote>${highlight(c.text.trim(), c.quote)}</blockquote>`)
    .join("\n\n");
}

/** `text` escaped, with `quote` (as cited: a leading "……" and closing punctuation may differ) in bold where it occurs. */
function highlight(text: string, quote: string): string {
  const at = locateQuote(text, quote);
  if (!at) return esc(text);
  return `${esc(text.slice(0, at.start))}<b>${esc(text.slice(at.start, at.end + 1))}</b>${esc(text.slice(at.end + 1))}`;
}

export function formatHelp(botUsername: string): string {
  return HELP_LINES.map((l) => esc(l.replace("{bot}", botUsername))).join("\n");
}

import { decodeHTML } from "entities";

/**
 * HTML a scraper left in plain text: tags ("<p>", "<br/>", "<span
 * style=…>"), character references ("&nbsp;", "&ldquo;", "&#8220;"), and
 * closing tags whose "<" a garbled run swallowed: "有了著落？!?/p>", "相当男Ч?/p>"
 * (001 line 51, 003 line 17). Only HTML's own tag names count, so a title
 * written in angle brackets ("<中小学校责任督学挂牌督导办法>") stays.
 */
const TAG_NAMES = "a|abbr|article|b|big|blockquote|br|center|code|div|em|font|h[1-6]|hr|i|img|label|li|nobr|o:p|ol|p|pre|section|small|span|strong|sub|sup|table|tbody|td|th|thead|tr|u|ul";
const TAG = new RegExp(`</?(?:${TAG_NAMES})(?:\\s[^<>]*)?/?>`, "gi");
/** Block-level tags end a paragraph: removed, they leave a space so that Latin words on either side stay apart (spaces between Chinese characters go later). */
const BLOCK_TAG = /^<\/?(?:article|blockquote|br|center|div|h[1-6]|hr|li|ol|p|pre|section|table|tbody|td|th|thead|tr|ul)\b/i;
/** A closing tag that lost its "<" to the garbled bytes before it, with the question marks the garbling left. */
const SWALLOWED_CLOSE = /[?？!！]*\/(?:p|div|li|td|span|h[1-6])>/gi;
const REFERENCE = /&(?:[a-zA-Z][a-zA-Z0-9]{1,9}|#\d{2,7}|#[xX][0-9a-fA-F]{2,6});/g;
/** Punctuation that already ends a sentence or clause. */
const ENDS_SENTENCE = /[。！？!?；;：:…”」』）)》]$/;

export function stripHtmlResidue(line: string): string {
  if (!line.includes("<") && !line.includes(">") && !line.includes("&")) return line;
  let out = line.replace(TAG, (tag) => (BLOCK_TAG.test(tag) ? " " : ""));
  // The garbled "。</p>": the paragraph ended there, so it ends a sentence.
  out = out.replace(SWALLOWED_CLOSE, (_m, offset: number, all: string) => {
    const before = all.slice(0, offset).trimEnd();
    return before === "" || ENDS_SENTENCE.test(before) ? "" : "。";
  });
  out = out.replace(REFERENCE, (ref) => {
    const decoded = decodeHTML(ref);
    return decoded === ref ? ref : decoded.replace(/\u00A0/g, " ");
  });
  return out.replace(/ {2,}/g, " ").trim();
}

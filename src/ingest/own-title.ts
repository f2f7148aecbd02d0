import type { Line } from "./types.js";
import { parseHeading } from "./headings.js";

/** The kinds of 公文 a title names last ("…工作意见的通知", "…工作方案", "政府信息公开年度报告"). */
const TITLE_END = /(通知|意见|方案|报告|总结|决定|办法|规定|细则|纲要|规划|要点|讲话|批复|通报|公告|条例)$/;
const SENTENCE_PUNCT = /[，。；！？：,;!?:]/;
const METADATA = /^【[^】]{1,8}】/;
/** The document number the title line carries, "（龙政办〔2007〕224号）", or the start of one the page cut off: "（闽政办[2007]60". */
const DOC_NUMBER = /\s*[（(][^（）()]{0,12}[〔\[［]\d{4}[〕\]］][^（）()]{0,8}[)）]?$/;
const MIN_TITLE = 6;
const MAX_TITLE = 60;
/** How many lines past the metadata a title may open the article at: a short line before it may name the issuer. */
const LOOK = 2;

function titleShaped(text: string): boolean {
  return text.length <= MAX_TITLE && !SENTENCE_PUNCT.test(text) && !parseHeading(text);
}

/**
 * An article's own title, when a compilation gave it only a number ("政府办公室年度工作总结 篇5")
 * and the 公文 itself opens with its title: "龙岩市人民政府办公室关于转发2007年度冬春水利建设工作意见的通知".
 * Looked for in the article's first lines, past the scraped record's 【发布文号】… metadata (cleaning has
 * joined a title the page wrapped), and without the document number after it ("（龙政办〔2007〕224号）").
 * It names what the article is about, so it goes into every passage's section path: citations name
 * the document a user can look up, and every passage of it is found by the subject its title states.
 */
export function ownTitle(lines: readonly Line[]): string | undefined {
  let i = 0;
  while (i < lines.length && METADATA.test(lines[i]!.text)) i++;
  for (const end = Math.min(lines.length, i + LOOK); i < end; i++) {
    const text = lines[i]!.text.trim().replace(DOC_NUMBER, "");
    if (!titleShaped(text)) return undefined;
    if (TITLE_END.test(text)) return text.length >= MIN_TITLE ? text : undefined;
  }
  return undefined;
}

import type { Line } from "../types.js";
import { parseHeading } from "../headings.js";
import { isArticleMarker } from "../markers.js";

/**
 * Sentences broken across lines. Scraped pages cut long lines at a fixed width
 * and PDF text is broken at the column edge ("…是这" / "一时代的主要特征").
 * A line is continued by the next when it does not end a sentence and the next
 * line does not start a heading; short title-like lines are left alone unless
 * the next line plainly continues a word ("干部考核的核" / "心，是对…"). A
 * numbered heading is continued only by the rest of a cut word (one character,
 * then punctuation): "二、存在问题" stays a heading above "目前，我市…".
 */
const ENDS_SENTENCE = /[。！？；;!?：:…」』】）)》”"]$/;
const CONTINUES = /^([，。、；：！？）」』”]|[\u3400-\u9FFF]{1,2}[，。、；：])/;
/** The rest of a word cut at a heading's end: punctuation, or one character and punctuation. */
const CONTINUES_WORD = /^([，。、；：！？）」』”]|[\u3400-\u9FFF][，。、；：])/;
const MIN_WRAPPED = 20;

export function shouldJoin(a: string, b: string): boolean {
  if (!a || !b) return false;
  if (ENDS_SENTENCE.test(a)) return false;
  if (parseHeading(b) || isArticleMarker(b)) return false;
  const ha = parseHeading(a);
  if (ha && !ha.inline && !CONTINUES_WORD.test(b)) return false;
  if (isArticleMarker(a)) return false;
  return a.length >= MIN_WRAPPED || CONTINUES.test(b);
}

export function joinBrokenLines(lines: readonly Line[]): Line[] {
  const out: Line[] = [];
  for (const line of lines) {
    const prev = out[out.length - 1];
    if (prev && shouldJoin(prev.text, line.text)) {
      out[out.length - 1] = { text: prev.text + line.text, lineStart: prev.lineStart, lineEnd: line.lineEnd };
    } else {
      out.push({ ...line });
    }
  }
  return out;
}

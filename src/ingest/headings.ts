/**
 * 公文 heading markers. The canonical hierarchy is 一、 › （一） › 1. › （1）,
 * and documents also use ⒈ ⑴ ① and "一是……二是……". `rank` is the canonical
 * depth (lower = higher level); actual nesting is decided per document by the
 * order in which styles appear (see chunk.ts), since real documents skip levels.
 */
export type HeadingStyle = "cn" | "paren-cn" | "num" | "dotted" | "paren-num" | "circled" | "circled-num" | "yishi";

export interface Heading {
  style: HeadingStyle;
  rank: number;
  /** 1-based ordinal; NaN when the number is a placeholder such as （X）. */
  ordinal: number;
  /** The marker as written, e.g. "一、", "（二）", "⑶". */
  marker: string;
  /** Heading text without the marker, up to the end of its first sentence. */
  title: string;
  /** True when the line goes on after the heading sentence (a heading with its paragraph). */
  inline: boolean;
}

const CN_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

export function cnNumber(s: string): number {
  if (/^\d+$/.test(s)) return Number(s);
  if (s === "十") return 10;
  let total = 0;
  let current = 0;
  for (const ch of s) {
    if (ch === "十") {
      total += (current || 1) * 10;
      current = 0;
    } else if (ch === "百") {
      total += (current || 1) * 100;
      current = 0;
    } else {
      const d = CN_DIGITS[ch];
      if (d === undefined) return NaN;
      current = current * 10 + d;
    }
  }
  return total + current;
}

const CN = "[一二三四五六七八九十]{1,3}";
const PATTERNS: Array<{ style: HeadingStyle; rank: number; re: RegExp; ordinal: (m: RegExpExecArray) => number }> = [
  { style: "cn", rank: 1, re: new RegExp(`^(${CN})\\s*[、.．]\\s*`), ordinal: (m) => cnNumber(m[1]!) },
  { style: "paren-cn", rank: 2, re: new RegExp(`^[（(]\\s*(${CN}|[XxＸ])\\s*[)）]\\s*[、.]?\\s*`), ordinal: (m) => cnNumber(m[1]!) },
  // "1." but not "1.5亿元"; "1、"; "1．"
  { style: "num", rank: 3, re: /^(\d{1,2})\s*(?:[、．]|\.(?!\d))\s*/, ordinal: (m) => Number(m[1]) },
  { style: "dotted", rank: 3, re: /^([\u2488-\u249B])\s*/, ordinal: (m) => m[1]!.charCodeAt(0) - 0x2487 },
  { style: "paren-num", rank: 4, re: /^[（(]\s*(\d{1,2})\s*[)）]\s*/, ordinal: (m) => Number(m[1]) },
  { style: "circled", rank: 4, re: /^([\u2474-\u2487])\s*/, ordinal: (m) => m[1]!.charCodeAt(0) - 0x2473 },
  { style: "circled-num", rank: 5, re: /^([\u2460-\u2473])\s*/, ordinal: (m) => m[1]!.charCodeAt(0) - 0x245f },
  { style: "yishi", rank: 6, re: new RegExp(`^(${CN})是`), ordinal: (m) => cnNumber(m[1]!) },
];

/** Where the heading sentence ends: the first full stop, or a colon/semicolon. */
const SENTENCE_END = /[。！？；;：:]/;
const MAX_TITLE = 60;
/** The first item of an enumeration ("一是") straight after a Chinese character, with no punctuation between. */
const RUN_INTO_ITEM = /[\u4e00-\u9fff](?=一是)/;
const MAX_HEADING_SENTENCE = 45;
/**
 * A title ending in 情况 that the scraper ran into its paragraph with no
 * punctuation between: "五、因政府信息公开申请行政复议、提起行政诉讼情况本办2009年度无发生…".
 * 情况 ends the headings of the standard 政府信息公开年度报告 outline (主动公开政府信息情况,
 * 政府信息公开的收费及减免情况, …); only looked for in a first sentence too long to be a title.
 */
const RUN_INTO_BODY = /情况(?=[\u4e00-\u9fff\d])/;

export function parseHeading(line: string): Heading | null {
  const text = line.trim();
  for (const p of PATTERNS) {
    const m = p.re.exec(text);
    if (!m) continue;
    const body = text.slice(m[0].length);
    if (!body) return null;
    // "一是" keeps its marker as part of the sentence.
    const marker = p.style === "yishi" ? m[0] : m[0].trim();
    const end = body.search(SENTENCE_END);
    let title: string;
    let inline: boolean;
    // A title the scraper ran into its first item: "五、创新采购办法，政府采购工作有新的突破一是我区…".
    const item = p.style === "yishi" ? -1 : body.search(RUN_INTO_ITEM);
    if (item >= 4 && (end < 0 || item < end)) {
      title = body.slice(0, item + 1);
      inline = true;
    } else if (end < 0) {
      title = body;
      inline = body.length > MAX_TITLE;
    } else {
      title = body.slice(0, end);
      // A long first sentence is an item of a list, not a heading.
      inline = body.slice(end + 1).trim().length > 0 || title.length > MAX_HEADING_SENTENCE;
      const run = title.length > MAX_HEADING_SENTENCE ? title.search(RUN_INTO_BODY) : -1;
      if (run >= 4 && run + 2 <= MAX_HEADING_SENTENCE) title = title.slice(0, run + 2);
    }
    // A footnote mark ("⒉巴尔的摩市CitiStat[2]") is not part of the section's name, and in a citation reads like the answer's own [n].
    title = title.replace(/\[\d{1,2}\]/g, "");
    if (title.length > MAX_TITLE) title = title.slice(0, MAX_TITLE) + "…";
    if (p.style === "yishi") title = marker + title;
    return { style: p.style, rank: p.rank, ordinal: p.ordinal(m), marker, title: title.trim(), inline };
  }
  return null;
}

/** The heading as shown in a section path: marker and title, e.g. "（二）强化信息化建设，信息服务水平不断提高". */
export function headingLabel(h: Heading): string {
  return h.style === "yishi" ? h.title : `${h.marker}${h.title}`;
}

import type { Article, Dropped, Line } from "./types.js";
import { parseHeading, type Heading } from "./headings.js";
import { compilationBaseTitle, parsePianMarker } from "./markers.js";
import { ownTitle } from "./own-title.js";

/**
 * A compilation → its articles. Three kinds of boundary, tried in order:
 * 1. 篇 markers ("实行零报告制度篇一", "篇1", "政府办公室年度工作总结 篇8");
 * 2. titles that repeat the compilation title with an ordinal ("…自评报告2");
 * 3. with no markers, the point where the top-level numbering starts again
 *    (see `restartBoundaries`).
 * Lines before the first article (the compilation's title) are reported as dropped.
 */
export interface SplitResult {
  articles: Article[];
  dropped: Dropped[];
  compilationTitle: string;
}

export function splitArticles(lines: readonly Line[], options: { fallbackTitle: string; boilerplate?: readonly Line[] }): SplitResult {
  const compilationTitle = findCompilationTitle(lines, options.boilerplate ?? []) ?? options.fallbackTitle;
  const base = compilationBaseTitle(compilationTitle);

  const starts: Array<{ at: number; title: string; markerLine: boolean }> = [];
  lines.forEach((line, i) => {
    const m = parsePianMarker(line.text);
    if (m) starts.push({ at: i, title: `${m.prefix || base} 篇${m.ordinal}`, markerLine: true });
  });
  if (starts.length === 0 && base.length >= 4) {
    lines.forEach((line, i) => {
      const m = /^(.+?)\s*(\d{1,2})$/.exec(line.text);
      if (m && m[1] === base) starts.push({ at: i, title: line.text, markerLine: true });
    });
  }
  if (starts.length === 0) {
    const cuts = restartBoundaries(lines);
    if (cuts.length > 0) {
      const first = firstContentLine(lines, compilationTitle);
      [first, ...cuts].forEach((at, k) => starts.push({ at, title: `${base} 篇${k + 1}`, markerLine: false }));
    }
  }

  const dropped: Dropped[] = [];
  if (starts.length === 0) {
    // One article: the whole file, titled by its own first line when that is a title.
    const first = firstContentLine(lines, compilationTitle);
    const body = lines.slice(first);
    const title = first > 0 ? compilationTitle : options.fallbackTitle;
    for (const l of lines.slice(0, first)) dropped.push({ lineStart: l.lineStart, lineEnd: l.lineEnd, reason: "document title" });
    return { articles: body.length ? [makeArticle(1, title, body, body[0]!.lineStart)] : [], dropped, compilationTitle: title };
  }

  for (const l of lines.slice(0, starts[0]!.at)) dropped.push({ lineStart: l.lineStart, lineEnd: l.lineEnd, reason: "compilation title or preamble" });
  const articles: Article[] = [];
  starts.forEach((s, k) => {
    const end = starts[k + 1]?.at ?? lines.length;
    const marker = lines[s.at]!;
    const body = lines.slice(s.markerLine ? s.at + 1 : s.at, end);
    if (body.length === 0) return;
    const article = makeArticle(articles.length + 1, s.title, body, marker.lineStart);
    const own = ownTitle(body);
    articles.push(own ? { ...article, ownTitle: own } : article);
  });
  return { articles, dropped, compilationTitle };
}

function makeArticle(index: number, title: string, lines: Line[], lineStart: number): Article {
  return { index, title, lineStart, lineEnd: lines[lines.length - 1]!.lineEnd, lines };
}

/** The compilation's title: a short first line that is not a heading or a sentence, or the topic named in a site introduction. */
function findCompilationTitle(lines: readonly Line[], boilerplate: readonly Line[]): string | undefined {
  const first = lines[0]?.text;
  if (first && isTitleLike(first)) return first;
  for (const b of boilerplate) {
    const m = /(?:挑选|整理|精选|收集|汇编)了?[一二三四五六七八九十\d]+篇(.{2,30}?)(?:范例|范文|例文)?[。，,！!]/.exec(b.text);
    if (m) return m[1];
  }
  return undefined;
}

function isTitleLike(text: string): boolean {
  return text.length <= 50 && !parseHeading(text) && !/[，。：:；！？]/.test(text);
}

function firstContentLine(lines: readonly Line[], title: string): number {
  return lines[0] && lines[0].text === title && isTitleLike(title) ? 1 : 0;
}

// ---------------------------------------------------------------------------
// Compilations without markers (003): where does the next article start?

/** Paragraphs that open a report rather than continue one: salutations, "现将…报告如下", "今天，…". */
const INTRO = [
  /^(?!(作者简介|参考文献|注释|附件|附表|关键词))[^，。；]{2,30}[:：]$/,
  /(现将|特将|现就|现把).{0,60}(报告|汇报|总结|说明)(如下)?[:：。]?$/,
  /(汇报|报告)如下[:：。]?$/,
  /^(今天|一年以来|一年来)[，,]/,
];

export function isIntroParagraph(text: string): boolean {
  return INTRO.some((re) => re.test(text));
}

interface Level {
  style: Heading["style"];
  rank: number;
  ordinal: number;
}

/**
 * Indices of lines where a new article starts, judged from the heading
 * sequence. Only top-level styles (一、 and （一）) count; lists (1. ⑴) restart
 * all the time inside one article. A boundary is a heading numbered 1 that
 * (a) restarts the article's own top-level sequence, (b) is of a higher level
 * than anything the article used so far, or (c) appears below deeper headings
 * it cannot belong to (（一） right after ⒋ under 四、). The intro paragraphs
 * that precede it move with it.
 */
export function restartBoundaries(lines: readonly Line[]): number[] {
  const cuts: number[] = [];
  let stack: Level[] = [];
  let topRank = Infinity;
  let topMaxOrdinal = 0;
  lines.forEach((line, i) => {
    const h = parseHeading(line.text);
    if (!h || h.style === "yishi") return;
    const structural = !h.inline || h.rank <= 2;
    if (!structural) return;
    if (h.rank <= 2 && h.ordinal === 1 && stack.length > 0) {
      const inStack = stack.findIndex((l) => l.style === h.style);
      const deepest = stack[stack.length - 1]!;
      const restartTop = inStack === 0 && topMaxOrdinal >= 2;
      const higher = h.rank < topRank;
      const inverted = inStack < 0 && h.rank < deepest.rank;
      const siblingRestart = inStack > 0 && (stack[inStack]!.ordinal >= 1 || Number.isNaN(stack[inStack]!.ordinal));
      if (restartTop || higher || inverted || siblingRestart) {
        let at = i;
        while (at - 1 > (cuts[cuts.length - 1] ?? 0) && isIntroParagraph(lines[at - 1]!.text) && !parseHeading(lines[at - 1]!.text)) at--;
        cuts.push(at);
        stack = [];
        topRank = Infinity;
        topMaxOrdinal = 0;
      }
    }
    // Nest: a style already open closes everything below it; otherwise close
    // levels that cannot be its parent.
    const idx = stack.findIndex((l) => l.style === h.style);
    if (idx >= 0) stack = stack.slice(0, idx);
    else while (stack.length && stack[stack.length - 1]!.rank >= h.rank) stack.pop();
    stack.push({ style: h.style, rank: h.rank, ordinal: h.ordinal });
    if (stack.length === 1) {
      if (h.rank < topRank || topRank === Infinity) topRank = h.rank;
      if (h.rank === topRank && h.ordinal > topMaxOrdinal) topMaxOrdinal = h.ordinal;
    }
  });
  return cuts;
}

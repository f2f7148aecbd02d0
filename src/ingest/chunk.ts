import { createHash } from "node:crypto";
import type { Article, Chunk, ChunkPart, Dropped, Line } from "./types.js";
import { headingLabel, parseHeading, type Heading } from "./headings.js";

/**
 * An article → chunks along the 公文 heading hierarchy.
 *
 * Each line gets the heading path open at that point. Nesting is decided by
 * the order in which heading styles appear: a style already open closes
 * everything below it; a new style nests under the current heading unless its
 * canonical rank says it cannot (（一） never nests under 1.). Numbered items
 * that carry their own paragraph ("1、个别谈话法。是考核者……") are content,
 * not sections, except for the two top levels.
 *
 * Chunks are packed from whole paragraphs, about MIN–MAX characters, cut at
 * sentence ends when a paragraph is longer than MAX; a section that starts
 * closes the chunk once it is at least MIN long; a heading is never left at
 * the end of a chunk; a short last chunk joins its neighbour.
 */
export const CHUNK_MIN = 200;
export const CHUNK_MAX = 600;
export const SECTION_SEPARATOR = " › ";

interface OpenHeading {
  style: Heading["style"] | "subtitle";
  rank: number;
  label: string;
}

interface Unit {
  text: string;
  lineStart: number;
  lineEnd: number;
  path: string[];
  /** The unit opens a section (its first line is a structural heading). */
  opens: boolean;
  /** The unit is only a heading, with no text of its own. */
  headingOnly: boolean;
}

/** Lines that repeat the article's sub-title pattern "…例文参考1", "…例文参考2": sub-articles inside an article. */
function subtitles(lines: readonly Line[]): Set<number> {
  const byPrefix = new Map<string, number[]>();
  lines.forEach((l, i) => {
    const m = /^(.{4,40}?)(\d{1,2})$/.exec(l.text);
    if (m && !/[，。；：]/.test(l.text) && !parseHeading(l.text)) {
      const list = byPrefix.get(m[1]!) ?? [];
      list.push(i);
      byPrefix.set(m[1]!, list);
    }
  });
  const out = new Set<number>();
  for (const list of byPrefix.values()) if (list.length >= 2) list.forEach((i) => out.add(i));
  return out;
}

/** Drop paragraphs that repeat an earlier one in the same article (scraped pages duplicate blocks). */
export function dropRepeats(lines: readonly Line[]): { lines: Line[]; dropped: Dropped[] } {
  const seen = new Map<string, number>();
  const out: Line[] = [];
  const dropped: Dropped[] = [];
  for (const l of lines) {
    const key = l.text.replace(/\s+/g, "");
    const first = seen.get(key);
    if (key.length >= 30 && first !== undefined) {
      dropped.push({ lineStart: l.lineStart, lineEnd: l.lineEnd, reason: `repeated paragraph (same as line ${first})` });
      continue;
    }
    if (first === undefined) seen.set(key, l.lineStart);
    out.push(l);
  }
  return { lines: out, dropped };
}

/**
 * Lines that look like headings but are the items of a list: a run of two or
 * more consecutive numbered lines of one style (⑴ ⑵ ⑶ …), each a short
 * sentence on its own line with nothing between them. "CitiStat的主要功能有：
 * ⑴提高了对公众服务的质量；… ⑸节约管理成本。" is a list; were its items
 * headings, the paragraphs after it would be filed under the last one (⑸).
 */
export function listItems(headings: ReadonlyArray<Heading | null>): Set<number> {
  const items = new Set<number>();
  for (let i = 0; i + 1 < headings.length; i++) {
    const a = headings[i];
    const b = headings[i + 1];
    if (!a || !b || a.inline || b.inline || a.style === "yishi" || a.style !== b.style || b.ordinal !== a.ordinal + 1) continue;
    items.add(i).add(i + 1);
  }
  return items;
}

function toUnits(article: Article): Unit[] {
  const subs = subtitles(article.lines);
  const parsed = article.lines.map((line, i) => (subs.has(i) ? null : parseHeading(line.text)));
  const list = listItems(parsed);
  let stack: OpenHeading[] = [];
  const units: Unit[] = [];
  article.lines.forEach((line, i) => {
    let opens = false;
    let headingOnly = false;
    const h = list.has(i) ? null : parsed[i]!;
    if (subs.has(i)) {
      stack = [{ style: "subtitle", rank: 0, label: line.text }];
      opens = true;
      headingOnly = true;
    } else if (h && h.style !== "yishi") {
      // Every numbered line closes its open siblings; only headings (not list
      // items that carry their own paragraph) open a section.
      const idx = stack.findIndex((o) => o.style === h.style);
      if (idx >= 0) stack = stack.slice(0, idx);
      else while (stack.length && stack[stack.length - 1]!.rank >= h.rank) stack.pop();
      if (!h.inline || h.rank <= 2) {
        stack.push({ style: h.style, rank: h.rank, label: headingLabel(h) });
        opens = true;
        headingOnly = !h.inline;
      }
    }
    const path = [article.title, ...(article.ownTitle ? [article.ownTitle] : []), ...stack.map((o) => o.label)];
    for (const piece of splitLong(line.text)) {
      units.push({ text: piece, lineStart: line.lineStart, lineEnd: line.lineEnd, path, opens, headingOnly });
      opens = false;
      headingOnly = false;
    }
  });
  return units;
}

/** Cut a paragraph longer than CHUNK_MAX at sentence ends (then at commas), into pieces of similar size. */
export function splitLong(text: string): string[] {
  if (text.length <= CHUNK_MAX) return [text];
  const sentences = text.match(/[^。！？；!?]*[。！？；!?]+[”’」』）)]*|[^。！？；!?]+$/g) ?? [text];
  const pieces: string[] = [];
  let cur = "";
  const target = Math.ceil(text.length / Math.ceil(text.length / (CHUNK_MAX * 0.8)));
  for (const s of sentences.flatMap((s) => (s.length > CHUNK_MAX ? splitAtCommas(s) : [s]))) {
    if (cur && cur.length + s.length > CHUNK_MAX) {
      pieces.push(cur);
      cur = "";
    }
    cur += s;
    if (cur.length >= target) {
      pieces.push(cur);
      cur = "";
    }
  }
  if (cur) {
    const last = pieces[pieces.length - 1];
    if (last !== undefined && cur.length < CHUNK_MIN / 2 && last.length + cur.length <= CHUNK_MAX) pieces[pieces.length - 1] = last + cur;
    else pieces.push(cur);
  }
  return pieces;
}

function splitAtCommas(s: string): string[] {
  const parts = s.match(/[^，,、]*[，,、]+|[^，,、]+$/g) ?? [s];
  const out: string[] = [];
  let cur = "";
  for (const p of parts) {
    if (cur && cur.length + p.length > CHUNK_MAX) {
      out.push(cur);
      cur = "";
    }
    cur += p;
    while (cur.length > CHUNK_MAX) {
      out.push(cur.slice(0, CHUNK_MAX));
      cur = cur.slice(CHUNK_MAX);
    }
  }
  if (cur) out.push(cur);
  return out;
}

function commonPrefix(paths: string[][]): string[] {
  const first = paths[0] ?? [];
  let n = first.length;
  for (const p of paths) {
    let k = 0;
    while (k < n && p[k] === first[k]) k++;
    n = k;
  }
  return first.slice(0, n);
}

const startsWith = (path: string[], prefix: string[]) => prefix.length <= path.length && prefix.every((p, i) => p === path[i]);

/**
 * The section of a chunk: the path its paragraphs share, headings aside (a
 * chunk that opens with "二、…" and "（一）…" above its text is in （一）, and
 * one that ends with the next section's heading stays in its own). Where
 * most of the chunk's text is on lines of another section (one-sentence items
 * "（一）发展特色产业，…。" under "二、重点任务", read as headings, after a short
 * "一、指导思想"), the section is what all its lines share. Headings at the end
 * whose text opens the next chunk (`next`) never count.
 */
function sectionOf(g: Unit[], next: Unit | undefined): string[] {
  const path = commonPrefix(g.filter((u) => !u.headingOnly || g.length === 1).map((u) => u.path));
  let end = g.length;
  while (end > 1 && g[end - 1]!.headingOnly && next && startsWith(next.path, g[end - 1]!.path)) end--;
  const counted = g.slice(0, end);
  const size = (units: Unit[]) => units.reduce((n, u) => n + u.text.length, 0);
  const outside = counted.filter((u) => !startsWith(u.path, path) && !startsWith(path, u.path));
  return size(outside) > size(counted) - size(outside) ? commonPrefix(counted.map((u) => u.path)) : path;
}

export function chunkId(file: string, lineStart: number, text: string): string {
  return createHash("sha1").update(`${file}\n${lineStart}\n${text}`).digest("hex").slice(0, 16);
}

export function chunkArticle(article: Article, file: string): Chunk[] {
  const units = toUnits(article);
  const groups: Unit[][] = [];
  let cur: Unit[] = [];
  let len = 0;
  const flush = () => {
    if (cur.length) groups.push(cur);
    cur = [];
    len = 0;
  };
  const sameSection = (a: Unit, b: Unit) => a.path.length === b.path.length && a.path.every((p, i) => p === b.path[i]);
  for (const u of units) {
    // The short tail of a section goes back to the chunk it continues, so it
    // does not drag the next section's path up to their common parent.
    const last = groups[groups.length - 1];
    if (u.opens && cur.length && len < CHUNK_MIN && last && sameSection(last[last.length - 1]!, cur[0]!) && !cur[0]!.opens) {
      const lastLen = last.reduce((n, x) => n + x.text.length, 0);
      if (lastLen + len <= CHUNK_MAX * 1.25) {
        last.push(...cur);
        cur = [];
        len = 0;
      }
    }
    if (cur.length && (len + u.text.length > CHUNK_MAX || (u.opens && len >= CHUNK_MIN))) {
      // Headings at the end of the chunk go with the text they head.
      const carried: Unit[] = [];
      while (cur.length && cur[cur.length - 1]!.headingOnly) carried.unshift(cur.pop()!);
      if (cur.length) flush();
      cur = carried;
      len = carried.reduce((n, x) => n + x.text.length, 0);
    }
    cur.push(u);
    len += u.text.length;
  }
  flush();
  // A short last chunk joins its neighbour; so does a chunk that is only headings.
  for (let i = groups.length - 1; i > 0; i--) {
    const g = groups[i]!;
    const size = g.reduce((n, u) => n + u.text.length, 0);
    const prevSize = groups[i - 1]!.reduce((n, u) => n + u.text.length, 0);
    if ((size < CHUNK_MIN / 2 && prevSize + size <= CHUNK_MAX * 1.25) || g.every((u) => u.headingOnly)) {
      groups[i - 1] = [...groups[i - 1]!, ...g];
      groups.splice(i, 1);
    }
  }
  return groups.map((g, gi) => {
    const headingPath = sectionOf(g, groups[gi + 1]?.[0]);
    const sectionPath = headingPath.length ? headingPath : [article.title];
    const { text, parts } = joinUnits(g, sectionPath);
    const lineStart = g[0]!.lineStart;
    return {
      id: chunkId(file, lineStart, text),
      file,
      article: article.title,
      articleIndex: article.index,
      section: sectionPath.join(SECTION_SEPARATOR),
      headingPath: sectionPath,
      text,
      lineStart,
      lineEnd: g[g.length - 1]!.lineEnd,
      ...(parts.length > 1 ? { parts } : {}),
    };
  });
}

/**
 * Pieces of one paragraph are joined without a break; paragraphs with a
 * newline. Each paragraph is also a part: its offset in the text, its lines
 * and the headings it sits under below the chunk's path (`section`), or its
 * whole path when it is in another section (the heading of the next section
 * at the chunk's end).
 */
function joinUnits(units: Unit[], section: string[]): { text: string; parts: ChunkPart[] } {
  const depth = section.length;
  let text = "";
  const parts: ChunkPart[] = [];
  units.forEach((u, i) => {
    const prev = units[i - 1];
    if (prev && prev.lineStart === u.lineStart && !u.opens) {
      text += u.text;
      return;
    }
    if (prev) text += "\n";
    // Under the chunk's section: the headings below it; above it (a heading the section starts under): none; elsewhere: its whole path.
    const sub = startsWith(u.path, section) ? u.path.slice(depth) : undefined;
    const where = sub ? (sub.length ? { sub } : {}) : startsWith(section, u.path) ? {} : { path: u.path };
    parts.push({ offset: text.length, lineStart: u.lineStart, lineEnd: u.lineEnd, ...where });
    text += u.text;
  });
  return { text, parts };
}

import type { Chunk, ChunkPart } from "./types.js";
import { SECTION_SEPARATOR } from "./chunk.js";

/**
 * Where a piece of a chunk's text sits in the original file: its section and
 * lines, read from the chunk's paragraphs (`parts`). A chunk that packs short
 * sections together ("五、…" and "六、…存在的主要问题") has only their common
 * parent as its section; a quoted sentence belongs to one of them.
 */
export interface Span {
  section: string;
  headingPath: string[];
  lineStart: number;
  lineEnd: number;
}

/** The whole chunk's span. */
export function chunkSpan(chunk: Chunk): Span {
  return { section: chunk.section, headingPath: chunk.headingPath, lineStart: chunk.lineStart, lineEnd: chunk.lineEnd };
}

/** The paragraph of `chunk` that holds the character at `offset`. */
function partAt(parts: ChunkPart[], offset: number): ChunkPart {
  let found = parts[0]!;
  for (const p of parts) {
    if (p.offset > offset) break;
    found = p;
  }
  return found;
}

/** Where `piece` (a sentence as quoted: leading "……" and closing punctuation may differ) lies in the text (inclusive offsets), if it does. */
export function locateQuote(text: string, piece: string): { start: number; end: number } | undefined {
  const core = piece.replace(/^[…\s]+/, "").replace(/[。！？!?；;，,：:\s]+$/u, "");
  if (!core) return undefined;
  const at = text.indexOf(core);
  if (at >= 0) return { start: at, end: at + core.length - 1 };
  return undefined;
}

/**
 * The span of the paragraphs that hold all of `pieces` (sentences of the
 * chunk): their lines, and the deepest section they share. The whole chunk
 * when it has no paragraphs recorded or a piece cannot be found in it.
 */
export function spanOf(chunk: Chunk, pieces: readonly string[]): Span {
  if (!chunk.parts?.length || pieces.length === 0) return chunkSpan(chunk);
  const ranges: Array<{ start: number; end: number }> = [];
  for (const piece of pieces) {
    const at = locateQuote(chunk.text, piece);
    if (!at) return chunkSpan(chunk);
    ranges.push(at);
  }
  return spanAt(chunk, ranges);
}

/** The span of the paragraphs that hold the characters `start`..`end` (inclusive offsets into the chunk's text) of each range. */
export function spanAt(chunk: Chunk, ranges: ReadonlyArray<{ start: number; end: number }>): Span {
  const parts = chunk.parts;
  if (!parts?.length || ranges.length === 0) return chunkSpan(chunk);
  const touched = new Set<ChunkPart>();
  for (const { start, end } of ranges) {
    const first = partAt(parts, start);
    const last = partAt(parts, end);
    for (let i = parts.indexOf(first); i <= parts.indexOf(last); i++) touched.add(parts[i]!);
  }
  const chosen = [...touched];
  const paths = chosen.map((p) => pathOf(chunk, p));
  let depth = paths[0]!.length;
  for (const s of paths) {
    let k = 0;
    while (k < depth && s[k] === paths[0]![k]) k++;
    depth = k;
  }
  const headingPath = paths[0]!.slice(0, depth);
  return {
    section: headingPath.join(SECTION_SEPARATOR),
    headingPath,
    lineStart: Math.min(...chosen.map((p) => p.lineStart)),
    lineEnd: Math.max(...chosen.map((p) => p.lineEnd)),
  };
}

/** The whole heading path of one of the chunk's paragraphs. */
function pathOf(chunk: Chunk, part: ChunkPart): string[] {
  return part.path ?? [...chunk.headingPath, ...(part.sub ?? [])];
}

/** Every heading inside the chunk below its own path (distinct, in order). */
export function innerHeadings(chunk: Chunk): string[] {
  return [...new Set((chunk.parts ?? []).flatMap((p) => pathOf(chunk, p).filter((h, i) => chunk.headingPath[i] !== h)))];
}

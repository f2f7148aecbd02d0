import { parseHeading } from "../headings.js";

/**
 * PDF-extraction artefacts. Text pulled from a PDF with a heading set in a
 * side column repeats the heading at the start of the next paragraph, followed
 * by fragments of it ("加强制度建设,政府运行机制进一步规范 运行机制进一步 以制度建设为核心…").
 * Works on text that still has its spaces: the fragments are space-delimited.
 */
const squash = (s: string) => s.replace(/\s+/g, "").replace(/[,，]/g, "，");

/** Remove the repeated heading (and its fragments) from the start of `paragraph`. */
export function stripRepeatedHeading(heading: string, paragraph: string): string {
  const h = parseHeading(heading);
  if (!h || h.inline) return paragraph;
  const title = squash(h.title);
  if (title.length < 4) return paragraph;
  const tokens = paragraph.trim().split(/\s+/);
  if (squash(tokens[0] ?? "") !== title) return paragraph;
  let i = 1;
  // Fragments: short pieces of the title, as the column reflowed.
  while (i < tokens.length - 1 && tokens[i]!.length <= 12 && title.includes(squash(tokens[i]!))) i++;
  return tokens.slice(i).join(" ");
}

/**
 * An inline heading whose title appears a second time inside its own paragraph,
 * ending a sentence and followed by a space: the same column artefact, mid-line.
 */
export function stripInlineRepeat(line: string): string {
  const h = parseHeading(line);
  if (!h || !h.inline || h.title.length < 8) return line;
  const first = line.indexOf(h.title);
  if (first < 0) return line;
  const again = line.indexOf(h.title, first + h.title.length);
  if (again < 0) return line;
  const after = line.slice(again + h.title.length);
  const m = /^[。.]?\s+/.exec(after);
  if (!m) return line;
  return line.slice(0, again) + after.slice(m[0].length);
}

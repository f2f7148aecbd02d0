import type { Dropped, Line } from "../types.js";
import { toSimplified } from "../../text/script.js";
import { cleanChars } from "./chars.js";
import { DocumentPairs, charFrequency, recoverBareLostLeads, recoverLostLeads, recoverMisreadAnnotated, repairShiftedGbk, repairShiftedRuns, restoreHeadingNumbers } from "./mojibake.js";
import { cnNumber } from "../headings.js";
import { collectReadings, stripLeadingAnnotation, stripPinyin } from "./pinyin.js";
import { normalizePunctuation, removeCjkSpaces } from "./spaces.js";
import { RELATED_HEADER, RELATED_ITEM, boilerplateReason } from "./boilerplate.js";
import { stripInlineRepeat, stripRepeatedHeading } from "./pdf-artifacts.js";
import { joinBrokenLines } from "./join.js";
import { simplifiedZhe } from "./zhe.js";
import { stripHtmlResidue } from "./html.js";
import { parseHeading } from "../headings.js";

export interface Cleaned {
  lines: Line[];
  dropped: Dropped[];
  /** Boilerplate lines as cleaned text: the splitter reads the compilation title from site introductions. */
  boilerplate: Line[];
  /** Lines whose mojibake was repaired. */
  repaired: number[];
}

/**
 * Raw text → cleaned, simplified lines that remember their original line
 * numbers. Order matters: mojibake is repaired while the pinyin annotations
 * that help recover characters are still there; the PDF heading rule needs
 * the original spaces; HTML left in the text goes after mojibake repair
 * (its ASCII keeps garbled runs in step); boilerplate rules are written in simplified Chinese;
 * lines are joined last, so a dropped line never glues two others together.
 */
export function cleanText(raw: string): Cleaned {
  const rawLines = raw.split("\n");
  const readings = collectReadings(rawLines);
  const freq = charFrequency(raw);
  // Only documents with annotations come from the converter whose faults the repairs below undo.
  const pairs = readings.size > 0 ? new DocumentPairs(rawLines, freq) : undefined;
  const dropped: Dropped[] = [];
  const repaired: number[] = [];
  let lines: Line[] = [];
  const headingRepairs = new Set<number>();
  /** Lines converted from traditional characters: their 著 is read after joining (see zhe.ts). */
  const traditional = new Set<number>();

  rawLines.forEach((rawLine, i) => {
    const n = i + 1;
    let { text } = cleanChars(rawLine);
    if (!text) return;
    const fix = repairShiftedGbk(text, readings, pairs);
    let mended = fix.text;
    let repairs = 0;
    // Runs read out of step and lost bytes come from the same converter that
    // annotated pinyin; in a document without annotations, rare characters are just rare.
    if (pairs) {
      const steps = [
        (t: string) => recoverBareLostLeads(t, pairs),
        (t: string) => repairShiftedRuns(t, freq, pairs),
        (t: string) => recoverLostLeads(t, readings),
        (t: string) => recoverMisreadAnnotated(t, readings, freq),
      ];
      for (const step of steps) {
        const r = step(mended);
        mended = r.text;
        repairs += r.repaired;
      }
    }
    if (fix.garbled !== undefined || repairs > 0) repaired.push(n);
    const unannotated = stripPinyin(stripLeadingAnnotation(mended, rawLines[i - 1]));
    const original = stripHtmlResidue(unannotated);
    text = toSimplified(original).trim();
    if (text !== original.trim()) traditional.add(n);
    if (!text) {
      dropped.push({ lineStart: n, lineEnd: n, reason: unannotated.trim() ? "HTML markup" : "mojibake (unrecoverable)" });
      return;
    }
    lines.push({ text, lineStart: n, lineEnd: n });
    if (fix.garbled !== undefined) headingRepairs.add(lines.length - 1);
  });
  restoreHeadingNumbers(lines, headingRepairs, cnNumber);

  // PDF artefacts, while the original spaces are still there.
  lines = lines.map((line, i) => {
    let text = stripInlineRepeat(line.text);
    const prev = lines[i - 1];
    if (prev) text = stripRepeatedHeading(prev.text, text);
    return text === line.text ? line : { ...line, text };
  });

  lines = lines.map((line) => ({ ...line, text: normalizePunctuation(removeCjkSpaces(line.text)) }));

  const boilerplate: Line[] = [];
  const kept: Line[] = [];
  let inRelated = false;
  for (const line of lines) {
    if (RELATED_HEADER.test(line.text)) {
      inRelated = true;
      drop(line, "related-articles list");
      continue;
    }
    if (inRelated && RELATED_ITEM.test(line.text) && !parseHeading(line.text)) {
      drop(line, "related-articles list");
      continue;
    }
    inRelated = false;
    const reason = boilerplateReason(line.text);
    if (reason) {
      drop(line, reason);
      continue;
    }
    kept.push(line);
  }

  function drop(line: Line, reason: string) {
    boilerplate.push(line);
    const last = dropped[dropped.length - 1];
    if (last && last.reason === reason && last.lineEnd >= line.lineStart - 2) last.lineEnd = line.lineEnd;
    else dropped.push({ lineStart: line.lineStart, lineEnd: line.lineEnd, reason });
  }

  dropped.sort((a, b) => a.lineStart - b.lineStart);
  // After joining: "面临" / "著巨大的压力" is one sentence, and 著 after 临 is 着.
  const joined = joinBrokenLines(kept).map((line) => {
    let fromTraditional = false;
    for (let n = line.lineStart; n <= line.lineEnd && !fromTraditional; n++) fromTraditional = traditional.has(n);
    const text = fromTraditional ? simplifiedZhe(line.text) : line.text;
    return text === line.text ? line : { ...line, text };
  });
  return { lines: joined, dropped, boilerplate, repaired };
}

/**
 * Checks on a model's reply before it is shown: it must not reproduce the
 * prompt's own instructions (a reply that does was steered by an injected
 * instruction, typically one inside a document), and every sentence that
 * states something must carry a citation or be marked as unsupported.
 */
import type { PromptTemplate } from "./prompts.js";
import { UNSUPPORTED_MARK } from "./citations.js";

/** Consecutive characters (after normalising) of prompt text that count as reproducing it. */
export const PROMPT_LEAK_WINDOW = 12;

/** No whitespace, punctuation or symbols; full-width folded; lower case. */
function squash(text: string): string {
  return text.normalize("NFKC").replace(/[\s\p{P}\p{S}]/gu, "").toLowerCase();
}

/** The template's own text: the system part, and the user part without its placeholders. */
function fixedTexts(template: PromptTemplate): string[] {
  return [template.system, ...template.user.split(/\{\{\w+\}\}/)].map(squash).filter((t) => t.length > 0);
}

/**
 * True when the reply reproduces a stretch of the prompt's instructions that
 * is not also in `allowed` (the passages and the question, which the reply
 * may legitimately quote).
 */
export function leaksPrompt(reply: string, template: PromptTemplate, allowed: string, window = PROMPT_LEAK_WINDOW): boolean {
  const r = squash(reply);
  if (r.length < window) return false;
  const ok = squash(allowed);
  for (const fixed of fixedTexts(template)) {
    const chars = [...fixed];
    for (let i = 0; i + window <= chars.length; i++) {
      const piece = chars.slice(i, i + window).join("");
      if (r.includes(piece) && !ok.includes(piece)) return true;
    }
  }
  return false;
}

const ENDS = "。！？；!?;";
const CLOSERS = "”’」』）)】》\"'*";
const MARK = UNSUPPORTED_MARK.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const TRAILING_CITATION = new RegExp(String.raw`^[ \t]*(?:(?:\[\d+\])+|${MARK})`);
const CITED = new RegExp(String.raw`\[\d+\]|${MARK}`);
/** Sentences that say what the documents do not cover need no citation. */
const NOT_COVERED = /没有(?:找到|涉及|提及|提到|相关|明确|具体)|未(?:涉及|提及|提到|找到|说明|明确|载明)|缺少|无法(?:回答|确定|判断)|不能确定/;

/** Text that introduces or heads what follows rather than stating a fact. */
function needsNoCitation(body: string): boolean {
  const t = body.trim();
  if (!/[\p{L}\p{N}]/u.test(t)) return true;
  if (/[:：]$/.test(t)) return true; // "主要做法如下："
  if (/^#{1,6}\s/.test(t) || /^\*\*[^*]+\*\*$/.test(t)) return true; // markdown heading or bold line
  if (/^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+[.、．])[^。！？；!?;]{0,30}$/.test(t)) return true; // "一、制度建设"
  return NOT_COVERED.test(t);
}

/**
 * Appends UNSUPPORTED_MARK to every sentence of a checked reply that states
 * something without a citation (before its closing punctuation). A citation
 * right after a sentence's full stop belongs to that sentence, as in
 * checkCitations.
 */
export function markUncitedSentences(text: string): string {
  let out = "";
  let i = 0;
  while (i < text.length) {
    if (text[i] === "\n") {
      out += "\n";
      i++;
      continue;
    }
    let j = i;
    while (j < text.length && text[j] !== "\n" && !ENDS.includes(text[j]!)) j++;
    let k = j;
    while (k < text.length && ENDS.includes(text[k]!)) k++;
    while (k < text.length && k > j && CLOSERS.includes(text[k]!)) k++;
    const after = TRAILING_CITATION.exec(text.slice(k));
    if (after) k += after[0].length;
    const sentence = text.slice(i, k);
    let body = text.slice(i, j);
    if (!CITED.test(sentence) && !needsNoCitation(body)) {
      // keep the mark inside closing quotes' sentence: before the end punctuation
      const trailingSpace = /\s*$/.exec(body)![0];
      body = body.slice(0, body.length - trailingSpace.length) + UNSUPPORTED_MARK + trailingSpace;
    }
    out += body + text.slice(j, k);
    i = k;
  }
  return out;
}

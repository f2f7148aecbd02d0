/** Sentences of a passage: what the answer layer quotes and cites, and what retrieval reads a figure in. */

export interface Sentence {
  text: string;
  /** 0-based position among the sentences of the text. */
  index: number;
}

const TERMINATORS = "。！？；!?;";
const CLOSERS = "”’」』）)】》\"'";

/**
 * Splits on 。！？； (and ASCII !?;) and line ends; a closing quote or bracket
 * right after a terminator stays with its sentence. Empty pieces are dropped.
 */
export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  let cur = "";
  const flush = () => {
    const t = cur.trim();
    if (t) out.push({ text: t, index: out.length });
    cur = "";
  };
  const chars = [...text];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (ch === "\n" || ch === "\r") {
      flush();
      continue;
    }
    cur += ch;
    if (TERMINATORS.includes(ch)) {
      while (i + 1 < chars.length && CLOSERS.includes(chars[i + 1]!)) cur += chars[++i]!;
      flush();
    }
  }
  flush();
  return out;
}

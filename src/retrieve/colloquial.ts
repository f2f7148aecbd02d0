import { dictionaryRows } from "../util/dictionary.js";

/**
 * Everyday words staff ask with ("毛病", "头疼", "孩子", "乡里", "这摊事")
 * and the documents' word for the same thing (问题, 困难, 学生, 乡镇, 工作).
 * The list is data/dict/colloquial.tsv.
 */
let pairs: Array<[string, string]> | undefined;

function lexicon(): Array<[string, string]> {
  pairs ??= dictionaryRows("colloquial.tsv")
    .map(([everyday = "", written = ""]): [string, string] => [everyday, written])
    // One character ("钱", "娃") is too short to find as a word inside a question.
    .filter(([everyday, written]) => everyday && written && everyday.length >= 2)
    // Longest first: "这摊事" before "这摊".
    .sort((a, b) => b[0].length - a[0].length);
  return pairs;
}

/**
 * `normalized` with each everyday word the documents do not write replaced
 * by theirs; a word they write ("老百姓", "抽查") is left as asked, and so is one
 * whose replacement they do not write either.
 */
export function inWrittenWords(normalized: string, occurs: (word: string) => boolean): string {
  let text = normalized;
  for (const [everyday, written] of lexicon()) {
    if (text.includes(everyday) && !occurs(everyday) && occurs(written)) text = text.split(everyday).join(written);
  }
  return text;
}

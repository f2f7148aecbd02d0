import { dictionaryRows } from "../util/dictionary.js";

/**
 * Everyday office matters a question names (年休假, 公积金, 报销, 停车位, a
 * parking permit, the Wi-Fi) that the documents never write. Staff in the
 * group chat ask the bot about their office's own affairs as readily as about
 * its documents; policy reports and work summaries do not cover them, yet such
 * a question shares enough everyday words with some passage ("单位", "标准",
 * "申请", "分配") to pass on relevance. One such word the documents lack is
 * enough to say the question is about something else; a word they do write is
 * ignored, so a corpus that covers one of these matters answers it as usual.
 *
 * The list is data/dict/office-affairs.tsv: a Chinese word and, for English
 * questions, its English phrases.
 */
interface Affair {
  zh: string;
  en: RegExp | undefined;
}

let affairs: Affair[] | undefined;

function lexicon(): Affair[] {
  affairs ??= dictionaryRows("office-affairs.tsv")
    .map(([zh = "", en]) => {
      const phrases = (en ?? "")
        .split("|")
        .map((p) => p.trim().toLowerCase())
        .filter(Boolean);
      // Whole words, a plural allowed: "parking spaces", "payslips".
      const escaped = phrases.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/[\s-]+/g, "[\\s-]*"));
      return { zh, en: phrases.length ? new RegExp(`\\b(?:${escaped.join("|")})(?:s|es)?\\b`, "i") : undefined };
    })
    .filter((affair) => affair.zh.length > 0);
  return affairs;
}

/**
 * The office matters `normalized` names that `occurs` says no document
 * writes: the Chinese word, or for an English question the phrase as asked.
 */
export function officeAffairs(normalized: string, occurs: (word: string) => boolean, english: boolean): string[] {
  const named: string[] = [];
  for (const { zh, en } of lexicon()) {
    const asked = english ? en?.exec(normalized)?.[0] : normalized.includes(zh) ? zh : undefined;
    if (asked && !named.includes(asked) && !occurs(zh)) named.push(asked);
  }
  return named;
}

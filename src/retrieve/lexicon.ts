import { dictionaryRows } from "../util/dictionary.js";

/**
 * A list of matters the documents may not cover (data/dict/*.tsv): a Chinese
 * word and, for English questions, its English phrases separated by "|".
 * A question naming one that the documents never write is about something
 * else; a word they do write is ignored, so a corpus that covers the matter
 * answers it as usual.
 */
interface Entry {
  zh: string;
  en: RegExp | undefined;
}

/** What a "*" in an English phrase matches: up to three words between its neighbours. */
const ANY_WORDS = "\\s+(?:[\\w'’-]+\\s+){0,3}";

export type Lexicon = (normalized: string, occurs: (word: string) => boolean, english: boolean) => string[];

/** The matcher for one list, read when first used. */
export function lexicon(file: string): Lexicon {
  let entries: Entry[] | undefined;
  const load = (): Entry[] =>
    dictionaryRows(file)
      .map(([zh = "", en]) => {
        const phrases = (en ?? "")
          .split("|")
          .map((p) => p.trim().toLowerCase())
          .filter(Boolean);
        // Whole words, a plural allowed: "parking spaces", "payslips". A "*" stands for up to three words
        // ("book * meeting room": "book the small meeting room").
        const escaped = phrases.map((p) =>
          p
            .split("*")
            .map((part) => part.trim().replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/[\s-]+/g, "[\\s-]*"))
            .join(ANY_WORDS),
        );
        return { zh, en: phrases.length ? new RegExp(`\\b(?:${escaped.join("|")})(?:s|es)?\\b`, "i") : undefined };
      })
      .filter((entry) => entry.zh.length > 0)
      // Longer words first, so "垃圾分类" is named and "垃圾" inside it is not named again.
      .sort((a, b) => b.zh.length - a.zh.length);
  /** The entries `normalized` names that `occurs` says no document writes: the Chinese word, or for an English question the phrase as asked. */
  return (normalized, occurs, english) => {
    const named: string[] = [];
    for (const { zh, en } of (entries ??= load())) {
      const asked = english ? en?.exec(normalized)?.[0] : normalized.includes(zh) ? zh : undefined;
      if (asked && !named.some((n) => n.includes(asked)) && !occurs(zh)) named.push(asked);
    }
    return named;
  };
}

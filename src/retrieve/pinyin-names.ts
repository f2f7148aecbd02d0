import { pinyin } from "pinyin-pro";

/**
 * Place and organisation names in English questions are written in pinyin
 * ("How did Liangzhai town…", "the Yangliu rice wine"), which no glossary can
 * list. The corpus's own vocabulary is indexed by its toneless pinyin, so a
 * capitalised word of the question that spells a corpus word ("liangzhai" →
 * 梁寨) searches that word too. Built on first use from the index's terms.
 */
export class PinyinNames {
  private readonly byPinyin = new Map<string, string[]>();

  constructor(terms: Iterable<string>, documentFrequency: (term: string) => number) {
    const candidates: Array<[string, string, number]> = [];
    for (const t of terms) {
      if (!/^[\u3400-\u9fff]{2,4}$/.test(t)) continue;
      const key = pinyin(t, { toneType: "none", type: "array" }).join("");
      if (/^[a-z]+$/.test(key)) candidates.push([key, t, documentFrequency(t)]);
    }
    candidates.sort((a, b) => b[2] - a[2]);
    for (const [key, t] of candidates) {
      const list = this.byPinyin.get(key) ?? [];
      if (list.length < 2) list.push(t);
      this.byPinyin.set(key, list);
    }
  }

  /**
   * Corpus words spelled by the capitalised words of an English question
   * (not the first word of a sentence, at least 4 letters), and by pairs of
   * them written apart ("Dang Yang").
   */
  lookup(question: string, skip: (word: string) => boolean = () => false): string[] {
    const words = [...question.matchAll(/(^|[.?!]\s+)?\b([A-Z][a-z]+)\b/g)].filter((m) => !m[1] && !skip(m[2]!.toLowerCase())).map((m) => m[2]!.toLowerCase());
    const out = new Set<string>();
    words.forEach((w, i) => {
      if (w.length >= 4) for (const t of this.byPinyin.get(w) ?? []) out.add(t);
      const pair = w + (words[i + 1] ?? "");
      if (words[i + 1]) for (const t of this.byPinyin.get(pair) ?? []) out.add(t);
    });
    return [...out];
  }
}

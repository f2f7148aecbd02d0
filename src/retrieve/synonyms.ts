import { readFileSync } from "node:fs";
import { packagePath } from "../util/paths.js";

/**
 * Query-side thesaurus: staff ask in everyday words ("小吃摊", "网上购票")
 * where the documents use formal ones ("流动摊贩", "电子客票"), and no amount
 * of BM25 tuning bridges words that share no characters. data/dict/synonyms.tsv
 * lists, for words of the corpus's own vocabulary, the everyday words people
 * use for them (written from the vocabulary, one "userword<TAB>corpusword"
 * per line). A question's user words are found as substrings (so jieba's
 * segmentation of an unknown colloquial word does not matter), longest
 * first, and the corpus words they stand for are searched too, with a lower
 * weight than the question's own words.
 */
export class Thesaurus {
  private readonly byWord = new Map<string, string[]>();
  private readonly lengths: number[];

  constructor(pairs: Iterable<readonly [string, string]>) {
    for (const [user, corpus] of pairs) {
      if (user.length < 2 || user === corpus) continue;
      const list = this.byWord.get(user) ?? [];
      if (!list.includes(corpus)) list.push(corpus);
      this.byWord.set(user, list);
    }
    this.lengths = [...new Set([...this.byWord.keys()].map((w) => w.length))].sort((a, b) => b - a);
  }

  static parse(tsv: string): Thesaurus {
    const pairs: Array<[string, string]> = [];
    for (const line of tsv.split("\n")) {
      if (!line || line.startsWith("#")) continue;
      const [user, corpus] = line.split("\t").map((s) => s.trim());
      if (user && corpus) pairs.push([user, corpus]);
    }
    return new Thesaurus(pairs);
  }

  get size(): number {
    return this.byWord.size;
  }

  /**
   * Corpus words for the user words in `text` that the text does not already
   * contain. A user word inside a longer one that matched is not used again
   * ("网上购票" does not also expand "购票").
   */
  expand(text: string): string[] {
    const out: string[] = [];
    const covered = new Uint8Array(text.length);
    for (const len of this.lengths) {
      for (let i = 0; i + len <= text.length; i++) {
        if (covered[i] && covered[i + len - 1]) continue;
        const corpus = this.byWord.get(text.slice(i, i + len));
        if (!corpus) continue;
        covered.fill(1, i, i + len);
        for (const c of corpus) if (!text.includes(c) && !out.includes(c)) out.push(c);
      }
    }
    return out;
  }
}

let shared: Thesaurus | undefined;

/** The thesaurus shipped in data/dict/synonyms.tsv (read once). */
export function defaultThesaurus(): Thesaurus {
  shared ??= Thesaurus.parse(readFileSync(packagePath("data", "dict", "synonyms.tsv"), "utf8"));
  return shared;
}

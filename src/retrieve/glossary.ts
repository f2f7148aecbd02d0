import { readFileSync } from "node:fs";
import { packagePath } from "../util/paths.js";

/**
 * English questions: staff sometimes ask in English, and neither jieba nor
 * the character models can match English words to Chinese text. A glossary
 * of the corpus's key policy terms (data/dict/glossary-en.tsv) maps the
 * English words of a question to Chinese search terms. Matching is on whole
 * words after light stemming, longest phrase first; English words without an
 * entry are dropped from the search, since the corpus is Chinese and they
 * would only match stray English (reference lists).
 */
/** Entries by their first word, longest phrase first within each list. */
let byFirstWord: Map<string, Array<[string[], string]>> | undefined;

const STEM_EXCEPTIONS = new Set(["news", "gas", "bus", "process", "status", "less", "class", "business", "glass", "canvas"]);

export function stem(word: string): string {
  const w = word.toLowerCase();
  if (w.length <= 3 || STEM_EXCEPTIONS.has(w)) return w;
  if (w.endsWith("ies") && w.length > 4) return w.slice(0, -3) + "y";
  if (/(ches|shes|sses|xes)$/.test(w)) return w.slice(0, -2);
  if (w.endsWith("s") && !w.endsWith("ss")) return w.slice(0, -1);
  return w;
}

function words(text: string): string[] {
  return (text.toLowerCase().match(/[a-z0-9][a-z0-9'\-]*/g) ?? []).map((w) => stem(w.replace(/'s$/, "")));
}

function glossary(): Map<string, Array<[string[], string]>> {
  if (!byFirstWord) {
    byFirstWord = new Map();
    const entries = readFileSync(packagePath("data", "dict", "glossary-en.tsv"), "utf8")
      .split("\n")
      .filter((l) => l && !l.startsWith("#") && l.includes("\t"))
      .map((l) => {
        const [en, zh] = l.split("\t") as [string, string];
        return [words(en), zh.trim()] as [string[], string];
      })
      .filter(([en]) => en.length > 0)
      .sort((a, b) => b[0].length - a[0].length);
    for (const e of entries) {
      const list = byFirstWord.get(e[0][0]!) ?? [];
      list.push(e);
      byFirstWord.set(e[0][0]!, list);
    }
  }
  return byFirstWord;
}

/** A word that begins a glossary entry (so it is not taken for a pinyin name). */
export function isGlossaryWord(word: string): boolean {
  return glossary().has(stem(word));
}

export function isMostlyEnglish(text: string): boolean {
  const latin = (text.match(/[a-zA-Z]/g) ?? []).length;
  const han = (text.match(/[\u3400-\u9FFF]/g) ?? []).length;
  return latin > 3 * han && latin >= 4;
}

/** Chinese search terms for the English words of `text` (numbers kept as they are). */
export function translateEnglish(text: string): string[] {
  const ws = words(text);
  const out: string[] = [];
  const g = glossary();
  for (let i = 0; i < ws.length; ) {
    const match = (g.get(ws[i]!) ?? []).find(([phrase]) => phrase.every((p, j) => ws[i + j] === p));
    if (match) {
      out.push(match[1]);
      i += match[0].length;
      continue;
    }
    if (/^\d[\d.]*$/.test(ws[i]!)) out.push(ws[i]!);
    i++;
  }
  return out;
}

/** The text to search for a question: English questions become their Chinese terms; others are unchanged. */
export function expandEnglish(text: string): string {
  if (!isMostlyEnglish(text)) return text;
  const terms = translateEnglish(text);
  return terms.length ? terms.join(" ") : text;
}

import { stemmer } from "stemmer";
import { dictionaryRows } from "../util/dictionary.js";

/**
 * English questions: staff sometimes ask in English, and neither jieba nor
 * the character models can match English words to Chinese text. A glossary
 * of the corpus's key policy terms (data/dict/glossary-en.tsv) maps the
 * English words of a question to Chinese search terms. Matching is on whole
 * words after Porter stemming, longest phrase first; English words without an
 * entry are dropped from the search, since the corpus is Chinese and they
 * would only match stray English (reference lists).
 */
interface Entry {
  /** The English phrase's words, lower-cased, and their stems. */
  words: string[];
  stems: string[];
  /** Every Chinese term listed for this phrase. */
  zh: string[];
}

/** Entries by the stem of their first word, longest phrase first within each list. */
let byFirstStem: Map<string, Entry[]> | undefined;

/** Lower-cased words of English text ("Mayor's" → "mayor", "new-energy" → "new", "energy"). */
function words(text: string): string[] {
  return (text.toLowerCase().match(/[a-z0-9][a-z0-9']*/g) ?? []).map((w) => w.replace(/'s?$/, ""));
}

/** Entries like "in school" would take the "in" of "in school canteens" from a longer match: phrases are matched without leading and trailing function words. */
const FUNCTION_WORDS = new Set(["a", "an", "the", "in", "on", "at", "of", "to", "for", "by", "with", "from", "into", "and", "or"]);

function trimFunctionWords(ws: string[]): string[] {
  let start = 0;
  let end = ws.length;
  while (start < end && FUNCTION_WORDS.has(ws[start]!)) start++;
  while (end > start && FUNCTION_WORDS.has(ws[end - 1]!)) end--;
  return ws.slice(start, end);
}

/**
 * Past forms of irregular verbs a question uses ("which county was chosen",
 * "who led it", "how much was spent"), which Porter stemming leaves apart
 * from the verb the glossary lists.
 */
const IRREGULAR: Record<string, string> = Object.fromEntries(
  (
    "arose arise,arisen arise,ate eat,eaten eat,became become,began begin,begun begin,bore bear,borne bear,bought buy,brought bring,broke break,broken break,built build," +
    "caught catch,chose choose,chosen choose,dealt deal,did do,done do,drew draw,drawn draw,drove drive,driven drive,fell fall,fallen fall,felt feel,fought fight,found find," +
    "forbade forbid,forbidden forbid,forgot forget,forgotten forget,gave give,given give,got get,gotten get,grew grow,grown grow,heard hear,held hold,hid hide,hidden hide," +
    "kept keep,knew know,known know,laid lay,led lead,lent lend,lost lose,made make,meant mean,met meet,oversaw oversee,overseen oversee,paid pay,ran run,rose rise,risen rise," +
    "said say,saw see,seen see,sought seek,sold sell,sent send,shown show,shook shake,shaken shake,spoke speak,spoken speak,spent spend,stood stand,stole steal,stolen steal," +
    "struck strike,swore swear,sworn swear,taught teach,told tell,thought think,took take,taken take,threw throw,thrown throw,undertook undertake,undertaken undertake," +
    "understood understand,undid undo,undone undo,went go,gone go,withdrew withdraw,withdrawn withdraw,won win,wore wear,worn wear,wrote write,written write"
  )
    .split(",")
    .map((pair) => pair.split(" ") as [string, string]),
);

/** Porter stem, so "commuting" finds "commute" and "purchases" finds "purchase"; an irregular past form stems as its verb. */
const stems = new Map<string, string>();

export function stem(word: string): string {
  const w = word.toLowerCase();
  let s = stems.get(w);
  if (s === undefined) {
    s = stemmer(IRREGULAR[w] ?? w);
    if (stems.size < 50_000) stems.set(w, s);
  }
  return s;
}

function glossary(): Map<string, Entry[]> {
  if (!byFirstStem) {
    const byPhrase = new Map<string, Entry>();
    for (const [en = "", term] of dictionaryRows("glossary-en.tsv")) {
      const ws = trimFunctionWords(words(en));
      if (!ws.length || !term) continue;
      const key = ws.join(" ");
      const entry = byPhrase.get(key) ?? { words: ws, stems: ws.map(stem), zh: [] };
      if (!entry.zh.includes(term)) entry.zh.push(term);
      byPhrase.set(key, entry);
    }
    byFirstStem = new Map();
    for (const e of [...byPhrase.values()].sort((a, b) => b.words.length - a.words.length)) {
      const list = byFirstStem.get(e.stems[0]!) ?? [];
      list.push(e);
      byFirstStem.set(e.stems[0]!, list);
    }
  }
  return byFirstStem;
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

/** "may" as in "may apply" is not the month, which is written capitalised ("in May 2021") and not at a sentence's start. */
function withoutModal(text: string): string {
  return text.replace(/(^|[.?!]\s*)May\b/g, "$1may").replace(/\bmay\b/g, " ");
}

/**
 * The Chinese terms for the English words of `text`, one group per matched
 * phrase (numbers kept as they are, each its own group). At each word the
 * longest glossary phrase whose stems match is taken; among phrases of that
 * length, ones whose words match exactly win over ones that only share stems
 * ("general" is not "generate"), and every Chinese term listed for the
 * winners is in the group: the alternatives for one English word. With
 * `known`, a two-word phrase's group also holds the compounds of its words'
 * own terms that the documents write (`compounds`), and two neighbouring
 * groups both hold the compounds of their terms (`adjacentCompounds`).
 */
export function translateEnglishGroups(text: string, known?: (term: string) => boolean): string[][] {
  const ws = words(withoutModal(text));
  const ss = ws.map(stem);
  const out: string[][] = [];
  const g = glossary();
  for (let i = 0; i < ws.length; ) {
    const candidates = (g.get(ss[i]!) ?? []).filter((e) => e.stems.every((s, j) => ss[i + j] === s));
    if (candidates.length) {
      const len = candidates[0]!.words.length;
      const longest = candidates.filter((e) => e.words.length === len);
      const exact = longest.filter((e) => e.words.every((w, j) => ws[i + j] === w));
      const terms = (exact.length ? exact : longest).flatMap((e) => e.zh);
      if (len === 2 && known) terms.push(...compounds(ss[i]!, ss[i + 1]!, known));
      out.push([...new Set(terms)]);
      i += len;
      continue;
    }
    if (/^\d[\d.]*$/.test(ws[i]!)) out.push([ws[i]!]);
    i++;
  }
  // Neighbouring words' terms written together ("basic" 基本 + "functions" 职能): either word's alternatives.
  if (known) {
    for (let k = 0; k + 1 < out.length; k++) {
      const joined = adjacentCompounds(out[k]!, out[k + 1]!, known);
      for (const group of [out[k]!, out[k + 1]!]) for (const term of joined) if (!group.includes(term)) group.push(term);
    }
  }
  return out;
}

/** The Chinese terms the glossary gives for one English word by itself. */
function singleWord(stemmed: string): string[] {
  return (glossary().get(stemmed) ?? []).filter((e) => e.words.length === 1).flatMap((e) => e.zh);
}

/**
 * A two-word phrase's other Chinese forms, put together from its words' own
 * terms and kept if the documents write them: "model county" is 示范县 in the
 * glossary, and also 样板县 (样板 for "model", 县 for "county"), which 004 writes.
 */
function compounds(first: string, second: string, known: (term: string) => boolean): string[] {
  return writtenCompounds(singleWord(first), singleWord(second), 4, known);
}

/** Each term of `first` followed by each of `second`, at most `maxChars` long, that the documents write. */
function writtenCompounds(first: readonly string[], second: readonly string[], maxChars: number, known: (term: string) => boolean): string[] {
  const out: string[] = [];
  for (const a of first) for (const b of second) if (a.length + b.length <= maxChars && known(a + b)) out.push(a + b);
  return out;
}

/** The longest compound of two neighbouring groups' terms that is looked up in the documents. */
const ADJACENT_CHARS = 6;

/**
 * The compounds two neighbouring groups' terms make that the documents
 * write: "basic functions" finds 基本职能 and "office director" 办公室主任,
 * which no single glossary phrase gives. A passage holding the compound
 * holds both words, side by side.
 */
function adjacentCompounds(first: readonly string[], second: readonly string[], known: (term: string) => boolean): string[] {
  const chinese = (terms: readonly string[]) => terms.filter((t) => /^[\u3400-\u9fff]+$/.test(t));
  return writtenCompounds(chinese(first), chinese(second), ADJACENT_CHARS, known);
}

/** Chinese search terms for the English words of `text`, each once; `known`: whether the documents write a term (for `translateEnglishGroups`'s compounds). */
export function translateEnglish(text: string, known?: (term: string) => boolean): string[] {
  return [...new Set(translateEnglishGroups(text, known).flat())];
}

/** The text to search for a question: English questions become their Chinese terms; others are unchanged. */
export function expandEnglish(text: string, known?: (term: string) => boolean): string {
  if (!isMostlyEnglish(text)) return text;
  const terms = translateEnglish(text, known);
  return terms.length ? terms.join(" ") : text;
}

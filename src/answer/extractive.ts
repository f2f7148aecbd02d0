/**
 * Answers and drafts without a language model: the sentences of the retrieved
 * passages that best match the question, deduplicated, in reading order, each
 * followed by its citation.
 */
import type { Citation } from "./types.js";
import { normalizeQuery, normalizeText } from "../text/normalize.js";
import { innerHeadings, spanOf } from "../ingest/parts.js";
import { parseHeading } from "../ingest/headings.js";
import type { Chunk } from "../ingest/types.js";
import { citationLine } from "./messages.js";
import { sectionIntent, underHeading, type SectionIntent } from "../retrieve/intent.js";
import { countedIn, expectedAnswer, issuerLine } from "../retrieve/answer-type.js";
import { numeralValue } from "../text/numerals.js";
import { sameArticle, toCitation, type Passage } from "./passages.js";
import {
  contentTokens,
  extractNumbers,
  idfWeight,
  keyTerms,
  looksLikeHeading,
  normalizeForDedupe,
  normalizeForMatch,
  searchTokens,
  similarity,
  splitSentences,
  stripEnumerator,
  type Sentence,
} from "./text.js";

export interface ExtractiveResult {
  text: string;
  citations: Citation[];
}

export interface ExtractiveDraft extends ExtractiveResult {
  sources: Array<{ file: string; article: string }>;
}

export const DRAFT_NOTE = "（根据以下资料摘编）";

interface Candidate {
  passage: Passage;
  /** The sentence says what the term a "什么是…" question asks about is ("CitiStat是2000年由…开始实施的"). */
  defines?: boolean;
  /** Position of the sentence in its passage. */
  index: number;
  text: string;
  score: number;
  /**
   * A heading ("三、改进干部实绩考核方法的对策。", "产生上述问题的主要原因有：") or the
   * short title of an item ("2、扎实开展粮食安全工作。"): not an answer on its own.
   */
  kind?: "heading" | "title";
  /** It sits under a heading of the part the question asks for ("六、…存在的主要问题"). */
  inPart?: boolean;
  /** The content under a heading or title, when it is picked. */
  under?: Candidate[];
  /** A heading above the passage (in its section path, not its text): shown, but its lines are not the passage's. */
  fromPath?: boolean;
  /** Its level when it is a numbered heading or item (enumLevel). */
  level?: number;
}

const QUANTITY_QUESTION = /多少|几[个件条次项名家人篇期]?|数量|比例|比率|百分|金额|资金|人数|次数|件数|规模|增长|下降|率/;
const TIME_QUESTION = /什么时候|何时|哪一?年|几月|哪天|时间|日期|期限/;
/** A question that asks for a count or an amount ("多少", "几个"). */
const COUNT_QUESTION = /多少|(?<![哪那这])几[个件条次项名家人篇期位所]/;
/** A figure in a sentence (not the article-like 一个/一项). */
const NUMERAL = /\d|[两二三四五六七八九十百千万亿](?:[个件条次项名家人篇期位所户亩吨座台辆处份场批套间栋本册张倍]|公里|千米|平方米|米)|[一二三四五六七八九十百千两壹贰叁肆伍陆柒捌玖拾佰仟]+[万亿]?[元%％]/;
const DATE = /\d{4}年|\d{1,2}月|\d{1,2}日|[一二三四五六七八九十]+月/;
/** Every date in a text, to set aside before looking for a figure. */
const DATES = new RegExp(DATE.source, "g");
const MAX_SENTENCE_CHARS = 160;

/** The query side of scoring, computed once per question. */
interface Query {
  /** The question as asked. */
  text: string;
  tokens: Array<{ norm: string; weight: number }>;
  total: number;
  keys: string[];
  numbers: string[];
  wantsNumber: boolean;
  wantsTime: boolean;
  /** The part of a report the question asks for (its problems, plans, suggestions). */
  intent?: SectionIntent;
  /** The term a definition question asks about ("什么是CitiStat", "“四个留下”是指什么"), as matched. */
  defines?: string;
}

/** "什么是X", "X是什么 / 指什么 / 是指什么 / 是什么意思", "What is X": the term X. */
const DEFINITION_QUESTIONS = [
  /^(?:什么是|什么叫|何为|何谓|啥是)(.{2,24}?)$/,
  /^(.{2,24}?)(?:具体)?(?:是什么|是啥|指什么|是指什么|指的是什么|是什么意思|是什么东西|是怎么回事)$/,
  /^what (?:is|are) (?:an? |the )?(.{2,40}?)$/i,
];
/** A sentence that defines its subject: the term near its start, straight away followed by 是/指/即/： ("CitiStat是…", "“四个留下”即…"; not "CitiStat项目仅是…", "是否"). */
const DEFINES_AFTER = /^[”"」』]?(?:是指|指的是|就是|即|是(?!否)|指|：|:)/;
/** At most this many sentences saying what the asked-for term is open the answer. */
const MAX_DEFINITIONS = 2;

function definedTerm(question: string): string | undefined {
  const q = normalizeQuery(question.split("\n")[0] ?? "");
  for (const re of DEFINITION_QUESTIONS) {
    const term = re.exec(q)?.[1]?.replace(/^[“"「『]|[”"」』]$/g, "").trim();
    if (term && term.length >= 2) return normalizeForMatch(term);
  }
  return undefined;
}

function definesTerm(norm: string, term: string): boolean {
  const at = norm.indexOf(term);
  return at >= 0 && at <= 10 && DEFINES_AFTER.test(norm.slice(at + term.length));
}

/** What a sentence under a heading of the part the question asks for ("六、…存在的主要问题") gains over the rest of its passage. */
const INTENT_BONUS = 0.3;

function makeQuery(question: string): Query {
  const defines = definedTerm(question);
  // cutForSearch adds the parts of long words ("区政府" → "区政", "政府"): they count half.
  const whole = new Set(contentTokens(question));
  const tokens = searchTokens(question).map((t) => ({
    norm: normalizeForMatch(t),
    weight: idfWeight(t) * (whole.has(t) ? 1 : 0.5),
  }));
  return {
    text: question,
    tokens,
    total: tokens.reduce((s, t) => s + t.weight, 0),
    keys: keyTerms(question, 3).map(normalizeForMatch),
    numbers: extractNumbers(question),
    wantsNumber: QUANTITY_QUESTION.test(question),
    wantsTime: TIME_QUESTION.test(question),
    intent: sectionIntent(question),
    ...(defines ? { defines } : {}),
  };
}

/** Share (by weight) of the question's words found in a text, 0..1. */
function coverage(q: Query, text: string): number {
  if (q.total === 0) return 0;
  const norm = normalizeForMatch(text);
  let found = 0;
  for (const t of q.tokens) if (norm.includes(t.norm)) found += t.weight;
  return found / q.total;
}

/**
 * A sentence longer than MAX_SENTENCE_CHARS is cut to the run of clauses
 * (split at "，") around the one that matches the question best.
 */
function trimSentence(q: Query, sentence: string): string {
  if (sentence.length <= MAX_SENTENCE_CHARS) return sentence;
  const clauses = sentence.split(/(?<=，)/);
  let best = 0;
  let bestScore = -1;
  clauses.forEach((c, i) => {
    const s = coverage(q, c);
    if (s > bestScore) [best, bestScore] = [i, s];
  });
  let from = best;
  let to = best + 1;
  let len = clauses[best]!.length;
  while (true) {
    const next = to < clauses.length ? clauses[to]!.length : Infinity;
    const prev = from > 0 ? clauses[from - 1]!.length : Infinity;
    if (Math.min(next, prev) === Infinity || len + Math.min(next, prev) > MAX_SENTENCE_CHARS) break;
    if (next <= prev) len += clauses[to++]!.length;
    else len += clauses[--from]!.length;
  }
  const text = clauses.slice(from, to).join("").replace(/，$/, "");
  return from > 0 ? `……${text}` : text;
}

/** Sentences shorter than this (without enumerator and punctuation) are not quoted on their own: "1、个别谈话法。". */
const MIN_QUOTE_CHARS = 8;

/**
 * The passage's sentences, with the short title of a numbered item joined to
 * the sentence that follows it on the same line ("1、个别谈话法。是考核者通过…"
 * is one sentence): alone the title is too short to quote and the sentence
 * after it does not say what it is about, so an answer to "有哪些办法" would
 * quote the explanation without the name of the method.
 */
function withItemTitles(text: string): Sentence[] {
  const sentences = splitSentences(text);
  const out: Sentence[] = [];
  for (let i = 0; i < sentences.length; i++) {
    const s = sentences[i]!;
    const next = sentences[i + 1];
    const isTitle = stripEnumerator(s.text) !== s.text && normalizeForDedupe(stripEnumerator(s.text)).length < MIN_QUOTE_CHARS && /。$/.test(s.text);
    if (isTitle && next && text.includes(s.text + next.text)) {
      out.push({ text: s.text + next.text, index: s.index });
      i++;
      continue;
    }
    out.push(s);
  }
  return out;
}

/** One quotable piece of a passage: a sentence (an item's short title joined to it), or a heading line. */
interface Unit {
  text: string;
  /** Position among the passage's units (reading order). */
  index: number;
  /** The line of the passage's text it is on (0-based). */
  line: number;
  kind?: "heading" | "title";
}

/** An item title is at most this long (without its enumerator): "扎实开展粮食安全工作", "知事途径比较狭窄". */
const MAX_TITLE_CHARS = 20;
const TERMINATED = /[。！？!?；;]$/;

/** The level of a numbered heading or item: 一、 > （一） > 1、 > (1) > ① > 一是; undefined when it is not numbered. */
function enumLevel(text: string): number | undefined {
  const t = text.trim();
  if (/^[一二三四五六七八九十]+、/.test(t)) return 1;
  if (/^[（(][一二三四五六七八九十]+[)）]/.test(t)) return 2;
  if (/^\d+[、.．]|^[⒈-⒛]/u.test(t)) return 3;
  if (/^[（(]\d+[)）]|^[⑴-⒇]/u.test(t)) return 4;
  if (/^[①-⑳]/u.test(t)) return 5;
  if (/^[一二三四五六七八九十]+是/.test(t)) return 6;
  return undefined;
}

/**
 * The passage as units. A line is a heading when the chunker made it one (it
 * is on the chunk's heading paths: "三、改进干部实绩考核方法的对策。") or it is
 * short and unterminated ("产生上述问题的主要原因有："); the first sentences of
 * a line that are short numbered titles followed by more ("2、扎实开展粮食安全工作。一是…")
 * are titles. Neither answers a question by itself: what follows does.
 */
function unitsOf(chunk: Chunk): Unit[] {
  const known = new Set([...chunk.headingPath, ...innerHeadings(chunk)].map(normalizeForDedupe));
  const out: Unit[] = [];
  chunk.text.split("\n").forEach((raw, line) => {
    const text = raw.trim();
    if (!text) return;
    if (known.has(normalizeForDedupe(text)) || looksLikeHeading(text)) {
      out.push({ text, index: out.length, line, kind: "heading" });
      return;
    }
    const sentences = withItemTitles(text);
    sentences.forEach((s, i) => {
      const bare = stripEnumerator(s.text);
      const title =
        i < sentences.length - 1 && bare !== s.text && TERMINATED.test(s.text) && !/[，,]/.test(bare) && normalizeForDedupe(bare).length <= MAX_TITLE_CHARS;
      out.push({ text: s.text, index: out.length, line, ...(title ? { kind: "title" as const } : {}) });
    });
  });
  return out;
}

/** Items of a list under a heading that are quoted, at most. */
const MAX_LIST_ITEMS = 5;

/** The units after `from` up to the next heading line of `level` or above (the next unnumbered heading, for an unnumbered one). */
function sectionBelow(units: Unit[], from: number, level: number | undefined): Unit[] {
  const below: Unit[] = [];
  for (let i = from; i < units.length; i++) {
    const u = units[i]!;
    const startsLine = i === 0 || units[i - 1]!.line !== u.line;
    // The next item of the heading's list ends it, a heading or an item run into its paragraph ("2.乡条件落后，…" after "1.扶贫小额信贷清收难度大").
    if (startsLine && !u.kind && level !== undefined && (enumLevel(u.text) ?? Infinity) <= level) break;
    if (startsLine && u.kind === "heading") {
      const l = enumLevel(u.text);
      if (level !== undefined && l !== undefined && l <= level) break;
      if (level === undefined && l === undefined) break;
      // A new list ("产生上述问题的主要原因有：") after the first.
      if (/[：:]$/.test(u.text) && below.some((b) => enumLevel(b.text) !== undefined)) break;
    }
    below.push(u);
  }
  return below;
}

/** The numbered items of a section, each with the sentence after it when it is a sub-heading or title; none when it has no numbered items. */
function itemLeads(below: Unit[]): Unit[][] {
  const out: Unit[][] = [];
  below.forEach((u, i) => {
    const startsLine = i === 0 || below[i - 1]!.line !== u.line;
    if (!startsLine || enumLevel(u.text) === undefined) return;
    // A numbered sub-heading or title is quoted with the sentence that follows it.
    const next = below[i + 1];
    out.push(u.kind && next && !next.kind ? [u, next] : [u]);
  });
  return out;
}

/**
 * What stands under a heading or title: for a title, the sentences after it
 * on its line up to the first that is not a title itself; for a heading line,
 * the lines after it up to the next heading of its level or above — the lead
 * of each numbered item (a sub-heading with the sentence after it), else the
 * first two sentences.
 */
function contentUnder(units: Unit[], at: number): Unit[][] {
  const head = units[at]!;
  if (head.kind === "title") {
    const out: Unit[] = [];
    for (let i = at + 1; i < units.length && units[i]!.line === head.line; i++) {
      out.push(units[i]!);
      if (units[i]!.kind !== "title") break;
    }
    return [out];
  }
  const below = sectionBelow(units, at + 1, enumLevel(head.text));
  const leads = itemLeads(below);
  return leads.length ? leads : [below.filter((u) => !u.kind).slice(0, 2)];
}

/**
 * The items of a list a sentence opens on its own line ("努力做到“五勤”。一是
 * 脑勤。…二是嘴勤。…"; "…做好以下八个方面的工作：一是找准定位；二是抓好班子；…",
 * whose first item is in the sentence): each item's first sentence, numbered
 * in one style from 1 on, up to the end of the line or an item out of
 * sequence. None when no first item follows or the list has fewer than two.
 */
function inlineItems(units: Unit[], at: number): Unit[] {
  const intro = units[at]!;
  const next = units[at + 1];
  if (!next || next.line !== intro.line || next.kind === "heading") return [];
  const opened = /[：:]\s*([^：:]+)$/.exec(intro.text);
  const inIntro = opened ? parseHeading(opened[1]!) : null;
  const first = inIntro?.ordinal === 1 ? inIntro : parseHeading(next.text);
  if (!first || first.ordinal !== 1) return [];
  const items: Unit[] = [];
  let expected = first === inIntro ? 2 : 1;
  for (let i = at + 1; i < units.length && units[i]!.line === intro.line; i++) {
    const item = parseHeading(units[i]!.text);
    if (!item || item.style !== first.style) continue;
    if (item.ordinal !== expected++) break;
    items.push(units[i]!);
  }
  return items.length >= (first === inIntro ? 1 : 2) ? items : [];
}

/** Kinds of things a question asks about an item: its shortcomings, its causes, its merits, a rate or share, an amount of money. */
const ASPECTS: Array<{ asks: RegExp; states: RegExp }> = [
  // PROBLEMS
  {
    asks: /缺点|不足|弊端|短板|短处|毛病|局限|劣势|缺陷|问题/,
    states: /缺点|不足|弊端|短板|问题|局限|缺陷|难以|不易|不高|不够|不强|不到位|缺乏|缺少|忽视|较多|受到影响|制约|^(?:但|但是|然而|不过)/,
  },
  // CAUSES
  { asks: /原因|为什么|为何|怎么会|因何|何故/, states: /原因(?:是|在于|有|主要)|由于|因为|之所以|根源|因此|所以/ },
  { asks: /优点|优势|好处|长处|益处/, states: /优点|优势|好处|长处|有利于|便于|简便|便捷/ },
  { asks: /(?:[^效率]率|比例|比重|占比)[^，。？?！!]{0,8}?(?:多少|几|多高|多大|怎么样|如何)|百分之?(?:几|多少)|多少%/, states: /\d[\d.]*\s*[%％]|百分之[一二三四五六七八九十百]/ },
  {
    asks: /钱|费用|成本|资金|经费|金额|花费|花了|节省|节约|省了|投入|投资|预算|美金|美元/,
    states: /\d[\d.,]*\s*[万亿]?\s*(?:元|美元|美金|欧元|港元|块)|[一二三四五六七八九十百千万亿]+(?:元|美元|美金)/,
  },
  // WHO: a person or body in charge ("组长由谁担任", "谁牵头", "归谁管").
  {
    asks: /谁|哪位|什么人/,
    states: /由[^，。；;]{1,24}(?:担任|牵头|挂帅|主管|分管)|(?:任|为|当)(?:组长|主任|负责人)|(?:组长|主任|负责人)(?:是|为|由)/,
  },
];
const PROBLEMS = 0;
const CAUSES = 1;
/** Aspects that name a figure (a rate, an amount): asked why, they are what the cause is of ("为什么花钱很少"), not what is asked. */
const FIGURES = [3, 4];
/** What a sentence in the list of problems loses when the causes are asked for. */
const OFF_ASPECT_PENALTY = 0.5;
/** "问题的原因": the problems named as what the causes are of. */
const CAUSES_OF_PROBLEMS = /问题(?:的|产生的)?(?:原因|根源)/g;
/** What a sentence that states the asked-for aspect gains. */
const ASPECT_BONUS = 0.25;

/**
 * The aspects a question asks about. "存在问题的原因" asks for causes: the
 * problems are what the causes are of, unless it asks for them too ("问题和原因").
 */
function askedAspects(text: string): number[] {
  let asked = ASPECTS.flatMap((a, i) => (a.asks.test(text) ? [i] : []));
  if (asked.includes(CAUSES)) asked = asked.filter((i) => !FIGURES.includes(i));
  if (asked.includes(CAUSES) && !ASPECTS[PROBLEMS]!.asks.test(text.replace(CAUSES_OF_PROBLEMS, ""))) return asked.filter((i) => i !== PROBLEMS);
  return asked;
}

/** The question names the causes or the problems (by those words), not both: "那原因呢", "存在问题的原因是什么". */
function namesOneListAspect(text: string): boolean {
  const causes = /原因|根源/.test(text);
  const problems = ASPECTS[PROBLEMS]!.asks.test(text.replace(CAUSES_OF_PROBLEMS, ""));
  return causes !== problems;
}

/** The aspect a line ending in a colon opens a list of: the last aspect word it names ("产生上述问题的主要原因有：" → causes). */
function introducedAspect(text: string): number | undefined {
  if (!/[：:]$/.test(text)) return undefined;
  let best: { at: number; i: number } | undefined;
  ASKS_EVERYWHERE.forEach((re, i) => {
    for (const m of text.matchAll(re)) if (!best || m.index >= best.at) best = { at: m.index, i };
  });
  return best?.i;
}
const ASKS_EVERYWHERE = ASPECTS.map((a) => new RegExp(a.asks.source, "g"));

/**
 * For each unit of each passage, the aspects of the list it stands in, when a
 * section names several ("二、…存在的主要问题及原因") and a line opens the
 * list of one ("产生上述问题的主要原因有："): the lines after that line, in
 * this passage and the later ones of the section, are causes; the lines
 * before it are the section's other aspects (the problems).
 */
function aspectRegions(perPassage: Array<{ p: Passage; units: Unit[] }>): Map<Passage, Map<number, number[]>> {
  const sectionOf = (p: Passage) => [p.chunk.file, p.chunk.articleIndex, ...p.chunk.headingPath].join("\u0000");
  const leadIns = perPassage.flatMap(({ p, units }) =>
    units.flatMap((u) => {
      const aspect = introducedAspect(u.text);
      return aspect === undefined ? [] : [{ section: sectionOf(p), at: [p.chunk.lineStart, u.line] as const, aspect }];
    }),
  );
  const before = (a: readonly [number, number], b: readonly [number, number]) => a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
  const out = new Map<Passage, Map<number, number[]>>();
  for (const { p, units } of perPassage) {
    const section = sectionOf(p);
    const here = leadIns.filter((l) => l.section === section);
    const regions = new Map<number, number[]>();
    out.set(p, regions);
    if (here.length === 0) continue;
    const named = ASPECTS.flatMap((a, i) => (a.asks.test(p.chunk.headingPath.at(-1) ?? "") ? [i] : []));
    for (const u of units) {
      const at = [p.chunk.lineStart, u.line] as const;
      const opened = here.filter((l) => !before(at, l.at)).at(-1);
      if (opened) regions.set(u.index, [opened.aspect]);
      else {
        const others = named.filter((i) => i !== here[0]!.aspect);
        if (others.length) regions.set(u.index, others);
      }
    }
  }
  return out;
}

/** Every usable sentence (and heading) of the passages, scored against the question. */
function scoreSentences(q: Query, passages: Passage[]): Candidate[] {
  const maxScore = Math.max(0, ...passages.map((p) => p.score));
  const out: Candidate[] = [];
  const asked = askedAspects(q.text);
  const aspects = asked.map((i) => ASPECTS[i]!);
  const perPassage: Array<{ p: Passage; units: Unit[]; made: Map<number, Candidate> }> = passages.map((p) => ({ p, units: unitsOf(p.chunk), made: new Map() }));
  // Lists of one aspect are told apart only when the question names the one it wants ("原因", not "为什么"), and not both.
  const regions = namesOneListAspect(q.text) ? aspectRegions(perPassage) : undefined;
  perPassage.forEach(({ p, units, made }, i) => {
    // Rank matters most; the retrieval score refines it when it is meaningful.
    const rankWeight = 1 / (1 + 0.25 * i);
    const scoreWeight = maxScore > 0 && p.score > 0 ? 0.6 + 0.4 * (p.score / maxScore) : 1;
    const weight = rankWeight * scoreWeight;
    const lines = p.chunk.text.split("\n");
    for (const s of units) {
      const text = stripEnumerator(s.text);
      if (normalizeForDedupe(text).length < MIN_QUOTE_CHARS && !s.kind) continue;
      if (normalizeForDedupe(text).length < 2) continue;
      // The section the sentence itself sits in, which in a passage packing
      // several short sections is narrower than the passage's.
      const { headingPath } = spanOf(p.chunk, [s.text]);
      // A heading means what its parents say as well ("产生上述问题的主要原因有：" under "二、…干部实绩考核…").
      const matched = s.kind === "heading" ? [...headingPath.slice(1), text].join(" ") : text;
      const norm = normalizeForMatch(matched);
      let cov = coverage(q, matched);
      // A sentence stating what is asked of its item ("但效率不高…" for "个别谈话法有啥缺点")
      // need not repeat the item's name: its line names it.
      const states = !s.kind && aspects.some((a) => a.states.test(text));
      if (states) cov = Math.max(cov, 0.8 * coverage(q, lines[s.line] ?? text));
      let score = cov + 0.1 * coverage(q, headingPath.join(" "));
      // Sentences in the part the question asks for come before the rest.
      const inPart = !!q.intent && underHeading(headingPath, q.intent);
      if (inPart) score += INTENT_BONUS;
      if (states) score += ASPECT_BONUS;
      // Asked for the causes, the list of problems before "产生上述问题的主要原因有：" is not the answer,
      // though its items say "等原因" (the other way round, a cause is often a problem too: no penalty).
      const region = regions?.get(p)?.get(s.index);
      if (asked.includes(CAUSES) && region && !region.includes(CAUSES)) score -= OFF_ASPECT_PENALTY;
      // A heading that names the asked-for part introduces the answer: "产生上述问题的主要原因有：" for "原因呢".
      // Less so when it names other parts too ("…存在的主要问题及原因" asked for the causes).
      if (s.kind === "heading" && aspects.some((a) => a.asks.test(text))) {
        score += ASPECTS.some((a) => !aspects.includes(a) && a.asks.test(text)) ? ASPECT_BONUS : 2 * ASPECT_BONUS;
      }
      if (q.keys.length) score += (0.25 * q.keys.filter((k) => norm.includes(k)).length) / q.keys.length;
      if (/\d/.test(norm)) score += q.wantsNumber && cov >= 0.3 ? 0.2 : 0.03;
      if (q.wantsTime && cov >= 0.2 && DATE.test(text)) score += 0.25;
      for (const n of q.numbers) if (extractNumbers(text).includes(n)) score += 0.2;
      // With nothing to match, prefer the opening sentences of the best passages.
      if (q.total === 0) score += 0.1 / (1 + s.index);
      const defines = !s.kind && q.defines !== undefined && definesTerm(norm, q.defines);
      const level = enumLevel(s.text);
      const c: Candidate = {
        passage: p,
        index: s.index,
        text: s.kind === "heading" ? text : trimSentence(q, text),
        score: score * weight,
        ...(defines ? { defines } : {}),
        ...(s.kind ? { kind: s.kind } : {}),
        ...(inPart ? { inPart } : {}),
        ...(level !== undefined ? { level } : {}),
      };
      made.set(s.index, c);
      out.push(c);
    }
  });
  // What stands under each heading and title, quoted when it is picked. A
  // section's later items may be passages of their own ("三、…对策" and its
  // items 2–4): their leads follow, in the order of the file.
  for (const { p, units, made } of perPassage) {
    units.forEach((u, at) => {
      const c = made.get(u.index);
      if (!c) return;
      if (!c.kind) {
        // A sentence that opens a list on its line is quoted with the list's items.
        const items = inlineItems(units, at);
        if (items.length === 0) return;
        // Short items ("二是抓好班子；") are the sentence's own list: quoted in it, as written.
        if (items.every((v) => normalizeForDedupe(stripEnumerator(v.text)).length <= MAX_TITLE_CHARS)) {
          c.text = [c.text, ...items.map((v) => v.text)].map((t) => t.replace(/[。；;，,\s]+$/u, "")).join("；");
          return;
        }
        // Longer ones are quoted after it, each keeping its number ("一是脑勤。就是要…").
        c.under = items.slice(0, MAX_LIST_ITEMS).map((v) => ({ ...(made.get(v.index) ?? { passage: p, index: v.index, score: 0 }), text: trimSentence(q, v.text) }));
        return;
      }
      const groups = contentUnder(units, at).map((g) => g.flatMap((v) => made.get(v.index) ?? [])).filter((g) => g.length);
      if (c.kind === "heading" && groups.length) {
        const heading = normalizeForDedupe(u.text);
        const level = enumLevel(u.text);
        // A section that runs to the end of the passage goes on in the passage after it.
        let end = sectionBelow(units, at + 1, level).at(-1) === units.at(-1) ? p.chunk.lineEnd : -Infinity;
        const section = p.chunk.headingPath.join("\u0000");
        const rest = perPassage
          .filter((o) => o.p !== p && sameArticle(o.p.chunk, p.chunk) && o.p.chunk.lineStart > p.chunk.lineStart)
          .sort((a, b) => a.p.chunk.lineStart - b.p.chunk.lineStart);
        for (const o of rest) {
          const under = o.p.chunk.headingPath.some((h) => normalizeForDedupe(h) === heading);
          const continues = o.p.chunk.lineStart <= end + 2 && o.p.chunk.headingPath.join("\u0000") === section;
          if (!under && !continues) continue;
          const below = sectionBelow(o.units, 0, level);
          if (continues) end = below.at(-1) === o.units.at(-1) ? o.p.chunk.lineEnd : -Infinity;
          groups.push(...itemLeads(below).map((g) => g.flatMap((v) => o.made.get(v.index) ?? [])));
        }
      }
      // Under a heading naming several aspects, only the list of the asked one ("…问题及原因" asked for the causes).
      const offAspect = (v: Candidate) => {
        const region = regions?.get(v.passage)?.get(v.index);
        return !!region && !region.some((a) => asked.includes(a));
      };
      c.under = groups.filter((g) => g.length === 0 || !offAspect(g[0]!)).slice(0, MAX_LIST_ITEMS).flat();
    });
  }
  return out;
}

function isDuplicate(a: string, b: string): boolean {
  const na = normalizeForDedupe(a.replace(/^……/, ""));
  const nb = normalizeForDedupe(b.replace(/^……/, ""));
  return na === nb || na.includes(nb) || nb.includes(na) || similarity(a, b) >= 0.6;
}

interface Pick {
  minSentences: number;
  maxSentences: number;
  maxPassages: number;
  /** Sentences under this share of the best score are left out (once minSentences are in). */
  relative: number;
  /** Nothing under this share of the best score, even to reach minSentences. */
  floor: number;
  maxPerPassage?: number;
}

function pick(candidates: Candidate[], o: Pick): Candidate[] {
  const sorted = [...candidates].sort((a, b) => b.score - a.score || a.passage.n - b.passage.n || a.index - b.index);
  const best = sorted[0]?.score ?? 0;
  const picked: Candidate[] = [];
  const used = new Map<number, number>();
  for (const c of sorted) {
    if (picked.length >= o.maxSentences) break;
    if (best > 0 && c.score < o.floor * best) break;
    if (picked.length >= o.minSentences && c.score < o.relative * best) break;
    const inPassage = used.get(c.passage.n) ?? 0;
    if (inPassage === 0 && used.size >= o.maxPassages) continue;
    if (o.maxPerPassage !== undefined && inPassage >= o.maxPerPassage) continue;
    if (picked.some((p) => isDuplicate(p.text, c.text))) continue;
    picked.push(c);
    used.set(c.passage.n, inPassage + 1);
  }
  return picked;
}

/** A question asking for the items of a list ("哪几个方面", "哪五勤", "有哪些", "第一条是什么"), not for a figure. */
const LIST_QUESTION = /哪些|哪几|哪[一二三四五六七八九十两]|几(?:个|种|条|项|方面|层|重|点|大)|第[一二三四五六七八九十几]|什么(?:办法|措施|做法|要求|内容|方面)|有什么/;

/** What a question counts its list in: "哪几个方面" → 方, "哪五勤" and "哪几个“勤”" → 勤. */
const COUNTED_AS = /(?:哪[一二三四五六七八九十两几]|几)个?[“"「]?([\u4e00-\u9fff])/;

/**
 * Whether a list's opening sentence counts its items as the question does
 * ("…以下八个方面的工作" for "哪几个方面", "…做到“五勤”" for "哪五勤"); any
 * list does for a question that counts nothing ("有哪些问题").
 */
function countsAsAsked(question: string, intro: string): boolean {
  const unit = COUNTED_AS.exec(question)?.[1];
  if (!unit) return true;
  return new RegExp(`[一二三四五六七八九十两\\d]个?[“"「]?${unit}`).test(intro);
}

/**
 * The picked sentences (best first) with the content under each picked
 * heading or title quoted too: a heading alone ("扎实开展粮食安全工作。") does
 * not answer. A heading line is left out once its content is in (the citation
 * names the section); a title stays in an answer, where it names its item,
 * but not in a draft, whose paragraphs are prose. Asked for a list, the
 * best sentence that opens one on its line is followed by its items. At most
 * `cap` sentences, however many the first pick brings.
 */
function withContent(picked: Candidate[], cap: number, draft: boolean, question = ""): Candidate[] {
  const listed = LIST_QUESTION.test(question) ? picked.find((c) => !c.kind && c.under?.length && countsAsAsked(question, c.text)) : undefined;
  const out: Candidate[] = [];
  const add = (c: Candidate) => {
    if (out.includes(c) || out.some((o) => isDuplicate(o.text, c.text))) return;
    out.push(c);
  };
  for (const c of picked) {
    if (out.length >= cap) break;
    if (!c.kind) {
      add(c);
      if (c === listed) for (const u of c.under ?? []) {
        // An item already quoted on its own gets its number back ("把干部的实绩…" → "一是把干部的实绩…").
        const alone = out.findIndex((o) => o.passage === u.passage && o.index === u.index);
        if (alone >= 0) out[alone] = u;
        else if (out.length < cap) add(u);
      }
      continue;
    }
    const under = (c.under ?? []).filter((u) => !(draft && u.kind));
    if (under.length === 0) continue;
    if (c.kind === "title" && !draft) add(c);
    for (const u of under) if (out.length < cap || u === under[0]) add(u);
  }
  // Only headings with nothing under them in the passages: they are all there is.
  return out.length ? out : picked.filter((c) => !draft || !c.kind);
}

/**
 * A report's opening formula that names nothing ("…，现将有关情况报告如下").
 * One that names what the report covers ("现将市经信局2020年9月份工作总结及
 * 10月份工作计划报告如下") is kept: it tells which document this is.
 */
const REPORT_FORMULA = /(?:^|[，,；;])\s*现将(?:有关|相关|具体|主要|基本)?(?:工作)?(?:情况|工作)?(?:作|予以)?(?:报告|汇报|总结|说明|通报|公布|综述)如下[。：:]?$/;
/** A sentence that announces what follows it ("…主要基于以下几种因素", "…安排在以下四个方面", "提出如下工作建议"). */
const LEAD_IN = /(?:如下|以下[^，。；：]{0,10}|下列[^，。；：]{0,8})[^，。；：]{0,6}[。：:]?$/;

/**
 * The picked sentences without what only announces what follows: a report's
 * opening formula that names nothing is cut from its sentence (the sentence
 * goes when that is all it is), and a lead-in stays only when what it
 * announces is quoted after it (its next sentence or the one after).
 */
function withoutLeadIns(picked: Candidate[]): Candidate[] {
  const out: Candidate[] = [];
  for (const c of picked) {
    if (c.kind) {
      out.push(c);
      continue;
    }
    const formula = REPORT_FORMULA.exec(c.text);
    if (formula) {
      const rest = c.text.slice(0, formula.index);
      if (normalizeForDedupe(rest).length >= MIN_QUOTE_CHARS) out.push({ ...c, text: rest });
      continue;
    }
    if (LEAD_IN.test(c.text) && !/现将/.test(c.text) && !picked.some((d) => d.passage === c.passage && d.index > c.index && d.index <= c.index + 2)) continue;
    out.push(c);
  }
  return out.length ? out : picked;
}

/** Sentences an answer quotes at most, with the content of the headings it picked. */
const MAX_ANSWER_SENTENCES = 8;
/** Sentences a draft quotes at most. */
const MAX_DRAFT_SENTENCES = 10;

/** "……句子" → "……句子[n]。": the citation goes before the closing full stop. */
function withCitation(sentence: string, n: number): string {
  // A sentence closing a quotation ("……。”") keeps its own full stop.
  if (/[。！？!?][”’」』]$/.test(sentence)) return `${sentence}[${n}]`;
  const body = sentence.replace(/[。！？!?；;，,：:\s]+$/u, "");
  return `${body}[${n}]。`;
}

/** Numbers passages 1..N in order of first use and builds their citations (quote = best sentence used). */
function numberCitations(ordered: Candidate[]): { numberOf: Map<number, number>; citations: Citation[] } {
  const numberOf = new Map<number, number>();
  const best = new Map<number, Candidate>();
  for (const c of ordered) {
    if (!numberOf.has(c.passage.n)) numberOf.set(c.passage.n, numberOf.size + 1);
    const b = best.get(c.passage.n);
    if (!b || (b.fromPath && !c.fromPath) || (!c.fromPath && c.score > b.score)) best.set(c.passage.n, c);
  }
  const citations = [...numberOf.entries()].map(([pn, n]) => {
    const c = best.get(pn)!;
    // A heading from the section path is not in the passage's text: the lines are those of the sentences that are.
    const used = ordered.filter((o) => o.passage.n === pn && !o.fromPath).map((o) => o.text);
    return toCitation(n, c.passage.chunk, c.text.replace(/^……/, ""), used);
  });
  return { numberOf, citations };
}

/**
 * The question cleaned as the documents were, so its words match theirs
 * ("民情日誌…多少則" → "民情日志…多少则"). Each line and each space-separated
 * piece on its own: an English question comes with its Chinese search terms
 * on the next line, which must stay apart.
 */
function cleanedQuestion(text: string): string {
  return text
    .split("\n")
    .map((line) => line.split(" ").map(normalizeText).join(" "))
    .join("\n");
}

/**
 * What a question counts the parts of: "分几个阶段" → 阶段, "哪几个步骤" → 步骤,
 * "有哪些环节" → 环节. Only words for parts of a plan: "几个项目" under
 * headings "（一）交通项目（二）水利项目" counts projects, not headings.
 */
const COUNTED_PARTS = /(?:哪几|哪些|几)个?(阶段|步骤|环节|方面|部分|层次|层面|板块|类别|类型|形式|方式|渠道|途径|原则)/;
/** "How many stages…": the word the documents count the parts in. */
const ENGLISH_PARTS: Record<string, string> = { stages: "阶段", phases: "阶段", steps: "步骤", aspects: "方面", links: "环节", parts: "部分" };
/** The question also asks what each part holds ("每个阶段做什么", "分别是什么任务"). */
const ASKS_EACH = /做什么|干什么|做哪些|内容|任务|重点|分别|具体|怎么|如何|主要|\bwhat (?:does|do|is done|happens)\b|\beach\b/i;
/** A heading's trailing dates or remark: "部署发动阶段（2007年9月―10月）" → "部署发动阶段". */
const TRAILING_REMARK = /[（(][^（()）]*[)）]$/;

/**
 * Parts a document gives as headings of one level, each named as the question
 * counts them ("（一）部署发动阶段（2007年9月―10月）" … "（三）扫尾及总结评比阶段"
 * for "分几个阶段"): the count is the number of headings, which no sentence
 * states. Found when two or more such headings of one article, numbered 1..N
 * without a gap, are in the passages; otherwise undefined.
 */
function headedParts(question: string, passages: Passage[]): { noun: string; items: Candidate[] } | undefined {
  const english = /\bhow many (stages|phases|steps|aspects|links|parts)\b/i.exec(question)?.[1]?.toLowerCase();
  const noun = english ? ENGLISH_PARTS[english] : COUNTED_PARTS.exec(question)?.[1];
  if (!noun) return undefined;
  const groups = new Map<string, Array<{ c: Candidate; ordinal: number }>>();
  for (const p of passages) {
    const units = unitsOf(p.chunk);
    units.forEach((u, i) => {
      if (u.kind !== "heading") return;
      const h = parseHeading(u.text);
      if (!h || !Number.isFinite(h.ordinal)) return;
      const title = h.title.replace(/[。：:；;，,\s]+$/u, "").replace(TRAILING_REMARK, "");
      if (!title.endsWith(noun) || title.length <= noun.length) return;
      const key = `${p.chunk.file}\u0000${p.chunk.articleIndex}\u0000${h.style}`;
      const next = units[i + 1];
      const body = next && !next.kind && next.line === u.line + 1 ? next : undefined;
      const c: Candidate = { passage: p, index: u.index, text: u.text, score: 1, kind: "heading", ...(body ? { under: [{ passage: p, index: body.index, text: body.text, score: 1 }] } : {}) };
      const group = groups.get(key) ?? [];
      if (!group.some((g) => g.ordinal === h.ordinal)) group.push({ c, ordinal: h.ordinal });
      groups.set(key, group);
    });
  }
  const best = [...groups.values()]
    .filter((g) => g.length >= 2 && g.map((x) => x.ordinal).sort((a, b) => a - b).every((o, i) => o === i + 1))
    .sort((a, b) => Math.min(...a.map((x) => x.c.passage.n)) - Math.min(...b.map((x) => x.c.passage.n)))[0];
  if (!best) return undefined;
  return { noun, items: best.sort((a, b) => a.ordinal - b.ordinal).map((x) => x.c) };
}

/** "一"…"十" for 1..10, digits after. */
function chineseCount(n: number): string {
  return n >= 1 && n <= 10 ? (n === 2 ? "两" : CHINESE_ORDINALS[n - 1]!) : String(n);
}

/** The answer from headedParts: the count, then each heading (with its first sentence when the question asks what each holds), cited. */
function headedPartsAnswer(question: string, found: { noun: string; items: Candidate[] }): ExtractiveResult {
  const each = ASKS_EACH.test(question);
  const quoted = found.items.flatMap((c) => (each && c.under?.length ? [c, c.under[0]!] : [c]));
  const { numberOf, citations } = numberCitations(quoted);
  const items = found.items.map((c) => {
    const body = each ? c.under?.[0] : undefined;
    const text = body ? `${c.text.replace(/[。：:；;，,\s]+$/u, "")}：${body.text.replace(/[。；;，,\s]+$/u, "")}` : c.text.replace(/[。：:；;，,\s]+$/u, "");
    return `${text}[${numberOf.get(c.passage.n)}]`;
  });
  return { text: `根据文档，共分${chineseCount(found.items.length)}个${found.noun}：${items.join("；")}。`, citations };
}

/** Whether two candidates are the same sentence of the same passage. */
function sameSentence(a: Candidate, b: Candidate): boolean {
  return a.passage === b.passage && a.index === b.index;
}

/** A short answer from the 2–5 best sentences of up to 3 passages, each cited. */
export function extractiveAnswer(asked: string, passages: Passage[]): ExtractiveResult {
  const question = cleanedQuestion(asked);
  const parts = headedParts(question, passages);
  if (parts) return headedPartsAnswer(question, parts);
  const q = makeQuery(question);
  const scored = scoreSentences(q, passages);
  // Asked what a term is, the sentences that say so come first, whatever else matches more words.
  const definitions = pick(
    scored.filter((c) => c.defines),
    { minSentences: 1, maxSentences: MAX_DEFINITIONS, maxPassages: MAX_DEFINITIONS, relative: 0, floor: 0 },
  );
  let picked = [
    ...definitions,
    ...pick(
      scored.filter((c) => !c.defines),
      { minSentences: 2, maxSentences: 5 - definitions.length, maxPassages: 3, relative: 0.6, floor: 0.3 },
    ),
  ];
  let lead = "根据文档：";
  const unit = countedIn(question);
  const type = expectedAnswer(question);
  // Asked for a total, the sentence stating it is in, from the passages already quoted.
  const total = totalSentence(question, unit ?? (type === "money" ? "money" : undefined), scored.filter((c) => picked.some((p) => p.passage === c.passage)));
  if (total) picked = [total, ...picked.filter((c) => !sameSentence(c, total))];
  picked = withoutLeadIns(withContent(picked, MAX_ANSWER_SENTENCES, false, question));
  // A count whose figure only a heading above the passages gives ("二、采取扣分制进行考核，自评分为196分"
  // over the passages of its sub-items, each "自评分为满分15分"): that heading answers, first.
  if (unit && picked.length && !picked.some((c) => unit.test(c.text))) {
    const heading = headingWithFigure(q, unit, passages);
    if (heading) picked = [heading, ...picked];
  }
  // A sentence of the passages quoted that states the count right after the verb asked with ("配了几个人" →
  // "目前仅配了一名工作人员") answers, though it shares no other word with the question.
  const stated = unit && picked.length ? countAfterVerb(question, unit, scored.filter((c) => picked.some((p) => p.passage === c.passage))) : undefined;
  if (stated && !picked.some((c) => sameSentence(c, stated))) picked = [...picked.slice(0, MAX_ANSWER_SENTENCES - 1), stated];
  // Asked who issued or signed a document, the line that signs it ("中共万全县委组织部") comes first.
  const signed = type === "issuer" ? signOff(passages, Math.max(0, ...scored.map((c) => c.score)) + 1) : undefined;
  if (signed) {
    picked = [signed, ...picked.filter((c) => !sameSentence(c, signed))];
    lead = "根据文档，署名单位是：";
  }
  if (picked.length === 0) {
    // Nothing matched at all: the opening of the best passage is still the best we have.
    picked = scoreSentences({ ...q, total: 0 }, passages.slice(0, 1)).filter((c) => !c.kind).slice(0, 2);
    lead = "文档中没有与问题直接对应的句子，最相关段落的开头是：";
  } else if (COUNT_QUESTION.test(question) && !stated && !picked.some((c) => NUMERAL.test(c.text.replace(DATES, "")))) {
    // Asked for a number, and no sentence that answers gives one: say so rather than imply it.
    lead = "文档中没有找到所问的数字，相关内容是：";
  }
  if (picked.length === 0) return { text: "", citations: [] };
  // Reading order, except that a sentence saying what the asked-for term is comes first.
  const ordered = [...picked].sort((a, b) => Number(b === signed) - Number(a === signed) || Number(!!b.defines) - Number(!!a.defines) || a.passage.n - b.passage.n || a.index - b.index);
  const { numberOf, citations } = numberCitations(ordered);
  const body = ordered.map((c) => withCitation(c.text, numberOf.get(c.passage.n)!)).join("");
  return { text: `${lead}${body}`, citations };
}

/**
 * The first of the best passages with a line that is only an organisation's
 * name, as a sentence scoring `score` (so it is the passage's quote): the
 * unit that signed or issued the document.
 */
function signOff(passages: Passage[], score: number): Candidate | undefined {
  for (const passage of passages.slice(0, 5)) {
    const line = issuerLine(passage.chunk.text);
    const sentence = line && splitSentences(passage.chunk.text).find((s) => s.text === line);
    if (sentence) return { passage, index: sentence.index, text: sentence.text, score };
  }
  return undefined;
}

/** A question about a total ("一共", "总共", "合计", "共支持了多少", not the 共 of 公共). */
const ASKS_TOTAL = /一共|总共|共计|合计|总计|累计|总数|总额|(?<![公总一])共[\u4e00-\u9fff]{0,3}?(?:多少|几)/;
/** Share of the best sentence's score a sentence stating the total needs to answer. */
const TOTAL_SHARE = 0.3;
/** An amount of money with its value in yuan. */
const MONEY = /(\d[\d,]*(?:\.\d+)?)\s*(万|亿)?(?:美)?元/g;

/** The number opening a counted figure: in digits or in Chinese numerals, then its magnitude, if any. */
const FIGURE = /^(?:(\d[\d,]*(?:\.\d+)?)|([一二三四五六七八九十百千两]+))([万亿])?/;

/** The figures a text states in the unit asked (a count's measure word, or yuan), as values. */
function figuresIn(text: string, unit: RegExp | "money"): number[] {
  const t = text.replace(DATES, "");
  if (unit === "money") return [...t.matchAll(MONEY)].map((m) => Number(m[1]!.replace(/,/g, "")) * (m[2] === "亿" ? 1e8 : m[2] === "万" ? 1e4 : 1));
  const out: number[] = [];
  for (const m of t.matchAll(new RegExp(unit.source, "g"))) {
    // The number in digits or in Chinese numerals, and the magnitude after it ("6万则", "1.2亿人次").
    const [, digits, numerals, magnitude] = FIGURE.exec(m[0]) ?? [];
    const v = digits !== undefined ? Number(digits.replace(/,/g, "")) : numeralValue(numerals ?? "");
    if (v !== undefined && Number.isFinite(v)) out.push(v * (magnitude === "亿" ? 1e8 : magnitude === "万" ? 1e4 : 1));
  }
  return out;
}

/**
 * Asked for a total ("一共扶持了多少家企业"), the sentence that states the
 * largest figure in the unit asked (a count's measure word, or an amount of
 * money), among those scoring at least TOTAL_SHARE of the best: a total is
 * stated beside its parts, which match the question as well or better
 * ("支持全市8个区县（市）61家企业61个项目" above "（1）高新区共支持13家企业
 * 13个项目"; "二、采取扣分制进行考核，自评分为196分" above its items'
 * "自评分为满分15分").
 */
function totalSentence(question: string, unit: RegExp | "money" | undefined, scored: Candidate[]): Candidate | undefined {
  if (!unit || !ASKS_TOTAL.test(question)) return undefined;
  const best = Math.max(0, ...scored.map((c) => c.score));
  const stating = scored
    .filter((c) => c.score >= TOTAL_SHARE * best)
    .map((c) => ({ c, value: Math.max(-Infinity, ...figuresIn(c.text, unit)) }))
    .filter((x) => x.value > -Infinity);
  const found = stating.reduce<(typeof stating)[number] | undefined>((a, b) => (!a || b.value > a.value ? b : a), undefined);
  if (!found) return undefined;
  // The largest of a list's items ("（五）推进定制客运服务情况，自评分为满分20分" beside
  // "（三）…满分15分") is a part, not the total: nothing to add.
  const { level } = found.c;
  if (level !== undefined && level > 1 && stating.some((o) => o !== found && o.c.level === level)) return undefined;
  // A heading stating the total answers by itself ("二、采取扣分制进行考核，自评分为196分").
  return found.c.kind ? { ...found.c, kind: undefined, under: undefined } : found.c;
}

/** Share of the question's words a heading above the passage must hold to answer a count. */
const MIN_PATH_HEADING_COVERAGE = 0.3;

/**
 * A heading above one of the best passages (in its section path, above its
 * text) that states a figure in the unit asked for and holds a fair share of
 * the question's words. Not a heading line inside a passage: in a scored list
 * ("（三）…督导考核情况，自评分为满分15分") an item's heading shares most words
 * with a question about the total ("一共给自己打了多少分").
 */
function headingWithFigure(q: Query, unit: RegExp, passages: Passage[]): Candidate | undefined {
  for (const p of passages.slice(0, 3)) {
    for (const h of p.chunk.headingPath.slice(1)) {
      if (p.chunk.text.includes(h) || !unit.test(h.replace(DATES, "")) || coverage(q, h) < MIN_PATH_HEADING_COVERAGE) continue;
      return { passage: p, index: -1, text: stripEnumerator(h), score: 0, fromPath: true };
    }
  }
  return undefined;
}

/** The verb a count is asked with, before its asking word: "配了几个人" → 配, "一共抽调了多少名干部" → 抽调. */
const COUNT_VERB = /([\u4e00-\u9fff]{1,2}?)[了过着]?(?:多少|几)(?=[个件条次项名家人篇期位所户份])/;

/**
 * The best-scoring sentence of `candidates` (the quoted passages' sentences)
 * that states a count in the unit asked within a few characters after the verb
 * the question asks it with, or undefined.
 */
function countAfterVerb(question: string, unit: RegExp, candidates: Candidate[]): Candidate | undefined {
  const verb = COUNT_VERB.exec(question)?.[1];
  if (!verb || /^(一共|总共|共|有|是|了|的|都|要|能|到|达)$/.test(verb)) return undefined;
  const near = new RegExp(`${verb}[了过着有为]?[^，。；;！!？?]{0,4}?(?:${unit.source})`);
  return candidates
    .filter((c) => !c.kind && near.test(c.text.replace(DATES, "")))
    .sort((a, b) => b.score - a.score)[0];
}

/** Splits ordered groups into at most `max` runs of consecutive groups. */
function intoParagraphs<T>(groups: T[][], max: number): T[][] {
  if (groups.length <= max) return groups;
  const out: T[][] = [];
  const per = Math.ceil(groups.length / max);
  for (let i = 0; i < groups.length; i += per) out.push(groups.slice(i, i + per).flat());
  return out;
}

/** A word of the request this specific (jieba IDF) marks its topic: a draft's sentences must carry one. */
const TOPIC_IDF = 7;

/** On-topic sentences a draft needs before off-topic ones are left out. */
const DRAFT_MIN_ON_TOPIC = 3;

/**
 * A draft of 1–3 paragraphs from the most relevant sentences of several
 * passages, in document order (section, then position), each cited, followed
 * by DRAFT_NOTE and the sources.
 */
export function extractiveDraft(request: string, passages: Passage[]): ExtractiveDraft {
  const paragraphs = draftParagraphs(request, passages);
  if (paragraphs.length === 0) return { text: "", citations: [], sources: [] };
  const { numberOf, citations } = numberCitations(paragraphs.flat());
  const body = paragraphs.map((para) => para.map((c) => withCitation(c.text, numberOf.get(c.passage.n)!)).join("")).join("\n\n");
  return { text: `${body}\n\n${DRAFT_NOTE}\n${citations.map(citationLine).join("\n")}`, citations, sources: distinctSources(citations) };
}

/** One part of a draft asked for in parts ("包括主要做法、存在问题和下一步打算"): its heading, what to search it by, its passages. */
export interface DraftPart {
  label: string;
  request: string;
  passages: Passage[];
}

/**
 * A draft in the parts the request names, each under its heading
 * ("一、主要做法"), drafted from its own passages; a part the documents have
 * nothing for says so under its heading rather than being left out. Passage
 * numbers (`n`) must be distinct across the parts.
 */
export function extractiveSectionedDraft(parts: DraftPart[]): ExtractiveDraft {
  const drafted = parts.map((part) => ({ part, sentences: draftParagraphs(part.request, part.passages).flat() }));
  if (drafted.every((d) => d.sentences.length === 0)) return { text: "", citations: [], sources: [] };
  const { numberOf, citations } = numberCitations(drafted.flatMap((d) => d.sentences));
  const body = drafted
    .map(({ part, sentences }, i) => {
      const heading = `${CHINESE_ORDINALS[i] ?? i + 1}、${part.label}`;
      const text = sentences.length ? sentences.map((c) => withCitation(c.text, numberOf.get(c.passage.n)!)).join("") : `（文档中没有找到这方面的内容。）`;
      return `${heading}\n${text}`;
    })
    .join("\n\n");
  return { text: `${body}\n\n${DRAFT_NOTE}\n${citations.map(citationLine).join("\n")}`, citations, sources: distinctSources(citations) };
}

const CHINESE_ORDINALS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

/** The sentences of a draft, in paragraphs: see extractiveDraft. */
function draftParagraphs(request: string, passages: Passage[]): Candidate[][] {
  const q = makeQuery(cleanedQuestion(request));
  // A draft about 政务信息化 should not take in "加强组织领导，强化作风建设"
  // because it shares 加强 and 建设: keep sentences that carry a topic word.
  const topic = q.tokens.filter((t) => idfWeight(t.norm) >= TOPIC_IDF).map((t) => t.norm);
  const scored = scoreSentences(q, passages);
  const onTopic = topic.length ? scored.filter((c) => topic.some((t) => normalizeForMatch(c.text).includes(t))) : scored;
  // Too few sentences name the topic itself (营商环境, where the passages say
  // 经济发展环境): a paragraph from the best passages beats a single sentence.
  const pool = onTopic.length >= DRAFT_MIN_ON_TOPIC ? onTopic : scored;
  // A request for a part of a report ("起草一段…存在问题的表述") is drafted from that part when the passages have it.
  // The part is the best passage's report's: another report's problems are not this topic's.
  const inPart = scored.filter((c) => c.inPart && !c.kind && sameArticle(c.passage.chunk, passages[0]?.chunk));
  const picked = withoutLeadIns(withContent(
    pick(inPart.length >= 2 ? inPart : pool, {
      minSentences: 3,
      maxSentences: 9,
      maxPassages: 5,
      relative: 0.35,
      floor: 0.15,
      maxPerPassage: 3,
    }),
    MAX_DRAFT_SENTENCES,
    true,
  ));
  if (picked.length === 0) return [];
  const byPassage = new Map<number, Candidate[]>();
  for (const c of picked) byPassage.set(c.passage.n, [...(byPassage.get(c.passage.n) ?? []), c]);
  // Documents in order of their most relevant passage; within a document, its
  // sections in the order it has them; within a passage, sentence order.
  const docOf = (p: Passage) => `${p.chunk.file}\u0000${p.chunk.articleIndex}`;
  const docRank = new Map<string, number>();
  for (const c of picked) docRank.set(docOf(c.passage), Math.min(docRank.get(docOf(c.passage)) ?? Infinity, c.passage.n));
  const groups = [...byPassage.values()]
    .sort((a, b) => docRank.get(docOf(a[0]!.passage))! - docRank.get(docOf(b[0]!.passage))! || a[0]!.passage.chunk.lineStart - b[0]!.passage.chunk.lineStart)
    .map((g) => g.sort((a, b) => a.index - b.index));
  return intoParagraphs(groups, 3);
}

/** Distinct documents in order of first citation. */
export function distinctSources(citations: Citation[]): Array<{ file: string; article: string }> {
  const seen = new Set<string>();
  const out: Array<{ file: string; article: string }> = [];
  for (const c of [...citations].sort((a, b) => a.n - b.n)) {
    const key = `${c.file}\u0000${c.article}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ file: c.file, article: c.article });
  }
  return out;
}

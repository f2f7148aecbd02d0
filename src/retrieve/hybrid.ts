import type { Embedder } from "../embed/types.js";
import type { IndexData } from "../index/store.js";
import type { FindDocument, FindResult } from "../answer/types.js";
import type { Retriever, SearchHit, SearchOptions, SearchResponse } from "./types.js";
import { hasSearchableContent } from "../text/searchable.js";
import { normalizeQuery } from "../text/normalize.js";
import { inDigits, numeralVariants } from "../text/numerals.js";
import { tokenize } from "../text/tokenize.js";
import { expandEnglish, isGlossaryWord, isMostlyEnglish, translateEnglishGroups } from "./glossary.js";
import { inWrittenWords } from "./colloquial.js";
import { officeAffairs } from "./office-affairs.js";
import { uncoveredTopics } from "./policy-topics.js";
import { PinyinNames } from "./pinyin-names.js";
import { answeredBy, askedFigure, besidesPlaces, besidesSum, countGiven, countStatedNear, countedIn, countedThingIn, englishCountedIn, expectedAnswer, figureWithheld, focusWords, isPlaceName, judgedBy, onlyPlanned, placesWithLevel, roleAsked, statedOfAsked, stillPending, systemNames, type AnswerType } from "./answer-type.js";
import { inSection, sectionIntent } from "./intent.js";
import { itemsAsked, itemsListed, mentionsGroup } from "./items.js";
import { absentWords, compoundWords, contentWords } from "./absent.js";
import { isNearDuplicate, shingles, type Shingles } from "./dedupe.js";
import { charGrams, isFunctionBigram } from "../text/chargrams.js";
import { Bm25Index, type GroupContext } from "../index/bm25.js";
import { indexText } from "../ingest/index-text.js";
import { spanAt } from "../ingest/parts.js";

/**
 * Hybrid retrieval: BM25 over jieba words, BM25 over character unigrams and
 * bigrams, and cosine similarity over the embedder's vectors, merged on chunk
 * id, then near-duplicates removed so repeated passages do not fill the top k.
 *
 * Fusion is on normalised scores: each side's scores are divided by its best
 * score for the question and weighted (words 1, characters `charWeight`,
 * vectors `vectorWeight`), so scores point one way: higher is better. With
 * `vectorRecallOnly` (the local embedder's default) the vectors only add the
 * passages no keyword side found, after those.
 * Reciprocal-rank fusion was measured too and gave the weaker vector side an
 * equal vote on rank order, which cost 15–20 points of recall@1 on the
 * evaluation set; the README has the figures behind the default weights. A
 * question asking for a part of a report (its problems, next steps,
 * suggestions) gives a bonus to passages under the heading that names it,
 * and a count question ("多少条", "几家") to passages that state a number
 * in that unit. Word BM25 reads a passage in its article's context: a word
 * of the question the passage lacks but its article holds (a place named
 * once, in the opening) counts for it at `contextShare` of the article's
 * best score for that word.
 *
 * `confident` compares the best passage's character-BM25 score with the most
 * any passage could score for the question (and, for a question of several
 * clauses, its best clause's): a question whose informative characters the
 * corpus lacks scores a small fraction. The threshold is calibrated on the
 * evaluation sets (`policybot eval` prints the calibration). A question
 * asking for a figure (an amount, a time, a year, a length, a rate) the best
 * passages do not state, or naming what only compilation titles carry, is
 * not confident either.
 */
export interface HybridOptions {
  /** Candidates taken from each side before fusion. */
  candidates?: number;
  /** Weight of the vector side (BM25 has weight 1), on scores normalised per question. */
  vectorWeight?: number;
  /**
   * The vector side only as a recall net: it adds the passages no keyword
   * side found, after those, and leaves the order of keyword matches alone
   * (the local n-gram embedder, which improved no ranking, README "What the
   * vector side adds"). Off, its scores are fused with the keyword sides'.
   */
  vectorRecallOnly?: boolean;
  /** Weight of the character-level BM25 (unigrams and bigrams), on scores normalised per question. */
  charWeight?: number;
  /** Minimum (best character-BM25 score ÷ highest possible score for the question) to be confident. */
  minRelevance?: number;
  /**
   * The same minimum for an English question. Its relevance is judged on the
   * glossary's Chinese terms, every one of which the documents write, so it
   * runs higher: the least relevant answerable English question of the
   * evaluation sets scores 0.239, against 0.05 for a Chinese one. Calibrated
   * on the English questions alone (`policybot eval` prints both).
   */
  minRelevanceEnglish?: number;
  /** Bonus (on the fused scale) for a passage in the part of a report the question asks for: problems, next steps, suggestions. */
  intentWeight?: number;
  /** Bonus for a passage that states a number in the unit a count question asks for ("多少条" → "21条"). */
  countWeight?: number;
  /**
   * Bonus for a passage that states the kind of figure a question asks for
   * when it names no unit to count in ("多少钱" → an amount, "哪一年" → a year,
   * "多长时间" → a length of time, "比例" → a rate).
   */
  typeWeight?: number;
  /**
   * Share of an article's best word score for a question word that its other
   * passages get when they lack the word but match the question otherwise:
   * a passage is read in its article's context. 001 篇7 names 西峰区 once,
   * in its first section; asked "西峰区今年上半年搞了多少次政府采购", the
   * opening with the half-year's figures ("采购次数78次") never repeats it,
   * and without the context that section outranked it. 0 scores passages
   * alone.
   */
  contextShare?: number;
  /**
   * Weight of the documents' words for a Chinese question's everyday ones (`data/dict/colloquial.tsv`), searched
   * beside the question's own at full weight. 0 searches the question's words alone.
   */
  colloquialWeight?: number;
}

/** A question's word tokens and character grams, as searched. */
interface Terms {
  tokens: string[];
  grams: string[];
}

/** Share of a question's content words that, when none of the documents contains them, makes it not confident ("婚假", "公积金"). */
const ABSENT_SHARE = 0.75;
/**
 * Share of the best passage's score a passage needs to count as matching the
 * question fairly: only such a passage can supply the kind of answer asked
 * (and get the bonus for stating it). A passage about something else that
 * states an amount or a frequency is no answer.
 */
const FAIR_SHARE = 0.5;
/**
 * A question half of whose content words no document writes needs this much
 * more than the relevance threshold to be confident: an off-topic question
 * whose other words are generic ("量子计算机的散热方案是什么", 0.136: 计算机 and
 * 方案 are written, 量子 and 散热 are not) is then `borderline`, for a model
 * to judge. Of the thirty-four evaluation sets, one question falls between,
 * held-out 27's hb056 ("单位快递收发点在哪儿，几点可以取件", 0.129: 快递 and 取件
 * are written nowhere), which it recognises; no answerable one does.
 */
const HALF_ABSENT = 0.5;
const ABSENT_MARGIN = 1.2;
/** Share of the relevance threshold above which an unconfident search is `borderline`. */
const BORDERLINE_SHARE = 0.65;
/**
 * Share of the count bonus added again when the number stands near a word of
 * the question ("多少家加油站" → "对全县15家加油站", not "13家工程监理单位" in
 * the report's next section), within this many characters either side.
 */
const COUNT_NEAR_SHARE = 0.5;
const COUNT_NEAR_CHARS = 10;
/** How many of the best passages may supply the kind of answer a question asks for (a figure, a time), if they match it fairly. */
const ANSWER_TYPE_DEPTH = 3;
/** Share of a document's `find` score that comes from its best passage (the rest: article-level BM25). */
const FIND_PASSAGE_WEIGHT = 0.5;
/** Bonus for an article whose title holds the question's terms (scaled by their IDF share). */
const FIND_TITLE_WEIGHT = 0.3;
/**
 * A document listed by `find` holds at least this share of what the best
 * listed one holds of the topic's words (by IDF): asked "哪份材料讲了信访？",
 * the documents that never write 信访 are left out rather than listed for
 * their 信 and 访.
 */
const FIND_COVERAGE_SHARE = 0.5;

/** How many answers of `known` (and of `writesName`) are remembered (a few MB at most) before starting afresh. */
const KNOWN_TERMS_KEPT = 50_000;

/** `compute(term)`, remembered in `cache`, which starts afresh once it holds `KNOWN_TERMS_KEPT` answers. */
function remembered(cache: Map<string, boolean>, term: string, compute: (term: string) => boolean): boolean {
  let answer = cache.get(term);
  if (answer === undefined) {
    if (cache.size >= KNOWN_TERMS_KEPT) cache.clear();
    cache.set(term, (answer = compute(term)));
  }
  return answer;
}

/** A year written in digits, not part of a longer number ("19923.7万元"). */
const YEAR = /(?<![\d.])(?:19|20)\d{2}(?![\d.])/g;

export const DEFAULT_HYBRID: Required<HybridOptions> = { candidates: 60, vectorWeight: 0.01, vectorRecallOnly: true, charWeight: 1, minRelevance: 0.117, minRelevanceEnglish: 0.273, intentWeight: 0.3, countWeight: 0.4, typeWeight: 0.4, contextShare: 0.6, colloquialWeight: 0.3 };

export class HybridRetriever implements Retriever {
  readonly options: Required<HybridOptions>;
  /** Shingles per chunk row, computed when a chunk is first a candidate and kept (a few KB each). */
  private readonly shingleCache = new Map<number, Shingles>();

  constructor(
    readonly index: IndexData,
    readonly embedder: Embedder,
    options: HybridOptions = {},
  ) {
    this.options = { ...DEFAULT_HYBRID, ...options };
  }

  private pinyinNames?: PinyinNames;

  /**
   * Whether the documents write a term: the glossary's compounds are kept only
   * then, and an office matter named is left to them. Remembered, as questions
   * ask the same compounds and matters again.
   */
  private readonly known = (term: string): boolean => remembered(this.knownTerms, term, (t) => this.occurs(t));
  private readonly knownTerms = new Map<string, boolean>();

  /**
   * The text searched for a question: English questions become the Chinese
   * terms of the glossary, plus corpus words their pinyin names spell; a
   * Chinese question's quantities in Chinese numerals are also searched in
   * digits ("过百亿" and "100亿"), as the documents mostly write them.
   */
  searchText(normalized: string): string {
    if (!isMostlyEnglish(normalized)) {
      const digits = numeralVariants(normalized);
      return digits.length ? `${normalized} ${digits.join(" ")}` : normalized;
    }
    const bm25 = this.index.bm25;
    this.pinyinNames ??= new PinyinNames(bm25.data.terms, (t) => bm25.documentFrequency(t));
    const names = this.pinyinNames.lookup(normalized, isGlossaryWord);
    const terms = expandEnglish(normalized, this.known);
    return names.length ? `${terms} ${names.join(" ")}` : terms;
  }

  /**
   * For an English question, the weight of each word and character gram of
   * its Chinese terms: an English word with n alternatives ("report" → 报告,
   * 汇报, 上报, …) counts 1/√n per alternative, so a word with many glosses
   * does not outweigh one with a single precise gloss. Also the most a
   * passage could score on each channel, one alternative per English word
   * (for `confident`). None for Chinese questions.
   */
  private alternatives(normalized: string): { weights: Map<string, number>; most: (channel: "words" | "chars") => number } | undefined {
    if (!isMostlyEnglish(normalized)) return undefined;
    const weights = new Map<string, number>();
    const groups = translateEnglishGroups(normalized, this.known).map((group) => ({ w: 1 / Math.sqrt(group.length), terms: group.map((t) => ({ tokens: tokenize(t), grams: charGrams(t) })) }));
    for (const { w, terms } of groups) for (const t of terms) for (const x of [...t.tokens, ...t.grams]) weights.set(x, Math.max(weights.get(x) ?? 0, w));
    const most = (channel: "words" | "chars") => {
      const index = channel === "words" ? this.index.bm25 : this.charIndex();
      return groups.reduce((sum, g) => sum + Math.max(0, ...g.terms.map((t) => index.maxScore(channel === "words" ? t.tokens : t.grams, weights))), 0);
    };
    return { weights, most };
  }

  /**
   * A Chinese question's terms, and those of the documents' words for its everyday ones ("小卖部" → 商店, "找人聊"
   * → 谈话) searched too at `colloquialWeight`, beside its own at full weight: a passage writing the question's
   * words still ranks first, and one writing only the documents' word for them is found. Undefined when the
   * question has no everyday word the documents do not write. Its words and its character grams are searched
   * in two indexes, so each has its own weights.
   */
  private writtenWords(normalized: string, written: string, own: Terms): (Terms & { tokenWeights: Map<string, number>; gramWeights: Map<string, number> }) | undefined {
    const share = this.options.colloquialWeight;
    if (share <= 0 || written === normalized) return undefined;
    const tokens = tokenize(written).filter((t) => !own.tokens.includes(t));
    const grams = charGrams(written).filter((g) => !isFunctionBigram(g) && !own.grams.includes(g));
    if (tokens.length === 0 && grams.length === 0) return undefined;
    const weigh = (ownTerms: string[], added: string[]) => new Map([...added.map((t): [string, number] => [t, share]), ...ownTerms.map((t): [string, number] => [t, 1])]);
    return { tokens: [...own.tokens, ...tokens], grams: [...own.grams, ...grams], tokenWeights: weigh(own.tokens, tokens), gramWeights: weigh(own.grams, grams) };
  }

  /** Query tokens after normalisation and expansion; exposed for the extractive answerer and eval. */
  queryTokens(normalized: string): string[] {
    return tokenize(this.searchText(normalized));
  }

  async search(query: string, options: SearchOptions = {}): Promise<SearchResponse> {
    return this.searchWith(query, options, true);
  }

  /** `search`; `byFigure` false leaves out the bonus for the kind of figure asked (`find` ranks by topic). */
  private async searchWith(query: string, options: SearchOptions, byFigure: boolean): Promise<SearchResponse> {
    const k = options.k ?? 5;
    const normalized = normalizeQuery(query);
    // Nothing to search for ("a", "？！"): no passage, rather than whichever scores highest on nothing.
    if (!hasSearchableContent(normalized)) return { query, normalized, confident: false, results: [] };
    const searchText = this.searchText(normalized);
    const tokens = tokenize(searchText);
    const grams = charGrams(searchText).filter((g) => !isFunctionBigram(g));
    const { candidates, vectorWeight, charWeight } = this.options;

    const english = this.alternatives(normalized);
    const weights = english?.weights;
    // The question in the documents' words for its everyday ones ("有什么毛病" → 问题): ranked on those too, at a
    // lower weight; judged for relevance on its own words and on those.
    const everyday = english ? normalized : inWrittenWords(normalized, this.known);
    const expanded = this.writtenWords(normalized, everyday, { tokens, grams });
    // Passages scored in their article's context (`contextShare`); `find` scores articles as wholes already.
    const context = byFigure && this.options.contextShare > 0 ? this.articleContext() : undefined;
    const lexical = this.index.bm25.search(expanded?.tokens ?? tokens, candidates, undefined, expanded?.tokenWeights ?? weights, context);
    const chars = charWeight > 0 ? this.charIndex().search(expanded?.grams ?? grams, candidates, undefined, expanded?.gramWeights ?? weights) : [];
    const semantic = vectorWeight > 0 ? this.index.hnsw.search(await this.embedder.embedQuery(searchText), candidates) : [];
    const fused = new Map<number, number>();
    const maxLexical = lexical[0]?.[1] || 1;
    const maxChars = chars[0]?.[1] || 1;
    const maxSemantic = Math.max(semantic[0]?.[1] ?? 0, 1e-9);
    for (const [row, s] of lexical) fused.set(row, s / maxLexical);
    for (const [row, s] of chars) fused.set(row, (fused.get(row) ?? 0) + (charWeight * s) / maxChars);
    if (this.options.vectorRecallOnly) {
      // Below the weakest keyword match, in the vector side's order.
      const floor = Math.min(1, ...fused.values());
      for (const [row, cos] of semantic) if (!fused.has(row)) fused.set(row, (floor * Math.min(1, vectorWeight) * Math.max(0, cos)) / maxSemantic);
    } else for (const [row, cos] of semantic) fused.set(row, (fused.get(row) ?? 0) + (vectorWeight * Math.max(0, cos)) / maxSemantic);
    const intent = this.options.intentWeight > 0 ? sectionIntent(normalized) : undefined;
    if (intent) for (const [row, s] of fused) if (inSection(this.index.chunks[row]!, intent)) fused.set(row, s + this.options.intentWeight);
    // A count question ("多少条", "几家") is answered by a passage stating a number in that unit,
    // or a number of the thing it counts in another ("多少家农家店" → "农家店2450个").
    const countedUnit = countedIn(normalized);
    let counted: RegExp | undefined;
    if (this.options.countWeight > 0) {
      const thing = countedUnit ? countedThingIn(normalized) : undefined;
      // An English "how many" question counts what it names ("how many enterprises" → "61家企业").
      counted = countedUnit && thing ? new RegExp(`${countedUnit.source}|${thing.source}`) : (countedUnit ?? (english ? englishCountedIn(normalized) : undefined));
    }
    // The question's content words, cut once for the count bonus and the absent-word rule.
    let contentOf: string[] | undefined;
    const questionWords = () => (contentOf ??= contentWords(normalized));
    if (counted) {
      const words = questionWords();
      for (const [row, s] of fused) {
        const text = this.index.chunks[row]!.text;
        if (!counted.test(text)) continue;
        const near = countStatedNear(text, counted, words, COUNT_NEAR_CHARS);
        fused.set(row, s + this.options.countWeight * (near ? 1 + COUNT_NEAR_SHARE : 1));
      }
    }
    const byContent = [...fused.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    // A question that asks for an amount, a time or a rate is answered only if one of the best passages
    // states one: the best by content, before they are reordered by it, that match the question fairly.
    const type = expectedAnswer(normalized);
    // Narrowed by what the question names: the sum ("劳务报酬是多少"), a bound ("多少万以上"), the post ("组长是谁").
    const supplies = type ? answeredBy(normalized, type, this.known) : undefined;
    const gate = FAIR_SHARE * (byContent[0]?.[1] ?? 0);
    // A question about a year ("宁都县2021年…合格率是多少") is answered only by a passage about that year.
    const askedYears = [...new Set(normalized.match(YEAR) ?? [])];
    // And one about a place ("沅江市一共有多少所中小学", "石渠县质量强县领导小组的组长是谁") only by a passage whose article names it.
    const askedPlaces = english ? [] : placesWithLevel(normalized).filter((place) => this.known(place));
    const ofPlace = byContent
      .slice(0, ANSWER_TYPE_DEPTH)
      .filter(([row, s]) => s >= gate && this.aboutPlace(row, askedPlaces))
      .map(([row]) => row);
    const best = ofPlace.filter((row) => this.about(row, askedYears)).map((row) => this.index.chunks[row]!.text);
    // Who issued a document, and most reasons, only lift the passages that say (`judgedBy`). A figure or a name
    // is given in a sentence that says what it is of: one naming something the question names, besides the
    // place asked about and the kind of sum asked for, which any sentence of a report on it may name.
    const judged = type === undefined ? undefined : judgedBy(type, normalized);
    const named = () => {
      if (english) return this.namedIn(normalized, undefined);
      const words = besidesPlaces(besidesSum(normalized, type, compoundWords(normalized, questionWords(), this.known)), askedPlaces);
      // Of a comparison, what it compares ("专项经费比2019年增加了多少"); of a site, what is built there; of a narrow
      // start or a choice, what it began with or chose (`focusWords`).
      return this.namedIn(normalized, focusWords(normalized, type, words, this.known));
    };
    const answerable = !supplies || !judged || (judged === "sentence" ? statedOfAsked(best, supplies, named()) : best.some(supplies));
    // A count or a rate the best passage states only as "*" ("据对*份问卷调查数据", "满意度达*.*%") is one the documents withhold.
    const figure = askedFigure(normalized, type, countedUnit);
    const withheld = figure && figureWithheld(best, figure, questionWords(), COUNT_NEAR_CHARS) ? figure.kind : undefined;
    // A count that the best passage's whole article never gives, in any unit counting alike or of the thing
    // counted ("问卷一共发了多少份" of a survey it reports only in percentages), is one the documents do not give.
    // Not for English questions: the glossary's terms for the thing counted are too narrow to judge a whole article by.
    const given = english ? undefined : countGiven(normalized, this.known);
    const uncounted = given !== undefined && byContent.length > 0 && !given.test(this.articleText(byContent[0]![0]));
    // Who holds a role the documents never write ("主编是哪位领导", "总经理叫什么名字"): nobody they name.
    const role = english ? undefined : roleAsked(normalized);
    const roleUnwritten = role !== undefined && !this.known(role);
    // What happened in the end, asked of passages that only set the target ("最后实际完成了几条" of "预计2022年改造5条").
    // Or of something still open when the report was written ("那件还没审结的复议案最后结果怎样" of "未结1件").
    // What an article's own title names ("龙岩市…2007年度冬春水利建设工作意见") frames every sentence of it, as a place does:
    // of "龙岩市2007年度冬春水利建设最后实际完成了多少万方土石方", the sentences about 土石方 are the ones that say.
    const top = ofPlace.length ? this.index.chunks[ofPlace[0]!]! : undefined;
    const framed = top && this.articleMeta(top.file, top.articleIndex)?.ownTitle;
    const unframed = framed ? questionWords().filter((w) => !framed.includes(w)) : [];
    const planned = !english && (onlyPlanned(normalized, best, unframed.length ? unframed : questionWords()) || stillPending(normalized, best));
    // The items of a group the passages only mention ("那5家商混站都叫什么名字" of "对…5家商混站进行了拆除"): listed nowhere in them or their article.
    const items = english ? undefined : itemsAsked(normalized);
    const unlisted =
      items !== undefined && best.some((text) => mentionsGroup(text, items)) && !best.some((text) => itemsListed(text, items)) && !itemsListed(this.articleText(byContent[0]![0]), items);
    // Then, as for a count, a passage stating that kind of figure comes first.
    const bonusFor = byFigure && !counted && this.options.typeWeight > 0 ? supplies : undefined;
    // Only among passages that match the question fairly.
    if (bonusFor) for (const [row, s] of fused) if (s >= gate && bonusFor(this.index.chunks[row]!.text)) fused.set(row, s + this.options.typeWeight);
    const ranked = bonusFor ? [...fused.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]) : byContent;

    const results: SearchHit[] = [];
    const picked: number[] = [];
    // Of two copies of a passage (the seeds repeat reports under another county's name), the one from the
    // article about the place the question names: "In Wanquan County's survey…" cites 万全县's report, not 某县's.
    // It takes the rank, and the score, its copy earned.
    const placesAsked = english ? this.englishNamed(normalized).filter(isPlaceName).filter((place) => this.known(place)) : askedPlaces;
    for (const [row, score] of ranked) {
      if (results.length >= k) break;
      const copy = picked.findIndex((p) => isNearDuplicate(this.shinglesOf(p), this.shinglesOf(row)));
      if (copy >= 0) {
        if (placesAsked.length > 0 && this.aboutPlace(row, placesAsked) && !this.aboutPlace(picked[copy]!, placesAsked)) {
          picked[copy] = row;
          results[copy] = { ...results[copy]!, chunk: this.index.chunks[row]! };
        }
        continue;
      }
      picked.push(row);
      results.push({ rank: results.length + 1, score: round(score), chunk: this.index.chunks[row]! });
    }
    // Confidence from the character index: it also credits a paraphrase that
    // shares characters but not words with its passage (calibrated in eval).
    // On the question's own terms: the best score of a search on them alone when the ranking added others.
    const ownBest = (channel: "words" | "chars") =>
      channel === "chars"
        ? ((expanded ? this.charIndex().search(grams, 1) : chars)[0]?.[1] ?? 0)
        : ((expanded ? this.index.bm25.search(tokens, 1, undefined, undefined, context) : lexical)[0]?.[1] ?? 0);
    const whole =
      charWeight > 0
        ? relevanceOf(ownBest("chars"), english?.most("chars") ?? this.charIndex().maxScore(grams))
        : relevanceOf(ownBest("words"), english?.most("words") ?? this.index.bm25.maxScore(tokens));
    const asked = english || charWeight <= 0 ? whole : this.charRelevance(normalized, whole);
    // Asked in everyday words the documents do not write ("有什么毛病", "最头疼的", "孩子喝的水"), the
    // question is as relevant as it is in theirs (问题, 困难, 学生).
    const written = charWeight <= 0 ? normalized : everyday;
    const inWords = written === normalized ? asked : Math.max(asked, this.charRelevance(written));
    // Its figures in Chinese numerals ("年营收超过一百亿") are as relevant as the digits the documents write (100亿), which
    // the search adds (`searchText`) but the most a passage could score then counts twice.
    const digits = english || charWeight <= 0 ? normalized : inDigits(written);
    const relevance = digits === written ? inWords : Math.max(inWords, this.charRelevance(digits));
    // A name that only appears in document titles ("零报告" in the compilation
    // title 实行零报告制度, whose articles are about other things) is not
    // something the text can answer about.
    const titleOnly = this.titleOnlyNames(normalized);
    // Most of what the question names occurs nowhere in the documents.
    // A figure in Chinese numerals is written if its digits are ("一百亿": 100亿).
    const writtenAs = (word: string) => {
      const digits = inDigits(word);
      return this.known(word) || (digits !== word && this.known(digits));
    };
    const absent = english ? { absent: [], share: 0 } : absentWords(written, writtenAs, written === normalized ? questionWords() : contentWords(written));
    // A year no document mentions ("2025年的工作重点"): the documents are about other years.
    const years = this.absentYears(normalized);
    if (years.length) absent.absent.push(...years);
    // Or one the best passages about the place it names never mention, nor their articles ("宁都县2022年…打算
    // 重点抓哪些事" of a report on 2020 and its plans for 2021): the documents say nothing of that place in that year.
    const placeYears = years.length === 0 && askedPlaces.length > 0 ? this.yearsUnwritten(ofPlace, askedYears) : [];
    if (placeYears.length) absent.absent.push(...placeYears);
    // The office's own affairs ("年休假还剩几天", "停车位怎么分配"), which the documents never write about.
    const affairs = officeAffairs(normalized, this.known, english !== undefined);
    // An area of government work no document writes ("垃圾分类", "河长制"): the documents are about other work.
    const topics = uncoveredTopics(normalized, this.known, english !== undefined);
    if (topics.length) absent.absent = [...topics, ...absent.absent.filter((word) => !topics.some((topic) => topic.includes(word)))];
    const minRelevance = english ? this.options.minRelevanceEnglish : this.options.minRelevance;
    const byRules = results.length > 0 && answerable && !withheld && !uncounted && !roleUnwritten && !planned && !unlisted && titleOnly.length === 0 && absent.share < ABSENT_SHARE && years.length === 0 && placeYears.length === 0 && affairs.length === 0 && topics.length === 0;
    // Half the question's words written nowhere, and what is written generic ("量子计算机的散热方案": 计算机, 方案): more relevance needed.
    const confident = byRules && relevance >= (absent.share >= HALF_ABSENT ? ABSENT_MARGIN * minRelevance : minRelevance);
    // What kind of answer the passages lack, said when the question is otherwise relevant enough.
    const missing = roleUnwritten ? "person" : planned ? "outcome" : type && !answerable ? type : (withheld ?? (uncounted ? "count" : unlisted ? "items" : undefined));
    const borderline = byRules && !confident && relevance >= BORDERLINE_SHARE * minRelevance;
    return {
      query,
      normalized,
      confident,
      relevance,
      ...(searchText !== normalized ? { searched: searchText } : {}),
      ...(titleOnly.length ? { titleOnly } : {}),
      ...(absent.absent.length ? { absent: absent.absent } : {}),
      ...(affairs.length ? { officeAffairs: affairs } : {}),
      ...(missing && relevance >= minRelevance ? { missing } : {}),
      ...(borderline ? { borderline } : {}),
      results,
    };
  }

  /**
   * The question's words and the systems it names by a Latin name the documents write too ("GMAP", not "NYPD");
   * for an English question (`words` undefined), those systems, or else the glossary's terms for its words.
   */
  private namedIn(question: string, words: readonly string[] | undefined): string[] {
    const names = systemNames(question).filter((name) => this.writesName(name));
    // An English question names what it asks about by a system's name, or by words the glossary gives terms for.
    if (words === undefined) return names.length ? names : this.englishNamed(question);
    return [...words, ...names];
  }

  /** The Chinese terms an English question's words stand for in the documents ("glass" → 玻璃), two characters or more. */
  private englishNamed(question: string): string[] {
    return [...new Set(translateEnglishGroups(question, this.known).flat())].filter((t) => /^[\u4e00-\u9fa5]{2,}$/.test(t));
  }

  private readonly namesWritten = new Map<string, boolean>();

  /** Whether a passage writes a Latin name as the question does (the character index folds case); remembered. */
  private writesName(name: string): boolean {
    return remembered(this.namesWritten, name, (n) => this.index.chunks.some((chunk) => chunk.text.includes(n)));
  }

  private articleTexts = new Map<number, string>();

  /** The text of the article a passage belongs to, all its passages run together without spaces; remembered. */
  private articleText(row: number): string {
    const group = this.articleGroups().groupOf[row]!;
    let text = this.articleTexts.get(group);
    if (text === undefined) {
      text = this.articleGroups().rows[group]!.map((r) => this.index.chunks[r]!.text.replace(/\s+/g, "")).join("\n");
      this.articleTexts.set(group, text);
    }
    return text;
  }

  /**
   * A Chinese question's relevance on the character index: the whole question's (`whole`, when the
   * search has it already) averaged with its best clause's.
   */
  private charRelevance(normalized: string, whole = this.wholeCharRelevance(normalized)): number {
    return (whole + this.bestClauseRelevance(normalized, whole)) / 2;
  }

  /** The best passage's character-level score for the question as a share of the most a passage could score. */
  private wholeCharRelevance(normalized: string): number {
    const grams = charGrams(this.searchText(normalized)).filter((g) => !isFunctionBigram(g));
    const index = this.charIndex();
    return relevanceOf(index.search(grams, 1)[0]?.[1] ?? 0, index.maxScore(grams));
  }

  /**
   * A question of several clauses ("政协提了啥建议？那个办公室要不要单独拎出
   * 来？") is often answered by a passage that matches one clause well while
   * the other's everyday wording matches nothing: the best clause's
   * relevance, by itself, averaged with the whole question's.
   */
  private bestClauseRelevance(normalized: string, whole: number): number {
    const parts = normalized.split(/[，,。？?！!；;、]/).filter((part) => part.trim() !== "");
    // One clause ("…是什么？" splits into it and nothing) is the whole question: no second search.
    if (parts.length < 2) return whole;
    const index = this.charIndex();
    const clauses = parts.map((part) => charGrams(part, true).filter((g) => !isFunctionBigram(g))).filter((grams) => grams.length >= 2);
    return Math.max(whole, ...clauses.map((grams) => relevanceOf(index.search(grams, 1)[0]?.[1] ?? 0, index.maxScore(grams))));
  }

  private titleOnly?: Set<string>;

  /**
   * Character bigrams of compilation titles that no passage contains, except
   * where two words of the text meet (实践|调研 in 群众路线教育实践调研报告):
   * the names a compilation's title gives that its articles never mention.
   * Only titles shared by several articles of a file (实行零报告制度 篇一…篇五)
   * count: a document's own title describes its text, even in words the text
   * does not repeat.
   */
  private titleOnlyGrams(): Set<string> {
    if (!this.titleOnly) {
      const index = this.charIndex();
      const known = (g: string | undefined) => g !== undefined && g.length === 2 && index.documentFrequency(g) > 0;
      this.titleOnly = new Set();
      for (const title of this.compilationTitles()) {
        for (const text of title.match(/[\u3400-\u9fff]+/g) ?? []) {
          for (let i = 0; i + 2 <= text.length; i++) {
            const g = text.slice(i, i + 2);
            if (known(g)) continue;
            const junction = known(text.slice(i - 1, i + 1)) && known(text.slice(i + 1, i + 3));
            if (!junction) this.titleOnly.add(g);
          }
        }
      }
    }
    return this.titleOnly;
  }

  /**
   * The stretches of the question around its title-only bigrams that a
   * title also contains ("零报告制度是怎么规定的" and "实行零报告制度" →
   * "零报告制度").
   */
  private titleOnlyNames(text: string): string[] {
    const only = this.titleOnlyGrams();
    const names = new Set<string>();
    for (let i = 0; i + 2 <= text.length; i++) {
      if (!only.has(text.slice(i, i + 2))) continue;
      let best = text.slice(i, i + 2);
      for (const title of this.compilationTitles()) {
        if (!title.includes(best)) continue;
        let start = i;
        let end = i + 2;
        while (start > 0 && title.includes(text.slice(start - 1, end))) start--;
        while (end < text.length && title.includes(text.slice(start, end + 1))) end++;
        if (end - start > best.length) best = text.slice(start, end);
      }
      names.add(best);
    }
    // A name inside a longer one is not listed twice.
    return [...names].filter((n) => ![...names].some((m) => m !== n && m.includes(n)));
  }

  private compilation?: string[];

  /** Titles that several articles of one file share, without their 篇N or number ("实行零报告制度"); computed once. */
  private compilationTitles(): string[] {
    if (this.compilation) return this.compilation;
    const out = new Set<string>();
    for (const entry of Object.values(this.index.manifest.files)) {
      const count = new Map<string, number>();
      for (const a of entry.articles) {
        const base = a.title.replace(/\s*篇\s*[\d一二三四五六七八九十百]+\s*$/, "").replace(/\s*\d+\s*$/, "").trim();
        if (base) count.set(base, (count.get(base) ?? 0) + 1);
      }
      for (const [base, n] of count) if (n >= 2) out.add(base);
    }
    this.compilation = [...out];
    return this.compilation;
  }

  /** Every article title, without spaces (for `occurs`); computed once. */
  private titles?: string[];

  /**
   * Whether `word` occurs in some passage (its section path or text) or in an
   * article title: found through its rarest character pair, then checked in
   * the passages holding that pair. The character index keeps a number whole
   * ("100", then "亿"), with no pairs across it: a figure ("100亿") is found
   * through its number instead.
   */
  private occurs(word: string): boolean {
    const index = this.charIndex();
    const number = /\d+/.exec(word)?.[0];
    let rarest = number;
    let rarestDf = number === undefined ? Infinity : index.documentFrequency(number);
    for (let i = 0; number === undefined && i + 1 < word.length; i++) {
      const pair = word.slice(i, i + 2);
      const df = index.documentFrequency(pair);
      if (df < rarestDf) [rarest, rarestDf] = [pair, df];
    }
    if (rarest !== undefined && rarestDf > 0) {
      if (word.length === 2 && number === undefined) return true;
      for (const row of index.postings(rarest)) if (indexText(this.index.chunks[row]!).replace(/\s+/g, "").includes(word)) return true;
    }
    this.titles ??= Object.values(this.index.manifest.files).flatMap((f) => f.articles.map((a) => a.title.replace(/\s+/g, "")));
    return this.titles.some((t) => t.includes(word));
  }

  private articleYears?: Set<string>[];

  /** The years each article's passages name (text and headings), by article group (`articleGroups`). */
  private yearsOfArticles(): Set<string>[] {
    this.articleYears ??= this.articleGroups().rows.map((rows) => new Set(rows.flatMap((row) => indexText(this.index.chunks[row]!).match(YEAR) ?? [])));
    return this.articleYears;
  }

  /**
   * Whether a passage is about one of `years` (any passage when none): it names
   * one, or names no year in an article that does (a plan's targets under its
   * year, stated paragraphs later). A report giving the 2020 figures and
   * 2021's plans ("一、2020年质量工作情况 … 合格率99.6%") does not answer what
   * the 2021 rate was.
   */
  private about(row: number, years: readonly string[]): boolean {
    if (years.length === 0) return true;
    const named = indexText(this.index.chunks[row]!).match(YEAR);
    if (named) return years.some((y) => named.includes(y));
    const inArticle = this.yearsOfArticles()[this.articleGroups().groupOf[row]!]!;
    return years.some((y) => inArticle.has(y));
  }

  /**
   * Whether a passage's article names one of `places` (any passage when none), in its text or its title,
   * with or without the place's level ("沅江市" or "沅江": the name without it, which the full name
   * contains, is what is looked for). 001 篇9's "40所村小合格学校" is another county's, and does not
   * say how many schools 沅江市 has.
   */
  private aboutPlace(row: number, places: readonly string[]): boolean {
    if (places.length === 0) return true;
    const text = this.articleText(row);
    const title = this.index.chunks[row]!.headingPath[0] ?? "";
    return places.some((place) => {
      const name = place.length >= 3 ? place.slice(0, -1) : place;
      return text.includes(name) || title.includes(name);
    });
  }

  /**
   * The years a question names, as "2022年", when the passages `rows` (the best about the place it names)
   * come from articles that mention none of them; none when it names no year, or there are no such passages.
   */
  private yearsUnwritten(rows: readonly number[], years: readonly string[]): string[] {
    if (years.length === 0) return [];
    const articleYears = this.yearsOfArticles();
    const { groupOf } = this.articleGroups();
    if (rows.length === 0 || rows.some((row) => years.some((y) => articleYears[groupOf[row]!]!.has(y)))) return [];
    return years.map((y) => `${y}年`);
  }

  private years?: Set<string>;

  /** The years (1900–2099) a question names that no passage or title mentions, as "2025年". */
  private absentYears(normalized: string): string[] {
    const named = [...new Set(normalized.match(YEAR) ?? [])];
    if (named.length === 0) return [];
    if (!this.years) {
      const titles = Object.values(this.index.manifest.files).flatMap((f) => f.articles.map((a) => a.title));
      this.years = new Set([...this.yearsOfArticles().flatMap((years) => [...years]), ...titles.flatMap((title) => title.match(YEAR) ?? [])]);
    }
    return named.filter((y) => !this.years!.has(y)).map((y) => `${y}年`);
  }

  /** The character-level index: stored with the index, or built from the chunks for an index that has none. */
  private charIndex(): Bm25Index {
    this.index.charBm25 ??= Bm25Index.build(this.index.chunks.map((c) => charGrams(indexText(c))));
    return this.index.charBm25;
  }

  private shinglesOf(row: number): Shingles {
    let s = this.shingleCache.get(row);
    if (!s) {
      s = shingles(this.index.chunks[row]!.text);
      this.shingleCache.set(row, s);
    }
    return s;
  }

  /** Articles whose title contains the question's terms, with the IDF share matched. */
  private titleMatches(tokens: readonly string[]): Map<string, number> {
    const unique = [...new Set(tokens)];
    const total = unique.reduce((s, t) => s + this.index.bm25.idf(t), 0);
    const out = new Map<string, number>();
    if (!total) return out;
    for (const [file, entry] of Object.entries(this.index.manifest.files)) {
      for (const a of entry.articles) {
        const title = a.title.toLowerCase();
        const share = unique.reduce((s, t) => s + (title.includes(t) ? this.index.bm25.idf(t) : 0), 0) / total;
        if (share > 0) out.set(articleKey(file, a.index), share);
      }
    }
    return out;
  }

  private articles?: { groupOf: Uint32Array; groupLen: Float64Array; keys: string[]; ids: Map<string, number>; rows: number[][] };

  /** An article's entry in the manifest (title, lines). */
  private articleMeta(file: string, articleIndex: number) {
    return this.index.manifest.files[file]?.articles.find((a) => a.index === articleIndex);
  }

  /** How many chunks an article of the index has (0 for an article it does not know). */
  chunksInArticle(file: string, articleIndex: number): number {
    return this.rowsOf(articleKey(file, articleIndex)).length;
  }

  /** The rows of an article's chunks, in order (none for an article the index does not know). */
  private rowsOf(key: string): readonly number[] {
    const groups = this.articleGroups();
    return groups.rows[groups.ids.get(key) ?? -1] ?? [];
  }

  /** Chunk → article mapping and article lengths, for article-level BM25 (built on first use). */
  private articleGroups() {
    if (!this.articles) {
      const keys: string[] = [];
      const rows: number[][] = [];
      const ids = new Map<string, number>();
      const groupOf = new Uint32Array(this.index.chunks.length);
      this.index.chunks.forEach((c, i) => {
        const key = articleKey(c.file, c.articleIndex);
        let g = ids.get(key);
        if (g === undefined) {
          g = keys.length;
          ids.set(key, g);
          keys.push(key);
          rows.push([]);
        }
        groupOf[i] = g;
        rows[g]!.push(i);
      });
      const groupLen = new Float64Array(keys.length);
      this.index.chunks.forEach((_, i) => (groupLen[groupOf[i]!]! += this.index.bm25.data.docLen[i]!));
      this.articles = { groupOf, groupLen, keys, ids, rows };
    }
    return this.articles;
  }

  /** Passages grouped by article, for word BM25 in the article's context. */
  private articleContext(): GroupContext {
    const { groupOf, keys } = this.articleGroups();
    return { groupOf, groups: keys.length, share: this.options.contextShare };
  }

  /**
   * The share of the topic's words (weighted by IDF; words no passage holds
   * left out) that these texts contain (an article's title and passages, or
   * one passage): 1 when they write every word of "市长质量奖", 0.3 when they
   * only write 市长 and 质量.
   */
  private topicCoverage(tokens: readonly string[], texts: readonly string[]): number {
    const lower = texts.map((t) => t.toLowerCase());
    let total = 0;
    let held = 0;
    for (const t of new Set(tokens)) {
      const idf = this.index.bm25.idf(t);
      if (idf <= 0) continue;
      total += idf;
      if (lower.some((text) => text.includes(t))) held += idf;
    }
    return total > 0 ? held / total : 0;
  }

  /**
   * The (up to three) passages of an article that `find` shows: its best
   * ones, leaving out any that holds less than half of what the best of them
   * holds of the topic's words ("林长制": not the 林地保有量 section, found
   * for its 林 alone). English topics are not filtered (see `find`).
   */
  private sectionsShown(hits: readonly SearchHit[], tokens: readonly string[], english: boolean): SearchHit[] {
    const top = hits.slice(0, 3);
    if (english) return top;
    const shares = top.map((h) => this.topicCoverage(tokens, [h.chunk.text]));
    const best = Math.max(0, ...shares);
    return top.filter((_, i) => i === 0 || best === 0 || shares[i]! >= FIND_COVERAGE_SHARE * best);
  }

  /**
   * Documents (articles) ranked by how well they cover the topic: BM25 over
   * whole articles (an article that covers the topic throughout beats one
   * lucky passage), combined with the article's best passage and a bonus for
   * the topic's words in its title. Listed are only articles that hold at
   * least half of what the best of them holds of the topic's words
   * (FIND_COVERAGE_SHARE), each with the passages that do the same.
   */
  async find(topic: string, options: { k?: number } = {}): Promise<FindResult> {
    const k = options.k ?? 5;
    const res = await this.searchWith(topic, { k: 40 }, false);
    const groups = this.articleGroups();
    const tokens = this.queryTokens(res.normalized);
    const articleScores = this.index.bm25.searchGroups(tokens, groups.groupOf, groups.groupLen, 50);
    const maxArticle = articleScores[0]?.[1] || 1;
    const maxHit = res.results[0]?.score || 1;
    const byArticle = new Map<string, { hits: SearchHit[]; score: number }>();
    for (const [g, s] of articleScores) byArticle.set(groups.keys[g]!, { hits: [], score: (1 - FIND_PASSAGE_WEIGHT) * (s / maxArticle) });
    // Titles are not part of the passage index (a compilation's title is often
    // not what its articles are about), but asking for a document by its title
    // should find it: a bonus for the share of the question's terms in the title.
    const titleBonus = this.titleMatches(tokens);
    for (const [key, share] of titleBonus) {
      const a = byArticle.get(key) ?? { hits: [], score: 0 };
      a.score += FIND_TITLE_WEIGHT * share;
      byArticle.set(key, a);
    }
    for (const hit of res.results) {
      const key = articleKey(hit.chunk.file, hit.chunk.articleIndex);
      const a = byArticle.get(key) ?? { hits: [], score: 0 };
      if (a.hits.length === 0) a.score += FIND_PASSAGE_WEIGHT * (hit.score / maxHit);
      a.hits.push(hit);
      byArticle.set(key, a);
    }
    // An article found only by its title still needs passages to show.
    for (const [key, a] of byArticle) {
      if (a.hits.length === 0 && titleBonus.has(key)) {
        const row = this.rowsOf(key)[0];
        if (row !== undefined) a.hits.push({ rank: 0, score: 0, chunk: this.index.chunks[row]! });
      }
    }
    const ranked = [...byArticle.entries()].filter(([, d]) => d.hits.length > 0).sort((a, b) => b[1].score - a[1].score);
    // Only documents holding a fair share of what the best of them holds of the topic's words.
    const covered = new Map<string, number>();
    const coverageOf = ([key, d]: (typeof ranked)[number]) => {
      const known = covered.get(key);
      if (known !== undefined) return known;
      const { file, articleIndex } = d.hits[0]!.chunk;
      const title = this.articleMeta(file, articleIndex)?.title ?? "";
      // A compilation's title ("市长质量奖汇报材料" over articles on CitiStat and on 科技) does not say what an
      // article covers, unless what was asked for is a name only titles carry.
      const own = res.titleOnly || !this.compilationTitles().some((c) => title.startsWith(c)) ? title : "";
      const share = this.topicCoverage(tokens, [own, ...this.rowsOf(key).map((row) => this.index.chunks[row]!.text)]);
      covered.set(key, share);
      return share;
    };
    // An English topic searches every Chinese alternative of each word, which no article writes all of: not filtered.
    const english = isMostlyEnglish(res.normalized);
    const best = english ? 0 : Math.max(0, ...ranked.slice(0, 2 * k).map(coverageOf));
    const docs: Array<{ hits: SearchHit[]; score: number }> = [];
    for (const entry of ranked) {
      if (docs.length >= k) break;
      if (best === 0 || coverageOf(entry) >= FIND_COVERAGE_SHARE * best) docs.push(entry[1]);
    }
    const documents: FindDocument[] = docs.map((d, i) => {
      const first = d.hits[0]!.chunk;
      const meta = this.articleMeta(first.file, first.articleIndex);
      return {
        rank: i + 1,
        score: round(d.score),
        file: first.file,
        article: first.article,
        ...(meta?.ownTitle ? { ownTitle: meta.ownTitle } : {}),
        lineStart: meta?.lineStart ?? first.lineStart,
        lineEnd: meta?.lineEnd ?? first.lineEnd,
        sections: this.sectionsShown(d.hits, tokens, english).map((h) => {
          // The section and lines of the paragraph the snippet comes from.
          const s = snippetOf(h.chunk.text, res.normalized);
          const span = spanAt(h.chunk, [s]);
          return { section: span.section, lineStart: span.lineStart, lineEnd: span.lineEnd, snippet: s.text };
        }),
      };
    });
    // Asking which document carries a name that only titles give is answered by those titles.
    return {
      query: topic,
      confident: res.confident || (!!res.titleOnly && documents.length > 0),
      ...(res.absent ? { absent: res.absent } : {}),
      ...(res.titleOnly ? { titleOnly: res.titleOnly } : {}),
      documents,
    };
  }
}

/** One article of one file, as a map key. */
function articleKey(file: string, articleIndex: number): string {
  return `${file}\u0000${articleIndex}`;
}

/** Best BM25 score as a share of the most a passage could score for these terms (0..1). */
function relevanceOf(best: number, max: number): number {
  return max > 0 ? Math.min(1, best / max) : 0;
}

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/**
 * One line around the first place the query's words appear, and the offset
 * in `text` of the word it is centred on (as a range, for `spanAt`): its
 * paragraph is the one it shows.
 */
function snippetOf(text: string, query: string, width = 60): { text: string; start: number; end: number } {
  const lower = text.toLowerCase();
  const terms = tokenize(query).sort((a, b) => b.length - a.length);
  let at = -1;
  for (const t of terms) {
    at = lower.indexOf(t);
    if (at >= 0) break;
  }
  const start = Math.max(0, at < 0 ? 0 : at - Math.floor(width / 3));
  const s = text.slice(start, start + width).replace(/\s+/g, " ");
  const focus = Math.max(0, at);
  return { text: (start > 0 ? "…" : "") + s + (start + width < text.length ? "…" : ""), start: focus, end: focus };
}

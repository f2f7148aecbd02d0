/**
 * The answer service front ends call: question → (follow-up rewrite) →
 * retrieval → model answer with checked citations, or an extractive answer
 * from the passages when there is no model or it fails.
 */
import type { Logger } from "pino";
import type { Retriever, SearchResponse } from "../retrieve/types.js";
import type {
  AnswerService,
  AskOptions,
  AskResult,
  Citation,
  DraftResult,
  FindResult,
  NearestDocument,
  SourceInfo,
  Turn,
} from "./types.js";
import type { ChatModel } from "./llm.js";
import { isOutage } from "./outage.js";
import { renderPrompt, type Prompts, type PromptTemplate } from "./prompts.js";
import { formatPassages, formatUserText, sameArticle, uniquePassages, type Passage } from "./passages.js";
import { checkCitations } from "./citations.js";
import { leaksPrompt, markUncitedSentences } from "./guard.js";
import { distinctSources, extractiveAnswer, extractiveDraft, extractiveSectionedDraft, type DraftPart } from "./extractive.js";
import { requestedParts, type RequestedPart } from "./draft-parts.js";
import { inSection, type SectionIntent } from "../retrieve/intent.js";
import { asksForSource, onlyRefersBack, standaloneQuestion } from "./followup.js";
import { toSimplified } from "../text/script.js";
import { tidyReply } from "./reply.js";
import { normalizeForDedupe } from "./text.js";
import { smallTalkReply } from "./smalltalk.js";
import { errorMessage } from "../util/errors.js";
import { FIGURE_NAMES } from "../retrieve/answer-type.js";
import * as msg from "./messages.js";

export interface AnswerServiceOptions {
  retriever: Retriever;
  /** Without a model every reply is extractive. */
  chat?: ChatModel;
  prompts: Prompts;
  logger?: Logger;
  /** Longer questions are refused without searching. Default 2000. */
  maxQuestionChars?: number;
  /** Passages retrieved per question. Default 8. */
  k?: number;
  /** Passages given to the model (after removing duplicates). Default 6 for answers, 8 for drafts. */
  maxPassages?: number;
  /** What `sources()` returns. */
  listSources?: () => SourceInfo[] | Promise<SourceInfo[]>;
}

/** The parts of a report other than what was done. */
const OTHER_PARTS: SectionIntent[] = ["problems", "plans", "suggestions"];
/** Words a passage uses when it speaks of a part of a report that has no heading of its own. */
const PART_WORDS: Record<SectionIntent, RegExp> = {
  problems: /问题|不足|困难|薄弱|差距|短板|难点|瓶颈|制约/,
  plans: /下一步|今后|明年|下阶段|将(?:继续|进一步|着力|大力|加快|重点)/,
  suggestions: /建议|对策/,
};

/** Trimmed, control and zero-width characters removed, whitespace collapsed. */
export function normalizeQuestion(text: string): string {
  return (text ?? "")
    .normalize("NFC")
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200D\u2060\uFEFF]/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * The text searched for a question: HTML tags (and script/style elements),
 * Markdown link targets and emphasis are markup, not what is asked. Unchanged if nothing else is left.
 */
export function searchableText(text: string): string {
  const t = text
    .replace(/<(script|style)\b[^<>]*>[\s\S]*?<\/\1\s*>/gi, " ")
    .replace(/<\/?[a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>]*)?>/g, " ")
    .replace(/\]\([^()\s]*(?:\([^()\s]*\)[^()\s]*)*\)/g, "]")
    .replace(/\*\*|__|~~|`+/g, "")
    .replace(/\s+/g, " ")
    .trim();
  return /[\p{L}\p{N}]/u.test(t) ? t : text;
}

/** The text the follow-up, source and small-talk rules read: searchable, in simplified characters ("那是哪份材料說的？" as "…说的"). */
function ruleText(text: string): string {
  return toSimplified(searchableText(text));
}

/** Whether a question has anything to search for: a Chinese character, or a word or number of two characters ("5G"), not "a" or "?!". */
function searchable(text: string): boolean {
  return /[\u3400-\u9fff]|[\p{L}\p{N}]{2}/u.test(searchableText(text));
}

interface Composed {
  mode: "llm" | "extractive";
  text: string;
  citations: Citation[];
  notice?: string;
  /** The model read the passages and said they do not answer: the reply is "not covered", not a quote. */
  declined?: boolean;
}

/**
 * A reply without citations that says the passages do not answer (as the
 * prompt asks it to): the model's judgement that the documents are silent,
 * which is worth more than quoting the nearest sentences.
 */
const DECLINES =
  /(文档|资料|材料|文件|段落|内容)[^。！？\n]{0,12}(没有|未|并未|并没有|无|不含|缺少|缺乏)(找到|涉及|提到|提及|包含|说明|给出|提供|载明|记载|相关|关于|具体|明确)|(无法|不能|难以)(根据|依据|从)?[^。！？\n]{0,16}(回答|作答|确定|得出|找到|判断)|没有找到相关内容|(没有|未)(提供|给出|涉及)[^。！？\n]{0,16}(信息|数据|内容|数字|说明|规定)|缺少[^。！？\n]{0,24}(方面的)?(材料|资料|内容|信息)|\b(do(es)?n[o']t|do(es)? not) (contain|mention|provide|say|specify|include|state|cover)\b|\bno (information|mention|data|details?)\b|\bcannot be (determined|found|answered)\b|\bnot (mentioned|provided|specified|stated|covered)\b/i;

/** Why nothing was answered: a name only titles carry, the office's own affairs, a figure the passages do not give, words the documents never use, or the given reason. */
function notCovered(search: SearchResponse, otherwise: string): string {
  if (search.titleOnly) return msg.onlyInTitles(search.titleOnly);
  if (search.officeAffairs) return msg.officeAffair(search.officeAffairs);
  if (search.missing) return msg.figureMissing(FIGURE_NAMES[search.missing]);
  // (A borderline search is not refused for its words: colloquial wording the documents do not use is why it is borderline.)
  if (search.absent && !search.confident && !search.borderline) return msg.wordsAbsent(search.absent);
  return otherwise;
}

export function createAnswerService(options: AnswerServiceOptions): AnswerService {
  const { retriever, chat, prompts, logger } = options;
  const maxChars = options.maxQuestionChars ?? 2000;
  const k = options.k ?? 8;

  async function nearestTo(query: string): Promise<NearestDocument[]> {
    try {
      const found = await retriever.find(query, { k: 3 });
      const seen = new Set<string>();
      const out: NearestDocument[] = [];
      for (const d of found.documents) {
        // A document that matches nothing of the question is not "possibly relevant".
        if (!(d.score > 0)) continue;
        const key = `${d.file}\u0000${d.article}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({ file: d.file, article: d.article, score: d.score });
      }
      return out.slice(0, 3);
    } catch (e) {
      logger?.warn({ err: errorMessage(e) }, "nearest documents lookup failed");
      return [];
    }
  }

  /**
   * The search and the passages to answer from: none when the search is not
   * confident, except that a borderline one goes to the model to judge.
   */
  async function retrieve(query: string, limit: number, allowJudged = false): Promise<{ search: SearchResponse; passages: Passage[]; judge: boolean }> {
    const search = await retriever.search(query, { k });
    const judge = !search.confident && allowJudged && !!chat && !!search.borderline;
    return { search, passages: search.confident || judge ? uniquePassages(search.results, limit) : [], judge };
  }

  /**
   * The model's reply with citations checked, or the extractive reply with a
   * notice when the model fails or cites nothing that holds. With `judge`
   * (passages that matched the question only weakly), only the model may
   * answer: instead of an extractive reply, nothing, with the notice.
   */
  async function compose(
    kind: "answer" | "draft",
    query: string,
    passages: Passage[],
    how: {
      signal?: AbortSignal | undefined;
      /** The follow-up rewrite's failure, if the model already failed once. */
      earlierFailure?: unknown;
      /** Weakly matching passages: only the model may answer from them. */
      judge?: boolean;
      /** An English question's glossary terms, to match sentences by. */
      searched?: string | undefined;
      /** The extractive reply, when it is not drafted from `passages` as a whole (a draft in parts). */
      offline?: () => { text: string; citations: Citation[] };
    } = {},
  ): Promise<Composed> {
    const { signal, earlierFailure, judge = false, searched, offline } = how;
    const extractive = (notice?: (kind: msg.NoticeKind) => string): Composed => {
      if (judge) return { mode: "llm", text: "", citations: [], ...(notice ? { notice: notice("judge") } : {}) };
      // An English question's sentences are matched by the Chinese terms it was searched with.
      const scoring = searched ? `${query}\n${searched}` : query;
      const r = offline ? offline() : kind === "answer" ? extractiveAnswer(scoring, passages) : extractiveDraft(scoring, passages);
      return { mode: "extractive", text: r.text, citations: r.citations, ...(notice ? { notice: notice(kind) } : {}) };
    };
    if (!chat) return extractive();
    // The follow-up rewrite already waited out a down server: do not wait again.
    if (isOutage(earlierFailure)) return extractive((k) => msg.fallbackNotice(earlierFailure, k));
    const template: PromptTemplate = kind === "answer" ? prompts.answer : prompts.draft;
    const values = {
      passages: formatPassages(passages),
      [kind === "answer" ? "question" : "request"]: formatUserText(query),
    };
    let reply: string;
    try {
      reply = await chat.complete(renderPrompt(template, values), {
        maxTokens: kind === "answer" ? 1024 : 1536,
        temperature: kind === "answer" ? 0.2 : 0.4,
        ...(signal ? { signal } : {}),
      });
    } catch (e) {
      if (signal?.aborted) throw e;
      logger?.warn({ err: errorMessage(e), kind }, "LLM failed; falling back to the extractive reply");
      return extractive((k) => msg.fallbackNotice(e, k));
    }
    // Plain text, as the prompt asks: no Markdown, JSON wrapper or announcing first line.
    reply = tidyReply(reply);
    // A reply that reproduces the prompt's instructions was steered (e.g. by
    // an instruction inside a document): none of it is shown.
    if (leaksPrompt(reply, template, `${values.passages}\n${query}`)) {
      logger?.warn({ kind }, "LLM reply reproduces the prompt; falling back to the extractive reply");
      return extractive(msg.unusableReplyNotice);
    }
    const checked = checkCitations(reply, passages);
    if (checked.issues.length) logger?.info({ issues: checked.issues, kind }, "citations removed from the LLM reply");
    if (checked.citations.length === 0 && DECLINES.test(reply)) {
      logger?.info({ kind }, "LLM found the passages do not answer");
      return { mode: "llm", text: "", citations: [], declined: true };
    }
    if (checked.citations.length === 0) {
      logger?.warn({ kind }, "LLM reply has no citation that holds; falling back to the extractive reply");
      return extractive(msg.noCitationNotice);
    }
    return { mode: "llm", text: markUncitedSentences(checked.text), citations: checked.citations };
  }

  /** A follow-up (or, with a model, an English question) rewritten into a standalone question to search. */
  const standalone = (text: string, opts: AskOptions) =>
    standaloneQuestion(text, opts.history, {
      prompt: prompts.condense,
      maxQuestionChars: maxChars,
      ...(chat ? { chat } : {}),
      ...(logger ? { logger } : {}),
      ...(opts.signal ? { signal: opts.signal } : {}),
    });

  /**
   * "这一条出自哪个文件？": the citations of the previous answer — those its turn
   * carries, or, when the front end did not keep them, found again by asking
   * its question again (with the turns before it), keeping those whose quote
   * the answer holds. Undefined when there is no earlier question.
   */
  async function sourceOfPrevious(history: Turn[], opts: AskOptions): Promise<{ answer: string; citations: Citation[] } | undefined> {
    const last = [...history].reverse().find((t) => t.role === "assistant");
    if (last?.citations) {
      // The numbers stay those of the answer, whose [n] marks they explain.
      return last.citations.length ? { answer: msg.sourcesOfPrevious(last.citations), citations: last.citations } : { answer: msg.NO_SOURCE_IN_HISTORY, citations: [] };
    }
    let at = history.length - 1;
    while (at >= 0 && (history[at]!.role !== "user" || asksForSource(ruleText(normalizeQuestion(history[at]!.content))))) at--;
    if (at < 0) return undefined;
    const said = history.slice(at + 1).find((t) => t.role === "assistant")?.content ?? "";
    const again = await service.ask(history[at]!.content, { history: history.slice(0, at), ...(opts.signal ? { signal: opts.signal } : {}) });
    if (!again.found || again.citations.length === 0) return { answer: msg.NO_SOURCE_IN_HISTORY, citations: [] };
    const plain = normalizeForDedupe(said.replace(/\[\d+\]/g, ""));
    const quoted = again.citations.filter((c) => c.quote && plain.includes(normalizeForDedupe(c.quote)));
    const citations = (quoted.length ? quoted : again.citations).map((c, i) => ({ ...c, n: i + 1 }));
    return { answer: msg.sourcesOfPrevious(citations), citations };
  }

  /**
   * A request naming the parts it wants (主要做法、存在问题、下一步打算):
   * each part's passages, searched as topic + part, from the document the
   * topic's best passage is in (a summary stitched from several counties'
   * reports would misreport each, and another document's "存在问题" is about
   * something else), under the heading of that part when the document has
   * one. A part the document has nothing for is said to be missing. The
   * passages of all the parts go to the model; without it, each part is
   * drafted under its heading.
   */
  async function draftInParts(request: string, found: Passage[]): Promise<{ passages: Passage[]; offline: () => { text: string; citations: Citation[] } } | undefined> {
    const asked = requestedParts(request);
    if (!asked) return undefined;
    // The request is normalised already (normalizeQuestion, then the follow-up rewrite).
    const topic = searchableText(asked.topic);
    const main = found[0]!.chunk;
    const byId = new Map<string, Passage>();
    const drafted = new Map<RequestedPart, DraftPart>();
    // The named parts (problems, plans) take their passages first; what was done takes from the rest.
    for (const part of [...asked.parts].sort((a, b) => Number(a.kind === "work") - Number(b.kind === "work"))) {
      const search = await retriever.search(`${topic} ${part.label}`, { k: 20 });
      const own = search.results.filter((h) => sameArticle(h.chunk, main) && !byId.has(h.chunk.id));
      const underHeading = own.filter((h) => (part.kind === "work" ? !OTHER_PARTS.some((i) => inSection(h.chunk, i)) : inSection(h.chunk, part.kind)));
      // No heading names the part: the document's passages that speak of it ("存在……问题", "今后", "建议").
      const hits = underHeading.length || part.kind === "work" ? underHeading : own.filter((h) => PART_WORDS[part.kind as SectionIntent].test(h.chunk.text));
      const passages = uniquePassages(hits, 4).map((p) => {
        const known = { ...p, n: byId.size + 1 };
        byId.set(p.chunk.id, known);
        return known;
      });
      drafted.set(part, { label: part.label, request: `${topic} ${part.label}`, passages });
    }
    const parts = asked.parts.map((p) => drafted.get(p)!);
    logger?.info({ parts: parts.map((p) => ({ label: p.label, passages: p.passages.length })) }, "drafting in parts");
    if (byId.size === 0) return undefined;
    return { passages: [...byId.values()], offline: () => extractiveSectionedDraft(parts) };
  }

  const service: AnswerService = {
    async ask(rawQuestion: string, opts: AskOptions = {}): Promise<AskResult> {
      const question = normalizeQuestion(rawQuestion);
      const refuse = (answer: string): AskResult => ({ question, mode: chat ? "llm" : "extractive", found: false, answer, citations: [] });
      if (!question) return refuse(msg.EMPTY_QUESTION);
      if ([...question].length > maxChars) return refuse(msg.tooLong(maxChars, "问题"));
      // "谢谢", "好的", "你好": not a question to search the documents for.
      const text = ruleText(question);
      const reply = smallTalkReply(text);
      if (reply) return { ...refuse(reply), smallTalk: true };
      if (!searchable(question)) return refuse(msg.NOTHING_TO_SEARCH);
      const forSource = asksForSource(text);
      // "这一条出自哪个文件？", "出自哪篇文章？" with nothing before them: nothing to refer to.
      if (!opts.history?.length && (onlyRefersBack(text) || forSource)) return refuse(msg.NOTHING_TO_REFER_TO);
      // "这一条出自哪个文件？": answered from the previous answer's citations, not by a search.
      if (opts.history?.length && forSource) {
        const source = await sourceOfPrevious(opts.history, opts);
        if (source) {
          logger?.info({ citations: source.citations.length }, "answered where the previous answer came from");
          return { question, mode: chat ? "llm" : "extractive", found: source.citations.length > 0, answer: source.answer, citations: source.citations };
        }
      }

      const rewritten = await standalone(text, opts);
      const query = searchableText(rewritten.question);
      const { search, passages, judge } = await retrieve(query, options.maxPassages ?? 6, true);
      const base = { question, standalone: query };
      let declined = false;
      let failure: string | undefined;
      if (passages.length > 0) {
        const r = await compose("answer", query, passages, { signal: opts.signal, earlierFailure: rewritten.failure, judge, searched: search.searched });
        if (r.text) {
          logger?.info({ mode: r.mode, citations: r.citations.length, fallback: !!r.notice, judged: judge }, "answered");
          const notice = judge ? msg.WEAK_MATCH_NOTICE : r.notice;
          return { ...base, mode: r.mode, found: true, answer: r.text, citations: r.citations, ...(notice ? { notice } : {}) };
        }
        declined = !!r.declined;
        failure = r.notice;
      }
      // Documents "possibly relevant" to the office's own affairs would only be those sharing its everyday words.
      const nearest = search.officeAffairs ? [] : await nearestTo(query);
      logger?.info({ nearest: nearest.length, declined }, "question not covered by the documents");
      const why = notCovered(search, declined ? msg.NOT_ANSWERED : msg.NOT_COVERED);
      return {
        ...base,
        mode: chat ? "llm" : "extractive",
        found: false,
        answer: msg.withNearest(why, nearest),
        citations: [],
        nearest,
        ...(failure ? { notice: failure } : {}),
      };
    },

    async draft(rawRequest: string, opts: AskOptions = {}): Promise<DraftResult> {
      const request = normalizeQuestion(rawRequest);
      const refuse = (draft: string): DraftResult => ({
        request,
        mode: chat ? "llm" : "extractive",
        found: false,
        draft,
        citations: [],
        sources: [],
      });
      if (!request) return refuse(msg.EMPTY_REQUEST);
      if ([...request].length > maxChars) return refuse(msg.tooLong(maxChars, "起草要求"));
      // "好的，谢谢！" is not something to draft (the bot reads it as a question; the CLI's draft does not).
      const text = ruleText(request);
      const reply = smallTalkReply(text);
      if (reply) return refuse(reply);
      if (!searchable(request)) return refuse(msg.NOTHING_TO_SEARCH);

      const rewritten = await standalone(text, opts);
      const query = searchableText(rewritten.question);
      const { search, passages: found } = await retrieve(query, options.maxPassages ?? 8);
      // "…，包括主要做法、存在问题和下一步打算": each part searched and drafted on its own.
      const parted = found.length > 0 ? await draftInParts(rewritten.question, found) : undefined;
      const passages = parted?.passages ?? found;
      if (passages.length > 0) {
        const r = await compose("draft", query, passages, {
          signal: opts.signal,
          earlierFailure: rewritten.failure,
          searched: search.searched,
          ...(parted ? { offline: parted.offline } : {}),
        });
        if (r.text) {
          logger?.info({ mode: r.mode, citations: r.citations.length, fallback: !!r.notice }, "drafted");
          return {
            request,
            standalone: query,
            mode: r.mode,
            found: true,
            draft: r.text,
            citations: r.citations,
            sources: distinctSources(r.citations),
            ...(r.notice ? { notice: r.notice } : {}),
          };
        }
      }
      const nearest = search.officeAffairs ? [] : await nearestTo(query);
      return { ...refuse(msg.withNearest(notCovered(search, msg.NOT_COVERED_DRAFT), nearest)), standalone: query, nearest };
    },

    async find(rawTopic: string, opts: { k?: number } = {}): Promise<FindResult> {
      const topic = normalizeQuestion(rawTopic);
      if (!topic || [...topic].length > maxChars) return { query: topic, confident: false, documents: [] };
      return retriever.find(searchableText(topic), { k: opts.k ?? 5 });
    },

    async sources(): Promise<SourceInfo[]> {
      return options.listSources ? await options.listSources() : [];
    },
  };
  return service;
}

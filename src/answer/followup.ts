/**
 * Follow-up questions ("那第二条呢？") rewritten into standalone questions that
 * can be searched: by the model (prompts/condense.md) when there is one, else
 * (or when it fails) by prepending the key terms of the previous question.
 */
import type { Logger } from "pino";
import type { Turn } from "./types.js";
import type { ChatModel } from "./llm.js";
import { renderPrompt, type PromptTemplate } from "./prompts.js";
import { formatUserText } from "./passages.js";
import { errorMessage } from "../util/errors.js";
import { contentTokens, keyTerms, normalizeForDedupe } from "./text.js";
import { isMostlyEnglish } from "../retrieve/glossary.js";

export interface Standalone {
  question: string;
  via: "unchanged" | "llm" | "heuristic";
  /** Why the model could not rewrite it, when it was asked and failed. */
  failure?: unknown;
}

const FOLLOW_UP_START =
  /^(那么|那|这个|这些|这|那个|那些|它们|它|其|该|此|上述|以上|还有|另外|此外|再|又|同样|第[一二三四五六七八九十百\d]+|and\b|what about|how about)/i;
const SHORT_QUESTION_CHARS = 10;
const HISTORY_TURNS = 6;
const HISTORY_TURN_CHARS = 300;

export function looksLikeFollowUp(question: string): boolean {
  return FOLLOW_UP_START.test(question.trim()) || normalizeForDedupe(question).length <= SHORT_QUESTION_CHARS;
}

/** The question with the key terms of the previous question(s) in front, when it looks like a follow-up. */
export function heuristicStandalone(question: string, history: Turn[]): string {
  if (!looksLikeFollowUp(question)) return question;
  const users = history.filter((t) => t.role === "user").map((t) => t.content.trim()).filter(Boolean);
  const previous: string[] = [];
  for (let i = users.length - 1; i >= 0 && previous.length < 2; i--) {
    previous.unshift(users[i]!);
    if (!looksLikeFollowUp(users[i]!)) break;
  }
  if (previous.length === 0) return question;
  const terms: string[] = [];
  for (const p of previous) {
    const found = keyTerms(p, 4);
    for (const t of found.length ? found : contentTokens(p).slice(0, 4)) {
      if (!terms.includes(t) && !question.includes(t)) terms.push(t);
    }
  }
  return terms.length ? `${terms.join(" ")} ${question}` : question;
}

function formatHistory(history: Turn[]): string {
  return history
    .slice(-HISTORY_TURNS)
    .map((t) => {
      const text = t.content.replace(/\s+/g, " ").trim();
      const cut = text.length > HISTORY_TURN_CHARS ? `${text.slice(0, HISTORY_TURN_CHARS)}……` : text;
      return `${t.role === "user" ? "用户" : "助手"}：${formatUserText(cut)}`;
    })
    .join("\n");
}

/** The model's reply reduced to the question it wrote, or undefined when it is not one. */
function cleanRewrite(reply: string, maxChars: number): string | undefined {
  const line = reply
    .split("\n")
    .map((l) => l.trim())
    .find(Boolean);
  if (!line) return undefined;
  const q = line
    .replace(/^(改写后的(独立)?问题|独立问题|问题)\s*[:：]\s*/, "")
    .replace(/^["“「']+|["”」']+$/g, "")
    .trim();
  if (q.length < 2 || q.length > maxChars) return undefined;
  return q;
}

export async function standaloneQuestion(
  question: string,
  history: Turn[] | undefined,
  deps: { chat?: ChatModel; prompt: PromptTemplate; logger?: Logger; maxQuestionChars: number; signal?: AbortSignal },
): Promise<Standalone> {
  // Without history there is nothing to resolve, except a question in English:
  // the documents are Chinese, so the model (when there is one) translates it.
  const translate = !!deps.chat && isMostlyEnglish(question);
  if ((!history || history.length === 0) && !translate) return { question, via: "unchanged" };
  history ??= [];
  let failure: unknown;
  if (deps.chat) {
    try {
      const messages = renderPrompt(deps.prompt, { history: history.length ? formatHistory(history) : "（无）", question: formatUserText(question) });
      const reply = await deps.chat.complete(messages, {
        maxTokens: 200,
        temperature: 0,
        ...(deps.signal ? { signal: deps.signal } : {}),
      });
      const rewritten = cleanRewrite(reply, Math.min(deps.maxQuestionChars, Math.max(200, question.length * 4)));
      if (rewritten) return { question: rewritten, via: rewritten === question ? "unchanged" : "llm" };
      deps.logger?.warn({ reply: reply.slice(0, 200) }, "follow-up rewrite was not a question; using heuristic");
    } catch (e) {
      if (deps.signal?.aborted) throw e;
      failure = e;
      deps.logger?.warn({ err: errorMessage(e) }, "follow-up rewrite failed; using heuristic");
    }
  }
  const rewritten = heuristicStandalone(question, history);
  return {
    question: rewritten,
    via: rewritten === question ? "unchanged" : "heuristic",
    ...(failure !== undefined ? { failure } : {}),
  };
}

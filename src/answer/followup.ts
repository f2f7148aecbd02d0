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
import { contentWords } from "../retrieve/absent.js";
import { draftTopicOf } from "./draft-parts.js";
import { toSimplified } from "../text/script.js";
import { tidyReply } from "./reply.js";

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

/**
 * Whether `question` goes on from the exchange in `history`. One opening
 * with 那/这/还有… does. A short one does when it names nothing of its own
 * ("具体有几项？") or only what the last exchange already named ("资金有多少？"
 * after a question about 专项资金); one that names a new topic ("婚假有几天？",
 * "林长制" after a question about 政务网) is a question of its own, however
 * short, and is searched as it is.
 */
export function continuesExchange(request: string, history: Turn[]): boolean {
  // A draft asked of what was just discussed ("帮我写一段关于这个做法的总结"): its topic is what points back.
  const question = draftTopicOf(request);
  if (FOLLOW_UP_START.test(question.trim())) return true;
  if (!looksLikeFollowUp(question)) return false;
  const own = contentWords(question).filter((w) => !POINTING.has(w) && !ASPECT_WORDS.has(w) && !ORDINAL_WORD.test(w));
  if (own.length === 0) return true;
  const lastUser = [...history].reverse().find((t) => t.role === "user");
  const lastAnswer = [...history].reverse().find((t) => t.role === "assistant");
  const said = normalizeForDedupe(toSimplified(`${lastUser?.content ?? ""} ${lastAnswer?.content ?? ""}`));
  return own.every((w) => said.includes(normalizeForDedupe(w)));
}

/** Words that point back or ask for more without naming a topic: "这一条出自哪个文件", "它是什么意思", "能详细说说吗". */
const POINTING = new Set(
  "一条 一段 一项 一点 一个 一句 一些 那份 这份 那篇 这篇 那条 这条 这段话 那段话 这句话 这是 那是 出自 出处 来源 来自 引自 原文 意思 详细 具体 内容 上面 回答 答案 那么 这里 那里 解释 介绍 展开 说说 讲讲 一下 多说 继续 数字 数据 说法 文章 篇文章 报告 文件 文档 材料".split(" "),
);

/**
 * The parts of a topic a conversation moves between ("那原因呢？" after "干部考核有哪些问题"):
 * asked alone after 那/这, they point back at the earlier topic; asked as a
 * follow-up, they replace the earlier question's part instead of adding to it.
 */
export const ASPECT_WORDS = new Set(
  "问题 不足 缺点 弊端 困难 短板 原因 成因 根源 对策 措施 举措 建议 办法 做法 经验 成效 成绩 效果 作用 意义 目标 任务 打算 计划 下一步 优点 优势 好处 影响 现状 特点 要求 依据 步骤 流程 程序 标准".split(" "),
);
const ORDINAL_WORD = /^第.{1,3}[条项点段个句部分]$/;
const REFERRING_START = /^(那么|那|这|上面|上述|刚才|以上|前面|它|其)/;

/**
 * A question that only points back at something ("这一条出自哪个文件？", "那第二条呢？",
 * "它是什么意思？") and names no topic of its own: without an earlier turn
 * there is nothing it can refer to, and searching its words ("一条") would
 * answer something the user did not ask.
 */
export function onlyRefersBack(question: string): boolean {
  // Without punctuation: jieba cuts "说说吗？" as 说/说吗 but "说说吗" as 说说/吗.
  const q = question.replace(/[\p{P}\s]+/gu, "");
  if (!REFERRING_START.test(q)) return false;
  // "那原因呢？", "那对策呢？", "这些问题的原因是什么": a part of the topic before, not a topic.
  return contentWords(q).every((w) => POINTING.has(w) || ORDINAL_WORD.test(w) || ASPECT_WORDS.has(w));
}

/** Words that ask where something comes from: "出自哪个文件", "出处", "来源", "原文在哪". */
const SOURCE_QUESTION = /出自|出处|来源|来自|引自|引用|哪[个份篇部]?(?:文件|文档|材料|文章|报告)|原文在哪|哪一?[节段行]|第几[行段节]/;

/**
 * A question that only asks where the previous answer came from ("这一条出自哪个文件？",
 * "出处是哪里", "来自哪份材料"): it is answered from that answer's citations, not by a search.
 */
export function asksForSource(question: string): boolean {
  const q = question.replace(/[\p{P}\s]+/gu, "");
  if (!SOURCE_QUESTION.test(q) || /[A-Za-z\d]/.test(q)) return false;
  return contentWords(q).every((w) => POINTING.has(w) || ORDINAL_WORD.test(w));
}

/** The question with the key terms of the previous question(s) in front, when it looks like a follow-up. */
export function heuristicStandalone(question: string, history: Turn[]): string {
  if (!continuesExchange(question, history)) return question;
  const users = history.filter((t) => t.role === "user").map((t) => toSimplified(t.content.trim())).filter(Boolean);
  const previous: string[] = [];
  for (let i = users.length - 1; i >= 0 && previous.length < 2; i--) {
    previous.unshift(users[i]!);
    if (!looksLikeFollowUp(users[i]!)) break;
  }
  if (previous.length === 0) return question;
  // "那原因呢？" after "干部考核有哪些问题": the topic and the new part, not the old part as well.
  const newAspect = contentTokens(question).some((w) => ASPECT_WORDS.has(w));
  const terms: string[] = [];
  for (const p of previous) {
    const found = keyTerms(p, 4);
    for (const t of found.length ? found : contentTokens(p).slice(0, 4)) {
      if (newAspect && ASPECT_WORDS.has(t)) continue;
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
  // Not a line that announces what follows ("好的，以下是改写后的问题："); the question, when one line is one.
  const lines = tidyReply(reply)
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !/[：:]$/.test(l));
  const line = lines.find((l) => /[？?]$/.test(l)) ?? lines[0];
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

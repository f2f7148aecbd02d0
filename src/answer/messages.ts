/** What users read in answers and notices (simplified Chinese). */
import { ServiceError } from "../util/errors.js";
import { documentLabel, sectionInArticle } from "./passages.js";
import { LLMServiceError } from "./llm.js";
import type { NearestDocument } from "./types.js";

export const EMPTY_QUESTION = "问题为空，请输入要查询的内容。";
export const EMPTY_REQUEST = "起草要求为空，请说明要起草什么内容。";
export const tooLong = (max: number, what: "问题" | "起草要求") =>
  `${what}过长（超过 ${max} 字），请精简后再试。`;
/** A question that only points back ("这一条出自哪个文件？") and has no earlier turn to point at. */
export const NOTHING_TO_REFER_TO =
  "这个问题指的是前面的内容，但没有可参照的上文。请把要问的内容说完整（例如“零报告制度是怎么规定的？”）；在群聊中也可以回复机器人的某条回答再追问。";
/** "这一条出自哪个文件？" after an answer: where the passages it quoted are. */
export function sourcesOfPrevious(citations: ReadonlyArray<{ n: number; file: string; article: string; section: string; lineStart: number; lineEnd: number }>): string {
  return `上一条回答出自：${citations.map((c) => `${documentLabel(c)} ${placeInArticle(c)}[${c.n}]`).join("；")}。`;
}
/** "这一条出自哪个文件？" after a reply that quoted no document. */
export const NO_SOURCE_IN_HISTORY = "上一条回答没有引用文档中的内容，无法给出出处。";
/** A question with nothing to search for ("a", "？！"). */
export const NOTHING_TO_SEARCH = "问题中没有可以查询的内容，请输入完整的问题。";
export const NOT_COVERED = "文档中没有找到与该问题相关的内容，现有文档可能没有涉及这一问题。";
/** The model read the best passages and found they do not answer the question. */
export const NOT_ANSWERED = "检索到的相关段落没有回答这个问题，文档中可能没有这方面的具体内容。";
export const NOT_COVERED_DRAFT = "文档中没有找到可用于起草该内容的资料，现有文档可能没有涉及这一主题。";

/** The question names something that only document titles mention (a compilation's title its articles never discuss). */
export const onlyInTitles = (names: string[]) =>
  `文档正文没有讲到“${names.join("”“")}”：它只出现在材料标题中，标题下的文章讲的是其他内容。`;

/** The heading of a `find` list for a name only titles carry: "标题中有“零报告制度”的材料：". */
export const titledWith = (names: string[]) => `标题中有“${names.join("”“")}”的材料：`;

/** A word longer than this is shown cut ("政政政…（2000 字）"): the notice names it, it need not repeat a pasted text. */
const MAX_ECHOED_CHARS = 20;
const echoed = (w: string) => ([...w].length > MAX_ECHOED_CHARS ? `${[...w].slice(0, MAX_ECHOED_CHARS).join("")}…（${[...w].length} 字）` : w);
/** At most this many absent words are named. */
const MAX_ECHOED_WORDS = 5;

/** Words of a question or topic that occur nowhere in the documents: "文档中没有出现“婚假”" (no final punctuation). */
export const notInDocuments = (words: readonly string[]) =>
  `文档中没有出现“${words.slice(0, MAX_ECHOED_WORDS).map(echoed).join("”“")}”${words.length > MAX_ECHOED_WORDS ? `等 ${words.length} 个词` : ""}`;

/** Most of what the question names occurs nowhere in the documents ("婚假"). */
export const wordsAbsent = (words: readonly string[]) => `${notInDocuments(words)}，现有文档可能没有涉及这一问题。`;

/** The question is about the office's own affairs (leave, pay, reimbursement, parking…), which no document covers. */
export const officeAffair = (words: readonly string[]) =>
  `${notInDocuments(words)}：这是单位内部事务，现有文档（政策文件和工作报告）没有涉及，请向本单位主管部门咨询。`;

/** The question's topic is in the documents, but not the figure it asks for (an amount, a time, a rate). */
export const figureMissing = (figure: string) => `文档中有相关内容，但没有给出所问的${figure}。`;

export function withNearest(message: string, nearest: NearestDocument[]): string {
  if (nearest.length === 0) return message;
  const lines = nearest.map((d, i) => `${i + 1}. ${documentLabel(d)}`);
  return `${message}\n可能相关的文档：\n${lines.join("\n")}`;
}

/** An answer from passages that matched the question's wording only weakly, which the model judged to answer it. */
export const WEAK_MATCH_NOTICE = "检索到的段落与问题的字面相关度不高，以上回答由大模型根据这些段落作出，请对照引用的原文核实。";

/** What was being composed when the model could not be used: an answer, a draft, or a judgement of weak passages. */
export type NoticeKind = "answer" | "draft" | "judge";

/** What the reply is instead: an extractive answer or draft, or (for a judgement) nothing. */
const TAIL: Record<NoticeKind, string> = {
  answer: "以下为根据文档原文摘录的回答。",
  draft: "以下为根据文档原文摘编的稿件。",
  judge: "无法判断检索到的段落是否回答了这个问题。",
};

/** The notice shown when the model could not be used and the reply was composed from the passages. */
export function fallbackNotice(e: unknown, kind: NoticeKind): string {
  const tail = TAIL[kind];
  if (e instanceof LLMServiceError) {
    // A server failing moments ago is not waited for again (outage.ts).
    const again = e.remembered ? "（刚才已失败，暂不重试）" : "";
    switch (e.kind) {
      case "http":
        if (e.status === 401 || e.status === 403) return `大模型服务拒绝了访问（HTTP ${e.status}），请管理员检查 API 密钥，${tail}`;
        if (e.status === 404) return `大模型服务找不到所配置的模型或接口（HTTP 404），请管理员检查模型名称和服务地址，${tail}`;
        if (e.status === 429) return `大模型服务请求过于频繁（HTTP 429）${again}，${tail}`;
        return `大模型服务暂时不可用（HTTP ${e.status}）${again}，${tail}`;
      case "timeout":
        return `大模型服务响应超时${again}，${tail}`;
      case "connection":
        return `无法连接大模型服务${again}，${tail}`;
      case "malformed":
      case "empty":
        return `大模型服务返回的内容无法使用，${tail}`;
    }
  }
  if (e instanceof ServiceError && e.status !== undefined) return `大模型服务暂时不可用（HTTP ${e.status}），${tail}`;
  return `大模型服务暂时不可用，${tail}`;
}

export function noCitationNotice(kind: NoticeKind): string {
  return `大模型的回答没有可以在文档中核实的引用，${TAIL[kind]}`;
}

/** The notice shown when the model's reply could not be shown (it reproduced the prompt's instructions). */
export function unusableReplyNotice(kind: NoticeKind): string {
  return `大模型的回答包含不应显示的内容，${TAIL[kind]}`;
}

/** Lines of a file as a reader is told them: "第15行", "第15–17行". */
export function lineRange(start: number, end: number): string {
  return start === end ? `第${start}行` : `第${start}–${end}行`;
}

/**
 * How every front end lists a source, for answers and drafts alike:
 * `[1] 文章 · 章节（文件，第a–b行）`; just the article when the lines lie
 * under no heading of it, or under several (a passage packing "四、存在的问题"
 * and "五、下一步措施" has only the article in common).
 */
export function citationLine(c: { n: number; file: string; article: string; section: string; lineStart: number; lineEnd: number }): string {
  const title = [c.article.trim(), sectionInArticle(c)].filter((s) => s !== "").join(" · ");
  return `[${c.n}] ${title || c.file}（${c.file}，${lineRange(c.lineStart, c.lineEnd)}）`;
}

/**
 * A found document as listed: its title, and its own title when the compilation only numbered it
 * ("政府办公室年度工作总结 篇5：龙岩市人民政府办公室关于转发…的通知").
 */
export function documentName(d: { file: string; article: string; ownTitle?: string }): string {
  return d.ownTitle ? `${d.article}：${d.ownTitle}` : d.article || d.file;
}

/** The path a found document's sections start with, which a listing under it need not repeat: its title, and its own. */
export function documentPath(d: { article: string; ownTitle?: string }): string {
  return d.ownTitle ? `${d.article} › ${d.ownTitle}` : d.article;
}

/** Where a snippet sits in its article: "二、存在问题（第271行）", or just "第139行" under no heading of it. */
export function placeInArticle(s: { article: string; section: string; lineStart: number; lineEnd: number }): string {
  const section = sectionInArticle(s);
  return section ? `${section}（${lineRange(s.lineStart, s.lineEnd)}）` : lineRange(s.lineStart, s.lineEnd);
}

/**
 * A drafting request that names the parts it wants ("起草一篇关于政府采购工作
 * 的总结，包括主要做法、存在问题和下一步打算"): its topic and the parts, each
 * with the part of a report it is drafted from. Work reports keep these parts
 * under their own headings ("一、主要做法", "二、存在的问题", "三、下一步打算"),
 * so each part is searched and drafted on its own, instead of one search whose
 * best passages all come from one part.
 */
import type { SectionIntent } from "../retrieve/intent.js";

export interface RequestedPart {
  /** As the request names it: "主要做法", "存在问题", "下一步打算". */
  label: string;
  /** The report part it is drafted from; "work" is what was done (not problems, plans or suggestions). */
  kind: SectionIntent | "work";
}

export interface PartedRequest {
  /** The request without its list of parts: "起草一篇关于政府采购工作的总结". */
  topic: string;
  parts: RequestedPart[];
}

/** What introduces the list of parts. */
const LIST_INTRO = /[，,；;。]?\s*(?:内容)?(?:要|需要|应|须)?(?:包括|包含|涵盖|分为|分成|含|涉及|写清|写明|写出|写好|有)(?:以下|如下)?(?:几个|三个|两个|四个)?(?:部分|方面)?[：:]?\s*/;

const KINDS: Array<[RequestedPart["kind"], RegExp]> = [
  ["problems", /问题|不足|困难|短板|差距|薄弱/],
  ["plans", /下一步|打算|计划|思路|安排|今后|明年|展望/],
  ["suggestions", /建议|对策/],
  ["work", /做法|措施|举措|成效|成绩|成果|进展|经验|亮点|工作情况|开展情况|完成情况|落实情况|基本情况|主要工作/],
];

const DRAFTING = /^(?:请|麻烦)?(?:帮我|帮忙|替我|给我)?(?:写|起草|拟|草拟|撰写|整理)?(?:一段|一篇|一份|几句|一下|段)?(?:关于|有关)?/;
const GENRE = /的?(?:工作)?(?:总结|汇报|报告|材料|文章|讲话稿?|稿子?|文字|表述)?$/;

/**
 * What a drafting request is about, without the words that ask for a draft
 * ("帮我写一段关于这个做法的总结" → "这个做法"); the request as it is when it
 * does not ask to write.
 */
export function draftTopicOf(request: string): string {
  const { lead, body } = draftingWords(request);
  if (!/写|起草|拟|撰写|整理/.test(lead)) return request;
  return body.trim() || request;
}

/** A request as the words that ask for a draft ("帮我写一段关于") and the rest, without its genre ("的总结") and closing punctuation. */
function draftingWords(request: string): { lead: string; body: string } {
  const lead = DRAFTING.exec(request)?.[0] ?? "";
  return { lead, body: request.slice(lead.length).replace(/[。！？!?]+$/, "").replace(GENRE, "") };
}

const SEPARATORS = /[、，,；;]|以及|和|及|与|还有/;

/** What may stand before a part's word in its name: "存在问题", "改进建议", "主要做法". */
const PART_PREFIX = /(?:存在的?|面临的?|主要的?|改进|整改|工作|今后的?)$/;

/**
 * The parts a request names, when it names at least two that a report has:
 * after a word that introduces them ("…的总结，包括主要做法、存在问题和下一步
 * 打算"), or run on from the topic ("起草一段关于干部教育培训存在问题和改进建议
 * 的文字"); undefined otherwise.
 */
export function requestedParts(request: string): PartedRequest | undefined {
  const m = LIST_INTRO.exec(request);
  if (!m || m.index === 0) return runOnParts(request);
  const parts = partsOf(request.slice(m.index + m[0].length).replace(/[。！？!?]+$/, "").split(SEPARATORS));
  if (!parts) return undefined;
  const topic = request.slice(0, m.index).trim();
  // "写一篇包括问题和建议的材料" names no topic to search for.
  if (topic.replace(DRAFTING, "").replace(GENRE, "").length < 2) return undefined;
  return { topic, parts };
}

/** The labels as parts, when every one names a part of a report and there are two or more. */
function partsOf(labels: string[]): RequestedPart[] | undefined {
  const parts: RequestedPart[] = [];
  for (const raw of labels) {
    const label = raw.replace(/^(?:其|它的|它们的)/, "").replace(/(?:等|等方面|等内容|几个方面|方面|部分)$/, "").trim();
    if (label.length < 2) continue;
    const kind = KINDS.find(([, re]) => re.test(label))?.[0];
    if (!kind) return undefined;
    if (!parts.some((p) => p.label === label)) parts.push({ label, kind });
  }
  return parts.length >= 2 ? parts : undefined;
}

/** "干部教育培训存在问题和改进建议": the first part's name starts where its word (with what may precede it) does. */
function runOnParts(request: string): PartedRequest | undefined {
  const { lead, body } = draftingWords(request);
  const [first, ...rest] = body.split(SEPARATORS);
  if (!first || rest.length === 0) return undefined;
  const found = KINDS.map(([, re]) => re.exec(first)).filter((x): x is RegExpExecArray => !!x);
  if (found.length === 0) return undefined;
  let at = Math.min(...found.map((x) => x.index));
  const prefix = PART_PREFIX.exec(first.slice(0, at));
  if (prefix) at = prefix.index;
  const topic = first.slice(0, at).replace(/的$/, "");
  if (topic.length < 2) return undefined;
  const parts = partsOf([first.slice(at), ...rest]);
  return parts ? { topic: `${lead}${topic}`, parts } : undefined;
}

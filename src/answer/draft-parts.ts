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

/** The parts a request names, when it names at least two that a report has; undefined otherwise. */
export function requestedParts(request: string): PartedRequest | undefined {
  const m = LIST_INTRO.exec(request);
  if (!m || m.index === 0) return undefined;
  const list = request.slice(m.index + m[0].length).replace(/[。！？!?]+$/, "");
  const labels = list
    .split(/[、，,；;]|以及|和|及|与|还有/)
    .map((l) => l.replace(/^(?:其|它的|它们的)/, "").replace(/(?:等|等方面|等内容|几个方面|方面|部分)$/, "").trim())
    .filter((l) => l.length >= 2);
  const parts: RequestedPart[] = [];
  for (const label of labels) {
    const kind = KINDS.find(([, re]) => re.test(label))?.[0];
    if (!kind) return undefined;
    if (!parts.some((p) => p.label === label)) parts.push({ label, kind });
  }
  if (parts.length < 2) return undefined;
  const topic = request.slice(0, m.index).trim();
  // "写一篇包括问题和建议的材料" names no topic to search for.
  if (topic.replace(DRAFTING, "").replace(GENRE, "").length < 2) return undefined;
  return { topic, parts };
}

import type { Chunk } from "../ingest/types.js";
import { innerHeadings } from "../ingest/parts.js";

/**
 * What part of a report a question asks for, when its wording says so.
 * Chinese work reports follow one plan — what was done, the problems, the
 * next steps, suggestions — under headings that name the part ("二、存在的
 * 主要问题", "四、下一步工作打算", "三、几点建议"). Staff ask for the part
 * in other words ("工作推进中遇到的主要困难", "有啥不足", "最突出的毛病"),
 * which share no keyword with the heading: the intent links them.
 */
export type SectionIntent = "problems" | "plans" | "suggestions";

const ASKS: Array<[SectionIntent, RegExp]> = [
  ["problems", /困难|难处|难点|难题|难在|头疼|头痛|痛点|症结|软肋|不足|短板|短处|毛病|局限|缺点|弊端|障碍|瓶颈|跟不上|卡在|存在(的)?(什么|哪些)?(主要)?问题|有(什么|哪些)问题|问题(是什么|有哪些|在哪)|\b(problems?|difficult(y|ies)|shortcomings?|weakness(es)?|challenges?|obstacles?|bottlenecks?)\b/i],
  ["plans", /下一步|打算|明年|今后|接下来|下阶段|下半年(要|将|准备)|\b(next steps?|plans?|next year)\b/i],
  ["suggestions", /建议|对策|意见和|\b(suggest(ions?)?|recommend(ations?)?|proposals?)\b/i],
];

/** The heading words that mark each part. */
const MARKS: Record<SectionIntent, RegExp> = {
  problems: /问题|困难|不足|短板|薄弱|差距|难点/,
  // Not 计划 or 思路 alone: "二、制定政府采购计划，按月统计上报" and "（一）创新思路提升产业发展" report what was done.
  plans: /下一步|打算|工作计划|工作思路|今后|明年|下阶段|展望/,
  suggestions: /建议|对策|意见/,
};

export function sectionIntent(question: string): SectionIntent | undefined {
  return ASKS.find(([, re]) => re.test(question))?.[0];
}

/** Whether a heading path (article title first) passes through a heading of the part an intent asks for. */
export function underHeading(headingPath: readonly string[], intent: SectionIntent): boolean {
  return headingPath.slice(1).some((h) => MARKS[intent].test(h));
}

/**
 * Whether a chunk sits in (or opens) the part of the report an intent asks
 * for: a heading on its path below the article title, or a numbered heading
 * at the start of its text ("四、存在的问题1.…", where the heading is inline).
 */
export function inSection(chunk: Chunk, intent: SectionIntent): boolean {
  const marks = MARKS[intent];
  if (underHeading(chunk.headingPath, intent)) return true;
  // A section packed into a chunk with its short neighbours ("五、…" then "六、…存在的主要问题").
  if (innerHeadings(chunk).some((h) => marks.test(h))) return true;
  const lead = /^[\s（(]*[一二三四五六七八九十\d]+[、.．)）]\s*([^。；，\n]{2,24})/.exec(chunk.text);
  return !!lead && marks.test(lead[1]!);
}


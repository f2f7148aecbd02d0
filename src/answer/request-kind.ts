import { toSimplified } from "../text/script.js";
import { asksForSource } from "./followup.js";

/**
 * What a message written in plain words asks for, when it comes without a
 * command (a mention in a group, a reply to the bot, a private chat, a line in
 * the terminal chat): a draft ("帮我写一段关于加强政务信息化建设的话"), which
 * document covers a topic ("哪份材料讲了市长质量奖？"), or, otherwise, an
 * answer. Commands (/ask, /draft, /find) say it themselves and are not read.
 */
export type RequestKind = "ask" | "draft" | "find";

const DOCUMENT = "(?:材料|文件|文档|文章|报告|资料|稿子)";
const WHICH_ONE = "(?:哪份|哪篇|哪个|哪些|哪一份|哪一篇|哪几份|哪几篇)";
const WHICH = `(?:${WHICH_ONE}|什么)`;

/** What a document is called at the end of "有没有…的调研报告？". */
const DOCUMENT_END = /(?:报告|材料|文章|总结|意见|方案|调查|调研|汇报|文件|文档|资料|介绍|样本|范文|要点|计划)(?:可以参考|可供参考|可参考)?[？?。！!]*$/;

const FIND = [
  // 哪份/哪篇 are asked of documents only: 哪份自评报告涉及… / 哪篇材料专门讲…
  /哪一?[份篇]|哪几[份篇]/,
  // Which document covers food safety? / In which report is …
  /^(?:which|what) (?:documents?|reports?|files?|materials?|articles?)\b|\b(?:in|from) which (?:document|report|file|article)\b/i,
  // 哪份材料讲了市长质量奖 / 哪些文件里提到过零报告 / 什么材料涉及政府采购
  new RegExp(`${WHICH}${DOCUMENT}(?:里|中|上|当中)?(?:有)?(?:讲|提|说|涉及|写|介绍|谈|论述|关于|是关于|有关)`),
  // 市长质量奖在哪份材料里 / 这段话出自哪篇文章
  new RegExp(`(?:在|出自|来自|见于)${WHICH}${DOCUMENT}`),
  // 有没有文件讲到零报告制度
  new RegExp(`^(?:有没有|有无|是否有)${DOCUMENT}(?:里|中)?(?:讲|提|说|涉及|写|介绍|谈|关于)`),
  // 讲市长质量奖的是哪份材料 (not "要带的是什么材料": a question about paperwork)
  new RegExp(`(?:是|为)${WHICH_ONE}${DOCUMENT}[？?。]*$`),
];

/** "再写一段…", "重新起草…": a further draft, often in reply to the first. */
const AGAIN = "(?:再|另|另外|重新)?";
const DRAFT = [
  // 帮我写一段… / 请起草… / 麻烦拟一份…
  new RegExp(`^(?:请|麻烦|劳驾)?你?${AGAIN}(?:帮我|帮忙|替我|给我|帮)${AGAIN}(?:写|起草|拟|拟写|草拟|撰写|整理)`),
  new RegExp(`^(?:请|麻烦)${AGAIN}(?:写|起草|拟|拟写|草拟|撰写)`),
  // 写一段… / 起草一篇… / 拟几句… / 再写一段…
  new RegExp(`^${AGAIN}(?:写|起草|拟|拟写|草拟|撰写)(?:一|两|几)?(?:段|篇|份|句|个|下)`),
  new RegExp(`^${AGAIN}(?:起草|草拟|撰写)`),
  /^(?:please )?(?:write|draft|compose) (?:a|an|one|some|me)\b/i,
];

/** A message that opens by pointing back at an earlier answer ("这一条…", "上面这段…", "刚才说的…"). */
const BACK_REFERENCE = /^(?:那么?|请问)?(?:这|那|上面的?|上述|刚才|前面的?)(?:这|那)?一?(?:条|段|句|个|些|项|点|句话|段话|内容|回答|答案|说的)|^(?:this|that|these|the above)\b/i;

export function requestKind(text: string): RequestKind {
  const t = toSimplified(text.normalize("NFKC")).trim();
  if (DRAFT.some((re) => re.test(t))) return "draft";
  // "这一条出自哪个文件？" asks about the answer it replies to: a follow-up question.
  if (BACK_REFERENCE.test(t)) return "ask";
  // "那是哪份材料说的？", "出自哪篇文章？": where the answer it follows came from, not a topic to find.
  if (asksForSource(t)) return "ask";
  if (FIND.some((re) => re.test(t))) return "find";
  // 有没有关于林长制工作完成情况的自评材料？
  if (/^(?:有没有|有无|是否有)/.test(t) && DOCUMENT_END.test(t)) return "find";
  return "ask";
}

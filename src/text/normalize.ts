import { toHalfWidthAscii, toSimplified } from "./script.js";
import { normalizePunctuation, removeCjkSpaces } from "../ingest/clean/spaces.js";
import { stripPinyin } from "../ingest/clean/pinyin.js";

/**
 * Questions are cleaned like documents (same conversion, spaces and
 * punctuation rules), then the conversational filler that carries no content
 * is dropped, so "請問一下，零報告制度是怎麼規定的？" and "零报告制度" meet
 * the same index terms.
 */
const FILLER = [
  /^(请问|请教|麻烦|劳驾)(一下)?[，,：:\s]*/,
  /^(帮我|帮忙|给我|替我)?(查|找|搜|看)(一下|一查|一找)?[，,：:\s]*/,
  /^(我想|我要|想)(知道|了解|问|问问|查)(一下)?[，,：:\s]*/,
  /^(能否|能不能|可以|可否)(告诉我|说说|讲讲|介绍一下)[，,：:\s]*/,
  /^(告诉我|说说|讲讲|介绍一下)[，,：:\s]*/,
  /^(哪份|哪篇|哪个|哪些|哪一份|哪一篇)(材料|文件|文档|文章|报告|资料)?(里|中)?(?:(?:讲到|提到|写到|说到|谈到|涉及|是关于|介绍|有)(?:了|过)?|(?:讲|提|写|说|谈)(?:了|过))?[，,：:\s]*/,
  // The same asked at the end: "美国城市管理的案例在哪份材料里？", "讲市长质量奖的是哪份材料".
  /(是)?(在|出自|来自|见于)(哪份|哪篇|哪个|哪些|哪一份|哪一篇|什么)(材料|文件|文档|文章|报告|资料)(里|中|上|当中)?(讲|提|说|写|谈)?(的|到|过|了)?(呢|吗)?[？?]*$/,
  /^(讲|讲到|提到|涉及|介绍|写)(了|到|过)?(?=[^，,。]+的(是|为)(哪份|哪篇|哪个|哪一份|哪一篇)(材料|文件|文档|文章|报告|资料))/,
  /的?(是|为)(哪份|哪篇|哪个|哪一份|哪一篇)(材料|文件|文档|文章|报告|资料)(呢)?[？?]*$/,
  /^(有没有|有无|是否有)(关于|讲|介绍)?/,
  // A pasted passage: "下面这段话出自哪份材料：…", "这句话是哪个文件里的：…", "“…”这句话出自哪里？" → the passage.
  /^(下面|以下|下列)?(这|那)?(一?段话|一?句话|段文字|段内容)(是)?(出自|来自|摘自|引自|选自)(哪份|哪篇|哪个|哪一份|哪一篇|什么|哪里|哪儿|何处)?(材料|文件|文档|文章|报告|资料)?(里|中)?(的)?[？?：:，,\s]*/,
  /^(下面|以下|下列)?(这|那)(一?段话|一?句话|段文字|段内容)(是)?(哪份|哪篇|哪个|哪一份|哪一篇|什么)(材料|文件|文档|文章|报告|资料)(里|中)?(的)?[？?：:，,\s]*/,
  /[”"](这|那)(一?句话?|一?段话?|段文字)(是)?(出自|来自|摘自|引自|选自|在)(哪里|哪儿|何处|哪份|哪篇|哪个|哪一份|哪一篇|什么)(材料|文件|文档|文章|报告|资料)?(里|中)?(的)?(呢)?[？?]*$/,
  // "Which document covers food safety in schools?" / "Is there a report on …": the topic.
  /^(which|what) (documents?|reports?|files?|materials?|articles?) (covers?|discuss(es)?|mentions?|talks? about|(is|are) about|deals? with|describes?|contains?)\s+/i,
  /^(is|are) there (any |a |an )?(documents?|reports?|files?|materials?|articles?) (on|about|covering|discussing|that covers?|that discuss(es)?)\s+/i,
  // Drafting requests: "帮我写一段关于加强政务信息化建设的话" → the topic.
  /^(请|麻烦)?(帮我|帮忙|替我|给我)?(写|起草|拟|草拟|撰写|整理)(一段|一篇|一份|几句|一下|段)?(关于|有关)?/,
  /(方面)?的(话|文字|段落|内容|稿子|表述|论述|说法|句子|提法)$/,
  /[，,]?(谢谢|多谢|感谢)[!！。]*$/,
  // "有没有关于住房公积金缴存的文件" asks for documents about the topic: the topic is what is searched.
  /的(文件|材料|文档|资料|文章)(吗|呢)?[？?]*$/,
];

export function normalizeText(text: string): string {
  return normalizePunctuation(removeCjkSpaces(toSimplified(stripPinyin(toHalfWidthAscii(text.normalize("NFKC").replace(/[\u0000-\u001F\u007F]/g, " "))))));
}

/** Spoken forms documents do not write: "礼拜二" is 周二 in a report. */
const SPOKEN: Array<[RegExp, string]> = [[/礼拜([一二三四五六日天几])/g, "周$1"]];

export function normalizeQuery(query: string): string {
  let q = SPOKEN.reduce((text, [re, written]) => text.replace(re, written), normalizeText(query).trim());
  for (let changed = true; changed; ) {
    changed = false;
    for (const re of FILLER) {
      const next = q.replace(re, "");
      if (next !== q && next.trim()) {
        q = next.trim();
        changed = true;
      }
    }
  }
  return q.replace(/[？?！!。.\s]+$/, "").trim();
}

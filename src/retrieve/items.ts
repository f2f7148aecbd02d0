/**
 * Questions that ask for the items of a group the documents count or name by
 * a number ("那5家商混站都叫什么名字", "“两审三控”具体是哪两审、哪三控",
 * "那17项内容各占多少分"). A passage answers one only if it lists the items
 * where it mentions the group ("评选出一等奖2个，鲁城街道、时庄镇",
 * "“七步法”：一是…", "引项目、办实事、提建议、定规划等17项内容"); one that
 * only mentions it ("对未取得相关资质的5家商混站进行了拆除") does not.
 */

import { numeralValue } from "../text/numerals.js";
import { toHalfWidthAscii } from "../text/script.js";

/** What a question asks the items of: the group's name, and whether it asks a figure for each item. */
export interface ItemsAsked {
  /** The group as the documents would write its name: a quoted term ("两审三控") or the thing counted ("商混站"). */
  group: string;
  /** Whether it asks a figure for each item ("各占多少分", "分别摊多少"), not only what they are. */
  figures: boolean;
  /** How many items the question says the group has ("那5家商混站" 5, "3个一等奖" 3), when it says. */
  count?: number;
}

/** A number in digits ("5", "3.32") or Chinese numerals ("两", "十七"). */
const NUMERAL = "[0-9０-９]+(?:\\.[0-9]+)?|[一二两三四五六七八九十百]+";
const CLASSIFIER = "个|家|项|条|所|名|位|座|处|类|种|批|起|件|步|方面";
/** A quoted term that holds a number ("两审三控", "三小", "五勤", "七步法", "四个留下"). */
const QUOTED = /[“"「『]([^”"」』]{2,12})[”"」』]/g;
const HAS_NUMERAL = new RegExp(NUMERAL);
/** Right after a quoted term, asking what it stands for ("“三小”指的是哪三小", "“两审三控”，具体是哪两审", "“五勤”都是哪五个"). */
const ASKED_OF_TERM = /^[，,]?(具体|都|分别)?(是|指|为|包括|有)?(指的是|是指)?(哪|什么|啥)/;
/** Anywhere in its clause, asking by the term's own numeral ("“七步法”工作常规包括哪七个步骤"). */
const WHICH_NUMBERED = /^[^，,。；;？?]*哪[一两二三四五六七八九十]/;
/** A counted group: a number, its classifier, and two to five characters of what is counted ("5家商混站", "3个一等奖", "17项内容"). */
const COUNTED = new RegExp(`(?:${NUMERAL})(?:${CLASSIFIER})(?:的)?([\\u4e00-\\u9fa5]{2,5}?)(?=[里中内，,？?的都具分各]|$|是|叫|有)`, "g");
/**
 * After a counted group, in its clause or in the next when the group ends one, asking what the items are ("具体是哪几个项目",
 * "都叫什么名字", "分别是哪几家", "各占多少分", "那17项内容，每一项各占多少分", "那4家企业，最后哪家评上了").
 */
const ASKED_OF_COUNT = /^[，,]?[^，,。；;？?]*?((具体|分别|都)(是|有|指|叫|为)?(哪|什么|啥)|哪几|哪(家|个|所|位|项|条|名)|都叫什么|叫什么名字|(各|分别|每个|每项|每家)[^，,。；;？?]{0,8}(多少|几))/;
/** Asking a figure for each item ("各占多少分", "各个县分别摊多少", "分别是多少"). */
const EACH_FIGURE = /(各|分别|每个|每项|每家)[^，。？?！!；;]{0,8}(多少|几)/;

/** The group a question asks the items of, or undefined when it asks no such thing. */
export function itemsAsked(question: string): ItemsAsked | undefined {
  const figures = EACH_FIGURE.test(question);
  for (const m of question.matchAll(QUOTED)) {
    const after = question.slice(m.index + m[0].length);
    if (HAS_NUMERAL.test(m[1]!) && (ASKED_OF_TERM.test(after) || WHICH_NUMBERED.test(after))) return { group: m[1]!, figures };
  }
  for (const m of question.matchAll(COUNTED)) {
    if (!ASKED_OF_COUNT.test(question.slice(m.index + m[0].length))) continue;
    const count = countValue(m[0]);
    return count === undefined ? { group: m[1]!, figures } : { group: m[1]!, figures, count };
  }
  return undefined;
}

/** The value of the number a count starts with ("5家" 5, "三个" 3, "十七项" 17). */
function countValue(counted: string): number | undefined {
  const numeral = new RegExp(`^(?:${NUMERAL})`).exec(counted)?.[0];
  if (numeral === undefined) return undefined;
  return /^[0-9０-９]/.test(numeral) ? Number(toHalfWidthAscii(numeral)) : numeralValue(numeral);
}

/** A count written right after a group's name ("一等奖2个") or right before it ("3项一等奖", "5家的商混站"). */
const COUNT_AFTER = new RegExp(`^(?:${NUMERAL})(?=${CLASSIFIER})`);
const COUNT_BEFORE = new RegExp(`(?:${NUMERAL})(?=(?:${CLASSIFIER})的?$)`);

/**
 * Whether the group named at `at` is counted there with another number than the question's: "一等奖2个，鲁城街道、时庄镇"
 * lists another award's first prizes than "3个一等奖" asks of.
 */
function countedOtherwise(flat: string, at: number, asked: ItemsAsked): boolean {
  if (asked.count === undefined) return false;
  const stated = COUNT_AFTER.exec(flat.slice(at + asked.group.length))?.[0] ?? COUNT_BEFORE.exec(flat.slice(Math.max(0, at - 8), at))?.[0];
  const value = stated === undefined ? undefined : countValue(stated);
  return value !== undefined && value !== asked.count;
}

const COUNT_OF = `(?:(?:${NUMERAL})(?:${CLASSIFIER})?)`;
/** What may stand between a group's mention and its list: a count ("一等奖2个，"), a closing quote, a joining word ("：", "即", "分别是"). */
const JOIN = new RegExp(`^[”"」』]?${COUNT_OF}?[）)]?(?:[，,：:（(]|即|是指|指的是|分别(?:是|为)|包括|有|为)+`);
/** Items set out in order from the first ("一是…", "第一步…", "（一）…", "1.…", "首先…"), possibly after the sentence ends ("做到“五勤”。一是脑勤。"). */
const ORDERED = new RegExp(`^[”"」』]?${COUNT_OF}?[^。；;]{0,4}[。：:，,]?(一是|第一|[（(]一[）)]|一、|1[.、．]|首先)`);
/** Items listed and counted in the sentence that mentions the group, after it ("“七步法”工作常规，明确申报备案、团队分工、…等七个挂牌督导工作步骤"). */
const COUNTED_LIST_AFTER = new RegExp(`^[^。；;]{0,60}?[^、，,。；;]{1,15}、[^。；;]{1,100}?等${COUNT_OF}`);
/** Items listed and counted right before the group ("引项目、办实事、提建议、定规划等17项内容", "…等七个挂牌督导工作步骤"). */
const LIST_BEFORE = new RegExp(`([^。；;，,：:]{0,80})等${COUNT_OF}?[\\u4e00-\\u9fa5]{0,6}$`);
/** Items listed right before the group's name, which sums them up ("统一原料、统一生产工艺、…、统一散酒配送(即“九统一”)"). */
const LIST_NAMED_AFTER = /([^。；;：:]{0,150})[（(]?(?:即|简称|统称|合称|也就是)[“"「『]?$/;
/** A figure in a list ("40分", "15%", "壹万元"). */
const FIGURE = /\d+|[一二三四五六七八九十百千万壹贰叁肆伍陆柒捌玖拾佰仟]+(?=[分元万亿%个家项人])/g;
/** One figure said of each item ("各奖壹万元"). */
const EACH_STATED = new RegExp(`各[\u4e00-\u9fa5]{0,3}?(${FIGURE.source})`);

/** Whether a list gives a figure for each item: two figures or more, or one said of each. */
function figuresEach(list: string): boolean {
  return (list.match(FIGURE)?.length ?? 0) >= 2 || EACH_STATED.test(list);
}

/** Whether `text` lists the group's items where it mentions it (with a figure each, when `figures`); false when it only mentions the group. */
export function itemsListed(text: string, asked: ItemsAsked): boolean {
  const flat = text.replace(/\s+/g, "");
  for (let at = flat.indexOf(asked.group); at >= 0; at = flat.indexOf(asked.group, at + 1)) {
    if (countedOtherwise(flat, at, asked)) continue;
    const rest = flat.slice(at + asked.group.length);
    const lists: string[] = [];
    const joined = JOIN.exec(rest);
    if (joined) {
      const first = /^[^。；;]{0,80}/.exec(rest.slice(joined[0].length))![0];
      if (first.split(/[，,]/)[0]!.includes("、")) lists.push(first);
    }
    if (ORDERED.test(rest)) lists.push(rest.slice(0, 200));
    const after = COUNTED_LIST_AFTER.exec(rest);
    if (after) lists.push(after[0]);
    const before = LIST_BEFORE.exec(flat.slice(Math.max(0, at - 100), at))?.[1];
    if (before?.includes("、")) lists.push(before);
    const named = LIST_NAMED_AFTER.exec(flat.slice(Math.max(0, at - 160), at))?.[1];
    if (named?.includes("、")) lists.push(named);
    if (lists.some((list) => !asked.figures || figuresEach(list))) return true;
  }
  return false;
}

/** Whether `text` mentions the group at all. */
export function mentionsGroup(text: string, asked: ItemsAsked): boolean {
  return text.replace(/\s+/g, "").includes(asked.group);
}

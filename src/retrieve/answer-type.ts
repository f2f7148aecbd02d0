/**
 * What kind of answer a question asks for, when the wording says so: an
 * amount of money ("多少钱", "票价"), a time ("什么时候"), a rate or share
 * ("比例", "占比"). A passage that could answer it must state one: a
 * question about the corpus's topic that asks for a figure the documents
 * never give (the retail price of a product they describe, a subsidy they
 * mention without its amount) is then recognised as not answered, which
 * keyword relevance alone cannot tell.
 */
export type AnswerType = "money" | "time" | "rate";

const ASKS: Array<[AnswerType, RegExp]> = [
  ["money", /多少钱|多少元|几元|票价|价格是|价钱|卖多少|收费标准|多少万元|多少亿元|金额是?多少|补贴多少|发多少|\bhow much (money|does it cost|is the fee)\b|\b(fee|price|cost|allowance|fare|subsidy)\b.*\b(is|are|was|were)\b|\bwhat (is|are|was|were) the (\w+ )*(fee|price|cost|allowance|fare|subsidy)s?\b/i],
  ["time", /什么时候|何时|哪一天|哪天|几月几[日号]|几号|^when (did|does|do|will|is|was|are|were|should)\b/i],
  ["rate", /比例|比率|百分之|占比|多少%|百分比|\b(what|which) (\w+ )?(rate|percentage|proportion|share)\b/i],
];

const SUPPLIES: Record<AnswerType, RegExp> = {
  money: /\d[\d,.]*\s*(多)?(万|亿)?(美)?元|[一二三四五六七八九十百千万亿两]+(多)?(万|亿)?元|\d[\d,.]*\s*(多)?[万亿]|美金|元\/|元每/,
  time: /\d{1,2}月|\d{4}年|[一二三四五六七八九十]+月|\d{1,2}日|年底|年初|年内|月底|月初|上半年|下半年|季度|每年|每月|每周|\d+(个)?(小时|分钟|天|日|周)内/,
  rate: /\d[\d,.]*\s*[%％]|百分之|比例|[一二三四五六七八九]成|\d+分之|[一二三四五六七八九十]分之/,
};

/** What each kind of figure is called in a reply ("没有给出所问的金额"). */
export const FIGURE_NAMES: Record<AnswerType, string> = { money: "金额", time: "时间", rate: "比例" };

export function expectedAnswer(question: string): AnswerType | undefined {
  return ASKS.find(([, re]) => re.test(question))?.[0];
}

export function suppliesAnswer(text: string, type: AnswerType): boolean {
  return SUPPLIES[type].test(text);
}

/**
 * 著 that simplified Chinese writes 着. Traditional text writes 著 for every
 * reading; simplified keeps 著 only for zhù ("write; notable": 著作, 著名,
 * 显著, 卓著, 编著) and writes 着 for the rest: the aspect particle after a
 * verb (随着, 意味着, 有着, 存在着, 制约着, 围绕着) and zhuó/zháo (着力, 着手,
 * 着眼, 着落). opencc-js's t→cn leaves 著 as it is ("随著中国电子政务");
 * its tw→cn turns every 著 into 着, 显著 and 卓著 included. So, in a line
 * converted from traditional, 著 becomes 着 unless it makes a zhù word with
 * a neighbour. Text that was simplified already keeps its 著, which is zhù
 * there.
 */

/** Characters before 著 in words of zhù: 显著, 卓著, 昭著, 编著, 名著, 原著, 专著, 论著, 合著, 土著, 所著 … */
const ZHU_AFTER = "显卓昭彰编名原巨专论遗译合土撰拙杰新所";
/** Characters after 著 in words of zhù: 著名, 著作, 著称, 著述, 著录, 著书, 著者, 著有 (has written). */
const ZHU_BEFORE = "名作称述录书者有";
const ZHU = new RegExp(`(?<=[${ZHU_AFTER}])著|著(?=[${ZHU_BEFORE}])`, "g");
/** 著 after a character (a verb, or a preposition made of one: 随着, 本着) or opening a word of zhuó/zháo. */
const ZHE = /(?<=[\u3400-\u9fff])著|著(?=[力手眼落重想陆装迷急实意墨色])/g;

export function simplifiedZhe(line: string): string {
  if (!line.includes("著")) return line;
  // Words of zhù are set aside first: 显著 stays, though 著 follows a character there.
  const zhu: number[] = [];
  for (const m of line.matchAll(ZHU)) zhu.push(m.index);
  return line.replace(ZHE, (m, offset: number) => (zhu.includes(offset) ? m : "着"));
}

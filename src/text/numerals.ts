/**
 * Quantities a question writes in Chinese numerals that the documents write
 * in digits: "收入过百亿" → "100亿" (the report says "过100亿元"), "前八个月"
 * → "8个", "上百户" → "100户". Only a numeral that counts something (before
 * 万/亿 or a measure word) and is at least two; 一 alone is an article as often
 * as a number (一批, 一项), and a numeral after 几/数/十几 is an estimate
 * (几千家 is not 1000家).
 */
const DIGIT: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const POWER: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** What a quantity is counted in: the units the documents write after a figure. */
const MEASURE = "个|家|条|件|名|人|户|次|项|所|座|批|篇|场|位|台|份|亩|吨|辆|处|期|元|年|天|月|周|小时|分钟|公里|平方米|万|亿";
const QUANTITY = new RegExp(`(?<![几数多第一二两三四五六七八九十百千万亿\\d])([〇零一二两三四五六七八九十百千]+)(?=多?(?:${MEASURE}))`, "g");

/** The magnitudes that group a numeral's digits, largest first. */
const MAGNITUDE: [string, number][] = [["亿", 1e8], ["万", 1e4]];

/**
 * The value of a numeral ("百" 100, "三千" 3000, "十五" 15, "二十" 20, "一百零五"
 * 105, "三万" 30000, "二十三亿五千万" 2350000000, and the spoken "三千五" 3500
 * and "三万五" 35000), or undefined when it is not one ("二二").
 */
export function numeralValue(s: string): number | undefined {
  for (const [mark, scale] of MAGNITUDE) {
    const at = s.indexOf(mark);
    if (at < 0) continue;
    const high = at === 0 ? 1 : numeralValue(s.slice(0, at));
    const rest = s.slice(at + 1);
    if (high === undefined) return undefined;
    if (rest === "") return high * scale;
    // A lone digit after 万 or 亿 counts in the next power down, as after 百 or 千.
    if (rest in DIGIT && DIGIT[rest] !== 0) return high * scale + DIGIT[rest]! * (scale / 10);
    const low = numeralValue(rest.replace(/^[零〇]/, ""));
    return low === undefined || low >= scale ? undefined : high * scale + low;
  }
  return belowTenThousand(s);
}

/** The value of a numeral below 万, or undefined when it is not one. */
function belowTenThousand(s: string): number | undefined {
  let total = 0;
  let digit: number | undefined;
  let lastPower = Infinity;
  let zero = false;
  for (const ch of s) {
    if (ch === "零" || ch === "〇") {
      zero = true;
    } else if (ch in DIGIT) {
      if (digit !== undefined) return undefined; // two digits in a row: not a number written out
      digit = DIGIT[ch]!;
    } else {
      const p = POWER[ch]!;
      if (p >= lastPower) return undefined;
      total += (digit ?? 1) * p;
      digit = undefined;
      lastPower = p;
      zero = false;
    }
  }
  if (digit === undefined) return total;
  // "三千五" is 3500: a last digit straight after 百 or 千 counts in the next power down.
  return total + (!zero && lastPower >= 100 && lastPower !== Infinity ? digit * (lastPower / 10) : digit);
}

/** A measure word (after an optional 多) at the start of a text. */
const UNIT_AFTER = new RegExp(`^多?(${MEASURE})`);

/** The quantities `text` writes in Chinese numerals, two or more: their value, where the numeral starts and where it ends. */
function* quantities(text: string): Generator<{ value: number; start: number; end: number }> {
  for (const m of text.matchAll(QUANTITY)) {
    const value = numeralValue(m[1]!);
    if (value === undefined || value < 2) continue;
    yield { value, start: m.index!, end: m.index! + m[1]!.length };
  }
}

/** The digit forms of the quantities `text` writes in Chinese numerals, with their unit ("100亿", "8个"). */
export function numeralVariants(text: string): string[] {
  const out: string[] = [];
  for (const { value, end } of quantities(text)) out.push(`${value}${UNIT_AFTER.exec(text.slice(end))![1]!}`);
  return [...new Set(out)];
}

/**
 * The text with its quantities in Chinese numerals written in digits ("超过一百亿的企业" → "超过100亿的企业"):
 * how a question is judged relevant when the documents write its figures in digits.
 */
export function inDigits(text: string): string {
  let out = "";
  let at = 0;
  for (const { value, start, end } of quantities(text)) {
    out += text.slice(at, start) + String(value);
    at = end;
  }
  return out + text.slice(at);
}

/**
 * The values of the quantities a sentence states in Chinese numerals, as a
 * reply's claim is checked against the digits of a passage ("一百五十名" →
 * 150, "三十六万元" → 36, "百分之三十" → "30%"). Only exact figures: not one
 * after 近/约/逾/超/上/过 or before 多 ("近百家" may be 98), and, as in
 * `numeralVariants`, not 一 alone nor an estimate after 几/数.
 */
export function statedNumerals(text: string): string[] {
  const out: string[] = [];
  for (const { value, start, end } of quantities(text)) {
    if (/[近约逾超上过]/.test(text[start - 1] ?? "") || text[end] === "多") continue;
    out.push(String(value));
  }
  for (const m of text.matchAll(/百分之([〇零一二两三四五六七八九十]+)/g)) {
    const value = numeralValue(m[1]!);
    if (value !== undefined) out.push(`${value}%`);
  }
  return [...new Set(out)];
}

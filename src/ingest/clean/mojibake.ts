import iconv from "iconv-lite";
import { pinyin } from "pinyin-pro";
import { isPinyinSyllable, stripPinyin } from "./pinyin.js";
import { toSimplified } from "../../text/script.js";
import { wordFrequency } from "../../text/tokenize.js";

/**
 * Mojibake from GBK bytes read one byte out of step.
 *
 * The scraper that produced the seeds decoded some headings starting one byte
 * early, so "（一）" (A3A8 D2BB A3A9) was read as A1A3 A8D2 BBA3 … and came
 * out as "。ㄒ唬", followed by more garbage until an ASCII byte put the
 * decoder back in step. Re-encoding the garbled run as GBK and decoding it
 * again without its first byte recovers the original text. Where the step
 * swallowed the second byte of a character, only its first byte survives;
 * when a pinyin annotation follows ("┛(jī)" for 績(jī)), the character is
 * recovered from the readings the same document gives elsewhere.
 */

/** Characters from GBK rows that real text in this corpus never starts with. */
const GARBAGE = /[\u3105-\u3129\u2500-\u257F\u2FF0-\u2FFB\u00E0-\u00FC\u0100-\u01DC\u02C9-\u02D9\uE000-\uF8FF\u4DC0-\u4DFF]/;
const GARBAGE_G = new RegExp(GARBAGE.source, "g");
/** A pinyin syllable of an annotation, as the converter wrote them. */
const SYLLABLE = "[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüê]{1,7}";
const ANNOTATION_AT = new RegExp(`^\\((${SYLLABLE})\\)`);
const NUMERALS = /^（([一二三四五六七八九十]{1,3})(?!）)/;

export interface MojibakeRepair {
  text: string;
  /** The garbled text that was replaced, when a repair happened. */
  garbled?: string;
}

export function looksLikeShiftedGbk(line: string): boolean {
  return line.startsWith("。") && GARBAGE.test(line.slice(1, 3));
}

const pairsOf = new Map<string, [lead: number, trail: number] | undefined>();

/** The two GBK bytes of a character (undefined for one that is not a two-byte GBK character). */
function gbkPair(char: string): [lead: number, trail: number] | undefined {
  if (pairsOf.has(char)) return pairsOf.get(char);
  const bytes = iconv.encode(char, "gbk");
  const pair: [number, number] | undefined = bytes.length === 2 ? [bytes[0]!, bytes[1]!] : undefined;
  pairsOf.set(char, pair);
  return pair;
}

/** "。2)評審" is "（2）評審": the second byte of "（" and the "2" made no GBK character and the pair was dropped. */
const SHIFTED_NUMBER = /^。(\d{1,2})\)/;

/**
 * @param readings syllable → characters annotated with it in the same document
 */
export function repairShiftedGbk(line: string, readings: ReadonlyMap<string, ReadonlySet<string>>, pairs?: DocumentPairs): MojibakeRepair {
  const num = SHIFTED_NUMBER.exec(line);
  if (num) return { text: `（${num[1]}）${line.slice(num[0].length)}`, garbled: num[0] };
  if (!looksLikeShiftedGbk(line)) return { text: line };
  // The run ends where the first pinyin annotation starts: the "(" is ASCII, so
  // the original decoder was back in step from there at the latest.
  let end = line.length;
  for (let i = 1; i < line.length; i++) {
    if (line[i] !== "(") continue;
    const m = ANNOTATION_AT.exec(line.slice(i));
    if (m && isPinyinSyllable(m[1]!)) {
      end = i;
      break;
    }
  }
  const run = line.slice(0, end);
  const rest = line.slice(end);
  const bytes = iconv.encode(run, "gbk").subarray(1);
  let out = "";
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    if (b < 0x80) {
      out += String.fromCharCode(b);
      i += 1;
      continue;
    }
    const t = bytes[i + 1];
    if (t !== undefined && t >= 0x40 && t <= 0xfe && t !== 0x7f) {
      const ch = iconv.decode(bytes.subarray(i, i + 2), "gbk");
      if (ch !== "\uFFFD" && !GARBAGE.test(ch)) out += ch;
      i += 2;
      continue;
    }
    // A lead byte whose second byte was lost.
    out += recoverLead(b, i + 1 >= bytes.length ? rest : "", readings, out);
    i += 1;
  }
  // "（五" whose closing bracket went with the lost byte.
  out = out.replace(NUMERALS, "（$1）");
  out = out.replace(GARBAGE_G, "");
  if (pairs) out = restoreDroppedPairs(out, 0, pairs);
  return { text: out + rest, garbled: run };
}

function recoverLead(lead: number, following: string, readings: ReadonlyMap<string, ReadonlySet<string>>, sofar: string): string {
  const m = ANNOTATION_AT.exec(following);
  if (m) {
    const candidates = [...(readings.get(m[1]!) ?? [])].filter((c) => gbkPair(c)?.[0] === lead);
    if (candidates.length >= 1) return candidates[0]!;
  }
  // Row A3 holds full-width punctuation; after "（一" it can only be the closing bracket.
  if (lead === 0xa3 && /^（[一二三四五六七八九十]{1,3}$/.test(sofar)) return "）";
  return "";
}

/**
 * The same fault inside lines: after a byte is swallowed (often the "(" of a
 * pinyin annotation, leaving "?" and the reading), the text reads one byte
 * out of step until the next ASCII character: "蓖趵谠诮邮堋吨" for
 * "王磊在接受《中", "旖ㄔO" for "建設". Such a run is full of characters the
 * rest of the document never uses. Each run of non-ASCII text holding such
 * characters is decoded again in step (from its first rare character, or the
 * one before); the result is kept when it reads like the rest of the document
 * (its characters are common there), and the remnant "?reading)" is dropped.
 */
export type CharFrequency = ReadonlyMap<string, number>;

export function charFrequency(text: string): Map<string, number> {
  const f = new Map<string, number>();
  for (const ch of text) if (ch.charCodeAt(0) > 0x2e7f) f.set(ch, (f.get(ch) ?? 0) + 1);
  return f;
}

const IDEOGRAPH = /[\u3400-\u9FFF]/;

/** Mean log-frequency of the characters of `s` in the document; lower = less like the document. */
export function plausibility(s: string, freq: CharFrequency): number {
  const chars = [...s].filter((c) => IDEOGRAPH.test(c));
  if (chars.length === 0) return 0;
  return chars.reduce((sum, c) => sum + Math.log(1 + (freq.get(c) ?? 0)), 0) / chars.length;
}

const RARE = 2;
/** How often jieba's dictionary counts a word for it to be a common one, and a word at all (not a chance entry). */
const COMMON_WORD = 1000;
const KNOWN_WORD = 50;
const REMNANT = /\?[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}\)/g;
const REMNANT_END = new RegExp(`${REMNANT.source}$`);

function decodeInStep(s: string): string {
  return iconv.decode(iconv.encode(s, "gbk").subarray(1), "gbk").replace(/\uFFFD/g, "").replace(GARBAGE_G, "");
}

export function repairShiftedRuns(line: string, freq: CharFrequency, pairs?: DocumentPairs): { text: string; repaired: number } {
  let repaired = 0;
  // A run of non-ASCII text, with the ASCII character after it that may be a swallowed trail byte (a letter, or a sign from 0x40–0x7E: "比較" out of step ends "…诒容^"; not "_" or "|", which scraped text uses for blanks and rules).
  // A "?" after the run (not a remnant's "?reading)") is its last character's second byte, which the scraper
  // could not decode with the ASCII character after it ("等措施" out of step ends "…却胧?").
  const text = line.replace(RUN_AND_TRAIL, (whole, run: string, trail: string, offset: number) => {
    const lostPair = trail === "?";
    const chars = [...run];
    const rare = chars.map((c) => GARBAGE.test(c) || (IDEOGRAPH.test(c) && (freq.get(c) ?? 0) <= RARE));
    // Right after what is left of a swallowed annotation ("?guī)"), the text is out of step for sure: one rare character will do.
    const remnant = REMNANT_END.exec(line.slice(Math.max(0, offset - 9), offset));
    const afterRemnant = remnant !== null;
    if (rare.filter(Boolean).length < (afterRemnant ? 1 : 2)) return whole;
    const first = rare.indexOf(true);
    // Text read out of step is almost all characters the document never uses;
    // where common ones are mixed in ("遥少弳挝患安少忁" for "購單位及采購辦"),
    // reading it in step must make it far more like the document (mean
    // log-frequency up by 2; by 0.9 for a run mostly of rare characters:
    // "按骞枚枷爰藿o" → "村姑都想嫁給", 1.13 → 2.12, where 姑 and 嫁 are rare too).
    const rareTail = rare.slice(first);
    const rareShare = rareTail.filter(Boolean).length / rareTail.length;
    if (rareShare < 0.4) return whole;
    const before = plausibility(run, freq);
    let best: { text: string; score: number; from: number; start: number } | undefined;
    for (const start of [first - 1, first]) {
      if (start < 0) continue;
      const head = chars.slice(0, start).join("");
      const tail = chars.slice(start).join("") + (lostPair ? "" : trail);
      const fixed = decodeInStep(tail);
      // Read in step, n characters stay about n characters; real text that is
      // merely rare (a place name) decodes to little or nothing.
      const kept = [...fixed].filter((c) => IDEOGRAPH.test(c)).length;
      const had = [...tail].filter((c) => IDEOGRAPH.test(c)).length;
      if (kept < Math.max(1, had * 0.6 - 1)) continue;
      const candidate = head + fixed;
      const score = plausibility(candidate, freq);
      if (!best || score > best.score) best = { text: candidate, score, from: head.length, start };
    }
    if (best && best.score > before + (afterRemnant ? 0 : rareShare < 0.6 ? 2 : 0.9)) {
      repaired++;
      const cut = lostPair ? lostAtEnd(chars.slice(best.start).join(""), best.text, pairs) : "";
      if (!pairs) return best.text + cut;
      // Judged without them, so that joining pairs never makes a wrong reading look right.
      const lost = remnant && best.from === 0 ? lostBeforeRun(charBefore(line.slice(0, offset - remnant[0].length)), remnant[0].slice(1, -1), chars[0]!, best.text, pairs) : "";
      return lost + restoreDroppedPairs(best.text, best.from, pairs) + cut;
    }
    return whole;
  });
  // "?reading)" is never text: it is what is left of an annotation whose "(" was swallowed.
  const cleaned = text.replace(REMNANT, "");
  return { text: cleaned, repaired: repaired + (cleaned !== text ? 1 : 0) };
}

const RUN_AND_TRAIL = new RegExp(`([^\\x00-\\x7f]+)([A-Za-z0-9@[\\\\\\]^\`{}~]|\\?(?!${SYLLABLE}\\))|)`, "g");

/**
 * What a "?" after a run read out of step stands for: the character whose
 * first byte ends the run, its second byte lost where the decoder could not
 * read it with the ASCII character that follows. The character is the one
 * of the document with that first byte that makes a common word with the
 * character before it (却胧 is C8 B4 EB CA; in step, B4 EB is 措 and CA
 * starts 施: "等措施"; "相当的效果", "不当采购行为"), else "□". Either way
 * the "?" is no question mark to end a sentence at.
 */
function lostAtEnd(shifted: string, decoded: string, pairs: DocumentPairs | undefined): string {
  const bytes = iconv.encode(shifted, "gbk");
  const lead = bytes[bytes.length - 1]!;
  const before = [...decoded].pop() ?? "";
  const found = lead >= 0x81 && IDEOGRAPH.test(before) ? pairs?.withLead(lead, before, "", true) : undefined;
  return found ?? LOST_MARK;
}

/**
 * The character an annotation's remnant swallowed, right before a run read in
 * step again (`before` is the character before the remnant): the run's first
 * byte, dropped to read it in step, is that character's second byte
 * ("能夠?qū)崟r(shí)": 崟 is 8D 95, 實 is 8C 8D, 時 95 72).
 *
 * Its first byte is told by the remnant: the converter read the second byte
 * of the character before and the first byte of the lost one as a character
 * and wrote that one's reading ("能夠?qū)": 夠 is 89 F2, and F2 8C is 驅, qū;
 * so the lost character starts with 8C). Where the remnant's reading makes
 * more than one first byte possible, the one that makes a character of the
 * document wins. Failing that, the document's character with that second
 * byte that makes a word with the character before the remnant or the run's
 * first (實時), if one does. A character neither finds is marked "□", never
 * dropped unseen ("每兩周" must not become "每周").
 */
export const LOST_MARK = "□";

function lostBeforeRun(before: string, syllable: string, firstChar: string, decoded: string, pairs: DocumentPairs): string {
  const pair = gbkPair(firstChar);
  if (!pair) return LOST_MARK;
  const told = readFirstByte(before, syllable, pair[0]);
  if (told.length === 1) return told[0]!;
  const inDocument = told.filter((c) => pairs.uses(c));
  if (inDocument.length === 1) return inDocument[0]!;
  const byWord = bestByWord(told, IDEOGRAPH.test(before) ? before : "", [...decoded][0] ?? "");
  if (byWord) return byWord;
  return pairs.withTrail(pair[0], IDEOGRAPH.test(before) ? before : "", [...decoded][0] ?? "", true) ?? LOST_MARK;
}

/** The candidate that makes the word jieba's dictionary counts most often with a neighbour, at least twice as often as any other's. */
function bestByWord(candidates: readonly string[], before: string, after: string): string | undefined {
  let best: string | undefined;
  let first = 0;
  let second = 0;
  for (const c of candidates) {
    const f = Math.max(dictionaryCount(before + c), dictionaryCount(c + after));
    if (f > first) [best, second, first] = [c, first, f];
    else if (f > second) second = f;
  }
  return first > 0 && first >= 2 * second ? best : undefined;
}

/** The character before `text`'s end, past a pinyin annotation ("當(dāng)" → 當). */
function charBefore(text: string): string {
  const annotated = new RegExp(`([\\u3400-\\u9fff])\\(${SYLLABLE}\\)$`).exec(text);
  return annotated ? annotated[1]! : [...text].pop() ?? "";
}

const readingsOf = new Map<string, string[]>();

function readingsOfChar(c: string): string[] {
  let r = readingsOf.get(c);
  if (!r) readingsOf.set(c, (r = pinyin(c, { multiple: true, type: "array" }).map((s) => s.normalize("NFC"))));
  return r;
}

const toneless = (s: string) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "");

/**
 * The characters whose second byte is `trail` and whose first byte, after
 * the second byte of `before`, makes a character read `syllable`: those with
 * the reading as written, or else with it in another tone (the converter
 * reads 績 jī, dictionaries jì).
 */
export function readFirstByte(before: string, syllable: string, trail: number): string[] {
  const prev = gbkPair(before)?.[1];
  if (prev === undefined || prev < 0x81) return [];
  const exact: string[] = [];
  const anyTone: string[] = [];
  const want = syllable.normalize("NFC");
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    const phantom = iconv.decode(Buffer.from([prev, lead]), "gbk");
    if (phantom.length !== 1 || !IDEOGRAPH.test(phantom)) continue;
    const lost = iconv.decode(Buffer.from([lead, trail]), "gbk");
    if (lost.length !== 1 || !IDEOGRAPH.test(lost)) continue;
    const readings = readingsOfChar(phantom);
    if (readings.includes(want)) exact.push(lost);
    else if (readings.some((r) => toneless(r) === toneless(want))) anyTone.push(lost);
  }
  return exact.length > 0 ? exact : anyTone;
}

/**
 * A repaired heading whose number did not survive: pairs that the shifted
 * reading made invalid were dropped by the scraper, so "（二）" comes back as
 * "（订" and "（十三）" as "（施". Simulating the fault on "（一）" … "（二十）"
 * gives each number's signature; a signature shared by several numbers (施 is
 * 十, 十二, 十三 or 十六) is resolved by the sequence of headings before it.
 * `repairedLines` are the indices of lines the shifted-reading repair touched;
 * only those are rewritten.
 */
const PAREN_CN = /^[（(]\s*([一二三四五六七八九十]{1,3})\s*[）)]/;
const CN_TOP = /^[一二三四五六七八九十]{1,3}、/;
const CN_NUMERALS = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五", "十六", "十七", "十八", "十九", "二十"];

/** What the scraper's fault plus our repair make of "（N）": one byte out of step, invalid pairs dropped. */
function simulateHeading(n: number): string {
  const probe = "安全";
  const bytes = [0xa1, ...iconv.encode(`（${CN_NUMERALS[n]}）${probe}`, "gbk")];
  let garbled = "";
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    if (b < 0x80) {
      garbled += String.fromCharCode(b);
      i++;
      continue;
    }
    const ch = iconv.decode(Buffer.from(bytes.slice(i, i + 2)), "gbk");
    if (ch.length === 1 && ch !== "\uFFFD" && !(ch >= "\uE000" && ch <= "\uF8FF")) garbled += ch;
    i += 2;
  }
  const repaired = repairShiftedGbk(garbled, new Map()).text;
  return repaired.slice(0, repaired.indexOf(probe[0]!));
}

let signatures: Array<[string, number[]]> | undefined;

function headingSignatures(): Array<[string, number[]]> {
  if (!signatures) {
    const bySig = new Map<string, number[]>();
    for (let n = 1; n < CN_NUMERALS.length; n++) {
      const sig = simulateHeading(n);
      if (sig && sig !== `（${CN_NUMERALS[n]}）`) bySig.set(sig, [...(bySig.get(sig) ?? []), n]);
    }
    signatures = [...bySig.entries()].sort((a, b) => b[0].length - a[0].length);
  }
  return signatures;
}

export function restoreHeadingNumbers(lines: Array<{ text: string }>, repairedLines: ReadonlySet<number>, cnToNumber: (s: string) => number): void {
  let last = 0;
  lines.forEach((line, i) => {
    const ok = PAREN_CN.exec(line.text);
    if (ok) {
      last = cnToNumber(ok[1]!);
      return;
    }
    if (CN_TOP.test(line.text)) {
      last = 0;
      return;
    }
    if (!repairedLines.has(i)) return;
    const match = headingSignatures().find(([sig]) => line.text.startsWith(sig));
    if (!match) return;
    const [sig, candidates] = match;
    // Among the numbers with this signature, the one nearest to what the sequence expects.
    const n = [...candidates].sort((a, b) => Math.abs(a - last - 1) - Math.abs(b - last - 1) || a - b)[0]!;
    line.text = `（${CN_NUMERALS[n]}）${line.text.slice(sig.length)}`;
    last = n;
  });
}

/**
 * A character whose first byte was lost, leaving its second byte as an ASCII
 * letter before its pinyin annotation: "住房?jī)r(jià)格" is 住房…價(jià)格
 * (價 is GBK 83 72, and 72 is "r"); "成效?,F(xiàn)將" is 成效。現(xiàn)將 (。現 is
 * A1A3 AC46: A1 shows as "?", A3AC is the full-width comma, 46 is "F"). The
 * character is the one the document annotates with that reading whose GBK
 * second byte is the letter (and, after "?,", whose first byte is AC). Left
 * as it is when no character of the document fits.
 */
const LOST_LEAD = new RegExp(`(\\?,|\\?)?([A-Za-z])\\((${SYLLABLE})\\)`, "g");

/**
 * The same loss where the letter is followed by the next character instead
 * of a reading, the "(" gone with the lost byte: "管理?xiàng)l例" is 管理條例
 * (條 is GBK 97 6C, "l"), "金屬?gòu)U料" 金屬廢料, "辦理?yè)Q發" 辦理換發. The reading
 * before the letter is not the character's, so words decide (see
 * DocumentPairs.withTrail). Runs before the out-of-step runs are decoded,
 * which would take the "?" and the reading with them.
 */
const LOST_LEAD_BARE = new RegExp(`\\?${SYLLABLE}\\)([\\x40-\\x7e])(?=[\\u3400-\\u9fff])`, "g");

export function recoverBareLostLeads(line: string, pairs: DocumentPairs): { text: string; repaired: number } {
  let repaired = 0;
  const text = line.replace(LOST_LEAD_BARE, (whole, letter: string, offset: number, all: string) => {
    const fit = pairs.withTrail(letter.charCodeAt(0), all[offset - 1] ?? "", all[offset + whole.length]!);
    if (!fit) return whole;
    repaired++;
    return fit;
  });
  return { text, repaired };
}

export function recoverLostLeads(line: string, readings: ReadonlyMap<string, ReadonlySet<string>>): { text: string; repaired: number } {
  let repaired = 0;
  const text = line.replace(LOST_LEAD, (whole, prefix: string | undefined, letter: string, syllable: string, offset: number) => {
    // A letter inside an English word is not a stray byte.
    if (!prefix && offset > 0 && /[A-Za-z]/.test(line[offset - 1]!)) return whole;
    if (!isPinyinSyllable(syllable)) return whole;
    const afterComma = prefix === "?,";
    const fits = [...(readings.get(syllable) ?? [])].filter((c) => {
      const pair = gbkPair(c);
      return pair !== undefined && pair[1] === letter.charCodeAt(0) && (!afterComma || pair[0] === 0xac);
    });
    if (fits.length !== 1) return whole;
    repaired++;
    return `${afterComma ? "。" : ""}${fits[0]!}(${syllable})`;
  });
  return { text, repaired };
}

/**
 * A character annotated with a reading it does not have: the converter read
 * the intended character, the scraper wrote what is left of it with the
 * byte before ("提供?繄(chǎng)所": 繄 is BF 88, and 場, which the document
 * annotates chǎng, is 88 F6). A character the document hardly uses becomes
 * the one, not rare, that the document annotates with that reading and whose
 * first byte is its second, when exactly one is.
 */
const ANNOTATED = new RegExp(`([\\u3400-\\u9fff])\\((${SYLLABLE})\\)`, "g");

export function recoverMisreadAnnotated(line: string, readings: ReadonlyMap<string, ReadonlySet<string>>, freq: CharFrequency): { text: string; repaired: number } {
  let repaired = 0;
  const text = line.replace(ANNOTATED, (whole, char: string, syllable: string) => {
    if ((freq.get(char) ?? 0) > RARE) return whole;
    const trail = gbkPair(char)?.[1];
    const fits = [...(readings.get(syllable) ?? [])].filter((c) => c !== char && (freq.get(c) ?? 0) > RARE && gbkPair(c)?.[0] === trail);
    if (trail === undefined || fits.length !== 1) return whole;
    repaired++;
    return `${fits[0]!}(${syllable})`;
  });
  return { text, repaired };
}

/**
 * Two characters read as one. Out of step, the second byte of a character and
 * the first byte of the next form a pair; where that pair is no GBK character
 * the scraper dropped it, and reading in step again joins what is left: the
 * first byte of 精 and the second of 神 make 抉 ("（七）抉文明建設" for
 * 精神文明建設, 002 line 193).
 *
 * A character of a repaired run that the document hardly uses and that
 * stands next to neither neighbour anywhere else in it is replaced by the two
 * characters that fit its bytes, whose middle pair would have been dropped,
 * that the document writes together elsewhere (twice, or once beside one of
 * the neighbours) and next to one of the neighbours. Nothing is replaced when
 * no pair, or more than one equally good, fits. (When the joined character is
 * a common one, as 者 from 政策 in "（四）者解讀情況", it is left.)
 */
export class DocumentPairs {
  readonly #lines: readonly string[];
  readonly #freq: CharFrequency;
  /** Counts of each two characters written in a row, keyed by their code units; built on first use. */
  #bigrams?: Map<number, number>;
  #text?: string;
  #byLead = new Map<number, string[]>();
  #byTrail = new Map<number, string[]>();

  /**
   * @param lines the document's lines (pinyin annotations are skipped)
   * @param freq how often the document uses each character
   */
  constructor(lines: readonly string[], freq: CharFrequency) {
    this.#lines = lines;
    this.#freq = freq;
  }

  /** Whether the document writes this character at all. */
  uses(c: string): boolean {
    return (this.#freq.get(c) ?? 0) > 0;
  }

  /** Two characters joined by chance make one the document hardly uses; common ones are never split. */
  isRare(c: string): boolean {
    return (this.#freq.get(c) ?? 0) <= RARE;
  }

  #build(): Map<number, number> {
    const bigrams = new Map<number, number>();
    const seen = new Set<number>();
    for (const raw of this.#lines) {
      const line = stripPinyin(raw);
      for (let i = 0; i < line.length; i++) {
        const c = line.charCodeAt(i);
        // Only characters beside Chinese text are asked about; ASCII runs are skipped.
        if (c < 0x80) continue;
        const p = line.charCodeAt(i - 1);
        if (p >= 0x80) bigrams.set(p * 0x10000 + c, (bigrams.get(p * 0x10000 + c) ?? 0) + 1);
        if (seen.has(c) || c < 0x3400 || c > 0x9fff) continue;
        seen.add(c);
        const ch = String.fromCharCode(c);
        const pair = gbkPair(ch);
        if (!pair) continue;
        push(this.#byLead, pair[0], ch);
        push(this.#byTrail, pair[1], ch);
      }
    }
    return bigrams;
  }

  /** How often the document writes these characters in a row. */
  count(ngram: string): number {
    this.#bigrams ??= this.#build();
    if (ngram.length === 2) return this.#bigrams.get(ngram.charCodeAt(0) * 0x10000 + ngram.charCodeAt(1)) ?? 0;
    // Longer ones are asked for rarely: counted in the text.
    this.#text ??= this.#lines.map(stripPinyin).join("\n");
    let n = 0;
    for (let i = this.#text.indexOf(ngram); i >= 0; i = this.#text.indexOf(ngram, i + 1)) n++;
    return n;
  }

  /**
   * The document's character with this GBK second byte that makes a word
   * with a neighbour: the word jieba's dictionary counts most often, at least
   * twice as often as the next candidate's ("理?l例": 条例 5288, 理发 94).
   * `strict`, where nothing but the byte points at the character: the word
   * must be a common one (jieba counts it 1000 times or more: 当地, 因为; not
   * 熟人, 当心, 下周), or one the document also writes that jieba counts 50
   * times or more (宁都, 实时; not 造人, which "营造人人参与" writes by chance).
   */
  withTrail(trail: number, before: string, after: string, strict = false): string | undefined {
    this.#bigrams ??= this.#build();
    return this.#byWord(this.#byTrail.get(trail) ?? [], before, after, strict);
  }

  /** The document's character with this GBK first byte that makes a word with a neighbour, as `withTrail` chooses. */
  withLead(lead: number, before: string, after: string, strict = false): string | undefined {
    this.#bigrams ??= this.#build();
    return this.#byWord(this.#byLead.get(lead) ?? [], before, after, strict);
  }

  #byWord(candidates: readonly string[], before: string, after: string, strict: boolean): string | undefined {
    let best: string | undefined;
    let first = 0;
    let second = 0;
    for (const c of candidates) {
      const words = [before + c, c + after].filter((w) => [...w].length === 2);
      const f = Math.max(0, ...words.map(dictionaryCount));
      if (strict && f < COMMON_WORD && !(f >= KNOWN_WORD && words.some((w) => this.count(w) > 0))) continue;
      if (f > first) [best, second, first] = [c, first, f];
      else if (f > second) second = f;
    }
    return first > 0 && first >= 2 * second ? best : undefined;
  }

  /** The pair of the document's characters that `c` is what is left of, if exactly one fits best. */
  split(c: string, before: string, after: string, common = false): string | undefined {
    this.#bigrams ??= this.#build();
    const bytes = gbkPair(c);
    if (!bytes) return undefined;
    let best: string | undefined;
    let bestScore = 0;
    let tie = false;
    for (const x of this.#byLead.get(bytes[0]) ?? []) {
      const trail = gbkPair(x)![1];
      // A second byte below 0x80 is ASCII: the scraper would have written it and come back in step.
      if (trail < 0x81) continue;
      for (const y of this.#byTrail.get(bytes[1]) ?? []) {
        if (!droppedPair(trail, gbkPair(y)![0])) continue;
        const together = this.count(x + y);
        const context = (before ? this.count(before + x) : 0) + (after ? this.count(y + after) : 0);
        // Beside a bracket or a sign (a heading's number, a clause's start) only the other neighbour can tell;
        // when it does not, a pair the document writes twice or more will do.
        const open = !IDEOGRAPH.test(before) || !IDEOGRAPH.test(after);
        if (together === 0 || (context === 0 && !(open && together >= 2))) continue;
        // A common character is split only on the evidence of a pair the document writes twice or more.
        if (common && together < 2) continue;
        // Written together once may be chance ("在梁寨采訪時"); once with a neighbour as well is not.
        const withNeighbour = (before ? this.count(before + x + y) : 0) + (after ? this.count(x + y + after) : 0);
        if (together < 2 && withNeighbour === 0) continue;
        const score = together + context;
        if (score > bestScore) [best, bestScore, tie] = [x + y, score, false];
        else if (score === bestScore) tie = true;
      }
    }
    return tie ? undefined : best;
  }
}

function push(map: Map<number, string[]>, key: number, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Each pair of bytes: 0 not yet known, 1 dropped, 2 a character. */
const dropped = new Uint8Array(0x10000);

/** Whether the scraper dropped the out-of-step pair (no GBK character, or a private-use one). */
function droppedPair(lead: number, trail: number): boolean {
  const k = lead * 0x100 + trail;
  if (!dropped[k]) {
    const ch = iconv.decode(Buffer.from([lead, trail]), "gbk");
    dropped[k] = ch.length !== 1 || ch === "\uFFFD" || (ch >= "\uE000" && ch <= "\uF8FF") ? 1 : 2;
  }
  return dropped[k] === 1;
}

/** How often jieba's dictionary counts these two characters (simplified) as a word; 0 for anything but two characters. */
function dictionaryCount(two: string): number {
  return [...two].length === 2 ? wordFrequency(toSimplified(two)) : 0;
}

/** `text` with each character from `from` on that is two characters read as one replaced by them (see DocumentPairs). */
export function restoreDroppedPairs(text: string, from: number, pairs: DocumentPairs): string {
  const chars = [...text];
  const start = [...text.slice(0, from)].length;
  let out = chars.slice(0, start).join("");
  for (let i = start; i < chars.length; i++) {
    const c = chars[i]!;
    // The character before as restored: "闰够" is 全域公交, and 域 tells 公交 where 闰 could not.
    const before = [...out].pop() ?? "";
    const after = chars[i + 1] ?? "";
    // The slot of a heading number ("（施" is 十, 十二 or 十三) is restoreHeadingNumbers' to read.
    // A character that makes a word with a neighbour ("村姑") is read right, however rare in the document.
    const fits =
      !IDEOGRAPH.test(c) || before === "（" || pairs.count(before + c) > 0 || pairs.count(c + after) > 0 || dictionaryCount(before + c) > 0 || dictionaryCount(c + after) > 0;
    out += (fits ? undefined : pairs.split(c, before, after, !pairs.isRare(c))) ?? c;
  }
  return out;
}

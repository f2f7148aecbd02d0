/**
 * Pinyin annotations after characters: the seed pages were run through a
 * converter that appended the reading of "hard" characters, as in
 * "高質(zhì)量發(fā)展". The annotation is a single pinyin syllable with a tone
 * mark (or ü/ê) in ASCII parentheses right after a CJK character.
 */
const TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüêếềńňǹḿ";
const SYLLABLE = `[a-z${TONED}]{1,7}`;
const ANNOTATION = new RegExp(`([\\u3400-\\u9FFF\\uF900-\\uFAFF])\\((${SYLLABLE})\\)`, "g");
const HAS_TONE = new RegExp(`[${TONED}]`);

/** Pinyin syllables without tone marks are only removed when they are real syllables of the neutral-tone kind we saw. */
const NEUTRAL = new Set(["de", "le", "me", "ma", "ne", "zi", "men", "zhe", "ba", "ge", "li", "shang", "xia", "yi"]);

export function isPinyinSyllable(s: string): boolean {
  return HAS_TONE.test(s) || NEUTRAL.has(s);
}

export function stripPinyin(line: string): string {
  return line.replace(ANNOTATION, (whole, char: string, syllable: string) => (isPinyinSyllable(syllable) ? char : whole));
}

const LEADING_ANNOTATION = new RegExp(`^(\\s*)\\((${SYLLABLE})\\)`);
const ENDS_WITH_CHAR = /[\u3400-\u9FFF\uF900-\uFAFF]\s*$/;

/**
 * A reading that a line break (a PDF's, most often) put at the start of the
 * next line: "…严重制约着農" / "(nóng)村…". Removed when the line before ends
 * with a character and the reading has a tone mark (a bare "(de)" could be
 * anything at the start of a line).
 */
export function stripLeadingAnnotation(line: string, previous: string | undefined): string {
  if (previous === undefined || !ENDS_WITH_CHAR.test(previous)) return line;
  return line.replace(LEADING_ANNOTATION, (whole, space: string, syllable: string) => (HAS_TONE.test(syllable) ? space : whole));
}

/** char → the syllables it is annotated with in this text; used to recover a character from its reading. */
export function collectReadings(lines: readonly string[]): Map<string, Set<string>> {
  const bySyllable = new Map<string, Set<string>>();
  for (const line of lines) {
    for (const m of line.matchAll(ANNOTATION)) {
      const [, char, syl] = m as unknown as [string, string, string];
      if (!isPinyinSyllable(syl)) continue;
      let set = bySyllable.get(syl);
      if (!set) bySyllable.set(syl, (set = new Set()));
      set.add(char);
    }
  }
  return bySyllable;
}

/**
 * Spaces and punctuation in Chinese text.
 *
 * PDF extraction (004) puts spaces inside words ("七里河 区人民政府") and
 * around numbers ("共承办政府全体会 1 次"); scraped pages mix ASCII and
 * full-width punctuation. Chinese text has no word spaces, so a space next to
 * a Chinese character is an artefact; spaces between Latin words stay.
 */
const HAN = "\\u3400-\\u9FFF\\uF900-\\uFAFF";
const CJK_PUNCT = "\\u3000-\\u303F\\uFF01-\\uFF0F\\uFF1A-\\uFF20\\uFF3B-\\uFF40\\uFF5B-\\uFF65“”‘’…—";
const WIDE = `[${HAN}${CJK_PUNCT}]`;

const SPACE_BETWEEN_WIDE = new RegExp(`(${WIDE})\\s+(?=${WIDE})`, "g");
const SPACE_WIDE_DIGIT = new RegExp(`(${WIDE})\\s+(?=[\\d%])`, "g");
const SPACE_DIGIT_WIDE = new RegExp(`([\\d%])\\s+(?=${WIDE})`, "g");
const SPACE_AFTER_ASCII_PUNCT = new RegExp(`([${HAN}][,;:!?.])\\s+(?=[${HAN}“‘《(])`, "g");

export function removeCjkSpaces(line: string): string {
  return line
    .replace(SPACE_BETWEEN_WIDE, "$1")
    .replace(SPACE_WIDE_DIGIT, "$1")
    .replace(SPACE_DIGIT_WIDE, "$1")
    .replace(SPACE_AFTER_ASCII_PUNCT, "$1")
    .replace(/ {2,}/g, " ")
    .trim();
}

const ASCII_TO_WIDE: Record<string, string> = { ",": "，", ";": "；", ":": "：", "?": "？", "!": "！" };
const PUNCT_NEAR_HAN = new RegExp(`(?<=[${HAN}”’）》])([,;:?!])|([,;:?!])(?=[${HAN}“‘（《])`, "g");
const PAREN_PAIR = /\(([^()]{0,80})\)/g;
const HAS_HAN = new RegExp(`[${HAN}]`);
const HAN_CHAR = new RegExp(`[${HAN}]`);

/** ASCII punctuation in Chinese context → full-width, so text reads and matches consistently. */
export function normalizePunctuation(line: string): string {
  let out = line.replace(PUNCT_NEAR_HAN, (m) => ASCII_TO_WIDE[m] ?? m);
  out = out.replace(PAREN_PAIR, (whole, inner: string, offset: number, all: string) => {
    const before = all[offset - 1] ?? "";
    const after = all[offset + whole.length] ?? "";
    const chinese = HAS_HAN.test(inner) || /^\s*(\d{1,2}|[XxＸ])\s*$/.test(inner) || HAN_CHAR.test(before) || HAN_CHAR.test(after) || offset === 0;
    return chinese ? `（${inner.trim()}）` : whole;
  });
  return out;
}

/**
 * Plain text (.txt/.md): sniff binary content, detect the encoding, decode.
 *
 * Detection order, and why:
 * 1. BOM (UTF-8, UTF-16LE/BE): explicit, always right.
 * 2. Strict UTF-8 validity over the whole buffer: GBK/Big5 byte sequences are
 *    almost never valid UTF-8, while chardet often misreads short UTF-8
 *    Chinese as something else.
 * 3. GB18030 vs Big5 (and chardet's own guesses): decode a sample with each
 *    and score the result by how much it looks like real Chinese. chardet
 *    alone is unreliable on short Chinese texts (it reports Shift_JIS,
 *    ISO-8859-1... with equal confidence), so it only adds candidates.
 *
 * Everything is linear in the file size: a full strict UTF-8 pass, scoring on
 * a bounded sample, one full decode.
 */
import chardet from "chardet";
import iconv from "iconv-lite";

import { LoadError } from "../../util/errors.js";

export interface DecodedText {
  text: string;
  /** "UTF-8", "UTF-16LE", "UTF-16BE", "GB18030", "Big5", or another name chardet found. */
  encoding: string;
}

/** Bytes looked at to tell binary from text and to choose an encoding. */
const SAMPLE_BYTES = 64 * 1024;

/** Well-known binary signatures; a .txt that starts like this was misnamed. */
const MAGIC: ReadonlyArray<{ bytes: number[]; what: string }> = [
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: "PNG image" },
  { bytes: [0xff, 0xd8, 0xff], what: "JPEG image" },
  { bytes: [0x47, 0x49, 0x46, 0x38], what: "GIF image" },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], what: "ELF executable" },
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: "zip archive" },
  { bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], what: "PDF document" },
  { bytes: [0x1f, 0x8b], what: "gzip archive" },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf], what: "7z archive" },
  { bytes: [0x52, 0x61, 0x72, 0x21], what: "RAR archive" },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], what: "Office 97-2003 document" },
];

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  if (bytes.length < prefix.length) return false;
  return prefix.every((b, i) => bytes[i] === b);
}

type Bom = { encoding: "UTF-8" | "UTF-16LE" | "UTF-16BE"; length: number };

export function detectBom(bytes: Uint8Array): Bom | undefined {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return { encoding: "UTF-8", length: 3 };
  if (startsWith(bytes, [0xff, 0xfe])) return { encoding: "UTF-16LE", length: 2 };
  if (startsWith(bytes, [0xfe, 0xff])) return { encoding: "UTF-16BE", length: 2 };
  return undefined;
}

/**
 * UTF-16 without a BOM: ASCII-heavy UTF-16 has a NUL in every other byte.
 * Checked before the NUL-means-binary rule so such files still load.
 */
function guessBomlessUtf16(sample: Uint8Array): "UTF-16LE" | "UTF-16BE" | undefined {
  const n = sample.length - (sample.length % 2);
  if (n < 8) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (sample[i] === 0) evenNul++;
    if (sample[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul > pairs * 0.3 && evenNul < pairs * 0.02) return "UTF-16LE";
  if (evenNul > pairs * 0.3 && oddNul < pairs * 0.02) return "UTF-16BE";
  return undefined;
}

/**
 * Why bytes are not text, or undefined if they may be. Works on raw bytes for
 * single/multi-byte encodings: in UTF-8, GBK and Big5 every byte below 0x20 is
 * a real control character (trail bytes are >= 0x40).
 */
export function binaryReason(sample: Uint8Array): string | undefined {
  for (const m of MAGIC) {
    if (startsWith(sample, m.bytes)) return `binary content, not text (${m.what})`;
  }
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const b = sample[i]!;
    if (b === 0) return "binary content, not text";
    // Tab, LF, VT, FF, CR and ESC (ANSI colours) occur in real text files.
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0b && b !== 0x0c && b !== 0x0d && b !== 0x1b) control++;
  }
  if (sample.length > 0 && control / sample.length > 0.02) return "binary content, not text";
  return undefined;
}

/** Head, middle and tail of a large buffer: mixed files rarely fool all three. */
export function sampleOf(bytes: Uint8Array): Uint8Array {
  if (bytes.length <= SAMPLE_BYTES * 3) return bytes;
  const mid = Math.floor(bytes.length / 2);
  const out = new Uint8Array(SAMPLE_BYTES * 3);
  out.set(bytes.subarray(0, SAMPLE_BYTES), 0);
  out.set(bytes.subarray(mid, mid + SAMPLE_BYTES), SAMPLE_BYTES);
  out.set(bytes.subarray(bytes.length - SAMPLE_BYTES), SAMPLE_BYTES * 2);
  return out;
}

/**
 * Strict UTF-8 decode of the whole buffer, or undefined if any byte sequence
 * is invalid. A multi-byte character cut off at the very end (a truncated
 * download) is tolerated and becomes U+FFFD.
 */
export function decodeUtf8Strict(bytes: Uint8Array): string | undefined {
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  try {
    const text = decoder.decode(bytes, { stream: true });
    try {
      return text + decoder.decode();
    } catch {
      return text + "\uFFFD";
    }
  } catch {
    return undefined;
  }
}

// Very frequent characters in Chinese prose, simplified and traditional
// forms. A wrong decoding yields essentially random CJK characters, which hit
// this set far less often than real text does.
const COMMON_CHARS = new Set(
  (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研质信导争领"
    + "這個們國發會對進說時來經與關於機實學業為過動種麼後開還沒當從長問見現體點頭兩裡應樣員"
    + "工作建设制度管理规范服务政务会议领导单位组织落实加强推进完善提高"
  ).split(""),
);

/** How much a decoded sample looks like real text (higher is better). */
export function textScore(s: string): number {
  let common = 0;
  let cjk = 0;
  let bad = 0;
  let rare = 0;
  let control = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c === 0xfffd) bad++;
    else if (c >= 0x4e00 && c <= 0x9fff) {
      cjk++;
      if (COMMON_CHARS.has(ch)) common++;
    } else if (
      (c >= 0x3400 && c <= 0x4dbf) || // CJK extension A
      (c >= 0xe000 && c <= 0xf8ff) || // private use
      (c >= 0xf900 && c <= 0xfaff) || // compatibility ideographs
      (c >= 0x2500 && c <= 0x25ff) || // box drawing, shapes: GBK punctuation rows misread
      c >= 0x20000
    )
      rare++;
    else if (c < 0x20 && c !== 9 && c !== 10 && c !== 13 && c !== 12) control++;
    else if (c >= 0x80 && c < 0xa0) control++;
  }
  return common * 4 + cjk * 0.5 - bad * 10 - rare * 2 - control * 5;
}

function replacementShare(s: string): number {
  let bad = 0;
  let nonAscii = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) nonAscii++;
    if (c === 0xfffd) bad++;
  }
  return nonAscii === 0 ? 0 : bad / nonAscii;
}

/** iconv-lite names for the encodings we report. */
const ICONV_NAME: Record<string, string> = {
  "UTF-8": "utf8",
  "UTF-16LE": "utf16le",
  "UTF-16BE": "utf16be",
  GB18030: "gb18030",
  Big5: "big5",
};

/** Decode with a reported encoding name (see DecodedText.encoding). */
export function decodeAs(bytes: Uint8Array, encoding: string): string {
  const name = ICONV_NAME[encoding] ?? encoding;
  if (name === "utf8") return new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), name, { stripBOM: false });
}

/**
 * Pick an encoding for bytes that are not valid UTF-8. GB18030 (a superset
 * of GBK and GB2312) comes first so that it wins ties: mainland documents are
 * the common case here.
 */
export function guessLegacyEncoding(sample: Uint8Array): string {
  const candidates = ["GB18030", "Big5"];
  for (const m of chardet.analyse(sample).slice(0, 4)) {
    const name = m.name as string;
    if (/^(UTF|ASCII|ISO-2022)/i.test(name)) continue; // BOM/UTF-8 paths handle these
    if (/^(GB18030|GBK|GB2312|Big5)$/i.test(name)) continue;
    if (m.confidence >= 30 && iconv.encodingExists(name)) candidates.push(name);
  }
  let best = candidates[0]!;
  let bestScore = -Infinity;
  for (const enc of candidates) {
    const score = textScore(decodeAs(sample, enc));
    if (score > bestScore) {
      best = enc;
      bestScore = score;
    }
  }
  return best;
}

export function normaliseNewlines(text: string): string {
  return text.includes("\r") ? text.replace(/\r\n?/g, "\n") : text;
}

/**
 * Why the first bytes of a file show it is not text, or undefined. UTF-16
 * (with or without BOM) is exempt from the byte checks: half its bytes are NUL.
 */
export function textHeadReason(head: Uint8Array): string | undefined {
  const bom = detectBom(head);
  if (bom?.encoding === "UTF-16LE" || bom?.encoding === "UTF-16BE") return undefined;
  if (!bom && guessBomlessUtf16(head)) return undefined;
  return binaryReason(head);
}

/** Share of control characters in decoded text (for UTF-16, where the byte check cannot work). */
function controlShare(text: string): number {
  const n = Math.min(text.length, SAMPLE_BYTES);
  if (n === 0) return 0;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 && c !== 9 && c !== 10 && c !== 11 && c !== 12 && c !== 13 && c !== 0x1b) control++;
  }
  return control / n;
}

/**
 * Decode the bytes of a text file. Throws LoadError for empty, binary or
 * undecodable content. The BOM is stripped and newlines normalised to "\n".
 */
export function decodeText(bytes: Uint8Array, file: string): DecodedText {
  if (bytes.length === 0) throw new LoadError(file, "empty file");
  const bom = detectBom(bytes);
  const head = bytes.subarray(0, SAMPLE_BYTES);
  let encoding: string;
  let text: string;
  if (bom?.encoding === "UTF-16LE" || bom?.encoding === "UTF-16BE") {
    encoding = bom.encoding;
    text = decodeAs(bytes.subarray(bom.length), encoding);
    if (controlShare(text) > 0.02 || text.includes("\0")) throw new LoadError(file, "binary content, not text");
  } else if (!bom && guessBomlessUtf16(head)) {
    encoding = guessBomlessUtf16(head)!;
    text = decodeAs(bytes, encoding);
    if (controlShare(text) > 0.02 || text.includes("\0")) throw new LoadError(file, "binary content, not text");
  } else {
    const why = textHeadReason(head);
    if (why) throw new LoadError(file, why);
    if (bom) {
      // A UTF-8 BOM is an explicit declaration: stray invalid bytes become U+FFFD.
      encoding = "UTF-8";
      text = decodeAs(bytes.subarray(bom.length), encoding);
    } else {
      const utf8 = decodeUtf8Strict(bytes);
      if (utf8 !== undefined) {
        encoding = "UTF-8";
        text = utf8;
      } else {
        encoding = guessLegacyEncoding(sampleOf(bytes));
        text = decodeAs(bytes, encoding);
        // Still full of replacement characters: not an encoding we know.
        if (replacementShare(text.slice(0, SAMPLE_BYTES)) > 0.05) {
          throw new LoadError(file, "unknown text encoding (not UTF-8, UTF-16, GB18030 or Big5)");
        }
      }
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  text = normaliseNewlines(text);
  if (!/\S/.test(text)) throw new LoadError(file, "empty file (whitespace only)");
  return { text, encoding };
}

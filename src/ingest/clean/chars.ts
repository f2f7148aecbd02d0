/**
 * Character-level hygiene applied to every line first: BOMs, zero-width and
 * control characters, non-breaking and ideographic spaces, and the U+FFFD
 * replacement character that marks a line cut off inside a multi-byte
 * character by the site the text was scraped from.
 */
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u200B-\u200F\u2028\u2029\u202A-\u202E\u2060\uFEFF]/g;
const REPLACEMENT = /\uFFFD+/g;
const SPACES = /[\u00A0\u2000-\u200A\u202F\u205F\u3000\t]/g;

export function cleanChars(line: string): { text: string; hadReplacement: boolean } {
  const hadReplacement = line.includes("\uFFFD");
  const text = line.replace(INVISIBLE, "").replace(REPLACEMENT, "").replace(SPACES, " ").trim();
  return { text, hadReplacement };
}

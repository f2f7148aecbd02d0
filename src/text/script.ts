import * as OpenCC from "opencc-js";

/**
 * Traditional → simplified (mainland usage), via opencc-js. The converter is
 * built on first use: building its tries costs ~100 ms, which a CLI command
 * that never sees traditional text should not pay.
 */
let t2s: ((s: string) => string) | undefined;

export function toSimplified(text: string): string {
  const convert = (t2s ??= OpenCC.Converter({ from: "t", to: "cn" }));
  return convert(text);
}

/** Full-width ASCII (Ａ-Ｚ, ０-９, ！-～) to half-width; ideographic space to space. Chinese punctuation stays. */
export function toHalfWidthAscii(text: string): string {
  return text.replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, " ");
}

/**
 * Near-duplicate passages. The seeds repeat whole passages across articles
 * (the same 帮扶企业 survey with 某县 and 万全县), so the top k would otherwise
 * show the same text twice. Jaccard similarity over character 4-gram
 * shingles, kept as sorted arrays of 32-bit hashes: cheap to build, compact
 * to cache per chunk, and compared by one merge.
 */
export type Shingles = Uint32Array;

export function shingles(text: string, n = 4): Shingles {
  const s = text.replace(/[\s\p{P}]/gu, "");
  const out = new Uint32Array(Math.max(0, s.length - n + 1));
  for (let i = 0; i + n <= s.length; i++) {
    let h = 0x811c9dc5;
    for (let j = i; j < i + n; j++) {
      h ^= s.charCodeAt(j);
      h = Math.imul(h, 0x01000193);
    }
    out[i] = h >>> 0;
  }
  out.sort();
  // Unique values only: a set of shingles.
  let w = 0;
  for (let r = 0; r < out.length; r++) if (r === 0 || out[r] !== out[r - 1]) out[w++] = out[r]!;
  return out.subarray(0, w);
}

export function jaccard(a: Shingles, b: Shingles): number {
  if (a.length === 0 || b.length === 0) return 0;
  let i = 0;
  let j = 0;
  let inter = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      inter++;
      i++;
      j++;
    } else if (a[i]! < b[j]!) i++;
    else j++;
  }
  return inter / (a.length + b.length - inter);
}

export function isNearDuplicate(a: Shingles, b: Shingles, threshold = 0.6): boolean {
  // Sets this different in size cannot reach the threshold.
  const [small, large] = a.length < b.length ? [a.length, b.length] : [b.length, a.length];
  if (small < threshold * large) return false;
  return jaccard(a, b) >= threshold;
}

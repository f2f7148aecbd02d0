/**
 * Near-duplicate passages. The seeds repeat whole passages across articles
 * (the same 帮扶企业 survey with 某县 and 万全县), so the top k would otherwise
 * show the same text twice. Jaccard similarity over character 4-gram shingles.
 */
export function shingles(text: string, n = 4): Set<string> {
  const s = text.replace(/[\s\p{P}]/gu, "");
  const out = new Set<string>();
  for (let i = 0; i + n <= s.length; i++) out.add(s.slice(i, i + n));
  return out;
}

export function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  const [small, large] = a.size < b.size ? [a, b] : [b, a];
  let inter = 0;
  for (const x of small) if (large.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}

export function isNearDuplicate(a: Set<string>, b: Set<string>, threshold = 0.6): boolean {
  return jaccard(a, b) >= threshold;
}

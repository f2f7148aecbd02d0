import { normalizeText } from "./normalize.js";

/**
 * Character unigrams and bigrams of the Chinese text (and whole ASCII words),
 * for the character-level keyword index. Word segmentation decides one split
 * of "打分量化评价" and "对干部素质作定量测评"; characters do not, so a
 * paraphrase that shares characters but not jieba words (量化 / 定量,
 * 政绩 / 实绩) still matches. Function characters that carry no topic are
 * left out as unigrams (they still count inside bigrams).
 */
const FUNCTION_CHARS = new Set(
  "的了和与及或是在对把被将为以于从由等并也又还就都而之其这那些哪什么怎么如何吗呢吧啊有没一个我们你您请问帮查下告诉想知道关于方面情况题相内容材料文件档资讲提到说规定具体主要进行工作".split(""),
);

export function charGrams(text: string, normalized = false): string[] {
  const t = (normalized ? text : normalizeText(text)).toLowerCase();
  const out: string[] = [];
  for (const run of t.match(/[\u3400-\u9fff]+|[a-z0-9]+/g) ?? []) {
    if (run.charCodeAt(0) < 0x3400) {
      out.push(run);
      continue;
    }
    for (let i = 0; i < run.length; i++) {
      if (!FUNCTION_CHARS.has(run[i]!)) out.push(run[i]!);
      if (i + 1 < run.length) out.push(run.slice(i, i + 2));
    }
  }
  return out;
}

/**
 * A bigram of two function characters ("什么", "哪些", "怎么", "有没"): in a
 * question it carries no topic, yet reports rarely write it, so its IDF is
 * high and it would favour the few passages that happen to. Left out of the
 * question's grams (documents keep theirs).
 */
export function isFunctionBigram(gram: string): boolean {
  return gram.length === 2 && FUNCTION_CHARS.has(gram[0]!) && FUNCTION_CHARS.has(gram[1]!);
}

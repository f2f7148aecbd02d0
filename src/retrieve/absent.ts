import { jiebaCut, jiebaCutForSearch, getStopWords } from "../text/tokenize.js";

/**
 * The words of a question that occur nowhere in the documents ("婚假",
 * "公积金"). A short question or topic whose words are mostly absent is not
 * something the documents discuss, however well its single characters match
 * (婚 and 假 each occur somewhere): character-level relevance alone is lenient
 * with short queries. Listing them also tells a user asking "哪份材料讲了住房
 * 公积金缴存？" which of their words the documents never use.
 *
 * Content words: jieba's precise cut, Chinese, two characters or more, not
 * stop words or the words questions are asked with.
 */
const QUESTION_WORDS = new Set(
  "多少 几 一共 总共 什么 怎么 怎样 怎么样 哪些 哪个 哪里 哪儿 哪份 哪篇 是否 那个 这个 那些 这些 那次 这次 具体 现在 目前 大概 一般 主要 情况 问题 有没有 能不能 可以 需要 应该 要求 为什么 如何 到底 是不是 是什么 都有 一下 还有 以及 规定 材料 文件 文档 资料 文章".split(" "),
);

/**
 * Words that ask rather than name: 几天, 多少钱, 哪年, and the colloquial ones
 * (啥时候, 咋样, 为啥, 多久, 第几, 百分之几, 叫什么名字).
 */
const ASKING = /^(几|多少|哪|啥|咋|为啥|多久|多长|第几|百分之)|^名字$/;

/**
 * Words that point back at something said before ("那份材料", "这块工作", "那笔钱"), or only negate
 * ("不要", "不再"): content words (a follow-up is told by them), but never absent ones.
 */
const POINTING = /^[那这][份篇边块套笔种回次位个些项条家段所]$|^不(要|再)$/;

/** A unit of time or measure opening the word after an asking word: "多少天内" → 天内, "几个月" → 个月. */
const UNIT_ASKED = /^(天|日|周|年|月|季|小时|分钟|个|次|倍|岁|元|万|亿|%)/;

export function contentWords(normalized: string): string[] {
  const stops = getStopWords();
  const cut = jiebaCut(normalized).map((w) => w.trim());
  return [
    ...new Set(
      cut.filter(
        (w, i) =>
          w.length >= 2 &&
          /^[\u3400-\u9fff]+$/.test(w) &&
          !stops.has(w) &&
          !QUESTION_WORDS.has(w) &&
          !ASKING.test(w) &&
          !(i > 0 && ASKING.test(cut[i - 1]!) && UNIT_ASKED.test(w)),
      ),
    ),
  ];
}

/**
 * The content words of `normalized` for which `occurs` is false, and their
 * share of the content words (0 when there are none), leaving out words that
 * point back (`POINTING`). `words`: its content words, when the caller has
 * them already.
 */
export function absentWords(
  normalized: string,
  occurs: (word: string) => boolean,
  words: readonly string[] = contentWords(normalized),
): { absent: string[]; share: number } {
  const named = words.filter((w) => !POINTING.test(w));
  const absent = named.filter((w) => !occurs(w) && !madeOfPresentWords(w, occurs) && !verbWithParticle(w, occurs));
  return { absent, share: named.length ? absent.length / named.length : 0 };
}

/**
 * Whether a compound the documents do not write as one word is made of words
 * they do write ("政务信息化": 政务 and 信息化), every character covered by one
 * of them: the topic is there, in other words, and not absent.
 */
function madeOfPresentWords(word: string, occurs: (word: string) => boolean): boolean {
  const covered = new Array<boolean>(word.length).fill(false);
  for (const part of jiebaCutForSearch(word)) {
    if (part.length < 2 || part === word || !occurs(part)) continue;
    for (let at = word.indexOf(part); at >= 0; at = word.indexOf(part, at + 1)) covered.fill(true, at, at + part.length);
  }
  return covered.every(Boolean);
}

/** Aspect and complement particles jieba leaves attached to a verb: 评得, 做了, 写着, 开过. */
const PARTICLE_END = /[得了着过地的]$/;

/**
 * Whether a word the documents lack is a verb and the particle jieba cut with
 * it ("自评得了多少分" → 评得): what it names is the verb, which is a single
 * character or a word the documents write ("考核得" → 考核), not a topic they
 * lack. Only asked of absent words, so words such as 获得 or 目的, which the
 * documents write, are never touched.
 */
function verbWithParticle(word: string, occurs: (word: string) => boolean): boolean {
  if (!PARTICLE_END.test(word)) return false;
  const stem = word.slice(0, -1);
  return stem.length === 1 || occurs(stem);
}

/**
 * The content words, each pair the question writes as one term the documents also write joined into it:
 * 科技 and 特派员 become 科技特派员 ("科技特派员一次要在乡镇蹲多长时间"), so a sentence naming only 科技
 * (科技培训) is not taken for one about the envoys. Used where a sentence must name what the question asks
 * about (`statedOfAsked`).
 */
export function compoundWords(normalized: string, words: readonly string[], occurs: (word: string) => boolean): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const pair = i + 1 < words.length ? words[i]! + words[i + 1]! : undefined;
    if (pair !== undefined && normalized.includes(pair) && occurs(pair)) {
      out.push(pair);
      i++;
    } else {
      out.push(words[i]!);
    }
  }
  return out;
}

import { lexicon, type Lexicon } from "./lexicon.js";

/**
 * Areas of government work a question names (垃圾分类, 河长制, 养老保险,
 * 电信诈骗, a census) that the documents never write. A question about one
 * shares enough words with some passage ("机关", "考核办法", "要求") to pass
 * on relevance, and its other words are often ones the documents do use, so
 * the share of absent words does not tell; the area itself does. A word the
 * documents write is ignored, so a corpus covering the area answers as usual.
 *
 * The list is data/dict/policy-topics.tsv: a Chinese word and, for English
 * questions, its English phrases.
 */
export const uncoveredTopics: Lexicon = lexicon("policy-topics.tsv");

import { lexicon, type Lexicon } from "./lexicon.js";

/**
 * Everyday office matters a question names (年休假, 公积金, 报销, 停车位, a
 * parking permit, the Wi-Fi) that the documents never write. Staff in the
 * group chat ask the bot about their office's own affairs as readily as about
 * its documents; policy reports and work summaries do not cover them, yet such
 * a question shares enough everyday words with some passage ("单位", "标准",
 * "申请", "分配") to pass on relevance. One such word the documents lack is
 * enough to say the question is about something else; a word they do write is
 * ignored, so a corpus that covers one of these matters answers it as usual.
 *
 * The list is data/dict/office-affairs.tsv: a Chinese word and, for English
 * questions, its English phrases.
 */
export const officeAffairs: Lexicon = lexicon("office-affairs.tsv");

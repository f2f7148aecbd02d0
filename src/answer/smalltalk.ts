import { toSimplified } from "../text/script.js";

/**
 * Messages that are not questions: thanks, acknowledgements, greetings,
 * "what can you do". In a group chat people reply "谢谢" or "好的" to the
 * bot's answer, which the bot takes as a follow-up; searching the documents
 * for "谢谢" quotes whatever passage happens to contain 谢 or 好. These get a
 * short reply of their own instead, without a search.
 *
 * Only a message made entirely of such words counts ("好的，谢谢！"); one
 * that also asks something ("谢谢，那补贴标准是多少？") is a question.
 */

type Kind = "thanks" | "ack" | "greeting" | "help";

const WORDS: Array<[Kind, string[]]> = [
  ["thanks", ["非常感谢", "太感谢了", "谢谢你", "谢谢您", "谢谢", "多谢", "感谢", "谢了", "辛苦了", "辛苦", "thankyou", "thanks", "thank", "thx"]],
  ["greeting", ["大家好", "你好", "您好", "哈喽", "嗨", "在吗", "在不在", "早上好", "上午好", "中午好", "下午好", "晚上好", "早安", "hello", "hi", "hey"]],
  ["help", ["你是谁", "你能做什么", "你会做什么", "你能干什么", "你会什么", "你有什么功能", "怎么用", "如何使用", "帮助", "help"]],
  ["ack", ["好的", "好滴", "好", "行", "收到", "明白了", "明白", "知道了", "了解了", "了解", "ok", "okay", "嗯", "哦"]],
];
/** Particles that may follow any of them ("谢谢啦", "好的呀"). */
const PARTICLES = ["啦", "啊", "呀", "哈", "哦", "了", "的", "哟", "喔"];

/** A message of approval or thanks emoji only (skin tones and variation selectors allowed). */
const APPROVAL = /^(?:(?:👍|👌|🙏|👏|🤝|✌|💪)[\u{1F3FB}-\u{1F3FF}\uFE0F]?)+$/u;

const byWord = new Map<string, Kind>(WORDS.flatMap(([kind, words]) => words.map((w) => [w, kind] as const)));
const ALTERNATION = [...byWord.keys(), ...PARTICLES].sort((a, b) => b.length - a.length).join("|");
const WHOLE = new RegExp(`^(?:${ALTERNATION})+$`);
const EACH = new RegExp(ALTERNATION, "g");

export const SMALLTALK_REPLIES: Record<Kind, string> = {
  thanks: "不客气。还有问题可以继续问我。",
  ack: "好的。还有问题可以继续问我。",
  greeting:
    "您好！我根据已收录的文件回答问题、起草文字、查找哪份材料讲了某个主题，回答都注明出处（文件、章节和行号）。请直接提出问题。",
  help:
    "我根据已收录的文件回答问题、起草文字、查找哪份材料讲了某个主题，回答都注明出处（文件、章节和行号）；文件里没有的内容，我会直接说明。请直接提出问题。",
};

/** The reply to a message that is only thanks, an acknowledgement, a greeting or "what can you do"; undefined for anything else. */
export function smallTalkReply(message: string): string | undefined {
  const t = toSimplified(message.normalize("NFKC"))
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}\p{Extended_Pictographic}\uFE0F\u200D]/gu, "");
  // Only approval or thanks emoji (👍, 👌, 🙏): an acknowledgement. Other emoji are not read.
  if (!t && APPROVAL.test(message.replace(/\s/g, ""))) return SMALLTALK_REPLIES.ack;
  // Short messages only (the pattern's alternatives overlap: 好的 / 好 + 的).
  if (!t || t.length > 24 || !WHOLE.test(t)) return undefined;
  const kinds = new Set((t.match(EACH) ?? []).map((w) => byWord.get(w)).filter((k): k is Kind => k !== undefined));
  if (kinds.size === 0) return undefined;
  for (const kind of ["help", "greeting", "thanks", "ack"] as const) if (kinds.has(kind)) return SMALLTALK_REPLIES[kind];
  return undefined;
}

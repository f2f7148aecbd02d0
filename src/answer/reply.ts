/**
 * A model's reply made into plain text before its citations are checked.
 * Real models do not always answer as the prompt asks: gpt-4o-mini, Qwen and
 * DeepSeek use Markdown by default, some wrap the answer in JSON or a code
 * fence, and most open with a line announcing what follows ("好的，以下是…：").
 * Staff paste drafts into documents and read answers in Telegram, where
 * "**" and "##" show as they are.
 */

/** A reasoning model's thoughts, when the server leaves them in the reply (DeepSeek-R1, Qwen3 on vLLM or Ollama). */
const REASONING = /<(think|thinking|reasoning)>[\s\S]*?<\/\1>/gi;
/** A reasoning block that never closed (the reply was cut off inside it): everything after it is thought. */
const UNCLOSED_REASONING = /<(think|thinking|reasoning)>[\s\S]*$/i;

/** The reply without a reasoning model's thoughts; empty when it was nothing but thoughts. */
export function withoutReasoning(reply: string): string {
  return reply.replace(REASONING, "").replace(UNCLOSED_REASONING, "").trim();
}

/** A first line that only announces what follows: "好的，以下是根据上述资料起草的一段文字：", "Here is the answer:". */
const PREAMBLE = /^(?:好的|好|当然|可以|以下是|下面是|根据(?:您|你)?(?:提供|给出)?的|依据(?:上述|以上)|here is|here's|sure)[^\n]{0,60}[：:]\s*$/i;

/** Field names a JSON-wrapped reply keeps its text in. */
const TEXT_FIELDS = ["answer", "draft", "text", "content", "reply", "回答", "答案"];

/**
 * The reply as plain text: reasoning dropped, a JSON wrapper or a code fence
 * around the whole reply unwrapped, Markdown removed (heading lines and code
 * blocks inside it dropped; bold, quote and bullet marks and rules taken
 * off), and a first line that only announces what follows, or a note that
 * it all comes from the sources, left out. Citation markers ([1]) are kept.
 */
export function tidyReply(reply: string): string {
  let text = withoutReasoning(reply);
  const fenced = /^```[a-z]*\s*\n([\s\S]*?)\n?```\s*$/i.exec(text);
  if (fenced) text = fenced[1]!.trim();
  text = fromJson(text) ?? text;
  const lines = text
    // A code block inside an answer is never its content ("```\n来源：资料1、2\n```").
    .replace(/^```[^\n]*\n[\s\S]*?^```\s*$/gm, "")
    .split("\n")
    // A heading is a label ("## 回答"), and a note about the sources says nothing ("> 注：以上内容均来自所提供资料。").
    .filter((line) => !/^\s{0,3}#{1,6}\s/.test(line) && !/^[\s>]*(?:注|说明|备注)[：:][^\n]*(?:资料|文档|材料)[^\n]*$/.test(line))
    .map((line) =>
      line
        .replace(/^\s*>\s?/, "")
        .replace(/^\s*[-*+•]\s+/, "")
        // Bold around words ("**要点**"), not a run of stars ("OPENAI_API_KEY=***", a redacted secret).
        .replace(/\*\*([^*\n]+?)\*\*/g, "$1")
        .replace(/__([^_\n]+?)__/g, "$1")
        .replace(/^\s*(?:-{3,}|\*{3,}|_{3,})\s*$/, "")
        .trimEnd(),
    );
  while (lines.length && !lines[0]!.trim()) lines.shift();
  if (lines.length > 1 && PREAMBLE.test(lines[0]!.trim()) && !/\[\d+\]/.test(lines[0]!)) lines.shift();
  return lines.join("\n").replace(/\n{3,}/g, "\n\n").trim();
}

/** The text of a reply that is a JSON object holding it in a known field. */
function fromJson(text: string): string | undefined {
  if (!/^\{[\s\S]*\}$/.test(text)) return undefined;
  try {
    const value = JSON.parse(text) as Record<string, unknown>;
    const field = TEXT_FIELDS.find((f) => typeof value[f] === "string" && (value[f] as string).trim());
    return field ? (value[field] as string).trim() : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Where a reply cut off at the token limit last finished a sentence (after its
 * citation marks and closing quotes): Chinese or English end punctuation (a
 * full stop not inside a number, "3.5", nor a list's "2."), or a line of a list that ends with
 * its citation and no punctuation.
 */
const SENTENCE_END = /(?:[。！？!?]|(?<!(?:^|\n)[ \t]*\d{1,3})\.(?![\p{L}\p{N}]))(?:[”’」』)）"'])*(?:\[\d+\])*|(?:\[\d+\])+(?=[ \t]*\n)/gu;

/**
 * A reply the server cut off at the token limit, up to its last finished
 * sentence: an unfinished one ("三是") is not shown. Empty when no sentence
 * was finished.
 */
export function finishedSentences(reply: string): string {
  let end = 0;
  for (const m of reply.matchAll(SENTENCE_END)) end = m.index + m[0].length;
  return reply.slice(0, end).trim();
}

/**
 * Hostile questions — empty, 10,000 characters, only emoji, HTML/Markdown
 * injection, control characters — through the answer service (the real CLI,
 * `ask --json`) and through the bot (grammY handleUpdate with a recording
 * transformer, the real answer service over an index of data/docs behind
 * it): a clear answer each, and every message the bot sends is valid
 * Telegram HTML.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import * as msg from "../../src/answer/messages.js";
import type { AnswerService, AskResult } from "../../src/answer/types.js";
import { loadPrompts } from "../../src/answer/prompts.js";
import { createAnswerService, searchableText } from "../../src/answer/service.js";
import type { Retriever } from "../../src/retrieve/types.js";
import { formatAnswer } from "../../src/bot/format.js";
import { TEXT, USAGE, mentionUsage, tooLongText } from "../../src/bot/texts.js";
import { makeHarness, privateChat, textMessage, ALICE, type Harness } from "../bot/helpers.js";
import { SEEDS, oneJsonDocument, runCli, seedLines } from "../helpers/cli.js";
import { realService, removeTempDirs, seedIndex } from "./helpers.js";
import { telegramHtmlProblems, telegramHtmlText } from "./telegram-html.js";

/** 10,000 characters of real corpus text (004, from line 11 on). */
const LONG = seedLines(SEEDS.s004).slice(10).join("").replace(/\s+/g, "").slice(0, 10_000);
const EMOJI = "😀🎉👍🏻🇨🇳";
const HTML = "<b>政务公开</b><script>alert('x')</script></a> 有哪些做法？";
const MARKDOWN = "[点此查看](javascript:alert(1)) **政务网**建设布点了多少个？";
/** "政务网建设布点了多少个？" (004 lines 15–17 answer it: 23) with C0, DEL, C1 and zero-width characters inside. */
const CONTROLS = "政务网\u0000建设\u0007布点\u001f了\u007f多少\u0085个\u200b？\u0008";
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200B]/;

let indexDir = "";
let service: AnswerService;

beforeAll(async () => {
  indexDir = await seedIndex();
  service = await realService(indexDir);
}, 60_000);

afterAll(() => removeTempDirs());

describe("the Telegram HTML validator", () => {
  test("accepts what Telegram accepts and names what it would reject", () => {
    expect(telegramHtmlProblems('<b>来源</b>\n<i>注意</i> &lt;script&gt; &amp; &quot; &#39; <a href="https://example.org/?a=1&amp;b=2">链接</a>')).toEqual([]);
    expect(telegramHtmlProblems("<blockquote>原文</blockquote><pre><code class=\"language-ts\">x</code></pre>")).toEqual([]);
    expect(telegramHtmlProblems("<script>alert(1)</script>")).toContain("unsupported tag <script>");
    expect(telegramHtmlProblems("a < b")).toEqual(["unescaped < at 2"]);
    expect(telegramHtmlProblems("x > y").join()).toMatch(/unescaped >/);
    expect(telegramHtmlProblems("A & B").join()).toMatch(/unescaped or unsupported &/);
    expect(telegramHtmlProblems("&nbsp;").join()).toMatch(/unsupported &/);
    expect(telegramHtmlProblems("<b><i>x</b></i>").join()).toMatch(/closes <i>/);
    expect(telegramHtmlProblems("<b>x").join()).toMatch(/unclosed <b>/);
    expect(telegramHtmlProblems("</a>x").join()).toMatch(/closes nothing/);
    expect(telegramHtmlProblems('<a href="javascript:alert(1)">x</a>').join()).toMatch(/unsupported href/);
    expect(telegramHtmlProblems("<blockquote><blockquote>x</blockquote></blockquote>").join()).toMatch(/inside <blockquote>/);
    expect(telegramHtmlProblems("x\u0000y").join()).toMatch(/control character U\+0000/);
    expect(telegramHtmlProblems("\uD83D").join()).toMatch(/lone surrogate/);
    expect(telegramHtmlProblems("政".repeat(4097)).join()).toMatch(/limit 4096/);
    expect(telegramHtmlProblems("<b> </b>")).toEqual(["no visible text"]);
    expect(telegramHtmlText("<b>a</b> &lt;&amp;&#20013;")).toBe("a <&中");
  });
});

describe("through the answer service: `policybot ask --json`", () => {
  test("an empty question is wrong usage (exit 2, a JSON error); a blank one is answered with a sentence", async () => {
    const empty = await runCli(["ask", "", "--json", "--index", indexDir]);
    expect(empty.code).toBe(2);
    expect(oneJsonDocument(empty.stdout)).toEqual({ error: "ask needs a QUESTION or --stdin" });

    const blank = await runCli(["ask", "  \t ", "--json", "--index", indexDir]);
    expect(blank.code, blank.stderr).toBe(0);
    expect(oneJsonDocument(blank.stdout)).toMatchObject({ found: false, answer: msg.EMPTY_QUESTION, citations: [] });
  });

  test("long, emoji, HTML, Markdown and control-character questions each get a clear answer", async () => {
    const questions = [LONG, EMOJI, HTML, MARKDOWN, CONTROLS];
    const r = await runCli(["ask", "--stdin", "--json", "--index", indexDir], { input: questions.join("\n") + "\n" });
    expect(r.code, r.stderr).toBe(0);
    const answers = r.stdout.trim().split("\n").map((l) => JSON.parse(l) as AskResult);
    expect(answers).toHaveLength(questions.length);
    for (const a of answers) {
      expect(a.answer.trim().length).toBeGreaterThan(0);
      expect(a.answer).not.toMatch(CONTROL_CHARS);
      expect(a.question).not.toMatch(CONTROL_CHARS);
      expect(a.answer).not.toContain("<script");
      // either an answer with citations, or a sentence saying why not
      if (a.found) expect(a.citations.length).toBeGreaterThan(0);
      else expect(a.citations).toEqual([]);
    }
    const [long, emoji, html, markdown, controls] = answers;
    expect(long).toMatchObject({ found: false, answer: msg.tooLong(2000, "问题") });
    // nothing but emoji: nothing to search for, said as such (not "the documents do not cover it")
    expect(emoji).toMatchObject({ found: false, answer: msg.NOTHING_TO_SEARCH, citations: [] });
    // the markup is not searched for: the question is
    expect(html!.question).toBe(HTML);
    expect(html!.standalone).toBe("政务公开 有哪些做法？");
    expect(html).toMatchObject({ found: true });
    expect(html!.answer).toContain("政务公开");
    expect(markdown!.standalone).toBe("[点此查看] 政务网建设布点了多少个？");
    expect(markdown!.answer).toContain("23个");
    expect(controls!.question).toBe("政务网建设布点了多少个？");
    expect(controls).toMatchObject({ found: true });
    expect(controls!.answer).toContain("23个");
  }, 30_000);
});

describe("through the bot: handleUpdate, recording transformer, real answer service", () => {
  let h: Harness;

  beforeAll(() => {
    h = makeHarness({ maxQuestionChars: 2000 });
    const real = service;
    h.service.askImpl = (q, o) => real.ask(q, o);
    h.service.draftImpl = (q, o) => real.draft(q, o);
    h.service.findImpl = (t) => real.find(t);
    h.service.sourcesImpl = () => real.sources();
  });

  /** Sends a message and returns the bot's messages in reply to it (all must be valid Telegram HTML). */
  async function ask(text: string, opts: Parameters<typeof textMessage>[1] = {}): Promise<string[]> {
    const update = textMessage(text, opts);
    const id = update.message.message_id as number;
    const before = h.sent().length;
    await h.send(update);
    const replies = h.sent().slice(before);
    expect(replies.length, `replies to ${JSON.stringify(text.slice(0, 40))}`).toBeGreaterThan(0);
    for (const p of replies) {
      expect((p.reply_parameters as { message_id: number }).message_id).toBe(id);
      expect(p.parse_mode).toBe("HTML");
      expect(telegramHtmlProblems(String(p.text)), String(p.text)).toEqual([]);
    }
    if (process.env.SHOW_SENT) for (const p of replies) console.log(String(p.text).slice(0, 400));
    return replies.map((p) => String(p.text));
  }

  test("empty: the usage hint", async () => {
    expect(await ask("/ask")).toEqual([USAGE.ask]);
    expect(await ask("/ask@PolicyTestBot  \t ")).toEqual([USAGE.ask]);
    expect(await ask("@PolicyTestBot")).toEqual([mentionUsage("PolicyTestBot")]);
  });

  test("10,000 characters: refused with the length, without asking the service", async () => {
    const calls = h.service.calls.length;
    expect(await ask(`/ask ${LONG}`)).toEqual([tooLongText(10_000, 2000)]);
    expect(h.service.calls.length).toBe(calls);
  });

  test("only emoji: nothing to search for, said once", async () => {
    const [reply, ...more] = await ask(`/ask ${EMOJI}`);
    expect(more).toEqual([]);
    expect(telegramHtmlText(reply!)).toBe(msg.NOTHING_TO_SEARCH);
  });

  test("emoji around a topic the documents lack: not covered, said once", async () => {
    const [reply, ...more] = await ask(`/ask ${EMOJI} 量子计算机的散热方案是什么？`);
    expect(more).toEqual([]);
    expect(telegramHtmlText(reply!).startsWith(msg.NOT_COVERED)).toBe(true);
    // the service's answer names the nearest documents (if any) itself: the bot does not list them again
    expect(reply).not.toContain(TEXT.nearestHeading);
  });

  test("HTML and Markdown injection is shown as text, never as markup", async () => {
    for (const q of [HTML, MARKDOWN, "</a></b><a href=\"javascript:alert(1)\">点我</a> 政务公开"]) {
      const replies = await ask(`/ask ${q}`);
      for (const reply of replies) {
        expect(reply).not.toMatch(/<(script|a)\b/);
        expect(reply).not.toContain("javascript:alert(1)\">");
      }
      expect(telegramHtmlText(replies.join("\n"))).toMatch(/政务公开|政务网/);
    }
    for (const text of [`/find ${HTML}`, `@PolicyTestBot ${HTML}`]) await ask(text);
    // an extractive draft lists its sources itself: not a second time
    const [draft, ...rest] = await ask(`/draft ${MARKDOWN}`);
    expect(rest).toEqual([]);
    expect(draft).toContain("（根据以下资料摘编）");
    expect(draft).not.toContain(`<b>${TEXT.sourcesHeading}</b>`);
    // in a private chat any text is a question
    await ask(HTML, { chat: privateChat(ALICE) });
  });

  test("control characters: removed, and the question is answered", async () => {
    const replies = await ask(`/ask ${CONTROLS}`);
    const text = replies.map(telegramHtmlText).join("\n");
    expect(text).toContain("23个");
    expect(text).toContain(TEXT.sourcesHeading);
  });
});

describe("markup in questions", () => {
  test("searchableText drops HTML tags, Markdown link targets and emphasis, and keeps markup-only text", () => {
    expect(searchableText(HTML)).toBe("政务公开 有哪些做法？");
    expect(searchableText(MARKDOWN)).toBe("[点此查看] 政务网建设布点了多少个？");
    expect(searchableText('<a href="https://x.org/?a=1&b=2">政务公开</a>')).toBe("政务公开");
    expect(searchableText("a < b 且 c > d")).toBe("a < b 且 c > d");
    expect(searchableText("<b></b>")).toBe("<b></b>");
  });
});

describe("not-found answers from the answer service name the nearest documents once", () => {
  test("formatAnswer does not repeat a list the answer already holds", async () => {
    const nearest = [{ file: SEEDS.s004, article: "政府办公室年度工作总结 篇2", score: 0.2 }];
    const r: AskResult = { question: "q", mode: "extractive", found: false, answer: msg.withNearest(msg.NOT_COVERED, nearest), citations: [], nearest };
    const html = formatAnswer(r);
    expect(telegramHtmlProblems(html)).toEqual([]);
    expect(html.split("政府办公室年度工作总结 篇2")).toHaveLength(2);
    expect(html).not.toContain(TEXT.nearestHeading);
    // an answer that does not list them still gets the list
    expect(formatAnswer({ ...r, answer: msg.NOT_COVERED })).toContain(`<b>${TEXT.nearestHeading}</b>`);
  });

  test("documents that match nothing of the question are not offered as nearest", async () => {
    const doc = (rank: number, score: number, article: string) => ({ rank, score, file: SEEDS.s004, article, lineStart: 1, lineEnd: 9, sections: [] });
    const retriever: Retriever = {
      search: async (query) => ({ query, normalized: query, confident: false, results: [] }),
      find: async (query) => ({ query, confident: false, documents: [doc(1, 0.3, "篇1"), doc(2, 0, "篇2"), doc(3, 0, "篇3")] }),
    };
    const r = await createAnswerService({ retriever, prompts: loadPrompts() }).ask("😀 量子计算机的散热方案");
    expect(r.nearest).toEqual([{ file: SEEDS.s004, article: "篇1", score: 0.3 }]);
    expect(r.answer).not.toContain("篇2");
  });
});

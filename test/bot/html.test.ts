import { describe, expect, test } from "vitest";
import { escapeAttr, escapeHtml, htmlToPlain, splitHtml, TELEGRAM_TEXT_LIMIT } from "../../src/bot/html.js";
import { docLines } from "./helpers.js";

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function balanced(part: string): boolean {
  const stack: string[] = [];
  for (const m of part.matchAll(/<(\/?)([a-z-]+)[^>]*>/g)) {
    if (m[1]) {
      if (stack.pop() !== m[2]) return false;
    } else stack.push(m[2]!);
  }
  return stack.length === 0;
}

describe("escaping", () => {
  test("escapeHtml escapes &, < and > only", () => {
    expect(escapeHtml(`<script>alert("x")</script> & 'q'`)).toBe(`&lt;script&gt;alert("x")&lt;/script&gt; &amp; 'q'`);
  });
  test("escapeAttr also escapes quotes", () => {
    expect(escapeAttr(`a"b'c<&>`)).toBe("a&quot;b&#39;c&lt;&amp;&gt;");
  });
  test("htmlToPlain drops tags and decodes entities", () => {
    expect(htmlToPlain("<b>来源</b>\n&lt;script&gt; &amp; &quot;x&quot; &#39;y&#39; &#20013;")).toBe(`来源\n<script> & "x" 'y' 中`);
  });
});

describe("splitHtml", () => {
  test("a message within the limit is one part", () => {
    expect(splitHtml("<b>标题</b>\n正文")).toEqual(["<b>标题</b>\n正文"]);
    expect(splitHtml("  \n ")).toEqual([]);
  });

  test("prefers paragraph boundaries", () => {
    const paragraphs = [13, 17, 21, 25, 29, 33, 37, 41].map((n) => escapeHtml(docLines(n, n)));
    const html = [...paragraphs, ...paragraphs].join("\n\n");
    const parts = splitHtml(html);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) {
      expect(p.length).toBeLessThanOrEqual(TELEGRAM_TEXT_LIMIT);
      expect(paragraphs.some((para) => p.startsWith(para))).toBe(true);
      expect(paragraphs.some((para) => p.endsWith(para))).toBe(true);
    }
    expect(parts.join("\n\n")).toBe(html);
  });

  test("falls back to line, then sentence, then whitespace boundaries", () => {
    const line = "第一句话在这里。第二句话也在这里！";
    const lines = Array.from({ length: 6 }, (_, i) => `${i}${line}`);
    expect(splitHtml(lines.join("\n"), 60)).toEqual([lines.slice(0, 3).join("\n"), lines.slice(3).join("\n")]);

    const sentences = "甲乙丙丁戊己庚辛。".repeat(12);
    const byStop = splitHtml(sentences, 40);
    for (const p of byStop) expect(p.endsWith("。")).toBe(true);
    expect(byStop.join("")).toBe(sentences);

    const words = "alpha beta gamma delta ".repeat(10).trim();
    const byWord = splitHtml(words, 30);
    for (const p of byWord) expect(p.length).toBeLessThanOrEqual(30);
    expect(byWord.join(" ")).toBe(words);
  });

  test("a hard cut never breaks an entity or a surrogate pair", () => {
    const amp = "&amp;".repeat(2000);
    const parts = splitHtml(amp);
    expect(parts.length).toBeGreaterThan(2);
    for (const p of parts) {
      expect(p).toMatch(/^(&amp;)+$/);
      expect(p.length).toBeLessThanOrEqual(TELEGRAM_TEXT_LIMIT);
    }
    expect(parts.join("")).toBe(amp);

    const emoji = "😀".repeat(5000);
    const eparts = splitHtml(emoji);
    for (const p of eparts) expect(LONE_SURROGATE.test(p)).toBe(false);
    expect(eparts.join("")).toBe(emoji);
  });

  test("tags open at a split are closed and reopened with their attributes", () => {
    const inner = Array.from({ length: 40 }, (_, i) => `第${i}段 &lt;原文&gt; 内容。`).join("\n\n");
    const html = `<b>来源</b>\n<blockquote><a href="https://example.org/?a=1&amp;b=&quot;2&quot;">${inner}</a></blockquote>\n结尾`;
    const parts = splitHtml(html, 200);
    expect(parts.length).toBeGreaterThan(3);
    for (const [i, p] of parts.entries()) {
      expect(p.length).toBeLessThanOrEqual(200);
      expect(balanced(p), p).toBe(true);
      if (i > 0 && i < parts.length - 1) {
        expect(p.startsWith('<blockquote><a href="https://example.org/?a=1&amp;b=&quot;2&quot;">')).toBe(true);
        expect(p.endsWith("</a></blockquote>")).toBe(true);
      }
      expect(p).not.toMatch(/&[a-z]*$/);
    }
    expect(parts.at(-1)!.endsWith("结尾")).toBe(true);
    // nothing visible is lost or duplicated
    const visible = (s: string) => htmlToPlain(s).replace(/\s+/g, "");
    expect(parts.map(visible).join("")).toBe(visible(html));
  });
});

/**
 * A validator for Telegram's HTML parse mode, as documented at
 * https://core.telegram.org/bots/api#html-style:
 * - only the supported tags (b strong i em u ins s strike del span.tg-spoiler
 *   tg-spoiler a[href] tg-emoji[emoji-id] code pre blockquote[expandable]);
 * - every <, > and & outside a tag or an entity is escaped; named entities are
 *   only &lt; &gt; &amp; &quot; (numeric entities are all allowed);
 * - tags balanced and properly nested; no entity nested in pre/code (except
 *   code in pre); no blockquote in a blockquote; a[href] only http(s) or tg:;
 * - at most 4096 characters of text after parsing, and not empty;
 * - well-formed UTF-16 (no lone surrogates), no control characters but \n and \t.
 * Returns the problems found; an empty list means Telegram would accept it.
 */

export const TELEGRAM_MAX_TEXT = 4096;

const NAMED_ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"' };

interface TagRule {
  /** Attribute name → required (true) or optional (false). */
  attrs: Record<string, boolean>;
}

const TAGS: Record<string, TagRule> = {
  b: { attrs: {} },
  strong: { attrs: {} },
  i: { attrs: {} },
  em: { attrs: {} },
  u: { attrs: {} },
  ins: { attrs: {} },
  s: { attrs: {} },
  strike: { attrs: {} },
  del: { attrs: {} },
  "tg-spoiler": { attrs: {} },
  span: { attrs: { class: true } },
  a: { attrs: { href: true } },
  "tg-emoji": { attrs: { "emoji-id": true } },
  code: { attrs: { class: false } },
  pre: { attrs: {} },
  blockquote: { attrs: { expandable: false } },
};

function decodeEntity(body: string): string | undefined {
  if (body.startsWith("#x") || body.startsWith("#X")) {
    const n = parseInt(body.slice(2), 16);
    return /^[0-9a-fA-F]+$/.test(body.slice(2)) && n <= 0x10ffff ? String.fromCodePoint(n) : undefined;
  }
  if (body.startsWith("#")) {
    const n = Number(body.slice(1));
    return /^\d+$/.test(body.slice(1)) && n <= 0x10ffff ? String.fromCodePoint(n) : undefined;
  }
  return NAMED_ENTITIES[body];
}

function parseAttrs(raw: string): Record<string, string> | string {
  const attrs: Record<string, string> = {};
  let rest = raw.trim();
  while (rest) {
    const m = /^([a-zA-Z][a-zA-Z0-9-]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'))?\s*/.exec(rest);
    if (!m) return `cannot parse attributes ${JSON.stringify(raw)}`;
    attrs[m[1]!.toLowerCase()] = m[2] ?? m[3] ?? "";
    rest = rest.slice(m[0].length);
  }
  return attrs;
}

export function telegramHtmlProblems(html: string): string[] {
  const problems: string[] = [];
  if (/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(html)) problems.push("lone surrogate");
  // eslint-disable-next-line no-control-regex
  const ctl = /[\u0000-\u0008\u000B-\u001F\u007F]/.exec(html);
  if (ctl) problems.push(`control character U+${ctl[0].charCodeAt(0).toString(16).padStart(4, "0")} at ${ctl.index}`);

  const stack: string[] = [];
  let text = "";
  let i = 0;
  while (i < html.length) {
    const ch = html[i]!;
    if (ch === "<") {
      const end = html.indexOf(">", i);
      if (end < 0) {
        problems.push(`unescaped < at ${i}`);
        i++;
        continue;
      }
      const inner = html.slice(i + 1, end);
      const m = /^(\/?)([a-zA-Z][a-zA-Z0-9-]*)(\s[^<]*)?$/.exec(inner);
      if (!m || inner.includes("<")) {
        problems.push(`unescaped < at ${i}: ${JSON.stringify(html.slice(i, Math.min(end + 1, i + 40)))}`);
        i++;
        continue;
      }
      const closing = m[1] === "/";
      const name = m[2]!.toLowerCase();
      const rule = TAGS[name];
      if (!rule) problems.push(`unsupported tag <${closing ? "/" : ""}${name}>`);
      if (closing) {
        if (m[3]?.trim()) problems.push(`closing tag </${name}> has attributes`);
        const open = stack.pop();
        if (open !== name) problems.push(`</${name}> closes ${open ? `<${open}>` : "nothing"}`);
      } else {
        const attrs = parseAttrs(m[3] ?? "");
        if (typeof attrs === "string") problems.push(`<${name}>: ${attrs}`);
        else if (rule) {
          for (const [a, required] of Object.entries(rule.attrs)) if (required && !(a in attrs)) problems.push(`<${name}> without ${a}`);
          for (const a of Object.keys(attrs)) if (!(a in rule.attrs)) problems.push(`<${name}> with unsupported attribute ${a}`);
          if (name === "a" && attrs.href !== undefined) {
            const href = attrs.href.replace(/&amp;/g, "&");
            if (!/^(https?:\/\/|tg:\/\/)\S+$/i.test(href)) problems.push(`<a> with unsupported href ${JSON.stringify(href)}`);
          }
          if (name === "span" && attrs.class !== "tg-spoiler") problems.push(`<span> must have class="tg-spoiler"`);
        }
        if (stack.includes("pre") && !(name === "code" && stack[stack.length - 1] === "pre")) problems.push(`<${name}> inside <pre>`);
        if (stack.includes("code")) problems.push(`<${name}> inside <code>`);
        if (name === "blockquote" && stack.includes("blockquote")) problems.push("<blockquote> inside <blockquote>");
        stack.push(name);
      }
      i = end + 1;
      continue;
    }
    if (ch === ">") {
      problems.push(`unescaped > at ${i}`);
      text += ch;
      i++;
      continue;
    }
    if (ch === "&") {
      const m = /^&(#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);/.exec(html.slice(i, i + 12));
      const decoded = m ? decodeEntity(m[1]!) : undefined;
      if (!m || decoded === undefined) {
        problems.push(`unescaped or unsupported & at ${i}: ${JSON.stringify(html.slice(i, i + 10))}`);
        text += ch;
        i++;
        continue;
      }
      text += decoded;
      i += m[0].length;
      continue;
    }
    text += ch;
    i++;
  }
  if (stack.length) problems.push(`unclosed ${stack.map((t) => `<${t}>`).join("")}`);
  if (text.trim() === "") problems.push("no visible text");
  if (text.length > TELEGRAM_MAX_TEXT) problems.push(`text is ${text.length} UTF-16 units (limit ${TELEGRAM_MAX_TEXT})`);
  return problems;
}

/** The visible text of valid Telegram HTML (tags removed, entities decoded). */
export function telegramHtmlText(html: string): string {
  return html
    .replace(/<\/?[a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>]*)?>/g, "")
    .replace(/&(#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z]+);/g, (all, body: string) => decodeEntity(body) ?? all);
}

/**
 * Telegram HTML: escaping, and splitting a long message into parts that each
 * fit Telegram's limit, never inside a tag or an entity, with tags balanced
 * in every part (closed at the end of a part, reopened at the start of the
 * next one).
 */

export const TELEGRAM_TEXT_LIMIT = 4096;

/** Escapes text for the body of a Telegram HTML message (&, <, >). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : "&gt;"));
}

/** Escapes text for a double-quoted attribute value (also quotes). */
export function escapeAttr(text: string): string {
  return escapeHtml(text).replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

/** Plain text of a Telegram HTML fragment: tags dropped, entities decoded. */
export function htmlToPlain(html: string): string {
  return html
    .replace(TAG_RE_GLOBAL, "")
    .replace(/&(lt|gt|quot|amp|#39|#(\d+)|#x([0-9a-fA-F]+));/g, (_m, name: string, dec?: string, hex?: string) => {
      if (dec) return String.fromCodePoint(Number(dec));
      if (hex) return String.fromCodePoint(parseInt(hex, 16));
      return ({ lt: "<", gt: ">", quot: '"', amp: "&", "#39": "'" } as Record<string, string>)[name] ?? "";
    });
}

const TAG_SOURCE = String.raw`<\/?[a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>]*)?>`;
const ENTITY_SOURCE = String.raw`&(?:[a-zA-Z][a-zA-Z0-9]*|#[0-9]+|#[xX][0-9a-fA-F]+);`;
const TAG_RE_GLOBAL = new RegExp(TAG_SOURCE, "g");
/** One token: a tag, an entity, or one code point of text. */
const TOKEN_RE = new RegExp(`${TAG_SOURCE}|${ENTITY_SOURCE}|[\\s\\S]`, "gu");
const TAG_RE = new RegExp(`^${TAG_SOURCE}$`);

interface OpenTag {
  name: string;
  raw: string;
}

/** The tags open at a position; shared between positions while unchanged. */
interface Stack {
  tags: readonly OpenTag[];
  openLen: number;
  closeLen: number;
}

interface Token {
  raw: string;
  /** Position of the token in the source. */
  pos: number;
  isTag: boolean;
}

const EMPTY_STACK: Stack = { tags: [], openLen: 0, closeLen: 0 };

function makeStack(tags: readonly OpenTag[]): Stack {
  let openLen = 0;
  let closeLen = 0;
  for (const t of tags) {
    openLen += t.raw.length;
    closeLen += t.name.length + 3;
  }
  return { tags, openLen, closeLen };
}

function openers(stack: Stack): string {
  return stack.tags.map((t) => t.raw).join("");
}

function closers(stack: Stack): string {
  return stack.tags
    .map((t) => `</${t.name}>`)
    .reverse()
    .join("");
}

function tokenize(html: string): { tokens: Token[]; stacks: Stack[] } {
  const tokens: Token[] = [];
  /** stacks[k]: tags open before token k (k = 0..tokens.length). */
  const stacks: Stack[] = [EMPTY_STACK];
  let stack = EMPTY_STACK;
  for (const m of html.matchAll(TOKEN_RE)) {
    const raw = m[0];
    const isTag = raw.length > 2 && raw.startsWith("<") && TAG_RE.test(raw);
    tokens.push({ raw, pos: m.index, isTag });
    if (isTag) {
      const name = /^<\/?([a-zA-Z][a-zA-Z0-9-]*)/.exec(raw)?.[1]?.toLowerCase() ?? "";
      if (raw.startsWith("</")) {
        const at = stack.tags.map((t) => t.name).lastIndexOf(name);
        if (at >= 0) stack = makeStack(stack.tags.slice(0, at));
      } else {
        stack = makeStack([...stack.tags, { name, raw }]);
      }
    }
    stacks.push(stack);
  }
  return { tokens, stacks };
}

const SENTENCE_END = new Set(["。", "！", "？", "；", "!", "?", ";", "…"]);

/**
 * How good a break between tokens k-1 and k is: 4 paragraph (after a blank
 * line), 3 line, 2 sentence, 1 whitespace, 0 anywhere else.
 */
function breakRanks(tokens: Token[]): Uint8Array {
  const ranks = new Uint8Array(tokens.length + 1);
  let last = ""; // last text token
  let prev = ""; // the one before it
  for (let k = 1; k <= tokens.length; k++) {
    const t = tokens[k - 1]!;
    if (!t.isTag) {
      prev = last;
      last = t.raw;
    }
    const next = tokens[k];
    let rank = 0;
    if (last === "\n") rank = prev === "\n" ? 4 : 3;
    else if (SENTENCE_END.has(last) || (last === "." && (next === undefined || /^\s$/.test(next.raw)))) rank = 2;
    else if (/^\s$/.test(last)) rank = 1;
    ranks[k] = rank;
  }
  return ranks;
}

function hasVisibleText(body: string): boolean {
  return body.replace(TAG_RE_GLOBAL, "").trim().length > 0;
}

/**
 * Splits Telegram HTML into parts of at most `limit` characters (tags and
 * entities included, so the visible text is always within Telegram's limit).
 * Prefers paragraph boundaries, then line, then sentence, then whitespace
 * boundaries; never splits inside a tag, an entity or a surrogate pair.
 * Tags open at a split are closed at the end of the part and reopened at the
 * start of the next. Parts with no visible text are dropped.
 */
export function splitHtml(html: string, limit: number = TELEGRAM_TEXT_LIMIT): string[] {
  if (html.length <= limit) return hasVisibleText(html) ? [html.trim()] : [];
  const { tokens, stacks } = tokenize(html);
  const ranks = breakRanks(tokens);
  const posOf = (k: number): number => (k < tokens.length ? tokens[k]!.pos : html.length);
  const parts: string[] = [];
  /** A break this close to the start is only taken when nothing better fits. */
  const minChunk = Math.floor(limit / 4);
  let a = 0;
  while (a < tokens.length) {
    const start = stacks[a]!;
    const startPos = posOf(a);
    let best = -1;
    let bestRank = -1;
    let lastFit = -1;
    for (let b = a + 1; b <= tokens.length; b++) {
      const bodyLen = posOf(b) - startPos;
      if (start.openLen + bodyLen > limit) break;
      if (start.openLen + bodyLen + stacks[b]!.closeLen > limit) continue;
      lastFit = b;
      const rank = bodyLen >= minChunk || b === tokens.length ? ranks[b]! : 0;
      if (b === tokens.length) {
        best = b;
        bestRank = 5;
      } else if (rank >= bestRank) {
        best = b;
        bestRank = rank;
      }
    }
    let b = bestRank > 0 ? best : lastFit;
    if (b <= a) b = a + 1; // pathological nesting: take one token and move on
    const body = html.slice(startPos, posOf(b)).trim();
    if (hasVisibleText(body)) parts.push(openers(start) + body + closers(stacks[b]!));
    a = b;
  }
  return parts;
}

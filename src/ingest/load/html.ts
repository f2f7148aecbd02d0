/**
 * HTML pages: decode with the declared or detected charset, keep the main
 * text only, one line per block element.
 */
import * as cheerio from "cheerio";
import iconv from "iconv-lite";

import { LoadError } from "../../util/errors.js";
import { binaryReason, decodeAs, decodeUtf8Strict, detectBom, guessLegacyEncoding, sampleOf } from "./txt.js";

export interface HtmlText {
  text: string;
  encoding: string;
}

/** domhandler's node type, as cheerio accepts it (domhandler is not a direct dependency). */
type CheerioNode = Exclude<Parameters<typeof cheerio.load>[0], string | Buffer | unknown[]>;

/** Minimal structural view of cheerio's (domhandler's) nodes. */
interface DomNode {
  type: string;
  data?: string;
  name?: string;
  attribs?: Record<string, string>;
  children?: DomNode[];
  parent?: DomNode | null;
}

// ---------------------------------------------------------------- charset

/** WHATWG-style label → the name we report and decode with. */
function canonicalCharset(label: string): string | undefined {
  const l = label.trim().toLowerCase();
  // Browsers decode gb2312/gbk labels as GBK; GB18030 is a strict superset.
  if (/^(gb2312|gbk|x-gbk|gb_2312(-80)?|csgb2312|chinese|iso-ir-58|gb18030|cp936|windows-936)$/.test(l)) return "GB18030";
  if (/^(big5|big5-hkscs|cn-big5|csbig5|x-x-big5|cp950)$/.test(l)) return "Big5";
  // A page that can declare "utf-16" in ASCII is not UTF-16 (WHATWG rule).
  if (/^(utf-?8|unicode-1-1-utf-8|utf-?16(le|be)?)$/.test(l)) return "UTF-8";
  if (/^(iso-8859-1|latin1|us-ascii|ascii)$/.test(l)) return "windows-1252";
  return iconv.encodingExists(l) ? l : undefined;
}

/** Charset from <meta charset>, <meta http-equiv content="...; charset=">, or an XML declaration. */
export function declaredCharset(bytes: Uint8Array): string | undefined {
  // The declaration must be in the first 1024 bytes per the spec; allow more for sloppy pages.
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 4096)).toString("latin1");
  const meta = /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head);
  if (meta?.[1]) return canonicalCharset(meta[1]);
  const xml = /^\s*<\?xml\b[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head);
  if (xml?.[1]) return canonicalCharset(xml[1]);
  return undefined;
}

function hasNonAscii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x80) return true;
  return false;
}

/** Decode HTML bytes: BOM, then valid UTF-8, then the declared charset, then detection. */
export function decodeHtml(bytes: Uint8Array, file: string): HtmlText {
  if (bytes.length === 0) throw new LoadError(file, "empty file");
  const bom = detectBom(bytes);
  if (bom) {
    const text = decodeAs(bytes.subarray(bom.length), bom.encoding);
    return { text, encoding: bom.encoding };
  }
  const why = binaryReason(bytes.subarray(0, 64 * 1024));
  if (why) throw new LoadError(file, why);
  const utf8 = decodeUtf8Strict(bytes);
  const declared = declaredCharset(bytes);
  // Valid non-ASCII UTF-8 wins over a declared legacy charset: mislabelled
  // pages are common, GBK bytes that happen to be valid UTF-8 are not.
  if (utf8 !== undefined && (declared === undefined || declared === "UTF-8" || hasNonAscii(bytes))) {
    return { text: utf8, encoding: "UTF-8" };
  }
  if (declared !== undefined && declared !== "UTF-8") return { text: decodeAs(bytes, declared), encoding: declared };
  // No usable declaration, or "UTF-8" declared on bytes that are not: detect.
  const guessed = guessLegacyEncoding(sampleOf(bytes));
  return { text: decodeAs(bytes, guessed), encoding: guessed };
}

// ------------------------------------------------------------- main text

/** Never content. Removed before anything else. */
const JUNK_SELECTOR = [
  "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas", "map",
  "nav", "aside", "form", "button", "select", "textarea", "input", "label", "dialog", "footer",
  "[role=navigation]", "[role=banner]", "[role=contentinfo]", "[role=complementary]", "[role=search]",
  "[hidden]", "[aria-hidden=true]",
].join(", ");

const MAIN_SELECTOR = "article, main, [role=main]";

/** class/id words that mark boilerplate blocks on sites without semantic tags. */
const BOILERPLATE_WORDS = new Set([
  "nav", "navbar", "navigation", "menu", "breadcrumb", "breadcrumbs", "crumb", "sidebar", "footer",
  "copyright", "share", "sharing", "social", "advert", "advertisement", "ads", "pagination", "pager",
  "toolbar", "topbar", "login", "friendlink", "friendlinks",
]);

const BLOCK = new Set([
  "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog", "dir",
  "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
  "header", "hgroup", "hr", "html", "legend", "li", "main", "menu", "nav", "ol", "p", "pre", "section",
  "summary", "table", "tbody", "tfoot", "thead", "tr", "ul",
]);

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/g;
const WORD = /[A-Za-z0-9]/g;

/** Content weight of a text: Chinese characters count fully, Latin letters a quarter. */
function weight(s: string): number {
  return (s.match(CJK)?.length ?? 0) + (s.match(WORD)?.length ?? 0) / 4;
}

interface Weights {
  /** Text weight without link text: navigation is mostly links. */
  content: Map<DomNode, number>;
  /** Text weight including links. */
  all: Map<DomNode, number>;
}

/** Weights of every element, in one pass. */
function weighTree(root: DomNode): Weights {
  const content = new Map<DomNode, number>();
  const all = new Map<DomNode, number>();
  const visit = (node: DomNode): [number, number] => {
    if (node.type === "text") {
      const w = weight(node.data ?? "");
      return [w, w];
    }
    if (!node.children) return [0, 0];
    let c = 0;
    let a = 0;
    for (const child of node.children) {
      const [cc, aa] = visit(child);
      c += cc;
      a += aa;
    }
    if (node.name === "a") c = 0;
    content.set(node, c);
    all.set(node, a);
    return [c, a];
  };
  visit(root);
  return { content, all };
}

function isElement(n: DomNode): boolean {
  return n.type === "tag" || n.type === "script" || n.type === "style";
}

function contains(ancestor: DomNode, node: DomNode): boolean {
  for (let n: DomNode | null | undefined = node; n; n = n.parent) if (n === ancestor) return true;
  return false;
}

/** Holds block elements (a container), as opposed to a paragraph of inline text. */
function hasBlockChild(node: DomNode): boolean {
  return (node.children ?? []).some((c) => isElement(c) && (BLOCK.has(c.name ?? "") || c.name === "td"));
}

/**
 * The element holding the main text: the best <article>/<main>/role=main if
 * it carries a fair share of the page's text. Otherwise start at <body> and
 * step into the child with the most text as long as everything beside it is
 * link lists or empty: losing a title or a date line is worse than keeping a
 * stray line of boilerplate, which the clean stage can still drop.
 */
function chooseMain($: cheerio.CheerioAPI, body: DomNode, w: Weights): DomNode {
  const score = (n: DomNode): number => w.content.get(n) ?? 0;
  const total = score(body);
  const semantic = $(MAIN_SELECTOR).toArray() as unknown as DomNode[];
  if (semantic.length > 0) {
    let best = semantic[0]!;
    for (const el of semantic) if (score(el) > score(best)) best = el;
    // An outer <main> around an <article>: prefer the article when it holds nearly all the text.
    for (const el of semantic) {
      if (el !== best && contains(best, el) && score(el) >= 0.8 * score(best)) best = el;
    }
    if (total === 0 || score(best) >= 0.25 * total) return best;
  }
  const boilerplateLike = (n: DomNode): boolean => {
    const all = w.all.get(n) ?? 0;
    return score(n) < 3 || (all - score(n)) / all > 0.5;
  };
  let current = body;
  for (;;) {
    const kids = (current.children ?? []).filter(isElement);
    let top: DomNode | undefined;
    for (const k of kids) if (!top || score(k) > score(top)) top = k;
    if (!top || !hasBlockChild(top) || score(top) < 0.5 * score(current)) return current;
    if (!kids.every((k) => k === top || boilerplateLike(k))) return current;
    current = top;
  }
}

/** Text length of a subtree, or Infinity once it holds a table or exceeds `limit`. */
function cellTextLength(node: DomNode, limit: number): number {
  let n = 0;
  const visit = (x: DomNode): boolean => {
    if (x.type === "text") n += (x.data ?? "").length;
    else if (x.name === "table") return false;
    for (const c of x.children ?? []) if (!visit(c)) return false;
    return n <= limit;
  };
  return visit(node) ? n : Infinity;
}

/**
 * Renders a subtree as lines: block elements and <br> break lines. A table
 * row becomes one line with tab-separated cells, unless a cell is long or
 * holds a nested table (a layout table around a whole article): then its
 * blocks keep their own lines.
 */
export class LineWriter {
  readonly lines: string[] = [];
  private line = "";
  /** > 0 inside a table cell rendered on its row's line. */
  private soft = 0;

  flush(): void {
    const t = this.line
      .replace(/[ \t\u00a0\u3000]+$/u, "")
      .replace(/^[ \u00a0\u3000]+|(?<=\t)[ \u00a0\u3000]+|[ \u00a0\u3000]+(?=\t)/gu, "")
      .replace(/^\t+/, "");
    if (t.replace(/\t/g, "") !== "") this.lines.push(t);
    this.line = "";
  }

  private breakLine(): void {
    if (this.soft === 0) this.flush();
    else if (this.line !== "" && !/[ \t]$/.test(this.line)) this.line += " ";
  }

  private text(s: string): void {
    if (this.line === "" || /[ \t]$/.test(this.line)) s = s.replace(/^ +/, "");
    this.line += s;
  }

  private cell(): void {
    if (this.line.trim() !== "") this.line = this.line.replace(/ +$/, "") + "\t";
  }

  write(node: DomNode, pre = false): void {
    if (node.type === "text") {
      const data = node.data ?? "";
      if (pre) {
        data.split(/\r\n?|\n/).forEach((part, i) => {
          if (i > 0) this.breakLine();
          this.line += part;
        });
        return;
      }
      // A line break in the source between two Chinese characters is not a
      // space (the page was just wrapped); elsewhere whitespace collapses.
      const collapsed = data
        .replace(/(?<=[\u3000-\u9fff\uff00-\uffef])[ \t\r\n]*\n[ \t\r\n]*(?=[\u3000-\u9fff\uff00-\uffef])/g, "")
        .replace(/[ \t\r\n\f]+/g, " ");
      this.text(collapsed);
      return;
    }
    if (!isElement(node) && node.type !== "root") return; // comments, directives, CDATA
    const name = node.name ?? "";
    if (name === "br") {
      this.breakLine();
      return;
    }
    if (name === "td" || name === "th") {
      this.cell();
      const inline = cellTextLength(node, 300) !== Infinity;
      if (inline) this.soft++;
      for (const child of node.children ?? []) this.write(child, pre);
      if (inline) this.soft--;
      return;
    }
    const block = BLOCK.has(name);
    if (block) this.breakLine();
    for (const child of node.children ?? []) this.write(child, pre || name === "pre" || name === "textarea");
    if (block) this.breakLine();
  }
}

/** All text of an HTML fragment as lines (no main-content selection), e.g. mammoth's output. */
export function renderHtmlLines(html: string, remove?: string): string[] {
  const $ = cheerio.load(html, null, false);
  if (remove) $(remove).remove();
  const writer = new LineWriter();
  writer.write($.root().get(0) as unknown as DomNode);
  writer.flush();
  return writer.lines;
}

/** Main text of an HTML document, one line per block. */
export function htmlToText(html: string): string {
  const $ = cheerio.load(html);
  $(JUNK_SELECTOR).remove();
  // A page-level <header> is the site banner; one inside the article holds its title.
  $("header")
    .filter((_, el) => $(el).closest(MAIN_SELECTOR).length === 0)
    .remove();

  const body = ($("body").get(0) ?? $.root().get(0)) as unknown as DomNode;
  const before = weighTree(body).content;
  const total = before.get(body) ?? 0;
  $("[class], [id]").each((_, el) => {
    const node = el as unknown as DomNode;
    if (node === body || node.name === "html") return;
    const words = `${node.attribs?.["class"] ?? ""} ${node.attribs?.["id"] ?? ""}`.toLowerCase().split(/[\s_-]+/);
    if (!words.some((w) => BOILERPLATE_WORDS.has(w))) return;
    // Guard against a content block with an unlucky class name.
    if ((before.get(node) ?? 0) > 0.5 * total || $(el).find(MAIN_SELECTOR).length > 0) return;
    $(el).remove();
  });

  const main = chooseMain($, body, weighTree(body));
  const writer = new LineWriter();
  // The title often sits outside the content block; keep it as the first line.
  if (main !== body && $(main as unknown as CheerioNode).find("h1").length === 0 && main.name !== "h1") {
    const h1 = $("h1")
      .toArray()
      .find((el) => $(el).text().trim() !== "");
    if (h1) {
      writer.write(h1 as unknown as DomNode);
      writer.flush();
    }
  }
  writer.write(main);
  writer.flush();
  return writer.lines.join("\n");
}

export function loadHtml(bytes: Uint8Array, file: string): HtmlText {
  const { text: html, encoding } = decodeHtml(bytes, file);
  const text = htmlToText(html);
  if (!/\S/.test(text)) throw new LoadError(file, "no text content in HTML");
  return { text, encoding };
}

/**
 * Web-page boilerplate from the sites the seeds were scraped from. Rules work
 * on simplified text (they run after conversion) and each names the reason
 * shown by `inspect`.
 */
export interface BoilerplateRule {
  reason: string;
  test: (line: string) => boolean;
}

const SITE_WORDS = /小编|整理|范文|范例|易发表网|公务员之家|挑选|借鉴|欢迎阅读|供你|供您|仅供参考|原创内容|客服/;

export const BOILERPLATE_RULES: readonly BoilerplateRule[] = [
  { reason: "site introduction", test: (l) => /小编/.test(l) },
  { reason: "site introduction", test: (l) => /^(导语|引言|导读|摘要)[:：]/.test(l) && SITE_WORDS.test(l) },
  { reason: "time stamp", test: (l) => /^(发布)?时间[:：]\s*\d{4}[-/年]\d{1,2}[-/月]\d{1,2}/.test(l) },
  { reason: "copyright notice", test: (l) => /版权声明|我要投稿|本文由.*(整理|发布)|转载请注明/.test(l) && l.length < 60 },
  { reason: "download prompt", test: (l) => /word文档下载|方便收藏和打印|^推荐度[:：]?$|^(点击下载文档|搜索文档|下载文档|收藏本文)$/.test(l) },
  { reason: "link", test: (l) => /^\[[^\]]{1,30}\]\([^)]*\)$/.test(l) },
  { reason: "previous/next links", test: (l) => /上一篇[:：].*下一篇[:：]|^(上一篇|下一篇)[:：]/.test(l) },
  { reason: "page number", test: (l) => /^[-—–]\s*\d{1,3}\s*[-—–]$|^第\s*\d{1,3}\s*页(\s*共\s*\d+\s*页)?$/.test(l) },
  { reason: "document info header", test: isDocumentInfo },
  { reason: "reference list", test: (l) => REFERENCES_HEADER.test(l) || isReferenceEntry(l) },
];

/**
 * The information box of a law or policy database page, fields in lenticular
 * brackets: "【发布文号】闽政办[2007]60号【发布日期】2007-04-11【生效日期】…
 * 【失效日期】【所属类别】政策参考【文件来源】福建省" (004 lines 195, 395). A line
 * that starts with such a field and has two or more of them.
 */
const INFO_FIELD = /【(发布文号|发文字号|文号|索引号|发布日期|发文日期|成文日期|生效日期|施行日期|实施日期|失效日期|时效性|效力级别|所属类别|主题分类|文件来源|发布机关|发文机关|发布单位|发布部门)】/g;

function isDocumentInfo(line: string): boolean {
  return /^【[^】]{2,6}】/.test(line) && (line.match(INFO_FIELD)?.length ?? 0) >= 2;
}

/**
 * A bibliography: its heading ("参考文献：") and each entry, which names the
 * kind of work cited in brackets after its title, GB/T 7714 style ("NYPD
 * CompStat[EB/OL]. [2008-08-28].", "…Police Management[M]. New York: …",
 * "张三.电子政务研究[J].中国行政管理,2008(3)"; 003 lines 88–94). Body text
 * citing a source ("巴尔的摩市CitiStat[2]") has a number there, not a kind.
 */
const REFERENCES_HEADER = /^(主要)?(参考文献|参考资料|引用文献)[:：]?$/;
const CITED_KIND = /[[［]\s*(EB\/OL|DB\/OL|CP\/DK|[MJNC]\/OL|[MCNJDRSPAGZ])\s*[\]］]\s*([.．。,，:：/]|$)/;

export function isReferenceEntry(line: string): boolean {
  const m = CITED_KIND.exec(line);
  // The kind follows the author and title: a paragraph whose sentences end before it is not an entry.
  return m !== null && m.index < 300 && !/[。！？；]/.test(line.slice(0, m.index));
}

/** "【…】相关文章:" starts a list of related titles, each usually ending with a date such as "12-09". */
export const RELATED_HEADER = /^【[^】]{1,60}】\s*相关(文章|推荐|阅读)[:：]?$|^相关(文章|推荐|阅读)[:：]$/;
export const RELATED_ITEM = /^.{2,60}?(\d{2}-\d{2}|（精选\d+篇）|\(精选\d+篇\))$/;

/**
 * Boilerplate is a short line: the longest in the seeds is a reference entry
 * of about 250 characters. A longer line is text, whatever words it holds: a
 * document scraped without line breaks is one line that starts with a date and
 * says 小编 somewhere, and dropping it would drop the document.
 */
export const MAX_BOILERPLATE_CHARS = 400;

export function boilerplateReason(line: string): string | undefined {
  if (line.length > MAX_BOILERPLATE_CHARS) return undefined;
  for (const rule of BOILERPLATE_RULES) if (rule.test(line)) return rule.reason;
  return undefined;
}

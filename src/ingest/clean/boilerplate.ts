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
];

/** "【…】相关文章:" starts a list of related titles, each usually ending with a date such as "12-09". */
export const RELATED_HEADER = /^【[^】]{1,60}】\s*相关(文章|推荐|阅读)[:：]?$|^相关(文章|推荐|阅读)[:：]$/;
export const RELATED_ITEM = /^.{2,60}?(\d{2}-\d{2}|（精选\d+篇）|\(精选\d+篇\))$/;

export function boilerplateReason(line: string): string | undefined {
  for (const rule of BOILERPLATE_RULES) if (rule.test(line)) return rule.reason;
  return undefined;
}

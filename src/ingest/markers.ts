/**
 * Article markers in compilations: "实行零报告制度篇一", "篇1",
 * "政府办公室年度工作总结 篇8", and titles ending in an ordinal
 * ("高质量发展综合绩效考核自评报告2") when the compilation title is known.
 */
const PIAN = /^(.{0,40}?)\s*篇\s*([一二三四五六七八九十]{1,3}|\d{1,2})$/;

export interface ArticleMarker {
  /** Text before 篇, e.g. "政府办公室年度工作总结"; empty for a bare "篇1". */
  prefix: string;
  ordinal: string;
}

export function parsePianMarker(line: string): ArticleMarker | null {
  const m = PIAN.exec(line.trim());
  if (!m) return null;
  const prefix = m[1]!.trim();
  // A sentence that happens to end in 篇N is not a marker.
  if (/[，。；：,;:]/.test(prefix)) return null;
  return { prefix, ordinal: m[2]! };
}

export function isArticleMarker(line: string): boolean {
  return parsePianMarker(line) !== null;
}

/** "实行零报告制度(通用5篇)" → "实行零报告制度". */
export function compilationBaseTitle(title: string): string {
  return title
    .replace(/[（(](通用|精选|优选|热门|推荐|汇总|合集)?\s*\d+\s*篇[)）]$/, "")
    .replace(/(范文|范例|例文)?(通用|精选)?\d+篇$/, "")
    .trim();
}

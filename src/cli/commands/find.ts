import type { Context } from "../context.js";
import { openRetriever } from "../../app.js";
import type { FindResult } from "../../answer/types.js";
import { print, printJson } from "../output.js";
import { normalizeQuery } from "../../text/normalize.js";
import { documentName, documentPath, lineRange, notInDocuments, onlyInTitles, placeInArticle, titledWith } from "../../answer/messages.js";

/** The human form, also used by the terminal chat and the bot. */
export function formatFind(res: FindResult): string {
  const topic = normalizeQuery(res.query) || res.query;
  const absent = res.absent?.length ? [`${notInDocuments(res.absent)}。`] : [];
  if (res.documents.length === 0 || !res.confident) {
    const near = res.documents.slice(0, 3).map((d) => `  · ${d.article}（${d.file}）`);
    return [`文档中没有找到专门讲“${topic}”的材料。`, ...absent, ...(near.length ? ["最接近的文档：", ...near] : [])].join("\n");
  }
  const lines = res.titleOnly?.length
    ? [onlyInTitles(res.titleOnly), titledWith(res.titleOnly)]
    : absent.length
      ? [...absent, `与“${topic}”最接近的材料：`]
      : [`讲到“${topic}”的材料：`];
  for (const d of res.documents) {
    lines.push(`${d.rank}. ${documentName(d)}（${d.file}，${lineRange(d.lineStart, d.lineEnd)}）`);
    for (const s of d.sections) lines.push(`   - ${placeInArticle({ ...s, article: documentPath(d) })}：${s.snippet}`);
  }
  return lines.join("\n");
}

export async function runFind(ctx: Context, topic: string, opts: { k: number }): Promise<void> {
  const r = await openRetriever(ctx.config, ctx.indexDir);
  const res = await r.find(topic, { k: opts.k });
  if (ctx.json) printJson({ query: res.query, confident: res.confident, ...(res.absent ? { absent: res.absent } : {}), ...(res.titleOnly ? { titleOnly: res.titleOnly } : {}), documents: res.documents });
  else print(formatFind(res));
}

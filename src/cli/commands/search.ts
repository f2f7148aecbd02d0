import type { Context } from "../context.js";
import { openRetriever } from "../../app.js";
import type { HybridRetriever } from "../../retrieve/hybrid.js";
import type { SearchResponse } from "../../retrieve/types.js";
import { eachStdinLine, print, printJson } from "../output.js";
import { FIGURE_NAMES } from "../../retrieve/answer-type.js";
import { notInDocuments } from "../../answer/messages.js";

export function searchJson(res: SearchResponse) {
  return {
    query: res.query,
    confident: res.confident,
    ...(res.titleOnly ? { titleOnly: res.titleOnly } : {}),
    ...(res.absent ? { absent: res.absent } : {}),
    ...(res.officeAffairs ? { officeAffairs: res.officeAffairs } : {}),
    ...(res.missing ? { missing: res.missing } : {}),
    results: res.results.map((r) => ({
      rank: r.rank,
      score: r.score,
      id: r.chunk.id,
      file: r.chunk.file,
      article: r.chunk.article,
      section: r.chunk.section,
      text: r.chunk.text,
      lineStart: r.chunk.lineStart,
      lineEnd: r.chunk.lineEnd,
    })),
  };
}

export function formatSearch(res: SearchResponse): string {
  if (res.results.length === 0) return `没有找到与“${res.query}”相关的内容。`;
  const lines = res.titleOnly
    ? [`（“${res.titleOnly.join("”“")}”只出现在材料标题中，正文没有讲到）`]
    : res.officeAffairs
      ? [`（“${res.officeAffairs.join("”“")}”是单位内部事务，文档没有涉及）`]
    : res.absent && !res.confident
      ? [`（${notInDocuments(res.absent)}）`]
    : res.missing
      ? [`（相关段落没有给出所问的${FIGURE_NAMES[res.missing]}）`]
      : res.confident
        ? []
        : ["（相关度较低：文档可能没有直接涉及这个问题）"];
  for (const r of res.results) {
    const c = r.chunk;
    lines.push(`${r.rank}. ${c.section}  —  ${c.file}:${c.lineStart}-${c.lineEnd}  (${r.score.toFixed(4)})`);
    lines.push(`   ${c.text.replace(/\s+/g, " ").slice(0, 160)}${c.text.length > 160 ? "…" : ""}`);
  }
  return lines.join("\n");
}

export async function runSearch(ctx: Context, query: string | undefined, opts: { k: number; stdin?: boolean }, retriever?: HybridRetriever): Promise<void> {
  const r = retriever ?? (await openRetriever(ctx.config, ctx.indexDir));
  if (opts.stdin) return eachStdinLine({ key: "query", error: "empty query" }, async (q) => searchJson(await r.search(q, { k: opts.k })));
  const res = await r.search(query ?? "", { k: opts.k });
  if (ctx.json) printJson(searchJson(res));
  else print(formatSearch(res));
}

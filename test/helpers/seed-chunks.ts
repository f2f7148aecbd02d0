import { processSource } from "../../src/ingest/process.js";
import type { Chunk } from "../../src/ingest/types.js";
import { SEEDS, seedText } from "./cli.js";

const cache = new Map<string, Chunk[]>();

/** The chunks ingestion makes of a seed file (clean → split → chunk), computed once per file. */
export function seedChunks(file: string): Chunk[] {
  let chunks = cache.get(file);
  if (!chunks) {
    chunks = processSource({ path: "", file, format: "txt", encoding: "UTF-8", text: seedText(file) }).articles.flatMap((a) => a.chunks);
    cache.set(file, chunks);
  }
  return chunks;
}

/**
 * The chunk of 004 篇6 that packs two short sections, "五、因政府信息公开申请行政复议……"
 * (line 309) and "六、政府信息公开工作存在的主要问题及改进情况" (lines 311–317), under the
 * article alone.
 */
export function packedChunk004(): Chunk {
  const c = seedChunks(SEEDS.s004).find((x) => x.text.includes("公开目录的设置还不够科学合理"));
  if (!c) throw new Error("004: the chunk holding section 六 of 篇6 is missing");
  return c;
}

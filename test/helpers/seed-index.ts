import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { DOCS } from "./cli.js";
import { ingest } from "../../src/ingest/pipeline.js";
import { LocalNgramEmbeddings } from "../../src/embed/local.js";
import { readIndex } from "../../src/index/store.js";
import { HybridRetriever } from "../../src/retrieve/hybrid.js";

/** The seed corpus (data/docs) ingested into a temporary index, with the default retriever over it; `remove` deletes the index. */
export async function seedRetriever(prefix: string): Promise<{ retriever: HybridRetriever; remove: () => Promise<void> }> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), prefix));
  const indexDir = path.join(tmp, "index");
  const embedder = new LocalNgramEmbeddings();
  await ingest({ paths: [DOCS], indexDir, embedder });
  return { retriever: new HybridRetriever(await readIndex(indexDir), embedder), remove: () => rm(tmp, { recursive: true, force: true }) };
}

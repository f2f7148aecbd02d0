import type { Config } from "./config.js";
import type { Embedder } from "./embed/types.js";
import { LocalNgramEmbeddings } from "./embed/local.js";
import { OpenAIEmbedder } from "./embed/openai.js";
import { readIndex } from "./index/store.js";
import { HybridRetriever } from "./retrieve/hybrid.js";

/** The composition root: builds the objects each command needs from the config. */
export function createEmbedder(config: Config): Embedder {
  const e = config.embedder;
  if (e.kind === "openai") return new OpenAIEmbedder({ apiKey: e.apiKey, model: e.model, ...(e.baseURL ? { baseURL: e.baseURL } : {}) });
  return new LocalNgramEmbeddings();
}

export async function openRetriever(config: Config, indexDir = config.indexDir): Promise<HybridRetriever> {
  const index = await readIndex(indexDir);
  const embedder = createEmbedder(config);
  if (index.manifest.embedder.id !== embedder.id) {
    // The index says which embedder built it; querying it with another would compare unrelated vectors.
    const { IndexError } = await import("./util/errors.js");
    throw new IndexError(`the index in ${indexDir} was built with ${index.manifest.embedder.id}, but EMBEDDER is ${embedder.id}: change EMBEDDER or run \`policybot ingest --rebuild\``);
  }
  return new HybridRetriever(index, embedder);
}

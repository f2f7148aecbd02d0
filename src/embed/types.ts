import type { EmbeddingsInterface } from "@langchain/core/embeddings";

/**
 * An embedder is LangChain's EmbeddingsInterface plus the identity the index
 * records, so an index built by one embedder is never queried with another.
 */
export interface Embedder extends EmbeddingsInterface {
  /** e.g. "local-ngram-v1", "openai:text-embedding-3-small". */
  readonly id: string;
  /** Vector length; for remote embedders known after the first call. */
  dimension(): Promise<number>;
}

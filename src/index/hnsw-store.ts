import { VectorStore } from "@langchain/core/vectorstores";
import { Document } from "@langchain/core/documents";
import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import { VectorIndex } from "./vector-index.js";

/**
 * The vector side behind LangChain's VectorStore shape, so that
 * `similaritySearch`, `asRetriever()` and friends work, and a server engine
 * can replace hnswlib later without touching retrieval. Scores returned are
 * cosine similarities (higher is better), unlike LangChain community's
 * HNSWLib store, which returns distances.
 */
export class HnswStore extends VectorStore {
  declare FilterType: (doc: Document) => boolean;
  private index: VectorIndex | undefined;
  private vectors: number[][] = [];
  private docs: Document[] = [];

  constructor(embeddings: EmbeddingsInterface, index?: VectorIndex, docs?: Document[]) {
    super(embeddings, {});
    this.index = index;
    if (docs) this.docs = docs;
  }

  _vectorstoreType(): string {
    return "policybot-hnsw";
  }

  async addVectors(vectors: number[][], documents: Document[]): Promise<string[]> {
    const start = this.docs.length;
    this.vectors.push(...vectors);
    this.docs.push(...documents);
    const dim = this.vectors[0]?.length ?? 0;
    const flat = new Float32Array(this.vectors.length * dim);
    this.vectors.forEach((v, i) => flat.set(v, i * dim));
    this.index = VectorIndex.build(flat, dim);
    return documents.map((d, i) => d.id ?? String(start + i));
  }

  async addDocuments(documents: Document[]): Promise<string[]> {
    return this.addVectors(await this.embeddings.embedDocuments(documents.map((d) => d.pageContent)), documents);
  }

  async similaritySearchVectorWithScore(query: number[], k: number, filter?: this["FilterType"]): Promise<[Document, number][]> {
    if (!this.index) return [];
    const hits = this.index.search(query, k, filter ? (label) => filter(this.docs[label]!) : undefined);
    return hits.map(([label, score]) => [this.docs[label]!, score]);
  }
}

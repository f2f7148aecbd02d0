import OpenAI from "openai";
import { Embeddings } from "@langchain/core/embeddings";
import type { Embedder } from "./types.js";
import { ServiceError } from "../util/errors.js";

/**
 * Any server speaking the OpenAI embeddings API (OpenAI, DeepSeek, Qwen,
 * vLLM, Ollama). Requests are batched; the SDK retries 408/409/429/5xx with
 * back-off (honouring Retry-After) up to `maxRetries` times.
 */
export interface OpenAIEmbedderOptions {
  apiKey: string;
  baseURL?: string;
  model: string;
  batchSize?: number;
  timeoutMs?: number;
  maxRetries?: number;
  /** For tests: a custom fetch. */
  fetch?: typeof fetch;
}

export class OpenAIEmbedder extends Embeddings implements Embedder {
  readonly id: string;
  private readonly client: OpenAI;
  private readonly model: string;
  private readonly batchSize: number;
  private dim: number | undefined;

  constructor(options: OpenAIEmbedderOptions) {
    super({});
    this.model = options.model;
    this.id = `openai:${options.model}`;
    this.batchSize = options.batchSize ?? 64;
    this.client = new OpenAI({
      apiKey: options.apiKey,
      baseURL: options.baseURL,
      timeout: options.timeoutMs ?? 60_000,
      maxRetries: options.maxRetries ?? 3,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
  }

  async dimension(): Promise<number> {
    if (this.dim === undefined) await this.embedQuery("维度");
    return this.dim!;
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    const out: number[][] = [];
    for (let i = 0; i < texts.length; i += this.batchSize) {
      out.push(...(await this.request(texts.slice(i, i + this.batchSize))));
    }
    return out;
  }

  async embedQuery(text: string): Promise<number[]> {
    const [v] = await this.request([text]);
    return v!;
  }

  private async request(input: string[]): Promise<number[][]> {
    let res: OpenAI.Embeddings.CreateEmbeddingResponse;
    try {
      res = await this.client.embeddings.create({ model: this.model, input });
    } catch (e) {
      const status = (e as { status?: number }).status;
      throw new ServiceError(`embedding request failed${status ? ` (HTTP ${status})` : ""}: ${e instanceof Error ? e.message.split("\n")[0] : String(e)}`, {
        cause: e,
        retryable: status === undefined || status === 429 || status >= 500,
        ...(status !== undefined ? { status } : {}),
      });
    }
    const data = Array.isArray(res?.data) ? [...res.data].sort((a, b) => a.index - b.index) : [];
    if (data.length !== input.length || data.some((d) => !Array.isArray(d.embedding) || d.embedding.length === 0)) {
      throw new ServiceError(`embedding server returned a malformed reply (${data.length} vectors for ${input.length} inputs)`);
    }
    const dim = data[0]!.embedding.length;
    if (this.dim !== undefined && dim !== this.dim) throw new ServiceError(`embedding dimension changed from ${this.dim} to ${dim}`);
    this.dim = dim;
    return data.map((d) => d.embedding);
  }
}

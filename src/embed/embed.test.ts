/**
 * The two embedders behind LangChain's Embeddings interface: the offline
 * default (deterministic, no network) and the OpenAI-compatible one, through
 * the real `openai` SDK against a stub server on 127.0.0.1 (batching,
 * retries, malformed replies, and a whole ingest with it). Texts are real
 * passages of the corpus.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Embeddings } from "@langchain/core/embeddings";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { startOpenAIStub, type OpenAIStub } from "../../test/helpers/openai-stub.js";
import { DOCS, SEEDS, seedLine } from "../../test/helpers/cli.js";
import { LocalNgramEmbeddings } from "./local.js";
import { OpenAIEmbedder } from "./openai.js";
import { ServiceError } from "../util/errors.js";
import { ingest } from "../ingest/pipeline.js";
import { readIndex } from "../index/store.js";
import { IndexError } from "../util/errors.js";

const passage = seedLine(SEEDS.s004, 17).replace(/\s+/g, "");
const traditional = seedLine(SEEDS.s001, 6); // "(一)農(nóng)村經(jīng)濟發(fā)展緩慢"

describe("LocalNgramEmbeddings", () => {
  const e = new LocalNgramEmbeddings();

  test("is a LangChain Embeddings with an id and a dimension", async () => {
    expect(e).toBeInstanceOf(Embeddings);
    expect(e.id).toBe("local-ngram-v1:512");
    expect(await e.dimension()).toBe(512);
    const [v] = await e.embedDocuments([passage]);
    expect(v).toHaveLength(512);
  });

  test("deterministic unit vectors; the same text in either script gets the same vector", async () => {
    const a = await e.embedQuery(passage);
    const b = await e.embedQuery(passage);
    expect(a).toEqual(b);
    expect(Math.hypot(...a)).toBeCloseTo(1, 5);
    expect(await e.embedQuery(traditional)).toEqual(await e.embedQuery("（一）农村经济发展缓慢"));
  });

  test("related text is closer than unrelated text", async () => {
    const dot = (x: number[], y: number[]) => x.reduce((s, v, i) => s + v * y[i]!, 0);
    const [p, q, other] = await e.embedDocuments([passage, "加强政务网维护和政务信息报送", seedLine(SEEDS.s001, 330)]);
    expect(dot(p!, q!)).toBeGreaterThan(dot(p!, other!));
  });
});

describe("OpenAIEmbedder (real openai client → stub on 127.0.0.1)", () => {
  let stub: OpenAIStub;
  beforeAll(async () => {
    stub = await startOpenAIStub({ dimensions: 8 });
  });
  afterAll(async () => stub.close());
  beforeEach(() => stub.reset());

  const embedder = (over: Partial<ConstructorParameters<typeof OpenAIEmbedder>[0]> = {}) =>
    new OpenAIEmbedder({ apiKey: "sk-embed-test", baseURL: stub.url, model: "stub-embed", batchSize: 2, maxRetries: 2, timeoutMs: 2000, ...over });

  test("batches inputs, keeps their order, learns the dimension and records the model in its id", async () => {
    const e = embedder();
    const texts = [passage, "政务公开", "信息化建设", "政府采购", "食品安全"];
    const vectors = await e.embedDocuments(texts);
    expect(vectors).toHaveLength(5);
    expect(e.id).toBe("openai:stub-embed");
    expect(await e.dimension()).toBe(8);
    const bodies = stub.requestsTo("embeddings").map((r) => r.body as { model: string; input: string[] });
    expect(bodies.map((b) => b.input.length)).toEqual([2, 2, 1]);
    expect(bodies.flatMap((b) => b.input)).toEqual(texts);
    expect(bodies.every((b) => b.model === "stub-embed")).toBe(true);
    // Same text, same vector: the order of the reply was kept.
    expect(vectors[1]).toEqual(await e.embedQuery("政务公开"));
  });

  test("retries a 500 and a 429, then succeeds", async () => {
    stub.enqueue("embeddings", { status: 500 }, { status: 429, headers: { "retry-after": "0" } });
    const [v] = await embedder().embedDocuments([passage]);
    expect(v).toHaveLength(8);
    expect(stub.requestsTo("embeddings")).toHaveLength(3);
  });

  test("gives up after its retries with a one-line ServiceError that does not contain the key", async () => {
    stub.enqueue("embeddings", { status: 503 }, { status: 503 }, { status: 503 });
    const err = await embedder().embedDocuments([passage]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServiceError);
    expect((err as ServiceError).message).toMatch(/HTTP 503/);
    expect((err as ServiceError).message).not.toContain("sk-embed-test");
    expect((err as ServiceError).retryable).toBe(true);
  });

  test("a reply with the wrong number of vectors is refused", async () => {
    stub.enqueue("embeddings", { embeddings: [[1, 0, 0]] });
    await expect(embedder().embedDocuments([passage, "政务公开"])).rejects.toThrow(/malformed/);
  });

  test("an index built with it records the embedder, and the local embedder is refused on it", async () => {
    const tmp = await mkdtemp(path.join(os.tmpdir(), "policybot-embed-"));
    try {
      const indexDir = path.join(tmp, "index");
      const report = await ingest({ paths: [path.join(DOCS, SEEDS.s004)], indexDir, embedder: embedder({ batchSize: 64 }) });
      expect(report.embedder).toEqual({ id: "openai:stub-embed", dim: 8 });
      const index = await readIndex(indexDir);
      expect(index.manifest.embedder).toEqual({ id: "openai:stub-embed", dim: 8 });
      expect(index.vectors.length).toBe(index.chunks.length * 8);
      await expect(ingest({ paths: [path.join(DOCS, SEEDS.s004)], indexDir, embedder: new LocalNgramEmbeddings() })).rejects.toBeInstanceOf(IndexError);
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { startOpenAIStub, type OpenAIStub } from "../../test/helpers/openai-stub.js";
import { createOpenAIChatModel, LLMServiceError, parseJsonReply, type ChatModel } from "./llm.js";
import { ServiceError } from "../util/errors.js";

const API_KEY = "sk-test-SECRET-0123456789";
const messages = [
  { role: "system" as const, content: "系统提示" },
  { role: "user" as const, content: "问题" },
];

let stub: OpenAIStub;
beforeAll(async () => {
  stub = await startOpenAIStub();
});
afterAll(async () => {
  await stub.close();
});
beforeEach(() => stub.reset());

function model(overrides: Partial<Parameters<typeof createOpenAIChatModel>[0]> = {}): ChatModel {
  return createOpenAIChatModel({ baseURL: stub.url, apiKey: API_KEY, model: "test-model", timeoutMs: 300, maxRetries: 1, ...overrides });
}

async function failure(p: Promise<unknown>): Promise<LLMServiceError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(LLMServiceError);
    expect(e).toBeInstanceOf(ServiceError);
    const err = e as LLMServiceError;
    expect(err.message).not.toContain(API_KEY);
    expect(String((err.cause as Error | undefined)?.message ?? "")).not.toContain(API_KEY);
    expect(err.message.split("\n")).toHaveLength(1);
    return err;
  }
  throw new Error("expected a failure");
}

describe("createOpenAIChatModel (real openai SDK against the stub)", () => {
  it("sends the model, messages and options, and returns the reply text", async () => {
    stub.enqueue("chat", { reply: "  回答内容[1]。 " });
    const text = await model().complete(messages, { maxTokens: 100, temperature: 0.1 });
    expect(text).toBe("回答内容[1]。");
    const [req] = stub.requestsTo("chat");
    expect(req!.path).toBe("/v1/chat/completions");
    expect(req!.hadAuthorization).toBe(true);
    expect(JSON.stringify(req!.headers)).not.toContain(API_KEY);
    expect(req!.body).toMatchObject({ model: "test-model", messages, max_tokens: 100, temperature: 0.1 });
  });

  it("retries a 500 and gives up with a one-line ServiceError carrying the status", async () => {
    stub.enqueue("chat", { status: 500 }, { status: 500 });
    const err = await failure(model({ maxRetries: 1 }).complete(messages));
    expect(err.kind).toBe("http");
    expect(err.status).toBe(500);
    expect(err.retryable).toBe(true);
    expect(stub.requestsTo("chat")).toHaveLength(2);
  });

  it("recovers when a retry succeeds", async () => {
    stub.enqueue("chat", { status: 503 }, { reply: "好" });
    await expect(model({ maxRetries: 2 }).complete(messages)).resolves.toBe("好");
    expect(stub.requestsTo("chat")).toHaveLength(2);
  });

  it("honours Retry-After on 429", async () => {
    stub.enqueue("chat", { status: 429, headers: { "retry-after": "1" } }, { reply: "好" });
    const t0 = Date.now();
    await expect(model({ maxRetries: 1 }).complete(messages)).resolves.toBe("好");
    expect(Date.now() - t0).toBeGreaterThanOrEqual(950);
    expect(stub.requestsTo("chat")).toHaveLength(2);
  });

  it("does not sleep through a Retry-After longer than it may wait", async () => {
    stub.enqueue("chat", { status: 429, headers: { "retry-after": "3600" } });
    const t0 = Date.now();
    const err = await failure(model({ maxRetries: 3, maxRetryWaitMs: 2000 }).complete(messages));
    expect(err.status).toBe(429);
    expect(Date.now() - t0).toBeLessThan(1500);
    expect(stub.requestsTo("chat")).toHaveLength(1);
  });

  it("a reply repeating a secret (a bot token a user pasted into the question) does not reach the chat", async () => {
    const token = "123456789:AAE-test-bot-token_abcdefghij";
    stub.enqueue("chat", { reply: `配置里的令牌是 ${token}，密钥是 ${API_KEY}[1]。` });
    const text = await model({ secrets: [token] }).complete(messages);
    expect(text).toContain("配置里的令牌是");
    expect(text).not.toContain(token);
    expect(text).not.toContain(API_KEY);
  });

  it("does not retry a 401, and never shows the key even if the server echoes it", async () => {
    stub.enqueue("chat", { status: 401, body: { error: { message: `Incorrect API key provided: ${API_KEY}` } } });
    const err = await failure(model({ maxRetries: 3 }).complete(messages));
    expect(err.status).toBe(401);
    expect(err.retryable).toBe(false);
    expect(stub.requestsTo("chat")).toHaveLength(1);
  });

  it("times out a hung server per attempt; total time is bounded", async () => {
    stub.enqueue("chat", { hang: true }, { hang: true }, { hang: true });
    const t0 = Date.now();
    const err = await failure(model({ timeoutMs: 300, maxRetries: 1 }).complete(messages));
    const elapsed = Date.now() - t0;
    expect(err.kind).toBe("timeout");
    // 2 attempts × 300 ms + one back-off (≤ 500 ms) + slack
    expect(elapsed).toBeLessThan(2500);
    expect(stub.requestsTo("chat")).toHaveLength(2);
  });

  it("times out a server that sends headers and then stalls", async () => {
    stub.enqueue("chat", { stall: true });
    const t0 = Date.now();
    const err = await failure(model({ timeoutMs: 300, maxRetries: 0 }).complete(messages));
    expect(err.kind).toBe("timeout");
    expect(Date.now() - t0).toBeLessThan(2000);
  });

  it("a reply slower than the timeout is a timeout", async () => {
    stub.enqueue("chat", { delayMs: 3000, then: { reply: "太晚了" } });
    const t0 = Date.now();
    const err = await failure(model({ timeoutMs: 300, maxRetries: 0 }).complete(messages));
    expect(err.kind).toBe("timeout");
    expect(Date.now() - t0).toBeLessThan(2000);
  });

  it("maps a dropped connection to a connection error naming the host, not the key", async () => {
    stub.enqueue("chat", { drop: true }, { drop: true });
    const err = await failure(model({ maxRetries: 1 }).complete(messages));
    expect(err.kind).toBe("connection");
    expect(err.message).toContain(`127.0.0.1:${stub.port}`);
  });

  it.each([
    ["not-json", "malformed"],
    ["no-choices", "empty"],
    ["empty-content", "empty"],
    ["wrong-shape", "malformed"],
  ] as const)("a malformed reply (%s) is a ServiceError (%s), not retried", async (malformed, kind) => {
    stub.enqueue("chat", { malformed });
    const err = await failure(model({ maxRetries: 2 }).complete(messages));
    expect(err.kind).toBe(kind);
    expect(stub.requestsTo("chat")).toHaveLength(1);
  });

  it("a plain-text body is malformed", async () => {
    stub.enqueue("chat", { raw: "<html>gateway</html>", contentType: "text/html" });
    const err = await failure(model().complete(messages));
    expect(err.kind).toBe("malformed");
  });

  it("stops at once when the caller aborts", async () => {
    stub.enqueue("chat", { hang: true });
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    const t0 = Date.now();
    await expect(model({ timeoutMs: 5000 }).complete(messages, { signal: ac.signal })).rejects.toMatchObject({ name: "AbortError" });
    expect(Date.now() - t0).toBeLessThan(1000);
  });

  it("cannot reach a closed port: connection error", async () => {
    const closed = await startOpenAIStub();
    const url = closed.url;
    await closed.close();
    const m = createOpenAIChatModel({ baseURL: url, apiKey: API_KEY, model: "m", timeoutMs: 300, maxRetries: 0 });
    const err = await failure(m.complete(messages));
    expect(err.kind).toBe("connection");
  });
});

describe("parseJsonReply", () => {
  const schema = z.object({ question: z.string() });
  it("reads JSON, also inside a ```json fence", () => {
    expect(parseJsonReply('{"question":"甲"}', schema)).toEqual({ question: "甲" });
    expect(parseJsonReply('```json\n{"question":"乙"}\n```', schema)).toEqual({ question: "乙" });
  });
  it("is a ServiceError when the reply is not JSON or has the wrong shape", () => {
    expect(() => parseJsonReply("不是JSON", schema)).toThrow(ServiceError);
    expect(() => parseJsonReply('{"q":1}', schema)).toThrow(/wrong shape/);
  });
});

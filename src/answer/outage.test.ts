import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startOpenAIStub, type OpenAIStub } from "../../test/helpers/openai-stub.js";
import { createOpenAIChatModel, LLMServiceError, type ChatModel } from "./llm.js";
import { isOutage, rememberOutages } from "./outage.js";
import { fallbackNotice } from "./messages.js";

const ASK = [{ role: "user" as const, content: "区政府发布了多少条政务信息？" }];

/** A model that fails or answers as scripted, counting its calls. */
function scripted() {
  const plan: Array<() => Promise<string>> = [];
  let calls = 0;
  const model: ChatModel = {
    async complete() {
      calls++;
      const next = plan.shift();
      if (!next) throw new Error("no behaviour scripted for this call");
      return next();
    },
  };
  return {
    model,
    calls: () => calls,
    fail: (e: LLMServiceError) => plan.push(() => Promise.reject(e)),
    answer: (text: string) => plan.push(() => Promise.resolve(text)),
    /** A call that stays pending until released. */
    hold: () => {
      let release!: (v: string) => void;
      plan.push(() => new Promise<string>((r) => (release = r)));
      return (v: string) => release(v);
    },
  };
}

const timeout = () => new LLMServiceError("timeout", "The LLM server did not answer within 30 s.", { retryable: true });
const refused = () => new LLMServiceError("connection", "Cannot reach the LLM server at http://127.0.0.1:9.", { retryable: true });

describe("rememberOutages", () => {
  let t = 0;
  const now = () => t;
  beforeEach(() => (t = 1_000_000));

  it("after a timeout, fails at once for the cool-down, marked remembered, without calling the server", async () => {
    const s = scripted();
    const chat = rememberOutages(s.model, { cooldownMs: 30_000, now });
    s.fail(timeout());
    await expect(chat.complete(ASK)).rejects.toMatchObject({ kind: "timeout", remembered: false });
    t += 29_000;
    const e = await chat.complete(ASK).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(LLMServiceError);
    expect(e).toMatchObject({ kind: "timeout", remembered: true });
    expect((e as Error).message).toMatch(/Not retried: the server has been failing for 29 s/);
    expect(s.calls()).toBe(1);
    expect(fallbackNotice(e, "answer")).toBe("大模型服务响应超时（刚才已失败，暂不重试），以下为根据文档原文摘录的回答。");
  });

  it("tries again after the cool-down; a success ends the outage", async () => {
    const s = scripted();
    const chat = rememberOutages(s.model, { cooldownMs: 30_000, now });
    s.fail(refused());
    await expect(chat.complete(ASK)).rejects.toMatchObject({ kind: "connection" });
    t += 30_000;
    s.answer("发布各类政务信息2916条[1]。");
    await expect(chat.complete(ASK)).resolves.toBe("发布各类政务信息2916条[1]。");
    s.answer("第二次回答[1]。");
    await expect(chat.complete(ASK)).resolves.toBe("第二次回答[1]。");
    expect(s.calls()).toBe(3);
  });

  it("doubles the cool-down while the server keeps failing, up to the most allowed", async () => {
    const s = scripted();
    const chat = rememberOutages(s.model, { cooldownMs: 30_000, maxCooldownMs: 100_000, now });
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      s.fail(timeout());
      await expect(chat.complete(ASK)).rejects.toMatchObject({ remembered: false });
      // Find when the next call goes through again, in steps of 1 s.
      let waited = 0;
      for (;;) {
        const e = await chat.complete(ASK).then(
          () => undefined,
          (x: LLMServiceError) => x,
        );
        // A call that reached the model consumed nothing scripted: the script is empty, so it throws a plain Error.
        if (!(e instanceof LLMServiceError)) break;
        t += 1000;
        waited += 1000;
      }
      waits.push(waited);
    }
    expect(waits).toEqual([30_000, 60_000, 100_000, 100_000]);
  });

  it("waits at least what a Retry-After asked", async () => {
    const s = scripted();
    const chat = rememberOutages(s.model, { cooldownMs: 30_000, now });
    s.fail(new LLMServiceError("http", "The LLM server is rate-limiting requests (HTTP 429).", { status: 429, retryable: true, retryAfterMs: 120_000 }));
    await expect(chat.complete(ASK)).rejects.toMatchObject({ status: 429 });
    t += 119_000;
    const e = await chat.complete(ASK).catch((x: unknown) => x);
    expect(e).toMatchObject({ remembered: true, status: 429 });
    expect(fallbackNotice(e, "draft")).toBe("大模型服务请求过于频繁（HTTP 429）（刚才已失败，暂不重试），以下为根据文档原文摘编的稿件。");
    t += 1000;
    s.answer("好[1]。");
    await expect(chat.complete(ASK)).resolves.toBe("好[1]。");
  });

  it("does not remember a failure the server answered with (5xx without Retry-After, a refused key, a malformed body)", async () => {
    const s = scripted();
    const chat = rememberOutages(s.model, { cooldownMs: 30_000, now });
    for (const e of [
      new LLMServiceError("http", "The LLM server failed (HTTP 500).", { status: 500, retryable: true }),
      new LLMServiceError("http", "The LLM server rejected the API key (HTTP 401).", { status: 401 }),
      new LLMServiceError("malformed", "The LLM server sent a malformed reply."),
    ]) {
      s.fail(e);
      await expect(chat.complete(ASK)).rejects.toBe(e);
      s.answer("回答[1]。");
      await expect(chat.complete(ASK)).resolves.toBe("回答[1]。");
    }
    expect(s.calls()).toBe(6);
  });

  it("lets one call try after the cool-down while the others still fail at once", async () => {
    const s = scripted();
    const chat = rememberOutages(s.model, { cooldownMs: 30_000, now });
    s.fail(timeout());
    await expect(chat.complete(ASK)).rejects.toMatchObject({ remembered: false });
    t += 30_000;
    const release = s.hold();
    const probe = chat.complete(ASK);
    await expect(chat.complete(ASK)).rejects.toMatchObject({ remembered: true });
    release("回来了[1]。");
    await expect(probe).resolves.toBe("回来了[1]。");
    s.answer("正常[1]。");
    await expect(chat.complete(ASK)).resolves.toBe("正常[1]。");
    expect(s.calls()).toBe(3);
  });

  it("does not count a call the caller cancelled", async () => {
    const s = scripted();
    const chat = rememberOutages(s.model, { cooldownMs: 30_000, now });
    const controller = new AbortController();
    controller.abort();
    s.fail(timeout());
    await expect(chat.complete(ASK, { signal: controller.signal })).rejects.toMatchObject({ kind: "timeout" });
    s.answer("回答[1]。");
    await expect(chat.complete(ASK)).resolves.toBe("回答[1]。");
  });

  it("is off with a cool-down of 0: every call reaches the model", async () => {
    const s = scripted();
    const chat = rememberOutages(s.model, { cooldownMs: 0, now });
    s.fail(timeout());
    await expect(chat.complete(ASK)).rejects.toMatchObject({ kind: "timeout" });
    s.answer("回答[1]。");
    await expect(chat.complete(ASK)).resolves.toBe("回答[1]。");
  });

  it("counts as an outage what one question does not ask again either", () => {
    expect(isOutage(timeout())).toBe(true);
    expect(isOutage(new LLMServiceError("http", "x", { status: 503 }))).toBe(true);
    expect(isOutage(new LLMServiceError("http", "x", { status: 401 }))).toBe(false);
    expect(isOutage(new LLMServiceError("empty", "x"))).toBe(false);
    expect(isOutage(new Error("x"))).toBe(false);
  });
});

describe("a server that hangs, through the real openai client", () => {
  let stub: OpenAIStub;
  beforeAll(async () => {
    stub = await startOpenAIStub();
  });
  afterAll(async () => {
    await stub.close();
  });

  it("is waited out once; the next question does not reach it until the cool-down has passed", async () => {
    let t = 0;
    const client = createOpenAIChatModel({ baseURL: stub.url, apiKey: "sk-outage-test", model: "stub-model", timeoutMs: 200, maxRetries: 1 });
    const chat = rememberOutages(client, { cooldownMs: 30_000, now: () => t });
    stub.enqueue("chat", { hang: true }, { hang: true });
    await expect(chat.complete(ASK)).rejects.toMatchObject({ kind: "timeout", remembered: false });
    expect(stub.requestsTo("chat")).toHaveLength(2);
    await expect(chat.complete(ASK)).rejects.toMatchObject({ kind: "timeout", remembered: true });
    expect(stub.requestsTo("chat")).toHaveLength(2);
    t += 30_000;
    stub.enqueue("chat", { reply: "发布各类政务信息2916条[1]。" });
    await expect(chat.complete(ASK)).resolves.toBe("发布各类政务信息2916条[1]。");
    expect(stub.requestsTo("chat")).toHaveLength(3);
  });
});

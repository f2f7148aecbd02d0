/**
 * An OpenAI-compatible HTTP server for tests (node:http on 127.0.0.1, a free
 * port). It records every request and answers /v1/chat/completions and
 * /v1/embeddings (and /v1/models) with behaviour programmed per call.
 *
 *   const stub = await startOpenAIStub();
 *   stub.enqueue("chat", { reply: "……[1]。" }, { status: 500 });
 *   const client = new OpenAI({ baseURL: stub.url, apiKey: "sk-test" });
 *   ...
 *   await stub.close();
 *
 * Behaviours (one is consumed per call; when the queue is empty the default
 * for the endpoint is used):
 *   { reply: "text" }                       chat completion with that content
 *   { embeddings: [[...], ...] }            embeddings (else a deterministic fake per input)
 *   { status: 429, headers: { "retry-after": "1" }, body?: {...} }   an HTTP error
 *   { hang: true }                          never answers (until close())
 *   { stall: true }                         sends 200 headers and part of a body, then nothing
 *   { drop: true }                          destroys the socket without a response
 *   { malformed: "not-json" | "no-choices" | "empty-content" | "wrong-shape" }
 *   { raw: "text", status?: 200, contentType?: "text/plain" }         any body
 *   { delayMs: 200, then: <behaviour> }     answers after a delay
 *   (request) => behaviour                  computed from the recorded request
 * Streaming chat requests ({ stream: true }) are answered as server-sent events.
 *
 * Recorded requests never include the Authorization (or api-key) header;
 * `hadAuthorization` says whether one was sent.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  method: string;
  /** Path with query, e.g. "/v1/chat/completions". */
  path: string;
  /** Lower-case header names; authorization and api-key removed. */
  headers: Record<string, string>;
  hadAuthorization: boolean;
  /** Parsed JSON body, or the raw text when it is not JSON. */
  body: unknown;
  rawBody: string;
  receivedAt: number;
}

export type StubBehaviour =
  | { reply: string; finishReason?: string; model?: string }
  | { embeddings: number[][] }
  | { status: number; body?: unknown; headers?: Record<string, string> }
  | { hang: true }
  | { stall: true }
  | { drop: true }
  | { malformed: "not-json" | "no-choices" | "empty-content" | "wrong-shape" }
  | { raw: string; status?: number; contentType?: string }
  | { delayMs: number; then: StubBehaviour };

export type StubHandler = StubBehaviour | ((request: RecordedRequest) => StubBehaviour | Promise<StubBehaviour>);

export type StubEndpoint = "chat" | "embeddings";

export interface OpenAIStubOptions {
  /** Default chat behaviour. Default { reply: "好的。" }. */
  chat?: StubHandler;
  /** Default embeddings behaviour. Default: fakeEmbedding of each input. */
  embeddings?: StubHandler;
  /** Dimensions of the default fake embeddings (or the request's `dimensions`). Default 16. */
  dimensions?: number;
}

export interface OpenAIStub {
  /** Base URL for the SDK: "http://127.0.0.1:<port>/v1". */
  url: string;
  port: number;
  /** Every request received, in order. */
  requests: RecordedRequest[];
  /** Requests to one endpoint. */
  requestsTo(endpoint: StubEndpoint): RecordedRequest[];
  /** Behaviours for the next calls to an endpoint, one per call. */
  enqueue(endpoint: StubEndpoint, ...behaviours: StubHandler[]): void;
  /** Behaviour once the queue is empty. */
  setDefault(endpoint: StubEndpoint, behaviour: StubHandler): void;
  /** Forgets requests and queued behaviours (defaults stay). */
  reset(): void;
  /** Closes the server and every open connection (hung requests included). */
  close(): Promise<void>;
}

/** A deterministic unit vector for a text (character unigrams and bigrams hashed into `dim` buckets). */
export function fakeEmbedding(text: string, dim = 16): number[] {
  const v = new Array<number>(dim).fill(0);
  const chars = [...text];
  const add = (s: string) => {
    let h = 2166136261;
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
    v[(h >>> 0) % dim]! += 1;
  };
  chars.forEach((c, i) => {
    add(c);
    if (i + 1 < chars.length) add(c + chars[i + 1]!);
  });
  const norm = Math.hypot(...v) || 1;
  return v.map((x) => x / norm);
}

function endpointOf(path: string): StubEndpoint | "models" | undefined {
  const p = path.split("?")[0]!.replace(/\/+$/, "");
  if (p.endsWith("/chat/completions")) return "chat";
  if (p.endsWith("/embeddings")) return "embeddings";
  if (p.endsWith("/models")) return "models";
  return undefined;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on("data", (d: Buffer) => parts.push(d));
    req.on("end", () => resolve(Buffer.concat(parts).toString("utf8")));
    req.on("error", reject);
  });
}

function sendJSON(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), ...headers });
  res.end(text);
}

function chatCompletion(content: string, model: string, finishReason = "stop") {
  return {
    id: `chatcmpl-stub-${Date.now()}`,
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message: { role: "assistant", content, refusal: null }, logprobs: null, finish_reason: finishReason }],
    usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
  };
}

function sendChatStream(res: ServerResponse, content: string, model: string, finishReason = "stop"): void {
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
  const base = { id: `chatcmpl-stub-${Date.now()}`, object: "chat.completion.chunk", created: Math.floor(Date.now() / 1000), model };
  const pieces = content.match(/[\s\S]{1,16}/g) ?? [];
  res.write(`data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta: { role: "assistant", content: "" }, finish_reason: null }] })}\n\n`);
  for (const p of pieces) {
    res.write(`data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta: { content: p }, finish_reason: null }] })}\n\n`);
  }
  res.write(`data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta: {}, finish_reason: finishReason }] })}\n\n`);
  res.end("data: [DONE]\n\n");
}

function embeddingsBody(vectors: number[][], model: string, base64: boolean) {
  return {
    object: "list",
    model,
    data: vectors.map((v, index) => ({
      object: "embedding",
      index,
      embedding: base64 ? Buffer.from(new Float32Array(v).buffer).toString("base64") : v,
    })),
    usage: { prompt_tokens: 1, total_tokens: 1 },
  };
}

export async function startOpenAIStub(options: OpenAIStubOptions = {}): Promise<OpenAIStub> {
  const requests: RecordedRequest[] = [];
  const queues: Record<StubEndpoint, StubHandler[]> = { chat: [], embeddings: [] };
  const defaults: Record<StubEndpoint, StubHandler | undefined> = {
    chat: options.chat ?? { reply: "好的。" },
    embeddings: options.embeddings,
  };
  const dimensionsDefault = options.dimensions ?? 16;

  async function behave(res: ServerResponse, req: IncomingMessage, rec: RecordedRequest, endpoint: StubEndpoint, b: StubBehaviour): Promise<void> {
    const body = (rec.body && typeof rec.body === "object" ? rec.body : {}) as Record<string, unknown>;
    const model = typeof body["model"] === "string" ? (body["model"] as string) : "stub-model";
    if ("delayMs" in b) {
      await new Promise((r) => setTimeout(r, b.delayMs));
      if (res.destroyed || req.socket.destroyed) return;
      return behave(res, req, rec, endpoint, b.then);
    }
    if ("hang" in b) return; // the response is never written; close() ends it
    if ("stall" in b) {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"id": "chatcmpl-stalled", ');
      return; // the rest never comes
    }
    if ("drop" in b) {
      req.socket.destroy();
      return;
    }
    if ("raw" in b) {
      res.writeHead(b.status ?? 200, { "content-type": b.contentType ?? "text/plain" });
      res.end(b.raw);
      return;
    }
    if ("malformed" in b) {
      switch (b.malformed) {
        case "not-json":
          res.writeHead(200, { "content-type": "application/json" });
          res.end('{"id": "chatcmpl-broken", "choices": [ {"message": ');
          return;
        case "no-choices":
          return sendJSON(res, 200, { id: "chatcmpl-empty", object: "chat.completion", model, choices: [] });
        case "empty-content":
          return sendJSON(res, 200, chatCompletion("", model));
        case "wrong-shape":
          return sendJSON(res, 200, { hello: "world" });
      }
    }
    if ("status" in b) {
      const errorBody = b.body ?? { error: { message: `stub error ${b.status}`, type: "stub_error", code: b.status } };
      return sendJSON(res, b.status, errorBody, b.headers ?? {});
    }
    if ("embeddings" in b) {
      return sendJSON(res, 200, embeddingsBody(b.embeddings, model, body["encoding_format"] === "base64"));
    }
    if ("reply" in b) {
      if (endpoint === "chat" && body["stream"] === true) return sendChatStream(res, b.reply, b.model ?? model, b.finishReason);
      return sendJSON(res, 200, chatCompletion(b.reply, b.model ?? model, b.finishReason));
    }
  }

  function defaultEmbeddings(rec: RecordedRequest): StubBehaviour {
    const body = (rec.body ?? {}) as { input?: unknown; dimensions?: unknown };
    const inputs = Array.isArray(body.input) ? body.input : [body.input];
    const dim = typeof body.dimensions === "number" ? body.dimensions : dimensionsDefault;
    return { embeddings: inputs.map((t) => fakeEmbedding(typeof t === "string" ? t : JSON.stringify(t), dim)) };
  }

  const server = createServer((req, res) => {
    void (async () => {
      const rawBody = await readBody(req);
      let body: unknown = rawBody;
      try {
        body = rawBody ? JSON.parse(rawBody) : undefined;
      } catch {
        /* keep the raw text */
      }
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) {
        if (name === "authorization" || name === "api-key" || value === undefined) continue;
        headers[name] = Array.isArray(value) ? value.join(", ") : value;
      }
      const rec: RecordedRequest = {
        method: req.method ?? "GET",
        path: req.url ?? "/",
        headers,
        hadAuthorization: req.headers.authorization !== undefined || req.headers["api-key"] !== undefined,
        body,
        rawBody,
        receivedAt: Date.now(),
      };
      requests.push(rec);
      const endpoint = endpointOf(rec.path);
      if (endpoint === "models") {
        return sendJSON(res, 200, { object: "list", data: [{ id: "stub-model", object: "model", created: 0, owned_by: "stub" }] });
      }
      if (!endpoint) return sendJSON(res, 404, { error: { message: `no route ${rec.path}`, type: "not_found" } });
      const handler = queues[endpoint].shift() ?? defaults[endpoint] ?? defaultEmbeddings;
      const behaviour = typeof handler === "function" ? await handler(rec) : handler;
      await behave(res, req, rec, endpoint, behaviour);
    })().catch((e: unknown) => {
      if (!res.headersSent && !res.destroyed) sendJSON(res, 500, { error: { message: String(e), type: "stub_crash" } });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    port,
    requests,
    requestsTo: (endpoint) => requests.filter((r) => endpointOf(r.path) === endpoint),
    enqueue: (endpoint, ...behaviours) => void queues[endpoint].push(...behaviours),
    setDefault: (endpoint, behaviour) => void (defaults[endpoint] = behaviour),
    reset: () => {
      requests.length = 0;
      queues.chat.length = 0;
      queues.embeddings.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

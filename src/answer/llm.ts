/**
 * The chat model the answer layer talks to, and its implementation over an
 * OpenAI-compatible server (the real `openai` SDK).
 *
 * Retries are done here rather than by the SDK (which is given maxRetries: 0)
 * so that the total time is bounded: at most
 *   (maxRetries + 1) × timeoutMs + maxRetries × maxRetryWaitMs
 * A Retry-After longer than maxRetryWaitMs fails at once instead of sleeping,
 * and every wait is cancelled by the caller's signal.
 */
import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from "openai";
import type { z } from "zod";
import { ServiceError } from "../util/errors.js";
import { finishedSentences, withoutReasoning } from "./reply.js";
import { secretScrubber } from "../util/logger.js";

export interface ChatMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

export interface CompleteOptions {
  signal?: AbortSignal;
  maxTokens?: number;
  temperature?: number;
}

export interface ChatModel {
  /** The assistant's reply text. Failures are ServiceError (LLMServiceError from the OpenAI model). */
  complete(messages: ChatMessage[], opts?: CompleteOptions): Promise<string>;
}

export type LLMFailure = "http" | "timeout" | "connection" | "malformed" | "empty";

/** A ServiceError that says what went wrong, so callers can tell users (notices) in their language. */
export class LLMServiceError extends ServiceError {
  readonly kind: LLMFailure;
  /** What the server asked us to wait (Retry-After / retry-after-ms), when it said. */
  readonly retryAfterMs?: number;
  /** Not tried again: the server failed this way moments ago and is in its cool-down (outage.ts). */
  readonly remembered: boolean;
  constructor(
    kind: LLMFailure,
    message: string,
    options?: { cause?: unknown; retryable?: boolean; status?: number; retryAfterMs?: number; remembered?: boolean },
  ) {
    super(message, options);
    this.kind = kind;
    if (options?.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
    this.remembered = options?.remembered ?? false;
  }
}

export interface OpenAIChatOptions {
  /** e.g. "https://api.openai.com/v1" or "http://127.0.0.1:8000/v1". */
  baseURL?: string;
  apiKey: string;
  model: string;
  /** Per attempt, including reading the body. */
  timeoutMs: number;
  /** Retries after the first attempt (for 408/409/429/5xx, timeouts and connection failures). */
  maxRetries: number;
  /** Longest back-off or Retry-After to wait between attempts. Default 10 s. */
  maxRetryWaitMs?: number;
  fetch?: typeof globalThis.fetch;
  /** Other secret values (the bot token) a reply must not repeat to the chat; the API key always counts. */
  secrets?: readonly string[];
}

const DEFAULT_MAX_RETRY_WAIT_MS = 10_000;

export function createOpenAIChatModel(options: OpenAIChatOptions): ChatModel {
  const { apiKey, model, timeoutMs, maxRetries } = options;
  const maxRetryWaitMs = options.maxRetryWaitMs ?? DEFAULT_MAX_RETRY_WAIT_MS;
  if (!(timeoutMs > 0)) throw new ServiceError("LLM timeout must be a positive number of milliseconds.");
  if (!(maxRetries >= 0)) throw new ServiceError("LLM maxRetries must be zero or more.");
  const client = new OpenAI({
    apiKey: apiKey || "not-needed",
    ...(options.baseURL !== undefined ? { baseURL: options.baseURL } : {}),
    timeout: timeoutMs,
    maxRetries: 0,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const where = describeServer(client.baseURL);
  const others = secretScrubber(options.secrets ?? []);
  const redact = (s: string) => others(apiKey ? s.split(apiKey).join("***") : s);

  async function attempt(messages: ChatMessage[], opts: CompleteOptions): Promise<string> {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const onAbort = () => controller.abort();
    opts.signal?.addEventListener("abort", onAbort, { once: true });
    try {
      const completion = await client.chat.completions.create(
        {
          model,
          messages,
          ...(opts.maxTokens !== undefined ? { max_tokens: opts.maxTokens } : {}),
          ...(opts.temperature !== undefined ? { temperature: opts.temperature } : {}),
        },
        { signal: controller.signal, timeout: timeoutMs, maxRetries: 0 },
      );
      // A server (or a model told to) could echo the key: it is never passed on.
      return redact(replyText(completion));
    } catch (e) {
      if (opts.signal?.aborted) throw abortReason(opts.signal);
      throw toServiceError(e, { timedOut, timeoutMs, where, redact });
    } finally {
      clearTimeout(timer);
      opts.signal?.removeEventListener("abort", onAbort);
    }
  }

  return {
    async complete(messages, opts = {}) {
      for (let n = 0; ; n++) {
        if (opts.signal?.aborted) throw abortReason(opts.signal);
        try {
          return await attempt(messages, opts);
        } catch (e) {
          if (!(e instanceof LLMServiceError) || !e.retryable || n >= maxRetries) throw e;
          const wait = retryDelayMs(e, n);
          if (wait > maxRetryWaitMs) throw e;
          await sleep(wait, opts.signal);
        }
      }
    },
  };
}

/** The reply text of a chat completion, or a ServiceError when the body is not one. */
function replyText(completion: unknown): string {
  const choices = (completion as { choices?: unknown } | null)?.choices;
  if (!Array.isArray(choices)) {
    throw new LLMServiceError("malformed", "The LLM server sent a malformed reply (no choices).");
  }
  if (choices.length === 0) {
    throw new LLMServiceError("empty", "The LLM server sent an empty reply (no choices).");
  }
  const choice = choices[0] as { message?: { content?: unknown }; finish_reason?: unknown } | null;
  const content = choice?.message?.content;
  if (typeof content !== "string" || content.trim() === "") {
    throw new LLMServiceError("empty", "The LLM server sent an empty reply.");
  }
  // A reasoning model's thoughts are not the reply.
  let text = withoutReasoning(content);
  if (!text) throw new LLMServiceError("empty", "The LLM reply held only the model's reasoning, no answer.");
  // Cut off at the token limit: only the sentences it finished.
  if (choice?.finish_reason === "length") {
    text = finishedSentences(text);
    if (!text) throw new LLMServiceError("empty", "The LLM reply was cut off at the token limit before it finished a sentence.");
  }
  return text;
}

function toServiceError(
  e: unknown,
  ctx: { timedOut: boolean; timeoutMs: number; where: string; redact: (s: string) => string },
): LLMServiceError {
  if (e instanceof LLMServiceError) return e;
  const cause = new Error(ctx.redact(e instanceof Error ? `${e.name}: ${e.message}` : String(e)));
  const seconds = Math.round(ctx.timeoutMs / 100) / 10;
  if (ctx.timedOut || e instanceof APIConnectionTimeoutError || e instanceof APIUserAbortError) {
    return new LLMServiceError("timeout", `The LLM server did not answer within ${seconds} s.`, {
      cause,
      retryable: true,
    });
  }
  if (e instanceof APIError && typeof e.status === "number") {
    const status = e.status;
    const retryable = retriedStatus(status);
    const wait = retryAfterMs(e.headers);
    return new LLMServiceError("http", httpMessage(status), {
      cause,
      retryable,
      status,
      ...(wait !== undefined ? { retryAfterMs: wait } : {}),
    });
  }
  if (e instanceof APIConnectionError) {
    return new LLMServiceError("connection", `Cannot reach the LLM server at ${ctx.where}.`, { cause, retryable: true });
  }
  // A body that is not JSON, or a shape the SDK could not read.
  return new LLMServiceError("malformed", "The LLM server sent a malformed reply.", { cause });
}

/** An HTTP status that says the server cannot answer now (a timeout, a conflict, rate limiting, a failure), so a later try may succeed. */
export function retriedStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

function httpMessage(status: number): string {
  if (status === 401 || status === 403) return `The LLM server rejected the API key (HTTP ${status}).`;
  if (status === 404) return `The LLM server does not know this model or endpoint (HTTP ${status}).`;
  if (status === 429) return `The LLM server is rate-limiting requests (HTTP ${status}).`;
  if (status >= 500) return `The LLM server failed (HTTP ${status}).`;
  return `The LLM server rejected the request (HTTP ${status}).`;
}

function retryAfterMs(headers: Headers | undefined): number | undefined {
  const ms = headers?.get("retry-after-ms");
  if (ms && Number.isFinite(Number(ms))) return Math.max(0, Number(ms));
  const ra = headers?.get("retry-after");
  if (!ra) return undefined;
  if (Number.isFinite(Number(ra))) return Math.max(0, Number(ra) * 1000);
  const date = Date.parse(ra);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** Retry-After when the server sent one, else 0.5 s × 2^n (≤ 8 s) with up to 25 % jitter. */
function retryDelayMs(e: LLMServiceError, n: number): number {
  if (e.retryAfterMs !== undefined) return e.retryAfterMs;
  return Math.min(500 * 2 ** n, 8000) * (1 - Math.random() * 0.25);
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortReason(signal));
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortReason(signal!));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException("The operation was aborted.", "AbortError");
}

/** scheme://host[:port] of the server, never credentials or the path. */
function describeServer(baseURL: string): string {
  try {
    const u = new URL(baseURL);
    return `${u.protocol}//${u.host}`;
  } catch {
    return "the configured address";
  }
}

/**
 * Parses a reply that should be JSON (optionally inside a ```json fence) and
 * validates it; anything else is a ServiceError.
 */
export function parseJsonReply<T>(text: string, schema: z.ZodType<T>): T {
  const fenced = /^```(?:json)?\s*\n?([\s\S]*?)\n?```\s*$/i.exec(text.trim());
  const body = fenced ? fenced[1]! : text.trim();
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (e) {
    throw new LLMServiceError("malformed", "The LLM server sent a reply that is not JSON.", { cause: e });
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new LLMServiceError("malformed", "The LLM server sent JSON of the wrong shape.", {
      cause: new Error(parsed.error.message),
    });
  }
  return parsed.data;
}

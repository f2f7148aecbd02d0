/**
 * Memory of a model server that is down, across questions.
 *
 * One question already gives up on a dead server only after its timeouts and
 * retries (about 92 s with the defaults); without memory the next question in
 * the group waits all of that again. After a failure that says the server is
 * unusable for a while (it timed out, could not be reached, or asked to be
 * left alone with a Retry-After), calls fail at once with that failure,
 * marked `remembered`, for a cool-down: 30 s, doubling while the server keeps
 * failing, at most 5 min, and at least what a Retry-After asked. Then one call
 * goes through to try again (the others still fail at once while it runs);
 * its success ends the outage. A reply the server did send (5xx without
 * Retry-After, a malformed body, a refused key) is no outage: it comes fast,
 * so the next question may as well try, and a server that fails one prompt
 * may answer the next.
 */
import type { Logger } from "../util/logger.js";
import { LLMServiceError, retriedStatus, type ChatModel } from "./llm.js";

export interface OutageOptions {
  /** First cool-down after a failure. Default 30 s; 0 turns the memory off. */
  cooldownMs?: number;
  /** Longest cool-down, however often the server keeps failing. Default 5 min. */
  maxCooldownMs?: number;
  now?: () => number;
  logger?: Logger;
}

const DEFAULT_COOLDOWN_MS = 30_000;
const DEFAULT_MAX_COOLDOWN_MS = 5 * 60_000;

/** A failure that says the server is unusable right now (not just a bad reply to one prompt): it is not asked again within one question either. */
export function isOutage(e: unknown): e is LLMServiceError {
  if (!(e instanceof LLMServiceError)) return false;
  if (e.kind === "timeout" || e.kind === "connection") return true;
  // Not `retryable`: an error remembered from an outage is not retried, but is still one.
  return e.kind === "http" && e.status !== undefined && retriedStatus(e.status);
}

/** An outage worth remembering across questions: slow to find out, or the server asked for a pause. */
function lasting(e: LLMServiceError): boolean {
  return e.kind === "timeout" || e.kind === "connection" || e.retryAfterMs !== undefined;
}

interface Down {
  /** When the outage began (its first failure). */
  since: number;
  /** No call goes through before this. */
  until: number;
  cooldownMs: number;
  error: LLMServiceError;
}

export function rememberOutages(model: ChatModel, options: OutageOptions = {}): ChatModel {
  const base = options.cooldownMs ?? DEFAULT_COOLDOWN_MS;
  const max = Math.max(base, options.maxCooldownMs ?? DEFAULT_MAX_COOLDOWN_MS);
  if (base <= 0) return model;
  const now = options.now ?? Date.now;
  const logger = options.logger;
  let down: Down | undefined;
  let probing = false;

  return {
    async complete(messages, opts = {}) {
      let probe = false;
      if (down) {
        const t = now();
        if (t < down.until || probing) throw remembered(down, t);
        probe = probing = true;
      }
      try {
        const reply = await model.complete(messages, opts);
        if (down) logger?.info({ downForMs: now() - down.since }, "LLM server answers again");
        down = undefined;
        return reply;
      } catch (e) {
        // A call the caller cancelled says nothing about the server.
        if (opts.signal?.aborted) throw e;
        if (isOutage(e) && lasting(e)) {
          const t = now();
          const cooldownMs = Math.min(max, Math.max(down && probe ? down.cooldownMs * 2 : base, e.retryAfterMs ?? 0));
          down = { since: down?.since ?? t, until: t + cooldownMs, cooldownMs, error: e };
          logger?.warn({ err: e.message, retryInMs: cooldownMs }, "LLM server unavailable; answering without it until the next try");
        } else if (e instanceof LLMServiceError) {
          // The server replied: it is up, whatever was wrong with this reply.
          down = undefined;
        }
        throw e;
      } finally {
        if (probe) probing = false;
      }
    },
  };
}

/** The outage's failure again, at once, saying it was not retried. */
function remembered(down: Down, t: number): LLMServiceError {
  const e = down.error;
  const ago = Math.max(0, Math.round((t - down.since) / 1000));
  return new LLMServiceError(e.kind, `${e.message} (Not retried: the server has been failing for ${ago} s.)`, {
    cause: e,
    retryable: false,
    remembered: true,
    ...(e.status !== undefined ? { status: e.status } : {}),
  });
}

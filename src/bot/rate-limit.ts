/** Sliding-window rate limits per user and per chat. */

export class SlidingWindow {
  private readonly hits = new Map<string, number[]>();

  /** `limit` <= 0 means unlimited. */
  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether one more hit for `key` is allowed now (records nothing). */
  allows(key: string): boolean {
    if (this.limit <= 0) return true;
    return this.recent(key).length < this.limit;
  }

  /** How long until one more hit for `key` is allowed (0 if it is now). */
  waitMs(key: string): number {
    if (this.allows(key)) return 0;
    const list = this.recent(key);
    return Math.max(0, list[list.length - this.limit]! + this.windowMs - this.now());
  }

  record(key: string): void {
    if (this.limit <= 0) return;
    const list = this.recent(key);
    list.push(this.now());
    this.hits.set(key, list);
    if (this.hits.size > 10_000) this.sweep();
  }

  private recent(key: string): number[] {
    const since = this.now() - this.windowMs;
    const list = (this.hits.get(key) ?? []).filter((t) => t > since);
    if (list.length === 0) this.hits.delete(key);
    else this.hits.set(key, list);
    return list;
  }

  private sweep(): void {
    for (const key of [...this.hits.keys()]) this.recent(key);
  }
}

export interface RateLimitConfig {
  perUserPerMinute: number;
  perChatPerMinute: number;
}

/** Whether a question is taken; when not, whose limit it hit and for how long. */
export type Admission =
  | { ok: true }
  | {
      ok: false;
      /** "user": this person asked too often; "chat": the whole chat did. */
      scope: "user" | "chat";
      /** The limit that was hit, per minute. */
      limit: number;
      retryAfterMs: number;
      /** False when this person was already told and the wait has not passed: one notice, not one per message. */
      notify: boolean;
    };

export class RateLimiter {
  private readonly users: SlidingWindow;
  private readonly chats: SlidingWindow;
  private readonly told = new Map<string, number>();

  constructor(
    private readonly config: RateLimitConfig,
    private readonly now: () => number = Date.now,
  ) {
    this.users = new SlidingWindow(config.perUserPerMinute, 60_000, now);
    this.chats = new SlidingWindow(config.perChatPerMinute, 60_000, now);
  }

  /** Takes one slot from both the user's and the chat's window, or none. */
  tryAcquire(userId: number, chatId: number): Admission {
    const u = String(userId);
    const c = String(chatId);
    const userWait = this.users.waitMs(u);
    const chatWait = userWait > 0 ? 0 : this.chats.waitMs(c);
    if (userWait === 0 && chatWait === 0) {
      this.users.record(u);
      this.chats.record(c);
      return { ok: true };
    }
    const scope = userWait > 0 ? "user" : "chat";
    const retryAfterMs = Math.max(userWait, chatWait);
    const key = `${c}:${u}`;
    const now = this.now();
    const notify = (this.told.get(key) ?? 0) <= now;
    if (notify) {
      this.told.set(key, now + retryAfterMs);
      if (this.told.size > 10_000) for (const [k, until] of this.told) if (until <= now) this.told.delete(k);
    }
    return { ok: false, scope, limit: scope === "user" ? this.config.perUserPerMinute : this.config.perChatPerMinute, retryAfterMs, notify };
  }
}

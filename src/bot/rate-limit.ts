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

export class RateLimiter {
  private readonly users: SlidingWindow;
  private readonly chats: SlidingWindow;

  constructor(config: RateLimitConfig, now: () => number = Date.now) {
    this.users = new SlidingWindow(config.perUserPerMinute, 60_000, now);
    this.chats = new SlidingWindow(config.perChatPerMinute, 60_000, now);
  }

  /** Takes one slot from both the user's and the chat's window, or none. */
  tryAcquire(userId: number, chatId: number): boolean {
    const u = String(userId);
    const c = String(chatId);
    if (!this.users.allows(u) || !this.chats.allows(c)) return false;
    this.users.record(u);
    this.chats.record(c);
    return true;
  }
}

/**
 * Bounded in-memory record of the bot's recent answers: by short id (for
 * buttons) and by the chat + message ids of the messages that carry them (for
 * follow-up replies). Least recently used entries are dropped first.
 */
import { randomBytes } from "node:crypto";
import type { Citation, Turn } from "../answer/types.js";

export class LruMap<K, V> {
  private readonly map = new Map<K, V>();
  constructor(readonly capacity: number) {
    if (!(capacity >= 1)) throw new RangeError("LruMap capacity must be at least 1");
  }
  get size(): number {
    return this.map.size;
  }
  get(key: K): V | undefined {
    const value = this.map.get(key);
    if (value === undefined) return undefined;
    this.map.delete(key);
    this.map.set(key, value);
    return value;
  }
  set(key: K, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    while (this.map.size > this.capacity) {
      const oldest = this.map.keys().next();
      if (oldest.done) break;
      this.map.delete(oldest.value);
    }
  }
}

export interface AnswerRecord {
  id: string;
  chatId: number;
  question: string;
  /** Plain answer text as the service returned it. */
  answer: string;
  citations: Citation[];
  /** The conversation before this question (for chained follow-ups). */
  history: Turn[];
  /** Ids of the bot messages that carry this answer. */
  messageIds: number[];
  passagesShownAt?: number;
}

/** At most this many turns of history are passed on a follow-up. */
export const MAX_HISTORY_TURNS = 6;

export class AnswerMemory {
  private readonly byId: LruMap<string, AnswerRecord>;
  private readonly byMessage: LruMap<string, AnswerRecord>;

  constructor(capacity = 2000) {
    this.byId = new LruMap(capacity);
    // an answer can span several messages
    this.byMessage = new LruMap(capacity * 2);
  }

  remember(entry: Omit<AnswerRecord, "id" | "messageIds">): AnswerRecord {
    const record: AnswerRecord = { ...entry, id: randomBytes(6).toString("base64url"), messageIds: [] };
    this.byId.set(record.id, record);
    return record;
  }

  attachMessages(record: AnswerRecord, messageIds: readonly number[]): void {
    for (const mid of messageIds) {
      record.messageIds.push(mid);
      this.byMessage.set(`${record.chatId}:${mid}`, record);
    }
  }

  get(id: string): AnswerRecord | undefined {
    return this.byId.get(id);
  }

  findByMessage(chatId: number, messageId: number): AnswerRecord | undefined {
    return this.byMessage.get(`${chatId}:${messageId}`);
  }

  /**
   * History for a reply to bot message `messageId`: the earlier exchanges,
   * the question and the bot's answer. If the message is no longer
   * remembered, its text (when known) stands in as the bot's turn.
   */
  historyFor(chatId: number, messageId: number, fallbackText?: string): Turn[] {
    const record = this.findByMessage(chatId, messageId);
    if (!record) {
      const text = fallbackText?.trim();
      return text ? [{ role: "assistant", content: text.slice(0, 4000) }] : [];
    }
    const turns: Turn[] = [
      ...record.history,
      { role: "user", content: record.question },
      { role: "assistant", content: record.answer, citations: record.citations },
    ];
    return turns.slice(-MAX_HISTORY_TURNS);
  }
}

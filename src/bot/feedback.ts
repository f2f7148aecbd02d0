/** 👍 / 👎 presses, appended to a JSONL file (created with its directory on demand). */
import { appendFile, mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import type { Vote } from "./keyboard.js";

export interface FeedbackRecord {
  ts: string;
  chatId: number;
  userId: number;
  messageId: number;
  vote: Vote;
  question: string;
  answer: string;
}

export class FeedbackStore {
  private tail: Promise<void> = Promise.resolve();
  private dirReady = false;

  constructor(readonly file: string) {}

  /** Appends one record; writes are serialized so lines never interleave. */
  append(record: FeedbackRecord): Promise<void> {
    const { ts, chatId, userId, messageId, vote, question, answer } = record;
    const line = JSON.stringify({ ts, chatId, userId, messageId, vote, question, answer }) + "\n";
    const write = this.tail.then(async () => {
      if (!this.dirReady) {
        await mkdir(dirname(this.file), { recursive: true });
        this.dirReady = true;
      }
      await appendFile(this.file, line, "utf8");
    });
    this.tail = write.catch(() => undefined);
    return write;
  }
}

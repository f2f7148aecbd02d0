/**
 * Inline buttons under an answer and their callback data. Callback data must
 * fit in 64 bytes, so it carries only a short id of the remembered answer.
 */
import { InlineKeyboard } from "grammy";
import { TEXT } from "./texts.js";

export type Vote = "up" | "down";

export type CallbackAction = { kind: "passages"; id: string } | { kind: "vote"; id: string; vote: Vote };

const ID_RE = /^[A-Za-z0-9_-]{1,32}$/;

export function encodeCallback(action: CallbackAction): string {
  return action.kind === "passages" ? `p:${action.id}` : `v:${action.id}:${action.vote === "up" ? "+" : "-"}`;
}

export function decodeCallback(data: string): CallbackAction | null {
  const parts = data.split(":");
  const id = parts[1] ?? "";
  if (!ID_RE.test(id)) return null;
  if (parts[0] === "p" && parts.length === 2) return { kind: "passages", id };
  if (parts[0] === "v" && parts.length === 3 && (parts[2] === "+" || parts[2] === "-")) {
    return { kind: "vote", id, vote: parts[2] === "+" ? "up" : "down" };
  }
  return null;
}

export function answerKeyboard(id: string, hasPassages: boolean): InlineKeyboard {
  const kb = new InlineKeyboard();
  if (hasPassages) kb.text(TEXT.passagesButton, encodeCallback({ kind: "passages", id })).row();
  return kb
    .text("👍", encodeCallback({ kind: "vote", id, vote: "up" }))
    .text("👎", encodeCallback({ kind: "vote", id, vote: "down" }));
}

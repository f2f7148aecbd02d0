/**
 * Decides whether a text message is addressed to this bot and what it asks.
 * In groups: our commands (/ask, /ask@ThisBot — not /ask@OtherBot), a
 * mention of @ThisBot, or a reply to one of the bot's own messages. In a
 * private chat any text is a question. Without a command, the wording says
 * whether it asks, drafts ("帮我写一段…") or finds ("哪份材料讲了…").
 * Messages from other bots are ignored.
 */

import { requestKind } from "../answer/request-kind.js";

export const COMMANDS = ["ask", "draft", "find", "help", "start", "sources", "reindex"] as const;
export type Command = (typeof COMMANDS)[number];

export interface Addressed {
  command: Command | "unknown";
  /** How it reached the bot: a command, a mention, a reply to the bot, or a private chat. */
  via: "command" | "mention" | "reply" | "private";
  /** The text after the command or with the mention removed, trimmed. */
  text: string;
  /** The message replies to one of the bot's messages (a follow-up). */
  replyToBotMessageId?: number;
  /** Text of that bot message, used as history if it is no longer remembered. */
  replyToBotText?: string;
}

export interface IncomingText {
  text: string;
  chat: { type: string };
  from?: { is_bot: boolean };
  /** Set for anonymous group admins and channels (whose `from` is a service bot). */
  sender_chat?: unknown;
  reply_to_message?: { message_id: number; from?: { id: number }; text?: string };
}

export interface Me {
  id: number;
  username: string;
}

const COMMAND_RE = /^\/([A-Za-z0-9_]{1,64})(?:@([A-Za-z0-9_]{1,64}))?(?=\s|$)([\s\S]*)$/;

function isCommand(name: string): name is Command {
  return (COMMANDS as readonly string[]).includes(name);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function mentionRegExp(username: string): RegExp {
  return new RegExp(`@${escapeRegExp(username)}(?![A-Za-z0-9_])`, "gi");
}

/** Parses a leading command; null if the text does not start with one or it is for another bot. */
function parseCommand(
  text: string,
  me: Me,
  isPrivate: boolean,
): { command: Command | "unknown"; text: string } | "other-bot" | null {
  const m = COMMAND_RE.exec(text);
  if (!m) return null;
  const name = m[1]!.toLowerCase();
  const target = m[2];
  if (target !== undefined && target.toLowerCase() !== me.username.toLowerCase()) return "other-bot";
  const rest = (m[3] ?? "").trim();
  if (isCommand(name)) return { command: name, text: rest };
  // Unknown commands without @ThisBot in a group may be meant for other bots.
  return isPrivate || target !== undefined ? { command: "unknown", text: rest } : "other-bot";
}

export function addressOf(msg: IncomingText, me: Me): Addressed | null {
  // Other bots are never answered (two bots replying to each other would loop).
  if (msg.from?.is_bot === true && msg.sender_chat === undefined) return null;
  const isPrivate = msg.chat.type === "private";
  const reply = msg.reply_to_message;
  const follow: Pick<Addressed, "replyToBotMessageId" | "replyToBotText"> =
    reply && reply.from?.id === me.id
      ? { replyToBotMessageId: reply.message_id, ...(reply.text !== undefined ? { replyToBotText: reply.text } : {}) }
      : {};

  const cmd = parseCommand(msg.text, me, isPrivate);
  if (cmd === "other-bot") return null;
  if (cmd) return { ...cmd, via: "command", ...follow };

  const mention = mentionRegExp(me.username);
  if (mention.test(msg.text)) {
    const rest = msg.text.replace(mention, " ").replace(/[ \t]+/g, " ").trim();
    const inner = parseCommand(rest, me, true);
    if (inner === "other-bot") return null;
    if (inner) return { ...inner, via: "command", ...follow };
    return { command: requestKind(rest), via: "mention", text: rest, ...follow };
  }

  if (follow.replyToBotMessageId !== undefined || isPrivate) {
    return { command: requestKind(msg.text), via: isPrivate ? "private" : "reply", text: msg.text.trim(), ...follow };
  }
  return null;
}

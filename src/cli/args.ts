import { UsageError } from "../util/errors.js";
import { hasSearchableContent } from "../text/searchable.js";

/**
 * The one rule for a text argument (search QUERY, find TOPIC, ask QUESTION,
 * draft REQUEST): missing or empty ("") is wrong usage, exit 2. A text with
 * nothing to search for (whitespace, "a", "？") is wrong usage too where
 * there is nothing to return but a list (search, find: give `blank`); ask
 * and draft leave `blank` out and pass it on, and the answer layer replies
 * with the sentence the bot gives such a message (exit 0).
 */
export function requireText(text: string | undefined, messages: { missing: string; blank?: string }): void {
  if (!text) throw new UsageError(messages.missing);
  if (messages.blank !== undefined && !hasSearchableContent(text)) throw new UsageError(messages.blank);
}

/** `--stdin` reads the texts from input: a text argument as well would be silently ignored, so it is wrong usage. */
export function notBoth(command: string, arg: string, text: string | undefined, stdin: boolean | undefined): void {
  if (stdin && text !== undefined) throw new UsageError(`${command} takes a ${arg} or --stdin, not both`);
}

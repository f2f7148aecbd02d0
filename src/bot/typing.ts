/** Shows "typing…" while work is in progress; best effort, errors ignored. */

export interface ChatActionSender {
  replyWithChatAction(action: "typing"): Promise<unknown>;
}

/** Telegram shows a chat action for about 5 s, so it is refreshed every 4 s. */
export const TYPING_REFRESH_MS = 4000;

export async function withTyping<T>(
  ctx: ChatActionSender,
  work: () => Promise<T>,
  refreshMs: number = TYPING_REFRESH_MS,
): Promise<T> {
  const send = (): void => {
    try {
      ctx.replyWithChatAction("typing").catch(() => undefined);
    } catch {
      // best effort
    }
  };
  send();
  const timer = setInterval(send, refreshMs);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}

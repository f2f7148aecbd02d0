/**
 * Who may use the bot where. Chats outside ALLOWED_CHAT_IDS get one notice per
 * process and are then ignored; admins are served in their private chats even
 * when that chat is not listed (they need it for /reindex and uploads).
 */

export type AccessVerdict = "allowed" | "notify" | "ignore";

export class AccessControl {
  private readonly allowed: ReadonlySet<number> | null;
  private readonly admins: ReadonlySet<number>;
  private readonly notified = new Set<number>();

  constructor(allowedChatIds: readonly number[] | null, adminUserIds: readonly number[]) {
    this.allowed = allowedChatIds === null ? null : new Set(allowedChatIds);
    this.admins = new Set(adminUserIds);
  }

  isAdmin(userId: number | undefined): boolean {
    return userId !== undefined && this.admins.has(userId);
  }

  /** Whether the chat is served; without side effects. */
  isChatAllowed(chatId: number, chatType: string, userId: number | undefined): boolean {
    if (this.allowed === null || this.allowed.has(chatId)) return true;
    return chatType === "private" && this.isAdmin(userId);
  }

  /**
   * For a message addressed to the bot: "allowed", "notify" (the first time
   * in a chat that is not allowed: say so once), or "ignore".
   */
  check(chatId: number, chatType: string, userId: number | undefined): AccessVerdict {
    if (this.isChatAllowed(chatId, chatType, userId)) return "allowed";
    if (this.notified.has(chatId)) return "ignore";
    this.notified.add(chatId);
    return "notify";
  }
}

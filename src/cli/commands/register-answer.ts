import type { Command } from "commander";
import type { Context } from "../context.js";

/** ask, draft, chat, bot, start, eval: wired once the answer layer lands. */
export function registerAnswerCommands(_program: Command, _ctx: (cmd: Command) => Context): void {}

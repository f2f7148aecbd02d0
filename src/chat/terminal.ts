import readline from "node:readline";
import type { AnswerService, Citation, Turn } from "../answer/types.js";
import { formatAsk, formatDraft } from "./format.js";
import { formatFind } from "../cli/commands/find.js";
import { errorMessage } from "../util/errors.js";
import { requestKind } from "../answer/request-kind.js";

/**
 * `policybot chat`: the same answer layer as the bot, in a terminal.
 * Commands /ask /draft /find /sources /help; plain text is a question, a
 * drafting request or a "which document" question as its wording says
 * (`requestKind`), and follow-ups see the conversation so far.
 */
export const CHAT_HELP = [
  "可用命令：",
  "  /ask 问题      根据文件回答问题（直接输入文字也可以：“帮我写一段…”起草，“哪份材料讲了…”查找文件）",
  "  /draft 主题    根据文件起草一段文字",
  "  /find 主题     查找讲到该主题的文件和章节",
  "  /sources       列出已收录的文件",
  "  /help          显示本说明",
  "  /quit          退出",
].join("\n");

export async function runChat(service: AnswerService, io: { input: NodeJS.ReadableStream; output: NodeJS.WritableStream } = { input: process.stdin, output: process.stdout }): Promise<void> {
  const rl = readline.createInterface({ input: io.input, output: io.output, terminal: (io.output as { isTTY?: boolean }).isTTY === true });
  const say = (s: string) => io.output.write(s + "\n");
  const history: Turn[] = [];
  /** The last exchanges, each answer with what it cited. */
  const remember = (question: string, answer: string, citations: Citation[]): void => {
    history.push({ role: "user", content: question }, { role: "assistant", content: answer, citations });
    if (history.length > 8) history.splice(0, history.length - 8);
  };
  say("policybot 已就绪。输入问题，或 /help 查看命令。");
  rl.setPrompt("> ");
  rl.prompt();
  for await (const raw of rl) {
    const line = raw.trim();
    if (!line) {
      rl.prompt();
      continue;
    }
    const m = /^\/(\w+)(?:@\S+)?\s*([\s\S]*)$/.exec(line);
    // Plain text asks, drafts ("帮我写一段…") or finds ("哪份材料讲了…") as its wording says.
    const cmd = m ? m[1]!.toLowerCase() : requestKind(line);
    const arg = m ? m[2]!.trim() : line;
    try {
      switch (cmd) {
        case "quit":
        case "exit":
          rl.close();
          return;
        case "help":
        case "start":
          say(CHAT_HELP);
          break;
        case "sources": {
          const sources = await service.sources();
          say(sources.length ? sources.map((s) => `· ${s.file}：${s.articles.map((a) => a.title).join("；")}`).join("\n") : "索引中还没有文件。");
          break;
        }
        case "find":
          say(arg ? formatFind(await service.find(arg)) : "用法：/find 主题");
          break;
        case "draft": {
          if (!arg) {
            say("用法：/draft 主题");
            break;
          }
          const r = await service.draft(arg, { history });
          say(formatDraft(r));
          // A draft is an answer to follow up too ("这一条出自哪个文件？", "再写一段…").
          remember(arg, r.draft, r.citations);
          break;
        }
        case "ask": {
          if (!arg) {
            say("用法：/ask 问题");
            break;
          }
          const r = await service.ask(arg, { history });
          say(formatAsk(r));
          if (!r.smallTalk) remember(arg, r.answer, r.citations);
          break;
        }
        default:
          say(`未知命令 /${cmd}。${CHAT_HELP}`);
      }
    } catch (e) {
      say(`抱歉，处理时出错：${errorMessage(e)}`);
    }
    say("");
    rl.prompt();
  }
}

/**
 * A benchmark task in a child process of its own (forked by bench/main.ts
 * with an IPC channel): receives { task, args }, replies { ok, result } or
 * { ok: false, error }, and exits.
 */
import { runTask, type TaskName } from "./tasks.js";

process.once("message", (m: { task: TaskName; args: unknown }) => {
  void (async () => {
    let reply: { ok: true; result: unknown } | { ok: false; error: string };
    try {
      reply = { ok: true, result: await runTask(m.task, m.args) };
    } catch (e) {
      reply = { ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
    }
    process.send!(reply, () => process.exit(reply.ok ? 0 : 1));
  })();
});

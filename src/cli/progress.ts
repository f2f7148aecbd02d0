import cliProgress from "cli-progress";

/** A progress bar on stderr, only for a person at a terminal: never in JSON mode or CI. */
export function createProgress(enabled: boolean): { update(stage: string, done: number, total: number): void; stop(): void } {
  if (!enabled || !process.stderr.isTTY) return { update() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: "{stage} [{bar}] {value}/{total}", hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  let stage = "";
  return {
    update(s, done, total) {
      if (s !== stage) {
        if (stage) bar.stop();
        stage = s;
        bar.start(Math.max(total, 1), done, { stage: s.padEnd(6) });
      } else bar.update(done);
    },
    stop() {
      if (stage) bar.stop();
    },
  };
}

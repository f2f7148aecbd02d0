import type { AnswerService } from "../answer/types.js";
import { squash, type EvalItem } from "./metrics.js";

/**
 * What the answer layer makes of the evaluation questions (`policybot eval
 * --answers`): whether each answerable question is answered, and with a
 * citation of the passage (or, for "which document" questions, the article)
 * that holds its answer; whether each unanswerable one is declined. Offline
 * this follows `confident`; with an LLM configured it also counts the model's
 * judgement (borderline searches it answers, passages it declines), which is
 * the figure a deployment with a model should look at. One answer per
 * question, so with an LLM it costs one or two model calls per question.
 */
export interface AnswerFigures {
  /** "llm" when every answer came from the model, "extractive" when none did, else "mixed" (model failures fell back). */
  mode: "llm" | "extractive" | "mixed";
  answerable: { n: number; answered: number; cited: number };
  unanswerable: { n: number; declined: number };
  byKind: Record<string, { n: number; answered: number; cited: number }>;
  /** Answers that carry a notice (the model failed or its reply could not be used). */
  notices: number;
}

export async function evaluateAnswers(
  service: AnswerService,
  items: EvalItem[],
  /** The article number (1-based) of an article title in a file, to check "which document" citations. */
  articleNumber: (file: string, title: string) => number | undefined,
  onProgress?: (done: number, total: number) => void,
): Promise<AnswerFigures> {
  const modes = new Set<string>();
  const kinds: Record<string, { n: number; answered: number; cited: number }> = {};
  let unN = 0;
  let declined = 0;
  let notices = 0;
  for (const [i, item] of items.entries()) {
    const r = await service.ask(item.question);
    if (r.found) modes.add(r.mode);
    if (r.notice) notices++;
    if (item.kind === "unanswerable") {
      unN++;
      if (!r.found) declined++;
    } else {
      const k = (kinds[item.kind] ??= { n: 0, answered: 0, cited: 0 });
      k.n++;
      if (r.found) k.answered++;
      const phrase = squash(item.phrase ?? "");
      const right = r.citations.some((c) =>
        c.file === item.file && (item.kind === "find" ? articleNumber(c.file, c.article) === item.article : squash(c.text).includes(phrase)),
      );
      if (r.found && right) k.cited++;
    }
    onProgress?.(i + 1, items.length);
  }
  const share = (a: number, n: number) => (n ? a / n : 0);
  const total = Object.values(kinds).reduce((s, k) => ({ n: s.n + k.n, answered: s.answered + k.answered, cited: s.cited + k.cited }), { n: 0, answered: 0, cited: 0 });
  return {
    mode: modes.size === 1 ? ([...modes][0] as "llm" | "extractive") : modes.size === 0 ? "extractive" : "mixed",
    answerable: { n: total.n, answered: share(total.answered, total.n), cited: share(total.cited, total.n) },
    unanswerable: { n: unN, declined: share(declined, unN) },
    byKind: Object.fromEntries(Object.entries(kinds).map(([k, v]) => [k, { n: v.n, answered: share(v.answered, v.n), cited: share(v.cited, v.n) }])),
    notices,
  };
}

export function formatAnswers(a: AnswerFigures): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const lines = [
    `answers (${a.mode}): answerable ${a.answerable.n}: answered ${pct(a.answerable.answered)}, citing the passage that holds the answer ${pct(a.answerable.cited)}; unanswerable ${a.unanswerable.n}: declined ${pct(a.unanswerable.declined)}${a.notices ? `; ${a.notices} answers with a notice (model failures)` : ""}`,
  ];
  for (const [k, v] of Object.entries(a.byKind)) lines.push(`  ${k.padEnd(12)} ${String(v.n).padStart(4)}  answered ${pct(v.answered).padStart(6)}  cited ${pct(v.cited).padStart(6)}`);
  return lines.join("\n");
}

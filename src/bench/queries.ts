import { readFileSync } from "node:fs";
import { packagePath } from "../util/paths.js";

/**
 * The fixed query set: the questions of the retrieval evaluation set
 * (test/eval/questions.jsonl: paraphrases, literal phrases, topics, English
 * and traditional-character questions about the seeds), in file order. A few
 * built-in questions stand in if the file is not there.
 */
const FALLBACK = ["加强政务网维护", "干部实绩考核公示是怎么操作的？", "績效評價目的", "学校食堂日常管理上存在哪些漏洞？", "What is the zero-report system?"];

export function benchQueries(limit?: number): string[] {
  let qs: string[];
  try {
    qs = readFileSync(packagePath("test", "eval", "questions.jsonl"), "utf8")
      .split("\n")
      .filter((l) => l.trim())
      .map((l) => (JSON.parse(l) as { question: string }).question)
      .filter(Boolean);
  } catch {
    qs = FALLBACK;
  }
  return limit === undefined ? qs : qs.slice(0, limit);
}

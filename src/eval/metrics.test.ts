import { describe, expect, test } from "vitest";
import { calibrate } from "./metrics.js";

describe("calibrate", () => {
  const answerable = Array.from({ length: 20 }, (_, i) => ({ answerable: true, r: 0.1 + i * 0.02 }));
  const unanswerable = [0.05, 0.08, 0.11, 0.2].map((r) => ({ answerable: false, r }));

  test("the highest threshold that flags at most 5% of answerable questions, and what it recognises", () => {
    const c = calibrate([...answerable, ...unanswerable], 0.139);
    // One answerable question in 20 (r = 0.10) may be flagged: the threshold sits at the next one (0.12).
    expect(c.threshold).toBe(0.12);
    expect(c.flagged).toBe(0.05);
    expect(c.recognised).toBe(0.75);
    expect(c.current).toBe(0.139);
  });

  test("questions the other rules already flag count against the 5% and for recognition", () => {
    const rows = [...answerable.map((x, i) => ({ ...x, otherwise: i === 10 })), ...unanswerable.map((x, i) => ({ ...x, otherwise: i === 3 }))];
    const c = calibrate(rows, 0.139);
    // The rule-flagged answerable question uses up the 5%: no answerable question may fall below the threshold (lowest 0.10).
    expect(c.threshold).toBe(0.1);
    expect(c.flagged).toBe(0.05);
    // 0.05 and 0.08 fall below it; 0.2 is flagged by a rule.
    expect(c.recognised).toBe(0.75);
  });
});

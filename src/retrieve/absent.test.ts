import { describe, expect, it } from "vitest";
import { absentWords, contentWords } from "./absent.js";

describe("absent words", () => {
  it("takes the words a question names, not the ones it asks with", () => {
    expect(contentWords("单位职工婚假现在能休几天")).toEqual(expect.arrayContaining(["单位", "职工", "婚假"]));
    for (const w of ["现在", "几天", "多少", "什么", "哪些"]) expect(contentWords("单位职工婚假现在能休几天，多少钱，什么哪些")).not.toContain(w);
  });

  it("lists the words that do not occur and their share", () => {
    const corpus = "政务网建设已成功布点23个";
    const r = absentWords("婚假和政务网建设", (w) => corpus.includes(w));
    expect(r.absent).toEqual(["婚假"]);
    expect(r.share).toBeCloseTo(1 / 3);
    expect(absentWords("？？", () => false)).toEqual({ absent: [], share: 0 });
  });
});

import { describe, expect, it } from "vitest";
import { charGrams, isFunctionBigram, skipBigrams } from "./chargrams.js";

describe("character grams", () => {
  it("gives unigrams (without function characters) and adjacent bigrams", () => {
    expect(charGrams("的砂场")).toEqual(["的砂", "砂", "砂场", "场"]);
    expect(isFunctionBigram("什么")).toBe(true);
    expect(isFunctionBigram("砂场")).toBe(false);
  });

  it("pairs characters one apart for shortened terms (砂石场 → 砂场), leaving out adjacent pairs and function characters", () => {
    expect(skipBigrams("砂石场")).toEqual(["砂场"]);
    expect(skipBigrams("流动小摊贩")).toEqual(["流小", "动摊", "小贩"]);
    // 的 is a function character: 门口的流 gives 口流 (口·的·流 skips it) but no pair with 的 itself.
    expect(skipBigrams("门口的流").every((g) => !g.includes("的"))).toBe(true);
    // A pair already adjacent somewhere in the text adds nothing ("砂场砂石场").
    expect(skipBigrams("砂场砂石场")).not.toContain("砂场");
    expect(skipBigrams("Hello world")).toEqual([]);
  });
});

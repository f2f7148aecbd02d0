import { describe, expect, it } from "vitest";
import { charGrams, isFunctionBigram } from "./chargrams.js";

describe("character grams", () => {
  it("gives unigrams (without function characters) and adjacent bigrams", () => {
    expect(charGrams("的砂场")).toEqual(["的砂", "砂", "砂场", "场"]);
    expect(isFunctionBigram("什么")).toBe(true);
    expect(isFunctionBigram("砂场")).toBe(false);
  });
});

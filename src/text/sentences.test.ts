import { describe, expect, it } from "vitest";
import { splitSentences } from "./sentences.js";

describe("sentences", () => {
  it("splits on 。！？； and line ends, keeping a closing quote with its sentence", () => {
    const s = splitSentences("标题\n会议决定：“全力推进网上办公。”6月初，发文规定。是吗？是；好！").map((x) => x.text);
    expect(s).toEqual(["标题", "会议决定：“全力推进网上办公。”", "6月初，发文规定。", "是吗？", "是；", "好！"]);
  });
});

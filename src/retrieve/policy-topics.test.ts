import { describe, expect, test } from "vitest";
import { uncoveredTopics } from "./policy-topics.js";

/** A corpus that writes 林长制 and 残疾人 (as the seeds do), and none of the other areas. */
const written = new Set(["林长制", "残疾人", "机关", "考核办法"]);
const occurs = (w: string) => written.has(w);

describe("uncoveredTopics", () => {
  test("names the areas of government work a Chinese question asks about that the documents never write", () => {
    expect(uncoveredTopics("机关办公楼的垃圾分类是怎么要求投放的", occurs, false)).toEqual(["垃圾分类"]);
    expect(uncoveredTopics("河长制工作考核结果怎么样", occurs, false)).toEqual(["河长制"]);
    expect(uncoveredTopics("今年养老保险缴费标准是多少", occurs, false)).toEqual(["养老保险"]);
    // An area the documents write is theirs to answer.
    expect(uncoveredTopics("林长制考核怎么打分", occurs, false)).toEqual([]);
    expect(uncoveredTopics("残疾人就业有什么扶持", occurs, false)).toEqual([]);
    expect(uncoveredTopics("垃圾分类怎么考核", () => true, false)).toEqual([]);
  });

  test("personnel, residence and traffic matters: questions whose relevance alone no longer flags them at the 0.117 threshold", () => {
    expect(uncoveredTopics("机关事业单位人员延迟退休的政策怎么执行？", occurs, false)).toEqual(["延迟退休"]);
    expect(uncoveredTopics("驾驶证一个记分周期扣满12分以后要怎么处理？", occurs, false)).toEqual(["记分周期", "驾驶证"]);
    expect(uncoveredTopics("人才引进的落户和购房补贴政策是什么？", occurs, false)).toEqual(["购房补贴", "落户"]);
  });

  test("a longer word named is not named again by a shorter one inside it", () => {
    expect(uncoveredTopics("生活垃圾和建筑垃圾分类", occurs, false)).toEqual(["垃圾分类", "生活垃圾"]);
  });

  test("an English question by its phrases, as asked", () => {
    expect(uncoveredTopics("how is garbage sorting enforced in government buildings", occurs, true)).toEqual(["garbage sorting"]);
    expect(uncoveredTopics("what did the county do about telecom fraud", occurs, true)).toEqual(["telecom fraud"]);
    expect(uncoveredTopics("how are food safety inspections done", occurs, true)).toEqual([]);
  });
});

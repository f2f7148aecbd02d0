import { describe, expect, it } from "vitest";
import { itemsAsked, itemsListed, mentionsGroup } from "./items.js";

// Real passages of the seed corpus, as the index holds them.
/** 001 篇7, line 103. */
const TWO_REVIEWS = "在车辆的购置审批过程中,严格按政策办事,实行“两审三控”制度,保证和维护政府采购制度的严肃性,有效地遏止了公务用车消费过快增长,节约了财政资金。";
/** 002 报告3, line 240. */
const MIXING_PLANTS = "2021年7月对全县商混站进行专项督查,对未取得相关资质的5家商混站进行了拆除,对甘孜州世杰建筑工程有限公司商混站的资质、环境保护、原材料管理、试验管理等进行了全方位检查。";
/** 004 篇1, line 77. */
const FIVE_DILIGENCES = "政府办公室主任要带领机关全体人员努力做到“五勤”。一是脑勤。就是要勤于动脑, 善于思考, 精于谋划。二是嘴勤。就是要多问、多了解、多请示、多汇报。";
/** 001 篇9, line 193. */
const SEVEN_STEPS = "落实学校督导“七步法”工作常规,明确申报备案、团队分工、制定方案、准备工具、收集信息、现场评估、形成报告并反馈等七个挂牌督导工作步骤,建立以评估和指导学校完善三年发展规划为主线的发展性评价制度。";
/** 000 篇二, line 81. */
const SEVENTEEN_ITEMS = "出台了《县直单位帮扶企业考核办法》，细化了引项目、办实事、提建议、定规划等17项内容的计分标准。";
/** 001 篇10, line 337. */
const NINE_UNIFIED = "把36家酿酒农户组织起来,统一原料、统一生产工艺、统一产品标准、统一标识、统一营销、统一检测、统一质量安全把关、统一市场价格、统一散酒配送(即“九统一”)。";
/** 003 篇1, line 96. */
const FIRST_PRIZES = "评选出一等奖2个，鲁城街道、时庄镇，各奖壹万元，并授予“曲阜市科技工作模范乡镇（街道）”称号；二等奖5个，书院、姚村、息陬、王庄、南辛，各奖五千元。";

describe("items of a group", () => {
  it("reads the group a question asks the items of: a quoted term with a number, or a counted group", () => {
    expect(itemsAsked("西峰区公务用车采购实行的“两审三控”，具体是哪两审、哪三控？")).toEqual({ group: "两审三控", figures: false });
    expect(itemsAsked("当政府办主任要做到的“五勤”都是哪五个？")).toEqual({ group: "五勤", figures: false });
    expect(itemsAsked("学校督导“七步法”工作常规包括哪七个步骤？")).toEqual({ group: "七步法", figures: false });
    expect(itemsAsked("石渠县被拆除的那5家商混站都叫什么名字？")).toEqual({ group: "商混站", figures: false, count: 5 });
    // A count in full-width digits reads as the same number.
    expect(itemsAsked("石渠县被拆除的那５家商混站都叫什么名字？")).toEqual({ group: "商混站", figures: false, count: 5 });
    expect(itemsAsked("《县直单位帮扶企业考核办法》里那17项内容各占多少分？")).toEqual({ group: "内容", figures: true, count: 17 });
    // Asked in the clause after the group's, and which one of them ("哪家").
    expect(itemsAsked("帮扶企业考核办法里那17项内容，每一项各占多少分？")).toEqual({ group: "内容", figures: true, count: 17 });
    expect(itemsAsked("宁都县推荐去评赣州市市长质量奖的那4家企业，最后哪家评上了？")).toEqual({ group: "企业", figures: false, count: 4 });
  });

  it("asks nothing of a group the question only names, or of a quoted term without a number", () => {
    // The departments that carry out 三网, not what the three networks are.
    expect(itemsAsked("农村食品安全“三网”建设由哪几个部门共同实施？")).toBeUndefined();
    expect(itemsAsked("干部考核里说的“有为就有位，无为就无位”具体是什么意思？")).toBeUndefined();
    expect(itemsAsked("石渠县拆除了几家商混站？")).toBeUndefined();
    // A clause after the group's that asks something else of it.
    expect(itemsAsked("宁都县推荐了4家企业，是什么时候推荐的？")).toBeUndefined();
  });

  it("a passage that lists the items where it names the group answers; one that only names it does not", () => {
    expect(itemsListed(FIVE_DILIGENCES, itemsAsked("“五勤”是哪五勤？")!)).toBe(true);
    expect(itemsListed(SEVEN_STEPS, itemsAsked("“七步法”具体是哪七步？")!)).toBe(true);
    expect(itemsListed(SEVEN_STEPS, itemsAsked("督导的那七个步骤具体是什么？")!)).toBe(true);
    expect(itemsListed(FIRST_PRIZES, itemsAsked("评出的2个一等奖具体是哪几个？")!)).toBe(true);
    // Listed before the name that sums them up.
    expect(itemsListed(NINE_UNIFIED, itemsAsked("杨柳米酒合作社要搞的“九统一”都包括哪些？")!)).toBe(true);
    const twoReviews = itemsAsked("“两审三控”，具体是哪两审、哪三控？")!;
    expect([mentionsGroup(TWO_REVIEWS, twoReviews), itemsListed(TWO_REVIEWS, twoReviews)]).toEqual([true, false]);
    // A list in the same sentence that is not of the group: what 世杰's plant was checked for.
    const plants = itemsAsked("那5家商混站都叫什么名字？")!;
    expect([mentionsGroup(MIXING_PLANTS, plants), itemsListed(MIXING_PLANTS, plants)]).toEqual([true, false]);
  });

  it("a figure for each item needs a list with figures, not the items' names alone", () => {
    expect(itemsListed(SEVENTEEN_ITEMS, itemsAsked("那17项内容分别是什么？")!)).toBe(true);
    expect(itemsListed(SEVENTEEN_ITEMS, itemsAsked("那17项内容各占多少分？")!)).toBe(false);
    expect(itemsListed(FIRST_PRIZES, itemsAsked("那2个一等奖各奖多少钱？")!)).toBe(true);
  });

  it("a list of the group counted with another number is another group's", () => {
    // 篇1 lists the townships' two first prizes; the science award's three (共评出一等奖3项) are named nowhere.
    expect(itemsListed(FIRST_PRIZES, itemsAsked("科技进步奖评出的3个一等奖具体是哪几个项目？")!)).toBe(false);
    expect(itemsListed(FIRST_PRIZES, itemsAsked("科技进步奖评出的两个一等奖具体是哪几个？")!)).toBe(true);
    // A question that gives no number takes any list.
    expect(itemsListed(FIRST_PRIZES, { group: "一等奖", figures: false })).toBe(true);
  });
});

import { describe, expect, it } from "vitest";
import { answeredBy, askedFigure, besidesPlaces, besidesSum, changeWhyAsked, choiceWhyAsked, comparedWords, firstWhyAsked, focusWords, moveWhyAsked, narrowStartWhyAsked, noneWhyAsked, scopeWords, sharedWords, sitedWords, stillNotWhyAsked, onlyPlanned, stillPending, placesNamed, placesWithLevel, roleAsked, judgedBy, statedOfAsked, systemNames, countGiven, countStatedNear, countedIn, countedThingIn, englishCountedIn, expectedAnswer, figureWithheld, holderNamed, issuerLine, moneyNamed, outcomeCountedIn, peopleCountedIn, personAsked, pricePerAsked, rateNamed, schoolNamed, statesNamedAmount, suppliesAnswer } from "./answer-type.js";
import { contentWords } from "./absent.js";

/** 003 篇2, 曲阜: the purpose of setting up its top science prize, stated in the sentence naming the prize. */
const QUFU_PRIZE =
  "为了调动广大科技人员的积极性、创造性和主动性,激励科技人员干事创业,今年对1988年制订的《曲阜市科学技术进步奖励办法》进行了全面修订,6月25日,市政府第68次市长办公会通过了新修订的《曲阜市科学技术奖励办法》,设立了科技最高奖,奖金10万元。";

describe("answer type", () => {
  it("reads what a question asks for from its wording", () => {
    expect(expectedAnswer("杨柳米酒出厂价多少钱一斤")).toBe("money");
    expect(expectedAnswer("What is the price of Yangliu rice wine?")).toBe("money");
    expect(expectedAnswer("市长质量奖什么时候评选")).toBe("time");
    expect(expectedAnswer("评标的专家啥时候才知道自己要评啥项目")).toBe("time");
    expect(expectedAnswer("临江市新能源公交车比例达到多少")).toBe("rate");
    expect(expectedAnswer("杨柳米酒小作坊存在哪些问题")).toBeUndefined();
    expect(expectedAnswer("市财政给网上办公的拨款是多少")).toBe("money");
    // A share of something is a rate, not an amount of money; land taken up ("占地多少亩") is a measure.
    expect(expectedAnswer("米酒小作坊交的税费占收入多少")).toBe("rate");
    expect(expectedAnswer("民主测评时德能勤绩廉各占多大权重")).toBe("rate");
    expect(expectedAnswer("新园区占地多少亩")).toBe("measure");
    // Taking up a number of points (002: "占总分中的4分") is a score, not a share.
    expect(expectedAnswer("林长制考核指标占多少分")).toBeUndefined();
    expect(expectedAnswer("林业部门的指标占总分多少分")).toBeUndefined();
    expect(expectedAnswer("补贴比例是多少")).toBe("rate");
    // Income, output and taxes are sums of money; a share of income is a rate.
    expect(expectedAnswer("去年益阳规模工业企业营业收入是多少？")).toBe("money");
    expect(expectedAnswer("1到8月全市工业税收入库了多少")).toBe("money");
    // A fine is a sum: 004's 餐桌污染 scheme says who punishes selling uninspected meat, not by how much.
    const fine = "按照福建省治理“餐桌污染”方案，销售私宰肉的商户会被处以多少罚款？";
    expect(expectedAnswer(fine)).toBe("money");
    expect(answeredBy(fine, "money")("省农业厅、省工商局负责,加强对城乡结合部和农村市场销售未经检疫或检疫不合格的动物及其产品违法行为的查处。")).toBe(false);
    expect(expectedAnswer("米酒小作坊交的各种税费大概占收入多少？")).toBe("rate");
    expect(expectedAnswer("这个办法是哪一年出台的")).toBe("year");
    expect(expectedAnswer("例会一般开多长时间")).toBe("duration");
    expect(expectedAnswer("项目申报截止到哪一天")).toBe("date");
    expect(expectedAnswer("政务网建设已成功布点多少个")).toBeUndefined();
    // 多少 before what the money is called asks for an amount as well; 多少人 before it counts people.
    expect(expectedAnswer("义务监督员每个月有多少补贴")).toBe("money");
    expect(expectedAnswer("获奖企业能拿到多少奖金")).toBe("money");
    expect(expectedAnswer("项目争取到了多少省级补助资金")).toBe("money");
    expect(expectedAnswer("今年有多少人领到了补贴")).toBeUndefined();
    // An investment is an amount too ("分到了多少投资"), and so is a subsidy asked after a comma ("有补贴吗，标准多少").
    expect(expectedAnswer("龙岩冬春水利建设里，新罗区分到了多少投资？")).toBe("money");
    expect(expectedAnswer("帮扶企业的机关干部每月有没有补助，给多少？")).toBe("money");
    expect(expectedAnswer("义务监督员有补贴吗，标准多少？")).toBe("money");
    expect(expectedAnswer("有补贴吗，发给多少人？")).toBeUndefined();
    // A count of complaints to the price bureau, not a price: 价 is followed by a unit that counts.
    expect(expectedAnswer("物价局一年接到多少起价格投诉，都办完了吗？")).toBeUndefined();
    expect(expectedAnswer("物价部门受理的价格投诉有多少件？")).toBeUndefined();
    expect(expectedAnswer("收到申请后要在多少个工作日内答复")).toBe("duration");
    // A telephone number, not a count of calls.
    expect(expectedAnswer("梁寨镇党委书记王磊的手机号是多少？")).toBe("phone");
    expect(expectedAnswer("宁波81890热线每天大概接多少个电话？")).toBeUndefined();
    // How often, not how many in all or how long.
    expect(expectedAnswer("实行林长制以后，区级林长一年要巡山几次？")).toBe("frequency");
    expect(expectedAnswer("那个区的区级林长多长时间巡一次山？")).toBe("frequency");
    expect(expectedAnswer("How often do Baltimore's department heads go to City Hall for CitiStat meetings?")).toBe("frequency");
    expect(expectedAnswer("区里上半年集中采购一共采购了多少次、规模多大？")).toBeUndefined();
    // Which firm; satisfaction is a rate.
    expect(expectedAnswer("宁都县2020年获批江西名牌的是哪家企业？")).toBe("firm");
    expect(expectedAnswer("Which companies were recommended for the mayor's quality award?")).toBe("firm");
    expect(expectedAnswer("营商环境那份监督报告里，群众对整体发展环境的满意度具体是多少？")).toBe("rate");
    // Which months is a time of year, not a length of time.
    expect(expectedAnswer("冬春水利建设全面铺开是在哪几个月？")).toBe("time");
    // A rate asked for by name ("标准化率", "合格率多少"), not an efficiency or a frequency.
    expect(expectedAnswer("沅江市中小学食堂的标准化率具体达到了多少？")).toBe("rate");
    expect(expectedAnswer("保定上半年农产品抽检了多少批，合格率多少？")).toBe("rate");
    expect(expectedAnswer("网上办公以后办事效率提高了多少")).toBeUndefined();
    // In English, a rate asked with its subject in between ("what was the district's forest coverage rate").
    expect(expectedAnswer("What was the district's forest coverage rate in 2020?")).toBe("rate");
    expect(expectedAnswer("What share of school canteens should be under quantified grading management?")).toBe("rate");
    expect(expectedAnswer("What did the report say about the share of the work?")).toBeUndefined();
    // "when" in the middle of an English question is not a question about time.
    expect(expectedAnswer("How should staff respond when a complaint is unreasonable?")).toBeUndefined();
    // Who issued or signed a document; not who is in charge of something.
    expect(expectedAnswer("万全县那份调查的落款是哪个单位？")).toBe("issuer");
    expect(expectedAnswer("这份通知是哪个单位发的？")).toBe("issuer");
    expect(expectedAnswer("那份帮扶企业的调查是谁写的")).toBe("issuer");
    expect(expectedAnswer("Who issued the notice on winter-spring water conservancy?")).toBe("issuer");
    expect(expectedAnswer("哪个部门负责学校周边的流动摊贩？")).toBeUndefined();
    expect(expectedAnswer("哪个单位牵头推进质量强县？")).toBeUndefined();
    // Why; a question that also asks for a figure is judged by the figure.
    expect(expectedAnswer("为啥学校食堂从业人员的食品安全培训中断了？")).toBe("reason");
    expect(expectedAnswer("Why did food safety training for canteen staff stop?")).toBe("reason");
    expect(expectedAnswer("杨柳米酒卖多少钱一斤，为什么这么贵？")).toBe("money");
    // Who paid is not who wrote.
    expect(expectedAnswer("修路的钱是哪个部门出的钱？")).not.toBe("issuer");
    expect(expectedAnswer("那笔专项资金是谁出的资金？")).not.toBe("issuer");
  });

  it("knows a stated cause (000 篇五: \"因无专项经费支持\"), not 因此 or 因素", () => {
    expect(suppliesAnswer("食品从业人员培训工作因无专项经费支持，基本处于停滞状态。", "reason")).toBe(true);
    expect(suppliesAnswer("由于涉及部门多，难免存在职权交叉", "reason")).toBe(true);
    expect(suppliesAnswer("因此，要进一步加大投入。影响质量的因素很多。", "reason")).toBe(false);
  });

  it("knows a document's sign-off: a line that is only an organisation's name (000 篇三, 004 篇5), not one named in a sentence", () => {
    expect(issuerLine("第三得到了精神上的鼓舞。企业主感到现在办企业有党政机关及干部的“撑腰”，干起来无后顾之忧、有劲头，能更好地发挥他们的潜力和能力。\n中共万全县委组织部")).toBe("中共万全县委组织部");
    expect(issuerLine("龙岩市人民政府办公室\n龙岩市人民政府办公室关于转发2007年度冬春水利建设工作意见的通知（龙政办〔2007〕224号）")).toBe("龙岩市人民政府办公室");
    expect(suppliesAnswer("为使这些企业进一步做大做强，万全县委政府建立并实行了“县级领导、县直党政部门及干部帮扶企业工作制度”", "issuer")).toBe(false);
    // A heading is not a sign-off.
    expect(issuerLine("三、主要经验及启示\n帮扶企业制度起到了“催化”作用。")).toBeUndefined();
  });

  it("knows whether a passage states such an answer (real passages of 000–003)", () => {
    expect(suppliesAnswer("支持数字经济项目12个，支持金额295万元", "money")).toBe(true);
    expect(suppliesAnswer("临江市已于9月28日开通了临江至长春客运站", "time")).toBe(true);
    expect(suppliesAnswer("新能源公交车比例达到100%", "rate")).toBe(true);
    // A rate without its sign: nought (003 宁都), and a share whose % 000 篇二 lost; not a share of points (002).
    expect(suppliesAnswer("医疗服务：提升综合医疗服务能力和质量，县人民医院DRG排名从2019年第20名上升至第15名，低风险死亡率为0", "rate")).toBe(true);
    expect(suppliesAnswer("这次所帮扶的企业虽然在数量上仅占全县民营企业的1.67，但全部是骨干企业、税收大户，是全县国民经济的支撑。", "rate")).toBe(true);
    expect(suppliesAnswer("2020年全省高质量发展综合考核评价指标中林业部门考核指标为林长制工作和林地（湿地）保有量，占总分中的4分。", "rate")).toBe(false);
    expect(suppliesAnswer("杨柳米酒产自隆阳区杨柳乡杨柳村", "money")).toBe(false);
    // 万元 with its digits printed as "*" is no amount (000 篇五, line 257).
    expect(suppliesAnswer("标准化学校食堂建设达标*所，投入经费约*万元，大大改善了学校师生的用餐环境。", "money")).toBe(false);
    // 万 before a noun counts that thing (001 梁寨镇: "8万多农民"), not a sum.
    expect(suppliesAnswer("100多个干部面对8万多农民，问题多种多样，矛盾各有不同。", "money")).toBe(false);
    // An amount in the capital numerals of accounts (001 达拉特旗采购办).
    expect(suppliesAnswer("三是根据本单位的实际情况，给予了两户困难户每户价值伍佰元的生活慰问品。", "money")).toBe(true);
    expect(suppliesAnswer("产业发展专项资金自2007年设立以来", "year")).toBe(true);
    expect(suppliesAnswer("定期开展巡山护林", "duration")).toBe(false);
    // A telephone number: stated (004 漳州外侨办, 003 宁波), or only talked about (001 梁寨镇), or a count of households.
    expect(suppliesAnswer("(地址:漳州市芗城区胜利西路118号,邮编:363000,电话:2027149,电子信箱:zzwsqwb@sina.com)", "phone")).toBe(true);
    expect(suppliesAnswer("对于外部数据，宁波81890就是个比较好的例子，通过81890热线电话，沟通政府和居民，81890和巴尔的摩CitiStat系统的311具有同样的功能。", "phone")).toBe(true);
    expect(suppliesAnswer("作为最基层的政权组织，乡镇工作纷繁复杂，向社会公开手机号码自然会给干部们增加许多工作量，但镇党委书记王磊告诉《中国经济周刊》：“多接群众几个电话不正是我们想找的密切联系群众的方法？”", "phone")).toBe(false);
    expect(suppliesAnswer("全镇15137户居民很快都有了“专属”于自己的“人民公仆”", "phone")).toBe(false);
    // How often (003 价格监测, CitiStat; 001 溆浦督导), not "regularly" (002 林长制).
    expect(suppliesAnswer("进一步完善价格监测预警机制，坚持每月两次对8大类54个品种重要商品和服务价格的监测和分析，尤其是针对下半年以来，受际市场油价高涨和国内部分生产资料、消费品价格上升影响，我市成品油、液化气、猪肉、食用油等价格持续较快上涨的状况，及时启动价格预警实施预案，密切关注市场物价动态，加强监测分析，第一时间向市领导反馈信息，报告价格上涨原因，提出应对建议，努力确保市场价格基本稳定。", "frequency")).toBe(true);
    expect(suppliesAnswer("政府的每一个管理部门的负责人每2周去市政府参加会议。", "frequency")).toBe(true);
    expect(suppliesAnswer("一是坚持督学责任区工作一月一小节，半年一总结制度，二是协调落实督学联系会议制度，三是开展督学责任区工作专项督查。", "frequency")).toBe(true);
    expect(suppliesAnswer("各级林长认真履职，区委书记下达总林长令，区级林长定期开展巡山活动；", "frequency")).toBe(false);
    // A firm's name (002 石渠县), not a count of firms (001 杨柳村) nor firms unnamed (003 宁都县).
    expect(suppliesAnswer("2021年7月对全县商混站进行专项督查，对未取得相关资质的5家商混站进行了拆除，对甘孜州世杰建筑工程有限公司商混站的资质、环境保护、原材料管理、试验管理等进行了全方位检查，并对存在的问题下发整改通知，要求企业停产停业，确保商品混凝土出厂质量。", "firm")).toBe(true);
    expect(suppliesAnswer("截至目前，在杨柳村的36家酒厂中，只有1家按国家规定取得了食品生产许可证证书的企业，其余均为食品生产加工小作坊，平均每家酒厂日产30度米酒不足100公斤。", "firm")).toBe(false);
    expect(suppliesAnswer("组织推荐企业参与江西名牌评选，并成功获批。", "firm")).toBe(false);
    // A length of time, not a year or a day of a month (004 漳州外侨办).
    expect(suppliesAnswer("严格执 行24小时值班制度、节假日领导带班制度和应急信息30分钟内报 告制度，做到有登记、有报告、有落实、有反馈，确保各项工作 有章可循、有案可查，编辑应急专报14期。", "duration")).toBe(true);
    expect(suppliesAnswer("本办2009年度无收到公民或组织的信息公开申请", "duration")).toBe(false);
    expect(suppliesAnswer("二〇〇九年一月十四日", "duration")).toBe(false);
    expect(suppliesAnswer("本报告所列数据的统计期限自2009年1月1日至12月31日止", "duration")).toBe(false);
    // A time relative to an event, in Chinese numerals (001 南皮县).
    expect(suppliesAnswer("专家在开标前一小时才能了解招标内容", "time")).toBe(true);
    // A day is a day of a month, not the year alone nor a document number.
    expect(suppliesAnswer("临江市已于9月28日开通了临江至长春客运站", "date")).toBe(true);
    expect(suppliesAnswer("根据《益阳市产业发展专项资金管理办法》(益财企〔2017〕125号)", "date")).toBe(false);
  });

  it("holds a question about who holds a post to a passage naming that post (real passages of 003 and 004)", () => {
    const leader = holderNamed("龙岩市冬春水利建设领导小组的组长是谁？")!;
    expect(expectedAnswer("龙岩市冬春水利建设领导小组的组长是谁？")).toBe("person");
    // 003 answers with a name or with another post; both name the post asked about.
    expect(leader.test("组长由市农业局副调研员翁树文担任，市局市场信息处、计划财务处、政策法规处、行政审批处、科技教育处、农村经济管理处、农业处、现代农业办、农机处、畜牧处、兽医处、渔业处、质量监管处、饲料处、农业环保处、定点屠宰处、技术站、土肥站、植保站、蔬菜站、种子工作站、农资监管中心、质量监管站、畜牧站、水产站主要负责同志为成员。")).toBe(true);
    expect(leader.test("成立了以县长为组长、分管副县长为副组长，市场监管、农业、林业、畜牧、水利、财政、环保等职能单位为成员的X县创建全国农业综合标准化示范县领导小组")).toBe(true);
    // 004 龙岩: the plan's measures say who must act, never who leads the group.
    expect(leader.test("各级政府要把冬春水利建设及水利工程水毁集中整治修复工作摆到重要位置")).toBe(false);
    expect(holderNamed("当阳市电子政务办公室的主任叫什么名字？")?.source).toBe("主任");
    expect(holderNamed("Who is the director of the e-government office in Dangyang?")?.test("当阳市电子政务办公室主任")).toBe(true);
    // Asking who does something, not who holds a post, is left alone.
    expect(expectedAnswer("学校里的小卖部和校门口的小摊，分别归谁管？")).toBeUndefined();
    expect(holderNamed("临江客运考核自评工作谁牵头？办公室设在哪")).toBeUndefined();
  });

  it("holds a question asking a holder's name to a passage that names a person in that post, not one naming only another post (real passages of 002 and 003)", () => {
    const name = answeredBy("宁都县质量兴县工作领导小组的组长叫什么名字？", "person");
    // 003 宁都: the group is led by whoever is 县长; the text never says who that is.
    expect(name("并在质量兴县的基础上成立了由县委副书记、县长任组长,分管县委副书记、副县长任副组长,相关单位负责同志为成员的宁都县质量兴县工作领导小组。")).toBe(false);
    // 003 保定 and 002 临江 give the name after the title.
    expect(name("组长由市农业局副调研员翁树文担任,市局市场信息处、计划财务处主要负责同志为成员。")).toBe(true);
    expect(name("临江市交通运输局成立了以党组书记、局长赵辰为组长,副局长为副组长,各业务科室负责人为成员的《临江市道路客运行业高质量发展绩效考核工作领导小组》")).toBe(true);
    // A name in another sentence than the post does not say who holds it.
    expect(name("成立了以县长为组长的领导小组。市政协主席马书轩视察了全市科技创新工作。")).toBe(false);
    // The name must belong to the post asked, 副 or not: 002 临江 names its 局长, not the 副局长.
    const linjiang = "临江市交通运输局成立了以党组书记、局长赵辰为组长,副局长为副组长,各业务科室负责人为成员的《临江市道路客运行业高质量发展绩效考核工作领导小组》";
    expect(answeredBy("临江市交通运输局那个副局长叫什么名字？", "person")(linjiang)).toBe(false);
    expect(answeredBy("临江客运考核领导小组的组长叫什么名字？", "person")(linjiang)).toBe(true);
    // Named by two posts, the name asked is of the one nearest the asking words: the 副局长, whom the passage does not name,
    // and not the city's 副组长 (002 报告2: "主管副市长张继华为副组长").
    const deputy = answeredBy("临江市交通运输局担任考核领导小组副组长的副局长叫什么名字？", "person");
    expect(deputy(linjiang)).toBe(false);
    expect(deputy("建立了由市政府市委副书记、市长王大泉为组长,主管副市长张继华为副组长,市政府交通运输局局长、财政局局长")).toBe(false);
    expect(answeredBy("临江考核领导小组副组长叫什么名字？", "person")("建立了由市政府市委副书记、市长王大泉为组长,主管副市长张继华为副组长")).toBe(true);
    // Asked only who, the post that holds it is an answer.
    expect(answeredBy("宁都县质量兴县工作领导小组的组长是谁？", "person")("并在质量兴县的基础上成立了由县委副书记、县长任组长,分管县委副书记、副县长任副组长")).toBe(true);
    // Asked who the 副 holder is, the passage must name the 副 post: 003 保定 names only its 组长.
    const baoding = "组长由市农业局副调研员翁树文担任,市局市场信息处、计划财务处主要负责同志为成员。";
    expect(answeredBy("保定农业品牌工作领导小组的副组长是谁？", "person")(baoding)).toBe(false);
    expect(answeredBy("保定农业品牌工作领导小组的组长是谁？", "person")(baoding)).toBe(true);
    expect(answeredBy("宁都县质量兴县工作领导小组的副组长是谁？", "person")("并在质量兴县的基础上成立了由县委副书记、县长任组长,分管县委副书记、副县长任副组长")).toBe(true);
    // A name asked after a comma ("…的组长，也就是益阳市长，叫什么名字"): 002 篇1 says the mayor leads it, never who the mayor is.
    const mayor = "益阳市推进先进制造业高质量发展领导小组的组长，也就是益阳市长，叫什么名字？";
    expect(expectedAnswer(mayor)).toBe("person");
    expect(answeredBy(mayor, "person")("市人民政府成立了由市长任组长的市推进先进制造业高质量发展领导小组,领导小组下设办公室")).toBe(false);
  });

  it("holds a question asking who people without a post are to a sentence naming them and a person (real passages of 003 and 004)", () => {
    expect(expectedAnswer("漳州外侨办负责信息公开的那名兼职工作人员是谁？")).toBe("person");
    // Who did something to the experts is not a question about their names.
    expect(expectedAnswer("专家是谁去抽的？")).toBeUndefined();
    // 004 漳州: the part-time officer is counted, not named.
    expect(answeredBy("漳州外侨办负责信息公开的那名兼职工作人员是谁？", "person")("2009年，对我办信息公开领导小组成员进行调整，并进一步明确职责分工，配备了1名兼职工作人员，负责落实信息公开的具体工作。")).toBe(false);
    // 003's vocational school names its champion.
    const champion = answeredBy("那所职校的学生参加世博会礼仪选拔，北京赛区冠军是谁？", "person");
    expect(champion("我校7名同学入选,卢鑫悦荣膺北京赛区冠军,孙君杰、2名同学也进入前10名。")).toBe(true);
    // 003 曲阜 lists the towns that won its prizes, not a person who won the new top prize.
    expect(answeredBy("曲阜科技最高奖第一个获奖的是谁？", "person")("二等奖5个,书院、姚村、息陬、王庄、南辛,各奖五千元,并授予“曲阜市科技工作先进乡镇(街道)称号。")).toBe(false);
    // Who an award went to, asked without naming the winners: the same test, on the award's sentence.
    for (const q of ["曲阜首次设立的科技最高奖第一次颁给了谁？", "科技最高奖最后发给谁了？", "北京赛区谁拿到了冠军奖？"]) expect(expectedAnswer(q), q).toBe("person");
    // Not who a subsidy goes to, nor who does the awarding.
    expect(expectedAnswer("补贴发给谁？")).toBeUndefined();
    expect(expectedAnswer("科技奖由谁来评？")).toBeUndefined();
    // 003 曲阜 sets up the top prize and names no one who won it.
    const top = answeredBy("曲阜首次设立的科技最高奖第一次颁给了谁？", "person");
    expect(top("6月25日,市政府第68次市长办公会通过了新修订的《曲阜市科学技术奖励办法》,设立了科技最高奖,奖金10万元,奖励为我市社会经济发展做出突出贡献的科技人员,这也是我市首次设立科技最高奖。")).toBe(false);
    expect(answeredBy("北京赛区谁拿到了冠军奖？", "person")("我校7名同学入选,卢鑫悦荣膺北京赛区冠军,孙君杰、2名同学也进入前10名。")).toBe(true);
    // 004 当阳 says 教师 where the question says 老师, and names none of them.
    expect(answeredBy("当阳市从教育系统调到电子政务办的三位老师叫什么名字？", "person")("当阳市及时成立电子政务办公室,并在教育系统中选拔三名专业技术过硬的教师调入市电子政务办公室。")).toBe(false);
  });

  it("holds a question about how to apply to a passage that says how, not one that only mentions applying (real passages of 001, 002 and 003)", () => {
    expect(expectedAnswer("异地就医备案去哪儿办、要带什么材料？")).toBe("materials");
    expect(expectedAnswer("市长质量奖的评选标准和申报条件是什么？")).toBe("conditions");
    expect(expectedAnswer("评中级职称需要满足哪些条件？")).toBe("conditions");
    // The how comes first when a question also asks when.
    expect(expectedAnswer("督学资格证考试每年什么时候考、怎么报名？")).toBe("procedure");
    expect(expectedAnswer("因公出国办护照要走什么审批流程？")).toBe("procedure");
    expect(expectedAnswer("How do I apply for the mayor's quality award?")).toBe("procedure");
    // The steps of applying ("申请…要走哪些步骤"), commas between, are how to apply.
    expect(expectedAnswer("想向漳州外侨办申请公开某条政府信息，具体要走哪些步骤？")).toBe("procedure");
    expect(expectedAnswer("企业申报市长质量奖分哪几步？")).toBe("procedure");
    // Not applying: how firms judged a place, what steps a school inspection takes (its steps), what to do about demands.
    expect(expectedAnswer("万全县的企业老板对在当地办企业的环境是怎么评价的？")).toBeUndefined();
    expect(expectedAnswer("挂牌督学到学校督导，按规矩要走哪几个步骤？")).toBe("steps");
    expect(expectedAnswer("老百姓提的要求不合理或者一时办不了，该怎么应对？")).toBeUndefined();
    // Mentions: 003's firms "符合条件", 002's projects "不符合申报条件", 003's CitiStat staff preparing meeting papers.
    const eligible = "通过召开政策宣讲会、入企走访宣传等方式，提高集聚区企业政策知晓度，指导符合条件的企业积极申报政策支持。";
    const rejected = "专家评审前，由机关有关业务科室对申报项目资料进行审核，对不符合申报条件或资料有明显缺陷的项目进行把关，不进入专家评审程序。";
    const papers = "CitiStat技术小组负责准备会议汇报材料，把操作组提供的数据和GIS结合，更新数据库材料等。";
    for (const text of [eligible, rejected]) expect(suppliesAnswer(text, "conditions")).toBe(false);
    expect(suppliesAnswer(papers, "materials")).toBe(false);
    expect(suppliesAnswer(eligible, "procedure")).toBe(false);
    // What is stated: 001's approval of new cars in steps, 002's stages of a project.
    const cars = "凡新购、过户车辆，必须先由采购办逐一进行初审，符合条件的才能提交分管局长审定并签署意见，必要时向主要领导汇报后方可办理。";
    expect(answeredBy("新购公务车辆要走什么审批流程？", "procedure")(cars)).toBe(true);
    expect(suppliesAnswer("督促项目单位进一步完善相关制度，严格项目申报、评审、审批、实施、验收及后期管护等程序。", "procedure")).toBe(true);
  });

  it("holds a question about where a rule starts to apply to an amount stated as a bound (real passages of 001 and 002)", () => {
    const question = "南皮县政府采购多少万以上必须公开招标？";
    expect(expectedAnswer(question)).toBe("money");
    const bound = answeredBy(question, "money");
    // 001 南皮县: a total reached is no threshold.
    const total = "截至20_年11月25日实际采购规模达到29940、69万元，节约资金1768、34万元，资金节约率为5、58%。";
    expect(suppliesAnswer(total, "money")).toBe(true);
    expect(bound(total)).toBe(false);
    expect(answeredBy("政府采购要走公开招标的金额门槛具体是多少万元？", "money")(total)).toBe(false);
    // Bounds: 002's investment statistics, 001's other procurement report.
    expect(bound("固定资产投资统计口径为500万元以上，乡镇500万元以上项目较少")).toBe(true);
    expect(
      bound(
        "我区在实施政府采购以来，逐年扩大政府采购范围，采购项目由原来的三大类扩大到十四大类，主要涉及公务用车的燃油、维修、装饰、清洗，标志服装（金额在500元以上），办公自动化设备，办公用品、电脑耗材（金额在100元以上），网络建设，办公家俱，图书资料（金额在1000元以上），医疗器械，冬季取暖用煤，房屋维修（金额在10000元以上），公务用车，用财政性资金安排的专项购置、维修项目及大宗的低值易耗品，用财政性资金安排的农业综合开发、财源建设等项目。",
      ),
    ).toBe(true);
    // A cap ("最多能支持多少钱") is a bound too: 002 益阳 gives what the fund spent on all projects, not a limit per project.
    const cap = answeredBy("益阳产业发展专项资金单个项目最多能支持多少钱？", "money");
    expect(cap("产业发展项目支持资金1171.59万元涉及数字经济类项目、工业新型优势产业链项目、技术创新技术改造类项目及其他类项目共四大类,支持全市8个区县(市)61家企业61个项目。")).toBe(false);
    expect(cap("固定资产投资统计口径为500万元以上，乡镇500万元以上项目较少")).toBe(true);
    // The name of a prize is no cap: "最高奖奖金多少" asks the prize money.
    expect(answeredBy("曲阜新设的科技最高奖奖金多少？", "money")("设立了科技最高奖,奖金10万元,奖励为我市社会经济发展做出突出贡献的科技人员")).toBe(true);
  });

  it("knows a count, a rate or a name the documents withhold as \"*\" (real passages of 000, 001 and 003)", () => {
    const question = "沅江全市各级各类学校一共有多少所？";
    const schools = askedFigure(question, expectedAnswer(question))!;
    const words = contentWords(question);
    // 000 沅江 masks its figures; 001 溆浦 states a count of schools of its own.
    const yuanjiang = "我市共有各级各类学校（幼儿园）*所，其中中小学校*所，公民办幼儿园*所，从教人员*余人，在校学生（幼儿）*万余人。";
    const xupu =
      "根据《湖南省小学教学点合格学校建设验收标准》和《湖南省农村公办幼儿园验收标准》，指导敖泉镇光路小学等40所村小合格学校创建单位、荷叶镇中心幼儿园等3所农村公办幼儿园实事项目园建设单位，认真做好自查自评及申报工作。";
    expect(schools.kind).toBe("count");
    expect(figureWithheld([yuanjiang, xupu], schools, words, 10)).toBe(true);
    // The first passage that states a count next to the question's words decides.
    expect(figureWithheld([xupu, yuanjiang], schools, words, 10)).toBe(false);
    const survey = "据对*份问卷调查数据统计显示：群众对我市经济发展环境的总体满意度达*.*%。";
    expect(figureWithheld([survey], schools, words, 10)).toBe(false);
    // A rate: 000's masked satisfaction, 001's stated shares.
    const satisfaction = "政协问卷调查里，群众对经济发展环境的总体满意度具体是百分之多少？";
    const rate = askedFigure(satisfaction, expectedAnswer(satisfaction))!;
    expect(rate.kind).toBe("rate");
    expect(figureWithheld([survey], rate, contentWords(satisfaction), 10)).toBe(true);
    expect(figureWithheld(["问卷调查显示，43%的干部认为培训内容适合需要，53%的认为基本适合，4%的认为不太适合。"], rate, ["干部", "培训"], 10)).toBe(false);
    // Who holds a post: 000 篇四 prints the vice-chair's name as "*"; 003 names one of 曲阜's.
    const leader = "市政协哪位副主席带队搞的优化经济发展环境民主监督？";
    expect(expectedAnswer(leader)).toBe("person");
    const who = askedFigure(leader, "person")!;
    expect(who.kind).toBe("person");
    const masked =
      "今年以来，市政协紧紧围绕“优化经济发展环境建设年”活动，由市政协副主席*带队，会同市纪委监委、市委督察室、市优办，组织部分政协委员，深入十几个部门和多家企业，通过实地察看、听取汇报、查阅资料、个别访谈、问卷调查等形式，对优化经济发展环境进行了民主监督，现将有关情况报告如下：";
    expect(figureWithheld([masked], who, contentWords(leader), 10)).toBe(true);
    expect(figureWithheld(["市政协刘汉武副主席出席了会议。"], who, contentWords(leader), 10)).toBe(false);
  });

  it("holds a price asked per unit to a price in that unit, and knows an amount printed with \"*\" (real passages of 001 and 003)", () => {
    // 001 篇1 states a price per square metre; 001 篇10's 杨柳米酒 only sums of capital and output.
    const house = "农村群众想方设法把子女送到县城上学,而县城房价高达3500元/㎡,为了买一套屋子得还上10多年的债的";
    const wine = "组织各酿酒农户,依法登记成立具有法人资格的“杨柳米酒酿造有限公司”,重新规划建设现代化的酿酒企业集团,使企业注册资本达到1亿元以上,企业产值达到10亿元以上";
    const perJin = "杨柳米酒散酒现在市面上一斤卖多少钱？";
    expect(expectedAnswer(perJin)).toBe("money");
    expect(suppliesAnswer(wine, "money")).toBe(true);
    expect(answeredBy(perJin, "money")(wine)).toBe(false);
    expect(answeredBy("县城的房子现在多少钱一平？", "money")(house)).toBe(true);
    expect(answeredBy("县城房子一平米要多少钱？", "money")(house)).toBe(true);
    expect(pricePerAsked("县城买房一共要花多少钱？")).toBeUndefined();
    // "第一次" is an ordinal, not a price per time: 003's 科技最高奖 states its prize as a sum.
    const prize = "设立了科技最高奖,奖金10万元,奖励为我市社会经济发展做出突出贡献的科技人员,这也是我市首次设立科技最高奖。";
    const first = "曲阜第一次设立的科技最高奖奖金是多少？";
    expect(pricePerAsked(first)).toBeUndefined();
    expect(answeredBy(first, "money")(prize)).toBe(true);
    expect(pricePerAsked("培训一次收多少钱？")).toBeDefined();
    // 003's 发改局 prints a digit of the key projects' total investment as "*".
    const projects = "经审核,计划实施重点建设项目37项(其中省、*市重点建设项目5项),总投资1*.93亿元,年度计划投资19.00亿元。";
    const total = "37个重点建设项目的计划总投资具体是多少亿？";
    const money = askedFigure(total, expectedAnswer(total))!;
    expect(money.kind).toBe("money");
    expect(figureWithheld([projects], money, contentWords(total), 10)).toBe(true);
    // 003 also states the totals of the projects approved and filed: the first passage stating one decides.
    const approved = "1-12月项目立项337个,总建筑面积127.69万平方米,总投资41.83亿元,项目备案181个,总建筑面积200.60万平方米,总投资51.39亿元;";
    const filed = "备案的项目总投资一共是多少亿？";
    expect(figureWithheld([approved, projects], askedFigure(filed, expectedAnswer(filed))!, contentWords(filed), 10)).toBe(false);
  });

  it("reads what an English \"how many\" question counts (real passages of 002 and 003)", () => {
    const firms = englishCountedIn("How many enterprises and projects did Yiyang's 2021 industrial development project funds support?")!;
    // 002 自评报告1 states the firms and projects the fund supported; its next lines count money and shares.
    expect(firms.test("产业发展项目支持资金1171.59万元涉及数字经济类项目、工业新型优势产业链项目、技术创新技术改造类项目及其他类项目共四大类，支持全市8个区县（市）61家企业61个项目。")).toBe(true);
    expect(firms.test("奖励资金、工作经费等各项共支出1130.36万元安排2020年度奖励资金957万元。")).toBe(false);
    // 003 篇8 states its count after what it counts.
    const schools = englishCountedIn("In the spring and autumn education fee inspections, how many primary and secondary schools were checked?")!;
    expect(schools.test("违反自愿原则强制收取服务性费用的行为进行查处,共检查中小学校64所,查出的违价金额达185.84万元")).toBe(true);
    expect(englishCountedIn("How much did the county spend on schools?")).toBeUndefined();
    expect(englishCountedIn("多少家企业")).toBeUndefined();
  });

  it("reads what a Chinese count question counts, stated in any unit (real passage of 004)", () => {
    const question = "福建治理餐桌污染那个方案，农村今年计划新开多少家农家店";
    // 004 篇9 counts the shops in 个, not in the 家 the question asks in.
    const shops = "省经贸委负责建设和完善农村现代食品流通网,继续开展“万村千乡市场工程”建设,全年计划新建消费品农家店2450个。";
    expect(countedIn(question)!.test(shops)).toBe(false);
    expect(countedThingIn(question)!.test(shops)).toBe(true);
    expect(countedThingIn(question)!.test("省工商局负责建设和完善农村食品市场监管网,在全省1.4万个行政村建立食品安全信息员队伍。")).toBe(false);
    // A unit with nothing named after it counts no thing.
    expect(countedThingIn("黎平县上半年有多少人对处罚决定不服？")).toBeUndefined();
  });

  it("tells whether a text gives a count at all, in a unit that counts alike or of the thing counted (real passages of 003 and 001)", () => {
    // Events are held in 场 or 次: 003 篇3 counts 质量月 activities in 次.
    const month = "2020年,我县开展质量月活动4次,参与企业数量12家,参与一线员工数量220人次,参与群众数量700人次。";
    expect(countGiven("质量月期间搞了几场现场活动？")!.test(month)).toBe(true);
    expect(countedIn("质量月期间搞了几场现场活动？")!.test(month)).toBe(false);
    // Schools are counted in 家 or 所.
    expect(countGiven("合格学校创建单位有多少家？")!.test("40所村小合格学校创建单位")).toBe(true);
    // A survey 001 篇8 reports only in shares gives no count of its questionnaires.
    const survey = "问卷显示,对干部教育培训工作总体评价认为“效果很好,受益匪浅”的占66.7%,认为“比较好,获得了较多收获”的占28.9%";
    expect(countGiven("问卷一共发了多少份？")!.test(survey)).toBe(false);
    expect(countGiven("一共发了多少份问卷？")!.test("共发放问卷300余份")).toBe(true);
    expect(countGiven("问卷都有哪些结论？")).toBeUndefined();
    // Notes are counted in 条 or 则: 001 篇4's 民情日志.
    expect(countGiven("梁寨的干部一年多下来一共记了多少条民情日志？")!.test("而类似这样的“日志”,梁寨的干部们一年多来已经撰写了6万则。")).toBe(true);
    // People named before a bare 个 are counted in 名 too (001 篇6); things are not.
    const carers = "按照我州60岁以上19.77万老人服务需求10%计算,约有1.9万老年人需要提供养老服务,按每6位老人需要1名家政服务员计算,养老护理员缺口3000名。";
    expect(countGiven("我们州养老护理人员还差多少个？")!.test(carers)).toBe(true);
    expect(countGiven("我们州养老院床位还差多少个？")!.test(carers)).toBe(false);
  });

  it("wants a count in 个 of the thing named, not of anything (real passages of 001 and 004)", () => {
    const written = () => true;
    const villages = countGiven("梁寨镇一共下辖多少个行政村？", written)!;
    // 001 篇4 counts its cadres in 个, never its villages.
    expect(villages.test("“进百家门”不难,难的是“办百家事”,100多个干部面对8万多农民,问题多种多样")).toBe(false);
    // 001 篇9 does count a township's villages, one of them in 个 next to 村.
    expect(villages.test("全乡9个行政村其中有7个村是“空壳村”")).toBe(true);
    expect(villages.test("其中有7个村是“空壳村”")).toBe(true);
    // 004 篇5 lists its stages as numbered items.
    expect(countGiven("冬春水利建设分几个阶段推进？", written)!.test("(一)部署发动阶段(2007年9月―10月)")).toBe(true);
    // A numbered heading that only ends like the word is not an item of it (003 篇3: 人员, not 成员单位).
    expect(countGiven("宁都县质量兴县工作领导小组一共有多少个成员单位？", written)!.test("(四)各部门各单位人员配置不足,往往一人对接多项业务")).toBe(false);
    // Without knowing the word is written, or for a question that asks what they are, any count in 个 will do.
    expect(countGiven("梁寨镇一共下辖多少个行政村？")!.test("100多个干部面对8万多农民")).toBe(true);
    expect(countGiven("督学到学校要走哪几个步骤？", written)!.test("分为三个环节")).toBe(true);
  });

  it("reads a telephone number asked with 是啥 or 是什么", () => {
    expect(expectedAnswer("南皮县政府采购中心的联系电话是啥？")).toBe("phone");
    expect(expectedAnswer("投诉热线号码是什么")).toBe("phone");
    expect(expectedAnswer("热线电话每天接多少个")).toBeUndefined();
  });

  it("holds a named sum to a sentence that names it with an amount (real passages of 001 and 004)", () => {
    // 001 南皮县: the amounts are savings and totals, none is an expert's fee.
    const caigou = "今年1-6月份完成采够项目26个，采购总额2543万元，节约资金295万元，节支率10、4%。";
    const fee = moneyNamed("政府采购评审专家每次评标的劳务报酬是多少？")!;
    expect(suppliesAnswer(caigou, "money")).toBe(true);
    expect(statesNamedAmount(caigou, fee)).toBe(false);
    expect(statesNamedAmount(caigou, moneyNamed("南皮县上半年政府采购节约了多少资金？")!)).toBe(true);
    // Invested is the same money as put in (004: "投资3.32亿元" for "投入多少资金").
    const water = "今冬明春全市水利建设主要目标任务:计划完成土石方1000万m3,投资3.32亿元,投劳1200万工日。";
    expect(statesNamedAmount(water, moneyNamed("今冬明春水利建设总共计划投入多少资金")!)).toBe(true);
    // Asked only as 多少钱, any amount will do.
    expect(moneyNamed("县城房子一平米要多少钱")).toBeUndefined();
    // A firm's registered capital is not money spent on anything (000 万全县).
    const firms = "目前万全县民营企业已达到5366家，其中注册资金在500万元以上9家、100万元以上32家。";
    expect(statesNamedAmount(firms, moneyNamed("万全县搞帮扶企业这项工作，县里每年拿出多少工作经费？")!)).toBe(false);
    expect(statesNamedAmount("针对绿野公司扩大生产规模所面临的资金短缺问题，经多方联系，帮助企业解决流动资金300万元。", moneyNamed("帮绿野公司解决了多少资金？")!)).toBe(true);
  });

  it("holds a measure to a number in its unit's family (real passages of 002, 003 and 004)", () => {
    expect(expectedAnswer("石渠县海拔大概多少米？")).toBe("measure");
    expect(expectedAnswer("松材线虫病疫木去年一共除治了多少株？")).toBe("measure");
    expect(expectedAnswer("示范县耕地面积有多大")).toBe("measure");
    expect(expectedAnswer("What is the altitude of Shiqu county?")).toBe("measure");
    // A size, asked by what it measures, is a length; a statistical scope (统计口径) is not.
    expect(expectedAnswer("县里编的生态网笼产品标准规定的网目尺寸是多少？")).toBe("measure");
    expect(expectedAnswer("固定资产投资统计口径为多少？")).not.toBe("measure");
    // 003 篇5, line 199: the standard names what it regulates (规格), not a size.
    const nets = "编写了生态网笼产品标准,对生态网笼的分类、规格、检验规则以及包装、储运等各个环节进行规范";
    expect(answeredBy("县里编的生态网笼产品标准规定的网目尺寸是多少？", "measure")(nets)).toBe(false);
    // A length in the sentence naming the thing answers it (004 龙岩, "疏浚河道9.5km").
    expect(answeredBy("疏浚的河道长度是多少？", "measure")("新建、加高、加固堤防4.3km,疏浚河道9.5km")).toBe(true);
    // A share of an area is a rate, and how high a rate was is no measure.
    expect(expectedAnswer("人工造林面积占多大比例")).toBe("rate");
    expect(expectedAnswer("How high was the pass rate of product inspections in 2020?")).not.toBe("measure");
    // 方面 is not a unit: "几方面的职责" asks for a list.
    expect(expectedAnswer("政府办公厅在信息公开这块要承担几方面的职责？")).toBeUndefined();
    // 002 石渠: "石渠县地势偏远,海拔高,工作条件艰苦" names the altitude without a figure.
    const altitude = "二是石渠县地势偏远,海拔高,工作条件艰苦,专业人才严重缺乏";
    expect(answeredBy("石渠县海拔大概多少米？", "measure")(altitude)).toBe(false);
    // 004 龙岩: volumes in m3, areas in km2 and 亩, lengths in km.
    const longyan = "计划完成土石方1000万m3,投资3.32亿元,投劳1200万工日。……治理水土流失面积185km2,开工建设水库塘坝6座,完成3座,新增农村水电装机容量2.2万千瓦,新建、加高、加固堤防4.3km,疏浚河道9.5km。新增有效灌溉面积0.5万亩";
    expect(answeredBy("冬春水利要完成多少立方米土石方", "measure")(longyan)).toBe(true);
    expect(answeredBy("水土流失要治理多少平方公里", "measure")(longyan)).toBe(true);
    expect(answeredBy("堤防加固多少公里", "measure")(longyan)).toBe(true);
    expect(answeredBy("堤防加固多少公里", "measure")("治理水土流失面积185km2")).toBe(false);
    expect(answeredBy("一共除治了多少株疫木", "measure")(longyan)).toBe(false);
    // 003 示范县: every figure of the county is printed as X ("耕地面积X万亩").
    const county = "全县辖X镇X乡、X个国营农场……总面积X平方公里,耕地面积X万亩,总人口X万";
    expect(answeredBy("创建示范县的那个县耕地面积有多少万亩？", "measure")(county)).toBe(false);
    // 002: 亩 answers a question in 万亩, and an area asked without a unit.
    const forest = "2020年,省下达我区森林四化建设任务5800亩(其中:人工造林1900亩,人工补植500亩,森林抚育3400亩)";
    expect(answeredBy("人工造林任务多少万亩", "measure")(forest)).toBe(true);
    expect(answeredBy("森林抚育面积有多大", "measure")(forest)).toBe(true);
  });

  it("reads the unit a count question asks in, and whether a passage states a number in it (real passages of 000, 002, 003 and 004)", () => {
    const info = countedIn("外侨办一年里主动公开了多少条信息？")!;
    expect(info.test("本办2009年度共主动公开政府信息21条，其中全文电子化达100%")).toBe(true);
    expect(info.test("配备了1名兼职工作人员负责落实信息公开的具体工作")).toBe(false);
    const firms = countedIn("一共扶持了多少家企业、多少个项目？")!;
    expect(firms.test("高新区共支持13家企业13个项目")).toBe(true);
    // People are counted in 人, 名 or 位: "多少人" is answered by "208名机关干部" (000).
    const people = countedIn("县里让机关干部下到企业帮忙，一共抽了多少人？")!;
    expect(people.test("全县70个帮扶部门共选派208名机关干部")).toBe(true);
    expect(people.test("全县70个帮扶部门")).toBe(false);
    // "几个人" counts people too, though in 个: 000 篇四 answers "优办配了几个人" with "目前仅配了一名工作人员".
    const staff = countedIn("优办现在归哪个部门管？配了几个人")!;
    expect(staff.test("二是专业人员配备不到位。目前仅配了一名工作人员，明显存在人员不足")).toBe(true);
    expect(staff.test("深入十几个部门和多家企业")).toBe(false);
    expect(countedThingIn("配了几个人干活？")).toBeUndefined();
    // Not the 人 of "多少户人家": households are counted in 户 (001 篇4, "人均“包挂”超过100户").
    expect(countedIn("梁寨镇一个干部平均要联系多少户人家？")!.test("人均“包挂”超过100户")).toBe(true);
    expect(countedIn("杨柳米酒小作坊存在哪些问题")).toBeUndefined();
    // A round figure ("360余人次", 002 石渠); cases counted in 起 or 件 (003's price office).
    const inspections = "2021年3月至12月共出动执法检查360余人次、检查经营单位560余家、共下发了疫情紧急通知8次、发放了防疫防火宣传资料180余份。";
    expect(countedIn("文旅市场去年查了多少人次、多少家店？")!.test(inspections)).toBe(true);
    const cases = countedIn("发改局一年下来查了多少起乱收费、乱涨价的案子？")!;
    expect(cases.test("全年共立案查处各类价格违法案件18件，查出违价金额403.02万元，其中退还消费者115.61万元，没收违法所得102.56万元，罚款6.3万元。")).toBe(true);
    // A count in tens of thousands, and pieces of writing counted in 篇 or 则 (001 篇4, 梁寨's "民情日志").
    const diaries = "而类似这样的“日志”，梁寨的干部们一年多来已经撰写了6万则。";
    expect(countedIn("他们镇的干部这一年多写了多少篇民情日记？")!.test(diaries)).toBe(true);
    expect(countedIn("发放了多少份宣传资料？")!.test("发放宣传资料十万余份")).toBe(true);
    expect(countedIn("发放了多少份宣传资料？")!.test("发放宣传资料十万余")).toBe(false);
  });

  it("tells a count stated of what the question names from a count of something else (real passages of 002 石渠县)", () => {
    const question = "今年一共检查了多少家加油站？";
    const counted = countedIn(question)!;
    const words = contentWords(question);
    const stations =
      "对全县15家加油站、53台加油机进行现场监督检查，检查过程中，未发现加油站有超检定周期使用的情况，未发现作弊行为，没有私换加油机编码器、流量测量变换器、计控主板的情况发生。";
    const supervisors =
      "2021年11月，采用“双随机、一公开”原则对县域内执业的13家工程监理单位进行动态核查，根据《建设工程项目监理工作质量检查评分表》打分结果，石渠县13家工程监理单位均符合相关要求，";
    // Both state a number of 家; only one counts petrol stations. (A place the
    // question names, 石渠县, stands near both: it is left out of the question here.)
    expect(counted.test(stations) && counted.test(supervisors)).toBe(true);
    expect(countStatedNear(stations, counted, words, 10)).toBe(true);
    expect(countStatedNear(supervisors, counted, words, 10)).toBe(false);
    expect(countStatedNear(stations, counted, [], 10)).toBe(false);
  });
  it("counts people named by what they are in a number of them, not in any number of people (real passages of 004, 002 and 001)", () => {
    // 004 篇6 漳州: "配备了1名兼职工作人员".
    const zhangzhou = "2009年，对我办信息公开领导小组成员进行调整，并进一步明确职责分工，配备了1名兼职工作人员，负责落实信息公开的具体工作。";
    expect(countGiven("外侨办有几个工作人员管信息公开？")!.test(zhangzhou)).toBe(true);
    expect(countGiven("外侨办有多少工作人员？")!.test(zhangzhou)).toBe(true);
    // 002 篇1: "5位评审专家由机关纪委和人事科…抽取", two words between the number and the name.
    expect(countGiven("项目评审请了几名专家？")!.test("5位评审专家由机关纪委和人事科在市工信局专家库中临时抽取")).toBe(true);
    // 004 篇8 当阳: what the people are like may stand between the number and their name ("三名专业技术过硬的教师").
    const dangyang = "为解决问题,当阳市及时成立电子政务办公室,并在教育系统中选拔三名专业技术过硬的教师调入市电子政务办公室。";
    expect(countGiven("当阳市从教育系统调了几名教师？")!.test(dangyang)).toBe(true);
    expect(countGiven("当阳市电子政务办公室有几名工作人员？")!.test(dangyang)).toBe(false);
    // 001 篇7 南皮县 names its staff and its experts, and states other numbers of people, but never how many staff or experts.
    const nanpi = "鉴于目前我县专家库人员数量不多，涉及行业也偏少的情况，我们面向社会广泛征集专家。培训采购人员120人次，截止目前为止没有发生一起工作人员违反廉洁服务的事。";
    expect(countGiven("南皮县采购中心有多少工作人员？")!.test(nanpi)).toBe(false);
    expect(countGiven("专家库里一共有多少名专家？")!.test(nanpi)).toBe(false);
    // 001 篇7 达拉特旗: its 服务队 helped "一名贫困大学生" and "一名贫困老人", and never says how many members it has.
    const team = "20_年政府采购办在职党员志愿者服务队，共进入社区四次，打扫包片卫生环境；帮扶了一名贫困大学生，给予了一千元的助学资金；帮助一名贫困老人完成了“小心愿”。";
    expect(countGiven("达拉特旗政府采购办在职党员志愿者服务队有多少名队员？")!.test(team)).toBe(false);
    expect(countGiven("服务队有多少名队员？")!.test("服务队现有队员12名")).toBe(true);
    // A population is stated next to 人口; no report gives one (000 篇三 counts 万全县's firms, the only 人口 is "老年人口").
    const wanquan = "目前万全县民营企业已达到5366家，其中注册资金在500万元以上9家、100万元以上32家。";
    expect(countGiven("万全县的总人口有多少？")!.test(wanquan)).toBe(false);
    expect(countGiven("万全县的总人口有多少？")!.test("随着老年人口的快速发展，老年人活动场所供需矛盾日显突出")).toBe(false);
    expect(countGiven("万全县有多少人口？")!.test("全县辖8个乡镇，总人口22.6万人")).toBe(true);
    // Without a name of people, the unit decides as before: "120人次" gives "多少人".
    expect(peopleCountedIn("培训了多少人？")).toBeUndefined();
    // How many of those asked said something is a share, answered in per cent; a group of villagers is not people counted.
    expect(peopleCountedIn("党校全脱产培训有多少干部说效果好？")).toBeUndefined();
    expect(peopleCountedIn("还有多少个村民小组没通水泥路？")).toBeUndefined();
    expect(peopleCountedIn("从哪几个方面给干部打分？")).toBeUndefined();
    // A count in a unit of things is of those things: 代表 and 委员 only say whose motions (004 篇1 七里河区).
    const motions = "今年,共承办省、市、区人大议案、政协提案93件,通过采取领导督办、重点催办、专人承办等措施,有效提高了办理时效和质量";
    const asked = "七里河区政府办一年承办了多少件代表议案和委员提案？";
    expect(peopleCountedIn(asked)).toBeUndefined();
    expect(countGiven(asked)!.test(motions)).toBe(true);
  });

  it("asks who led for a sentence saying who, and tells a name printed as * (real passage of 000 篇四)", () => {
    const question = "那次民主监督是哪位政协领导带队的？";
    expect(expectedAnswer(question)).toBe("person");
    expect(expectedAnswer("Who led the delegation to the Shanghai fair?")).toBe("person");
    const led = "今年以来，市政协紧紧围绕“优化经济发展环境建设年”活动，由市政协副主席*带队，会同市纪委监委、市委督察室、市优办，组织部分政协委员，深入十几个部门和多家企业。";
    const answers = answeredBy(question, "person");
    expect(answers(led)).toBe(true);
    // 000 篇五: the school canteen inspection was led by a committee, no one is said to have led it.
    expect(answers("由文教卫体委牵头负责，组织部分政协委员开展民主监督。")).toBe(false);
    const figure = askedFigure(question, "person")!;
    expect(figureWithheld([led], figure, ["政协", "民主监督"], 30)).toBe(true);
    expect(figureWithheld(["由市政协副主席刘汉武带队，深入十几个部门。"], figure, ["政协"], 30)).toBe(false);
    // Who heads a group is still asked of its 组长 ("由县长任组长").
    expect(answeredBy("领导小组是谁挂帅？", expectedAnswer("领导小组是谁挂帅？") ?? "person")("成立了由县长任组长的领导小组")).toBe(true);
  });

  it("asks which school for a school named, not schools in general (real passages of 000 and 001)", () => {
    expect(expectedAnswer("调来的三名教师原来是哪所学校的？")).toBe("school");
    expect(expectedAnswer("哪两所学校的新食堂建成使用了？")).toBe("school");
    expect(expectedAnswer("Which school canteen was found in a dilapidated building?")).toBe("school");
    // A firm or a school asked with a word before it.
    expect(expectedAnswer("Which software company built the CompStat system?")).toBe("firm");
    expect(expectedAnswer("是哪家软件公司开发的？")).toBe("firm");
    expect(expectedAnswer("Which vocational school sent students to the Expo?")).toBe("school");
    expect(schoolNamed("今年下半年建成使用的南洞庭实验学校和玉潭学校，食堂建设标准高")).toBe(true);
    expect(schoolNamed("指导敖泉镇光路小学等40所村小合格学校创建单位")).toBe(true);
    expect(schoolNamed("全面开展沅江市中小学校食品安全大检查，部分农村学校食堂设施简陋，提升镇村学校办学条件")).toBe(false);
    expect(schoolNamed("根据《益阳市标准化学校食堂创建活动实施方案》精神")).toBe(false);
  });

  it("holds a figure asked about a person named with their post to a sentence naming them (real passage of 001 篇4)", () => {
    const question = "梁寨镇党委书记王磊是哪一年到梁寨任职的？";
    expect(personAsked(question)).toBe("王磊");
    expect(personAsked("领导小组组长是谁？")).toBeUndefined();
    const liangzhai = "2013年年中，梁寨镇党委决定所有干部下村到组，挂钩联系居民家庭。镇党委书记王磊告诉《中国经济周刊》：“多接群众几个电话不正是我们想找的密切联系群众的方法?”";
    expect(suppliesAnswer(liangzhai, "year")).toBe(true);
    expect(answeredBy(question, "year")(liangzhai)).toBe(false);
    expect(answeredBy(question, "year")("2012年，王磊任梁寨镇党委书记。")).toBe(true);
  });
  it("counts those with an outcome in a number of them, not in the number put forward (real passages of 003 篇3 and 002 篇5)", () => {
    const winners = "宁都县推荐参加市长质量奖评选的4家企业，最后有几家获奖？";
    // 003 篇3: "共推荐4家企业参与赣州市市长质量奖评选": four put forward, no word of how many won.
    const ningdu = "结合赣州市市长质量奖评选要求，我县本年度共推荐4家企业参与赣州市市长质量奖评选。";
    expect(countGiven(winners)!.test(ningdu)).toBe(false);
    expect(countGiven(winners)!.test("我县推荐的4家企业中有2家企业荣获赣州市市长质量奖。")).toBe(true);
    // 002 篇5: 80 batches sampled; how many failed, it does not say.
    const failed = outcomeCountedIn("抽检的农产品有几批不合格？")!;
    expect(failed.test("完成农产品抽检任务80批次，对不合格批次产品，履行告知、确认、复检程序")).toBe(false);
    expect(outcomeCountedIn("有几个项目没通过验收？")).toBeDefined();
    expect(outcomeCountedIn("有几家拿到了生产许可证？")).toBeUndefined();
  });
  it("holds a year asked of a plan to a year stated as one (real passages of 002 篇5 and 篇2)", () => {
    const question = "石渠县嘛呢石刻群申遗预计哪一年能批下来？";
    expect(expectedAnswer(question)).toBe("year");
    // 002 篇5 says when the bid started, and that it is under way; not when it is expected to succeed.
    const shiqu = "在2020年底我县启动嘛呢石刻群申报世界文化遗产工作，目前已完成项目招投标，正在有序开展；在2021年初启动太阳湖创省级生态旅游示范区工作。";
    expect(suppliesAnswer(shiqu, "year")).toBe(true);
    expect(answeredBy(question, "year")(shiqu)).toBe(false);
    // 002 篇2 plans by year.
    const linjiang = "对贾家营的1条县内农村客运班线进行公交化改造，预计2022年改造5条，2023年改造2条，2024年改造3条。";
    expect(answeredBy("临江预计哪一年改造5条客运班线？", "year")(linjiang)).toBe(true);
    // A year something was done in is any year stated.
    expect(answeredBy("嘛呢石刻群申遗是哪一年启动的？", "year")(shiqu)).toBe(true);
  });
  it("asks whether a bid succeeded for a sentence saying it did or did not (real passages of 002 篇5 and 003 篇3)", () => {
    const question = "石渠县嘛呢石刻群申报世界文化遗产最后成功了没有？";
    expect(expectedAnswer(question)).toBe("outcome");
    expect(expectedAnswer("Did Shiqu's World Heritage bid succeed in the end?")).toBe("outcome");
    expect(expectedAnswer("那个项目最终获批了吗")).toBe("outcome");
    expect(expectedAnswer("Which projects were approved for funding?")).toBeUndefined();
    // 002 篇5: the bid is under way, no outcome.
    const shiqu = "在2020年底我县启动嘛呢石刻群申报世界文化遗产工作，目前已完成项目招投标，正在有序开展。";
    expect(answeredBy(question, "outcome")(shiqu)).toBe(false);
    // 003 篇3: "组织推荐企业参与江西名牌评选，并成功获批".
    expect(answeredBy("宁都县推荐企业参评江西名牌，最后成功了没有？", "outcome")("积极组织推荐企业参与江西名牌评选，并成功获批。")).toBe(true);
    // Asked with who approves ("有没有被省里批准"); 003 篇3 says 宁都 applied, and that it works "通过" (through) the project, not that it passed.
    const approved = "宁都县申报的纺织服装产业质量提升项目最后有没有被省里批准？";
    expect(expectedAnswer(approved)).toBe("outcome");
    expect(expectedAnswer("这个项目是否已被省里批准？")).toBe("outcome");
    const applied = "我县从实际出发申报了《纺织服装产业质量提升》项目，并出台了我县纺织服装产业质量提升工作实施方案，通过纺织服装质量提升行动，带动我县纺织服装进军高端市场";
    expect(answeredBy(approved, "outcome")(applied)).toBe(false);
    expect(answeredBy(approved, "outcome")("该项目已通过省级评审。")).toBe(true);
    expect(answeredBy(approved, "outcome")("该项目顺利通过验收。")).toBe(true);
  });
  it("reads an English question about a cost, a budget, revenue or money paid as asking for an amount", () => {
    expect(expectedAnswer("How much does the NYPD's CompStat system cost to run each year?")).toBe("money");
    expect(expectedAnswer("What is the annual operating budget of the CompStat unit?")).toBe("money");
    expect(expectedAnswer("How much subsidy did Linjiang pay out to rural bus routes?")).toBe("money");
    expect(expectedAnswer("How much annual sales revenue do the Yangliu rice wine workshops generate?")).toBe("money");
    expect(expectedAnswer("At the Shanghai expo, how much in purchase contracts did Baoding's companies sign?")).toBe("money");
    expect(expectedAnswer("How much afforestation did the district complete in 2020?")).toBeUndefined();
    expect(expectedAnswer("How many sites of the e-government network have been set up?")).toBeUndefined();
  });
  it("holds a figure to a sentence that says what it is of: one naming a word or a system the question names (real passages of 003 篇1)", () => {
    // 003 篇1 gives CitiStat's and StateStat's costs, and none for CompStat or GMAP.
    const citistat = "CitiStat的建立花费了28.5万美金，年花费近40万美金，大部分的花费用于项目人员的工资。运行的前4年，节约了1亿美金。";
    const statestat = "巴尔的摩的CitiStat管理15000名雇员，而StateStat管理80000雇员，每一年的执行费用是36万美金，预算到2012年年花费为38.9万美金。";
    const money = (text: string) => suppliesAnswer(text, "money");
    expect(judgedBy("money", "CompStat每年花多少钱")).toBe("sentence");
    expect(judgedBy("reason", "CitiStat为什么能节约这么多钱")).toBeUndefined();
    expect(systemNames("How much does the NYPD's CompStat system cost, and GMAP?")).toEqual(["NYPD", "CompStat", "GMAP"]);
    expect(systemNames("How much does Washington State's program cost?")).toEqual([]);
    expect(statedOfAsked([citistat, statestat], money, ["CompStat"])).toBe(false);
    expect(statedOfAsked([citistat, statestat], money, ["GMAP"])).toBe(false);
    expect(statedOfAsked([citistat, statestat], money, ["StateStat"])).toBe(true);
    expect(statedOfAsked([citistat], money, ["CitiStat"])).toBe(true);
    // A Chinese question's words: 水泥路 is named in 001 篇1 with a share, not an amount.
    const qianshan = "至今还有45个村民小组未通水泥路，占全乡比例的45%。需求上级项目资金量大，加上物价上涨。";
    expect(statedOfAsked([qianshan], money, contentWords("钱山乡修通一公里水泥路大概要花多少钱"))).toBe(false);
    // No word to look for: any sentence giving the answer will do.
    expect(statedOfAsked([citistat], money, [])).toBe(true);
  });
  it("looks for a sentence naming more than the place asked about and the kind of sum asked for (real passage of 003 篇2 曲阜)", () => {
    // 曲阜's science bureau names its 科技投入 and a prize in one sentence, and never the cost of its 村村通 project.
    const prizes = "重点围绕组织领导,科技宣传培训,科技示范园、示范村、示范户建设,科技创新,科技投入,科技人才队伍建设等内容进行了全面严格考核,评选出一等奖2个,鲁城街道、时庄镇,各奖壹万元,并授予“曲阜市科技工作模范乡镇(街道)”称号";
    const asked = "曲阜市科技信息村村通工程总共投入了多少资金";
    const words = ["曲阜市科技", "信息村村通", "工程", "投入", "资金"];
    const sum = answeredBy(asked, "money");
    expect(sum(prizes)).toBe(true);
    expect(statedOfAsked([prizes], sum, words)).toBe(true);
    expect(besidesSum(asked, "money", words)).toEqual(["曲阜市科技", "信息村村通", "工程"]);
    expect(besidesPlaces(besidesSum(asked, "money", words), ["曲阜市"])).toEqual(["信息村村通", "工程"]);
    expect(statedOfAsked([prizes], sum, besidesPlaces(besidesSum(asked, "money", words), ["曲阜市"]))).toBe(false);
    // A question naming only the sum and the place keeps its words; a question asking no sum keeps the sum's words.
    expect(besidesSum("曲阜市奖金多少", "money", ["曲阜市", "奖金"])).toEqual(["曲阜市"]);
    expect(besidesPlaces(["曲阜市"], ["曲阜市"])).toEqual(["曲阜市"]);
    expect(besidesSum("产业扶持资金压了多少比例", "rate", ["产业", "扶持", "资金"])).toEqual(["产业", "扶持", "资金"]);
  });
  it("asks which county or where an event is held for a place named at that level, not one the question names (real passages of 004 篇5 and 001 篇4, 篇6)", () => {
    expect(expectedAnswer("梁寨镇是哪个县管的？")).toBe("place");
    expect(expectedAnswer("冬春水利建设选了哪个县做重点县？")).toBe("place");
    expect(expectedAnswer("居家养老服务示范点现场观摩会在哪开？")).toBe("place");
    // A venue asked ("在哪个场馆举办"): 002 篇1 names the contest only for the prize money it paid out.
    const venue = "益阳市2021年“创客中国”中小微企业创新创业大赛是在哪个场馆举办的？";
    expect(expectedAnswer(venue)).toBe("place");
    expect(answeredBy(venue, "place")("包括:工业企业奖励569万元,园区目标管理评价奖励234万元,“三型两网”建设先进单位奖励90万元,2021年“创客中国”益阳市中小微企业创新创业大赛奖励64万元。")).toBe(false);
    expect(expectedAnswer("Which county was chosen as the model county?")).toBe("place");
    // Not a township or a village, nor where something is posted or an office is set up.
    expect(expectedAnswer("抽查的是哪几个乡镇？")).toBeUndefined();
    // Where something is built is a township or a village: 003 篇2 says 曲阜's seismic station was finished, not where.
    const station = "曲阜地震台建在哪个乡镇？";
    expect(expectedAnswer(station)).toBe("place");
    expect(answeredBy(station, "place")("全面完成了曲阜地震台的建设,严格按照标准完成了土建、避雷、供电设施、内部保温装修")).toBe(false);
    // A township jieba cuts apart ("息陬乡" → 在息, 陬, 乡) is still named; townships in general ("下乡", "12个乡镇") are not.
    const xizou = "5月21日,由市委宣传部牵头,市科技局组织18个市直部门在息陬乡集中开展了“送科技下乡、赶科普大集”活动";
    expect(answeredBy(station, "place")(xizou)).toBe(true);
    expect(answeredBy(station, "place")("对全市12个乡镇(街道)的科技进步目标责任制暨全民创新活动情况进行了全面的考核验收")).toBe(false);
    // And it is the station's site only in a sentence naming the station.
    const words = ["曲阜", "地震台", "建在"];
    expect(sitedWords(station, words, () => true)).toEqual(["地震台"]);
    const xiaoxue = "11月28日,我局组织市知识产权局、市地震局、曲阜生产力促进中心等单位16人参加了在小雪镇举办的“科技、文化、卫生三下乡”活动,展出各类展板6块。";
    expect(statedOfAsked([xiaoxue], answeredBy(station, "place"), words)).toBe(true);
    expect(statedOfAsked([xiaoxue], answeredBy(station, "place"), sitedWords(station, words, () => true))).toBe(false);
    expect(expectedAnswer("公示的内容贴在哪里？")).toBeUndefined();
    expect(expectedAnswer("领导小组办公室设在哪？")).toBeUndefined();
    expect(expectedAnswer("哪个县级部门负责？")).toBeUndefined();
    // 004 篇5 names the model county and the key county.
    const longyan = "为推动冬春水利水毁工程修复和冬春农田水利基本建设的深入开展，经研究确定新罗区为2007年度冬春水利建设样板县、武平县为重点县。";
    expect(placesNamed(longyan)).toEqual(expect.arrayContaining(["新罗区", "武平县"]));
    expect(answeredBy("冬春水利建设选了哪个县做重点县？", "place")(longyan)).toBe(true);
    // 001 篇4 names 梁寨镇 and its village, never its county; a place the question names is no answer.
    const liangzhai = "这是梁寨镇党委宣传委员李芳的一则“民情日志”。";
    expect(answeredBy("梁寨镇是哪个县管的？", "place")(liangzhai)).toBe(false);
    expect(answeredBy("梁寨镇是哪个县管的？", "place")("梁寨镇属于丰县。")).toBe(true);
    // 001 篇6 prepares the meeting and says nothing of where; "全州" and "各乡镇" are no places' names.
    const changji = "积极筹备居家养老服务示范点现场观摩会，发挥示范带动作用。";
    expect(answeredBy("居家养老服务示范点现场观摩会在哪开？", "place")(changji)).toBe(false);
    expect(answeredBy("居家养老服务示范点现场观摩会在哪开？", "place")("在昌吉市召开全州居家养老服务示范点现场观摩会。")).toBe(true);
    expect(placesNamed("全州各乡镇要做好工作")).toEqual([]);
    // Where a meeting was held is said with the holding, not by a place a document's title names (003 篇3, line 109);
    // work done on site is held where it is done (003 篇4, line 149).
    const ningdu = "一是印发了《宁都县落实赣州市创建“全国质量强市示范城市”工作方案(2018-2020年)》的通知(宁府办字[2018]118号)";
    expect(answeredBy("宁都县每年年初开的质量强县工作总结及布置会，是在哪里开的？", "place")(ningdu)).toBe(false);
    expect(answeredBy("退市进园项目现场调度在哪里开展的？", "place")("赴淮上区开展退市进园项目现场调度,并印发督办函")).toBe(true);
    // By their level only: jieba tags 东西 as a place.
    expect(placesNamed("每户送了多少钱的东西")).toContain("东西");
    expect(placesWithLevel("每户送了多少钱的东西")).toEqual([]);
    expect(placesWithLevel("沅江市一共有多少所学校")).toEqual(["沅江市"]);
    expect(placesWithLevel("干部异地培训一般安排去哪些城市")).toEqual([]);
    // A name jieba cuts from its level ("梁寨" "镇", "杨柳" "村", or "镇的" before a quotation mark) is one place.
    expect(placesWithLevel("梁寨镇的“民情信息动态管理服务系统”是哪天正式上线的？")).toEqual(["梁寨镇"]);
    expect(placesWithLevel("杨柳村的米酒卖多少钱一斤")).toEqual(["杨柳村"]);
    expect(placesWithLevel("全县的干部有多少")).toEqual([]);
  });
  it("looks for a date in a sentence naming more than the place asked about, also when the question cuts the place from its level (real passage of 001 篇4)", () => {
    // 001 篇4 tells when a cadre visited 梁寨村, and that 梁寨 set up its 民情信息 system, never the day it went live.
    const asked = "梁寨镇的“民情信息动态管理服务系统”是哪天正式上线的？";
    const visit = "“8月27日中午，我来到梁寨村陈茂松、李翠英老两口家里。";
    const system = "为了共商办法、分享经验，梁寨运用现代信息技术，在全省乡镇率先建立起了“民情信息动态管理服务系统”";
    const words = ["梁寨", "民情信息", "动态管理", "服务系统", "正式", "上线"];
    expect(expectedAnswer(asked)).toBe("date");
    expect(besidesPlaces(words, placesWithLevel(asked))).toEqual(["民情信息", "动态管理", "服务系统", "正式", "上线"]);
    expect(statedOfAsked([visit, system], answeredBy(asked, "date"), words)).toBe(true);
    expect(statedOfAsked([visit, system], answeredBy(asked, "date"), besidesPlaces(words, placesWithLevel(asked)))).toBe(false);
  });
  it("reads the role a question asks who holds, when it names a person by role", () => {
    expect(roleAsked("七里河区第二轮区志编纂的主编是哪位领导？")).toBe("主编");
    expect(roleAsked("临江市吉龙公司的总经理叫什么名字？")).toBe("总经理");
    expect(roleAsked("领导小组的组长是谁")).toBe("组长");
    // Not a thing's name, nor the wording of what was done.
    expect(roleAsked("机关党员下到结对村搞的那个送服务活动，口号叫啥名字")).toBeUndefined();
    expect(roleAsked("万全县帮扶企业那份调查，落款是谁")).toBeUndefined();
    expect(roleAsked("区志编纂工作进展如何")).toBeUndefined();
  });
  it("reads a share of something named at length as a rate (001 篇10: \"占主营收入的10%—30%\")", () => {
    expect(expectedAnswer("米酒小作坊要交的各种税和费，大概占它们营业收入的多少？")).toBe("rate");
    expect(expectedAnswer("米酒小作坊交的税费占收入多少")).toBe("rate");
  });
  it("tells a plan from a result when the question asks what happened in the end", () => {
    // 001 篇6 and 003 篇7 only set these targets; 002 篇2 reports what was done.
    const platform = "按照国家老龄办和自治区老龄办的要求，做好养老服务信息平台建设项目建设和申报工作，力争此项目首落昌吉，服务全州。";
    const enrolment = "7月20日前完成2600人招生目标和1400人的就业安置任务，并且稳定就业率。";
    const buses = "2021年计划完成3条改造，实际完成了4条客运班线改造，即临江至白山，桦树至白山，大湖至白山，临江至贾家营。";
    const q1 = "我州养老服务信息平台项目最后落在昌吉了吗";
    const q2 = "那个职校7月20日前2600人的招生目标最后完成了吗";
    const q3 = "2021年客运班线公交化改造最后实际完成了几条";
    expect(onlyPlanned(q1, [platform], contentWords(q1))).toBe(true);
    expect(onlyPlanned(q2, [enrolment], contentWords(q2))).toBe(true);
    expect(onlyPlanned(q3, [buses], contentWords(q3))).toBe(false);
    // Not asked for a result, or nothing names what it is of.
    expect(onlyPlanned("养老服务信息平台项目打算落在哪里", [platform], contentWords("养老服务信息平台项目打算落在哪里"))).toBe(false);
    expect(onlyPlanned(q2, [platform], contentWords(q2))).toBe(false);
    // "最后落款" asks who signed, not a result.
    expect(onlyPlanned("那份调研最后落款是哪个单位", [platform], contentWords("那份调研最后落款是哪个单位"))).toBe(false);
  });
  it("holds a rate the question names to a sentence stating that rate, not another share (real passages of 001 篇10 and 003 篇3)", () => {
    const workers = "当前，杨柳米酒生产经营从业人员有近200人，多为当地农村农民，大多在35岁以上，初中以上学历从业者所占比例不足50%，其余多为小学，极少数无文化程序。";
    const checks = "全县共开展各类产品质量抽检2000多批次,涉及3大类产品综合抽检合格率99.6%以上。";
    const q = "杨柳米酒小作坊产品的抽检合格率是多少";
    expect(expectedAnswer(q)).toBe("rate");
    expect(rateNamed(q)?.test("综合抽检合格率")).toBe(true);
    expect(answeredBy(q, "rate")(workers)).toBe(false);
    expect(answeredBy(q, "rate")(checks)).toBe(true);
    // A rate named at length is found by its last three characters; a share asked without a name takes any rate.
    expect(rateNamed("宁都县产品质量综合抽检合格率是多少")?.test(checks)).toBe(true);
    expect(rateNamed("初中以上学历的占多少比例")).toBeUndefined();
    // A rate named in words the documents never write takes any rate (003 篇7, line 225: they call it 取证率).
    const art = "其中王以晴等16名同学取得全国最高美术学府——中央美术学院专业证书,央美取证率84.2%,再创历史新高";
    const written = (term: string) => art.includes(term);
    expect(rateNamed("考中央美院专业证，通过率有多少？", written)).toBeUndefined();
    expect(answeredBy("考中央美院专业证，通过率有多少？", "rate", written)(art)).toBe(true);
    expect(answeredBy("考中央美院专业证，通过率有多少？", "rate")(art)).toBe(false);
    // One they write is kept.
    expect(rateNamed("宁都县产品质量综合抽检合格率是多少", (term) => checks.includes(term))?.test(checks)).toBe(true);
    expect(answeredBy("初中以上学历的占多少比例", "rate")(workers)).toBe(true);
  });
  it("asks how a figure compares with an earlier year for a sentence that compares (real passages of 002 篇1 and 003 篇3)", () => {
    const growth = "2021年,全市工业园区完成规模工业增加值593.9亿元,比上年增长10.8%;完成税收30.2亿元,同比增长14.7%;";
    const checks = "全县共开展各类产品质量抽检2000多批次,涉及3大类产品综合抽检合格率99.6%以上。";
    expect(expectedAnswer("宁都县2020年产品质量抽检合格率和2019年相比是升了还是降了")).toBe("comparison");
    expect(expectedAnswer("七里河区这一年受理的信访事项跟上一年比是多了还是少了")).toBe("comparison");
    expect(expectedAnswer("Did the industrial parks' tax revenue rise compared with the previous year?")).toBe("comparison");
    // A figure asked with the comparison is judged by the figure.
    expect(expectedAnswer("帮扶单位引进的县外资金比去年涨了多少钱")).toBe("money");
    expect(judgedBy("comparison", "七里河区这一年受理的信访事项跟上一年比是多了还是少了")).toBe("sentence");
    expect(suppliesAnswer(growth, "comparison")).toBe(true);
    expect(suppliesAnswer(checks, "comparison")).toBe(false);
  });
  it("asks why something began with only part of what it came to cover for a cause or purpose stated of that part (real passages of 003 篇1)", () => {
    // 003 篇1 says CitiStat began with the solid-waste department, and gives a cause only for its low cost
    // (the second passage as the cleaner mends its mojibake).
    const began = "经过筹备,2000年6月CitiStat开始投入实施,最初只包括固体废料处理部门,2002年时包括了16个部门,现在已经包括了全部的管理部门。";
    const cheap = "CitiStat充分利用已有的软硬件资源，因此其投资相对较小。因为巴尔的摩的管理部门基本都有这些软件，所以执行投入非常少。";
    const why = "巴尔的摩的CitiStat为什么一开始只覆盖固体废料处理部门？";
    const words = ["巴尔的摩", "CitiStat", "一开始", "覆盖", "固体废料", "处理部门"];
    expect(expectedAnswer(why)).toBe("reason");
    expect(narrowStartWhyAsked(why)).toBe(true);
    expect(narrowStartWhyAsked("巴尔的摩的CitiStat刚开始为什么只从固体废料处理部门做起？")).toBe(true);
    expect(narrowStartWhyAsked("Why did Baltimore's CitiStat start out covering only the solid waste department?")).toBe(true);
    expect(judgedBy("reason", why)).toBe("sentence");
    // Other reasons, even with 只 or 当初, only lift the passages giving one.
    expect(narrowStartWhyAsked("为什么有的干部考核最后变成只看汇报上来的数字？")).toBe(false);
    expect(narrowStartWhyAsked("县里当初为啥要搞机关干部帮扶企业这套制度？")).toBe(false);
    expect(judgedBy("reason", "县里当初为啥要搞机关干部帮扶企业这套制度？")).toBeUndefined();
    const cause = answeredBy(why, "reason");
    expect(cause(began)).toBe(false);
    expect(cause(cheap)).toBe(true);
    expect(scopeWords(why, words, () => true)).toEqual(["覆盖", "固体废料", "处理部门"]);
    expect(focusWords(why, "reason", words, () => true)).toEqual(["覆盖", "固体废料", "处理部门"]);
    expect(statedOfAsked([began, cheap], cause, words)).toBe(true);
    expect(statedOfAsked([began, cheap], cause, focusWords(why, "reason", words, () => true))).toBe(false);
    // A cause stated in a sentence naming what it began with answers it (003 篇2's prize, asked the same way).
    const first = "曲阜一开始为什么只设了科技最高奖？";
    expect(statedOfAsked([QUFU_PRIZE], answeredBy(first, "reason"), focusWords(first, "reason", ["曲阜", "一开始", "科技最高奖"], () => true))).toBe(true);
  });
  it("asks why one was chosen for a cause or purpose stated of the one chosen (real passage of 004 篇8)", () => {
    // 004 篇8 names 方正公司 only as a source of technical support, never why it was chosen.
    const support = "当阳市电子政务办通过全方位排查,将电子政务工作暴露出的问题一一罗列,并制定详细解决方案,先后多次向方正公司、网络运营服务商寻求技术支持。";
    const why = "当阳市当初为什么选方正公司来做网上办公系统？";
    expect(expectedAnswer(why)).toBe("reason");
    expect(choiceWhyAsked(why)).toBe(true);
    expect(choiceWhyAsked("Why did Dangyang choose Founder to build its online office system?")).toBe(true);
    expect(choiceWhyAsked("县里当初为啥要搞机关干部帮扶企业这套制度？")).toBe(false);
    expect(judgedBy("reason", why)).toBe("sentence");
    const words = ["当阳市", "当初", "方正公司", "网上办公系统"];
    expect(focusWords(why, "reason", words, () => true)).toEqual(["方正公司", "网上办公系统"]);
    expect(statedOfAsked([support], answeredBy(why, "reason"), focusWords(why, "reason", words, () => true))).toBe(false);
    // 003 篇2 gives its purpose in the sentence naming the prize it chose to set up.
    const chose = "曲阜为什么选择设立科技最高奖？";
    expect(statedOfAsked([QUFU_PRIZE], answeredBy(chose, "reason"), focusWords(chose, "reason", ["曲阜", "设立", "科技最高奖"], () => true))).toBe(true);
  });
  it("judges why not a single one came about by a cause stated of it, which a report of the none does not give (004 篇6)", () => {
    // 004 篇6 漳州外侨办: lines 301, 307 and 315 state that there were no requests, and nothing of why.
    const none = "本办2009年度无收到公民或组织的信息公开申请。本办2009年度无受理依申请公开,故未发生收费及减免情况。2、本年度无经历信息公开申请实践,缺少受理经验积累。";
    const why = "漳州外侨办2009年一件信息公开申请都没收到，是什么原因？";
    expect(noneWhyAsked(why)).toBe(true);
    expect(noneWhyAsked("漳州外侨办2009年为什么一件依申请公开都没收到？")).toBe(true);
    expect(noneWhyAsked("Why were no requests for information received by the Zhangzhou office in 2009?")).toBe(true);
    // Why something stopped is not why none came about.
    expect(noneWhyAsked("学校食堂从业人员的培训为啥基本停了？")).toBe(false);
    expect(judgedBy("reason", why)).toBe("sentence");
    const words = ["外侨办", "2009年", "信息公开", "申请", "收到"];
    expect(statedOfAsked([none], answeredBy(why, "reason"), focusWords(why, "reason", words, () => true))).toBe(false);
    // 001 篇7 南皮县 gives the cause of its none in the sentence stating it.
    const clean = "由于制度健全,截止目前为止没有发生一起工作人员违反廉洁服务制度问题。";
    const whyClean = "南皮县采购中心为什么一起工作人员违反廉洁服务的事都没发生？";
    expect(noneWhyAsked(whyClean)).toBe(true);
    expect(statedOfAsked([clean], answeredBy(whyClean, "reason"), focusWords(whyClean, "reason", ["南皮县", "采购中心", "工作人员", "违反", "廉洁", "服务"], () => true))).toBe(true);
  });
  it("judges why something was moved by a cause stated of it, which a report of where it sits now does not give (000 篇4)", () => {
    // 000 篇4, line 231: 市优办 was once under 市委、市政府, and now sits in 发改局; nothing of why.
    const moved = "一个时期，市优办直接属于市委、市政府领导，优办主任兼市委办或政府办副主任。而目前，优办设在发改局，由发改局一名党组成员兼任办公室主任";
    const why = "沅江市优化经济发展环境办公室当初为什么从市委、市政府直管改设到发改局？";
    expect(moveWhyAsked(why)).toBe(true);
    expect(moveWhyAsked("Why was Yuanjiang's business-environment office moved under the development and reform bureau?")).toBe(true);
    // Why something changed, or was set up, is not why it was moved.
    expect(moveWhyAsked("县里当初为啥要搞机关干部帮扶企业这套制度？")).toBe(false);
    expect(judgedBy("reason", why)).toBe("sentence");
    const words = ["优化经济发展环境", "办公室", "市委", "市政府", "发改局"];
    expect(statedOfAsked([moved], answeredBy(why, "reason"), focusWords(why, "reason", words, () => true))).toBe(false);
    // 000 篇2, line 77: a cause stated ("由于…") in a sentence naming what the question names answers.
    const cause = "某县建立和实行帮扶企业制度主要基于以下几种因素。一是由于全县企业改制动手早，到去年底全县已有99的国有企业完成了改制";
    expect(statedOfAsked([cause], answeredBy(why, "reason"), ["企业"])).toBe(true);
  });
  it("judges why something has still not come about by a cause stated of it, which a problem listed does not give (002 篇4)", () => {
    // 002 篇4, line 209: among the township's problems, the funds have not arrived; nothing of why.
    const listed = "3.石漠化综合治理项目资金未到位。";
    const why = "石漠化综合治理项目的资金为什么一直没有到位？";
    expect(stillNotWhyAsked(why)).toBe(true);
    expect(stillNotWhyAsked("Why have the rocky desertification project funds still not arrived?")).toBe(true);
    // Why something is so, or why none came about, is not why it has still not.
    expect(stillNotWhyAsked("石漠化综合治理项目的资金为什么这么少？")).toBe(false);
    expect(judgedBy("reason", why)).toBe("sentence");
    const words = ["石漠化综合治理", "项目", "资金", "到位"];
    expect(statedOfAsked([listed], answeredBy(why, "reason"), focusWords(why, "reason", words, () => true))).toBe(false);
    // 001 篇7 西峰区: causes of other shortcomings of its procurement ("由于财政较为困难，政府采购预算编制和执行力差") are not why
    // its managing and executing bodies are still not set up apart, which is what the cause must name.
    const apart = "西峰区政府采购的管理机构和执行机构为什么一直没有分开设置？";
    const xifeng = "二是由于财政较为困难，政府采购预算编制和执行力差。";
    const apartWords = ["政府采购", "管理机构", "执行机构", "一直", "分开", "设置"];
    expect(focusWords(apart, "reason", apartWords, () => true)).toEqual(["分开", "设置"]);
    expect(statedOfAsked([xifeng], answeredBy(apart, "reason"), apartWords)).toBe(true);
    expect(statedOfAsked([xifeng], answeredBy(apart, "reason"), focusWords(apart, "reason", apartWords, () => true))).toBe(false);
    // 000 篇2, line 77: a cause stated ("由于…") in a sentence naming what is asked answers.
    const cause = "某县建立和实行帮扶企业制度主要基于以下几种因素。一是由于全县企业改制动手早，到去年底全县已有99的国有企业完成了改制";
    expect(statedOfAsked([cause], answeredBy("某县的企业为什么迟迟没有得到帮扶？", "reason"), ["企业"])).toBe(true);
  });
  it("asks why one came first of a sentence stating a cause or purpose, not of the plan that put it first (002 篇2, line 132)", () => {
    // 临江's plan converts 贾家营's line first and the rest by year, and says nothing of why that line.
    const plan = "临江市交通运输局出台了《临江市道路客运行业“全域公交”实施方案》（临交运发﹝2021﹞90号）文件，从2021年11月开始，对贾家营的1条县内农村客运班线进行公交化改造，预计2022年改造5条，2023年改造2条，2024年改造3条，最终实现“全域公交”的目标。";
    const why = "临江市为什么把贾家营那条班线排在第一个搞公交化改造？";
    expect(firstWhyAsked(why)).toBe(true);
    expect(firstWhyAsked("为什么先从贾家营的班线改起？")).toBe(true);
    expect(firstWhyAsked("Why was the Jiajiaying line the first to be converted?")).toBe(true);
    // Which came first, or why something was done at all, is not why it came first.
    expect(firstWhyAsked("临江市第一批改造的是哪条班线？")).toBe(false);
    expect(firstWhyAsked("临江市为什么要搞公交化改造？")).toBe(false);
    expect(firstWhyAsked("宁都县为什么先进制造业发展得快？")).toBe(false);
    expect(judgedBy("reason", why)).toBe("sentence");
    const words = ["贾家营", "班线", "排在", "第一个", "公交化", "改造"];
    expect(statedOfAsked([plan], answeredBy(why, "reason"), focusWords(why, "reason", words, () => true))).toBe(false);
    expect(statedOfAsked(["由于贾家营班线客流最大，先行改造。"], answeredBy(why, "reason"), focusWords(why, "reason", words, () => true))).toBe(true);
  });
  it("holds a share to a sentence naming the part asked, not another rate of the report (001 篇7 line 112, 003 篇8 line 243)", () => {
    // 南皮县's half-year figures give a savings rate, in a sentence on the 采购总额; nothing of 公开招标方式's share.
    const savings = "今年1-6月份完成采够项目26个,采购总额2543万元,节约资金295万元,节支率10、4%。";
    const tender = "南皮县上半年的政府采购中，公开招标方式占采购总额的百分之多少？";
    const words = ["上半年", "政府采购", "公开招标方式", "采购总额"];
    expect(sharedWords(tender, words, () => true)).toEqual(["公开招标方式"]);
    expect(statedOfAsked([savings], answeredBy(tender, "rate"), focusWords(tender, "rate", words, () => true))).toBe(false);
    // The insured households' share is stated in the sentence naming them.
    const insured = "全年政策性农村住房保险投保户达26.6103万户,占我市农户总数的92.6%;";
    const share = "政策性农房保险参保户占全市农户比例多少";
    const known = (word: string) => word !== "参保户" && word !== "农房保险";
    expect(statedOfAsked([insured], answeredBy(share, "rate"), focusWords(share, "rate", ["政策性", "农房保险", "参保户", "全市", "农户", "比例"], known))).toBe(true);
    // A part described by what it thinks ("认为…太少的干部") keeps all the question's words: the report words it otherwise.
    const thought = "干部培训问卷里，认为实际操作、实地锻炼太少的干部占多大比例？";
    expect(sharedWords(thought, ["干部培训", "问卷", "实际操作", "实地锻炼", "干部"], () => true)).toHaveLength(5);
  });
  it("holds a comparison to a sentence naming what is compared, not anything the question names (real passages of 003 篇3 and 000 篇2)", () => {
    // 宁都县's quality report compares a hospital's ranking with 2019, and names 质量 in the same sentence.
    const ranking = "医疗服务:提升综合医疗服务能力和质量,县人民医院DRG排名从2019年第20名上升至第15名,低风险死亡率为0 。";
    const funds = "宁都县2020年质量工作专项经费比2019年增加了多少？";
    const words = ["质量", "专项经费", "增加"];
    const known = (word: string) => word !== "外拉来" && word !== "从县";
    const compare = answeredBy(funds, "comparison");
    expect(statedOfAsked([ranking], compare, words)).toBe(true);
    expect(comparedWords(funds, words, known)).toEqual(["专项经费"]);
    expect(statedOfAsked([ranking], compare, comparedWords(funds, words, known))).toBe(false);
    // The last word the documents write before the comparison: 企业, not "外拉来" (000 篇2 gives the funds brought in).
    const brought = "目前全县帮扶单位共为企业协调引进县外资金19923.7万元,同比增长120%,完成县任务的88%;";
    const asked = "帮扶单位帮企业从县外拉来的钱比去年多了多少，县里的任务完成了几成？";
    const askedWords = ["帮扶单位", "企业", "从县", "外拉来", "去年", "县里", "任务完成"];
    expect(comparedWords(asked, askedWords, known)).toEqual(["企业"]);
    expect(statedOfAsked([brought], answeredBy(asked, "comparison"), comparedWords(asked, askedWords, known))).toBe(true);
    // Not a comparison question, or none named before the comparison: the words as they are.
    expect(focusWords(funds, "money", words, known)).toEqual(words);
    expect(comparedWords("钱，比上年多了多少", ["上年"], known)).toEqual(["上年"]);
  });
  it("asks for a web or street address for one written out (real passages of 004 篇6 and 篇1)", () => {
    const contact = "如对报告有任何疑问,请与漳州市人民政府外事侨务办公室联系(地址:漳州市芗城区胜利西路118号,邮编:363000,电话:2027149,电子信箱:zzwsqwb@sina.com)。";
    const site = "本报告的电子版可在“中国漳州”门户网站的子网站“漳州外事侨务网”(http://wsqw.zhangzhou.gov.cn)下载。";
    // 004 篇1 says the district's website was redesigned, not where it is.
    const redesign = "对区政府网站进行了改版,加入市政府 协同办公系统,部分栏目做了相应调整,对公众服务及企业服务 类栏目内容进行了大量充实。";
    expect(expectedAnswer("What is the web address of the Qilihe District government website?")).toBe("address");
    expect(expectedAnswer("七里河区政府网站的网址是什么")).toBe("address");
    expect(expectedAnswer("外事侨务办的办公地址在哪")).toBe("address");
    // Where an office works is its address, not where to apply (办 of 办公 is not 办理).
    expect(expectedAnswer("漳州外事侨务办在哪办公？对他们的信息公开年报有疑问该找谁？")).toBe("address");
    expect(expectedAnswer("去哪办营业执照？")).toBe("procedure");
    expect(expectedAnswer("外事侨务办的电子信箱是多少")).toBe("address");
    // Which street: a street named with its number, which 004 篇4's "法制宣传一条街" is not.
    expect(expectedAnswer("黎平县的“法制宣传一条街”活动是在县城哪条街上开展的？")).toBe("address");
    expect(suppliesAnswer("于4月24日法制宣传日,与县监察局、人事局、司法局组织全县行政执法部门以上街开展“法制宣传一条街”等活动", "address")).toBe(false);
    // Whether there is a mailbox is not asking for its address.
    expect(expectedAnswer("沅江有没有设立食品安全举报信箱")).toBeUndefined();
    // Asked with the telephone number, the number decides.
    expect(expectedAnswer("漳州市外事侨务办公室的办公地址和联系电话是什么")).toBe("phone");
    expect(suppliesAnswer(contact, "address")).toBe(true);
    expect(suppliesAnswer(site, "address")).toBe(true);
    expect(suppliesAnswer(redesign, "address")).toBe(false);
  });
  it("reads an English question about a fine as asking for an amount", () => {
    expect(expectedAnswer("Under Fujian's 2007 'dinner table pollution' plan, what is the fine for selling privately slaughtered or diseased pork?")).toBe("money");
  });
});

describe("a document's number, an age, who interprets a rule, a rank, a penalty", () => {
  // Real sentences of the seed corpus.
  /** 004 篇7, line 345. */
  const LIAONING = "中共辽宁省委办公厅、辽宁省人民政府办公厅联合印发了《中共辽宁省委办公厅辽宁省人民政府办公厅关于加强和改进新形势下档案工作的实施意见》 (辽委办发〔2015〕14号, 以下简称《实施意见》)";
  /** 004 篇7, line 347. */
  const LIAONING_PARTS = "该《实施意见》分为五部分16条, 除用简练文字强调中办发〔2014〕15号文件所规定的精神和原则外, 还结合辽宁实际, 对完善档案工作体制";
  /** 001 篇10, line 330. */
  const WINE_WORKERS = "当前,杨柳米酒生产经营从业人员有近200人,多为当地农村农民,大多在35岁以上,初中以上学历从业者所占比例不足50%";
  /** 003 篇9, line 263. */
  const CREDIT_FILES = "我市已有近4000家企业建立了信用档案,建档数量位居全省第一,全面提升了我市农产品生产经营主体诚信意识和信用水平";
  /** 001 篇7, line 120. */
  const PROCUREMENT_AUDIT = "定期组织纪检、法制、审计部门及部分采购单位人员对定点单位所售商品价格进行审计,对于价格偏高的给予警告直至取消定点资格的处理。";

  it("reads each from the question's wording", () => {
    expect(expectedAnswer("沅江中小学校食堂管理办法的发文字号是多少")).toBe("docNumber");
    expect(expectedAnswer("辽宁那个实施意见文号是多少")).toBe("docNumber");
    expect(expectedAnswer("选派的机关干部平均年龄多大")).toBe("age");
    expect(expectedAnswer("米酒作坊的从业人员一般多少岁")).toBe("age");
    expect(expectedAnswer("这个实施意见由哪个部门负责解释")).toBe("interpreter");
    expect(expectedAnswer("保定农业企业建信用档案的数量在全省排第几")).toBe("rank");
    expect(expectedAnswer("单位把采购化整为零规避招标会受到什么处罚")).toBe("penalty");
    expect(expectedAnswer("What penalty do units face for splitting purchases?")).toBe("penalty");
    // A fine's amount is money; how a case was handled is not a penalty asked.
    expect(expectedAnswer("私屠滥宰的罚款标准是多少")).toBe("money");
    expect(expectedAnswer("那些混凝土搅拌站最后是怎么处理的")).toBeUndefined();
  });

  it("a sentence gives each only in its own form", () => {
    expect(suppliesAnswer(LIAONING, "docNumber")).toBe(true);
    expect(suppliesAnswer(WINE_WORKERS, "docNumber")).toBe(false);
    expect(suppliesAnswer(WINE_WORKERS, "age")).toBe(true);
    expect(suppliesAnswer(LIAONING, "age")).toBe(false);
    // The Liaoning opinion's issuers and parts are given, not who interprets it.
    expect(suppliesAnswer(LIAONING, "interpreter") || suppliesAnswer(LIAONING_PARTS, "interpreter")).toBe(false);
    expect(suppliesAnswer(CREDIT_FILES, "rank")).toBe(true);
    expect(suppliesAnswer(WINE_WORKERS, "rank")).toBe(false);
    expect(suppliesAnswer(PROCUREMENT_AUDIT, "penalty")).toBe(true);
    expect(suppliesAnswer(CREDIT_FILES, "penalty")).toBe(false);
  });

  it("a document named by its title needs its own number, next to the title (002 报告1, line 48)", () => {
    const rules = "市工信局印发了《项目申报与管理办法》《益阳市产业发展专项资金申报项目专家评审规定》《益阳市产业发展专项资金项目验收管理办法》《益阳市产业发展专项资金项目申报管理廉政纪律规定》等";
    const asked = "《益阳市产业发展专项资金项目验收管理办法》的文号是多少？";
    expect(answeredBy(asked, "docNumber")(rules)).toBe(false);
    // 004 篇7: the opinion's number follows its title.
    expect(answeredBy("《中共辽宁省委办公厅辽宁省人民政府办公厅关于加强和改进新形势下档案工作的实施意见》的文号是多少", "docNumber")(LIAONING)).toBe(true);
    expect(answeredBy("《实施意见》的文号是多少", "docNumber")(LIAONING_PARTS)).toBe(false);
  });

  it("asks what an evaluation is judged by, answered by a score or a threshold (004 篇8 and 篇9)", () => {
    expect(expectedAnswer("评“当阳市网上办公先进单位”具体要达到哪些量化标准？")).toBe("criterion");
    expect(expectedAnswer("党校培训班综合考核具体按什么标准打分？")).toBe("criterion");
    expect(expectedAnswer("督学责任区年度考核，评优秀要达到什么标准？")).toBe("criterion");
    // A fee's rate is not an evaluation's criterion.
    expect(expectedAnswer("辽宁那个档案工作意见里，档案保管维护费按什么标准给？")).not.toBe("criterion");
    // Nor is what a task requires, answered in words.
    expect(expectedAnswer("林长制考核对乡镇有什么要求？")).not.toBe("criterion");
    // 当阳 names its awards and who gets them, but no score or threshold.
    const awards = "此外,还以政府办公室名义设立 “当阳市网上办公先进单位”和“当阳市网上办公先进个人”奖项,对在推广和应用网上办公门户过程中表现优秀的单位和个人给予表彰和奖励。";
    expect(suppliesAnswer(awards, "criterion")).toBe(false);
    expect(suppliesAnswer("治理工作目标:实行牲畜定点屠宰区域的猪、牛、羊定点屠宰率均达到90%以上", "criterion")).toBe(true);
  });

  it("a duration asked in a unit is stated in it, and 每一年 is how often, not how long (001 篇7, 003 篇1)", () => {
    const experts = "专家在开标前一小时才能了解招标内容,确保整个过程的公正性。";
    expect(answeredBy("南皮县公开招标的招标公告要发布多少天？", "duration")(experts)).toBe(false);
    expect(answeredBy("专家开标前多少小时才能知道招标内容？", "duration")(experts)).toBe(true);
    expect(answeredBy("专家开标前多久才能知道招标内容？", "duration")(experts)).toBe(true);
    expect(suppliesAnswer("巴尔的摩的CitiStat管理15000名雇员,而StateStat管理80000雇员,每一年的执行费用是36万美金", "duration")).toBe(false);
    // "2周一次" is how often a meeting is held, not how long it lasts (003 篇1, line 29); "2周" alone is a length.
    expect(suppliesAnswer("CompStat包括了很多的相关会议:CompStat简报会前会,分管管理小组会,警察局2周一次的策略会议,每周局长对市长的简报。", "duration")).toBe(false);
    expect(suppliesAnswer("9月23日起,开展为期一周的食品安全宣传。", "duration")).toBe(true);
  });

  it("asks which days for dates, but which days of the week for no date (003 篇3, 002 报告4)", () => {
    expect(expectedAnswer("宁都县2020年的“质量月”现场活动具体是在哪几天举办的？")).toBe("date");
    expect(expectedAnswer("乡里每周固定哪几天搞卫生大扫除？")).toBeUndefined();
  });

  it("a duration asked in years needs a number of years, not 数年 nor a year (001 篇10, line 339)", () => {
    const question = "杨柳米酒专业合作社要运行几年以后才改成有限公司？";
    expect(expectedAnswer(question)).toBe("duration");
    expect(expectedAnswer("公务员职级晋升要任职满几年？")).toBe("duration");
    // Recent years are not asked as a length ("这几年", "那几年").
    expect(expectedAnswer("食堂从业人员的培训为什么这几年基本停了？")).toBe("reason");
    const second = "第二步,在合作社经营走上正轨,经历数年发展,积累一定资本后,按股份合作制思路,成立“杨柳米酒酿造有限公司”";
    expect(answeredBy(question, "duration")(second)).toBe(false);
    expect(answeredBy(question, "duration")("2013年年中,梁寨镇党委决定所有干部下村到组")).toBe(false);
    // 003 篇2: a number of years.
    expect(answeredBy(question, "duration")("通过一年的努力,使全市的高新技术企业产业的发展步入了健康发展的轨道")).toBe(true);
  });

  it("a year and month asked together needs both (001 篇4, line 53)", () => {
    const yearOnly = "2013年年中,梁寨镇党委决定所有干部下村到组,挂钩联系居民家庭,下达政策、上传民情,构建起横向到边、纵向到底的服务网络。";
    const asked = "梁寨镇的“民情信息动态管理服务系统”是哪年哪月建成上线的？";
    expect(expectedAnswer(asked)).toBe("year");
    expect(answeredBy(asked, "year")(yearOnly)).toBe(false);
    expect(answeredBy("梁寨镇是哪一年决定干部下村到组的？", "year")(yearOnly)).toBe(true);
  });

  it("a salary asked per person needs a sum per person, not a total (003 篇1, line 48)", () => {
    const costs = "CitiStat的建立花费了28.5万美金,年花费近40万美金,大部分的花费用于项目人员的工资。";
    const asked = "巴尔的摩CitiStat项目雇的那几个运行人员，每人年薪多少？";
    expect(expectedAnswer(asked)).toBe("money");
    expect(answeredBy(asked, "money")(costs)).toBe(false);
    expect(answeredBy("CitiStat项目人员的工资一年花多少？", "money")(costs)).toBe(true);
  });

  it("what happened in the end is asked with 没有 too, and a proposal (建议) is only a plan", () => {
    /** 001 篇10, line 337. */
    const proposal = "我们建议:整合资源分两步(或两种途径)进行,第一步,以现有许可证的酒厂牵头,按照市场分工和自愿原则,组织各酿酒农户,依法登记成立具有法人资格的“杨柳米酒酿造经营专业合作社”。";
    const words = contentWords("杨柳米酒酿造专业合作社最后成立起来没有");
    expect(onlyPlanned("杨柳米酒酿造专业合作社最后成立起来没有", [proposal], words)).toBe(true);
    // Not a question about the end: nothing to judge.
    expect(onlyPlanned("杨柳米酒酿造专业合作社由谁牵头成立", [proposal], contentWords("杨柳米酒酿造专业合作社由谁牵头成立"))).toBe(false);
  });

  it("what happened later is asked with 后来 or 到底 too, and striving for a title (冲击, 努力) is only a plan (003 篇7)", () => {
    /** 003 篇7, line 218: the school set out to win the title; the report never says it did. */
    const goal =
      "共揭摆查找问题103条,提出意见及建议34条,确定了冲击国家级示范校的奋斗目标,按照国家级示范校标准,对标定位。这是我校主动适应中等职业教育发展趋势和要求,努力冲击国家级示范校的迫切需要。";
    const asked = "那所职校后来到底评上国家级示范校没有？";
    expect(onlyPlanned(asked, [goal], contentWords(asked))).toBe(true);
    // A sentence reporting the title won answers it.
    expect(onlyPlanned(asked, [`${goal}2011年学校被评为国家级示范校。`], contentWords(asked))).toBe(false);
  });
});

describe("why a figure changed", () => {
  it("is told apart from other reasons asked", () => {
    expect(changeWhyAsked("1-8月规上小微企业营业收入为啥同比下降了")).toBe(true);
    expect(changeWhyAsked("2021年产业发展专项资金为什么要按15%压减")).toBe(true);
    expect(changeWhyAsked("营业收入下降的原因是什么")).toBe(true);
    expect(changeWhyAsked("县里为啥要把帮扶重心放在企业身上")).toBe(false);
    expect(changeWhyAsked("乡里为啥招商难、固定资产投资任务不好完成")).toBe(false);
    // Judged in a sentence naming what is asked about; other reasons, and who issued a document, only lift.
    expect(judgedBy("reason", "1-8月规上小微企业营业收入为啥同比下降了")).toBe("sentence");
    expect(judgedBy("reason", "县里为啥要把帮扶重心放在企业身上")).toBeUndefined();
    expect(judgedBy("issuer", "这份报告是哪个单位写的")).toBeUndefined();
    expect(judgedBy("procedure", "申请公开政府信息具体要走哪些步骤")).toBe("passage");
  });

  it("is answered by a sentence giving a cause with the change, not by the change alone or a cause elsewhere", () => {
    /** 003 篇4, line 143. */
    const revenue = "1-8月,全市182户规下样本企业实现营业收入16.91亿元,同比增长31.0%;规上小微企业实现营业收入939.8亿元,同比下降4.5%";
    /** 001 篇1, line 12. */
    const hardship = "当前部份基层群众由于知识水平落后、文化程度较低,从事的行业基本上属于低收进行业,加上土地、资金、渠道的制约,增加了群众创业致富的难度";
    /** 001 篇10: a cause, of something that did not change. */
    const policies = "近年来,从中央到地方,相继出台了支持小微企业发展的各种政策,但由于缺乏细则,程序复杂,要求严格,杨柳米酒生产加工小作坊真正享受到优惠政策的非常有限。";
    expect(answeredBy("规上小微企业营业收入为啥同比下降了", "reason")(revenue)).toBe(false);
    expect(answeredBy("规上小微企业营业收入为啥同比下降了", "reason")(policies)).toBe(false);
    expect(answeredBy("群众创业致富的难度为什么增加了", "reason")(hardship)).toBe(true);
  });
});

describe("the steps of a process", () => {
  it("is asked by the steps or links it goes through; the steps of applying ask how to apply", () => {
    expect(expectedAnswer("当阳市的请示报告在网上流转，要依次经过哪几个审批环节？")).toBe("steps");
    expect(expectedAnswer("当阳市网上办公系统里，一份请示报告从起草到批复要经过哪几个流转环节？")).toBe("steps");
    expect(expectedAnswer("责任督学挂牌督导具体分哪几个工作步骤？")).toBe("steps");
    expect(expectedAnswer("What steps does a school inspection by a designated inspector follow?")).toBe("steps");
    expect(expectedAnswer("企业怎么申报市长质量奖？")).toBe("procedure");
    expect(expectedAnswer("因公出国办护照要走什么审批流程？")).toBe("procedure");
  });

  it("is answered by the steps listed or in order, not by a list of things or aims (real sentences)", () => {
    const test = answeredBy("七里河区政府做重大决策得走哪些程序", "steps");
    /** 004 篇1, line 25: named as a 程序 after the list. */
    expect(test("严格执行重大决策“公众参与、专家论证、风险评估、合法性审查和集体讨论”程序。")).toBe(true);
    /** 001 篇9, line 193: after 等, with what the steps are of. */
    expect(test("落实学校督导“七步法”工作常规,明确申报备案、团队分工、制定方案、准备工具、收集信息、现场评估、形成报告并反馈等七个挂牌督导工作步骤")).toBe(true);
    /** 001 篇10, line 339: steps in order. */
    expect(test("我们建议：整合资源分两步（或两种途径）进行，第一步，以现有许可证的酒厂牵头")).toBe(true);
    /** 001 篇10, line 328 and 331: lists of actions that are not a process's steps. */
    expect(test("这种以家庭为单位集生活、生产、销售为一体的“三合一”小作坊")).toBe(false);
    expect(test("小作坊没有长远的人才引进、培养、管理和使用规划")).toBe(false);
    /** 004 篇8, line 355: a process named, its steps not. */
    expect(test("其中，请示报告在宜昌市率先实现全流程网上流转，实现了传统纸质办公模式的重大变革。")).toBe(false);
  });
});

describe("a deadline, and how long a meeting lasts", () => {
  it("a deadline asked needs a time something is due by, not the year a plan is for (004 篇9, 003 篇7)", () => {
    const q = "福建各市县治理“餐桌污染”的年度工作方案，最晚什么时候要报省食安办备案？";
    expect(expectedAnswer(q)).toBe("time");
    /** 004 篇9, line 397: the notice's title. */
    expect(answeredBy(q, "time")("福建省人民政府办公厅转发省食品安全委员会办公室关于2007年度全省治理“餐桌污染”建设“食品放心工程”工作方案的通知")).toBe(false);
    /** 003 篇7, line 231. */
    expect(answeredBy("学校招生目标要在啥时候之前完成？", "time")("1、扎实推进招生就业工作。7月20日前完成2600人招生目标和1400人的就业安置任务")).toBe(true);
    expect(answeredBy(q, "time")("各地年度工作方案于每年3月底前报省食安办备案。")).toBe(true);
    // Without 最晚 or 之前, any time stated answers.
    expect(answeredBy("餐桌污染治理方案是什么时候印发的？", "time")("关于2007年度全省治理“餐桌污染”工作方案")).toBe(true);
  });

  it("how long a meeting lasts needs hours, minutes or days, not 2周 nor 6年 (003 篇1, lines 29 and 31)", () => {
    const q = "纽约警察局CompStat每两周一次的防止犯罪策略会，一次要开多长时间？";
    expect(expectedAnswer(q)).toBe("duration");
    const test = answeredBy(q, "duration");
    expect(test("其中每2周1次的防止犯罪策略会议是系统核心")).toBe(false);
    expect(test("CompStat投入使用后，对降低犯罪率起了明显的作用，在前6年（1988~1994年）暴力犯罪率下降了15.9%")).toBe(false);
    expect(test("每次会议约开2个小时。")).toBe(true);
    // A day of a month is not a number of days.
    expect(test("全市冬春水利建设现场会于1月14日召开。")).toBe(false);
    // Not how long before the bids open, which any length answers.
    expect(answeredBy("评审专家在开标前多长时间才能了解招标内容？", "duration")("专家在开标前一小时才能了解招标内容")).toBe(true);
    expect(answeredBy("评审专家在开标前多长时间才能了解招标内容？", "duration")("从前6年开始")).toBe(true);
  });

  it("asks the steps of a process said as 分哪几步走", () => {
    expect(expectedAnswer("达拉特旗政府采购办编的供应商投诉程序，具体分哪几步走？")).toBe("steps");
    expect(expectedAnswer("下一步打算怎么做？")).toBeUndefined();
  });
});

describe("a time of day, and an age asked as 今年多大", () => {
  /** 004 篇1, line 37 (the scraper's spaces removed). */
  const DUTY = "严格执行24小时值班制度、节假日领导带班制度和应急信息30分钟内报告制度，做到有登记、有报告、有落实、有反馈";

  it("when a hall opens needs a time of day, not a time limit; a time limit asked is not one", () => {
    const q = "七里河区政务大厅每天几点开门、几点下班？";
    expect(expectedAnswer(q)).toBe("time");
    expect(answeredBy(q, "time")(DUTY)).toBe(false);
    // 001, line 2: the page's time stamp states one.
    expect(answeredBy(q, "time")("时间:2023-03-31 08:17:54")).toBe(true);
    const limit = "Within what time must emergency information be reported under the district's emergency duty rules?";
    expect(answeredBy(limit, "time")(DUTY)).toBe(true);
    // "哪几点" counts points, not hours.
    expect(expectedAnswer("县法制办提了哪几点建议？")).not.toBe("time");
  });

  it("今年多大 at the end asks someone's age, 面积有多大 a size (003 篇7, line 220; 001 篇6, line 85)", () => {
    const q = "在世博会礼仪人员选拔中拿到北京赛区冠军的卢鑫悦今年多大？";
    expect(expectedAnswer(q)).toBe("age");
    expect(answeredBy(q, "age")("在德育教育上，学校坚持“教育就是服务”和“眼里没有差生”的教育理念，坚持“成人与成才并重”原则，明确了以文明礼仪教育为突破口")).toBe(false);
    expect(answeredBy(q, "age")("按照我州60岁以上19.77万老人")).toBe(true);
    expect(expectedAnswer("杨柳村的土地面积有多大？")).not.toBe("age");
  });
});

describe("stillPending", () => {
  // 004 篇4 (黎平县政府法制办), lines 179 and 181.
  const review =
    "共审结7件，其中维持具体行政行为4件，撤销1件，驳回复议申请1件。未结1件（新受理）。";
  const lawsuits = "行政应诉工作：因当事人不服行政复议决定提起行政诉讼6件。乡镇部门应诉2件，县政府应诉4件，经法院审理后，撤诉1件，撤销1件，维持2件，在审3件。";

  it("a question on how something ended that it says was still open, of passages saying it is (held-out 18, 22 and 28)", () => {
    expect(stillPending("黎平县那件新受理、还没审结的行政复议案子最后结果怎样？", [review])).toBe(true);
    expect(stillPending("黎平县上半年那件还没审结的行政复议案，最后是维持还是撤销了？", [review])).toBe(true);
    expect(stillPending("黎平县那3件还在审理的行政诉讼，最后法院是怎么判的？", [lawsuits])).toBe(true);
  });

  it("not a question on cases it does not call open, nor one not asking how they ended, nor passages that report them closed", () => {
    expect(stillPending("黎平县上半年审结的行政复议案，最后维持了几件？", [review])).toBe(false);
    expect(stillPending("黎平县还在审理的行政诉讼有几件？", [lawsuits])).toBe(false);
    expect(stillPending("黎平县那件还没审结的行政复议案最后结果怎样？", ["共审结7件，其中维持具体行政行为4件，撤销1件。"])).toBe(false);
  });
});

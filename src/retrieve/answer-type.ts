import { splitSentences } from "../text/sentences.js";
import { jiebaCut, jiebaTag } from "../text/tokenize.js";
import { translateEnglishGroups } from "./glossary.js";

/**
 * What kind of answer a question asks for, when the wording says so: an
 * amount of money ("多少钱", "票价", "补贴标准是多少"), a time ("什么时候"),
 * a day ("截止到哪一天"), a year ("哪一年"), a length of time ("多长时间", "多少小时"), a rate or
 * share ("比例", "占比", "占收入多少", "各占多大权重"), a measure ("海拔多少米", "多少万亩",
 * "除治了多少株"), a telephone number ("手机号是多少"), how
 * often something is done ("多久开一次", "一年巡山几次"), who holds a post ("领导小组的组长是谁"),
 * which firm ("获批名牌的是哪家企业"), how to apply for something ("要带什么材料",
 * "申报条件是什么", "去哪儿办"). A passage that could
 * answer it must state one: a question about the corpus's topic that asks
 * for a figure the documents never give (the retail price of a product they
 * describe, a subsidy they mention without its amount) is then recognised as
 * not answered, which keyword relevance alone cannot tell.
 */
export type AnswerType =
  | "money"
  | "time"
  | "date"
  | "year"
  | "duration"
  | "rate"
  | "measure"
  | "phone"
  | "frequency"
  | "person"
  | "firm"
  | "school"
  | "place"
  | "materials"
  | "conditions"
  | "procedure"
  | "issuer"
  | "reason"
  | "outcome"
  | "comparison"
  | "address"
  | "docNumber"
  | "age"
  | "interpreter"
  | "rank"
  | "penalty"
  | "criterion"
  | "steps";

const CN_NUM = "[一二三四五六七八九十百千两几半]";
/** A period counted in ("3个月", "两周一次") and one said with 每 ("每月", "每季", "每半年"). */
const PERIOD = "(天|日|周|星期|月|年|季度)";
const EVERY = "每(年|月|周|星期|季度?|天|日|半年)";
/** The units a length of time is asked in ("多少小时", "几个月", "多少个工作日"); years are asked apart (`YEARS_ASKED`). */
const DURATION_UNIT = "小时|天|分钟|周|星期|个月|工作日";
/**
 * A length of time asked in years ("要运行几年以后", "任职满几年", "用了多少年"), not recent years ("这几年",
 * "近几年") nor a year's grade or count of something else ("几年级").
 */
const YEARS_ASKED = /(满|运行|经过|经历|需要|要|用|花|干|坚持|持续)了?(多少|几)(个)?年(?![级度龄份])|(?<![这那前近头些最])几年(以后|之后|后|才|时间)/;

/** What a sum of money is called: a question asking 多少 of one of these asks for an amount ("补贴标准是多少"), unless it asks for a share of it ("占收入多少"). */
const MONEY_WORDS = /(费|价|资金|补贴|补助|报酬|工资|薪|奖金|罚款|罚金|经费|预算|投资|投入|拨款|盘子|收入|营收|销售额|营业额|产值|利润|税收)[^，。？?！!；;占]{0,8}多少(?!倍|[个家条件名人户次项所批篇场位座台份起宗例])/;

/** 多少 not followed by a unit that counts something ("多少人", "多少项") or by 倍. */
const HOW_MUCH = "多少(?![个家条件名人户次项所批篇场位座台份亩吨辆处期倍])";
/**
 * 多少 before what a sum of money is called ("有多少补贴", "能拿到多少奖金", "争取到多少省级补助资金", "分到了多少投资"),
 * or after it across a comma ("有补贴吗，标准多少"); not a count of something else ("多少人获得补贴").
 */
const MONEY_ASKED = new RegExp(`${HOW_MUCH}[^，。？?！!；;]{0,4}?(钱|奖金|罚款|罚金|补贴|补助|经费|资金|工资|报酬|费用|金额|拨款|预算|投资)|(补贴|补助|奖金|经费|报酬|工资)(吗|呢)?[，,][^，。？?！!；;]{0,4}${HOW_MUCH}`);

/** Posts a question can ask the holder of ("组长是谁", "校长叫什么名字"). */
const POSTS = "副?组长|主任|校长|院长|局长|处长|科长|所长|站长|队长|书记|负责人|牵头人|主席|指挥长|总指挥|[省市县区镇乡]长|一把手";
const ASKS_HOLDER = new RegExp(
  `(${POSTS})[，,]?[^，。？?！!；;]{0,4}(是谁|是哪位|叫什么|叫啥|姓名|由谁|谁(来)?(当|担任|负责|挂帅))|(谁|哪位)(来)?(当|担任|是)(了)?(${POSTS})|\\bwho (is|was|are|were) (the )?(\\w+ )?(head|director|leader|chair|principal|chief)\\b|\\bname of (the )?(\\w+ )?(head|director|leader|chair|principal|chief)\\b`,
  "i",
);

/**
 * People a question asks the name of without naming a post ("那名兼职工作人员是谁",
 * "三位老师叫什么名字", "北京赛区冠军是谁", "第一个获奖的是谁"), not who did something
 * to them ("专家是谁去抽的").
 */
const NAMELESS_PEOPLE = "工作人员|人员|老师|教师|专家|同志|同学|学生|冠军|获奖者|获奖人|联系人|联络员|获奖的|拿奖的|得奖的";
const PEOPLE_ASKED = new RegExp(`(${NAMELESS_PEOPLE})(都|分别|各)?(是谁|是哪位|是哪几位|叫什么|叫啥|姓名|姓什么)(名字)?(?=$|[？?，,。！!；;吗呢啊呀])`);

/**
 * Who an award went to, asked without naming the winners ("科技最高奖第一次颁给了谁",
 * "最高奖最后发给谁了", "谁拿到了一等奖"): answered as "获奖的" are, by a sentence
 * naming the award and a person.
 */
const AWARD_RECIPIENT = /奖[^，,。？?！!；;]{0,12}(颁|发|授|奖)(给|予)了?(谁|哪位|哪个人|哪些人)|(谁|哪位|哪些人)(获得|拿到|得到|拿了|得了|获)了?[^，,。？?！!；;]{0,10}奖/;

/** Who led a visit, an inspection or a delegation ("是哪位政协领导带队的", "谁带队去的", "who led the delegation"). */
const LEADS = "带队|率队|领队|带的队|率领";
const LEADER_ASKED = new RegExp(`(谁|哪位|哪一位|哪个领导|哪些领导)[^，。？?！!；;]{0,12}(${LEADS})|(${LEADS})的?(人|领导)?(是|为)?(谁|哪位|哪一位|哪个领导)|\\bwho (led|headed)\\b|\\b(led|headed) by whom\\b`, "i");
/** The words a sentence saying who led has ("由市政协副主席*带队", "局长赵辰率队"); `personAnswer` also asks for a name or a post in it. */
const LEADER_NAMED = new RegExp(`(${LEADS}|带领)`);

/** Which school ("原来是哪所学校的", "哪个中学", "which school canteen"). */
const SCHOOLS = "学校|中学|小学|幼儿园|学院|大学|职校|技校|党校";
const SCHOOL_ASKED = new RegExp(`(哪[一两二三四五几]?所|哪个|哪家|哪些|什么)(${SCHOOLS})|(${SCHOOLS})[^，。？?！!；;]{0,4}(叫什么|叫啥|名称是什么|是哪(所|个|家))|\\bwhich ([a-z-]+ ){0,2}(school|schools|college|kindergarten|university)\\b|\\bname of the (school|college|kindergarten)\\b`, "i");
/**
 * A school named as one is, by its place or its kind ("荷叶镇中心幼儿园", "敖泉镇光路小学",
 * "南洞庭实验学校", "宁都高级技工学校"), not schools spoken of in general ("农村学校",
 * "沅江市中小学校", "益阳市标准化学校", "各级各类学校").
 */
const SCHOOL_NAMED = new RegExp(
  `(?<!各级各类|全市|全县|全区|我市|我县)([\\u4e00-\\u9fa5]{1,4}(镇|乡|村)[\\u4e00-\\u9fa5]{0,4}?|[\\u4e00-\\u9fa5]{2,4}(实验|中心|高级|技工|职业技术|职业|外国语|第[一二三四五六七八九十]+|附属)|第[一二三四五六七八九十]+)(${SCHOOLS})`,
);
const GENERIC_SCHOOL = new RegExp(`(中小|标准化|合格|公办|民办|示范性|义务教育|农村|乡村|镇村|城乡|城区|项目|达标|各类|寄宿制)(${SCHOOLS})$`);

/** Whether a text names a school (`SCHOOL_NAMED`), not only schools in general (`GENERIC_SCHOOL`). */
export function schoolNamed(text: string): boolean {
  for (const m of text.replace(/\s+/g, "").matchAll(new RegExp(SCHOOL_NAMED.source, "g"))) if (!GENERIC_SCHOOL.test(m[0])) return true;
  return false;
}

/**
 * Which place, at a county's level or above ("梁寨镇是哪个县管的", "哪个区被定为样板县", "which county"), and
 * where an event is held ("观摩会在哪开"). Not a township or a village, which the documents often name
 * without their 乡 or 镇 ("新桥、溪南、官田三个乡镇") and jieba does not know; nor where something is
 * posted or set up ("在哪公示", "设在哪"), whose answer is a board or an office, not a place's name.
 */
const LEVELS = "省|市|县|区|州|旗";
const HELD = "开|召开|举行|举办|办(?!公)|开展";
/** Where a question asks where something is built or sited ("建在哪个乡镇", "位于哪个村"). */
const SITE_ASKED = /(建|设|位于|坐落|落户|选址)(在)?(哪个|哪一个|哪)(乡镇|镇|乡|街道|村)/;

/** What an event is held in ("在哪个场馆举办", "在什么会场开"). */
const VENUES = "场馆|场地|会场|礼堂|体育馆|展馆|会展中心|酒店|宾馆|大厅|广场";
const PLACE_ASKED = new RegExp(
  `(哪个|哪一个|哪|哪几个|哪些)(${LEVELS})(?!级|委|直|长|政府|领导|干部|部门)|(在|到|去)(哪里|哪儿|哪个地方|什么地方|啥地方|哪)(${HELD})|(什么|啥|哪个)地方(${HELD})|${SITE_ASKED.source}|(在|于|到)(哪个|哪家|哪座|什么|啥)(${VENUES})(${HELD})|地点(是|在)(哪|什么)|\\bwhich (province|city|county|district|provinces|cities|counties|districts)\\b|\\bwhere (was|is|were|will|would) [^?]{0,150}\\b(held|hosted)\\b`,
  "i",
);
const TOWNSHIP_LEVELS = "乡|镇|街道";
/**
 * A township named, which jieba mostly cuts apart ("息陬乡" → 在息, 陬, 乡): two characters before 乡, 镇 or
 * 街道, not a word for townships in general ("下乡", "城镇", "乡镇", "全乡", "各镇").
 */
const TOWNSHIP_NAMED = /[\u4e00-\u9fa5]{2}(?<![下城全各本该每乡集])(乡|镇|街道)(?!镇|村民|长|党委|政府|干部)/;
/** The levels a place asked at may be answered with ("哪个县" by "丰县", "沛县", a county-level "新罗区" or "邳州市"). */
const PLACE_LEVELS: Array<[RegExp, string]> = [
  [/省|province/i, "省|自治区"],
  [/县|county|counties/i, "县|区|旗|市"],
  [/区|district/i, "区|县"],
  [/市|州|city|cities/i, "市|州|盟"],
  // Where something is built ("建在哪个乡镇"): a township, or a village.
  [/乡|镇|街道/, TOWNSHIP_LEVELS],
  [/村/, "村"],
];
/** Something held: a meeting called, an event staged, work done on site ("召开了…工作会议", "举办…博览会", "赴淮上区开展…现场调度", "在书院街道开"). */
const HELD_STATED = /召开|举行|举办|开展|开幕|承办|主办|赴|在[^，。；;！!？?]{2,12}开/;
/** A venue where something is held ("在市民中心召开", "于县会议中心举行"). */
const VENUE_STATED = new RegExp(`(在|于)[^，。；;！!？?]{2,20}(召开|举行|举办|开幕)`);

/**
 * The places a text names: those jieba tags as places ("龙岩市", "新罗区", "丰县"), and names it does not
 * know that end like one ("白浒窑村", "温泉镇", tagged unknown or as a person's name), or that it cuts from
 * their level ("梁寨" "镇", "杨柳" "村"). Not "全县", "我乡" or "重点县", which are common nouns.
 */
export function placesNamed(text: string): string[] {
  const tagged = jiebaTag(text);
  return tagged
    .map(({ word, tag }, i) => {
      const level = LEVEL_WORD.exec(tagged[i + 1]?.word ?? "")?.[1];
      return level && NAME_TAGS.has(tag) && /^[\u4e00-\u9fa5]{2,4}$/.test(word) ? { word: word + level, tag } : { word, tag };
    })
    .filter(({ word, tag }) => (tag === "ns" && word.length >= 2) || (word.length >= 3 && PLACE_END_CHAR.test(word) && NAME_TAGS.has(tag)))
    .map(({ word }) => word)
    .filter((word) => !PLACES_IN_GENERAL.test(word));
}
/** A level jieba cuts off a name it does not know as a place ("梁寨" "镇", or "镇的" before a quotation mark). */
const LEVEL_WORD = /^([县区旗镇乡村])的?$/;
/** The places a text names by their level ("沅江市", "石渠县", "梁寨镇"), not words jieba tags as places without one ("东西", "满意度"). */
export function placesWithLevel(text: string): string[] {
  return placesNamed(text).filter(isPlaceName);
}
/** Whether a word names a place by its level ("万全县", "梁寨镇"), not places in general ("全县", "县区"). */
export function isPlaceName(word: string): boolean {
  return word.length >= 2 && PLACE_END_CHAR.test(word) && !PLACES_IN_GENERAL.test(word);
}
/** Places spoken of in general, which jieba may tag as places ("各乡镇", "全市", "城乡", "县区"). */
const PLACES_IN_GENERAL = /^(各|全|本|我|该|每|所|邻|外|此|其|两|多|周边|当地)|^(乡镇|县区|区县|市县|县市|城乡|省市|市区|城区|街道|社区|县城|乡村|村镇|镇村|农村|城市|城镇)$/;
const PLACE_END_CHAR = /[省市县区州旗镇乡村]$/;
/** jieba's tags for a name it does not know as a place: unknown, a person's, another proper noun, an organisation's. */
const NAME_TAGS = new Set(["x", "nr", "nrt", "nz", "nt"]);

function placeAnswer(question: string): (text: string) => boolean {
  const asked = PLACE_ASKED.exec(question)?.[0] ?? "";
  const levels = PLACE_LEVELS.find(([level]) => level.test(asked))?.[1];
  const atLevel = levels ? new RegExp(`(${levels})$`) : undefined;
  return (text) => {
    // Not a place the question names itself: "梁寨镇是哪个县管的" is not answered by "梁寨镇".
    const named = () => placesNamed(text).filter((place) => !question.includes(place));
    if (atLevel) return named().some((place) => atLevel.test(place)) || (levels === TOWNSHIP_LEVELS && TOWNSHIP_NAMED.test(text));
    // Where an event is held: a venue, or a place named where the text says something was held there, not a
    // place a title names ("印发了《宁都县落实赣州市创建…》" does not say where a meeting was).
    return VENUE_STATED.test(text) || (HELD_STATED.test(text) && named().length > 0);
  };
}

/** Asking who someone is or what they are called ("主编是哪位领导", "总经理叫什么名字"). */
const WHO_IS = /(是谁|是哪位|是哪一位|是哪个人|叫什么名字|叫啥名字|姓什么|姓名是什么|由谁担任|谁担任)/;
/** How a word naming someone by their role ends ("主编", "总经理", "馆长", "联络员", "负责人"). */
const ROLE_END = /(长|编|经理|书记|主任|委员|员|人|师|官|领导|董事|老板|主管|干事)$/;

/**
 * The role a question asks who holds ("七里河区区志的主编是哪位领导" → 主编, "吉龙公司的总经理叫什么
 * 名字" → 总经理): the word before the question's "who", when it names a person by role. A role the
 * documents never write is one they name nobody in.
 */
export function roleAsked(question: string): string | undefined {
  const who = WHO_IS.exec(question);
  if (!who) return undefined;
  const words = jiebaCut(question.slice(0, who.index).replace(/的$/, "")).filter((w) => /[\u4e00-\u9fa5]/.test(w));
  const role = words[words.length - 1];
  return role && role.length >= 2 && ROLE_END.test(role) ? role : undefined;
}

/** Whether something applied or bid for succeeded ("申报世界文化遗产最后成功了没有", "最终获批了吗", "did the bid succeed"). */
const OUTCOME_ASKED = /(成功|获批|批下来|批准|通过)了?(没有|没|吗|与否)|是否(已经?)?(被[^，。？?！!；;]{0,6}?)?(成功|获批|批准)|有没有(被[^，。？?！!；;]{0,6}?)?(成功|获批|批下来|批准)|^(did|has|have|was|were|is) ([\w'’-]+ ){0,16}(succeed|succeeded|approved|accepted|successful)\b/i;
/** A sentence saying it did, or did not ("成功申报", "获批", "被列入", "未通过", "落选"). */
const OUTCOME_STATED = /成功|获批|批准|批复|列入|入选|(顺利|已|已经|获得|均|全部|正式|未|没有?)通过|通过(了|验收|审核|审批|评审|认定|考核|审查|评估|复审|初审|终审|省级|国家)|落选|失败|被否|授予|命名为|被评为/;

/** An earlier year a figure is compared with ("上一年", "去年", "2019年"). */
const EARLIER_YEAR = "上一?年|去年|前一?年|上年|(19|20)\\d{2}\\s*年";
/** A figure compared with an earlier year ("跟上一年比是多了还是少了", "比去年有变化吗", "同比"). */
const COMPARISON_ASKED = new RegExp(
  `(比|跟|和|与|同|较)(${EARLIER_YEAR}|往年)度?[^，。？?！!；;]{0,4}?(相比|比较|对比|比)?[^，。？?！!；;]{0,8}?(多|少|涨|跌|降|升|增|减|高|低|变化|变了|怎么样|如何)|同比|环比|(多了|升了|高了|涨了|增加了?|提高了?|上升了?)还是(少了|降了|低了|跌了|减少了?|降低了?|下降了?)|\\bcompared? (with|to) (the )?(previous|last|prior|preceding) year\\b|\\b(than|from|over) (the )?(previous|last|prior|preceding) year\\b|\\byear[- ]on[- ]year\\b`,
  "i",
);
/** Where a question compares something with an earlier year ("专项经费比2019年增加了多少"): the comparison's first word. */
const COMPARED_WITH = new RegExp(`(比|跟|和|与|同|较)(${EARLIER_YEAR}|往年)`);

/**
 * What a comparison question compares: of the question's `words`, the last one written before the comparison in its
 * clause ("宁都县2020年质量工作专项经费比2019年增加了多少" → 专项经费). A sentence comparing something else with that
 * year ("DRG排名从2019年第20名上升至第15名", in a report on quality work) does not answer it. Only a word the
 * documents write (`known`; not "外拉来" of "从县外拉来的钱"); all the words when the clause names none ("拉来的钱，比上年多了多少").
 */
export function comparedWords(question: string, words: readonly string[], known: (word: string) => boolean): string[] {
  return lastWordBefore(question, COMPARED_WITH.exec(question)?.index, words, known);
}

/**
 * What a question asks the site of: the last word the documents write before "建在哪个乡镇" in its clause
 * ("曲阜地震台建在哪个乡镇" → 地震台). A township named in a sentence about something else of the report is not its site.
 */
export function sitedWords(question: string, words: readonly string[], known: (word: string) => boolean): string[] {
  return lastWordBefore(question, SITE_ASKED.exec(question)?.index, words, known);
}

/** The share one part takes of a whole, asked after the part ("公开招标方式占采购总额的百分之多少", "占全县比例多少"). */
const SHARE_ASKED = /占[^，。？?！!；;]{0,12}?(的)?(百分之多少|百分之几|多少%|几成|(多大|多少)的?(比例|比重|份额)|(比例|比重|份额)(是)?(多少|多大))/;

/**
 * What a share question asks the share of: the last word the documents write before its 占 in the clause
 * ("公开招标方式占采购总额的百分之多少" → 公开招标方式). Another rate of the same report ("节支率10.4%", in a sentence
 * on the 采购总额) is not that share. Not a part described by what it does or is ("认为实地锻炼太少的干部占多大比例"):
 * its head word (干部) is generic, and the report says the rest in its own words ("58.8%选择了“实践环节少”").
 */
export function sharedWords(question: string, words: readonly string[], known: (word: string) => boolean): string[] {
  const at = SHARE_ASKED.exec(question)?.index;
  if (at === undefined || clauseBefore(question, at).includes("的")) return [...words];
  return lastWordBefore(question, at, words, known);
}

/** The clause of `question` that ends at `at`. */
function clauseBefore(question: string, at: number): string {
  return question.slice(0, at).split(/[，,。？?！!；;]/).pop()!;
}

/** Of `words`, the last one the documents write (`known`) that ends before `at` in its clause; all of them when none does. */
function lastWordBefore(question: string, at: number | undefined, words: readonly string[], known: (word: string) => boolean): string[] {
  if (at === undefined) return [...words];
  const clause = clauseBefore(question, at);
  const end = (word: string) => clause.lastIndexOf(word) + word.length;
  const last = words.filter((word) => clause.includes(word) && known(word)).sort((a, b) => end(b) - end(a))[0];
  return last ? [last] : [...words];
}

/** A comparison stated: with an earlier year or period ("比上年", "同比", "较2019年"), or a change by an amount ("增长9.7%", "提高了2个百分点"). */
const COMPARISON_STATED = new RegExp(`同比|环比|(比|较|与|同)(${EARLIER_YEAR})|上年同期|去年同期|(增长|增加|下降|减少|提高|降低|上升|回落|增幅|降幅|涨幅|多出|少了)了?[^，。；;]{0,6}?\\d|持平`);

/**
 * A question about what happened in the end ("最后实际完成了多少土石方", "招生目标最后完成了吗",
 * "最后哪个县拿了第一"), which a plan does not answer. Chinese only: the sentences are read for the question's words.
 */
const RESULT_ASKED = /(最后|最终|实际|到头来)[^，。？?！!；;]{0,8}?(完成|建成|实现|落实|达到|做到|拿|获|得|评|落(?!款)|结|办成|怎么样|如何|咋样)|(完成|建成|实现|达到|兑现|落实|落地)了?(没有|吗|没)(?![\u4e00-\u9fa5])|(最后|最终|到头来|后来|到底|究竟)[^，。？?！!；;]{0,10}?(了吗|没有|了没|没)(?![\u4e00-\u9fa5])/;
/** Words that ask for the result rather than name what it is of. */
const RESULT_WORDS = /^(最后|最终|实际|到头来|后来|完成|结果|到底|究竟)$/;
/** A sentence that plans or sets a target ("预计2022年改造5条", "力争此项目首落昌吉", "要在春节前完成"). */
const PLANNED = /预计|计划|建议|力争|争取|争创|冲击|努力|确保|(?<![主重需纲摘概必只想])要(?![求点素害])|将(?!军)|拟|目标|规划|打算/;
/** A sentence that reports what was done ("实际完成了4条", "已建成", "共完成", "荣获"). */
const DONE = /已|实际|累计|共(完成|建成|实现|开通)|(完成|建成|实现|达到|开通|解决|拆除|取得)了|超额|圆满|顺利|如期|荣获|获得|被评为|评为|结果/;

/**
 * Whether the texts only plan what a question asks the result of: the sentences naming most of
 * the question's words (two at least, or its one) all set a target, and none reports it done.
 * "临江市2022年客运班线公交化改造最后实际完成了几条" is not answered by "预计2022年改造5条".
 * False for a question not asking a result, or when no sentence names what it asks about.
 */
export function onlyPlanned(question: string, texts: readonly string[], words: readonly string[]): boolean {
  if (!RESULT_ASKED.test(question)) return false;
  const named = words.filter((w) => !RESULT_WORDS.test(w));
  if (named.length === 0) return false;
  const sentences = texts.flatMap((text) => splitSentences(text).map(({ text: sentence }) => sentence.replace(/\s+/g, "")));
  const naming = sentences.map((sentence) => named.filter((w) => sentence.includes(w)).length);
  const most = Math.max(0, ...naming);
  if (most < Math.min(2, named.length)) return false;
  const about = sentences.filter((_, i) => naming[i] === most);
  return about.every((sentence) => PLANNED.test(sentence) && !DONE.test(sentence));
}

/**
 * A question about how something ended that it says was still open ("那件还没审结的行政复议案，最后是维持
 * 还是撤销了", "那3件还在审理的行政诉讼，最后法院是怎么判的"), and a sentence saying it is ("未结1件（新
 * 受理）", "在审3件"): a report written while the case was open does not say how it ended.
 */
const PENDING_ASKED = /((还|尚|仍)(没有?|未)|没有?)(审结|结案|办结|审完|判|了结|结束)|(还|仍|正)在(审理|审查|办理|审)|在审|待审/;
const LATER_ASKED = /最后|最终|后来|结果|到头来/;
const PENDING_STATED = /未结|在审|(正|尚|仍)在(审理|审查|办理)|(尚|还)未(审结|结案|办结)|审理中/;

/** Whether a question asks how something ended that it says, and the texts say, was still open. */
export function stillPending(question: string, texts: readonly string[]): boolean {
  return PENDING_ASKED.test(question) && LATER_ASKED.test(question) && texts.some((text) => PENDING_STATED.test(text.replace(/\s+/g, "")));
}

/** What one applies for or registers, and how ("怎么报名", "去哪儿补办", "申报条件"). */
const APPLY = "报名|申请|申报|办理|补办|备案|登记|参评|认定";
/** Stages of an application, listed as a sequence ("申报、评审、审批"). */
const STAGE = "申报|报名|申请|受理|审核|审批|评审|公示|初审|复审|推荐|核实|登记|备案";

/** "哪位政协副主席带队", "市政协哪位副主席": the post asked about after the asking word. */
const WHICH_HOLDER = new RegExp(`(哪位|哪一位|哪个)[^，。？?！!；;]{0,4}?(${POSTS})`);

/** Who issued or wrote a document ("落款是哪个单位", "哪个单位出的", "谁写的", "who issued it"). */
const ISSUER_ASKED =
  /(哪个|哪家|什么|哪一个)(单位|部门|机关|机构)[^，。？?！!；;]{0,6}(出|写|发|印发|下发|起草|编写|编制|撰写|发布)(的|了)(?![钱款]|资金|经费|费用|补贴)|落款|署名|发文(单位|机关|部门)|(谁|哪个单位|哪个部门)(写|出|起草|撰写|编写)的(?![钱款]|资金|经费|费用|补贴)|出自哪(个|家)(单位|部门|机关)|作者是谁|\bwho (wrote|issued|published|authored|drafted|signed)\b|\bissued by\b|\b(author|issuer) of\b|\bwhich (unit|department|office|agency|body|organi[sz]ation) (wrote|issued|published|drafted|signed)\b/i;

/**
 * Units of measure, in families that measure the same thing: a question asking
 * "多少公里" is answered by "3.5千米" as well. Plants are counted in 株 or 棵.
 */
const AREA = ["平方公里", "平方千米", "平方米", "平米", "㎡", "km2", "km²", "亩", "公顷"];
const VOLUME = ["立方米", "立方", "方", "m3", "m³"];
const LENGTH = ["千米", "公里", "厘米", "毫米", "米", "km", "cm", "mm"];
const WEIGHT = ["吨", "公斤", "千克", "斤"];
const PLANTS = ["株", "棵"];
/** In this order, so a longer unit is tried before its tail ("平方米", "立方米" and "千米" before "米"; "km2" before "km"). */
const MEASURE_UNITS: string[][] = [AREA, VOLUME, LENGTH, WEIGHT, PLANTS, ["千瓦时", "度电", "千瓦", "兆瓦"], ["升"]];
/** A measure asked in a unit ("多少米", "几万亩", "多少株") or by what it measures ("海拔多高", "面积多大", "网目尺寸是多少"). */
const MEASURE_ASKED = new RegExp(
  `(多少|几)[万千百亿]?(${MEASURE_UNITS.flat().join("|")})(?![面式法案向位针])|(海拔|高度)[^，。？?！!；;]{0,3}(多高|多少)|(面积|占地)[^，。？?！!；;]{0,3}(多大|多少)(?!钱|元)|(长度|全长|里程)[^，。？?！!；;]{0,3}(多长|多少)(?!时间)|(尺寸|直径|宽度|厚度|深度|孔径|网目)[^，。？?！!；;]{0,3}(多大|多宽|多厚|多深|多少)|\\bhow many (square )?(metres|meters|kilometres|kilometers|hectares|acres|mu|tons|tonnes|trees)\\b|\\b(altitude|elevation)\\b|\\bhow (high|tall) (is|are|was|were) (the )?(mountain|building|dam|tower|county|town)\\b`,
  "i",
);
/** The unit family of a measure asked by what it measures, not in a unit ("海拔多高", "面积多大", "altitude"). */
const MEASURE_FAMILY: Array<[RegExp, string[]]> = [
  [/海拔|高度|多高|\b(altitude|elevation|how (high|tall)|metres|meters|kilometres|kilometers)\b/i, LENGTH],
  [/面积|占地|\b(square|hectares|acres|mu)\b/i, AREA],
  [/长度|全长|里程|尺寸|直径|宽度|厚度|深度|孔径|网目/, LENGTH],
  [/\b(tons|tonnes)\b/i, WEIGHT],
  [/\btrees\b/i, PLANTS],
];

/** A number stated in one of `units` ("4200米", "3.5万亩", "1000万m3"), not "185km2" for km. */
function measureStated(units: readonly string[]): RegExp {
  return new RegExp(`(\\d[\\d,.]*|${CN_NUM}+)\\s*[多余]?[万千百亿]?[多余]?(${units.join("|")})(?![2²3³])`);
}

/**
 * The unit family a measure question asks in, as a test for a passage stating
 * a number in it: "海拔多少米" is not answered by "3000亩". Undefined when the
 * question names no unit and no measure (any unit of measure then answers).
 */
function measureFamily(question: string): RegExp | undefined {
  const unit = MEASURE_ASKED.exec(question)?.[2];
  const family = unit ? MEASURE_UNITS.find((f) => f.includes(unit)) : MEASURE_FAMILY.find(([asked]) => asked.test(question))?.[1];
  return family ? measureStated(family) : undefined;
}

/** The steps or stages of a process asked ("经过哪几个环节", "走哪些程序", "审批流程有哪些", "分哪几步走", "what steps"). */
const STEPS_ASKED =
  /(经过|经|走|有|分|包括|包含)(哪几个|哪几道|哪几|哪些|几个|几道)[^，。？?！!；;]{0,6}(环节|步骤|流程|程序)|(分|走|有)(哪几|几)步(?!骤)|(环节|步骤|流程|程序)(都)?(有哪些|是什么|是哪些|有几个|分别是)|\b(what|which) ([\w-]+ ){0,2}(steps|stages)\b|\bhow many (steps|stages)\b/i;
/** Three items or more set off by 、, each short ("公众参与、专家论证、风险评估、合法性审查、集体讨论决定"). */
const SHORT_LIST = /(?:[\u4e00-\u9fa5]{2,8}、){2,}[\u4e00-\u9fa5]{2,8}/g;
/** The acts a process is made of, as the documents end a step's name with them ("专家论证", "合法性审查", "签发"). */
const PROCESS_ACT = /(起草|拟稿|拟办|审核|审批|审查|审定|审签|签发|批复|批示|受理|公示|论证|评估|决定|讨论|调研|听证|备案|登记|申报|申请|评审|验收|核实|核查|推荐|初审|复审|会签|核稿|登报|归档|办结|分办|承办|督办|传阅|报批|送审)$/;
/**
 * Where a list is said to be steps: before it ("程序包括", "环节为") or after it, the last item's rest and a
 * closing quote allowed ("…合法性审查和集体讨论”程序", "五道程序"), or after 等 with what the steps are of
 * ("…形成报告并反馈等七个挂牌督导工作步骤").
 */
const STEPS_BEFORE = /(环节|步骤|程序|流程)(包括|有|为|是|分为|依次为|[:：])$/;
const STEPS_AFTER =
  /^[\u4e00-\u9fa5]{0,6}?[”"」』]?(这)?([\d一二三四五六七八九十几]+)?(个|道)?(环节|步骤|程序|流程|关)|^[\u4e00-\u9fa5]{0,6}?[”"」』]?等([\d一二三四五六七八九十几]+)?(个|道|项)?[\u4e00-\u9fa5]{0,8}?(环节|步骤|程序|流程)/;

/**
 * Whether a text lists steps: three short items or more that are a process's acts (most end like one:
 * 论证, 评估, 审查, 决定), or that it says are steps ("…等环节"); not a list of things or of aims
 * ("生活、生产、销售", "引进、培养、管理").
 */
function stepsListed(text: string): boolean {
  return someSentence(text, (sentence) => {
    const flat = sentence.replace(/\s+/g, "");
    for (const m of flat.matchAll(SHORT_LIST)) {
      const at = m.index;
      // The last item may have taken the 等 that closes the list ("…形成报告并反馈等七个…步骤").
      const list = m[0].endsWith("等") ? m[0].slice(0, -1) : m[0];
      if (STEPS_BEFORE.test(flat.slice(Math.max(0, at - 8), at)) || STEPS_AFTER.test(flat.slice(at + list.length))) return true;
      const items = list.split("、");
      if (items.filter((item) => PROCESS_ACT.test(item)).length * 3 >= items.length * 2) return true;
    }
    return false;
  });
}

/**
 * The time of day something opens, starts or ends ("政务大厅每天几点开门", "办公时间是几点到几点", "what time does
 * it open"); not a time limit ("within what time must it be reported").
 */
const CLOCK_ASKED =
  /几点(钟)?([到至~－-]几点(钟)?)?[^，。？?！!；;]{0,2}(开门|关门|上班|下班|开始|结束|营业|出发|发车|收车|截止|开放|关闭|办公|开会|集合)|(营业|开放|办公|上班|工作)时间[^，。？?！!；;]{0,2}(几点|怎么安排|是怎样)|(?<!\bwithin )\bwhat time (does|do|did|will|is|are|was|were|should)\b|\b(opening|office|business) hours\b/i;
/** A time of day ("8:30", "上午9时", "下午五点半"). */
const CLOCK_STATED = /\d{1,2}\s*[:：]\s*\d{2}(?!\d)|(上午|下午|早上|早晨|晚上|中午|凌晨|傍晚)\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*(点|时)|(\d{1,2}|[一二三四五六七八九十]{1,3})\s*点(\d{1,2}分|半|钟|整)/;

const ASKS: Array<[AnswerType, RegExp]> = [
  // How to apply, first: a question that also asks when ("什么时候考、怎么报名") is answered only with the how.
  ["materials", /(带|准备|提交|提供|交|需要|要|备)[^，。？?！!；;]{0,3}(什么|哪些|啥)(材料|证件|证明|资料)|(材料|证件)[^，。？?！!；;]{0,3}(有哪些|是什么|要哪些)|\bwhat (documents|papers|materials) (are|do|does|should|must)\b/i],
  [
    "conditions",
    new RegExp(`(满足|具备|符合|需要|要|得)[^，。？?！!；;]{0,3}(什么|哪些|啥)(条件|资格)|(${APPLY}|评选|招聘|录用)(的)?(条件|资格)|(${APPLY}|评选|招聘|录用)[^，。？?！!；;]{0,12}(有|要|需要)(什么|哪些|啥)(条件|资格|要求)|\\b(eligib\\w*|who (can|may|is allowed to) (apply|register))\\b`, "i"),
  ],
  [
    "procedure",
    new RegExp(
      `(怎么|如何|怎样|咋)(样)?(去|才能|进行)?(${APPLY})|(${APPLY})[^。？?！!；;]{0,24}(走|有|按|分)(什么|哪些|啥|哪几个|哪几)(${APPLY})?(步骤|步)|(去|到|在)哪(儿|里|个部门)?(${APPLY}|办(?!公))|(走|有)(什么|哪些|啥)(审批)?(流程|程序|手续)|(${APPLY})(的)?(流程|程序|手续)(是什么|有哪些|怎么走)|\\bhow (do|can|should|does|to) (i |we |one |you |a |an |the )?(\\w+ )?(apply|register|enrol|sign up)\\b|\\bwhere (do|can|should|to) (i |we |one |you )?(apply|register)\\b`,
      "i",
    ),
  ],
  // The steps a process goes through ("要依次经过哪几个审批环节", "督导分哪几个工作步骤"), after how to apply
  // ("申请公开…具体要走哪些步骤" asks how): answered by the steps in order or listed.
  ["steps", STEPS_ASKED],
  // A document's number ("发文字号是多少"), an age ("平均年龄多大"), who interprets a rule ("由哪个部门负责解释"),
  // a place in a ranking ("在全省排第几"), a penalty ("会受到什么处罚"): each told by its own wording.
  ["docNumber", /文号|发文字号|文件编号|文件号|\bdocument number\b/i],
  // "卢鑫悦今年多大": asked at the end of a question, how old someone is (not "面积多大", "难度现在多大").
  ["age", /(年龄|年纪)[^，。？?！!；;]{0,3}(多大|多少|几)|多大(年龄|年纪|岁数)|几岁|多少岁|今年多大了?(?=[？?。！!]?$)|\bhow old\b|\bage\b/i],
  ["interpreter", /(谁|哪个部门|哪个单位|哪家单位|哪个机关|什么部门|什么单位)[^，。？?！!；;]{0,4}解释|解释权(归|在|属于)?(谁|哪)|\b(who|which [\w-]+) ([\w-]+ ){0,4}interprets?\b|\bresponsible for interpreting\b/i],
  ["rank", /排(名)?(在)?(第几|多少名|几名|多少位)|第几名|名次|排名(怎么样|如何|多少|第几)|\bwhat (rank|place|position)\b|\branked\b/i],
  ["penalty", /(什么|哪些|怎样|怎么|如何|啥)(样的)?(处罚|处分|惩罚|惩戒)|(处罚|处分|惩罚)(是什么|有哪些|怎么定)|\bpenalt(y|ies)\b|\bpunish(ed|ment)?\b|\bsanctions?\b/i],
  // What an evaluation is judged by ("评优秀要达到什么标准", "综合考核按什么标准打分"), not a fee's rate ("保管维护费按什么标准给")
  // nor what a task requires ("考核有什么要求"), which is answered in words.
  ["criterion", /(评|考核|考评|打分|认定)[^，。？?！!；;]{0,24}?(什么|哪些|啥)(样的)?(量化|具体|评分|考核)?标准|按(什么|啥|哪些)标准(打分|评分|评定|评选|考核|计分)|\b(evaluation|scoring|assessment|judging) criteria\b/i],
  ["issuer", ISSUER_ASKED],
  ["person", ASKS_HOLDER],
  ["person", WHICH_HOLDER],
  ["person", PEOPLE_ASKED],
  ["person", AWARD_RECIPIENT],
  ["person", LEADER_ASKED],
  ["firm", /(哪家|哪几家|哪些)[\u4e00-\u9fa5]{0,4}?(企业|公司|厂家|酒厂|商家)|(企业|公司|厂家?|商家)[^，。？?！!；;]{0,6}(分别)?是哪(几)?家|(企业|公司|厂家?|商家)[^，。？?！!；;]{0,4}(叫什么名字|叫啥名|名称是什么)|\bwhich ([a-z-]+ ){0,2}(company|companies|firm|firms|enterprise|enterprises|vendor|vendors|supplier|suppliers|contractor|contractors)\b/i],
  ["school", SCHOOL_ASKED],
  ["place", PLACE_ASKED],
  ["phone", /(手机|电话|热线)号?码?(是|为)?(多少|啥|什么)(?![个次条人])|号码是?(多少|啥|什么)|拨打?(什么|哪个)电话|\b(tele)?phone (number|line number)\b|\bnumber to call\b/i],
  // A web, mail or street address ("网站的网址是什么", "电子邮箱是多少", "办公地址在哪"); asked with a telephone number, the number decides (above).
  ["address", /(在|到)哪(儿|里)?办公|办公(地点|地址)|网址|网站地址|域名|(电子)?(邮箱|信箱)(地址|号)?(是|为)?(多少|什么|啥)|(办公|通讯|通信|联系|详细)?地址(是|在|为)?(哪|什么|多少|啥)|哪条(大)?(街|路|马路|巷)|\b(web|website|internet|postal|mailing|street|office|email|e-mail) address(es)?\b|\burls?\b|\bwhere (is|are) ([\w'’-]+ ){0,4}(office|offices|headquarters) located\b/i],
  ["money", /多少钱|多少元|几元|票价|价格是|价钱|卖多少|收费标准|多少万元|多少亿元|金额是?多少|补贴多少|发多少|\bhow much (money|does it cost|is the fee)\b|\bhow much in ([\w'’-]+ ){0,2}(contracts?|orders?|deals?|sales|funding|funds|investment|subsid(y|ies)|fees|revenue|tax(es)?|money)\b|\bhow much of the ([\w'’-]+ ){0,3}(funds?|budget|money|investment)\b|\bhow much ([\w'’-]+ ){0,3}(money|funding|funds?|capital|investment|subsid(y|ies)|tax(es)?|revenue|income|sales|budget|fees?|profits?)\b|\bhow much (did|does|do|will|would|has|have|had|was|is) ([\w'’-]+ ){0,6}(cost|spend|spent|pay|paid|invest|invested|earn|earned|raise|raised|save|saved|charge|charged)\b|\bwhat (is|was|are|were) the ([\w'’-]+ ){0,5}(budget|revenue|investment|funding|costs?)\b|\b(fee|price|cost|allowance|fare|subsidy)\b.*\b(is|are|was|were)\b|\bwhat (is|are|was|were) the (\w+ )*(fee|price|cost|allowance|fare|subsidy|fine)s?\b/i],
  ["year", /哪一?年|哪个年份|何年|\b(which|what|in what) year\b/i],
  ["frequency", /(多久|多长时间|几天|几个月|几周|几年)[^，。？?！!；;]{0,6}一次|(一年|每年|每月|一个月|每周|一周|每天|一天|每季度?|一个季度)[^，。？?！!；;]{0,6}(几|多少)次|\bhow often\b|\bhow many times (a|per|each) (year|month|week|day)\b/i],
  ["duration", new RegExp(`多长时间|多久|多少(个)?(${DURATION_UNIT})|${YEARS_ASKED.source}|(?<!哪)几(个)?(${DURATION_UNIT})|\\bhow long\\b|\\bhow many (hours|days|minutes|weeks|months)\\b`, "i")],
  ["date", /哪一天|哪天|(?<!每(周|星期|月)[^，。？?]{0,6})哪几[天日]|几月几[日号]|几号|截止(到|日期是|时间是)?(什么时候|何时)/],
  ["time", CLOCK_ASKED],
  ["time", /(什么|啥)时候|何时|哪几?个月|^when (did|does|do|will|is|was|are|were|should)\b/i],
  ["rate", /比例|比率|百分之|((?<![效频税利])率|满意度)[^，。？?！!；;]{0,6}(多少|几)|占比|多少%|百分比|权重|比重|占(?!地|用)[^，。？?]{0,10}多(少|大)(?!倍|分|个|人|名|家|项|条|次|户|所|元|万|亿|亩|吨|天)|\b(what|which) (\w+ )?(rate|percentage|proportion|share)\b|\b(what|which) (is|was|are|were) [^?.,;]{0,50}?\b(rate|percentage|proportion|share)\b/i],
  // After rate: "面积占多大比例" asks a share.
  ["measure", MEASURE_ASKED],
  ["money", MONEY_WORDS],
  ["money", MONEY_ASKED],
  ["money", /多少万元?(及)?以[上下]/],
  // Why, last: a question that also asks for a figure ("卖多少钱一斤，为什么这么贵") is judged by the figure.
  ["reason", /为什么|为啥|为何|咋就|怎么就|怎么会|何故|因何|什么原因|啥原因|原因是什么|\bwhy\b/i],
  // Whether a bid or an application succeeded in the end ("申遗最后成功了没有", "最终获批了吗"), last.
  ["outcome", OUTCOME_ASKED],
  // How a figure compares with a year before ("跟上一年比是多了还是少了", "和2019年相比是升了还是降了"),
  // after the figures: "比去年涨了多少" asks an amount and is judged by it.
  ["comparison", COMPARISON_ASKED],
];

/** A number of days written with 日 ("15日内"), not a day of a month ("1月14日", "一月十四日"). */
const DAYS_BY_DATE = `(?<![\\d〇零月.]|${CN_NUM})(\\d{1,3}|${CN_NUM}+)\\s*(个)?日`;
/** A length in one of `units` ("3个月", "十五天"), not the end of a longer number nor said with 每 ("每一年" is how often). */
function lengthIn(units: string): string {
  return `(?<![\\d〇零.每])(\\d{1,3}|${CN_NUM}+)\\s*(个)?(${units})`;
}

/** The units a duration asked in one unit may be stated in ("多少天" → 15天, 10个工作日, 15日), not another ("一小时" for "多少天"). */
const DURATION_UNITS: Record<string, string> = { 小时: "小时|钟头", 分钟: "分钟", 天: "天|工作日", 工作日: "天|工作日", 周: "周|星期", 星期: "周|星期", 个月: "个月" };
const DURATION_UNIT_ASKED = new RegExp(`(多少|几)(个)?(${DURATION_UNIT})`);

/**
 * How long a meeting lasts ("例会一般开多长时间", "一次要开多久", "座谈会持续了多长时间"): hours or minutes, a
 * day or half of one; not "在前6年" nor "每2周" in a passage about the meeting.
 */
const MEETING_LENGTH_ASKED = /开(了|一次|一回|一场)?(要|得|需要)?(多长时间|多久)|(会议?|例会|座谈会?|讲座)[^，。？?！!；;]{0,6}(持续|进行)了?(多长时间|多久)/;

/**
 * The test for a duration asked in a unit ("招标公告要发布多少天") or of a meeting (`MEETING_LENGTH_ASKED`);
 * undefined for one asked in none ("多长时间", "多久").
 */
function durationIn(question: string): RegExp | undefined {
  if (YEARS_ASKED.test(question)) return new RegExp(lengthIn("年"));
  // Days may also be written with 日 ("1日"), not a day of a month ("1月14日"), as `SUPPLIES.duration` reads them.
  if (MEETING_LENGTH_ASKED.test(question)) return new RegExp(`${lengthIn("小时|钟头|分钟|天")}(?!一次|1次)|${DAYS_BY_DATE}|半天|整天|全天`);
  const unit = DURATION_UNIT_ASKED.exec(question)?.[3];
  if (!unit) return undefined;
  // Days may also be written with 日 ("15日内").
  const days = unit === "天" || unit === "工作日" ? `|${DAYS_BY_DATE}` : "";
  return new RegExp(`${lengthIn(DURATION_UNITS[unit]!)}${days}`);
}

const SUPPLIES: Record<AnswerType, RegExp> = {
  money: /\d[\d,.]*\s*(多)?(万|亿)?(美)?元|[一二三四五六七八九十百千两壹贰叁肆伍陆柒捌玖拾佰仟][一二三四五六七八九十百千万亿两壹贰叁肆伍陆柒捌玖拾佰仟]*(多)?(万|亿)?元|\d[\d,.]*\s*(多|余)?[万亿](?![多余]?[\u4e00-\u9fa5])|美金|元\/|元每/,
  time: /\d{1,2}月|\d{4}年|[一二三四五六七八九十]+月|\d{1,2}日|年底|年初|年内|月底|月初|上半年|下半年|季度|每年|每月|每周|(\d+|[一二三四五六七八九十两半]+)(个)?(小时|分钟|天|日|周)(内|前|后)|[前后](\d+|[一二三四五六七八九十两半]+)(个)?(小时|分钟|天|日|周)/,
  // A day of a month, not a document number ("益财企〔2017〕125号").
  date: /(?<!\d)\d{1,2}\s*日|月\s*\d{1,2}\s*号|[一二三四五六七八九十]+日|月底|月末|月初|月中|年底|年末/,
  year: /\d{4}\s*年|[二〇零一九]{4}年/,
  // A length, not a year ("2009年", "二〇〇九年") or a day of a month ("1月14日", "一月十四日").
  // Not how often ("警察局2周一次的策略会议").
  duration: new RegExp(
    `${lengthIn(`${DURATION_UNIT}|年`)}(?!一次|1次)|${DAYS_BY_DATE}`,
  ),
  // Also a rate stated without its sign: a rate of nought ("低风险死亡率为0"), and a share whose % the
  // source lost ("仅占全县民营企业的1.67"), not a count or an amount ("占总分中的4分").
  rate: /\d[\d,.]*\s*[%％]|百分之|比例|[一二三四五六七八九]成|\d+分之|[一二三四五六七八九十]分之|率(为|达到?|是|仅为?)?\s*(0|零)(?![\d.])|占[^，。；;]{1,15}的\s*\d[\d.]*(?![\d.]*\s*(万|亿|元|个|家|人|名|户|项|件|次|分|天|年|月|倍))/,
  // A number of times in a period ("每月两次", "每年举行一次", "每天进行早中晚3次"), once in a period ("一月一小节", "三年一次", "每2周").
  frequency: new RegExp(
    `每隔?(\\d+|${CN_NUM}+)个?${PERIOD}|${EVERY}[^，。；;]{0,8}?(\\d+|${CN_NUM}+)次|一(年|月|周|季)一|(\\d+|${CN_NUM}+)个?${PERIOD}一次|${EVERY}(都)?(开展|召开|举行|进行|组织|报送|上报|检查|巡查|督查|通报)`,
  ),
  // Any post named: `holderNamed` narrows it to the post asked about.
  person: new RegExp(POSTS),
  // A firm's name ("甘孜州世杰建筑工程有限公司"), not a count of firms ("36家酒厂").
  firm: /[\u4e00-\u9fa5A-Za-z（）()]{2,}(有限责任公司|有限公司|公司|集团|合作社|酒业)/,
  // A school's name ("荷叶镇中心幼儿园"), not schools in general ("农村学校"): see `schoolNamed`.
  school: SCHOOL_NAMED,
  // A venue; a place's name is told by jieba's tagging (`placeAnswer`), not by a pattern.
  place: VENUE_STATED,
  // A list of what to hand in ("需提交身份证复印件", "申报材料：…"), not a mention of materials ("准备会议汇报材料").
  materials: /(需|须|应|要|应当|必须|并)(提交|提供|携带|出具|递交|报送)[^。；;]{0,20}(材料|证明|证件|复印件|原件|申请表|申报表|登记表|身份证|户口簿|执照)|(申报|申请|报名|所需|提交)材料[：:为包括]|材料清单/,
  // What one must be or have ("须具备以下条件", "申报条件为", "年满18周岁"), not a mention ("符合条件的企业").
  conditions: /(应当|应|须|必须|需|需要)(同时)?(具备|符合|满足)[^。；;]{0,12}(条件|资格|要求)|(申报|报名|申请|参评|评选)(条件|资格)[为是：:]|(以下|下列|如下)条件|年满\d+周岁|(应|须|需)(具有|取得)[^。；;]{0,10}(学历|学位|资格|证书|职称)/,
  // Where or in what steps ("到政务服务中心窗口办理", "登录…平台申报", "申报、评审、审批", "先由采购办逐一进行初审,符合条件的才能提交").
  procedure: new RegExp(
    `(到|在|向|赴|至)[^。，；;]{0,15}(窗口|大厅|服务中心|政务中心|办事处|网站|平台|系统)[^。；;]{0,8}(${APPLY}|提交)|(登录|通过)[^。；;]{0,15}(网站|网上|平台|系统|APP|app|小程序|公众号)[^。；;]{0,10}(${APPLY}|提交)|(${STAGE})[、→－—-](${STAGE})[、→－—-](${STAGE})|(${APPLY})(时间|方式|办法|流程|程序)(为|是|：|:)|经[^。；;]{1,15}(审核|审批|审查)(通过)?后|先由?[^。；;]{0,15}(${STAGE}|审定)[^。；;]{0,30}(才能|方可|然后|再)|后方可(${APPLY})`,
  ),
  // A line that is only an organisation's name: a report's sign-off or a notice's issuer ("中共万全县委组织部", "龙岩市人民政府办公室").
  issuer: /(^|\n)[ \t]*(中共)?[\u4e00-\u9fa5]{2,30}(委员会|组织部|宣传部|政府|办公室|办公厅|局|委|厅|办|中心|小组|监督组|督导组|调研组|课题组|协会|学会|研究室|研究所)[ \t]*(\n|$)/,
  outcome: OUTCOME_STATED,
  comparison: COMPARISON_STATED,
  // A web address, a mailbox, or a street address ("http://wsqw.zhangzhou.gov.cn", "zzwsqwb@sina.com", "胜利西路118号").
  address: /https?:\/\/|www\.|\.(gov|com|org|net|edu)(\.cn)?(?![a-z])|[\w.-]+@[\w-]+\.[\w.]+|地址[:：为是]|[路街道巷弄]\d+号|邮编|邮政编码/i,
  // "辽委办发〔2014〕…号", "益财企〔2017〕125号".
  docNumber: /[〔［\[(（]\s*\d{4}\s*[〕］\])）]\s*\d+\s*号/,
  // "平均年龄38岁", "年满18周岁".
  age: /\d+(\.\d+)?\s*(周)?岁|[一二三四五六七八九十]+(周)?岁/,
  interpreter: /负责解释|解释权|由[^。；;]{1,20}解释/,
  // "在全省排第3位", "位居全市前列", "名列第一".
  rank: /第[一二三四五六七八九十\d]+(名|位)|排名|排在|排位|排行|位列|名列|位居|居[^，。；;]{0,6}(第|首|前列)|前[三五十\d]+(名|位)|首位|榜首/,
  // "给予警告直至取消定点资格", "追究责任", "罚款".
  penalty: /处罚|处分|罚款|罚金|追究|问责|通报批评|约谈|取消[^，。；;]{0,8}资格|警告|降级|撤职|停业|吊销|扣分|黑名单|诫勉|一票否决/,
  // A score or threshold an evaluation is judged by ("80分以上为优秀", "满分100分", "达到95%以上").
  criterion: /(\d+|[一二三四五六七八九十百]+)分(及)?(以上|以下|为|的)|满分|分值|评分标准|计分标准|(达到|不低于|不少于|超过)[^，。；;]{0,8}(\d|[%％])|[\d.]+\s*[%％](及)?以上/,
  // A cause stated ("因无专项经费支持", "由于…", "原因在于…"), not 因此 or 因素.
  reason: /因为|由于|原因|之所以|导致|造成|致使|因[^此而素]/,
  // A number in a unit of measure ("海拔4200米", "3.5万亩", "除治疫木1200株"): `measureFamily` narrows it to the unit's family.
  measure: measureStated(MEASURE_UNITS.flat()),
  // Steps in order ("第一步", "首先…然后", "拟稿→审核", "申报、评审、公示"); a list of actions is told by `stepsListed`.
  steps: new RegExp(`第[一二1]步|首先[^。；;]{2,60}(然后|其次|接着|再|最后)|(?<![\u4e00-\u9fa5])先[^。；;，,]{2,20}[，,]?(然后|再|后)[\u4e00-\u9fa5]{2}|[\u4e00-\u9fa5]{2,8}(→|－>|->|—>)[\u4e00-\u9fa5]{2,8}|(${STAGE})[、→－—-](${STAGE})[、→－—-](${STAGE})`),
  // A mobile or fixed-line number, or a short hotline number said to be one ("12315投诉举报", "拨打12345").
  phone: /(?<![\d.、,])(1[3-9]\d{9}|0\d{2,3}[-－—]\d{7,8}|\d{7,8})(?![\d.、,万亿元户人亩])|(?<![\d.、,])\d{3,6}[”"」]?\s*(热线|电话|专线|服务台|投诉)|(拨打|热线|电话|号码)[:：为是]?\s*[“"「]?\d{3,}/,
};

/**
 * Kinds of answer a sentence gives of something: an amount, a date, a name. The sentence that
 * gives it must also name something the question names (`statedOfAsked`).
 */
const SAID_OF = new Set<AnswerType>(["money", "time", "date", "year", "duration", "rate", "measure", "phone", "frequency", "person", "firm", "school", "place", "outcome", "comparison", "address", "docNumber", "age", "interpreter", "rank", "penalty", "criterion"]);

/**
 * Kinds of answer that lift the passages giving one but do not decide whether the question is answered:
 * a report without a sign-off often says who wrote it in its text ("临江市交通运输局成立了…"), and a reason
 * is often given without 因为 or 由于, so neither's absence is a sign the documents do not say.
 */
const LIFT_ONLY = new Set<AnswerType>(["issuer", "reason"]);

/** A figure rising or falling. */
const CHANGE = "下降|增长|减少|增加|提高|降低|上升|下滑|回落|压减|缩减|削减|涨|跌|翻番";
/** Why a figure rose or fell ("营业收入为啥同比下降了", "为什么要按15%压减"): a reason the documents would state with the change. */
const CHANGE_WHY = new RegExp(`(为什么|为啥|为何|什么原因|啥原因)[^，。？?！!；;]{0,20}(${CHANGE})|(${CHANGE})[^，。？?！!；;]{0,10}(的)?(原因|为什么|为啥)`);
/** A change stated ("同比下降4.5%", "增加了…难度"); with a cause (`SUPPLIES.reason`) in the same sentence, it says why. */
const CHANGE_STATED = new RegExp(CHANGE);

/** Whether a reason question asks why a figure changed: judged, where other reasons only lift the passages giving one. */
export function changeWhyAsked(question: string): boolean {
  return CHANGE_WHY.test(question);
}

/**
 * Why something began with only part of what it came to cover ("CitiStat一开始为什么只覆盖固体废料处理部门",
 * "why did it start out covering only…"): a choice a report explains with a cause or a purpose where it says so.
 * That it began that way ("最初只包括固体废料处理部门") is not why.
 */
const NARROW_START_WHY =
  /(一开始|刚开始|最初|起初|开始时|起步时)[^，。？?！!；;]{0,8}只|只(先)?从[^，。？?！!；;]{0,12}(做起|开始|起步|试行|试点)|\b(start(ed|s)?|began|begin)( out)? ([\w'’-]+ ){0,6}only\b|\bonly\b[^?]{0,40}\b(at first|initially|at the start)\b/i;
/** A cause or a purpose stated ("因为", "由于", "为了", "考虑到", "鉴于"). */
const CAUSE_OR_PURPOSE = /因为|由于|原因|之所以|为了|考虑到|鉴于|出于/;

export function narrowStartWhyAsked(question: string): boolean {
  return NARROW_START_WHY.test(question);
}

/** Why one was chosen ("当阳市为什么选择方正公司来承建", "why did they choose Founder"): a choice explained where it is stated. */
const CHOICE_WHY = /(为什么|为啥|为何)(要|会)?(选择|选定|挑选|选|挑|找|请)了?|\bwhy (did|does|do|was|were) [^?]{0,60}?\b(choose|chose|chosen|select|selected|pick|picked)\b/i;

export function choiceWhyAsked(question: string): boolean {
  return CHOICE_WHY.test(question);
}

/**
 * Why not a single one came about ("为什么一件依申请公开都没收到", "一件信息公开申请都没收到，是什么原因",
 * "why were no requests received"): a report that states the none, and nothing of why, does not say.
 */
const NONE_WHY =
  /(一|1)(件|个|次|起|份|条|家|项|笔|位|名|人)[^，。？?！!；;]{0,12}(都|也)(没|未)|\bwhy (did|does|do|was|were|has|have|had) [^?]{0,40}\b(no|none|not a single|not one|not any)\b/i;

export function noneWhyAsked(question: string): boolean {
  return NONE_WHY.test(question);
}

/**
 * Why something has still not come about ("石漠化综合治理项目的资金为什么一直没有到位", "why have the funds still not
 * arrived"): a report listing it among its problems ("3.石漠化综合治理项目资金未到位。") says that it has not, not why.
 */
const STILL_NOT_WHY =
  /(为什么|为啥|为何|什么原因|啥原因)[^，。？?！!；;]{0,12}(一直|迟迟|始终|至今|仍然?|还)(没有?|未|不)|\bwhy (has|have|had|is|are|was|were) [^?]{0,60}\b(still not|not yet|never)\b/i;

export function stillNotWhyAsked(question: string): boolean {
  return STILL_NOT_WHY.test(question);
}

/**
 * Why something was moved from one place to another ("优化办当初为什么从市委、市政府直管改设到发改局",
 * "why was the office moved under the development and reform bureau"): where a report says it was moved,
 * or that it sits there now, it says why only with a cause or a purpose.
 */
const MOVE_WHY =
  /(为什么|为啥|为何|什么原因|啥原因)[^，。？?！!；;]{0,20}从[^，。？?！!；;]{1,16}(改设|改到|改归|调整到|调到|划到|划归|划入|移到|移交|转到|转入|并入|归到|搬到|迁到|放到)|\bwhy (was|were|did|has|had) [^?]{0,60}\b(moved|transferred|relocated|placed|put|merged)\b[^?]{0,40}\b(to|under|into)\b/i;

export function moveWhyAsked(question: string): boolean {
  return MOVE_WHY.test(question);
}

/**
 * Why one came first ("临江市为什么把贾家营那条班线排在第一个搞公交化改造", "为什么先改这条线", "why was that line the first
 * to be converted"): a report that says it was done first, and nothing of why, does not say.
 */
const FIRST_WHY =
  /(为什么|为啥|为何|什么原因|啥原因)[^，。？?！!；;]{0,16}(排在|放在|列在|列为|作为|当作|定为)?(第一|首|头)(个|位|批|站|号)|(为什么|为啥|为何)(要|会)?(先|优先|首先|率先)(?!进)|\bwhy\b[^?]{0,60}\b(the first|first to|start with|begin with|started with|began with|prioriti[sz]e)/i;

export function firstWhyAsked(question: string): boolean {
  return FIRST_WHY.test(question);
}

/** Why something began narrowly, why one was chosen or came first, why none or it has not come about, or why it was moved: judged by a cause or purpose stated of it (`scopeWords`). */
function causeOfScopeAsked(question: string): boolean {
  return narrowStartWhyAsked(question) || choiceWhyAsked(question) || firstWhyAsked(question) || noneWhyAsked(question) || stillNotWhyAsked(question) || moveWhyAsked(question);
}

/**
 * What a question about a narrow start began with, about a choice chose, or about something still not done has not
 * done: of the question's `words`, those the documents write (`known`) after its 只, its choosing verb or its "一直没有"
 * in that clause ("为什么一开始只覆盖固体废料处理部门" → 覆盖, 固体废料, 处理部门; "为什么选方正公司来做…" → 方正公司, …;
 * "管理机构和执行机构为什么一直没有分开设置" → 分开, 设置). A reason given in a sentence about something else of the
 * system ("因为巴尔的摩的管理部门基本都有这些软件", "由于财政较为困难，政府采购预算编制和执行力差") is not why. All the
 * words when none follows.
 */
export function scopeWords(question: string, words: readonly string[], known: (word: string) => boolean): string[] {
  const asked = CHOICE_WHY.exec(question) ?? STILL_NOT_WHY.exec(question);
  const from = asked ? asked.index + asked[0].length : question.indexOf("只") + 1;
  if (from <= 0) return [...words];
  const clause = question.slice(from).split(/[，,。？?！!；;]/)[0]!;
  const scope = words.filter((word) => clause.includes(word) && known(word));
  return scope.length ? scope : [...words];
}

/**
 * The words a sentence giving the answer must name one of: what a comparison compares, what is built where a site
 * is asked, what a narrow start began with or a choice chose, or, for any other question, all of them.
 */
export function focusWords(question: string, type: AnswerType | undefined, words: readonly string[], known: (word: string) => boolean): string[] {
  if (type === "comparison") return comparedWords(question, words, known);
  if (type === "place") return sitedWords(question, words, known);
  if (type === "rate") return sharedWords(question, words, known);
  if (type === "reason" && causeOfScopeAsked(question)) return scopeWords(question, words, known);
  return [...words];
}

/**
 * How the best passages are judged to give the kind of answer a question asks for: in a sentence that
 * also names something the question names (`statedOfAsked`, for the kinds in `SAID_OF` and why a figure
 * changed), anywhere in a passage, or not at all (`LIFT_ONLY`: the kind only lifts the passages giving it).
 */
export function judgedBy(type: AnswerType, question: string): "sentence" | "passage" | undefined {
  if (type === "reason" && (changeWhyAsked(question) || causeOfScopeAsked(question))) return "sentence";
  if (LIFT_ONLY.has(type)) return undefined;
  return SAID_OF.has(type) ? "sentence" : "passage";
}

/** A system a question names by the Latin name the documents write it with ("CompStat", "GMAP"): a capital inside, or all capitals. */
const SYSTEM_NAME = /(?<![A-Za-z])(?:[A-Z][a-z]+[A-Z][A-Za-z]*|[A-Z]{3,})(?![A-Za-z])/g;

export function systemNames(question: string): string[] {
  return [...new Set(question.match(SYSTEM_NAME) ?? [])];
}

/**
 * Whether one sentence of the texts both gives the answer (`test`) and names one of the
 * question's words: "钱山乡修通一公里水泥路要花多少钱" is not answered by an article whose only
 * amounts are another project's, nor "what does CompStat cost to run" by CitiStat's costs.
 * With no words to look for, any sentence giving the answer will do.
 */
export function statedOfAsked(texts: readonly string[], test: (text: string) => boolean, words: readonly string[]): boolean {
  if (words.length === 0) return texts.some(test);
  return texts.some((text) =>
    someSentence(text, (sentence) => {
      const flat = sentence.replace(/\s+/g, "");
      return test(flat) && words.some((w) => flat.includes(w));
    }),
  );
}

/** Whether one sentence of `text` holds what `holds` asks: the answer and what it is of stated together. */
function someSentence(text: string, holds: (sentence: string) => boolean): boolean {
  return splitSentences(text).some(({ text: sentence }) => holds(sentence));
}

/** What each kind of figure is called in a reply ("没有给出所问的金额"); a count ("多少所") is a 数量, a group's items (`itemsAsked`) 逐项内容. */
export const FIGURE_NAMES: Record<AnswerType | "count" | "items", string> = { count: "数量", items: "逐项内容", money: "金额", time: "时间", date: "日期", year: "年份", duration: "时长", rate: "比例", measure: "数值", phone: "电话号码", frequency: "频次", person: "人选", firm: "企业名称", school: "学校名称", place: "地点", materials: "所需材料", conditions: "申请条件", procedure: "办理流程", issuer: "发文单位", reason: "原因", outcome: "结果", comparison: "与往年的对比", address: "地址", docNumber: "文号", age: "年龄", interpreter: "解释部门", rank: "排名", penalty: "处罚", criterion: "评定标准", steps: "具体步骤" };

export function expectedAnswer(question: string): AnswerType | undefined {
  return ASKS.find(([, re]) => re.test(question))?.[0];
}

/** The line of a passage that is only an organisation's name: the report's sign-off or the notice's issuer. */
export function issuerLine(text: string): string | undefined {
  return SUPPLIES.issuer.exec(text)?.[0].trim();
}

export function suppliesAnswer(text: string, type: AnswerType): boolean {
  if (type === "place") return SUPPLIES.place.test(text) || placesNamed(text).length > 0;
  return SUPPLIES[type].test(text);
}

/**
 * What a question says the money is ("劳务报酬", "运营经费", "省级补助"), and
 * the words a sentence stating that sum names it by. A passage that states
 * some other amount ("节约资金295万元" for a question about experts' fees)
 * does not answer it: the amount must stand in a sentence naming the same
 * kind of money. Written from the corpus's own money words.
 */
const MONEY_NAMES: Array<[RegExp, string]> = [
  [/报酬|工资|薪|劳务费/, "报酬|工资|薪|劳务费|待遇"],
  [/补贴|补助|奖补/, "补贴|补助|奖补|资助|扶持"],
  [/奖金|奖励/, "奖"],
  [/罚款|罚金|罚没/, "罚"],
  [/投资|投入/, "投"],
  [/经费|拨款|预算/, "经费|拨款|拨付|预算|(?<!注册)资金|安排"],
  [/(?<!注册)资金/, "(?<!注册)资金|经费|投资|投入|拨款|补助|补贴|奖励|基金|款"],
  [/(?<![经税])费/, "费"],
  [/价/, "价"],
  [/收入|营收|销售额|营业额/, "收入|营收|销售|营业"],
  [/产值/, "产值"],
  [/税收/, "税"],
  [/利润/, "利润|利税"],
];

/**
 * The question's words other than those naming the sum it asks for ("投入", "资金"): the sentence stating the
 * sum already names it (`moneyNamed`), so it must also name something else the question names.
 */
export function besidesSum(question: string, type: AnswerType | undefined, words: readonly string[]): string[] {
  if (type !== "money" || !moneyNamed(question)) return [...words];
  const rest = words.filter((word) => !MONEY_NAMES.some(([asked]) => asked.test(word) && word.replace(asked, "").length === 0));
  return rest.length ? rest : [...words];
}

/**
 * The question's words other than the places it asks about ("曲阜市", "曲阜市科技"): every sentence of a report on
 * the place may name it, so the sentence giving the answer must also name something else the question names.
 */
export function besidesPlaces(words: readonly string[], places: readonly string[]): string[] {
  // The place's name cut from its level ("梁寨" of 梁寨镇) is the place too.
  const rest = words.filter((word) => !places.some((place) => word.includes(place) || (word.length >= 2 && place.startsWith(word))));
  return rest.length ? rest : [...words];
}

/** The words naming the sum a money question asks for, as a test for a sentence; undefined when it names none ("多少钱"). */
export function moneyNamed(question: string): RegExp | undefined {
  const names = MONEY_NAMES.filter(([asked]) => asked.test(question)).map(([, named]) => named);
  return names.length ? new RegExp(names.join("|")) : undefined;
}

/** A question about who holds a post that asks for the holder's name ("组长叫什么名字", "姓什么", "what is the name of the director"). */
const NAME_ASKED = /叫什么|叫啥|名字|姓名|姓什么|\bname\b/i;

/**
 * Common surnames, without those that also begin everyday words after a
 * post ("县长任组长", "局长和股长", "书记高度重视", "主任由…担任").
 */
const SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董袁潘蒋蔡余杜叶程苏魏吕丁沈姚卢姜崔钟谭陆汪范廖贾夏韦付邹熊孟秦邱侯江尹薛闫段雷黎史龙陶贺顾毛郝龚邵钱覃武戴孔汤庞樊殷施洪翟颜倪严牛季俞章鲁葛伍申尤毕聂柴焦柳邢岳齐梅莫庄辛祝左涂谷祁舒耿牟卜詹苗凌纪靳盛童甄裴鲍霍翁隋甘柯阮桂闵饶戚瞿滕邬臧苟褚娄奚穆燕郎冀姬栾郁喻窦冼匡佟栗岑胥蔺";
/** Titles a name follows in the documents ("局长赵辰", "市长王大泉", "副调研员翁树文", "主席马书轩"). */
const TITLES = `${POSTS}|调研员|部长|厅长|委员|经理|董事长`;
const NAME = `[${SURNAMES}][\\u4e00-\\u9fa5]{1,2}`;
/** How a place's name ends ("姚村", "王庄", "陵城"), not a person's. */
const PLACE_END = "[村庄城镇乡县区市街站厂局山河湖屯寨营店集桥港湾园]";
/**
 * A person named the way the documents name people: after their title
 * ("局长赵辰"), or opening a clause and followed by what they did
 * ("，卢鑫悦荣膺北京赛区冠军").
 */
const PERSON_NAMED = new RegExp(`(${TITLES})${NAME}|(^|[，,、：:；;（(])${NAME}(?<!${PLACE_END})(?=[，,、荣获被担任同等为是在])`);
/** The words a passage names the people asked about by ("老师" → 老师 or 教师, "获奖的" → 奖; an award's winner, `AWARD_RECIPIENT`, → 奖, 冠军, 荣获 or 荣膺). */
const PEOPLE_NAMED: Record<string, string> = { 老师: "老师|教师", 教师: "老师|教师", 同学: "同学|学生", 学生: "同学|学生", 工作人员: "人员", 获奖者: "奖", 获奖人: "奖", 获奖的: "奖", 拿奖的: "奖", 得奖的: "奖", 得奖: "奖|冠军|荣获|荣膺" };

/**
 * The test a passage must pass to answer a question about a person:
 * - asked who holds a post ("组长是谁"), it names the post: the documents
 *   answer with a name or with another post ("由县委副书记、县长任组长");
 *   asked about the 副 post ("副组长是谁"), it names that one;
 * - asked the holder's name ("组长叫什么名字"), it gives a name tied to that
 *   very post, 副 or not: "局长赵辰", "赵辰为组长", "组长由市农业局副调研员翁树文担任",
 *   where "局长赵辰为组长,副局长为副组长" does not name the 副局长;
 * - asked the name of people without a post ("那名兼职工作人员是谁"), one of
 *   its sentences names them and a person.
 */
function personAnswer(question: string): (text: string) => boolean {
  const post = holderNamed(question);
  if (post) {
    const vice = new RegExp(`副(${post.source})|\\b(deputy|vice)\\b`, "i").test(question);
    const held = `${vice ? "副" : "(?<!副)"}(?:${post.source})`;
    if (NAME_ASKED.test(question)) {
      const named = new RegExp(`${held}${NAME}|${NAME}(为|任|担任|出任)${held}|${held}由[^，。；;]{0,12}${NAME}(担任|负责)`);
      return (text) => named.test(text.replace(/\s+/g, ""));
    }
    const named = vice ? new RegExp(held) : post;
    return (text) => named.test(text);
  }
  // Who led ("哪位政协领导带队的"): a sentence says who, by name or by post ("由市政协副主席*带队", `askedFigure` telling a name withheld).
  if (LEADER_ASKED.test(question)) {
    const named = new RegExp(`${PERSON_NAMED.source}|${TITLES}`);
    return (text) => someSentence(text, (sentence) => LEADER_NAMED.test(sentence) && named.test(sentence));
  }
  const people = PEOPLE_ASKED.exec(question)?.[1] ?? (AWARD_RECIPIENT.test(question) ? "得奖" : undefined);
  if (!people) return (text) => suppliesAnswer(text, "person");
  const noun = new RegExp(PEOPLE_NAMED[people] ?? people);
  return (text) => someSentence(text, (sentence) => noun.test(sentence) && PERSON_NAMED.test(sentence));
}

const ENGLISH_POSTS: Record<string, string> = { head: "负责人|主任|局长|组长", director: "主任|局长|处长|所长|站长", leader: "组长|负责人|领导", chair: "主席|主任|组长", principal: "校长", chief: "长|负责人" };

/**
 * The post a "who holds it" question asks about ("领导小组的组长是谁" → 组长), as a
 * test for a passage that says who holds it: the documents answer with a name
 * or with another post ("由县委副书记、县长任组长"), but always name the post
 * asked about. Undefined when the question names none.
 */
export function holderNamed(question: string): RegExp | undefined {
  const asked = ASKS_HOLDER.exec(question);
  if (!asked) {
    const which = WHICH_HOLDER.exec(question);
    return which ? new RegExp(which[2]!.replace(/^副/, "")) : undefined;
  }
  // Groups: 1 the post before the asking words ("组长是谁"), 9 after them ("谁当组长"), 10 on the English alternatives.
  // The post nearest the asking words: "担任副组长的副局长叫什么名字" asks the name of the 副局长.
  const post = asked[1] ? [...asked[0].matchAll(new RegExp(POSTS, "g"))].at(-1)![0] : asked[9];
  if (post) return new RegExp(post.replace(/^副/, ""));
  const english = asked.slice(10).find((g) => g && ENGLISH_POSTS[g.toLowerCase()]);
  return english ? new RegExp(ENGLISH_POSTS[english.toLowerCase()]!) : undefined;
}

/**
 * What a price is asked per ("一斤卖多少钱", "票价多少钱一张", "多少钱一平"):
 * the answer is a price per that unit ("3500元/㎡"), not any sum the
 * passage states ("企业注册资本达到1亿元以上"). Units that name the same measure share a
 * family (平, 平米, 平方米, ㎡).
 */
const PER_UNITS: string[][] = [["平方米", "平米", "平方", "平", "㎡"], ["公斤", "千克"], ["斤"], ["张"], ["瓶"], ["箱"], ["吨"], ["盒"], ["袋"], ["亩"], ["人次", "人"], ["次"], ["天", "日"], ["小时"], ["份"], ["桌"]];
const PER_UNIT = PER_UNITS.flat().join("|");
const PRICE_ASKED = "多少钱|几块钱|多少块|多少元|几元|卖多少|什么价|啥价|价格|价钱|售价|零售价|票价|(?:薪|工资|报酬|补贴|补助|奖金)[^，。？?！!；;]{0,3}多少";
/** "一次", "每张", not an ordinal ("第一次设立的…奖金是多少") or a longer number ("11次"). */
const PER_ONE = "(?<![第\\d])(一|每|1)";
const PER_ASKED = new RegExp(`${PER_ONE}(${PER_UNIT})[^，。？?！!；;]{0,8}(${PRICE_ASKED})|(${PRICE_ASKED})[^，。？?！!；;]{0,4}${PER_ONE}(${PER_UNIT})`);

/** The unit family a question asks a price per, as a test for a text stating a price in it; undefined when it asks none. */
export function pricePerAsked(question: string): RegExp | undefined {
  const m = PER_ASKED.exec(question);
  const unit = m?.[2] ?? m?.[6];
  if (!unit) return undefined;
  const family = PER_UNITS.find((f) => f.includes(unit))!.join("|");
  return new RegExp(`元\\s*[/／每]\\s*(${family})|(\\d|${CN_NUM})\\s*(多)?元\\s*(一|每|1)(${family})|每(${family})[^，。；;]{0,8}?(\\d[\\d.]*|${CN_NUM}+)\\s*(多)?元`);
}

/** A money question asking where a rule starts or stops applying ("多少万以上必须公开招标", "金额门槛", "达到多少金额就", "单个项目最多能支持多少钱", "上限"). */
const THRESHOLD_ASKED = /多少万?元?(及)?以[上下]|门槛|起点|达到多少(金额|钱|万元?)?[^，。？?！!；;]{0,3}就|超过多少(金额|钱|万元?)|(最多|最高)(能|可以|可)[^，。？?！!；;]{0,4}多少|上限|封顶/;
/** An amount stated as a bound ("500万元以上", "金额在10000元以上", "不超过5万元", "最高补助20万元"), not a total reached ("采购规模达到29940万元"). */
const THRESHOLD_STATED = new RegExp(
  `(\\d[\\d,.、]*|${CN_NUM}+)\\s*(多)?((万|亿)元?|元)(及)?(以上|以下|以内|起)|(不超过|超过|不足|低于|不满|满)\\s*(\\d[\\d,.、]*|${CN_NUM}+)\\s*(万|亿)?元|(最高|最多|上限为?|封顶)[^，。；;\\d]{0,6}(\\d[\\d,.、]*|${CN_NUM}+)\\s*(多)?(万|亿)?元`,
);

/**
 * The test a passage must pass to answer a question asking for `type`: the
 * kind of figure (`suppliesAnswer`), narrowed by what the question names: the
 * sum (`moneyNamed`), a bound rather than an amount (`THRESHOLD_ASKED`), the
 * post whose holder is asked (`holderNamed`).
 */
export function answeredBy(question: string, type: AnswerType, known?: (term: string) => boolean): (text: string) => boolean {
  const test = answerTest(question, type, known);
  // Asked about a person the question names with their post ("党委书记王磊是哪一年到任的"): a sentence about that person.
  const person = type === "person" ? undefined : personAsked(question);
  if (!person) return test;
  return (text) => someSentence(text, (sentence) => sentence.replace(/\s+/g, "").includes(person) && test(sentence));
}

/** A person a question names after their post ("镇党委书记王磊", "宣传委员李芳"), as the surname and the first character of the given name ("王磊"). */
const TITLED_NAME = new RegExp(`(?:${TITLES})([${SURNAMES}][\\u4e00-\\u9fa5])`);

export function personAsked(question: string): string | undefined {
  return TITLED_NAME.exec(question)?.[1];
}

/** A year asked of what is planned or expected ("预计哪一年能批下来", "打算哪年出版", "要求在哪一年前完成"). */
const PLANNED_YEAR_ASKED = /(预计|打算|计划|准备|要求|力争|争取|将|能|会|可望|有望)[^，。？?！!；;]{0,8}(哪一?年|哪个年份)|(哪一?年|哪个年份)(之?前|以前|底前)?[^，。？?！!；;]{0,3}(能|才能|可以|会|将|要)|(哪一?年|哪个年份)(之|以)?前/;
/** A year stated as a plan, a forecast or a deadline ("预计2025年", "力争到2020年", "2015年底前完成"), not a year something was done in. */
const PLANNED_YEAR_STATED = /(预计|计划|力争|争取|将于|将在|拟于|拟在|拟|打算|目标|规划|到|至)[^，。；;]{0,6}(\d{4}|[二〇零一九]{4})\s*年|(\d{4}|[二〇零一九]{4})\s*年(年?底|年内|上半年|下半年)?(之|以)?前/;

/** A document a question names by its title ("《益阳市产业发展专项资金项目验收管理办法》的文号是多少"). */
const TITLE = /《([^》]{4,60})》/;

/** Whether `text` gives the number of the document titled `title` next to its title ("《…》(益财企〔2017〕125号)"), not another document's. */
function numberOfTitle(text: string, title: string): boolean {
  for (let at = text.indexOf(title); at >= 0; at = text.indexOf(title, at + 1)) {
    // Up to the next title after it, or from the last title before it.
    const after = text.slice(at + title.length, at + title.length + 24).split("《")[0]!;
    const before = text.slice(Math.max(0, at - 16), at).split("》").pop()!;
    if (SUPPLIES.docNumber.test(after) || SUPPLIES.docNumber.test(before)) return true;
  }
  return false;
}

/** A year and its month asked together ("哪年哪月成立的", "几几年几月", "what year and month"): a year alone does not answer it. */
const YEAR_MONTH_ASKED = /(哪一?年|几几年|哪个年份)[^，。？?！!；;]{0,2}(哪个?月|几月)|\b(what|which) (year and month|month and year)\b/i;
/** A year stated with its month ("2013年6月", "二〇一三年六月"). */
const YEAR_MONTH_STATED = /(\d{4}|[二〇零一九]{4})年(\d{1,2}|[一二三四五六七八九十]{1,2})月/;

/** A deadline asked ("最晚什么时候要报备案", "啥时候之前完成", "截止到哪天", "by when"): a time something is due by. */
const DEADLINE_ASKED = /(最晚|最迟|截止|期限)[^，。？?！!；;]{0,8}(什么时候|啥时候|何时|哪天|哪一天|几号|几月)|(什么时候|啥时候|何时|哪天|哪一天)(之|以)?前|\bby when\b|\bdeadline\b/i;
/**
 * A time stated as a deadline: a day or a month before which something is due ("7月20日前", "每年3月底前",
 * "年底之前"), a span within which ("30日内"), or a cut-off ("截止到2009年"); not the year a plan is for ("2007年度").
 */
const DEADLINE_STATED = new RegExp(
  `(\\d{1,2}|[一二三四五六七八九十]{1,3})\\s*(月|日|号)(底|末|中旬|上旬|下旬)?(之|以)?前|(年底|年末|月底|月末|年中|上半年|下半年|春节|节前)(之|以)?前|(截止|截至)(到|于|日期)?[为是：:]?\\s*(\\d|[一二三四五六七八九十]|今年|本年|年底|月底)|(${lengthIn("工作日|天|小时|周|个月")}|${DAYS_BY_DATE})(之|以)?内|前完成`,
);

/** `answeredBy` without narrowing to a person the question names. */
function answerTest(question: string, type: AnswerType, known?: (term: string) => boolean): (text: string) => boolean {
  if (type === "reason" && changeWhyAsked(question)) return (text) => SUPPLIES.reason.test(text) && CHANGE_STATED.test(text);
  if (type === "reason" && causeOfScopeAsked(question)) return (text) => CAUSE_OR_PURPOSE.test(text);
  if (type === "year" && PLANNED_YEAR_ASKED.test(question)) return (text) => PLANNED_YEAR_STATED.test(text.replace(/\s+/g, ""));
  const titled = type === "docNumber" ? TITLE.exec(question)?.[1] : undefined;
  if (titled) return (text) => numberOfTitle(text.replace(/\s+/g, ""), titled);
  if ((type === "year" || type === "date") && YEAR_MONTH_ASKED.test(question)) return (text) => YEAR_MONTH_STATED.test(text.replace(/\s+/g, ""));
  if (type === "time" && CLOCK_ASKED.test(question)) return (text) => CLOCK_STATED.test(text.replace(/\s+/g, ""));
  if ((type === "time" || type === "date") && DEADLINE_ASKED.test(question)) return (text) => DEADLINE_STATED.test(text.replace(/\s+/g, ""));
  if (type === "money" && THRESHOLD_ASKED.test(question)) return (text) => THRESHOLD_STATED.test(text);
  const perUnit = type === "money" ? pricePerAsked(question) : undefined;
  if (perUnit) return (text) => perUnit.test(text);
  const named = type === "money" ? moneyNamed(question) : undefined;
  if (named) return (text) => statesNamedAmount(text, named);
  const rate = type === "rate" ? rateNamed(question, known) : undefined;
  if (rate) return (text) => someSentence(text, (sentence) => rate.test(sentence.replace(/\s+/g, "")) && SUPPLIES.rate.test(sentence));
  if (type === "person") return personAnswer(question);
  if (type === "school") return schoolNamed;
  if (type === "place") return placeAnswer(question);
  if (type === "steps") return (text) => SUPPLIES.steps.test(text.replace(/\s+/g, "")) || stepsListed(text);
  const unit = type === "duration" ? durationIn(question) : undefined;
  if (unit) return (text) => unit.test(text);
  const family = type === "measure" ? measureFamily(question) : undefined;
  if (family) return (text) => family.test(text);
  return (text) => suppliesAnswer(text, type);
}

/**
 * The rate a rate question names ("抽检合格率是多少" → 合格率, "完成率多少" → 完成率), as a test for
 * a sentence: a passage giving other rates ("所占比例不足50%") does not give this one. A rate the
 * question names as a longer word ("抽检合格率") is also found by its last three characters.
 * Undefined when the question names none ("占多少比例", "百分之几"), or only rates the documents never write
 * (`known`): "专业证通过率有多少" names in everyday words the rate they call 取证率, which any rate then answers.
 */
export function rateNamed(question: string, known?: (term: string) => boolean): RegExp | undefined {
  const names = jiebaCut(question)
    .filter((word) => /^[\u4e00-\u9fa5]+率$/.test(word) && word.length >= 2)
    .map((name) => (name.length > 3 ? name.slice(-3) : name))
    .filter((name) => !known || known(name));
  if (names.length === 0) return undefined;
  return new RegExp([...new Set(names)].join("|"));
}

/** Whether one sentence of a text both names the sum (`moneyNamed`) and states an amount. */
export function statesNamedAmount(text: string, named: RegExp): boolean {
  return someSentence(text, (sentence) => named.test(sentence) && SUPPLIES.money.test(sentence));
}

/** Counting units (classifiers) and the money units a count question can ask in ("多少条", "几家", "多少万元"). */
const UNITS = "个|家|条|件|起|名|人|户|次|分|项|所|批|篇|则|场|位|座|台|份|万元|元|亩|吨|辆|处|期";
/** Units that count the same things: people are counted in 人, 名 or 位 ("多少人" → "208名干部"). */
const PEOPLE = ["人", "名", "位"];
/** Cases are counted in 件 or 起 ("多少起乱收费的案子" → "价格违法案件18件"). */
const CASES = ["件", "起"];
/** Pieces of writing are counted in 篇 or 则 ("多少篇日记" → "撰写了6万则"). */
const WRITINGS = ["篇", "则"];
const SAME_UNIT: Record<string, string[]> = { 人: PEOPLE, 名: PEOPLE, 位: PEOPLE, 件: CASES, 起: CASES, 篇: WRITINGS, 则: WRITINGS };
/** "几个人", "多少个人": people, counted in 个 here, but 人, 名 or 位 in the documents ("配了一名工作人员"). */
const ASKED_UNIT = new RegExp(`(?:多少|几)(${UNITS})((?<=个)人(?![民大家]))?`, "g");

/**
 * A number the document withholds: 000's reports print "*" in its place ("据对*份问卷调查数据",
 * "全市共有各级各类学校（幼儿园）*所"). With `masked`, `countedIn` tests for such a count instead.
 */
const MASKED = "[*＊]";
/** A count's number in digits or Chinese numerals; after it, a magnitude and "多" or "余" ("6万则", "360余人次"). */
const COUNT_NUMBER = "\\d[\\d.,]*|[一二三四五六七八九十百千两]+";
const COUNT_TAIL = "[万亿]?[多余]?";
/** A count's number with its tail ("6万", "360余"). */
const COUNT = `(?:${COUNT_NUMBER})${COUNT_TAIL}`;

/**
 * The units a question counts in ("发布了多少条信息" → 条; "几家企业、多少个项目" → 家, 个),
 * as a test for a passage that states a number in one of them ("21条",
 * "六十一家"); undefined when the question counts nothing.
 */
export function countedIn(question: string, masked = false): RegExp | undefined {
  const units = [...new Set([...question.matchAll(ASKED_UNIT)].flatMap((m) => (m[2] ? PEOPLE : (SAME_UNIT[m[1]!] ?? [m[1]!]))))];
  if (units.length === 0) return undefined;
  return new RegExp(`(?:${masked ? MASKED : COUNT_NUMBER})${COUNT_TAIL}(?:${units.join("|")})`);
}

/**
 * Events are held in 场, 次 or 期 ("几场现场活动" → "开展质量月活动4次"); schools and firms are counted in 家 or 所
 * ("多少家" → "40所…创建单位"); notes and messages in 条 or 则 ("多少条民情日志" → "撰写了6万则").
 */
const EVENTS = ["场", "次", "期"];
const INSTITUTIONS = ["家", "所"];
const COUNTED_ALIKE: Record<string, string[]> = { 场: EVENTS, 次: EVENTS, 期: EVENTS, 家: INSTITUTIONS, 所: INSTITUTIONS, 条: ["则"], 则: ["条"] };

/** How many people live somewhere ("万全县的总人口有多少", "有多少人口"). */
const POPULATION_ASKED = /人口(总数|数量|规模)?(一共|总共|大概|大约)?(有|是|为|达到?)?(多少|几)|(多少|几)万?(常住|户籍)?人口/;
/** A population stated: a number of people next to 人口 ("总人口32万人", "人口达4.5万", "8万人口"). */
const POPULATION_STATED = new RegExp(`人口[^，。；;]{0,6}?${COUNT}|${COUNT}(?:常住|户籍)?人口`);

/**
 * Whether a text gives, in any form, the count a question asks for: a number
 * in the unit asked or one that counts alike (`COUNTED_ALIKE`), or a number of
 * the thing counted (`countedThingIn`). Undefined when the question counts
 * nothing. Looser than `countedIn`, which ranks: this judges whether an
 * article gives the count at all. `known`: whether the documents write a word;
 * a count in 个 of a word they write must count that thing.
 */
export function countGiven(question: string, known?: (word: string) => boolean): RegExp | undefined {
  if (POPULATION_ASKED.test(question)) return POPULATION_STATED;
  const people = peopleCountedIn(question);
  if (people) return people;
  const outcome = outcomeCountedIn(question);
  if (outcome) return outcome;
  const asked = [...question.matchAll(ASKED_UNIT)];
  if (asked.length === 0) return undefined;
  const units = [...new Set(asked.flatMap((m) => (m[2] ? PEOPLE : [...(SAME_UNIT[m[1]!] ?? [m[1]!]), ...(COUNTED_ALIKE[m[1]!] ?? [])])))];
  if (PEOPLE_BEFORE.test(question)) units.push(...PEOPLE.filter((u) => !units.includes(u)));
  const thing = countedThingIn(question);
  // 个 counts anything ("100多个干部"): "多少个行政村" wants a number of the thing, in 个 next to what it
  // is ("7个村", "村级供水设施1500个"), or the things listed as numbered items ("（一）部署发动阶段").
  // Only for a word the documents write ("区来" is not), not for what something is of ("写稿的人"), and not
  // for "哪几个步骤", which asks what they are.
  const counted = wordCounted(question);
  if (thing && counted && counted.next !== "的" && known?.(counted.word) && units.every((u) => u === "个") && !/哪几/.test(question)) {
    const head = counted.word.slice(-1);
    return new RegExp(`${thing.source}|${COUNT}个[^，。；;]{0,6}?${head}|${head}[^，。；;]{0,8}?${COUNT}个|[（(][一二三四五六七八九十\\d]+[）)][^。；;（(]{0,12}${counted.word}`);
  }
  return new RegExp(`${COUNT}(?:${units.join("|")})${thing ? `|${thing.source}` : ""}`);
}

/**
 * The Chinese word right after a count question's first asking unit ("多少家农家店" cuts as 农家, 店;
 * "多少个行政村" → 行政村), with that unit, whether it asks people ("几个人"), and the word after it
 * ("写稿的人" → 的); undefined when the question counts nothing or no word of two characters follows.
 */
function wordCounted(question: string): { unit: string; people: boolean; word: string; next: string | undefined } | undefined {
  const asked = new RegExp(ASKED_UNIT.source).exec(question);
  if (!asked) return undefined;
  const [word, next] = jiebaCut(question.slice(asked.index + asked[0].length));
  return word && /^[\u4e00-\u9fa5]{2,}$/.test(word) ? { unit: asked[1]!, people: asked[2] !== undefined, word, next } : undefined;
}

/** What people are called when they are counted ("多少名专家", "几个工作人员", "多少机关干部"); the longer name first. */
const PEOPLE_COUNTED = "工作人员|人员|专家|干部|老师|教师|学生|同学|医生|护士|志愿者|职工|员工|职员|工人|党员|代表|委员|成员|队员|组员|会员|学员|社员|骨干|人才|律师|警察|民警|辅警|护林员|督导员|管理员|协管员|网格员|讲解员|联络员|调解员|信息员|监督员";
/** Units that count things, not people: "多少件代表议案" counts motions, which 代表 only says whose. */
const THING_UNIT = UNITS.split("|").filter((unit) => !["个", ...PEOPLE].includes(unit)).join("|");
/**
 * "多少工作人员", "几个专家", "几名评审专家": a count of people named by what they are, with at most two characters
 * before the name ("机关干部", "评审专家"), not a count in a unit of things ("多少件代表议案").
 */
const PEOPLE_COUNT_ASKED = new RegExp(`(?:多少|几)(?:个|名|位)?(?!${THING_UNIT})([\u4e00-\u9fa5]{0,2}?(${PEOPLE_COUNTED}))(?!小组|组|队|会|库|团|班|证|的比例|占)(?![\u4e00-\u9fa5]{0,2}(说|认为|觉得|表示|选择|赞成|支持|反映|满意|希望))`);

/** People named before a count in 个 that names nothing after it ("养老护理人员还差多少个"): counted in 人, 名 or 位 too. */
const PEOPLE_BEFORE = new RegExp(`(${PEOPLE_COUNTED}|[\u4e00-\u9fa5]员)[^，。？?！!；;]{0,8}(?:多少|几)个(?=$|[？?，,。！!吗呢啊])`);

/**
 * A count of people named by what they are ("南皮县政府采购专家库现在一共有多少名专家",
 * "法制办有几个工作人员"), as a test for a text that states a number of them:
 * "5位评审专家", "机关干部208名", "三名专业技术过硬的教师" (what they are like may stand
 * between). Any "N人" or "N名" of other people does not give it.
 * Not a share of those asked in a survey ("多少干部说效果好", answered in per cent).
 */
export function peopleCountedIn(question: string): RegExp | undefined {
  const asked = PEOPLE_COUNT_ASKED.exec(question);
  if (!asked) return undefined;
  return countOf(asked[2]!, { unitBefore: "required", gapBefore: 8, gapAfter: 6, unitsBefore: "名|人|位|个", unitsAfter: "名|人|位" });
}

/** Outcomes a count can be of ("有几家获奖", "几个项目没通过"), and the words a text states them in. */
const OUTCOMES: Array<[RegExp, string]> = [
  [/获奖|得奖|拿奖/, "获奖|得奖|获得|荣获|获评|被评为"],
  [/没通过|未通过|没有通过|没能通过/, "未通过|没通过|没有通过|不合格|未达标|被否决|被淘汰"],
  [/不合格|没达标|未达标|不达标/, "不合格|未达标|不达标|没达标|未通过"],
  [/中标/, "中标"],
];
const OUTCOME_COUNT_ASKED = new RegExp(`(?:多少|几)(?:个|家|条|件|名|人|户|项|所|批|位|座|台|份|处)?[\\u4e00-\\u9fa5]{0,3}?(${OUTCOMES.map(([asked]) => asked.source).join("|")})`);

/**
 * A count of those with an outcome ("推荐的4家企业最后有几家获奖", "有几个项目没通过"),
 * as a test for a text that states a number of them: a number, then within a
 * few characters the outcome ("3家企业荣获市长质量奖"), or the outcome, then a
 * number ("不合格的2项"). The number of those put forward ("推荐4家企业") does not give it.
 */
export function outcomeCountedIn(question: string): RegExp | undefined {
  const asked = OUTCOME_COUNT_ASKED.exec(question)?.[1];
  if (!asked) return undefined;
  const stated = OUTCOMES.find(([re]) => re.test(asked))![1];
  return new RegExp(`${COUNT}(?:${UNITS})[\\u4e00-\\u9fa5]{0,8}?(?:${stated})|(?:${stated})[^。；;]{0,8}?${COUNT}(?:${UNITS})`);
}

/**
 * A count question's counting unit and what it counts ("多少家农家店" → 家,
 * 农家), as a test for a passage that states a number of that thing in any
 * unit: "新建消费品农家店2450个" answers "多少家农家店", where `countedIn` looks
 * for "N家" only. Undefined when the question counts nothing or names nothing
 * after the unit, or counts times, points or money.
 */
export function countedThingIn(question: string): RegExp | undefined {
  const counted = wordCounted(question);
  // Times, points and money count no thing: what follows "多少次" is what was done ("多少次政府采购").
  // Nor do people asked as "几个人": they are counted in 人, 名 or 位 (`countedIn`).
  if (!counted || /^(次|分|万元|元)$/.test(counted.unit) || counted.people) return undefined;
  // A few characters may stand between the word and the number.
  return countOf(counted.word, { unitBefore: "required", gapAfter: 3 });
}

/**
 * A number of what `named` matches, stated before it ("61家企业", its unit
 * `unitBefore`, one of `unitsBefore`, at most `gapBefore` characters, 4 by default,
 * before the name) or after it in one of `unitsAfter`, at most `gapAfter`
 * characters on ("检查中小学校64所"); any counting unit by default.
 */
function countOf(
  named: string,
  { unitBefore, gapBefore = 4, gapAfter, unitsBefore = UNITS, unitsAfter = UNITS }: { unitBefore: "required" | "optional"; gapBefore?: number; gapAfter: number; unitsBefore?: string; unitsAfter?: string },
): RegExp {
  const unit = `(?:${unitsBefore})${unitBefore === "optional" ? "?" : ""}`;
  return new RegExp(`${COUNT}${unit}[\u4e00-\u9fa5]{0,${gapBefore}}?${named}|${named}[\u4e00-\u9fa5]{0,${gapAfter}}?${COUNT}(?:${unitsAfter})`);
}

/** "how many" and what an English question counts, up to the verb or preposition after it ("how many enterprises and projects did …"). */
const ENGLISH_COUNT = /\bhow many\s+((?:(?!(?:did|do|does|were|was|are|is|have|has|had|will|would|can|could|should|must|in|of|at|for|by|to|from|on|with|under|per|that|which|who)\b)[a-z-]+\s*){1,4})/i;

/**
 * What an English "how many" question counts, as a test for a passage that
 * states a number of it ("how many enterprises and projects" → "61家企业61个项目",
 * "how many schools" → "检查中小学校64所"): a number, its counting unit if any,
 * then within a few characters one of the Chinese terms the glossary gives
 * for the counted words, or such a term followed by a number in a unit. Undefined for
 * other questions, or when the glossary knows none of the words.
 */
export function englishCountedIn(question: string): RegExp | undefined {
  const counted = ENGLISH_COUNT.exec(question)?.[1];
  if (!counted) return undefined;
  const terms = [...new Set(translateEnglishGroups(counted).flat())].filter((t) => /^[\u3400-\u9fff]+$/.test(t) && t !== "多少");
  if (terms.length === 0) return undefined;
  // Before what it counts ("61家企业", "61 enterprises" may be said without a unit) or after it, in its unit.
  return countOf(`(?:${terms.join("|")})`, { unitBefore: "optional", gapAfter: 4 });
}

/**
 * The figure a question asks for as a document states it and as it withholds
 * it: a count in the asked unit (`countedIn`), a percentage ("满意度达*.*%"),
 * or who holds a post ("副主席*"); undefined for other questions. `counted`:
 * the question's `countedIn`, when the caller has it already.
 */
export function askedFigure(
  question: string,
  type: AnswerType | undefined,
  counted: RegExp | undefined = countedIn(question),
): { stated: RegExp; masked: RegExp; kind: AnswerType | "count" } | undefined {
  if (counted) return { stated: counted, masked: countedIn(question, true)!, kind: "count" };
  if (type === "rate") return { stated: /\d[\d,.]*\s*[%％]/, masked: new RegExp(`${MASKED}([.．]${MASKED}+)?\\s*[%％]`), kind: "rate" };
  // An amount with digits printed as "*" ("计划总投资1*.93亿元").
  if (type === "money") return { stated: SUPPLIES.money, masked: new RegExp(`(\\d[\\d.,]*)?${MASKED}[\\d.,*＊]*\\s*(多)?(万|亿)?元`), kind: "money" };
  // A holder's name printed as "*" after the post ("由市政协副主席*带队").
  const post = type === "person" ? holderNamed(question) : undefined;
  if (post) return { stated: post, masked: new RegExp(`(${post.source})${MASKED}`), kind: "person" };
  // Who led, printed as "*" before 带队 ("由市政协副主席*带队").
  if (type === "person" && LEADER_ASKED.test(question)) return { stated: LEADER_NAMED, masked: new RegExp(`${MASKED}(${LEADS})`), kind: "person" };
  return undefined;
}

/**
 * Whether the figure a question asks for (`askedFigure`) is withheld: the
 * first of `texts` (best first) that states one next to a word of the
 * question (`countStatedNear`) states it as "*".
 */
export function figureWithheld(texts: readonly string[], figure: { stated: RegExp; masked: RegExp }, words: readonly string[], chars: number): boolean {
  for (const text of texts) {
    if (countStatedNear(text, figure.masked, words, chars)) return true;
    if (countStatedNear(text, figure.stated, words, chars)) return false;
  }
  return false;
}

/**
 * Whether a text states a number in the counted unit (`countedIn`) with one
 * of `words` within `chars` characters of it: "对全县15家加油站" for
 * "检查了多少家加油站", where "13家工程监理单位" counts something else.
 */
export function countStatedNear(text: string, counted: RegExp, words: readonly string[], chars: number): boolean {
  if (words.length === 0) return false;
  const flat = text.replace(/\s+/g, "");
  for (const m of flat.matchAll(new RegExp(counted.source, "g"))) {
    const around = flat.slice(Math.max(0, m.index - chars), m.index + m[0].length + chars);
    if (words.some((w) => around.includes(w))) return true;
  }
  return false;
}

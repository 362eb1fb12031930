/**
 * The kind of answer a question asks for, and whether a sentence states that kind of fact.
 * The one place that reads "what is asked": retrieval boosts, answer plans and the scope
 * decision all receive these kinds instead of matching the question text themselves.
 */
export type Kind = "who" | "amount" | "time" | "place" | "condition" | "procedure" | "list" | "summary" | "yesno" | "compare";

/** Kinds answered by a sentence stating one fact (a unit, a figure, a date, an office). */
export const FACT_KINDS: readonly Kind[] = ["who", "amount", "time", "place"];

/** What money the gazettes give residents is named by these words; asking "what …" of them asks for an amount or a list. */
const BENEFIT = "(?:补贴|补助|奖励|奖补|扶持|优惠|资助|待遇|救助|补偿|贴息|减免)";

/** How each kind is asked. Cues are ways of asking, never topics: `maskCues` removes them from the topic. */
const ASKED: Record<Kind, RegExp> = {
  who: /哪个单位|哪个部门|哪些单位|哪些部门|哪家单位|什么单位|什么部门|谁负责|由谁|谁来|谁管|归谁|找谁|哪个局|牵头单位|负责单位|责任单位|配合单位|牵头部门|主管部门|谁牵头|谁配合|哪些部门配合/u,
  amount: new RegExp(`多少|(?<!哪)几(?:个|家|项|条|名|天|年|岁|万|元|块|成|倍)|金额|标准是|多大|多高|多长|比例|额度|(?:什么|哪些|啥|有)${BENEFIT}|${BENEFIT}(?:标准|多少|是多少)`, "u"),
  time: /什么时候|何时|哪天|期限|截止|几月|哪一年|什么时间|日期|啥时候|时限|施行|生效|完成时间|几号|多久|多长时间|几天内|什么时候起|几点|营业时间|开放时间|上班时间|办公时间/u,
  place: /在哪|去哪|哪里|哪儿|什么地方|地址|窗口|到哪|电话|热线|联系方式/u,
  condition: /条件|资格|符合|什么人|哪些人|谁可以|谁能|够不够|门槛|要求是什么|需要具备/u,
  procedure: /怎么申请|如何申请|怎么办|如何办|怎么弄|怎么操作|流程|程序|手续|步骤|材料|需要什么|办理|怎样申请|咋办|怎么报|如何报/u,
  list: /有哪些|有哪几|哪些|哪几|包括什么|包括哪|都有什么|有什么|几项|分别是|列举|都有啥|有啥/u,
  summary: /讲了什么|说了什么|主要内容|是什么文件|讲的什么|讲什么|讲的是|说的是|介绍一下|概括|内容是什么|要点|讲了啥|说的啥|讲了哪些|是关于什么|什么内容/u,
  yesno: /能不能|可不可以|可以吗|能吗|是不是|算不算|有没有|会不会|行不行|允许|让不让|给不给|管不管|吗[？?]?$/u,
  compare: /相比|比较|区别|不同|变化|对比|分别|和.{1,12}比/u,
};

/** How a sentence states each kind (a sentence stating the kind asked is the better answer). */
const STATED: Record<Kind, RegExp> = {
  who: /责任单位|牵头|负责|主管部门|配合|责任部门|承办|\t/u,
  amount: /\d[\d.]*\s*(?:万|亿)?(?:元|%|人|个|家|户|天|公里|亩|所|座|辆|次|项|名|倍|小时|分钟|岁|年|米|吨|千瓦)|[一二三四五六七八九十百千万两]+(?:万|亿)?(?:元|人|个|家|项|名|倍|年)/u,
  time: /\d{4}\s*年|\d+\s*月|年底|月底|前完成|之前|施行|起|期限|\d+\s*日|工作日|以内|之内/u,
  place: /窗口|中心|大厅|地点|设在|服务站|办事处|网站|平台|热线|\d{5,}/u,
  condition: /条件|应当|具备|符合|须|必须|不得|要求|年满|对象|范围|资格|凡/u,
  procedure: /申请|提交|审核|审批|办理|受理|程序|流程|材料|公示|申报|登记|备案/u,
  list: /[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.．、]/u,
  summary: /为|根据|制定|印发|现将|通知如下|决定|意见如下/u,
  yesno: /可以|允许|不得|禁止|应当|鼓励|支持|享受|纳入|免费|不予/u,
  compare: /\d{4}\s*年|同比|比上年|增长|下降/u,
};

const ORDER: readonly Kind[] = ["summary", "who", "amount", "time", "place", "condition", "procedure", "list", "yesno", "compare"];

/** The kinds a question asks, in a fixed order. A question matching no cue asks for facts about its topic. */
export function kindsAsked(text: string): Kind[] {
  const kinds = ORDER.filter((k) => ASKED[k].test(text));
  // "哪些单位" asks who, not for a list; "有什么补贴" asks an amount as much as a list.
  return kinds.includes("who") ? kinds.filter((k) => k !== "list") : kinds;
}

export function statesKind(sentence: string, kind: Kind): boolean {
  return STATED[kind].test(sentence);
}

/** The question without its ways of asking: what is left names the topic. */
export function maskCues(text: string): string {
  let out = text;
  for (const k of ORDER) out = out.replace(new RegExp(ASKED[k].source, "gu"), " ");
  return out.replace(/\s+/g, " ").trim();
}

/**
 * The precise figure a question demands. A question asking for a number or a date is answered
 * only by a sentence that states one; one asking for money, a maximum or a minimum, only by a
 * sentence stating that kind of figure (a 年发放…不少于5000万元 target does not say how much one
 * person may borrow).
 */
export type Figure = "number" | "date" | "money" | "maximum" | "minimum" | "contact" | "clock";

const FIGURE_ASKED: Record<Figure, RegExp> = {
  number: /多少|(?<!哪)几(?:个|家|项|名|天|年)|金额|多大|多高|多长|多远/u,
  date: /什么时候|何时|哪天|几月|哪一年|什么时间|啥时候/u,
  money: /多少钱|多少元|几块钱|几元|金额|(?:补贴|补助|奖励|奖补|资助|赔付?|贷|工资|收入|资金|经费)[^，。？?]{0,6}多少|多少[^，。？?]{0,4}(?:补贴|补助|奖励|奖补|资助|资金|经费)/u,
  maximum: /最多|最高|上限|封顶|最长/u,
  minimum: /至少|最少|起码/u,
  // A phone number or a web address is a figure too: a sentence naming the office does not give it.
  contact: /电话|热线|联系方式|手机号|邮箱|网址|网站是|公众号/u,
  clock: /几点|几时(?:开|关|上班|下班)|营业时间|开放时间|上班时间|办公时间|作息时间/u,
};

const FIGURE_STATED: Record<Figure, RegExp> = {
  number: STATED.amount,
  date: STATED.time,
  // 3800万, 2.4个亿, 总投资10%予以补助: sums are often written without 元.
  money: /\d\s*(?:万|亿)?元|[一二三四五六七八九十百千万两]\s*(?:万|亿)?元|\d\s*个?(?:万|亿)(?![人户名个家亩吨辆平方公里座所项次])|\d\s*%/u,
  maximum: /不超过|不得超过|不高于|不多于|最多|最高|上限|封顶|最长|以内|以下|(?:时间|期限|日|天|月|年|小时|分钟|之)内/u,
  minimum: /不少于|不低于|至少|最少|最低|以上|起码/u,
  contact: /\d{3,4}\s*[-－—]\s*\d{7,8}|(?<!\d)\d{5,8}(?![\d.万亿元年月日号人户个%])|@|www\.|https?:/u,
  clock: /\d{1,2}\s*[:：]\s*\d{2}|\d{1,2}\s*[时点](?:\s*\d{1,2}\s*分|半|整)?\s*(?:至|到|—|-|前|后|以前|以后)/u,
};

export function figuresAsked(text: string): Figure[] {
  return (Object.keys(FIGURE_ASKED) as Figure[]).filter((f) => FIGURE_ASKED[f].test(text));
}

/** A number or a date asked is met by either; money, a maximum, a minimum, a contact or a clock time asked must each be stated. */
export function statesFigures(sentence: string, figures: Figure[]): boolean {
  const loose = figures.filter((f) => f === "number" || f === "date");
  const strict = figures.filter((f) => f !== "number" && f !== "date");
  return (loose.length === 0 || loose.some((f) => FIGURE_STATED[f].test(sentence))) && strict.every((f) => FIGURE_STATED[f].test(sentence));
}

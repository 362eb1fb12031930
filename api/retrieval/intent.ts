/** What kind of fact a question asks for, and whether a sentence states that kind of fact. */
export type Intent = "unit" | "amount" | "time" | "condition" | "summary";

const ASKS: [Intent, RegExp][] = [
  ["unit", /哪个单位|哪个部门|哪些单位|哪些部门|谁负责|由谁|谁来|牵头|负责单位|责任单位|哪家|主管|归谁管|找谁|哪个局/u],
  ["amount", /多少|(?<!哪)几(?:个|家|项|条)|金额|标准是|补贴|补助|奖励|资助|比例|多大|多高|多长|目标|达到/u],
  ["time", /什么时候|何时|哪天|期限|截止|多久|几月|哪一年|什么时间|日期|施行|生效|时限|之前|年底/u],
  ["condition", /条件|资格|要求|怎么申请|如何申请|材料|需要什么|程序|流程|怎么办|如何办|怎么做|手续|申报/u],
  ["summary", /讲了什么|说了什么|主要内容|是什么文件|讲的什么|讲什么|介绍一下|概括/u],
];

const STATES: Record<Intent, RegExp> = {
  unit: /责任单位|牵头|负责|主管部门|配合|责任部门|承办|\t/u,
  amount: /\d[\d.]*\s*(?:万|亿|元|%|人|个|家|户|天|公里|亩|所|座|辆|次|项|名|倍|小时|分钟)|[一二三四五六七八九十百千万]+(?:元|人|个|家|项|名)/u,
  time: /\d{4}\s*年|\d+\s*月|年底|月底|前完成|之前|施行|起|期限|\d+\s*日/u,
  condition: /条件|应当|具备|符合|提交|申请|材料|程序|须|必须|不得|要求/u,
  summary: /为|根据|制定|印发|现将|通知如下|决定/u,
};

export function questionIntents(question: string): Intent[] {
  return ASKS.filter(([, re]) => re.test(question)).map(([i]) => i);
}

export function statesIntent(sentence: string, intent: Intent): boolean {
  return STATES[intent].test(sentence);
}

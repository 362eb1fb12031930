/** The example questions of the first screen, one per kind of user; test/answers.integration.test.ts asks each end to end. */
export const EXAMPLES = [
  { who: "居民", question: "返乡创业有什么补贴？" },
  { who: "机关工作人员", question: "2024年城市公交优先发展由哪个单位牵头？" },
  { who: "研究人员", question: "2020年第3号公报收录了哪些领导讲话？" },
] as const;

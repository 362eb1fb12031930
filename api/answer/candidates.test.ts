import { describe, expect, it } from "vitest";
import { focusClauses } from "./candidates.ts";
import { splitSentences } from "./sentences.ts";

// 三政办〔2020〕6号, 2020年第3号 (the first of the 重点民生实事).
const PASSAGE = "深入实施就业优先政策，开发公益性岗位安置就业特困人员，确保全市新增城镇就业3.8万人。（主要责任单位：市人力资源社会保障局；相关责任单位：市发展改革委、教育局）";

describe("focusClauses", () => {
  const [sentence] = splitSentences(PASSAGE);

  it("narrows a sentence already quoted to the clause stating what a follow-up asks", () => {
    const who = focusClauses(sentence!, ["who"]);
    expect(who?.text).toBe("（主要责任单位：市人力资源社会保障局；相关责任单位：市发展改革委、教育局）");
    expect(PASSAGE.slice(who!.start, who!.start + who!.text.length)).toBe(who!.text);
    expect(focusClauses(sentence!, ["amount"])?.text).toBe("确保全市新增城镇就业3.8万人。");
  });

  it("keeps the sentence whole when no clause, or every clause, states the kind", () => {
    expect(focusClauses(sentence!, ["place"])).toBeNull();
    expect(focusClauses({ text: "补贴300元。", start: 0, row: false }, ["amount"])).toBeNull();
  });
});

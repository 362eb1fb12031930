import { describe, expect, it } from "vitest";
import { expandQuery, termGroups } from "./lexicon.ts";

function phrases(question: string): string[] {
  return expandQuery(question).map((e) => e.phrase);
}

describe("expandQuery", () => {
  it("maps a resident's words to the official terms of their group", () => {
    const found = expandQuery("我想找工作，去哪里问？");
    const job = found.find((e) => e.phrase === "找工作");
    expect(job?.terms).toContain("就业");
  });

  it("lets the longer phrase win over the shorter phrase it contains", () => {
    expect(phrases("大学生找工作有什么政策")).toContain("大学生找工作");
    expect(phrases("大学生找工作有什么政策")).not.toContain("找工作");
  });

  it("finds phrases anywhere, including the last characters and repeated ones", () => {
    expect(phrases("政策是什么，开店")).toContain("开店");
    expect(expandQuery("开店开店").filter((e) => e.phrase === "开店")).toHaveLength(1);
  });

  it("finds every colloquial phrase of the lexicon when asked on its own", () => {
    const missed = termGroups().flatMap((g) => g.colloquial).filter((p) => !expandQuery(p).some((e) => e.phrase === p || e.phrase.includes(p)));
    expect(missed).toEqual([]);
  });

  it("finds a phrase of three or more characters the question splits with a few words, within one clause", () => {
    expect(phrases("孩子学校一年搞几次演练？")).toContain("一年几次");
    expect(phrases("一年里，搞了几次")).not.toContain("一年几次");
    expect(phrases("一年来我们多方努力搞了好几次")).not.toContain("一年几次");
  });

  it("never splits a two-character phrase (部门牵头 is no 门头)", () => {
    expect(phrases("由哪两个部门牵头？")).not.toContain("门头");
  });

  it("tells a topic (公积金) from a way of asking (补多少钱), and marks gapped matches", () => {
    const found = expandQuery("公积金贷款买房政府补多少钱？一年搞几次？");
    expect(found.find((e) => e.phrase === "公积金")).toMatchObject({ topic: true, gapped: false });
    expect(found.find((e) => e.phrase === "补多少钱")).toMatchObject({ topic: false, gapped: false });
    expect(found.find((e) => e.phrase === "一年几次")).toMatchObject({ topic: false, gapped: true });
  });

  it("returns nothing for text without lexicon phrases", () => {
    expect(expandQuery("")).toEqual([]);
    expect(expandQuery("ABC123")).toEqual([]);
  });
});

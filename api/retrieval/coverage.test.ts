/**
 * Topic coverage on a real index of one issue (2012年第12号): a topic is uncovered only when its
 * phrase and official terms occur nowhere, and both ways of asking the run (text held in memory,
 * the full-text index of large runs) agree.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTempRun } from "../../test/helpers/temp-index.ts";
import type { TempRun } from "../../test/helpers/temp-index.ts";
import type { OpenRun } from "../index/live-index.ts";
import { TopicCoverage } from "./coverage.ts";
import { understand } from "../question/understand.ts";

describe("TopicCoverage", () => {
  let temp: TempRun;
  let run: OpenRun;

  beforeAll(async () => {
    temp = await openTempRun(["003_88ae00261bb208d1.txt"]);
    run = temp.run;
  }, 120_000);
  afterAll(() => temp?.close());

  const uncovered = (question: string, r: OpenRun = run) => new TopicCoverage().uncovered(r, understand(question, r.catalog));

  it("finds a run held in memory, and names topics it never mentions", async () => {
    expect(run.memory).not.toBeNull();
    expect(await uncovered("三门峡现在最低工资一个月多少钱？")).toEqual(["最低工资"]);
    expect(await uncovered("残疾人买电动轮椅，政府能补贴多少钱？")).toEqual(["轮椅"]);
  });

  it("counts a topic as covered through its official terms (吃低保 → 最低生活保障)", async () => {
    expect(await uncovered("吃低保的残疾人每月多领多少钱？")).toEqual([]);
  });

  it("keeps phrases that ask (创业能拿多少钱), gapped matches and ways of asking out of it", async () => {
    expect(await uncovered("创业能拿多少钱？")).toEqual([]);
    expect(await uncovered("这个事归谁管？")).toEqual([]);
  });

  it("lets a covered phrase written next to an uncovered one stand for both (轮椅假肢)", async () => {
    // This issue mentions 假肢 but never 轮椅 nor its official terms (辅助器具…).
    expect(await uncovered("残疾人坐轮椅出门有补贴吗？")).toEqual(["轮椅"]);
    expect(await uncovered("残疾人装轮椅假肢有补贴吗？")).toEqual([]);
  });

  it("gives the same answers through the full-text index", async () => {
    const indexed: OpenRun = { ...run, memory: null };
    for (const q of ["三门峡现在最低工资一个月多少钱？", "残疾人买电动轮椅，政府能补贴多少钱？", "吃低保的残疾人每月多领多少钱？", "当兵退伍回来，政府怎么安置？"]) {
      expect(await uncovered(q, indexed)).toEqual(await uncovered(q));
    }
  });
});

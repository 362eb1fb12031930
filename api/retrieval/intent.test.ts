import { describe, expect, it } from "vitest";
import { questionIntents, statesIntent } from "./intent.ts";

describe("questionIntents", () => {
  it("reads 几家/几个 as asking how many, but 哪几家 as asking which", () => {
    expect(questionIntents("全市有几家企业获奖？")).toContain("amount");
    expect(questionIntents("三政〔2020〕5号表彰了哪几家企业？")).not.toContain("amount");
  });

  it("tells units, times and conditions apart", () => {
    expect(questionIntents("由哪个单位牵头？")).toEqual(["unit"]);
    expect(questionIntents("什么时候施行？")).toEqual(["time"]);
    expect(questionIntents("申请条件是什么？")).toEqual(["condition"]);
  });
});

describe("statesIntent", () => {
  it("finds a stated figure or date", () => {
    expect(statesIntent("确保全市新增城镇就业3.8万人。", "amount")).toBe(true);
    expect(statesIntent("加强组织领导。", "amount")).toBe(false);
    expect(statesIntent("2021年3月底前完成。", "time")).toBe(true);
  });
});

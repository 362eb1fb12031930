import { describe, expect, it } from "vitest";
import { figuresAsked, kindsAsked, maskCues, statesFigures, statesKind } from "./kinds.ts";

describe("kindsAsked", () => {
  it("reads the kind of answer asked, in residents' words and in gazette wording", () => {
    expect(kindsAsked("公交优先由哪个单位牵头？")).toEqual(["who"]);
    expect(kindsAsked("开个小店有什么补贴？")).toContain("amount");
    expect(kindsAsked("什么时候完成？")).toEqual(["time"]);
    expect(kindsAsked("去哪里办？")).toContain("place");
    expect(kindsAsked("要什么条件才能申请？")).toContain("condition");
    expect(kindsAsked("流程是怎样的")).toContain("procedure");
    expect(kindsAsked("重点民生实事有哪些？")).toEqual(["list"]);
    expect(kindsAsked("三政办〔2020〕5号讲了什么？")).toEqual(["summary"]);
    expect(kindsAsked("老师能不能罚学生站着？")).toContain("yesno");
  });

  it("reads 哪些单位 as who, not as a list", () => {
    expect(kindsAsked("哪些部门配合？")).toEqual(["who"]);
  });

  it("finds no kind in a bare topic", () => {
    expect(kindsAsked("返乡创业示范园区")).toEqual([]);
  });
});

describe("statesKind", () => {
  it("tells a sentence stating a figure, a date or a unit from one that does not", () => {
    expect(statesKind("确保全市新增城镇就业3.8万人。", "amount")).toBe(true);
    expect(statesKind("深入实施就业优先政策。", "amount")).toBe(false);
    expect(statesKind("2021年3月底前完成。", "time")).toBe(true);
    expect(statesKind("（主要责任单位：市人力资源社会保障局）", "who")).toBe(true);
  });
});

describe("maskCues", () => {
  it("leaves the topic once the ways of asking are gone", () => {
    expect(maskCues("返乡创业有什么补贴？")).not.toContain("什么");
    expect(maskCues("返乡创业有什么补贴？")).toContain("返乡创业");
  });
});

describe("figuresAsked / statesFigures", () => {
  it("asks a phone number or a clock time as a figure only a sentence giving one answers", () => {
    expect(figuresAsked("返乡创业服务中心的电话是多少？")).toContain("contact");
    expect(figuresAsked("政务服务大厅几点下班？")).toContain("clock");
    expect(statesFigures("建立农民工返乡创业公共服务中心，为农民工返乡创业提供“一站式”服务。", ["contact"])).toBe(false);
    expect(statesFigures("开通12345政务服务便民热线。", ["contact"])).toBe(true);
    expect(statesFigures("首末班时间延长至22:00。", ["clock"])).toBe(true);
    expect(statesFigures("城市公交实行早晚高峰加密班次。", ["clock"])).toBe(false);
  });
});

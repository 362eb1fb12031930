import { describe, expect, it } from "vitest";
import type { Passage } from "../../core/model.ts";
import { itemsOf, mainParts, outline } from "./structure.ts";

const passage = (ordinal: number, heading: string, text: string): Passage => ({ id: `p${ordinal}`, documentId: "d", issueId: "i", ordinal, kind: "text", page: null, heading, text });

// 三政办〔2021〕9号, 示范县办法 第二章 (001 L467–496), the conditions cut to their first sentences.
const chapter = [
  passage(2, "办法 > 第二章 申报条件", "第二章 申报条件\n第四条 申报示范县应具备以下基本条件：\n(一) 推进农民工返乡创业工作的领导体制和工作机制健全，农民工返乡创业工作纳入政府目标考核内容。\n(二) 科学编制农民工返乡创业园区、创业项目发展规划和农民工返乡创业专项培训行动计划。"),
  passage(3, "办法 > 第二章 申报条件", "(三) 推进农民工返乡创业的政策体系完善、创业环境优良，农民工返乡创（领）办项目享受与其他招商项目同等待遇。\n第五条 申报示范县需提交以下材料：\n- (一) 申报请示。"),
];

describe("outline", () => {
  it("builds sections from heading paths and finds the level that splits the document into parts", () => {
    const root = outline([passage(0, "", "各县（市、区）人民政府："), passage(1, "方案 > 一、总体要求", "一、总体要求\n……。"), passage(2, "方案 > 二、主要任务 > （一）甲", "二、主要任务\n（一）甲。")]);
    expect(mainParts(root).map((s) => s.name)).toEqual(["一、总体要求", "二、主要任务"]);
    expect(mainParts(root)[1]!.children.map((s) => s.name)).toEqual(["（一）甲"]);
  });

  it("ignores a heading the splitter cut short: it continues a section, it is not one", () => {
    const root = outline([passage(0, "方案 > 七、住房 > 2.加快实施旧城改造，完成…", "公园路两侧改造工作。")]);
    expect(root.children[0]!.children[0]!.children).toEqual([]);
  });
});

describe("itemsOf", () => {
  it("lists the items themselves, not the articles that only announce them", () => {
    const root = outline(chapter);
    const items = itemsOf(root.children[0]!.children[0]!);
    expect(items.map((i) => i.quote.slice(0, 3))).toEqual(["(一)", "(二)", "(三)"]);
    expect(items[0]!.quote).toBe("(一) 推进农民工返乡创业工作的领导体制和工作机制健全，农民工返乡创业工作纳入政府目标考核内容。");
    // …each under the article that announces it.
    expect(items.map((i) => i.group)).toEqual(Array(3).fill("第四条 申报示范县应具备以下基本条件："));
  });

  it("keeps to the outer level when its items state things", () => {
    const root = outline([passage(1, "方案 > 三、畅通群众出行", "三、畅通群众出行\n1.打通茅津中路等6条市区断头路。\n2.开展“万村通客车提质”工程。"), passage(2, "方案 > 四、推进教育", "四、推进教育\n1.新增学位1278个。")]);
    expect(itemsOf(root.children[0]!).map((i) => i.quote)).toEqual(["三、畅通群众出行", "四、推进教育"]);
  });
});

import { describe, expect, it } from "vitest";
import type { GazetteDocument, Issue } from "../../core/model.ts";
import { Catalog } from "../index/catalog.ts";
import { documentsNamed, isFollowUp, resolveQuestion } from "./conversation.ts";

describe("isFollowUp", () => {
  it("reads openers, pronouns and questions with nothing of their own to search for as following up", () => {
    expect(isFollowUp("那申请条件呢？")).toBe(true);
    expect(isFollowUp("要是他们说要延期，最多还能再拖多久？")).toBe(true);
    expect(isFollowUp("对方不签合同怎么办")).toBe(true);
    expect(isFollowUp("要什么条件才能申请？")).toBe(true);
    expect(isFollowUp("什么时候完成？")).toBe(true);
  });

  it("leaves a question that names its topic alone", () => {
    expect(isFollowUp("2020年重点民生实事要新增多少城镇就业？")).toBe(false);
    expect(isFollowUp("返乡创业示范县要具备哪些条件？")).toBe(false);
    expect(isFollowUp("三政办〔2019〕8号讲了什么？")).toBe(false);
    expect(isFollowUp("回老家开个小店有补贴吗？")).toBe(false);
  });
});

describe("resolveQuestion", () => {
  const talk = (...turns: string[]) => turns.map((content, i) => ({ role: i % 2 ? ("assistant" as const) : ("user" as const), content }));

  it("searches a follow-up with the topic of the question it follows, not that question's way of asking", () => {
    const r = resolveQuestion(talk("返乡创业有什么补贴？", "……", "要什么条件才能申请？"));
    expect(r.followUp).toBe(true);
    expect(r.standalone).toMatch(/^返乡创业.* 要什么条件才能申请\?$/u);
    expect(r.standalone).not.toContain("补贴");
    expect(r.previousAnswer).toBe("……");
  });

  it("follows the first question of a chain of follow-ups", () => {
    const r = resolveQuestion(talk("返乡创业有什么补贴？", "a", "要什么条件才能申请？", "b", "什么时候完成？"));
    expect(r.standalone).toMatch(/^返乡创业.* 什么时候完成\?$/u);
    expect(r.standalone).not.toContain("条件");
    expect(r.previousAnswer).toBe("b");
  });

  it("switches year when the follow-up names another", () => {
    const r = resolveQuestion(talk("2020年城镇新增就业目标是多少？", "……", "那2019年的呢？"));
    expect(r.standalone).not.toContain("2020");
    expect(r.standalone).toContain("2019");
  });

  it("keeps a first question as it is, even with a pronoun", () => {
    const r = resolveQuestion(talk("提交申请后他们最晚多少天要答复我？"));
    expect(r).toEqual({ question: "提交申请后他们最晚多少天要答复我?", standalone: "提交申请后他们最晚多少天要答复我?", followUp: false, previousAnswer: null, askedBefore: [] });
  });
});

describe("documentsNamed", () => {
  it("finds the documents an answer names by their titles", () => {
    const issue: Issue = { id: "2021-3", year: 2021, number: 3, total: 182, published: null, label: "2021年第3号（总第182号）", source: "001.txt" };
    const doc: GazetteDocument = { id: "d1", issueId: issue.id, ordinal: 0, title: "三门峡市人民政府办公室关于印发三门峡市市级农民工返乡创业示范县评审认定办法（试行）等三个办法的通知", docNumber: "三政办〔2021〕9号", category: "x", issued: null, kind: "official", issuer: null, attachments: [], tocTitle: null, tocPage: null };
    const catalog = new Catalog([issue], [doc]);
    expect(documentsNamed(`根据《${doc.title}》（三政办〔2021〕9号）：…`, catalog)).toEqual([doc]);
    expect(documentsNamed("没有找到", catalog)).toEqual([]);
  });
});

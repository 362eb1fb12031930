import { describe, expect, it } from "vitest";
import { isFollowUp, resolveQuestion } from "./conversation.ts";

describe("isFollowUp", () => {
  it("reads openers, pronouns and short questions as following up", () => {
    expect(isFollowUp("那申请条件呢？")).toBe(true);
    expect(isFollowUp("要是他们说要延期，最多还能再拖多久？")).toBe(true);
    expect(isFollowUp("如果不服呢？")).toBe(true);
    expect(isFollowUp("对方不签合同怎么办")).toBe(true);
  });

  it("leaves a question that names its topic alone", () => {
    expect(isFollowUp("2020年重点民生实事要新增多少城镇就业？")).toBe(false);
    expect(isFollowUp("返乡创业示范县要具备哪些条件？")).toBe(false);
  });
});

describe("resolveQuestion", () => {
  it("prepends the last standalone question to a follow-up", () => {
    const r = resolveQuestion([
      { role: "user", content: "申请政府信息公开，多少天内答复？" },
      { role: "assistant", content: "……" },
      { role: "user", content: "要是他们说要延期呢？" },
    ]);
    expect(r.followUp).toBe(true);
    // Questions are normalised (full-width punctuation to ASCII) before they are joined.
    expect(r.standalone).toBe("申请政府信息公开,多少天内答复? 要是他们说要延期呢?");
  });

  it("keeps a first question as it is, even with a pronoun", () => {
    const r = resolveQuestion([{ role: "user", content: "提交申请后他们最晚多少天要答复我？" }]);
    expect(r).toEqual({ question: "提交申请后他们最晚多少天要答复我?", standalone: "提交申请后他们最晚多少天要答复我?", followUp: false });
  });
});

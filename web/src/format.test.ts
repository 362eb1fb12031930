import { describe, expect, it } from "vitest";
import { answerForCopy, formatDate } from "./format.ts";
import { citation } from "./testing/fixtures.ts";

describe("answerForCopy", () => {
  it("puts the cited sources after the answer as `[n] 标题（文号）, 期号`", () => {
    const speech = citation(2, { document: { ...citation(2).document, title: "安伟同志的讲话", docNumber: null } });
    const text = answerForCopy("牵头单位是市交通运输局[1]，见讲话[2]。", [speech, citation(1), citation(3)]);
    expect(text).toBe(
      [
        "牵头单位是市交通运输局[1]，见讲话[2]。",
        "",
        `[1] ${citation(1).document.title}（三政办〔2024〕3号）, 2024年第2号（总第215号）`,
        "[2] 安伟同志的讲话, 2024年第2号（总第215号）",
      ].join("\n"),
    );
  });
});

describe("formatDate", () => {
  it("reads ISO dates the Chinese way", () => {
    expect(formatDate("2024-03-10")).toBe("2024年3月10日");
    expect(formatDate(null)).toBeNull();
  });
});

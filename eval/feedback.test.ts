import { describe, expect, it } from "vitest";
import type { FeedbackRecord } from "../core/feedback.ts";
import { parseDataset } from "./dataset.ts";
import { feedbackCandidates, feedbackSummary } from "./feedback.ts";

const citation = {
  n: 1, passageId: "p1", quote: "对被认定为示范园区的给予20万元奖励。", documentId: "2021-3-9", title: "关于印发返乡创业示范县评审认定办法的通知",
  docNumber: "三政办〔2021〕9号", issue: "2021年第3号", total: 182,
};
const record = (over: Partial<FeedbackRecord>): FeedbackRecord => ({
  id: "0f3c9a1e-0000-4000-8000-000000000001", at: "2026-12-06T14:00:00.000Z", runId: "r1", rating: "helpful",
  question: "返乡创业有什么补贴？", answer: "给予20万元奖励[1]。", abstained: false, citations: [citation], ...over,
});

describe("feedback → dataset candidates", () => {
  it("a helpful answer gives its cited documents as gold and its quotes as evidence, as a valid dataset line", () => {
    const [c] = feedbackCandidates([record({})]);
    expect(c).toMatchObject({
      question: "返乡创业有什么补贴？", answerable: true, evidence: [citation.quote],
      gold: [{ issue: "2021年第3号", total: 182, doc_number: "三政办〔2021〕9号", title: citation.title }],
      tags: ["from-feedback", "helpful", "needs-review"],
    });
    expect(parseDataset(JSON.stringify(c)).problems).toEqual([]);
  });

  it("an unhelpful answer has no gold yet: unanswerable until reviewed, tagged needs-gold; the latest feedback on a question wins", () => {
    const lines = feedbackCandidates([
      record({}),
      record({ id: "0f3c9a1e-0000-4000-8000-000000000002", rating: "unhelpful", comment: "没说申请条件" }),
      record({ id: "0f3c9a1e-0000-4000-8000-000000000003", question: "火星签证怎么办？", abstained: true, citations: [], answer: "没有找到依据" }),
    ]);
    expect(lines.map((l) => [l.question, l.answerable, l.tags])).toEqual([
      ["返乡创业有什么补贴？", false, ["from-feedback", "unhelpful", "needs-review", "needs-gold"]],
      ["火星签证怎么办？", false, ["from-feedback", "helpful", "needs-review"]],
    ]);
    expect(parseDataset(lines.map((l) => JSON.stringify(l)).join("\n")).problems).toEqual([]);
  });

  it("the summary counts the ratings and shows each 没用 with its comment", () => {
    const text = feedbackSummary([record({}), record({ rating: "unhelpful", comment: "没说申请条件" })]);
    expect(text).toContain("feedback: 2 (有用 1, 没用 1)");
    expect(text).toContain("返乡创业有什么补贴？ — “没说申请条件”");
  });
});

import { describe, expect, it } from "vitest";
import { compareReports, flippedChecks } from "../compare.ts";
import type { DatasetItem } from "../dataset.ts";
import { scoreQuestion } from "../metrics.ts";
import type { Observation } from "../runners/observation.ts";
import { runRecord } from "./build.ts";
import { consoleReport } from "./console.ts";
import { esc, htmlReport } from "./html.ts";
import type { Report } from "./schema.ts";
import { ReportSchema } from "./schema.ts";

const item: DatasetItem = {
  id: "q-1", question: "<script>alert(1)</script>补贴多少？", persona: "resident", answerable: true, tags: ["colloquial"],
  gold: [{ issue: "2021年第3号", total: 182, doc_number: "三政办〔2021〕9号", title: "关于印发示范园区认定办法的通知" }],
  evidence: ["给予20万元奖励"], answer: "20万元", must_include: ["20万元"],
};
const doc = { id: "d1", title: "关于印发示范园区认定办法的通知", docNumber: "三政办〔2021〕9号", issueLabel: "2021年第3号（总第182号）" };
const good: Observation = {
  id: "q-1", standalone: item.question, retrieved: [{ passageId: "p1", text: "对示范园区给予20万元奖励。", document: doc }],
  answer: "对示范园区给予20万元奖励。[1]", abstained: false, mode: "extractive",
  citations: [{ n: 1, quote: "对示范园区给予20万元奖励。", passageText: "对示范园区给予20万元奖励。", document: doc }], latencyMs: 5,
};

function report(obs: Observation): Report {
  const rows = [{ item, obs, score: scoreQuestion(item, obs, 10) }];
  return ReportSchema.parse({
    version: 1, createdAt: "2026-01-01T00:00:00Z", dataset: { path: "t.jsonl", name: "t", questions: 1 },
    config: { via: "in-process", api: null, mode: "extractive", embedder: "e", runId: "r1", k: 10, judge: null, baseline: true },
    notes: [], durationMs: 1, system: runRecord("system", "extractive", rows, 10, 1), baseline: runRecord("baseline", "extractive", rows, 10, 1),
  });
}

describe("reports", () => {
  it("the HTML escapes dataset and answer text and needs no external assets", () => {
    const html = htmlReport(report(good));
    expect(html).not.toContain("<script>alert(1)");
    expect(html).toContain(esc("<script>alert(1)</script>"));
    expect(html).not.toMatch(/<(link|img)\b|src=/);
  });

  it("the console table shows system, baseline and Δ per metric", () => {
    const text = consoleReport(report(good));
    expect(text).toMatch(/metric\s+n\s+system\s+baseline\s+Δ/);
    expect(text).toMatch(/document hit@1\s+1\s+100\.0%\s+100\.0%\s+±0\.0 pp/);
  });

  it("--compare reports worse metrics and the questions whose checks flipped", () => {
    const old = report(good);
    const now = report({ ...good, answer: "没有找到。", abstained: true, citations: [] });
    expect(flippedChecks(old, now)).toEqual([{ id: "q-1", question: item.question, fixed: [], broken: ["abstention", "facts", "cite_recall"] }]);
    const text = compareReports(old, now);
    expect(text).toMatch(/key-fact coverage\s+100\.0%\s+0\.0%\s+−100\.0 pp\s+▼ worse/);
    expect(text).toContain("q-1");
  });
});

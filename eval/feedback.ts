/**
 * Feedback given on answers, turned into candidate questions for a dataset (`npm run eval --
 * --from-feedback`), so the evaluation suite grows from real use. A candidate is a dataset line
 * a person still reviews (tag `needs-review`): the system's answer is a draft, not a gold answer.
 */
import { readFileSync } from "node:fs";
import type { FeedbackRecord } from "../core/feedback.ts";
import { parseFeedbackLines } from "../core/feedback.ts";
import type { DatasetItem } from "./dataset.ts";

/** Every record of a feedback file, oldest first; a missing file holds none. */
export function readFeedback(file: string): FeedbackRecord[] {
  try {
    return parseFeedbackLines(readFileSync(file, "utf8"));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw err;
  }
}

/**
 * One candidate per question (the latest feedback on it wins). An answer called 有用 gives its
 * cited documents as gold and its quotes as evidence; an abstention called 有用 is an unanswerable
 * question; an answer called 没用 has no gold yet: it is kept unanswerable and tagged `needs-gold`
 * until a reviewer finds where the gazettes answer it (or confirms they do not).
 */
export function feedbackCandidates(records: FeedbackRecord[]): DatasetItem[] {
  const latest = new Map<string, FeedbackRecord>();
  for (const r of records) latest.set(r.question, r);
  return [...latest.values()].map((r): DatasetItem => {
    const tags = ["from-feedback", r.rating, "needs-review"];
    const base = { id: `fb-${r.id}`, question: r.question, persona: "resident" as const };
    if (r.rating === "helpful" && !r.abstained && r.citations.length > 0) {
      const gold = [...new Map(r.citations.map((c) => [c.documentId, c])).values()].map((c) => ({
        issue: c.issue, total: c.total, doc_number: c.docNumber, title: c.title,
      }));
      const evidence = r.citations.map((c) => c.quote);
      // The first quote stands in for the facts to check until a reviewer picks them out of it.
      return { ...base, answerable: true, gold, evidence, answer: r.answer, must_include: [evidence[0]!], tags };
    }
    return {
      ...base, answerable: false, gold: [], evidence: [], answer: "", must_include: [],
      tags: r.rating === "unhelpful" ? [...tags, "needs-gold"] : tags,
    };
  });
}

/** The reviewer's view in the console: counts, then each 没用 with its comment. */
export function feedbackSummary(records: FeedbackRecord[]): string {
  const helpful = records.filter((r) => r.rating === "helpful").length;
  const lines = [`feedback: ${records.length} (有用 ${helpful}, 没用 ${records.length - helpful})`];
  for (const r of records.filter((x) => x.rating === "unhelpful")) {
    lines.push(`  没用 ${r.at.slice(0, 16)} ${r.question}${r.comment ? ` — “${r.comment}”` : ""}${r.abstained ? " (abstained)" : ""}`);
  }
  return lines.join("\n");
}

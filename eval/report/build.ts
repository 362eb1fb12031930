/** Scored questions → the report's run record (metrics by group, one record per question). */
import type { Scored } from "../metrics.ts";
import { failedChecks, groupedMetrics } from "../metrics.ts";
import type { ObservedDoc } from "../runners/observation.ts";
import type { QuestionRecord, RunRecord } from "./schema.ts";

const docOut = (d: ObservedDoc & { gold: boolean }) => ({ title: d.title, docNumber: d.docNumber, issue: d.issueLabel, gold: d.gold });

export function questionRecord({ item, obs, score }: Scored): QuestionRecord {
  return {
    id: item.id, question: item.question, standalone: obs.standalone, persona: item.persona, tags: item.tags ?? [], answerable: item.answerable,
    turns: (item.history?.length ?? 0) + 1, answer: obs.answer, abstained: obs.abstained, mode: obs.mode, ...(obs.error ? { error: obs.error } : {}),
    citations: obs.citations.map((c, i) => ({
      n: c.n, quote: c.quote, quoteValid: score.quoteValid[i]!, document: docOut({ ...c.document, gold: score.citedDocs.find((d) => d.id === c.document.id)?.gold ?? false }),
    })),
    gold: item.gold, referenceAnswer: item.answer,
    mustInclude: item.must_include.map((fact, i) => ({ fact, found: score.factsFound[i]! })),
    evidence: item.evidence.map((snippet, i) => ({ snippet, at5: score.evidenceAt5[i]!, atK: score.evidenceAtK[i]! })),
    retrieved: score.rankedDocs.map(docOut), goldRank: score.goldRank,
    scores: {
      reciprocalRank: score.reciprocalRank, evidenceRecall5: score.evidenceRecall5, evidenceRecallK: score.evidenceRecallK,
      citationPrecision: score.citationPrecision, citationRecall: score.citationRecall, keyFactCoverage: score.keyFactCoverage, faithfulness: score.faithfulness,
    },
    checks: score.checks, failed: failedChecks(score), severity: Number(score.severity.toFixed(3)), latencyMs: Math.round(obs.latencyMs * 10) / 10,
  };
}

export function runRecord(label: string, mode: string, rows: Scored[], k: number, durationMs: number): RunRecord {
  return { label, mode, durationMs: Math.round(durationMs), metrics: groupedMetrics(rows, k), questions: rows.map(questionRecord) };
}

/** Failing questions, worst first (see SEVERITY in metrics.ts). */
export function worstQuestions(run: RunRecord, n: number): QuestionRecord[] {
  return run.questions.filter((q) => q.failed.length > 0).sort((a, b) => b.severity - a.severity || a.id.localeCompare(b.id)).slice(0, n);
}

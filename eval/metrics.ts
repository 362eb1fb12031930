/**
 * Scoring: one question at a time (`scoreQuestion`), then averages over any set of
 * questions (`aggregate`). Definitions are in eval/README.md; the rules that matter:
 * - retrieval, citation and answer metrics use answerable questions only;
 * - an abstention on an answerable question scores 0 key-fact coverage and 0 citation
 *   recall, and has no citation precision or quote validity (nothing cited → excluded);
 * - a question that failed to run scores as empty retrieval and an empty, non-abstained answer.
 */
import { repeats } from "../api/answer/repeats.ts";
import { normalizeForMatch } from "../core/text/normalize.ts";
import type { DatasetItem } from "./dataset.ts";
import { isGoldDoc, matchesGold } from "./match.ts";
import type { Observation, ObservedDoc } from "./runners/observation.ts";

export const CHECKS = ["abstention", "doc@1", "doc@5", "evidence", "facts", "cite_precision", "cite_recall", "quotes"] as const;
export type CheckName = (typeof CHECKS)[number];
export type Checks = Record<CheckName, boolean | null>;

/** How much a failed check says about a bad answer, for ranking the worst questions. */
const SEVERITY: Record<CheckName, number> = {
  abstention: 3, facts: 2, quotes: 2, "doc@5": 1, evidence: 1, cite_precision: 1, cite_recall: 1, "doc@1": 0.5,
};

export interface QuestionScore {
  /** Distinct documents of the top-k passages, in rank order. */
  rankedDocs: (ObservedDoc & { gold: boolean })[];
  /** 1-based rank of the first gold document in `rankedDocs`; null when none is there. */
  goldRank: number | null;
  reciprocalRank: number | null;
  evidenceAt5: boolean[];
  evidenceAtK: boolean[];
  evidenceRecall5: number | null;
  evidenceRecallK: number | null;
  citedDocs: (ObservedDoc & { gold: boolean })[];
  citationPrecision: number | null;
  citationRecall: number | null;
  quoteValid: boolean[];
  factsFound: boolean[];
  keyFactCoverage: number | null;
  faithfulness: number | null;
  checks: Checks;
  severity: number;
}

export interface Scored {
  item: DatasetItem;
  obs: Observation;
  score: QuestionScore;
}

/** `[n]` markers are citation markup, not answer text: a fact must not fail because one sits inside it. */
export function answerText(answer: string): string {
  return normalizeForMatch(answer.replace(/\[\d{1,3}\]/g, ""));
}

export function dedupeDocs<T extends { id: string }>(docs: T[]): T[] {
  const seen = new Set<string>();
  return docs.filter((d) => !seen.has(d.id) && (seen.add(d.id), true));
}

const share = (xs: boolean[]): number | null => (xs.length ? xs.filter(Boolean).length / xs.length : null);

function evidenceFound(item: DatasetItem, obs: Observation, n: number): boolean[] {
  const passages = obs.retrieved.slice(0, n).map((p) => normalizeForMatch(p.text));
  return item.evidence.map((s) => {
    const snippet = normalizeForMatch(s);
    return passages.some((p) => p.includes(snippet));
  });
}

export function scoreQuestion(item: DatasetItem, obs: Observation, k: number): QuestionScore {
  const answerable = item.answerable;
  const rankedDocs = dedupeDocs(obs.retrieved.slice(0, k).map((p) => p.document)).map((d) => ({ ...d, gold: isGoldDoc(d, item.gold) }));
  const at = rankedDocs.findIndex((d) => d.gold);
  const goldRank = at >= 0 ? at + 1 : null;
  const evidenceAt5 = evidenceFound(item, obs, 5);
  const evidenceAtK = evidenceFound(item, obs, k);
  const citedDocs = dedupeDocs(obs.citations.map((c) => c.document)).map((d) => ({ ...d, gold: isGoldDoc(d, item.gold) }));
  const quoteValid = obs.citations.map((c) => c.passageText.includes(c.quote));
  const text = answerText(obs.answer);
  const factsFound = item.must_include.map((f) => !obs.abstained && text.includes(normalizeForMatch(f)));
  const answered = answerable && !obs.abstained;

  const citationPrecision = answered && citedDocs.length ? share(citedDocs.map((d) => d.gold)) : null;
  const citationRecall = answerable && item.gold.length ? share(item.gold.map((g) => !obs.abstained && citedDocs.some((d) => matchesGold(d, g)))) : null;
  const quotesValid = answered && quoteValid.length ? quoteValid.every(Boolean) : null;
  const keyFactCoverage = answerable ? share(factsFound) : null;
  const evidenceRecallK = answerable ? share(evidenceAtK) : null;

  const checks: Checks = {
    abstention: obs.abstained === !answerable,
    "doc@1": answerable ? goldRank === 1 : null,
    "doc@5": answerable ? goldRank !== null && goldRank <= 5 : null,
    evidence: evidenceRecallK === null ? null : evidenceRecallK === 1,
    facts: keyFactCoverage === null ? null : keyFactCoverage === 1,
    cite_precision: citationPrecision === null ? null : citationPrecision === 1,
    cite_recall: citationRecall === null ? null : citationRecall === 1,
    quotes: quotesValid,
  };
  const severity = CHECKS.reduce((s, c) => s + (checks[c] === false ? SEVERITY[c] : 0), 0) + (keyFactCoverage === null ? 0 : 1 - keyFactCoverage);
  return {
    rankedDocs, goldRank, reciprocalRank: answerable ? (goldRank ? 1 / goldRank : 0) : null,
    evidenceAt5, evidenceAtK, evidenceRecall5: answerable ? share(evidenceAt5) : null, evidenceRecallK,
    citedDocs, citationPrecision, citationRecall, quoteValid, factsFound, keyFactCoverage,
    faithfulness: answered ? (obs.faithfulness ?? null) : null, checks, severity,
  };
}

export function failedChecks(score: QuestionScore): CheckName[] {
  return CHECKS.filter((c) => score.checks[c] === false);
}

// ---- aggregation -------------------------------------------------------------------------

export interface MetricValue {
  value: number | null;
  /** Questions the value is computed over. */
  n: number;
}

export interface MetricDef {
  key: string;
  label: string;
  kind: "rate" | "score" | "ms";
  higherIsBetter: boolean;
  compute(rows: Scored[]): MetricValue;
}

function mean(values: (number | boolean | null)[]): MetricValue {
  const xs = values.filter((v): v is number | boolean => v !== null).map(Number);
  return { value: xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null, n: xs.length };
}

/** Nearest-rank percentile. */
export function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;
}

const answerableRows = (rows: Scored[]) => rows.filter((r) => r.item.answerable);

export function metricDefs(k: number): MetricDef[] {
  const s = (key: string, label: string, kind: MetricDef["kind"], pick: (r: Scored) => number | boolean | null, higherIsBetter = true): MetricDef => ({
    key, label, kind, higherIsBetter, compute: (rows) => mean(rows.map(pick)),
  });
  const defs: MetricDef[] = [
    s("doc_hit@1", "document hit@1", "rate", (r) => r.score.checks["doc@1"]),
    s("doc_hit@5", "document hit@5", "rate", (r) => r.score.checks["doc@5"]),
    s(`doc_mrr@${k}`, `document MRR@${k}`, "score", (r) => r.score.reciprocalRank),
    s("evidence_recall@5", "evidence recall@5", "rate", (r) => r.score.evidenceRecall5),
    s(`evidence_recall@${k}`, `evidence recall@${k}`, "rate", (r) => r.score.evidenceRecallK),
    s("citation_precision", "citation precision", "rate", (r) => r.score.citationPrecision),
    s("citation_recall", "citation recall", "rate", (r) => r.score.citationRecall),
    s("quote_validity", "quote validity", "rate", (r) => (r.item.answerable ? r.score.checks.quotes : null)),
    s("key_fact_coverage", "key-fact coverage", "rate", (r) => r.score.keyFactCoverage),
    s("full_coverage_rate", "full-coverage rate", "rate", (r) => r.score.checks.facts),
    s("faithfulness", "faithfulness (LLM judge)", "score", (r) => r.score.faithfulness),
    s("abstention_rate_unanswerable", "abstention rate (unanswerable)", "rate", (r) => (r.item.answerable ? null : r.obs.abstained)),
    s("false_abstention_rate", "false abstention rate (answerable)", "rate", (r) => (r.item.answerable ? r.obs.abstained : null), false),
    // A follow-up answered with (nearly) the quotes of the answer it follows says nothing new.
    s("repeated_previous_rate", "repeats previous answer (follow-ups)", "rate",
      (r) => (r.obs.previousAnswer && !r.obs.abstained ? repeats(r.obs.answer, r.obs.previousAnswer) : null), false),
    ...([0.5, 0.95] as const).map((p) => ({
      key: `latency_p${p * 100}_ms`, label: `latency p${p * 100}`, kind: "ms" as const, higherIsBetter: false,
      compute: (rows: Scored[]) => {
        const ms = rows.filter((r) => !r.obs.error).map((r) => r.obs.latencyMs);
        return { value: percentile(ms, p), n: ms.length };
      },
    })),
  ];
  return defs.filter((d, i) => defs.findIndex((o) => o.key === d.key) === i);
}

export interface MetricSet {
  /** Questions in the set (answerable or not). */
  n: number;
  answerable: number;
  values: Record<string, MetricValue>;
}

export function aggregate(rows: Scored[], k: number): MetricSet {
  const values: Record<string, MetricValue> = {};
  for (const d of metricDefs(k)) values[d.key] = d.compute(rows);
  return { n: rows.length, answerable: answerableRows(rows).length, values };
}

export const NO_ISSUE = "(unanswerable)";
export const UNTAGGED = "(untagged)";

/** Group keys: a question counts in every group it belongs to (each gold issue, each tag). */
export const GROUPINGS = {
  persona: (item: DatasetItem) => [item.persona],
  issue: (item: DatasetItem) => (item.gold.length ? [...new Set(item.gold.map((g) => g.issue))] : [NO_ISSUE]),
  tag: (item: DatasetItem) => (item.tags?.length ? [...new Set(item.tags)] : [UNTAGGED]),
} as const;
export type Grouping = keyof typeof GROUPINGS;

export interface GroupedMetrics {
  overall: MetricSet;
  byPersona: Record<string, MetricSet>;
  byIssue: Record<string, MetricSet>;
  byTag: Record<string, MetricSet>;
}

function groupBy(rows: Scored[], keys: (item: DatasetItem) => string[], k: number): Record<string, MetricSet> {
  const groups = new Map<string, Scored[]>();
  for (const r of rows) for (const key of keys(r.item)) groups.set(key, [...(groups.get(key) ?? []), r]);
  const sorted = [...groups.keys()].sort((a, b) => a.localeCompare(b));
  return Object.fromEntries(sorted.map((key) => [key, aggregate(groups.get(key)!, k)]));
}

export function groupedMetrics(rows: Scored[], k: number): GroupedMetrics {
  return {
    overall: aggregate(rows, k),
    byPersona: groupBy(rows, GROUPINGS.persona, k),
    byIssue: groupBy(rows, GROUPINGS.issue, k),
    byTag: groupBy(rows, GROUPINGS.tag, k),
  };
}

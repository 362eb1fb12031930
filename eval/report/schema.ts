/**
 * The JSON report: written by every run, read back by `--compare`, so it has one schema
 * (zod) and its types come from it.
 */
import { z } from "zod";
import { GoldSchema } from "../dataset.ts";

const MetricValueSchema = z.object({ value: z.number().nullable(), n: z.number().int() });
const MetricSetSchema = z.object({ n: z.number().int(), answerable: z.number().int(), values: z.record(z.string(), MetricValueSchema) });
const GroupedSchema = z.object({
  overall: MetricSetSchema,
  byPersona: z.record(z.string(), MetricSetSchema),
  byIssue: z.record(z.string(), MetricSetSchema),
  byTag: z.record(z.string(), MetricSetSchema),
});

const DocOutSchema = z.object({ title: z.string(), docNumber: z.string().nullable(), issue: z.string(), gold: z.boolean() });
const score = z.number().nullable();

export const QuestionRecordSchema = z.object({
  id: z.string(),
  question: z.string(),
  /** The question actually searched for (follow-ups are joined to the question they follow). */
  standalone: z.string(),
  persona: z.string(),
  tags: z.array(z.string()),
  answerable: z.boolean(),
  turns: z.number().int(),
  answer: z.string(),
  abstained: z.boolean(),
  mode: z.enum(["extractive", "llm"]),
  error: z.string().optional(),
  citations: z.array(z.object({ n: z.number().int(), quote: z.string(), quoteValid: z.boolean(), document: DocOutSchema })),
  gold: z.array(GoldSchema),
  referenceAnswer: z.string(),
  mustInclude: z.array(z.object({ fact: z.string(), found: z.boolean() })),
  evidence: z.array(z.object({ snippet: z.string(), at5: z.boolean(), atK: z.boolean() })),
  /** Distinct documents of the top-k passages, best first. */
  retrieved: z.array(DocOutSchema),
  goldRank: z.number().int().nullable(),
  scores: z.object({
    reciprocalRank: score, evidenceRecall5: score, evidenceRecallK: score, citationPrecision: score, citationRecall: score,
    keyFactCoverage: score, faithfulness: score,
  }),
  /** true = pass, false = fail, null = does not apply to this question. */
  checks: z.record(z.string(), z.boolean().nullable()),
  failed: z.array(z.string()),
  severity: z.number(),
  latencyMs: z.number(),
});
export type QuestionRecord = z.infer<typeof QuestionRecordSchema>;

export const RunRecordSchema = z.object({
  label: z.string(),
  mode: z.string(),
  durationMs: z.number(),
  metrics: GroupedSchema,
  questions: z.array(QuestionRecordSchema),
});
export type RunRecord = z.infer<typeof RunRecordSchema>;

export const ReportSchema = z.object({
  version: z.literal(1),
  createdAt: z.string(),
  dataset: z.object({ path: z.string(), name: z.string(), questions: z.number().int() }),
  config: z.object({
    via: z.enum(["in-process", "http"]),
    api: z.string().nullable(),
    mode: z.string(),
    embedder: z.string(),
    runId: z.string().nullable(),
    k: z.number().int(),
    judge: z.string().nullable(),
    baseline: z.boolean(),
    /** Fingerprint of the local api/core/ingest source when the run started (see fingerprint.ts). */
    source: z.string().optional(),
  }),
  notes: z.array(z.string()),
  durationMs: z.number(),
  system: RunRecordSchema,
  baseline: RunRecordSchema.optional(),
});
export type Report = z.infer<typeof ReportSchema>;

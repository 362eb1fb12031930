/**
 * Feedback on an answer (有用 / 没用, an optional comment): what the UI sends, and the record the
 * server keeps. Only what the person typed and what the system answered is kept: no address, no
 * user agent, no account.
 */
import { z } from "zod";
import { FiltersSchema, LIMITS } from "./api-schema.ts";
import { IdSchema } from "./model.ts";

export const FEEDBACK_LIMITS = {
  commentChars: 500,
  /** An answer cites at most this many passages; more is not an answer of ours. */
  citations: 50,
  quoteChars: 2000,
  titleChars: 200,
} as const;

export const FeedbackCitationSchema = z
  .object({
    n: z.number().int().min(1).max(999),
    passageId: IdSchema,
    quote: z.string().min(1).max(FEEDBACK_LIMITS.quoteChars),
    documentId: IdSchema,
    title: z.string().min(1).max(FEEDBACK_LIMITS.titleChars),
    docNumber: z.string().max(40).nullable(),
    /** The issue as the gazette prints it (2020年第3号) and its running number (总第170号). */
    issue: z.string().regex(/^\d{4}年第\d{1,3}号$/, "issue must look like 2020年第3号"),
    total: z.number().int().positive(),
  })
  .strict();
export type FeedbackCitation = z.infer<typeof FeedbackCitationSchema>;

export const FeedbackRequestSchema = z
  .object({
    rating: z.enum(["helpful", "unhelpful"]),
    comment: z.string().trim().max(FEEDBACK_LIMITS.commentChars).optional(),
    question: z.string().trim().min(1).max(LIMITS.questionChars),
    answer: z.string().max(LIMITS.messageChars),
    abstained: z.boolean(),
    citations: z.array(FeedbackCitationSchema).max(FEEDBACK_LIMITS.citations),
    filters: FiltersSchema.optional(),
  })
  .strict();
export type FeedbackRequest = z.infer<typeof FeedbackRequestSchema>;

export const FeedbackRecordSchema = FeedbackRequestSchema.extend({
  id: z.string().min(1),
  /** When the server stored it (ISO 8601). */
  at: z.string(),
  /** The index run that was served when the feedback arrived (null while there was none). */
  runId: z.string().nullable(),
}).strict();
export type FeedbackRecord = z.infer<typeof FeedbackRecordSchema>;

/** The records of a feedback file's text, oldest first; a line that does not read as one (a torn last line after a crash) is skipped. */
export function parseFeedbackLines(text: string): FeedbackRecord[] {
  return text.split("\n").flatMap((line) => {
    if (!line.trim()) return [];
    try {
      const parsed = FeedbackRecordSchema.safeParse(JSON.parse(line));
      return parsed.success ? [parsed.data] : [];
    } catch {
      return [];
    }
  });
}

/**
 * HTTP request schemas and response shapes (contract.md), shared by the API,
 * the web UI, the eval suite and the benchmarks.
 */
import { z } from "zod";
import type { Citation, DocumentRef, GazetteDocument, Issue, IssueRef } from "./model.ts";
import { IdSchema } from "./model.ts";

export const LIMITS = {
  questionChars: 2000,
  messageChars: 8000,
  messages: 40,
  bodyBytes: 256 * 1024,
  k: 50,
} as const;

const filterValue = (pattern: RegExp, what: string) =>
  z.string().trim().max(64).regex(pattern, `${what} has an invalid format`);

/** Filters are validated against strict patterns; they never reach a `where` string raw. */
export const FiltersSchema = z
  .object({
    year: z.coerce.number().int().min(1949).max(2100).optional(),
    issue: filterValue(/^[0-9]{4}-[0-9]{1,3}$/, "issue (e.g. 2020-3)").optional(),
    category: filterValue(/^[\p{Script=Han}A-Za-z0-9]{1,20}$/u, "category").optional(),
    docNumber: filterValue(/^[\p{Script=Han}0-9〔〕［］\[\]()（）\s]{2,40}$/u, "docNumber (e.g. 三政办〔2020〕5号)").optional(),
  })
  .strict();
export type Filters = z.infer<typeof FiltersSchema>;

export const SearchQuerySchema = FiltersSchema.extend({
  q: z.string().max(LIMITS.questionChars),
  k: z.coerce.number().int().min(1).max(LIMITS.k).default(10),
}).strict();

export const ChatMessageSchema = z
  .object({
    role: z.enum(["user", "assistant"]),
    content: z.string().max(LIMITS.messageChars),
  })
  .strict();
export type ChatMessage = z.infer<typeof ChatMessageSchema>;

export const ChatRequestSchema = z
  .object({
    messages: z.array(ChatMessageSchema).min(1).max(LIMITS.messages),
    stream: z.boolean().optional(),
    filters: FiltersSchema.optional(),
  })
  .strict();
export type ChatRequest = z.infer<typeof ChatRequestSchema>;

export const DocumentIdParamSchema = z.object({ id: IdSchema });

/** A document as listed in search results and citations. */
export type DocumentSummary = DocumentRef & Pick<GazetteDocument, "category" | "issued">;

/** A passage as sent to clients; `page` is the PDF page it starts on (null for issues ingested from text). */
export interface PassageOut {
  id: string;
  heading: string;
  text: string;
  ordinal: number;
  page: number | null;
}

export interface SearchResult {
  passage: PassageOut;
  document: DocumentSummary;
  issue: IssueRef & { id: string };
  score: number;
}

/** A citation as sent to clients: the contract's fields plus the passage and document details for display. */
export interface CitationOut extends Citation {
  document: DocumentSummary;
  issue: IssueRef & { id: string };
  passage: PassageOut;
  /** The page of the gazette PDF the quoted passage starts on, when the issue was ingested from a PDF. */
  page: number | null;
}

export interface RelatedDocument {
  document: DocumentSummary;
  issue: IssueRef & { id: string };
}

export interface ChatResponse {
  answer: string;
  abstained: boolean;
  mode: "extractive" | "llm";
  citations: CitationOut[];
  /** Set when the answer degraded (LLM or embedder unavailable) or needs a caveat. */
  note?: string;
  /** On abstention: the closest documents to look at. */
  related?: RelatedDocument[];
  /** Documents the request's filters left out that match the question clearly better than what they let through. */
  excludedByFilter?: RelatedDocument[];
}

export interface HealthResponse {
  status: "ok" | "no_index";
  passages: number;
  documents: number;
  issues: number;
  embedder: string;
  answerer: "extractive" | "llm";
  runId: string | null;
}

export type IssueListing = Issue & { documents: DocumentSummary[] };

export interface DocumentResponse {
  document: GazetteDocument;
  issue: Issue;
  passages: (PassageOut & { kind: "text" | "table" })[];
}

export interface ApiError {
  error: { code: string; message: string; requestId?: string };
}

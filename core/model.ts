/** The gazette model: one home for Issue, Document, Passage and Citation, shared by every part. */
import { z } from "zod";

export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const IdSchema = z.string().regex(ID_PATTERN, "ids are letters, digits, - and _ (at most 64)");

export const IssueSchema = z.object({
  id: IdSchema,
  year: z.number().int(),
  number: z.number().int(),
  total: z.number().int(),
  published: z.string().nullable(),
  label: z.string(),
  source: z.string(),
});
export type Issue = z.infer<typeof IssueSchema>;

export const DocumentKindSchema = z.enum(["speech", "official", "decree", "report", "table", "other"]);

export const DocumentSchema = z.object({
  id: IdSchema,
  issueId: IdSchema,
  ordinal: z.number().int(),
  title: z.string(),
  docNumber: z.string().nullable(),
  category: z.string(),
  issued: z.string().nullable(),
  kind: DocumentKindSchema,
  issuer: z.string().nullable(),
  attachments: z.array(z.string()),
  /** Title as printed in the table of contents, when listed there. */
  tocTitle: z.string().nullable(),
  tocPage: z.number().int().nullable(),
});
export type GazetteDocument = z.infer<typeof DocumentSchema>;

export const PassageKindSchema = z.enum(["text", "table"]);

export const PassageSchema = z.object({
  id: IdSchema,
  documentId: IdSchema,
  issueId: IdSchema,
  heading: z.string(),
  text: z.string(),
  ordinal: z.number().int(),
  kind: PassageKindSchema,
  /** Page of the PDF the passage starts on (as a PDF viewer counts); null for issues ingested from text. */
  page: z.number().int().positive().nullable(),
});
export type Passage = z.infer<typeof PassageSchema>;

/** Compact references used in API responses (see contract.md). */
export type DocumentRef = Pick<GazetteDocument, "id" | "title" | "docNumber">;
export type IssueRef = Pick<Issue, "year" | "number" | "total" | "label">;

export interface Citation {
  n: number;
  passageId: string;
  quote: string;
  document: DocumentRef;
  issue: IssueRef;
}

export function issueRef(issue: Issue): IssueRef {
  return { year: issue.year, number: issue.number, total: issue.total, label: issue.label };
}

export function documentRef(doc: GazetteDocument): DocumentRef {
  return { id: doc.id, title: doc.title, docNumber: doc.docNumber };
}

export function issueLabel(year: number, number: number, total: number): string {
  return `${year}年第${number}号（总第${total}号）`;
}

/**
 * A passage row of `passages_<run>`, written once: its columns and the mapping between a row
 * and the model's `Passage`, for the ingest writer, retrieval, the catalog and the answerers.
 */
import type { GazetteDocument, Issue, Passage } from "../model.ts";

/** A passage row as stored: display fields, filter columns, the segmented text and the vector. */
export type PassageRow = {
  id: string;
  document_id: string;
  issue_id: string;
  ordinal: number;
  heading: string;
  text: string;
  kind: string;
  /** PDF page the passage starts on; 0 for text files (a column of one type in every run). */
  page: number;
  year: number;
  category: string;
  doc_number: string;
  text_seg: string;
  vector: number[];
};

/** Columns a passage is shown with. `page` came with PDF ingest: runs built before it lack the column. */
export const PASSAGE_DISPLAY_COLUMNS = ["id", "document_id", "issue_id", "ordinal", "heading", "text", "kind", "page"] as const;
const OPTIONAL_DISPLAY_COLUMNS = new Set<string>(["page"]);

/** The display columns a run's passages table has (from its schema's field names); a required one missing is an error. */
export function displayColumns(fields: string[]): string[] {
  const have = new Set(fields);
  const missing = PASSAGE_DISPLAY_COLUMNS.filter((c) => !have.has(c) && !OPTIONAL_DISPLAY_COLUMNS.has(c));
  if (missing.length) throw new Error(`the passages table lacks ${missing.join(", ")}`);
  return PASSAGE_DISPLAY_COLUMNS.filter((c) => have.has(c));
}

/** A stored page number → the model's (0 and absent mean none). */
export function pageOfRow(value: unknown): number | null {
  const n = Number(value ?? 0);
  return Number.isInteger(n) && n > 0 ? n : null;
}

/** The row a passage is stored as, with its document's filter columns, segmented text and vector. */
export function passageRow(p: Passage, doc: Pick<GazetteDocument, "category" | "docNumber">, issue: Pick<Issue, "year">, textSeg: string, vector: ArrayLike<number>): PassageRow {
  return {
    id: p.id, document_id: p.documentId, issue_id: p.issueId, ordinal: p.ordinal, heading: p.heading, text: p.text, kind: p.kind, page: p.page ?? 0,
    year: issue.year, category: doc.category, doc_number: doc.docNumber ?? "", text_seg: textSeg, vector: Array.from(vector),
  };
}

/** A row as LanceDB returns it (display columns at least) → the model's passage. */
export function rowToPassage(r: Record<string, unknown>): Passage {
  return {
    id: String(r.id), documentId: String(r.document_id), issueId: String(r.issue_id), ordinal: Number(r.ordinal),
    heading: String(r.heading), text: String(r.text), kind: r.kind === "table" ? "table" : "text", page: pageOfRow(r.page),
  };
}

import type { CitationOut, Filters, RelatedDocument } from "../../../core/api-schema.ts";
import type { ErrorInfo } from "../api/errors.ts";

export type TurnError = ErrorInfo;

/** One question and its answer, as shown and as kept in localStorage. */
export interface Turn {
  id: string;
  question: string;
  filters: Filters;
  status: "streaming" | "done" | "stopped" | "error";
  answer: string;
  citations: CitationOut[];
  abstained: boolean;
  mode?: "extractive" | "llm";
  note?: string;
  related?: RelatedDocument[];
  error?: TurnError;
}

import type { CitationOut, Filters, RelatedDocument } from "../../../core/api-schema.ts";
import type { ErrorKind } from "../api/client.ts";

export interface TurnError {
  kind: ErrorKind;
  status: number | null;
  /** The server's own message, if it sent one. */
  message: string;
  /** Epoch ms before which a retry would be refused (429 Retry-After). */
  retryAt?: number;
}

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

/**
 * What a runner observed for one question — the same shape whether it came from the
 * in-process services, the HTTP API or the BM25 baseline, so the metrics cannot tell them apart.
 */
import type { ChatMessage } from "../../core/api-schema.ts";
import type { DatasetItem } from "../dataset.ts";

export interface ObservedDoc {
  id: string;
  title: string;
  docNumber: string | null;
  issueLabel: string;
}

export interface ObservedPassage {
  passageId: string;
  text: string;
  document: ObservedDoc;
}

export interface ObservedCitation {
  n: number;
  quote: string;
  /** Text of the cited passage as the answerer returned it (`passage.text` over HTTP). */
  passageText: string;
  document: ObservedDoc;
}

export interface Observation {
  id: string;
  /** The question actually searched for: `resolveQuestion(messages).standalone`. */
  standalone: string;
  /** Top-k passages of the retrieval call, best first. */
  retrieved: ObservedPassage[];
  answer: string;
  abstained: boolean;
  mode: "extractive" | "llm";
  citations: ObservedCitation[];
  /** The assistant turn the question followed, when it has a history (the system's own with --live-history). */
  previousAnswer?: string | null;
  /** Wall time of the answer call (its own retrieval included). */
  latencyMs: number;
  /** LLM-judged share of supported claims, when a judge ran. */
  faithfulness?: number | null;
  /** Set when the question could not be run; it then scores as empty retrieval and an empty answer. */
  error?: string;
}

/** The conversation sent for a dataset line: earlier turns, then the question. */
export function messagesFor(item: DatasetItem): ChatMessage[] {
  return [...(item.history ?? []), { role: "user", content: item.question }];
}

/** Shape shared by `Hit`, `SearchResult` and `CitationOut` for the parts the eval reads. */
interface DocLike {
  document: { id: string; title: string; docNumber: string | null };
  issue: { label: string };
}

export function observedDoc(x: DocLike): ObservedDoc {
  return { id: x.document.id, title: x.document.title, docNumber: x.document.docNumber, issueLabel: x.issue.label };
}

export function observedPassage(x: DocLike & { passage: { id: string; text: string } }): ObservedPassage {
  return { passageId: x.passage.id, text: x.passage.text, document: observedDoc(x) };
}

export function observedCitation(c: DocLike & { n: number; quote: string; passage: { text: string } }): ObservedCitation {
  return { n: c.n, quote: c.quote, passageText: c.passage.text, document: observedDoc(c) };
}

export function failedObservation(id: string, standalone: string, error: string): Observation {
  return { id, standalone, retrieved: [], answer: "", abstained: false, mode: "extractive", citations: [], latencyMs: 0, error };
}

/** From a conversation to a cited answer: resolve the question, retrieve, answer (LLM or extractive), validate. */
import type { ChatMessage, ChatResponse, Filters } from "../../core/api-schema.ts";
import type { OpenRun } from "../index/live-index.ts";
import { answerFromResponsibilities } from "../responsibilities/answer.ts";
import type { Hit, Retriever, SearchTimings } from "../retrieval/search.ts";
import { resolveQuestion } from "./conversation.ts";
import type { ExtractiveTuning } from "./extractive.ts";
import { abstention, answerExtractive, DEFAULT_EXTRACTIVE } from "./extractive.ts";
import type { LlmAnswerer } from "./llm.ts";

export interface AnswerOutcome {
  response: ChatResponse;
  hits: Hit[];
  standalone: string;
  timings: SearchTimings & { answerMs: number };
}

export const ANSWER_PASSAGES = 8;

export class AnswerService {
  constructor(
    private retriever: Retriever,
    private llm: LlmAnswerer | null,
    private tuning: ExtractiveTuning = DEFAULT_EXTRACTIVE,
  ) {}

  get mode(): "extractive" | "llm" {
    return this.llm ? "llm" : "extractive";
  }

  async answer(
    run: OpenRun,
    messages: ChatMessage[],
    opts: { filters?: Filters; signal?: AbortSignal; mode?: "extractive" | "llm"; onDelta?: (text: string) => void } = {},
  ): Promise<AnswerOutcome> {
    const { standalone } = resolveQuestion(messages);
    const search = await this.retriever.search(run, standalone, { k: ANSWER_PASSAGES, filters: opts.filters, signal: opts.signal });
    const t = performance.now();
    const done = (response: ChatResponse): AnswerOutcome => ({ response, hits: search.hits, standalone, timings: { ...search.timings, answerMs: performance.now() - t } });
    const withNotes = (response: ChatResponse, notes: string[]) => (notes.length ? { ...response, note: [response.note, ...notes].filter(Boolean).join(" ") } : response);
    // A topic the gazettes never mention: whatever was retrieved is about something else.
    if (search.uncoveredTopics.length) return done(withNotes(abstention(search.query, search.hits, run.catalog, search.uncoveredTopics), search.notes));
    // "Which unit is responsible / what must this unit do": answered from the extracted tasks when they have rows.
    const structured = await answerFromResponsibilities(run, standalone, search.hits, opts.filters).catch(() => null);
    if (structured) return done(withNotes(structured, search.notes));
    let response = answerExtractive(search.query, search.hits, run.catalog, this.tuning);
    const notes = [...search.notes];
    if (this.llm && opts.mode !== "extractive" && search.hits.length > 0) {
      const llm = await this.llm.answer({ question: standalone, messages, hits: search.hits, catalog: run.catalog, signal: opts.signal });
      if (llm.ok) response = llm.response;
      else notes.push(llm.note);
    }
    return done(withNotes(response, notes));
  }
}

/**
 * From a conversation to a cited answer: read the question with its conversation, retrieve,
 * answer (tasks, LLM or the offline plans), say what a filter left out.
 */
import type { ChatMessage, ChatResponse, Filters, RelatedDocument } from "../../core/api-schema.ts";
import type { OpenRun } from "../index/live-index.ts";
import type { Conversation } from "../question/conversation.ts";
import { documentsNamed, resolveQuestion } from "../question/conversation.ts";
import { TopicCoverage } from "../retrieval/coverage.ts";
import type { Hit, Retriever, SearchOutcome, SearchTimings } from "../retrieval/search.ts";
import { answerFromResponsibilities } from "../responsibilities/answer.ts";
import { relatedDocuments, sourceLabel } from "./citations.ts";
import { runContext } from "./context.ts";
import { repeats } from "./repeats.ts";
import type { LlmAnswerer } from "./llm.ts";
import type { Assessment } from "./respond.ts";
import { respond } from "./respond.ts";
import type { ScopeModel } from "./scope.ts";
import { loadScopeModel } from "./scope.ts";

export interface AnswerOutcome {
  response: ChatResponse;
  hits: Hit[];
  standalone: string;
  timings: SearchTimings & { answerMs: number };
  /** The offline answerer's plan and scope decision, when it ran. */
  assessment?: Assessment;
}

export const ANSWER_PASSAGES = 8;

export const CONVERSATION = {
  /** Passages of the documents the previous answer cited rank this much higher for a follow-up. */
  contextBoost: 1.5,
};

/** A filter hides a clearly better match when the unfiltered best passage scores this much higher (BM25) than the filtered best. */
export const FILTER_EXCLUSION_RATIO = 1.3;

type AnswerOptions = { filters?: Filters; signal?: AbortSignal; mode?: "extractive" | "llm"; onDelta?: (text: string) => void };

/** A follow-up stays with the documents the previous answer cited, unless it names a year they are not from. */
export function followThread(hits: Hit[], convo: Conversation, run: OpenRun, years: number[]): Hit[] {
  const docs = new Set(documentsNamed(convo.previousAnswer, run.catalog).filter((d) => !years.length || years.includes(run.catalog.issue(d.issueId)?.year ?? 0)).map((d) => d.id));
  if (!convo.followUp || docs.size === 0) return hits;
  return hits.map((h) => (docs.has(h.document.id) ? { ...h, score: h.score * CONVERSATION.contextBoost } : h)).sort((a, b) => b.score - a.score);
}

export class AnswerService {
  private coverage = new TopicCoverage();

  constructor(
    private retriever: Retriever,
    private llm: LlmAnswerer | null,
    private scope: ScopeModel = loadScopeModel(),
  ) {}

  get mode(): "extractive" | "llm" {
    return this.llm ? "llm" : "extractive";
  }

  /** The conversation read and retrieved as the answerer sees it (the eval and the scope training read the same). */
  async retrieve(run: OpenRun, messages: ChatMessage[], opts: { k?: number; filters?: Filters; signal?: AbortSignal } = {}): Promise<{ convo: Conversation; search: SearchOutcome }> {
    const convo = resolveQuestion(messages);
    const search = await this.retriever.search(run, convo.standalone, { k: opts.k ?? ANSWER_PASSAGES, filters: opts.filters, signal: opts.signal });
    return { convo, search: { ...search, hits: followThread(search.hits, convo, run, search.query.years) } };
  }

  async answer(run: OpenRun, messages: ChatMessage[], opts: AnswerOptions = {}): Promise<AnswerOutcome> {
    const { convo, search } = await this.retrieve(run, messages, opts);
    const t = performance.now();
    const notes = [...search.notes];
    let assessment: Assessment | undefined;
    let response: ChatResponse | null = null;
    // "Which unit is responsible / what must this unit do": answered from the extracted tasks when they have rows.
    const structured = await answerFromResponsibilities(run, convo.standalone, search.hits, opts.filters, convo.followUp ? convo.question : undefined).catch(() => null);
    if (structured && !repeats(structured.answer, convo.previousAnswer)) response = structured;
    if (!response) {
      const offline = await respond({
        ctx: runContext(run, this.coverage), query: search.query, hits: search.hits, uncoveredTopics: search.uncoveredTopics,
        followUp: convo.followUp, previousAnswer: convo.previousAnswer, askedBefore: convo.askedBefore,
      }, this.scope);
      assessment = offline.assessment;
      response = offline.response;
      if (this.llm && opts.mode !== "extractive" && search.hits.length > 0 && !response.abstained) {
        const llm = await this.llm.answer({ question: convo.standalone, messages, hits: search.hits, catalog: run.catalog, signal: opts.signal });
        if (llm.ok) response = llm.response;
        else notes.push(llm.note);
      }
    }
    const excluded = opts.filters && Object.keys(opts.filters).length ? await this.excludedByFilter(run, convo.standalone, search, opts.signal) : [];
    if (excluded.length) {
      response = { ...response, excludedByFilter: excluded };
      notes.push(`筛选条件排除了更相关的文件：${excluded.map((r) => sourceLabel(r)).join("；")}。`);
    }
    if (notes.length) response = { ...response, note: [response.note, ...notes].filter(Boolean).join(" ") };
    return { response, hits: search.hits, standalone: convo.standalone, timings: { ...search.timings, answerMs: performance.now() - t }, assessment };
  }

  /** The best unfiltered match, when the filters left it out and it matches the question clearly better than what they let through. */
  private async excludedByFilter(run: OpenRun, standalone: string, filtered: SearchOutcome, signal?: AbortSignal): Promise<RelatedDocument[]> {
    const open = await this.retriever.search(run, standalone, { k: 3, signal });
    const best = open.hits[0];
    if (!best || filtered.hits.some((h) => h.document.id === best.document.id)) return [];
    const inside = filtered.hits[0]?.bm25 ?? 0;
    if ((best.bm25 ?? 0) < FILTER_EXCLUSION_RATIO * inside) return [];
    return relatedDocuments([best], run.catalog, 1);
  }
}

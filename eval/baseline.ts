/**
 * The baseline every report is measured against: plain BM25 (MiniSearch, default
 * parameters) over the same passages, tokenised with the same jieba `cutForSearch`, with
 * no lexicon expansion, no vectors, no 文号/year/issue handling. Answers come from the
 * same offline answerer (plans and scope decision), so only retrieval differs between system and baseline.
 */
import MiniSearch from "minisearch";
import type { AnswerContext } from "../api/answer/context.ts";
import { respond } from "../api/answer/respond.ts";
import type { ScopeModel } from "../api/answer/scope.ts";
import { loadScopeModel } from "../api/answer/scope.ts";
import { ANSWER_PASSAGES } from "../api/answer/service.ts";
import { Catalog } from "../api/index/catalog.ts";
import { resolveQuestion } from "../api/question/conversation.ts";
import { understand } from "../api/question/understand.ts";
import type { Hit } from "../api/retrieval/search.ts";
import type { Passage } from "../core/model.ts";
import { cutForSearch } from "../core/text/segment.ts";
import { searchableText } from "../ingest/build-index.ts";
import type { Corpus } from "./corpus.ts";
import { messagesFor, observedCitation, observedPassage } from "./runners/observation.ts";
import type { Observation } from "./runners/observation.ts";
import type { Runner } from "./runners/runner.ts";

interface Doc {
  id: string;
  text: string;
}

export class Bm25Baseline {
  private index: MiniSearch<Doc>;
  private catalog: Catalog;
  private byPassage: Map<string, Omit<Hit, "score" | "bm25" | "similarity">>;
  private ctx: AnswerContext;

  constructor(corpus: Corpus, private scope: ScopeModel = loadScopeModel()) {
    const { issues, documents, passages } = corpus.records;
    this.catalog = new Catalog(issues, documents);
    const byDocument = new Map<string, Passage[]>();
    for (const p of [...passages].sort((a, b) => a.ordinal - b.ordinal)) byDocument.set(p.documentId, [...(byDocument.get(p.documentId) ?? []), p]);
    const allText = [...documents.map((d) => d.title), ...passages.map((p) => `${p.heading}\n${p.text}`)].join("\n").toLowerCase();
    this.ctx = {
      catalog: this.catalog,
      passagesOf: async (id) => byDocument.get(id) ?? [],
      holds: async (words) => words.some((w) => allText.includes(w.toLowerCase())),
    };
    const docs = new Map(documents.map((d) => [d.id, d]));
    const iss = new Map(issues.map((i) => [i.id, i]));
    this.byPassage = new Map(passages.map((p) => [p.id, { passage: p, document: docs.get(p.documentId)!, issue: iss.get(p.issueId)! }]));
    // The same text the system's keyword side indexes (title, 文号, heading, body), so the texts are equal too.
    this.index = new MiniSearch<Doc>({ fields: ["text"], tokenize: (t) => cutForSearch(t), processTerm: (t) => t });
    this.index.addAll(passages.map((p) => ({ id: p.id, text: searchableText(docs.get(p.documentId)!, p) })));
  }

  search(question: string, k: number): Hit[] {
    return this.index
      .search(question)
      .slice(0, k)
      .map((r) => ({ ...this.byPassage.get(String(r.id))!, score: r.score, bm25: r.score, similarity: null }));
  }

  async run(item: Parameters<Runner["run"]>[0], k: number): Promise<Observation> {
    const convo = resolveQuestion(messagesFor(item));
    const standalone = convo.standalone;
    const t = performance.now();
    const hits = this.search(standalone, Math.max(k, ANSWER_PASSAGES));
    const { response } = await respond({
      ctx: this.ctx, query: understand(standalone, this.catalog), hits: hits.slice(0, ANSWER_PASSAGES), uncoveredTopics: [],
      followUp: convo.followUp, previousAnswer: convo.previousAnswer,
    }, this.scope);
    const latencyMs = performance.now() - t;
    return {
      id: item.id, standalone, retrieved: hits.slice(0, k).map(observedPassage), answer: response.answer, abstained: response.abstained,
      mode: response.mode, citations: response.citations.map(observedCitation), latencyMs,
    };
  }
}

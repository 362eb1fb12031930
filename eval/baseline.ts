/**
 * The baseline every report is measured against: plain BM25 (MiniSearch, default
 * parameters) over the same passages, tokenised with the same jieba `cutForSearch`, with
 * no lexicon expansion, no vectors, no 文号/year/issue handling. Answers come from the
 * same extractive answerer, so only retrieval differs between system and baseline.
 */
import MiniSearch from "minisearch";
import { answerExtractive } from "../api/answer/extractive.ts";
import { ANSWER_PASSAGES } from "../api/answer/service.ts";
import { resolveQuestion } from "../api/answer/conversation.ts";
import { Catalog } from "../api/index/catalog.ts";
import type { Hit } from "../api/retrieval/search.ts";
import { understand } from "../api/retrieval/understand.ts";
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

  constructor(corpus: Corpus) {
    const { issues, documents, passages } = corpus.records;
    this.catalog = new Catalog(issues, documents);
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
    const { standalone } = resolveQuestion(messagesFor(item));
    const t = performance.now();
    const hits = this.search(standalone, Math.max(k, ANSWER_PASSAGES));
    const response = answerExtractive(understand(standalone, this.catalog), hits.slice(0, ANSWER_PASSAGES), this.catalog);
    const latencyMs = performance.now() - t;
    return {
      id: item.id, standalone, retrieved: hits.slice(0, k).map(observedPassage), answer: response.answer, abstained: response.abstained,
      mode: response.mode, citations: response.citations.map(observedCitation), latencyMs,
    };
  }
}

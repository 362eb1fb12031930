/** What the answer side reads of the served gazettes besides the search hits: whole documents and whether a word occurs at all. */
import type { Passage } from "../../core/model.ts";
import { buildWhere } from "../../core/index/where.ts";
import { Lru } from "../../core/util/lru.ts";
import type { Catalog } from "../index/catalog.ts";
import type { OpenRun } from "../index/live-index.ts";
import type { TopicCoverage } from "../retrieval/coverage.ts";
import { rowToPassage } from "../../core/index/passage-row.ts";

export interface AnswerContext {
  catalog: Catalog;
  /** All passages of a document, in document order. */
  passagesOf(documentId: string): Promise<Passage[]>;
  /** Whether any passage or title of the served gazettes holds one of these words. */
  holds(words: string[]): Promise<boolean>;
}

/** Whole documents by run and id: a summary or a list reads the same document for many questions. */
const documents = new Lru<string, Promise<Passage[]>>(200);

export function runContext(run: OpenRun, coverage: TopicCoverage): AnswerContext {
  return {
    catalog: run.catalog,
    passagesOf(documentId) {
      const key = `${run.run.run_id}\u0000${documentId}`;
      let found = documents.get(key);
      if (!found) {
        found = run.passages.query().where(buildWhere([{ column: "document_id", op: "=", value: documentId }])!).select(run.columns).limit(100_000).toArray()
          .then((rows) => rows.map(rowToPassage).sort((a, b) => a.ordinal - b.ordinal));
        // A failed read is not remembered: the next question tries again.
        found.catch(() => documents.delete(key));
        documents.set(key, found);
      }
      return found;
    },
    holds: (words) => coverage.holds(run, words),
  };
}

/** GET /api/search */
import { Hono } from "hono";
import type { SearchResult } from "../../core/api-schema.ts";
import { SearchQuerySchema } from "../../core/api-schema.ts";
import type { AppDeps } from "../deps.ts";
import { passageOut } from "../answer/citations.ts";
import { quoteTopics } from "../retrieval/coverage.ts";
import type { Hit } from "../retrieval/search.ts";
import { requestSignal } from "../http/deadline.ts";
import { checkFilters, checkQuestion } from "./question.ts";
import { parseWith, withRun } from "./util.ts";

export function toSearchResult(h: Hit): SearchResult {
  return {
    passage: passageOut(h.passage),
    document: { id: h.document.id, title: h.document.title, docNumber: h.document.docNumber, category: h.document.category, issued: h.document.issued },
    issue: { id: h.issue.id, year: h.issue.year, number: h.issue.number, total: h.issue.total, label: h.issue.label },
    score: Number(h.score.toFixed(6)),
  };
}

export function searchRoutes(deps: AppDeps): Hono {
  const app = new Hono();
  app.get("/search", async (c) => {
    const { q, k, ...filters } = parseWith(SearchQuerySchema, c.req.query());
    const question = checkQuestion(q);
    checkFilters(filters);
    const out = await withRun(deps.index, (run) => deps.retriever.search(run, question, { k, filters, signal: requestSignal(c) }));
    const notes = [...out.notes, ...(out.uncoveredTopics.length ? [`所收录的公报中没有提到${quoteTopics(out.uncoveredTopics)}，以下结果只是字面相近。`] : [])];
    return c.json({ results: out.hits.map(toSearchResult), ...(notes.length ? { note: notes.join(" ") } : {}) });
  });
  return app;
}

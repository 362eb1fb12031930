/** GET /api/health, /api/issues, /api/documents/:id */
import { Hono } from "hono";
import type { DocumentResponse, HealthResponse, IssueListing } from "../../core/api-schema.ts";
import { ID_PATTERN } from "../../core/model.ts";
import { buildWhere } from "../../core/index/where.ts";
import type { AppDeps } from "../deps.ts";
import { ApiError } from "../http/errors.ts";
import { rowToPassage } from "../../core/index/passage-row.ts";
import { requireRun, withRun } from "./util.ts";

export function catalogRoutes(deps: AppDeps): Hono {
  const app = new Hono();

  app.get("/health", (c) => {
    const run = deps.index.current();
    const state = deps.index.state();
    const body: HealthResponse & { index: string; message?: string } = {
      status: run ? "ok" : "no_index",
      passages: run?.run.passages ?? 0,
      documents: run?.run.documents ?? 0,
      issues: run?.run.issues ?? 0,
      embedder: run?.run.embedder ?? deps.embedderId,
      answerer: deps.answers.mode,
      runId: run?.run.run_id ?? null,
      index: state.state,
      ...(state.state !== "ok" ? { message: state.message } : {}),
    };
    return c.json(body, run ? 200 : 503);
  });

  app.get("/issues", (c) => {
    const { catalog } = requireRun(deps.index);
    const issues: IssueListing[] = catalog.issues.map((issue) => ({
      ...issue,
      documents: catalog.documents.filter((d) => d.issueId === issue.id).map((d) => catalog.summary(d)),
    }));
    return c.json({ issues });
  });

  app.get("/documents/:id", async (c) => {
    const id = c.req.param("id");
    if (!ID_PATTERN.test(id)) throw new ApiError(400, "invalid_id", "document ids are letters, digits, - and _ (at most 64)");
    const body = await withRun(deps.index, async (run): Promise<DocumentResponse> => {
      const document = run.catalog.document(id);
      if (!document) throw new ApiError(404, "not_found", `no document with id ${id}`);
      const rows = await run.passages.query().where(buildWhere([{ column: "document_id", op: "=", value: id }])!)
        .select(run.columns).limit(100_000).toArray();
      const passages = rows.map(rowToPassage).sort((a, b) => a.ordinal - b.ordinal)
        .map(({ id: pid, heading, text, ordinal, kind, page }) => ({ id: pid, heading, text, ordinal, kind, page }));
      return { document, issue: run.catalog.issue(document.issueId)!, passages };
    });
    return c.json(body);
  });

  return app;
}

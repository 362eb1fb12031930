/**
 * POST /api/feedback: 有用 / 没用 on an answer. There is no route that lists feedback: comments are
 * people's own words, read by a reviewer from the file (`npm run eval -- --from-feedback`), not by
 * anyone who can reach the server.
 */
import { Hono } from "hono";
import { FeedbackRequestSchema } from "../../core/feedback.ts";
import type { AppDeps } from "../deps.ts";
import { ApiError } from "../http/errors.ts";
import { jsonBody, parseWith } from "../routes/util.ts";
import { FeedbackFullError } from "./store.ts";

export function feedbackRoutes(deps: AppDeps): Hono {
  const app = new Hono();

  app.post("/feedback", async (c) => {
    const request = parseWith(FeedbackRequestSchema, await jsonBody(c));
    try {
      const record = await deps.feedback.add(request, deps.index.current()?.run.run_id ?? null);
      return c.json({ id: record.id, at: record.at }, 201);
    } catch (err) {
      if (err instanceof FeedbackFullError) throw new ApiError(507, "feedback_full", "the feedback store is full; nothing was stored. Ask the operator to archive it");
      throw err;
    }
  });

  return app;
}

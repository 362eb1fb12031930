/** POST /api/chat: a cited answer as JSON, or as server-sent events (citations, deltas, done). */
import { Hono } from "hono";
import { streamSSE } from "hono/streaming";
import type { ChatRequest } from "../../core/api-schema.ts";
import { ChatRequestSchema } from "../../core/api-schema.ts";
import type { AppDeps } from "../deps.ts";
import { ApiError } from "../http/errors.ts";
import { checkQuestion } from "./question.ts";
import { jsonBody, parseWith, requireRun } from "./util.ts";

/** Validate a chat request beyond its shape: the last message is the user's question. */
export function checkConversation(req: ChatRequest): ChatRequest {
  const last = req.messages[req.messages.length - 1]!;
  if (last.role !== "user") throw new ApiError(400, "invalid_request", "the last message must be the user's question");
  checkQuestion(last.content);
  return req;
}

/** Split an answer into small pieces for streaming, never inside a [n] marker. */
export function chunks(text: string, size = 24): string[] {
  const out: string[] = [];
  const tokens = text.match(/\[\d+\]|[\s\S]/gu) ?? [];
  let cur = "";
  for (const t of tokens) {
    cur += t;
    if (cur.length >= size && !t.startsWith("[")) {
      out.push(cur);
      cur = "";
    }
  }
  if (cur) out.push(cur);
  return out;
}

export function chatRoutes(deps: AppDeps): Hono {
  const app = new Hono();
  app.post("/chat", async (c) => {
    const req = checkConversation(parseWith(ChatRequestSchema, await jsonBody(c)));
    const run = requireRun(deps.index);
    if (!req.stream) {
      const out = await deps.answers.answer(run, req.messages, { filters: req.filters, signal: c.req.raw.signal });
      return c.json(out.response);
    }
    return streamSSE(c, async (sse) => {
      const abort = new AbortController();
      sse.onAbort(() => abort.abort());
      try {
        const out = await deps.answers.answer(run, req.messages, { filters: req.filters, signal: abort.signal });
        const r = out.response;
        await sse.writeSSE({ event: "citations", data: JSON.stringify(r.citations) });
        for (const piece of chunks(r.answer)) {
          if (abort.signal.aborted) return;
          await sse.writeSSE({ event: "delta", data: JSON.stringify({ text: piece }) });
        }
        await sse.writeSSE({
          event: "done",
          data: JSON.stringify({ abstained: r.abstained, mode: r.mode, ...(r.note ? { note: r.note } : {}), ...(r.related ? { related: r.related } : {}) }),
        });
      } catch (err) {
        deps.log.error("chat stream failed", { error: err instanceof Error ? err.message : String(err) });
        await sse.writeSSE({ event: "error", data: JSON.stringify({ code: "internal_error", message: "the answer could not be completed; please retry" }) });
      }
    });
  });
  return app;
}

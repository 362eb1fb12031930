/** POST /api/chat: a cited answer as JSON, or as server-sent events (citations, deltas, done). */
import { Hono } from "hono";
import { streamSSE } from "hono/streaming";
import type { ChatRequest } from "../../core/api-schema.ts";
import { ChatRequestSchema } from "../../core/api-schema.ts";
import type { AppDeps } from "../deps.ts";
import { DeadlineExceeded, requestSignal } from "../http/deadline.ts";
import { ApiError } from "../http/errors.ts";
import { checkFilters, checkQuestion } from "./question.ts";
import { jsonBody, parseWith, requireRun, withRun } from "./util.ts";

/** Validate a chat request beyond its shape: the last message is the user's question. */
export function checkConversation(req: ChatRequest): ChatRequest {
  const last = req.messages[req.messages.length - 1]!;
  if (last.role !== "user") throw new ApiError(400, "invalid_request", "the last message must be the user's question", {}, "messages");
  checkQuestion(last.content, "messages");
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
    checkFilters(req.filters);
    requireRun(deps.index);
    if (!req.stream) {
      const out = await withRun(deps.index, (run) => deps.answers.answer(run, req.messages, { filters: req.filters, signal: requestSignal(c) }));
      return c.json(out.response);
    }
    const requestId = c.get("requestId" as never) as string | undefined;
    return streamSSE(c, async (sse) => {
      // The deadline middleware lets a stream go once it has started: the answer itself gets the same deadline here.
      const disconnected = new AbortController();
      sse.onAbort(() => disconnected.abort());
      const timeout = AbortSignal.timeout(deps.requestTimeoutMs);
      const signal = AbortSignal.any([disconnected.signal, timeout]);
      try {
        const out = await withRun(deps.index, (run) => deps.answers.answer(run, req.messages, { filters: req.filters, signal }));
        if (timeout.aborted) throw new DeadlineExceeded("the answer came too late");
        const r = out.response;
        await sse.writeSSE({ event: "citations", data: JSON.stringify(r.citations) });
        for (const piece of chunks(r.answer)) {
          if (disconnected.signal.aborted) return;
          await sse.writeSSE({ event: "delta", data: JSON.stringify({ text: piece }) });
        }
        await sse.writeSSE({
          event: "done",
          data: JSON.stringify({ abstained: r.abstained, mode: r.mode, ...(r.note ? { note: r.note } : {}), ...(r.related ? { related: r.related } : {}) }),
        });
      } catch (err) {
        if (disconnected.signal.aborted) return;
        const late = timeout.aborted;
        if (!late) deps.log.error("chat stream failed", { requestId, error: err instanceof Error ? err.message : String(err) });
        const error = late
          ? { code: "timeout", message: `the server could not answer within ${Math.round(deps.requestTimeoutMs / 1000)} s; please retry` }
          : { code: "internal_error", message: "the answer could not be completed; please retry" };
        await sse.writeSSE({ event: "error", data: JSON.stringify(error) });
      }
    });
  });
  return app;
}

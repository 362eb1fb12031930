/**
 * POST /v1/chat/completions: the same cited answers as /api/chat for OpenAI chat clients.
 * The answer is `choices[0].message.content` with its sources listed below it; the citations
 * themselves are the extra top-level `citations` field (on the first and last chunk when streamed).
 */
import { randomUUID } from "node:crypto";
import { Hono } from "hono";
import { streamSSE } from "hono/streaming";
import type { ChatResponse } from "../../../core/api-schema.ts";
import type { ChatCompletion, ChatCompletionChunk, CompletionExtras, CompletionUsage, FinishReason } from "../../../core/openai-schema.ts";
import { sourceLabel } from "../../answer/citations.ts";
import type { AppDeps } from "../../deps.ts";
import { requestSignal } from "../../http/deadline.ts";
import { checkConversation, chunks } from "../chat.ts";
import { jsonBody, requireRun, withRun } from "../util.ts";
import { resolveModel } from "./models.ts";
import { conversationOf, maxTokensOf, readCompletionRequest, stopsOf } from "./request.ts";
import { estimatePromptTokens, estimateTokens, truncateToTokens } from "./tokens.ts";

/** The answer with its sources listed below it, for clients that show only the text. */
export function withSources(r: ChatResponse): string {
  if (r.citations.length === 0) return r.answer;
  return `${r.answer}\n\n来源：\n${r.citations.map((c) => `[${c.n}] ${sourceLabel(c)}`).join("\n")}`;
}

/** The content as the request bounds it: cut before the first stop sequence, then to `max_tokens` (finish_reason `length`). */
export function bound(content: string, stops: string[], maxTokens: number | null): { content: string; finish: FinishReason } {
  const at = Math.min(...stops.map((s) => content.indexOf(s)).filter((i) => i >= 0));
  const stopped = Number.isFinite(at) ? content.slice(0, at) : content;
  if (maxTokens === null) return { content: stopped, finish: "stop" };
  const cut = truncateToTokens(stopped, maxTokens);
  return { content: cut.text, finish: cut.truncated ? "length" : "stop" };
}

function extrasOf(r: ChatResponse): CompletionExtras {
  return { citations: r.citations, abstained: r.abstained, mode: r.mode, ...(r.note ? { note: r.note } : {}) };
}

export function completionRoutes(deps: AppDeps): Hono {
  const app = new Hono();
  app.post("/chat/completions", async (c) => {
    const req = readCompletionRequest(await jsonBody(c));
    const model = resolveModel(req.model, deps.answers.mode);
    const messages = conversationOf(req);
    checkConversation({ messages: messages.length ? messages : [{ role: "user", content: "" }] });
    requireRun(deps.index);
    const id = `chatcmpl-${randomUUID()}`;
    const created = Math.floor(Date.now() / 1000);
    const out = await withRun(deps.index, (run) => deps.answers.answer(run, messages, { signal: requestSignal(c), mode: model.mode }));
    const { content, finish } = bound(withSources(out.response), stopsOf(req), maxTokensOf(req));
    const prompt = estimatePromptTokens(messages.map((m) => m.content));
    const completion = estimateTokens(content);
    const usage: CompletionUsage = { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
    const extras = extrasOf(out.response);
    if (!req.stream) {
      return c.json<ChatCompletion>({
        id, object: "chat.completion", created, model: model.id,
        choices: [{ index: 0, message: { role: "assistant", content, refusal: null }, finish_reason: finish, logprobs: null }],
        usage,
        ...extras,
      });
    }
    const withUsage = req.stream_options?.include_usage === true;
    const chunk = (choices: ChatCompletionChunk["choices"], more: Partial<ChatCompletionChunk> = {}): string =>
      JSON.stringify({ id, object: "chat.completion.chunk", created, model: model.id, choices, ...(withUsage ? { usage: null } : {}), ...more } satisfies ChatCompletionChunk);
    const choice = (delta: ChatCompletionChunk["choices"][number]["delta"], finishReason: FinishReason | null = null) => [{ index: 0 as const, delta, finish_reason: finishReason, logprobs: null }];
    return streamSSE(c, async (sse) => {
      // Citations first, as /api/chat sends them, so a client can show the sources while the text arrives…
      await sse.writeSSE({ data: chunk(choice({ role: "assistant", content: "" }), extras) });
      for (const piece of chunks(content)) await sse.writeSSE({ data: chunk(choice({ content: piece })) });
      // …and again on the finishing chunk, where clients written before read them.
      await sse.writeSSE({ data: chunk(choice({}, finish), extras) });
      if (withUsage) await sse.writeSSE({ data: chunk([], { usage }) });
      await sse.writeSSE({ data: "[DONE]" });
    });
  });
  return app;
}

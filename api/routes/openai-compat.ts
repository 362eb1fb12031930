/** POST /v1/chat/completions: the same answers for existing OpenAI chat clients, citations in an extra field. */
import { randomUUID } from "node:crypto";
import { Hono } from "hono";
import { streamSSE } from "hono/streaming";
import { z } from "zod";
import type { ChatMessage, ChatResponse } from "../../core/api-schema.ts";
import { LIMITS } from "../../core/api-schema.ts";
import type { AppDeps } from "../deps.ts";
import { sourceLabel } from "../answer/citations.ts";
import { requestSignal } from "../http/deadline.ts";
import { checkConversation, chunks } from "./chat.ts";
import { jsonBody, parseWith, requireRun, withRun } from "./util.ts";

const Content = z.union([
  z.string().max(LIMITS.messageChars),
  z.array(z.object({ type: z.string(), text: z.string().max(LIMITS.messageChars).optional() })).max(50),
]);

const CompletionRequestSchema = z.object({
  model: z.string().max(200).optional(),
  messages: z.array(z.object({ role: z.enum(["system", "developer", "user", "assistant", "tool"]), content: Content.nullable() })).min(1).max(LIMITS.messages),
  stream: z.boolean().optional(),
});

function textOf(content: z.infer<typeof Content> | null): string {
  if (content === null) return "";
  return typeof content === "string" ? content : content.map((p) => p.text ?? "").join("");
}

/** Client-supplied system prompts are ignored: the server's own rules always apply. */
function toMessages(req: z.infer<typeof CompletionRequestSchema>): ChatMessage[] {
  return req.messages
    .filter((m): m is typeof m & { role: "user" | "assistant" } => m.role === "user" || m.role === "assistant")
    .map((m) => ({ role: m.role, content: textOf(m.content) }));
}

export function withSources(r: ChatResponse): string {
  if (r.citations.length === 0) return r.answer;
  return `${r.answer}\n\n来源：\n${r.citations.map((c) => `[${c.n}] ${sourceLabel(c)}`).join("\n")}`;
}

export function openAiRoutes(deps: AppDeps): Hono {
  const app = new Hono();
  app.post("/chat/completions", async (c) => {
    const req = parseWith(CompletionRequestSchema, await jsonBody(c));
    const messages = toMessages(req);
    checkConversation({ messages: messages.length ? messages : [{ role: "user", content: "" }] });
    requireRun(deps.index);
    const model = `gongbao-${deps.answers.mode}`;
    const id = `chatcmpl-${randomUUID()}`;
    const created = Math.floor(Date.now() / 1000);
    const out = await withRun(deps.index, (run) => deps.answers.answer(run, messages, { signal: requestSignal(c) }));
    const content = withSources(out.response);
    const extra = { citations: out.response.citations, abstained: out.response.abstained, mode: out.response.mode, ...(out.response.note ? { note: out.response.note } : {}) };
    if (!req.stream) {
      return c.json({
        id, object: "chat.completion", created, model,
        choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }],
        usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
        ...extra,
      });
    }
    return streamSSE(c, async (sse) => {
      const chunk = (delta: Record<string, string>, finish: string | null) =>
        JSON.stringify({ id, object: "chat.completion.chunk", created, model, choices: [{ index: 0, delta, finish_reason: finish }] });
      await sse.writeSSE({ data: chunk({ role: "assistant" }, null) });
      for (const piece of chunks(content)) await sse.writeSSE({ data: chunk({ content: piece }, null) });
      await sse.writeSSE({ data: JSON.stringify({ ...JSON.parse(chunk({}, "stop")), ...extra }) });
      await sse.writeSSE({ data: "[DONE]" });
    });
  });
  return app;
}

/** The /v1 routes over a real index, through `app.request()`: what OpenAI clients send and what they read back. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatCompletion, ChatCompletionChunk, ModelList } from "../../../core/openai-schema.ts";
import { createLog } from "../../../core/util/log.ts";
import type { TempIndex } from "../../../test/helpers/temp-index.ts";
import { buildTempIndex } from "../../../test/helpers/temp-index.ts";
import { composeApp } from "../../../server/compose.ts";
import { estimateTokens } from "./tokens.ts";

let index: TempIndex;
let services: ReturnType<typeof composeApp>;

beforeAll(async () => {
  index = await buildTempIndex();
  services = composeApp(index.config, createLog("silent"), null);
  await services.index.start();
});

afterAll(() => {
  services?.index.stop();
  index?.cleanup();
});

const Q = "2020年重点民生实事要新增多少城镇就业？";
const ask = (body: Record<string, unknown>) =>
  services.app.request("/v1/chat/completions", {
    method: "POST", headers: { "content-type": "application/json" },
    body: JSON.stringify({ model: "gongbao", messages: [{ role: "user", content: Q }], ...body }),
  });

/** The `data:` payloads of an SSE body, `[DONE]` included. */
async function chunksOf(res: Response): Promise<(ChatCompletionChunk | "[DONE]")[]> {
  const text = await res.text();
  return [...text.matchAll(/^data: (.*)$/gm)].map((m) => (m[1] === "[DONE]" ? "[DONE]" : JSON.parse(m[1]!)));
}

describe("GET /v1/models", () => {
  it("lists gongbao and the offline answerer (no LLM configured, so no gongbao-llm)", async () => {
    const res = await services.app.request("/v1/models");
    expect(res.status).toBe(200);
    const body: ModelList = await res.json();
    expect(body.object).toBe("list");
    expect(body.data.map((m) => m.id)).toEqual(["gongbao", "gongbao-extractive"]);
    expect(body.data[0]).toMatchObject({ object: "model", owned_by: "gongbao" });
    expect(Number.isInteger(body.data[0]!.created)).toBe(true);
  });

  it("retrieves one model, and a 404 model_not_found for an unknown one", async () => {
    expect(await (await services.app.request("/v1/models/gongbao-extractive")).json()).toMatchObject({ id: "gongbao-extractive", object: "model" });
    const res = await services.app.request("/v1/models/gpt-4o");
    expect(res.status).toBe(404);
    expect((await res.json()).error).toMatchObject({ code: "model_not_found", type: "invalid_request_error", param: "model" });
  });
});

describe("POST /v1/chat/completions", () => {
  it("answers with citations and usage estimated from the text", async () => {
    const res = await ask({});
    expect(res.status).toBe(200);
    const body: ChatCompletion = await res.json();
    const content = body.choices[0].message.content;
    expect(content).toContain("3.8万人");
    expect(body.choices[0].finish_reason).toBe("stop");
    expect(body.model).toBe("gongbao-extractive");
    expect(body.citations.length).toBeGreaterThan(0);
    expect(body.usage.completion_tokens).toBe(estimateTokens(content));
    expect(body.usage.prompt_tokens).toBeGreaterThan(estimateTokens(Q));
    expect(body.usage.total_tokens).toBe(body.usage.prompt_tokens + body.usage.completion_tokens);
  });

  it("accepts the harmless parameters clients send (sampling, bookkeeping, tools it may leave uncalled)", async () => {
    const res = await ask({
      temperature: 0.2, top_p: 0.9, seed: 7, user: "u-1", metadata: { app: "x" }, store: false, frequency_penalty: 0, presence_penalty: 0,
      stream_options: null, response_format: { type: "text" }, tool_choice: "auto", parallel_tool_calls: false,
      tools: [{ type: "function", function: { name: "lookup", parameters: { type: "object" } } }], n: 1, logprobs: false,
    });
    expect(res.status).toBe(200);
    expect((await res.json()).choices[0].message.content).toContain("3.8万人");
  });

  it.each([
    ["response_format", { response_format: { type: "json_object" } }],
    ["response_format", { response_format: { type: "json_schema", json_schema: { name: "x", schema: {} } } }],
    ["tool_choice", { tools: [{ type: "function", function: { name: "f" } }], tool_choice: "required" }],
    ["tool_choice", { tools: [{ type: "function", function: { name: "f" } }], tool_choice: { type: "function", function: { name: "f" } } }],
    ["function_call", { functions: [{ name: "f" }], function_call: { name: "f" } }],
    ["n", { n: 2 }],
    ["logprobs", { logprobs: true }],
    ["top_logprobs", { top_logprobs: 3 }],
    ["modalities", { modalities: ["text", "audio"] }],
    ["messages[0].content[1].type", { messages: [{ role: "user", content: [{ type: "text", text: Q }, { type: "image_url", image_url: { url: "x" } }] }] }],
  ])("refuses what it cannot honour with a 400 naming %s", async (param, body) => {
    const res = await ask(body);
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error).toMatchObject({ code: "unsupported_value", type: "invalid_request_error", param });
    expect(error.message.length).toBeGreaterThan(20);
    expect(error.requestId).toMatch(/\S/);
  });

  it("names an unknown parameter, as OpenAI does", async () => {
    const res = await ask({ best_of: 3 });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatchObject({ code: "unknown_parameter", param: "best_of", type: "invalid_request_error" });
  });

  it("names the field of a malformed request in OpenAI's form", async () => {
    const res = await ask({ messages: [{ role: "wizard", content: Q }] });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatchObject({ code: "invalid_role", param: "messages[0].role", type: "invalid_request_error" });
  });

  it("refuses a model name it does not serve", async () => {
    const res = await ask({ model: "gpt-4o" });
    expect(res.status).toBe(404);
    expect((await res.json()).error).toMatchObject({ code: "model_not_found", param: "model" });
  });

  it("honours max_tokens: the text cut to the budget, finish_reason length", async () => {
    const full: ChatCompletion = await (await ask({})).json();
    const res = await ask({ max_tokens: 10 });
    const body: ChatCompletion = await res.json();
    const content = body.choices[0].message.content;
    expect(body.choices[0].finish_reason).toBe("length");
    expect(estimateTokens(content)).toBeLessThanOrEqual(10);
    expect(full.choices[0].message.content.startsWith(content)).toBe(true);
    expect(body.usage.completion_tokens).toBe(estimateTokens(content));
    const roomy: ChatCompletion = await (await ask({ max_completion_tokens: 100_000 })).json();
    expect(roomy.choices[0]).toMatchObject({ finish_reason: "stop", message: { content: full.choices[0].message.content } });
  });

  it("honours stop: the text ends before the first stop sequence", async () => {
    const body: ChatCompletion = await (await ask({ stop: ["来源："] })).json();
    expect(body.choices[0].message.content).toContain("3.8万人");
    expect(body.choices[0].message.content).not.toContain("来源：");
  });

  it("streams citations on the first and last chunk, then the usage chunk when asked", async () => {
    const res = await ask({ stream: true, stream_options: { include_usage: true } });
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const all = await chunksOf(res);
    expect(all.at(-1)).toBe("[DONE]");
    const chunks = all.slice(0, -1) as ChatCompletionChunk[];
    const [first, last, usage] = [chunks[0]!, chunks.at(-2)!, chunks.at(-1)!];
    expect(first.choices[0]!.delta.role).toBe("assistant");
    expect(first.citations?.length).toBeGreaterThan(0);
    expect(last.citations).toEqual(first.citations);
    expect(last.choices[0]!.finish_reason).toBe("stop");
    expect(usage.choices).toEqual([]);
    const text = chunks.map((c) => c.choices[0]?.delta.content ?? "").join("");
    expect(text).toContain("3.8万人");
    expect(usage.usage).toMatchObject({ completion_tokens: estimateTokens(text) });
    expect(chunks.slice(0, -1).every((c) => c.usage === null)).toBe(true);
  });

  it("streams no usage chunk and no usage field unless asked", async () => {
    const chunks = (await chunksOf(await ask({ stream: true }))).slice(0, -1) as ChatCompletionChunk[];
    expect(chunks.every((c) => c.choices.length === 1 && !("usage" in c))).toBe(true);
  });
});

describe("errors under /v1", () => {
  it("carry OpenAI's type and param beside code, message and requestId", async () => {
    const res = await services.app.request("/v1/embeddings", { method: "POST" });
    expect(res.status).toBe(404);
    const { error } = await res.json();
    expect(error).toMatchObject({ code: "not_found", type: "invalid_request_error", param: null });
    expect(error.requestId).toBe(res.headers.get("x-request-id"));
  });

  it("leave /api errors as the contract has them", async () => {
    const { error } = await (await services.app.request("/api/nope")).json();
    expect(Object.keys(error).sort()).toEqual(["code", "message", "requestId"]);
  });
});

/**
 * The OpenAI-compatible surface under /v1 (docs/clients.md): the chat completion request as
 * gongbao reads it, and the completion, chunk and model shapes it sends. Every parameter of
 * OpenAI's chat API is named here, so an unknown one is refused rather than silently dropped.
 */
import { z } from "zod";
import type { CitationOut } from "./api-schema.ts";
import { LIMITS } from "./api-schema.ts";

const Text = z.string().max(LIMITS.messageChars);

/** Content parts: text is read; an image, audio or file part is refused by the route (it cannot be read). */
const ContentPart = z.object({ type: z.string().max(40), text: Text.optional() });
export const ContentSchema = z.union([Text, z.array(ContentPart).max(50)]);

const MessageSchema = z.object({
  role: z.enum(["system", "developer", "user", "assistant", "tool", "function"]),
  content: ContentSchema.nullish(),
});

const ToolSchema = z.object({ type: z.string().max(40), function: z.object({ name: z.string().max(200) }).loose().optional() }).loose();

/** `tool_choice`: the strings OpenAI accepts, or one named tool. */
const ToolChoiceSchema = z.union([
  z.enum(["auto", "none", "required"]),
  z.object({ type: z.string().max(40) }).loose(),
]);

export const CompletionRequestSchema = z
  .object({
    // Read and honoured.
    model: z.string().max(200).nullish(),
    messages: z.array(MessageSchema).min(1).max(LIMITS.messages),
    stream: z.boolean().nullish(),
    stream_options: z.object({ include_usage: z.boolean().nullish(), include_obfuscation: z.boolean().nullish() }).nullish(),
    max_tokens: z.number().int().min(1).nullish(),
    max_completion_tokens: z.number().int().min(1).nullish(),
    stop: z.union([z.string().max(200), z.array(z.string().max(200)).max(4)]).nullish(),
    // Refused unless given a value gongbao can honour (see api/routes/openai/request.ts).
    response_format: z.object({ type: z.string().max(40) }).loose().nullish(),
    tools: z.array(ToolSchema).max(128).nullish(),
    tool_choice: ToolChoiceSchema.nullish(),
    functions: z.array(z.object({ name: z.string().max(200) }).loose()).max(128).nullish(),
    function_call: z.union([z.enum(["auto", "none"]), z.object({ name: z.string().max(200) }).loose()]).nullish(),
    n: z.number().int().min(1).max(128).nullish(),
    logprobs: z.boolean().nullish(),
    top_logprobs: z.number().int().min(0).max(20).nullish(),
    modalities: z.array(z.string().max(20)).max(4).nullish(),
    audio: z.object({}).loose().nullish(),
    web_search_options: z.object({}).loose().nullish(),
    // Accepted and ignored: sampling and bookkeeping an answer quoted from the gazettes has no use for.
    temperature: z.number().min(0).max(2).nullish(),
    top_p: z.number().min(0).max(1).nullish(),
    frequency_penalty: z.number().min(-2).max(2).nullish(),
    presence_penalty: z.number().min(-2).max(2).nullish(),
    logit_bias: z.record(z.string(), z.number()).nullish(),
    seed: z.number().int().nullish(),
    user: z.string().max(256).nullish(),
    safety_identifier: z.string().max(256).nullish(),
    prompt_cache_key: z.string().max(256).nullish(),
    metadata: z.record(z.string(), z.string().max(512)).nullish(),
    store: z.boolean().nullish(),
    service_tier: z.string().max(40).nullish(),
    reasoning_effort: z.string().max(40).nullish(),
    verbosity: z.string().max(40).nullish(),
    parallel_tool_calls: z.boolean().nullish(),
    prediction: z.object({}).loose().nullish(),
  })
  .strict();
export type CompletionRequest = z.infer<typeof CompletionRequestSchema>;

export interface CompletionUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

/** The extras beside OpenAI's fields: the citations of the answer, as in /api/chat. */
export interface CompletionExtras {
  citations: CitationOut[];
  abstained: boolean;
  mode: "extractive" | "llm";
  note?: string;
}

export type FinishReason = "stop" | "length";

export interface ChatCompletion extends CompletionExtras {
  id: string;
  object: "chat.completion";
  created: number;
  model: string;
  choices: [{ index: 0; message: { role: "assistant"; content: string; refusal: null }; finish_reason: FinishReason; logprobs: null }];
  usage: CompletionUsage;
}

export interface ChatCompletionChunk extends Partial<CompletionExtras> {
  id: string;
  object: "chat.completion.chunk";
  created: number;
  model: string;
  choices: { index: 0; delta: { role?: "assistant"; content?: string }; finish_reason: FinishReason | null; logprobs: null }[];
  /** With `stream_options.include_usage`: null on every chunk but the last, which has `choices: []`. */
  usage?: CompletionUsage | null;
}

export interface ModelCard {
  id: string;
  object: "model";
  created: number;
  owned_by: "gongbao";
}

export interface ModelList {
  object: "list";
  data: ModelCard[];
}

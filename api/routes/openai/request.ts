/**
 * Reading a chat completion request: its shape (core/openai-schema.ts), then what gongbao can
 * honour. A parameter whose effect a client relies on — JSON output, a forced tool call,
 * several choices, log probabilities — is refused with a 400 naming it, because ignoring it
 * makes the client fail on its side (a JSON parse error, a tool-choice violation, or nothing).
 */
import type { ChatMessage } from "../../../core/api-schema.ts";
import type { CompletionRequest } from "../../../core/openai-schema.ts";
import { CompletionRequestSchema } from "../../../core/openai-schema.ts";
import { ApiError, invalidRequest } from "../../http/errors.ts";

interface Refusal {
  param: string;
  refuses(req: CompletionRequest): boolean;
  /** Why, and what to send instead. */
  message: string;
}

const REFUSALS: Refusal[] = [
  {
    param: "response_format",
    refuses: (r) => r.response_format != null && r.response_format.type !== "text",
    message: "answers are cited text quoted from the gazettes, never JSON; omit response_format or send {\"type\": \"text\"}",
  },
  {
    param: "tool_choice",
    refuses: (r) => r.tool_choice === "required" || typeof r.tool_choice === "object",
    message: "gongbao never calls tools; omit tool_choice or send \"auto\" or \"none\"",
  },
  {
    param: "function_call",
    refuses: (r) => typeof r.function_call === "object" && r.function_call !== null,
    message: "gongbao never calls functions; omit function_call or send \"auto\" or \"none\"",
  },
  {
    param: "n",
    refuses: (r) => (r.n ?? 1) > 1,
    message: "one choice per request: the answer follows from the gazettes, so every choice would be the same",
  },
  {
    param: "logprobs",
    refuses: (r) => r.logprobs === true,
    message: "answers are not sampled token by token, so there are no log probabilities",
  },
  {
    param: "top_logprobs",
    refuses: (r) => (r.top_logprobs ?? 0) > 0,
    message: "answers are not sampled token by token, so there are no log probabilities",
  },
  {
    param: "modalities",
    refuses: (r) => (r.modalities ?? []).some((m) => m !== "text"),
    message: "answers are text only",
  },
  { param: "audio", refuses: (r) => r.audio != null, message: "answers are text only" },
  { param: "web_search_options", refuses: (r) => r.web_search_options != null, message: "answers come from the gazettes only, never from the web" },
];

/** The request's shape, as a 400 naming the first field at fault; an unknown parameter is named as OpenAI names it. */
function parse(body: unknown): CompletionRequest {
  const r = CompletionRequestSchema.safeParse(body);
  if (r.success) return r.data;
  const first = r.error.issues[0];
  if (first?.code === "unrecognized_keys" && first.path.length === 0) {
    const key = first.keys[0]!;
    throw new ApiError(400, "unknown_parameter", `unrecognized request argument supplied: ${key.slice(0, 64)}`, {}, key.slice(0, 64));
  }
  throw invalidRequest(r.error);
}

/** A content part gongbao cannot read (an image, audio, a file): refused, not dropped. */
function checkContentParts(req: CompletionRequest): void {
  req.messages.forEach((m, i) => {
    if (!Array.isArray(m.content)) return;
    const j = m.content.findIndex((p) => p.type !== "text");
    if (j >= 0) throw new ApiError(400, "unsupported_value", "only text content can be read; send the question as text", {}, `messages[${i}].content[${j}].type`);
  });
}

export function readCompletionRequest(body: unknown): CompletionRequest {
  const req = parse(body);
  checkContentParts(req);
  const refusal = REFUSALS.find((r) => r.refuses(req));
  if (refusal) throw new ApiError(400, "unsupported_value", `${refusal.param} is not supported: ${refusal.message}`, {}, refusal.param);
  return req;
}

function textOf(content: CompletionRequest["messages"][number]["content"]): string {
  if (content == null) return "";
  return typeof content === "string" ? content : content.map((p) => p.text ?? "").join("");
}

/** The conversation the answerer reads: client system and developer prompts are ignored, the server's own rules always apply. */
export function conversationOf(req: CompletionRequest): ChatMessage[] {
  return req.messages
    .filter((m): m is typeof m & { role: "user" | "assistant" } => m.role === "user" || m.role === "assistant")
    .map((m) => ({ role: m.role, content: textOf(m.content) }));
}

/** `max_completion_tokens`, or the older `max_tokens` it replaces. */
export function maxTokensOf(req: CompletionRequest): number | null {
  return req.max_completion_tokens ?? req.max_tokens ?? null;
}

export function stopsOf(req: CompletionRequest): string[] {
  const stops = req.stop == null ? [] : typeof req.stop === "string" ? [req.stop] : req.stop;
  return stops.filter((s) => s.length > 0);
}

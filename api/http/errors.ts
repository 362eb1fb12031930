/** One error type for the API: a status, a stable code and a message a person can act on. */
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { ZodError } from "zod";

export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
    /** The request field at fault (`messages[0].role`, `response_format`), when one is. */
    readonly param: string | null = null,
  ) {
    super(message);
  }
}

/** OpenAI's error `type` for a status, so OpenAI SDKs can tell failures apart by `e.type` as well as by class. */
function openAiType(status: number): string {
  if (status === 401) return "authentication_error";
  if (status === 403) return "permission_error";
  if (status === 429) return "rate_limit_error";
  return status >= 500 ? "server_error" : "invalid_request_error";
}

/** `{error: {code, message, requestId}}`; under /v1 also OpenAI's `type` and `param`. */
export function errorResponse(c: Context, err: ApiError): Response {
  const requestId = c.get("requestId" as never) as string | undefined;
  for (const [k, v] of Object.entries(err.headers)) c.header(k, v);
  const openAi = c.req.path.startsWith("/v1/") ? { type: openAiType(err.status), param: err.param } : {};
  return c.json({ error: { code: err.code, message: err.message, ...openAi, ...(requestId ? { requestId } : {}) } }, err.status);
}

type Issue = ZodError["issues"][number];

/** A more specific code for the failures clients most often need to tell apart. */
function codeFor(issue: Issue): string {
  const path = issue.path.map(String);
  const last = path[path.length - 1];
  if (issue.code === "too_big" && (last === "content" || last === "q")) return "question_too_long";
  if (issue.code === "too_big" && last === "messages") return "too_many_messages";
  if (last === "role" && (issue.code === "invalid_value" || issue.code === "invalid_type")) return "invalid_role";
  return "invalid_request";
}

/** A field path as OpenAI writes it: `messages[0].content`. */
function paramOf(issue: Issue): string | null {
  const path = issue.code === "unrecognized_keys" ? [...issue.path, issue.keys[0] ?? ""] : issue.path;
  const s = path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("").replace(/^\./, "");
  return s || null;
}

/** A zod failure as a 400 naming the offending fields (never echoing the input). */
export function invalidRequest(error: ZodError): ApiError {
  const first = error.issues.slice(0, 3).map((i) => `${i.path.join(".") || "body"}: ${i.message}`);
  const code = error.issues[0] ? codeFor(error.issues[0]) : "invalid_request";
  return new ApiError(400, code, `invalid request — ${first.join("; ")}`, {}, error.issues[0] ? paramOf(error.issues[0]) : null);
}

/** The index is not there (yet): 503 with code `no_index`, which the web UI explains to the user. */
export const noIndex = (message: string) =>
  new ApiError(503, "no_index", `${message}. The server keeps running; it will pick up the index as soon as it is built.`, { "Retry-After": "30" });

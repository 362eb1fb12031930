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
  ) {
    super(message);
  }
}

export function errorResponse(c: Context, err: ApiError): Response {
  const requestId = c.get("requestId" as never) as string | undefined;
  for (const [k, v] of Object.entries(err.headers)) c.header(k, v);
  return c.json({ error: { code: err.code, message: err.message, ...(requestId ? { requestId } : {}) } }, err.status);
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

/** A zod failure as a 400 naming the offending fields (never echoing the input). */
export function invalidRequest(error: ZodError): ApiError {
  const first = error.issues.slice(0, 3).map((i) => `${i.path.join(".") || "body"}: ${i.message}`);
  const code = error.issues[0] ? codeFor(error.issues[0]) : "invalid_request";
  return new ApiError(400, code, `invalid request — ${first.join("; ")}`);
}

/** The index is not there (yet): 503 with code `no_index`, which the web UI explains to the user. */
export const noIndex = (message: string) =>
  new ApiError(503, "no_index", `${message}. The server keeps running; it will pick up the index as soon as it is built.`, { "Retry-After": "30" });

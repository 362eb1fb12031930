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

/** A zod failure as a 400 naming the offending fields (never echoing the input). */
export function invalidRequest(error: ZodError): ApiError {
  const first = error.issues.slice(0, 3).map((i) => `${i.path.join(".") || "body"}: ${i.message}`);
  return new ApiError(400, "invalid_request", `invalid request — ${first.join("; ")}`);
}

export const noIndex = (message: string) => new ApiError(503, "index_unavailable", `${message}. The server keeps running; it will pick up the index as soon as it is built.`);

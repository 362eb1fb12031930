import type { Context } from "hono";
import type { z } from "zod";
import type { IndexSource } from "../deps.ts";
import type { OpenRun } from "../index/live-index.ts";
import { ApiError, invalidRequest, noIndex } from "../http/errors.ts";

export function requireRun(index: IndexSource): OpenRun {
  const run = index.current();
  if (run) return run;
  const s = index.state();
  throw noIndex(s.state === "ok" ? "the index is loading" : s.message);
}

export function parseWith<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const r = schema.safeParse(value);
  if (!r.success) throw invalidRequest(r.error);
  return r.data;
}

/** The JSON body of a POST, with clear errors for the wrong content type and malformed JSON. */
export async function jsonBody(c: Context): Promise<unknown> {
  const type = c.req.header("content-type") ?? "";
  if (!/^application\/json\b/i.test(type)) throw new ApiError(415, "unsupported_media_type", "send the request body as JSON with Content-Type: application/json");
  try {
    return await c.req.json();
  } catch {
    throw new ApiError(400, "invalid_json", "the request body is not valid JSON");
  }
}

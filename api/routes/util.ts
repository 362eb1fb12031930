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

function isAbort(err: unknown): boolean {
  return err instanceof Error && (err.name === "AbortError" || err.name === "TimeoutError");
}

/**
 * Run a query on the served index run. When it fails with anything but a client-facing
 * error, the run is checked again; if it broke (files deleted or corrupt under a running
 * server) and another run is now served, the query is retried once on that run.
 */
export async function withRun<T>(index: IndexSource, fn: (run: OpenRun) => Promise<T>): Promise<T> {
  const run = requireRun(index);
  try {
    return await fn(run);
  } catch (err) {
    if (err instanceof ApiError || isAbort(err) || !index.recheck) throw err;
    if (!(await index.recheck(run.run.run_id))) throw err;
    return fn(requireRun(index));
  }
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

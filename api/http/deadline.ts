/**
 * A deadline per request. A JSON request still running after `ms` gets a 503 `timeout`
 * and its work is cancelled through the request's AbortSignal (the LLM and embedding
 * calls listen to it). Streams answer before the deadline or end with an `error` event.
 */
import type { Context, MiddlewareHandler } from "hono";
import { ApiError } from "./errors.ts";

const SIGNAL = "requestSignal" as never;

export class DeadlineExceeded extends Error {
  override name = "TimeoutError";
}

/** The signal a handler passes to slow work: aborted on client disconnect or when the deadline passes. */
export function requestSignal(c: Context): AbortSignal {
  return (c.get(SIGNAL) as AbortSignal | undefined) ?? c.req.raw.signal;
}

export function deadline(ms: number): MiddlewareHandler {
  return async function requestDeadline(c, next) {
    const controller = new AbortController();
    c.set(SIGNAL, AbortSignal.any([c.req.raw.signal, controller.signal]) as never);
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<"expired">((resolve) => {
      timer = setTimeout(() => resolve("expired"), ms);
    });
    const handled = next().then(
      () => "handled" as const,
      (err: unknown) => ({ err }),
    );
    try {
      const outcome = await Promise.race([handled, expired]);
      if (outcome === "expired") {
        controller.abort(new DeadlineExceeded(`the request took longer than ${ms} ms`));
        throw new ApiError(503, "timeout", `the server could not answer within ${Math.round(ms / 1000)} s; please retry`, { "Retry-After": "5" });
      }
      if (typeof outcome === "object") throw outcome.err;
    } finally {
      clearTimeout(timer);
    }
  };
}

/** A request id on every response and log line (a client's own id is kept when it is well-formed). */
import { randomUUID } from "node:crypto";
import type { MiddlewareHandler } from "hono";

export function requestId(): MiddlewareHandler {
  return async function requestIdMiddleware(c, next) {
    const given = c.req.header("x-request-id");
    const id = given && /^[A-Za-z0-9_.-]{1,64}$/.test(given) ? given : randomUUID();
    c.set("requestId" as never, id as never);
    c.header("X-Request-Id", id);
    await next();
  };
}

/** Per-client fixed-window rate limit (in memory, per process); 429 with Retry-After when exceeded. */
import type { MiddlewareHandler } from "hono";
import { getConnInfo } from "@hono/node-server/conninfo";
import { ApiError } from "./errors.ts";

export interface RateLimitOptions {
  perMinute: number;
  /** Key on the address your proxy appended to X-Forwarded-For (only behind exactly one proxy you run). */
  trustProxy: boolean;
  now?: () => number;
}

export function clientKey(c: Parameters<MiddlewareHandler>[0], trustProxy: boolean): string {
  if (trustProxy) {
    // The proxy appends the peer it saw; everything left of that was written by the client and can be forged.
    const fwd = c.req.header("x-forwarded-for")?.split(",").map((s) => s.trim()).filter(Boolean).at(-1);
    if (fwd) return fwd.slice(0, 64);
  }
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    return "unknown";
  }
}

export function rateLimit(opts: RateLimitOptions): MiddlewareHandler {
  const windowMs = 60_000;
  const buckets = new Map<string, { start: number; count: number }>();
  const now = opts.now ?? Date.now;
  return async function rateLimiter(c, next) {
    if (opts.perMinute <= 0) return next();
    const t = now();
    const key = clientKey(c, opts.trustProxy);
    let b = buckets.get(key);
    if (!b || t - b.start >= windowMs) {
      b = { start: t, count: 0 };
      buckets.set(key, b);
      if (buckets.size > 10_000) for (const [k, v] of buckets) if (t - v.start >= windowMs) buckets.delete(k);
    }
    b.count++;
    const remaining = Math.max(0, opts.perMinute - b.count);
    c.header("RateLimit-Limit", String(opts.perMinute));
    c.header("RateLimit-Remaining", String(remaining));
    if (b.count > opts.perMinute) {
      const retry = Math.max(1, Math.ceil((b.start + windowMs - t) / 1000));
      throw new ApiError(429, "rate_limited", `too many requests; try again in ${retry} s`, { "Retry-After": String(retry) });
    }
    return next();
  };
}

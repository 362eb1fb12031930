/** The Hono app: middleware, API routes, and the built web UI on the same origin. */
import { existsSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { serveStatic } from "@hono/node-server/serve-static";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { cors } from "hono/cors";
import { secureHeaders } from "hono/secure-headers";
import { LIMITS } from "../core/api-schema.ts";
import type { AppDeps } from "./deps.ts";
import { ApiError, errorResponse } from "./http/errors.ts";
import { rateLimit } from "./http/rate-limit.ts";
import { requestId } from "./http/request-id.ts";
import { catalogRoutes } from "./routes/catalog.ts";
import { chatRoutes } from "./routes/chat.ts";
import { openAiRoutes } from "./routes/openai-compat.ts";
import { searchRoutes } from "./routes/search.ts";

const CSP = {
  defaultSrc: ["'self'"], scriptSrc: ["'self'"], styleSrc: ["'self'", "'unsafe-inline'"], imgSrc: ["'self'", "data:"],
  connectSrc: ["'self'"], fontSrc: ["'self'", "data:"], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'self'"], objectSrc: ["'none'"],
};

export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  app.use("*", requestId());
  app.use("*", secureHeaders({ contentSecurityPolicy: CSP }));
  if (deps.corsOrigins.length) app.use("/api/*", cors({ origin: deps.corsOrigins, allowMethods: ["GET", "POST"], maxAge: 600 }));
  app.use("/api/*", rateLimit({ perMinute: deps.rateLimitPerMinute, trustProxy: deps.trustProxy }));
  app.use("/v1/*", rateLimit({ perMinute: deps.rateLimitPerMinute, trustProxy: deps.trustProxy }));
  const limit = bodyLimit({
    maxSize: LIMITS.bodyBytes,
    onError: () => {
      throw new ApiError(413, "payload_too_large", `the request body is larger than ${LIMITS.bodyBytes / 1024} KB`);
    },
  });
  app.use("/api/*", limit);
  app.use("/v1/*", limit);

  app.route("/api", catalogRoutes(deps));
  app.route("/api", searchRoutes(deps));
  app.route("/api", chatRoutes(deps));
  app.route("/v1", openAiRoutes(deps));
  app.all("/api/*", () => {
    throw new ApiError(404, "not_found", "no such API route; see /api/health, /api/issues, /api/search, /api/chat");
  });
  app.all("/v1/*", () => {
    throw new ApiError(404, "not_found", "only POST /v1/chat/completions is available");
  });

  if (deps.webDist && existsSync(join(deps.webDist, "index.html"))) {
    const root = relative(process.cwd(), deps.webDist) || ".";
    const index = readFileSync(join(deps.webDist, "index.html"), "utf8");
    app.use("/*", serveStatic({ root }));
    app.get("*", (c) => c.html(index));
  }

  app.notFound((c) => errorResponse(c, new ApiError(404, "not_found", "not found")));
  app.onError((err, c) => {
    if (err instanceof ApiError) return errorResponse(c, err);
    const status = (err as { status?: number }).status;
    if (status === 400) return errorResponse(c, new ApiError(400, "invalid_request", "the request could not be read"));
    deps.log.error("unhandled error", { path: c.req.path, error: err instanceof Error ? err.message : String(err) });
    return errorResponse(c, new ApiError(500, "internal_error", "something went wrong on the server; please retry"));
  });
  return app;
}

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
import { feedbackRoutes } from "./feedback/routes.ts";
import { deadline } from "./http/deadline.ts";
import { ApiError, errorResponse } from "./http/errors.ts";
import { rateLimit } from "./http/rate-limit.ts";
import { requestId } from "./http/request-id.ts";
import { responsibilityRoutes } from "./responsibilities/routes.ts";
import { catalogRoutes } from "./routes/catalog.ts";
import { chatRoutes } from "./routes/chat.ts";
import { openAiRoutes } from "./routes/openai-compat.ts";
import { searchRoutes } from "./routes/search.ts";

const CSP = {
  defaultSrc: ["'self'"], scriptSrc: ["'self'"], styleSrc: ["'self'", "'unsafe-inline'"], imgSrc: ["'self'", "data:"],
  connectSrc: ["'self'"], fontSrc: ["'self'", "data:"], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'self'"], objectSrc: ["'none'"],
};

/** A known path asked with the wrong method: 405 naming the methods it has. */
function methodNotAllowed(app: Hono, path: string): void {
  const allowed = new Set<string>();
  for (const r of app.routes) {
    if (r.method === "ALL" || r.path.includes("*")) continue;
    const pattern = new RegExp(`^${r.path.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/:[A-Za-z_]+/g, "[^/]+")}$`);
    if (pattern.test(path)) allowed.add(r.method);
  }
  if (allowed.size === 0) return;
  if (allowed.has("GET")) allowed.add("HEAD");
  const list = [...allowed].sort().join(", ");
  throw new ApiError(405, "method_not_allowed", `this route accepts ${list} only`, { Allow: list });
}

export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  app.use("*", requestId());
  app.use("*", secureHeaders({ contentSecurityPolicy: CSP }));
  if (deps.corsOrigins.length) app.use("/api/*", cors({ origin: deps.corsOrigins, allowMethods: ["GET", "POST"], maxAge: 600 }));
  const limiter = rateLimit({ perMinute: deps.rateLimitPerMinute, trustProxy: deps.trustProxy });
  app.use("/api/*", limiter);
  app.use("/v1/*", limiter);
  app.use("/api/*", deadline(deps.requestTimeoutMs));
  app.use("/v1/*", deadline(deps.requestTimeoutMs));
  const limit = bodyLimit({
    maxSize: LIMITS.bodyBytes,
    onError: () => {
      // The rest of the body is never read: tell the client not to reuse this connection.
      throw new ApiError(413, "payload_too_large", `the request body is larger than ${LIMITS.bodyBytes / 1024} KB`, { Connection: "close" });
    },
  });
  app.use("/api/*", limit);
  app.use("/v1/*", limit);

  app.route("/api", catalogRoutes(deps));
  app.route("/api", searchRoutes(deps));
  app.route("/api", chatRoutes(deps));
  app.route("/api", responsibilityRoutes(deps));
  app.route("/api", feedbackRoutes(deps));
  app.route("/v1", openAiRoutes(deps));
  app.all("/api/*", (c) => {
    methodNotAllowed(app, c.req.path);
    throw new ApiError(404, "not_found", "no such API route; see /api/health, /api/issues, /api/search, /api/chat");
  });
  app.all("/v1/*", (c) => {
    methodNotAllowed(app, c.req.path);
    throw new ApiError(404, "not_found", "no such route; /v1 serves GET /v1/models and POST /v1/chat/completions");
  });

  if (deps.webDist && existsSync(join(deps.webDist, "index.html"))) {
    const root = relative(process.cwd(), deps.webDist) || ".";
    const index = readFileSync(join(deps.webDist, "index.html"), "utf8");
    app.use("/*", serveStatic({ root }));
    app.get("*", (c) => c.html(index));
  }

  app.notFound((c) => errorResponse(c, new ApiError(404, "not_found", "no such page; the API is under /api (see /api/health)")));
  app.onError((err, c) => {
    if (err instanceof ApiError) return errorResponse(c, err);
    const status = (err as { status?: number }).status;
    if (status === 400) return errorResponse(c, new ApiError(400, "invalid_request", "the request could not be read"));
    const requestId = c.get("requestId" as never) as string | undefined;
    deps.log.error("unhandled error", { requestId, method: c.req.method, path: c.req.path, error: err instanceof Error ? err.message : String(err) });
    return errorResponse(c, new ApiError(500, "internal_error", "something went wrong on the server; please retry"));
  });
  return app;
}

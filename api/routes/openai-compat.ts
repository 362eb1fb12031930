/** The OpenAI-compatible API under /v1: model discovery and chat completions (docs/clients.md). */
import { Hono } from "hono";
import type { AppDeps } from "../deps.ts";
import { completionRoutes } from "./openai/completions.ts";
import { modelRoutes } from "./openai/models.ts";

export function openAiRoutes(deps: AppDeps): Hono {
  const app = new Hono();
  app.route("/", modelRoutes(deps));
  app.route("/", completionRoutes(deps));
  return app;
}

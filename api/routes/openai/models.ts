/**
 * The model names /v1 serves: `gongbao` is the configured answerer; `gongbao-extractive` the
 * offline answerer (always there); `gongbao-llm` the LLM answerer (when one is configured).
 * Any other name is a 404 `model_not_found`, as OpenAI answers it.
 */
import { Hono } from "hono";
import type { ModelCard, ModelList } from "../../../core/openai-schema.ts";
import type { AppDeps } from "../../deps.ts";
import { ApiError } from "../../http/errors.ts";

export const DEFAULT_MODEL = "gongbao";

export interface ResolvedModel {
  /** The concrete name sent back in `model`. */
  id: string;
  /** The answer mode forced by the name, or undefined for the configured one. */
  mode: "extractive" | undefined;
}

export function modelIds(configured: "extractive" | "llm"): string[] {
  return [DEFAULT_MODEL, "gongbao-extractive", ...(configured === "llm" ? ["gongbao-llm"] : [])];
}

export function resolveModel(name: string | null | undefined, configured: "extractive" | "llm"): ResolvedModel {
  const id = name ?? DEFAULT_MODEL;
  if (!modelIds(configured).includes(id)) {
    throw new ApiError(404, "model_not_found", `the model ${JSON.stringify(id.slice(0, 64))} does not exist; GET /v1/models lists ${modelIds(configured).join(", ")}`, {}, "model");
  }
  if (id === "gongbao-extractive") return { id, mode: "extractive" };
  return { id: `gongbao-${configured}`, mode: undefined };
}

export function modelRoutes(deps: AppDeps): Hono {
  const app = new Hono();
  // A model has no creation date of its own: the time this server started stands for it.
  const created = Math.floor(Date.now() / 1000);
  const card = (id: string): ModelCard => ({ id, object: "model", created, owned_by: "gongbao" });
  app.get("/models", (c) => c.json<ModelList>({ object: "list", data: modelIds(deps.answers.mode).map(card) }));
  app.get("/models/:id{.+}", (c) => {
    const id = c.req.param("id");
    if (!modelIds(deps.answers.mode).includes(id)) throw new ApiError(404, "model_not_found", `the model ${JSON.stringify(id.slice(0, 64))} does not exist`, {}, "model");
    return c.json(card(id));
  });
  return app;
}

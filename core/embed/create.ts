import type { Config } from "../config.ts";
import type { Embedder } from "./embedder.ts";
import { HashedEmbedder } from "./hashed.ts";
import { OpenAIEmbedder } from "./openai.ts";

export function createEmbedder(config: Config["embedder"]): Embedder {
  return config.kind === "hashed" ? new HashedEmbedder(config.dim) : new OpenAIEmbedder(config);
}

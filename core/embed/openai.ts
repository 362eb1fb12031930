/** Embeddings from any OpenAI-compatible server (OpenAI, vLLM, Ollama, TEI), validated before use. */
import OpenAI from "openai";
import { z } from "zod";
import type { Embedder } from "./embedder.ts";
import { EmbeddingError } from "./embedder.ts";

export interface OpenAIEmbedderOptions {
  baseURL: string | undefined;
  apiKey: string;
  model: string;
  dimensions: number | undefined;
  batch: number;
  timeoutMs: number;
  maxRetries?: number;
}

const ResponseSchema = z.object({
  data: z.array(z.object({ index: z.number().int().min(0), embedding: z.array(z.number()) })).min(1),
});

export class OpenAIEmbedder implements Embedder {
  readonly id: string;
  private client: OpenAI;
  private knownDim: number | undefined;

  constructor(private opts: OpenAIEmbedderOptions) {
    this.client = new OpenAI({ baseURL: opts.baseURL, apiKey: opts.apiKey, timeout: opts.timeoutMs, maxRetries: opts.maxRetries ?? 2 });
    this.knownDim = opts.dimensions;
    this.id = `openai:${opts.model}:${opts.dimensions ?? "native"}`;
  }

  get dim(): number {
    if (this.knownDim === undefined) throw new EmbeddingError("embedding dimension unknown until the first call");
    return this.knownDim;
  }

  async embed(texts: string[], signal?: AbortSignal): Promise<Float32Array[]> {
    const out: Float32Array[] = [];
    for (let i = 0; i < texts.length; i += this.opts.batch) {
      const batch = texts.slice(i, i + this.opts.batch);
      out.push(...(await this.embedBatch(batch, signal)));
    }
    return out;
  }

  private async embedBatch(input: string[], signal?: AbortSignal): Promise<Float32Array[]> {
    let raw: unknown;
    try {
      raw = await this.client.embeddings.create(
        { model: this.opts.model, input, encoding_format: "float", ...(this.opts.dimensions ? { dimensions: this.opts.dimensions } : {}) },
        { signal },
      );
    } catch (err) {
      throw new EmbeddingError(`embedding endpoint failed: ${describe(err)}`);
    }
    const parsed = ResponseSchema.safeParse(raw);
    if (!parsed.success || parsed.data.data.length !== input.length) {
      throw new EmbeddingError("embedding endpoint returned a malformed response");
    }
    const rows = [...parsed.data.data].sort((a, b) => a.index - b.index);
    const dim = this.knownDim ?? rows[0]!.embedding.length;
    for (const r of rows) {
      if (r.embedding.length !== dim || r.embedding.some((x) => !Number.isFinite(x))) {
        throw new EmbeddingError(`embedding endpoint returned vectors of the wrong size or with non-numbers (expected ${dim})`);
      }
    }
    this.knownDim = dim;
    return rows.map((r) => Float32Array.from(r.embedding));
  }
}

/** An error message without secrets: status and type only. */
export function describe(err: unknown): string {
  if (err instanceof OpenAI.APIError) return `HTTP ${err.status ?? "error"}${err.name ? ` (${err.name})` : ""}`;
  if (err instanceof Error) return err.name === "AbortError" || /timed? ?out/i.test(err.message) ? "timed out" : err.name;
  return "unknown error";
}

/** The embedder seam: one interface for the offline hashed embedder and OpenAI-compatible servers. */
export interface Embedder {
  /** Identifies the vector space; the index records it and queries must use the same one. */
  readonly id: string;
  readonly dim: number;
  embed(texts: string[], signal?: AbortSignal): Promise<Float32Array[]>;
}

export class EmbeddingError extends Error {}

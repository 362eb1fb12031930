/**
 * Offline default embedder: signed feature hashing of character n-grams (1–3) with
 * sublinear term frequency. Deterministic, dependency-free, and good at the fuzzy
 * overlaps keyword search misses (word-boundary mismatches, partial terms).
 */
import type { Embedder } from "./embedder.ts";

const STOP_CHARS = new Set([..."的了是在和与及等对为之其或而并将于由把被这那有也都就"]);
const WEIGHTS = [0.25, 1, 0.6] as const;

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function chars(text: string): string[] {
  return [...text.normalize("NFKC").toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, "")];
}

export function hashedVector(text: string, dim: number): Float32Array {
  const cs = chars(text);
  const counts = new Map<string, number>();
  for (let n = 1; n <= 3; n++) {
    for (let i = 0; i + n <= cs.length; i++) {
      const gram = cs.slice(i, i + n).join("");
      if (n === 1 && STOP_CHARS.has(gram)) continue;
      const key = `${n}:${gram}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  const v = new Float32Array(dim);
  for (const [key, count] of counts) {
    const h = fnv1a(key);
    const weight = WEIGHTS[Number(key[0]) - 1]! * (1 + Math.log(count));
    v[h % dim]! += h & 0x80000000 ? -weight : weight;
  }
  let norm = 0;
  for (const x of v) norm += x * x;
  norm = Math.sqrt(norm) || 1;
  for (let i = 0; i < dim; i++) v[i]! /= norm;
  return v;
}

export class HashedEmbedder implements Embedder {
  readonly id: string;
  constructor(readonly dim: number) {
    this.id = `hashed-ngram-v1-${dim}`;
  }
  async embed(texts: string[]): Promise<Float32Array[]> {
    return texts.map((t) => hashedVector(t, this.dim));
  }
}

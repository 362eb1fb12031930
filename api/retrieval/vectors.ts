/**
 * Where a hit's vector and display columns come from, in one place for the server and the benchmarks.
 *
 * Runs without a vector index (below the ingest's threshold, e.g. the five issues' 891 passages)
 * are held in memory: vectors scored in JS (well under a millisecond for a hashed query, against
 * ~7 ms CPU for LanceDB's flat scan, which also decodes the whole vector column into fresh buffers
 * for every concurrent request: the server's memory peaks under load), and full-text queries
 * fetch ids only. Indexed runs query LanceDB's IVF index with nprobes and refineFactor: with
 * LanceDB's defaults recall@10 is ~0.5 (bench:scale).
 */
import type { Table } from "@lancedb/lancedb";
import type { Condition } from "../../core/index/where.ts";
import { matchesAll } from "../../core/index/where.ts";

type Row = Record<string, unknown>;

/** Display columns of a hit, as search.ts reads them. */
const FILTER_COLUMNS = ["year", "category", "doc_number"];

export interface VectorQuerySettings {
  nprobes: number;
  refineFactor: number;
}

/** The query the product sends to an indexed run: top `limit` rows with display columns and `_distance`. */
export function indexedVectorQuery(table: Table, columns: string[], vector: Float32Array, limit: number, where: string | undefined, settings: VectorQuerySettings) {
  let q = table.query().nearestTo(vector).distanceType("cosine").nprobes(settings.nprobes).refineFactor(settings.refineFactor);
  if (where) q = q.where(where);
  return q.select([...columns, "_distance"]).limit(limit);
}

/**
 * A small run's passages held in memory: display rows by id (so queries need only ids) and unit
 * vectors stored column by column, so a query touches only the dimensions where it is non-zero
 * (a hashed-n-gram query has a few dozen of 1,024; a dense embedding touches them all).
 */
export class InMemoryPassages {
  private byId: Map<string, Row>;
  private allText: string | null = null;

  private constructor(
    private rows: Row[],
    /** Column-major: dimension k of row i at k * rows.length + i. */
    private columns: Float32Array,
    private dim: number,
  ) {
    this.byId = new Map(rows.map((r) => [String(r.id), r]));
  }

  static async load(table: Table, dim: number, display: string[]): Promise<InMemoryPassages> {
    const batch = await table.query().select([...display, ...FILTER_COLUMNS, "vector"]).toArray();
    const n = batch.length;
    const columns = new Float32Array(n * dim);
    const rows: Row[] = batch.map((r, i) => {
      const v = unit((r.vector as { toArray(): Float32Array }).toArray());
      if (v.length !== dim) throw new Error(`passage ${String(r.id)} has a ${v.length}-d vector, the run says ${dim}`);
      for (let k = 0; k < dim; k++) columns[k * n + i] = v[k]!;
      const row: Row = {};
      for (const c of [...display, ...FILTER_COLUMNS]) row[c] = r[c];
      return row;
    });
    return new InMemoryPassages(rows, columns, dim);
  }

  get size(): number {
    return this.rows.length;
  }

  /** Whether any passage (heading or text) holds one of these words, lower-cased. */
  mentionsAny(words: string[]): boolean {
    this.allText ??= this.rows.map((r) => `${String(r.heading)}\n${String(r.text)}`).join("\n").toLowerCase();
    return words.some((w) => this.allText!.includes(w));
  }

  /** The display row of a passage, or undefined for an id this run does not hold. */
  row(id: string): Row | undefined {
    return this.byId.get(id);
  }

  /** Rows satisfying `conditions`, nearest first, each with LanceDB's cosine `_distance`. */
  nearest(vector: Float32Array, limit: number, conditions: Condition[]): Row[] {
    const q = unit(vector);
    const n = this.rows.length;
    const scores = new Float32Array(n);
    const columns = this.columns;
    for (let k = 0; k < this.dim; k++) {
      const w = q[k]!;
      if (w === 0) continue;
      const base = k * n;
      for (let i = 0; i < n; i++) scores[i]! += w * columns[base + i]!;
    }
    const order: number[] = [];
    for (let i = 0; i < n; i++) if (!conditions.length || matchesAll(this.rows[i]!, conditions)) order.push(i);
    order.sort((a, b) => scores[b]! - scores[a]!);
    return order.slice(0, limit).map((i) => ({ ...this.rows[i]!, _distance: 1 - scores[i]! }));
  }
}

function unit(v: Float32Array): Float32Array {
  let norm = 0;
  for (const x of v) norm += x * x;
  norm = Math.sqrt(norm);
  return norm > 0 ? v.map((x) => x / norm) : v;
}

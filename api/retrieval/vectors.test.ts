/**
 * A small run held in memory answers vector queries as LanceDB's exact search does on the same
 * table, filters included, and hands out the same display rows.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashedVector } from "../../core/embed/hashed.ts";
import { IndexStore } from "../../core/index/store.ts";
import type { Condition } from "../../core/index/where.ts";
import { buildWhere } from "../../core/index/where.ts";
import { buildTempIndex } from "../../test/helpers/temp-index.ts";
import type { TempIndex } from "../../test/helpers/temp-index.ts";
import { InMemoryPassages } from "./vectors.ts";
import { PASSAGE_DISPLAY_COLUMNS } from "../../core/index/passage-row.ts";

const HIT_COLUMNS = [...PASSAGE_DISPLAY_COLUMNS];
import type { Table } from "@lancedb/lancedb";

const QUESTIONS = ["返乡创业有什么补贴", "农村公路建设任务", "2020年空气质量优良天数", "政府信息公开申请答复期限", "滑雪场"];

describe("InMemoryPassages", () => {
  let index: TempIndex;
  let store: IndexStore;
  let table: Table;
  let memory: InMemoryPassages;
  let dim: number;

  beforeAll(async () => {
    // Two issues: 2020 (10 documents) and 2024 (3), so year filters split the rows.
    index = await buildTempIndex({ files: ["000_852d44e181674f23.txt", "004_56bc4d1f9f69706c.txt"] });
    store = await IndexStore.connect({ uri: index.config.indexUri, storageOptions: {} });
    const [run] = await store.listRuns();
    table = (await store.openTables(run!)).passages;
    dim = run!.dim;
    memory = await InMemoryPassages.load(table, dim, HIT_COLUMNS);
  }, 120_000);
  afterAll(() => {
    store?.close();
    index?.cleanup();
  });

  const exact = async (v: Float32Array, limit: number, conditions: Condition[]) => {
    let q = table.query().nearestTo(v).distanceType("cosine").bypassVectorIndex().select(["id", "_distance"]).limit(limit);
    const where = buildWhere(conditions);
    if (where) q = q.where(where);
    return (await q.toArray()).map((r) => ({ id: String(r.id), distance: Number(r._distance) }));
  };

  it("holds every passage of the run", async () => {
    expect(memory.size).toBe(await table.countRows());
  });

  it("ranks as LanceDB's exact cosine search, with the same distances", async () => {
    for (const q of QUESTIONS) {
      const v = hashedVector(q, dim);
      const want = await exact(v, 20, []);
      const got = memory.nearest(v, 20, []);
      expect(got.map((r) => Number(r._distance))).toEqual(want.map((w) => expect.closeTo(w.distance, 4)));
      // Ids agree except where two passages tie on distance.
      got.forEach((r, i) => {
        if (String(r.id) !== want[i]!.id) expect(Math.abs(Number(r._distance) - want[i]!.distance)).toBeLessThan(1e-5);
      });
    }
  });

  it("applies filters inside the search, as LanceDB's where does", async () => {
    const years = new Set((await table.query().select(["year"]).toArray()).map((r) => Number(r.year)));
    expect(years.size).toBeGreaterThan(1);
    for (const year of years) {
      const conditions: Condition[] = [{ column: "year", op: "=", value: year }];
      const v = hashedVector(QUESTIONS[0]!, dim);
      const want = await exact(v, 40, conditions);
      const got = memory.nearest(v, 40, conditions);
      expect(got).toHaveLength(want.length);
      expect(got.every((r) => r.year === year)).toBe(true);
      expect(new Set(got.map((r) => String(r.id)))).toEqual(new Set(want.map((w) => w.id)));
    }
    expect(memory.nearest(hashedVector("补贴", dim), 10, [{ column: "document_id", op: "in", values: [] }])).toEqual([]);
  });

  it("returns the display columns LanceDB stores for the passage", async () => {
    const [first] = await table.query().select(HIT_COLUMNS).limit(1).toArray();
    const row = memory.row(String(first!.id))!;
    for (const c of HIT_COLUMNS) expect(row[c]).toEqual(first![c]);
    expect(memory.row("no-such-passage")).toBeUndefined();
  });
});

/**
 * The retriever's result cache: a repeated question is answered from memory, keyed by index run,
 * question, k and filters; a keyword-only outcome after an embedding failure is not kept.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Embedder } from "../../core/embed/embedder.ts";
import { createEmbedder } from "../../core/embed/create.ts";
import { openTempRun } from "../../test/helpers/temp-index.ts";
import type { TempRun } from "../../test/helpers/temp-index.ts";
import type { OpenRun } from "../index/live-index.ts";
import { Gate } from "../../core/util/gate.ts";
import { DEFAULT_TUNING, Retriever } from "./search.ts";

describe("Retriever cache", () => {
  let temp: TempRun;
  let run: OpenRun;
  let embedder: Embedder;

  beforeAll(async () => {
    temp = await openTempRun(["000_852d44e181674f23.txt"]);
    run = temp.run;
    embedder = createEmbedder(temp.index.config.embedder);
  }, 120_000);
  afterAll(() => temp?.close());

  it("answers a repeated question from memory, and only the same question, k and filters", async () => {
    const retriever = new Retriever(embedder, DEFAULT_TUNING, new Gate(2), 10);
    const first = await retriever.search(run, "新增城镇就业多少人", { k: 5 });
    expect(first.hits.length).toBeGreaterThan(0);
    expect(first.timings.ftsMs).toBeGreaterThan(0);
    const again = await retriever.search(run, "新增城镇就业多少人", { k: 5 });
    expect(again.hits).toBe(first.hits);
    expect(again.timings.ftsMs).toBe(0);
    const otherK = await retriever.search(run, "新增城镇就业多少人", { k: 3 });
    expect(otherK.timings.ftsMs).toBeGreaterThan(0);
    const filtered = await retriever.search(run, "新增城镇就业多少人", { k: 5, filters: { year: 2019 } });
    expect(filtered.hits).toEqual([]);
    const otherRun = await retriever.search({ ...run, run: { ...run.run, run_id: "another-run" } }, "新增城镇就业多少人", { k: 5 });
    expect(otherRun.hits).not.toBe(first.hits);
  });

  it("does not keep an outcome degraded by an embedding failure", async () => {
    let calls = 0;
    const failing: Embedder = { id: embedder.id, dim: embedder.dim, embed: async () => { calls++; throw new Error("endpoint down"); } };
    const retriever = new Retriever(failing, DEFAULT_TUNING, new Gate(0), 10);
    const first = await retriever.search(run, "新增城镇就业多少人", { k: 5 });
    expect(first.degraded).toBe(true);
    expect(first.notes.join("")).toContain("仅使用关键词检索");
    await retriever.search(run, "新增城镇就业多少人", { k: 5 });
    expect(calls).toBe(2);
  });

  it("caches nothing when the cache has no entries", async () => {
    const retriever = new Retriever(embedder, DEFAULT_TUNING, new Gate(0), 0);
    const first = await retriever.search(run, "新增城镇就业多少人", { k: 5 });
    const again = await retriever.search(run, "新增城镇就业多少人", { k: 5 });
    expect(again.hits).not.toBe(first.hits);
    expect(again.hits.map((h) => h.passage.id)).toEqual(first.hits.map((h) => h.passage.id));
  });
});

/**
 * Ingest killed with SIGKILL at several points (practices B.4 #22) and two ingests at once
 * (#23), with real child processes (`node --import tsx ingest/cli.ts --force`). A server on
 * the same index answers throughout from the previous run; the next ingest takes the stale
 * lock over and completes; the server moves to the new run; orphan tables are collected.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runIdOfTable } from "../../core/index/layout.ts";
import { IndexStore } from "../../core/index/store.ts";
import type { Child } from "../helpers/child.ts";
import { indexEnv, killLeftovers, spawnTs } from "../helpers/child.ts";
import { configFor } from "../helpers/config.ts";
import type { TestServer } from "../helpers/server.ts";
import { startServer } from "../helpers/server.ts";
import type { TempIndex } from "../helpers/temp-index.ts";
import { buildTempIndex } from "../helpers/temp-index.ts";

let index: TempIndex;
let server: TestServer;
let firstRun: string;
const observed: { status: number; runId: string | null; ms: number }[] = [];
let polling = true;
let poller: Promise<void>;

const lockPath = () => join(index.config.indexUri, ".ingest.lock");
const health = async () => (await (await fetch(`${server.url}/api/health`)).json()) as { runId: string | null; status: string };

beforeAll(async () => {
  // Three issues (~570 passages, three write batches): every stage is reached, and each ingest takes seconds, not tens.
  index = await buildTempIndex({ files: ["000_852d44e181674f23.txt", "001_14c302aa96ff3042.txt", "004_56bc4d1f9f69706c.txt"] });
  firstRun = index.report.runId!;
  server = await startServer(configFor(index, { GONGBAO_REFRESH_SECONDS: "1" }));
  // Clients querying the whole time: every answer must be a 200.
  poller = (async () => {
    const questions = ["返乡创业能拿什么补贴", "煤矿智能化建设", "2020年新增城镇就业", "行政执法质量"];
    let i = 0;
    while (polling) {
      const started = performance.now();
      const q = questions[i++ % questions.length]!;
      const res = await fetch(i % 3 === 0
        ? `${server.url}/api/chat`
        : `${server.url}/api/search?${new URLSearchParams({ q })}`,
        i % 3 === 0 ? { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ messages: [{ role: "user", content: q }] }) } : {},
      ).catch(() => null);
      await res?.text();
      const h = await health().catch(() => ({ runId: null }));
      observed.push({ status: res?.status ?? 0, runId: h.runId, ms: performance.now() - started });
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
});

afterAll(async () => {
  polling = false;
  await poller;
  killLeftovers();
  await server?.close();
  index?.cleanup();
});

const ingest = (...args: string[]): Child => spawnTs("ingest/cli.ts", ["--force", ...args], { ...indexEnv(index.config), GONGBAO_LOG: "error" });

describe("ingest killed with SIGKILL", () => {
  const points: [string, RegExp][] = [
    ["after parsing (lock held, nothing written)", /✓ .*→/],
    ["after the passages table, before documents/issues", /^write: /],
    ["while building the full-text index", /^index…/],
    ["just before publishing", /^publish…/],
  ];
  const killedRuns = new Set<string>();

  it.each(points)("%s → the previous run keeps answering, the stale lock stays behind", async (_name, line) => {
    await server.services.index.refresh();
    const before = (await health()).runId;
    const child = ingest();
    child.onLine((l) => {
      if (line.test(l)) child.process.kill("SIGKILL");
    });
    const { signal } = await child.exited;
    expect(signal, child.output().slice(-1500)).toBe("SIGKILL");
    // The lock file names the dead ingest; nothing removed it. Killed at publish, the ingest may
    // have finished (published, lock released) in the instant before the signal landed.
    const lockLeft = existsSync(lockPath());
    if (lockLeft) expect(Number(readFileSync(lockPath(), "utf8"))).toBe(child.pid);
    else expect(_name).toBe("just before publishing");
    await server.services.index.refresh();
    const after = await health();
    const store = await IndexStore.connect({ uri: index.config.indexUri, storageOptions: {} });
    try {
      const published = (await store.listRuns()).map((r) => r.run_id);
      // Killed right at publish, the run may have been committed: then it is complete and may be served.
      if (after.runId !== before) expect(published[0]).toBe(after.runId);
      for (const name of await store.db.tableNames()) {
        const id = runIdOfTable(name);
        if (id && !published.includes(id)) killedRuns.add(id);
      }
    } finally {
      store.close();
    }
    const search = await fetch(`${server.url}/api/search?${new URLSearchParams({ q: "返乡创业补贴" })}`);
    expect(search.status).toBe(200);
    expect(((await search.json()) as { results: unknown[] }).results.length).toBeGreaterThan(0);
  });

  it("the next ingest takes the stale lock over and completes; the server moves to its run", async () => {
    const before = (await health()).runId;
    const child = ingest();
    const { code } = await child.exited;
    expect(code, child.output().slice(-1500)).toBe(0);
    expect(existsSync(lockPath())).toBe(false);
    const newRun = /Published run (r[0-9a-z]+)/.exec(child.output())?.[1];
    expect(newRun).toBeTruthy();
    const until = Date.now() + 10_000;
    while ((await health()).runId !== newRun && Date.now() < until) await new Promise((r) => setTimeout(r, 200));
    expect((await health()).runId).toBe(newRun);
    expect(newRun).not.toBe(before);
  });

  it("the clients saw only 200s and only published runs, all through", () => {
    expect(observed.length).toBeGreaterThan(20);
    expect(observed.filter((o) => o.status !== 200)).toEqual([]);
    expect(new Set(observed.map((o) => o.runId)).has(firstRun)).toBe(true);
    expect(observed.every((o) => o.runId !== null)).toBe(true);
  });

  it("garbage collection drops the orphan tables of killed ingests, never the served run", async () => {
    expect(killedRuns.size).toBeGreaterThan(0);
    const served = (await health()).runId!;
    const store = await IndexStore.connect({ uri: index.config.indexUri, storageOptions: {} });
    try {
      const dropped = await store.collectGarbage({ keep: 2, graceMs: 0, activeRunId: served });
      const droppedRuns = new Set(dropped.map(runIdOfTable));
      for (const id of killedRuns) expect(droppedRuns.has(id)).toBe(true);
      expect(droppedRuns.has(served)).toBe(false);
    } finally {
      store.close();
    }
    const chat = await fetch(`${server.url}/api/chat`, {
      method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ messages: [{ role: "user", content: "返乡创业能拿什么补贴" }] }),
    });
    expect(chat.status).toBe(200);
  });
});

describe("two ingests at once", () => {
  it("started together: one publishes, the other exits 1 with 'already running'", async () => {
    const both = [ingest(), ingest()];
    const exits = await Promise.all(both.map((c) => c.exited));
    const winner = both[exits.findIndex((e) => e.code === 0)];
    const loser = both[exits.findIndex((e) => e.code === 1)];
    expect(exits.map((e) => e.code).sort(), both.map((c) => c.output().slice(-600)).join("\n---\n")).toEqual([0, 1]);
    expect(winner!.output()).toMatch(/Published run r[0-9a-z]+/);
    expect(loser!.output()).toMatch(/already running \((?:pid \d+|it is just starting)\)/);
    expect(loser!.output()).toMatch(/previously published index .* is unchanged/);
    expect(existsSync(lockPath())).toBe(false);
  });

  it("SIGTERM to an ingest releases its lock and leaves the published index unchanged", async () => {
    await server.services.index.refresh();
    const before = (await health()).runId;
    const child = ingest();
    await child.waitFor(/✓ .*→/);
    child.process.kill("SIGTERM");
    const { code } = await child.exited;
    expect(code).toBe(143);
    expect(child.output()).toMatch(/interrupted \(SIGTERM\)/);
    expect(existsSync(lockPath())).toBe(false);
    await server.services.index.refresh();
    expect((await health()).runId).toBe(before);
  });
});

/**
 * Load (practices B.6, issue 06): the real server child on 127.0.0.1 with the rate limit off,
 * 64 connections for 60 s of mixed traffic (70 % GET /api/search, 30 % POST /api/chat, JSON),
 * and a forced re-ingest (child process) in the middle. Zero 5xx and zero errors, the served
 * run switches to the new one, and RSS after the run ≤ 1.2 × RSS after warm-up.
 * Numbers are written to test/chaos/results/load.json.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Child } from "../helpers/child.ts";
import { indexEnv, killLeftovers, spawnTs, startServerChild } from "../helpers/child.ts";
import type { TempIndex } from "../helpers/temp-index.ts";
import { buildTempIndex } from "../helpers/temp-index.ts";

interface AcRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}
interface AcResult {
  errors: number;
  timeouts: number;
  non2xx: number;
  "2xx": number;
  "5xx": number;
  statusCodeStats?: Record<string, { count: number }>;
  latency: { p50: number; p90: number; p99: number; max: number; mean: number };
  requests: { total: number; average: number };
}
type Autocannon = (opts: { url: string; connections: number; duration: number; timeout: number; requests: AcRequest[] }, cb: (err: Error | null, r: AcResult) => void) => unknown;
const autocannon = createRequire(import.meta.url)("autocannon") as Autocannon;

const CONNECTIONS = 64;
const DURATION_S = 60;
const WARMUP_S = 8;
const REINGEST_AT_S = 12;
const RESULTS = new URL("./results/", import.meta.url).pathname;

const SEARCHES = ["返乡创业能拿什么补贴", "煤矿智能化建设实施方案", "2020年新增城镇就业", "冰雪运动", "行政执法质量", "城市公共交通优先发展", "学生欺凌专项治理"];
const CHATS = ["2020年重点民生实事要新增多少城镇就业？", "返乡创业示范县要具备哪些条件？", "行政执法人员培训有什么要求？"];

/** Ten requests per cycle, each connection walks them in order: 7 searches, 3 chats. */
const REQUESTS: AcRequest[] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) =>
  i % 3 === 2
    ? { method: "POST", path: "/api/chat", headers: { "content-type": "application/json" }, body: JSON.stringify({ messages: [{ role: "user", content: CHATS[(i - 2) / 3]! }] }) }
    : { method: "GET", path: `/api/search?${new URLSearchParams({ q: SEARCHES[i - Math.floor(i / 3)]!, k: "10" })}` },
);

const run = (url: string, duration: number) =>
  new Promise<AcResult>((resolve, reject) => {
    autocannon({ url, connections: CONNECTIONS, duration, timeout: 20, requests: REQUESTS }, (err, r) => (err ? reject(err) : resolve(r)));
  });

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))]! : NaN;
}

let index: TempIndex;
let server: Child & { url: string };

beforeAll(async () => {
  index = await buildTempIndex();
  // Result cache off: every request searches, so the warm-up and the load stress the same native paths
  // and RSS growth measures leaks, not a cache warming up (the cache would answer most of this load).
  server = await startServerChild({
    ...indexEnv(index.config), GONGBAO_RATE_LIMIT: "0", GONGBAO_REFRESH_SECONDS: "1", GONGBAO_LLM: "off", GONGBAO_SEARCH_CACHE: "0",
  });
});

afterAll(async () => {
  server?.process.kill("SIGTERM");
  await server?.exited;
  killLeftovers();
  index?.cleanup();
});

it(`${CONNECTIONS} connections × ${DURATION_S} s of mixed search/chat with a re-ingest in the middle: no 5xx, RSS bounded, run switched`, async () => {
  const health = async () => (await (await fetch(`${server.url}/api/health`)).json()) as { runId: string };
  const warm = await run(server.url, WARMUP_S);
  expect(warm["5xx"]).toBe(0);
  await new Promise((r) => setTimeout(r, 1000));
  const rssWarm = server.rssMB();
  const runBefore = (await health()).runId;

  // Per-route client-side latency, sampled by one extra client during the run.
  const sampled: { search: number[]; chat: number[]; statuses: number[] } = { search: [], chat: [], statuses: [] };
  let sampling = true;
  const sampler = (async () => {
    let i = 0;
    while (sampling) {
      const r = REQUESTS[i++ % REQUESTS.length]!;
      const started = performance.now();
      const res = await fetch(`${server.url}${r.path}`, { method: r.method, headers: r.headers, body: r.body }).catch(() => null);
      await res?.text();
      sampled.statuses.push(res?.status ?? 0);
      (r.method === "GET" ? sampled.search : sampled.chat).push(performance.now() - started);
    }
  })();

  // The re-ingest, started while the load runs.
  const reingest = (async () => {
    await new Promise((r) => setTimeout(r, REINGEST_AT_S * 1000));
    const startedAt = performance.now();
    const child = spawnTs("ingest/cli.ts", ["--force"], { ...indexEnv(index.config), GONGBAO_LOG: "error" });
    const { code } = await child.exited;
    const ingestS = (performance.now() - startedAt) / 1000;
    const newRun = /Published run (r[0-9a-z]+)/.exec(child.output())?.[1];
    let switchedAfterS = NaN;
    const until = Date.now() + 20_000;
    while (Date.now() < until) {
      if ((await health()).runId === newRun) {
        switchedAfterS = (performance.now() - startedAt) / 1000;
        break;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    return { code, output: child.output(), newRun, ingestS, switchedAfterS, startedAtS: REINGEST_AT_S };
  })();

  const started = performance.now();
  const result = await run(server.url, DURATION_S);
  const loadS = (performance.now() - started) / 1000;
  sampling = false;
  await sampler;
  const ingest = await reingest;
  await new Promise((r) => setTimeout(r, 2000));
  const rssAfter = server.rssMB();

  const summary = {
    date: new Date().toISOString(),
    connections: CONNECTIONS, durationS: DURATION_S, mix: "70% GET /api/search, 30% POST /api/chat (JSON, extractive)",
    requests: result.requests.total, requestsPerSec: Math.round(result.requests.average),
    statuses: Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([k, v]) => [k, v.count])),
    errors: result.errors, timeouts: result.timeouts, non2xx: result.non2xx, "5xx": result["5xx"],
    latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
    sampledMs: {
      search: { n: sampled.search.length, p50: Math.round(quantile(sampled.search, 0.5)), p99: Math.round(quantile(sampled.search, 0.99)) },
      chat: { n: sampled.chat.length, p50: Math.round(quantile(sampled.chat, 0.5)), p99: Math.round(quantile(sampled.chat, 0.99)) },
    },
    rssMB: { warm: Math.round(rssWarm), after: Math.round(rssAfter), ratio: Number((rssAfter / rssWarm).toFixed(3)) },
    reingest: { exitCode: ingest.code, runBefore, runAfter: ingest.newRun, ingestS: Number(ingest.ingestS.toFixed(1)), switchedAfterS: Number(ingest.switchedAfterS.toFixed(1)), duringLoad: ingest.startedAtS + ingest.switchedAfterS < loadS },
  };
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(`${RESULTS}load.json`, `${JSON.stringify(summary, null, 2)}\n`);
  process.stderr.write(`load: ${JSON.stringify(summary)}\n`);

  expect(result["5xx"]).toBe(0);
  expect(result.errors).toBe(0);
  expect(result.timeouts).toBe(0);
  expect(result.non2xx).toBe(0);
  expect(sampled.statuses.every((s) => s === 200)).toBe(true);
  expect(ingest.code, ingest.output.slice(-1500)).toBe(0);
  expect(ingest.newRun).toBeTruthy();
  expect(ingest.newRun).not.toBe(runBefore);
  expect(Number.isFinite(ingest.switchedAfterS)).toBe(true);
  expect(rssAfter).toBeLessThanOrEqual(1.2 * rssWarm);
});

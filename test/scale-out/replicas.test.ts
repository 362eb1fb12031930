/**
 * Issue 7, end to end: one index on object storage (s3rver on 127.0.0.1), ingest writing to it,
 * two stateless API replicas as separate processes reading it. A re-ingest reaches both replicas
 * within the refresh interval with no failed request; garbage collection never removes a run a
 * replica may still serve; killing one replica leaves the other serving; credentials never show.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../core/config.ts";
import type { Config } from "../../core/config.ts";
import type { RunRow } from "../../core/index/layout.ts";
import { tableName } from "../../core/index/layout.ts";
import { IndexStore, redactSecrets } from "../../core/index/store.ts";
import { LiveIndex } from "../../api/index/live-index.ts";
import { runIngest } from "../../ingest/run-ingest.ts";
import { startServer } from "../helpers/server.ts";
import type { LocalS3 } from "../helpers/s3.ts";
import { CORPUS_DIR } from "../helpers/temp-index.ts";
import type { TestServer } from "../helpers/server.ts";
import type { Child, Replica } from "./harness.ts";
import { LoadLoop, sleep, startReplica, startS3Process } from "./harness.ts";

const REFRESH_SECONDS = 1;
/** Issue 2024-2 is in corpus A and removed from corpus B; this query's best passages are in it. */
const REMOVED_ISSUE = "2024-2";
const REMOVED_FILE = "004_56bc4d1f9f69706c.txt";
const KEPT_FILE = "001_14c302aa96ff3042.txt";
const QUERY = "城市公共交通优先发展";

let s3: LocalS3;
let dir: string;
let config: Config;
let env: Record<string, string>;
let run1: string;
let run2: string;
let r1: Replica;
let r2: Replica;
let store: IndexStore;
/** An in-process server that never refreshes on its own: it holds run 1 through the re-ingest. */
let pinnedServer: TestServer;
const pinned = () => pinnedServer.services.index;
/** What the pinned server answered before any index existed. */
const beforeIndex: { health: number; healthBody: string; search: number; searchBody: string } = { health: 0, healthBody: "", search: 0, searchBody: "" };
const children: Child[] = [];

function report(line: string): void {
  process.stdout.write(`[scale-out] ${line}\n`);
}

async function waitUntil(pred: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await pred().catch(() => false)) return true;
    await sleep(100);
  }
  return false;
}

beforeAll(async () => {
  const t0 = Date.now();
  s3 = await startS3Process();
  dir = mkdtempSync(join(tmpdir(), "gongbao-scale-"));
  for (const [name, files] of [["corpus-a", [KEPT_FILE, REMOVED_FILE]], ["corpus-b", [KEPT_FILE]]] as const) {
    mkdirSync(join(dir, name));
    for (const f of files) cpSync(join(CORPUS_DIR, f), join(dir, name, f));
  }
  env = {
    ...s3.env("gazettes/index"), GONGBAO_DATA_DIR: dir, GONGBAO_CORPUS_DIR: join(dir, "corpus-a"), GONGBAO_REFRESH_SECONDS: String(REFRESH_SECONDS),
    GONGBAO_RATE_LIMIT: "0", GONGBAO_LLM: "off", GONGBAO_LOG: "info", LANCEDB_LOG: "warn",
  };
  config = loadConfig(env);
  expect(config.storageOptions).toEqual(s3.storageOptions());
  store = await IndexStore.connect({ uri: config.indexUri, storageOptions: config.storageOptions });
  pinnedServer = await startServer(loadConfig({ ...env, GONGBAO_REFRESH_SECONDS: "0", GONGBAO_LOG: "silent" }));
  const health = await fetch(`${pinnedServer.url}/api/health`);
  const search = await fetch(`${pinnedServer.url}/api/search?${new URLSearchParams({ q: QUERY })}`);
  Object.assign(beforeIndex, { health: health.status, healthBody: await health.text(), search: search.status, searchBody: await search.text() });

  // The replicas start while the first ingest runs; they serve its run once it is published.
  const t1 = Date.now();
  const [replicas, ingested] = await Promise.all([Promise.all([startReplica("replica-1", env), startReplica("replica-2", env)]), runIngest(config)]);
  [r1, r2] = replicas;
  children.push(r1, r2);
  run1 = ingested.runId!;
  await pinned().refresh();
  const serving = await waitUntil(async () => {
    const ids = await Promise.all([r1, r2].map(async (r) => ((await (await fetch(`${r.url}/api/health`)).json()) as { runId: string | null }).runId));
    return ids.every((id) => id === run1);
  }, 20_000);
  expect(serving, "both replicas serve the first run").toBe(true);
  report(`set-up: object store ${t1 - t0} ms, replicas + first ingest ${Date.now() - t1} ms`);
}, 120_000);

afterAll(async () => {
  // SCALE_OUT_DUMP=<folder> keeps each child's full output (replica-1.log, replica-2.log) for a look.
  if (process.env.SCALE_OUT_DUMP) for (const c of children) writeFileSync(join(process.env.SCALE_OUT_DUMP, `${c.name}.log`), c.output());
  for (const c of children) if (c.proc.exitCode === null && c.proc.signalCode === null) c.proc.kill("SIGTERM");
  await Promise.all(children.map((c) => Promise.race([c.exited, sleep(5_000).then(() => c.proc.kill("SIGKILL"))])));
  await pinnedServer?.close();
  store?.close();
  await s3?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
}, 30_000);

const health = async (r: Replica) => (await fetch(`${r.url}/api/health`)).json() as Promise<{ runId: string; issues: number; status: string }>;
const searchIssues = async (r: Replica) => {
  const body = (await (await fetch(`${r.url}/api/search?${new URLSearchParams({ q: QUERY, k: "5" })}`)).json()) as { results: { issue: { id: string } }[] };
  return body.results.map((x) => x.issue.id);
};

describe("replicas over one index on object storage", () => {
  it("answers 503 until an index is served", () => {
    expect(beforeIndex.health).toBe(503);
    expect(JSON.parse(beforeIndex.healthBody)).toMatchObject({ status: "no_index", runId: null, index: "missing" });
    expect(beforeIndex.search).toBe(503);
  });

  it("lists, opens and reads the index on s3:// like a folder", async () => {
    const names = await store.db.tableNames();
    for (const kind of ["passages", "documents", "issues"] as const) expect(names).toContain(tableName(kind, run1));
    expect(names).toContain("runs");
    const runs = await store.listRuns();
    expect(runs.map((r) => r.run_id)).toEqual([run1]);
    // A run has a tasks table exactly when it extracted tasks; by id or by row, the same tables open.
    const [byRow, byId] = await Promise.all([store.openTables(runs[0]!), store.openTables(run1)]);
    expect(byRow.tasks === null).toBe(runs[0]!.tasks === 0);
    expect(byId.tasks === null).toBe(runs[0]!.tasks === 0);
    expect(names.includes(tableName("tasks", run1))).toBe(runs[0]!.tasks > 0);
    expect(await byRow.issues.countRows()).toBe(2);
    expect(await byId.passages.countRows()).toBe(runs[0]!.passages);
    // Everything went to the bucket: no local index folder, no lock file.
    expect(readdirSync(dir).sort()).toEqual(["corpus-a", "corpus-b"]);
  });

  it("serves the published run from both replicas", async () => {
    for (const r of [r1, r2]) {
      expect(await health(r)).toMatchObject({ status: "ok", runId: run1, issues: 2 });
      expect((await searchIssues(r))[0]).toBe(REMOVED_ISSUE);
    }
    expect(pinned().current()?.run.run_id).toBe(run1);
  });

  it("moves both replicas to a re-ingested run within the refresh interval, with no failed request", async () => {
    const load = new LoadLoop([r1, r2], { query: QUERY, workersPerReplica: 2, forbidden: [s3.secretAccessKey], pauseMs: 20 });
    try {
      await sleep(300);
      const ingested = await runIngest(loadConfig({ ...env, GONGBAO_CORPUS_DIR: join(dir, "corpus-b") }), { force: true });
      const exitedAt = Date.now();
      run2 = ingested.runId!;
      expect(ingested.totals.issues).toBe(1);
      const published = (await store.listRuns()).find((r) => r.run_id === run2)!;
      expect(published).toBeTruthy();
      const both = await load.waitFor(() => [r1, r2].every((r) => load.firstServing(r.name, run2) !== null), 20_000);
      expect(both, "both replicas serve the new run").toBe(true);
      const switched = [r1, r2].map((r) => load.firstServing(r.name, run2)!);
      await sleep(700);
      await load.stop();

      const publishToBoth = Math.max(...switched) - published.created_at;
      const failures = load.failures();
      const searches = load.samples.filter((s) => s.kind === "search" && s.ok).length;
      report(`publish → replica-1 ${switched[0]! - published.created_at} ms, replica-2 ${switched[1]! - published.created_at} ms; both serving ${publishToBoth} ms after publish (ingest returned ${exitedAt - published.created_at} ms after publish, after garbage collection; refresh interval ${REFRESH_SECONDS * 1000} ms)`);
      report(`during the switch: ${load.samples.length} requests (${searches} searches), ${failures.length} failed`);
      expect(failures, JSON.stringify(failures.slice(0, 3))).toEqual([]);
      expect(load.leaks).toBe(0);
      // Within the refresh interval plus opening and warming the run on a loaded 2-core machine.
      expect(publishToBoth).toBeLessThan(REFRESH_SECONDS * 1000 + 8_000);
      // A replica never goes back, and once it serves run 2 its searches no longer see the removed issue.
      for (const r of [r1, r2]) {
        const t = load.firstServing(r.name, run2)!;
        expect(load.samples.filter((s) => s.replica === r.name && s.kind === "health" && s.started > t && s.runId !== run2)).toEqual([]);
        const after = load.samples.filter((s) => s.replica === r.name && s.kind === "search" && s.started > t);
        expect(after.length).toBeGreaterThan(0);
        for (const s of after) expect(s.issues).not.toContain(REMOVED_ISSUE);
      }
    } finally {
      await load.stop();
    }
    for (const r of [r1, r2]) {
      expect(await health(r)).toMatchObject({ status: "ok", runId: run2, issues: 1 });
      expect(await searchIssues(r)).not.toContain(REMOVED_ISSUE);
    }
  }, 60_000);

  it("keeps a superseded run for the grace period, and a reader of a collected run falls back cleanly", async () => {
    expect(run2).toBeTruthy();
    const runs = await store.listRuns();
    const [second, first] = [runs.find((r) => r.run_id === run2)!, runs.find((r) => r.run_id === run1)!];
    // Run 1 was created more than a grace period before "now" but superseded less than one ago: kept.
    const graceMs = second.created_at - first.created_at;
    expect(graceMs).toBeGreaterThan(1);
    const now = second.created_at + graceMs - 1;
    expect(await store.collectGarbage({ keep: 1, graceMs, now })).toEqual([]);
    // The pinned reader still holds run 1, and it still answers.
    expect(pinned().current()?.run.run_id).toBe(run1);
    expect(await pinned().current()!.passages.query().limit(1).toArray()).toHaveLength(1);

    const load = new LoadLoop([r1, r2], { query: QUERY, workersPerReplica: 1, forbidden: [s3.secretAccessKey], pauseMs: 20 });
    try {
      await sleep(300);
      const run1Tables = (await store.db.tableNames()).filter((n) => n.endsWith(`_${run1}`)).sort();
      expect(run1Tables.length).toBeGreaterThanOrEqual(3);
      const dropped = await store.collectGarbage({ keep: 1, graceMs, now: second.created_at + graceMs + 1 });
      expect(dropped.sort()).toEqual(run1Tables);
      expect((await store.db.tableNames()).filter((n) => n.endsWith(run1))).toEqual([]);
      // What the grace period protects against: the old run's data is gone…
      await expect(pinned().current()!.passages.query().limit(1).toArray()).rejects.toThrow();
      // …and the reader's next refresh moves it to the served run.
      await pinned().refresh();
      expect(pinned().state()).toEqual({ state: "ok", runId: run2 });
      expect(await pinned().current()!.passages.query().limit(1).toArray()).toHaveLength(1);
      await sleep(300);
    } finally {
      await load.stop();
    }
    expect(load.failures()).toEqual([]);
  }, 30_000);

  it("skips a newest run that cannot be opened and keeps serving the previous one", async () => {
    const before = (await store.listRuns())[0]!;
    const broken: RunRow = { ...before, run_id: "rzzzzzzzz0000", created_at: Date.now() };
    const load = new LoadLoop([r1, r2], { query: QUERY, workersPerReplica: 1, forbidden: [s3.secretAccessKey], pauseMs: 20 });
    try {
      await store.publish(broken);
      const logged = await load.waitFor(() => [r1, r2].every((r) => r.output().includes("index run could not be opened")), 10_000);
      expect(logged).toBe(true);
      await sleep(REFRESH_SECONDS * 1000 + 200);
    } finally {
      await load.stop();
    }
    expect(load.failures()).toEqual([]);
    expect(load.samples.filter((s) => s.kind === "health").every((s) => s.runId === run2)).toBe(true);
    // Garbage collection does not count the broken run towards `keep`: the served run stays.
    expect(await store.collectGarbage({ keep: 1, graceMs: 0 })).toEqual([]);
    // Compacting the runs table (one file per publish) under load changes nothing for readers.
    const load2 = new LoadLoop([r1, r2], { query: QUERY, workersPerReplica: 1, forbidden: [s3.secretAccessKey], pauseMs: 20 });
    try {
      expect(await store.compactRuns({ olderThan: new Date(), minFragments: 1 })).toBe(true);
      expect((await store.listRuns()).map((r) => r.run_id)).toEqual([broken.run_id, run2, run1]);
      await sleep(REFRESH_SECONDS * 1000 + 200);
    } finally {
      await load2.stop();
    }
    expect(load2.failures()).toEqual([]);
    expect((await (await store.db.openTable("runs")).stats()).fragmentStats.numFragments).toBe(1);
  }, 30_000);

  it("keeps serving from one replica when the other is killed mid-load", async () => {
    const load = new LoadLoop([r1, r2], { query: QUERY, workersPerReplica: 2, forbidden: [s3.secretAccessKey], pauseMs: 20 });
    let killedAt = 0;
    try {
      await sleep(700);
      killedAt = Date.now();
      r1.proc.kill("SIGKILL");
      expect(await r1.exited).toEqual({ code: null, signal: "SIGKILL" });
      await sleep(2_000);
    } finally {
      await load.stop();
    }
    const survivor = load.samples.filter((s) => s.replica === r2.name);
    const afterKill = survivor.filter((s) => s.started > killedAt);
    report(`replica-1 SIGKILLed: replica-2 answered ${afterKill.length} requests after the kill, ${load.failures((s) => s.replica === r2.name).length} failed; replica-1 failed ${load.failures((s) => s.replica === r1.name && s.started >= killedAt).length} after the kill`);
    expect(afterKill.filter((s) => s.ok).length).toBeGreaterThanOrEqual(5);
    expect(load.failures((s) => s.replica === r2.name)).toEqual([]);
    expect(load.failures((s) => s.replica === r1.name && s.ended < killedAt)).toEqual([]);
    expect(await health(r2)).toMatchObject({ status: "ok", runId: run2 });
  }, 30_000);

  it("never shows credentials in logs, errors or responses", async () => {
    const lines: string[] = [];
    const log = { info: (m: string, e?: object) => lines.push(`${m} ${JSON.stringify(e)}`), error: (m: string, e?: object) => lines.push(`${m} ${JSON.stringify(e)}`) };
    // Wrong credentials: the server's error names the access key id; gongbao's messages do not.
    const badKey = { ...config.storageOptions, aws_access_key_id: "GBWRONGKEYID0001" };
    const denied = new LiveIndex({ uri: config.indexUri, storageOptions: badKey, refreshSeconds: 0, log });
    await denied.start();
    denied.stop();
    expect(denied.state().state).toBe("missing");
    expect(lines.join("\n")).toMatch(/index refresh failed/);
    expect(lines.join("\n")).not.toContain("GBWRONGKEYID0001");
    expect(redactSecrets(`x ${s3.secretAccessKey} s3://id:pw@host/b`, config.storageOptions)).toBe("x *** s3://***@host/b");

    const everything = [...children.map((c) => c.output()), lines.join("\n"), ...Object.values(beforeIndex)].join("\n");
    expect(everything).toContain("serving index run");
    expect(everything).not.toContain(s3.secretAccessKey);
    expect(everything).not.toContain(s3.accessKeyId);
  }, 30_000);
});

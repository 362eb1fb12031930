/**
 * Index and embedding faults (practices B.4 #18–23): a missing index, corrupt runs (before
 * and while they are served), the embedding endpoint down during ingest and at query time,
 * two ingests at once and stale locks. The server never answers 500 and never serves a
 * half-written run.
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync, truncateSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Config } from "../../core/config.ts";
import { IndexStore } from "../../core/index/store.ts";
import { createLog } from "../../core/util/log.ts";
import { composeApp } from "../../server/compose.ts";
import { runIngest } from "../../ingest/run-ingest.ts";
import { indexEnv, startServerChild } from "../helpers/child.ts";
import { configFor, SMALL_CORPUS } from "../helpers/config.ts";
import type { FakeMode, FakeOpenAI } from "../helpers/fake-openai.ts";
import { startFakeOpenAI } from "../helpers/fake-openai.ts";
import { createLeakCheck } from "../helpers/leaks.ts";
import type { TempIndex } from "../helpers/temp-index.ts";
import { buildTempIndex } from "../helpers/temp-index.ts";

const Q = "行政执法人员培训有什么要求？";
const leaks = createLeakCheck();
const scratch = mkdtempSync(join(tmpdir(), "gongbao-faults-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** An in-process app over a config; `call` reads every response through the leak check. */
async function appFor(config: Config) {
  const services = composeApp(config, createLog("silent"), null);
  await services.index.start();
  const call = async (path: string, body?: unknown) => {
    const init: RequestInit = body === undefined ? {} : { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) };
    return leaks.read(await services.app.request(path, init), path);
  };
  return {
    ...services, call,
    search: () => call(`/api/search?${new URLSearchParams({ q: Q })}`),
    chat: () => call("/api/chat", { messages: [{ role: "user", content: Q }] }),
    health: () => call("/api/health"),
  };
}

describe("index folder missing at start", () => {
  it("starts, answers health 503 no_index and chat 503 telling to run npm run ingest; picks the index up once built", async () => {
    const dir = join(scratch, "missing");
    const index = { dir, config: configFor({ dir, config: { corpusDir: join(dir, "corpus"), indexUri: join(dir, "never-built") } as Config }) };
    const app = await appFor(index.config);
    try {
      const health = await app.health();
      expect(health.status).toBe(503);
      expect(health.json).toMatchObject({ status: "no_index", runId: null });
      expect(health.json.message).toContain("npm run ingest");
      for (const r of [await app.chat(), await app.search(), await app.call("/api/issues"), await app.call("/api/documents/abc")]) {
        expect(r.status).toBe(503);
        expect(r.json.error.code).toBe("no_index");
        expect(r.json.error.message).toContain("npm run ingest");
        expect(r.headers.get("retry-after")).toBeTruthy();
      }
      // Build it while the server runs: the next refresh serves it, no restart.
      cpSync(join(new URL("../../data/corpus/", import.meta.url).pathname, SMALL_CORPUS[0]!), join(dir, "corpus", SMALL_CORPUS[0]!), { recursive: true });
      await runIngest(index.config);
      await app.index.refresh();
      expect((await app.health()).status).toBe(200);
      expect((await app.chat()).status).toBe(200);
    } finally {
      app.index.stop();
    }
  });
});

describe("corrupt runs", () => {
  let pristine: TempIndex;
  let runA: string;
  let runB: string;

  beforeAll(async () => {
    pristine = await buildTempIndex({ files: SMALL_CORPUS });
    runA = pristine.report.runId!;
    const b = await runIngest(pristine.config, { force: true });
    runB = b.runId!;
    expect(runB).not.toBe(runA);
  });
  afterAll(() => pristine?.cleanup());

  /** A copy of the two-run index, so each corruption starts from the same state. */
  let copies = 0;
  function copy(): { config: Config; table: (kind: string, run: string) => string } {
    const dir = join(scratch, `copy-${++copies}`);
    cpSync(pristine.dir, dir, { recursive: true });
    const config = configFor({ dir, config: { corpusDir: join(dir, "corpus"), indexUri: join(dir, "index") } as Config });
    return { config, table: (kind, run) => join(dir, "index", `${kind}_${run}.lance`) };
  }

  const files = (dir: string) => readdirSync(dir).map((f) => join(dir, f)).filter((f) => statSync(f).isFile());

  const corruptions: [string, (table: (kind: string, run: string) => string, run: string) => void][] = [
    ["data files of passages deleted", (t, r) => rmSync(join(t("passages", r), "data"), { recursive: true })],
    ["one passages data file truncated", (t, r) => {
      const biggest = files(join(t("passages", r), "data")).sort((a, b) => statSync(b).size - statSync(a).size)[0]!;
      truncateSync(biggest, 64);
    }],
    ["passages data overwritten with garbage", (t, r) => {
      for (const f of files(join(t("passages", r), "data"))) writeFileSync(f, Buffer.alloc(statSync(f).size, 0x5a));
    }],
    ["full-text index deleted", (t, r) => rmSync(join(t("passages", r), "_indices"), { recursive: true })],
    ["passages table folder deleted", (t, r) => rmSync(t("passages", r), { recursive: true })],
    ["newest passages manifest deleted", (t, r) => {
      const versions = join(t("passages", r), "_versions");
      const newest = readdirSync(versions).filter((f) => f.endsWith(".manifest")).sort((a, b) => (BigInt(a.split(".")[0]!) < BigInt(b.split(".")[0]!) ? -1 : 1))[0]!;
      rmSync(join(versions, newest));
      rmSync(join(versions, "latest_version_hint.json"), { force: true });
    }],
    ["documents table deleted", (t, r) => rmSync(t("documents", r), { recursive: true })],
    ["issues data garbage", (t, r) => {
      for (const f of files(join(t("issues", r), "data"))) writeFileSync(f, "not a lance file");
    }],
  ];

  it.each(corruptions)("%s (before start) → the previous run is served", async (name, corrupt) => {
    const c = copy();
    corrupt(c.table, runB);
    const app = await appFor(c.config);
    try {
      const health = await app.health();
      expect(health.status).toBe(200);
      // Without its newest manifest a table reads its previous version, which may still be complete (then B is fine to serve).
      if (name.includes("manifest")) expect([runA, runB]).toContain(health.json.runId);
      else expect(health.json.runId).toBe(runA);
      const search = await app.search();
      expect(search.status).toBe(200);
      expect(search.json.results.length).toBeGreaterThan(0);
      const chat = await app.chat();
      expect(chat.status).toBe(200);
      expect(chat.json.abstained).toBe(false);
    } finally {
      app.index.stop();
    }
  });

  // A served run damaged underneath makes LanceDB panic inside its reader threads; the panic
  // reaches gongbao as an error, but Rust prints it to the process's own stderr first. The
  // server runs as a child here so that text lands in the child's captured output (where an
  // operator's logs would keep it), not in the output of a green test run.
  it.each(corruptions.slice(0, 3))("%s (while served) → the next request is answered from the previous run", async (name, corrupt) => {
    const c = copy();
    const server = await startServerChild({ ...indexEnv(c.config), GONGBAO_REFRESH_SECONDS: "0", GONGBAO_RATE_LIMIT: "0" });
    const get = async (path: string, body?: unknown) => {
      const init: RequestInit = body === undefined ? {} : { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) };
      return leaks.read(await fetch(server.url + path, init), path);
    };
    try {
      expect((await get("/api/health")).json.runId).toBe(runB);
      const search = `/api/search?${new URLSearchParams({ q: Q })}`;
      expect((await get(search)).status).toBe(200);
      corrupt(c.table, runB);
      for (const r of [await get(search), await get("/api/chat", { messages: [{ role: "user", content: Q }] }), await get(search)]) {
        expect(r.status, r.text.slice(0, 200)).toBe(200);
      }
      expect((await get("/api/health")).json.runId).toBe(runA);
      // gongbao's own report of the damage, in its log, naming the run it left.
      expect(server.output()).toMatch(new RegExp(`stopped answering; falling back to the previous run.*${runB}`));
      // Garbage makes LanceDB panic: the panic stays in the server's stderr, for its operator.
      if (name.includes("garbage")) expect(server.output()).toMatch(/panicked at/);
    } finally {
      server.process.kill("SIGKILL");
      await server.exited;
    }
  });

  it("every run unreadable (runs table garbage) → 503 with advice, never a 500 or a panic text", async () => {
    const c = copy();
    const runs = join(c.config.indexUri, "runs.lance");
    for (const f of files(join(runs, "data"))) writeFileSync(f, "garbage");
    for (const f of files(join(runs, "_versions"))) writeFileSync(f, "garbage");
    const app = await appFor(c.config);
    try {
      const health = await app.health();
      expect(health.status).toBe(503);
      expect(health.json.message).toMatch(/npm run ingest/);
      const chat = await app.chat();
      expect(chat.status).toBe(503);
      expect(chat.json.error.code).toBe("no_index");
    } finally {
      app.index.stop();
    }
  });

  it("a run whose tables were never completed (interrupted ingest) is not visible", async () => {
    const c = copy();
    // An interrupted ingest leaves tables without a row in `runs`: simulate with a copy of B's passages under a new id.
    cpSync(c.table("passages", runB), c.table("passages", "rzzzzzzzzzzzz"), { recursive: true });
    const app = await appFor(c.config);
    try {
      expect((await app.health()).json.runId).toBe(runB);
    } finally {
      app.index.stop();
    }
  });
});

describe("embedding endpoint faults", () => {
  let fake: FakeOpenAI;
  let hashed: TempIndex;
  let openaiIndex: TempIndex;
  const embedEnv = (url: string, extra: Record<string, string> = {}) => ({
    GONGBAO_EMBEDDER: "openai", OPENAI_BASE_URL: url, OPENAI_API_KEY: "sk-test-embed-0000000000", GONGBAO_LLM: "off",
    GONGBAO_EMBED_TIMEOUT_MS: "1000", ...extra,
  });

  beforeAll(async () => {
    fake = await startFakeOpenAI();
    hashed = await buildTempIndex({ files: SMALL_CORPUS });
    openaiIndex = await buildTempIndex({ files: SMALL_CORPUS, env: embedEnv(fake.url) });
  });
  afterAll(async () => {
    await fake?.close();
    hashed?.cleanup();
    openaiIndex?.cleanup();
  });

  it.each<[FakeMode, RegExp]>([
    ["down", /embedding endpoint failed/],
    ["http500", /embedding endpoint failed: HTTP 500/],
    ["garbage", /embedding endpoint (failed|returned a malformed response)/],
    ["empty", /malformed/],
  ])("%s during ingest → the ingest fails clearly, the previous run stays published and served", async (mode, message) => {
    const app = await appFor(hashed.config);
    fake.embedMode = mode;
    try {
      const before = (await app.health()).json.runId;
      const config = configFor(hashed, embedEnv(fake.url));
      await expect(runIngest(config, { force: true })).rejects.toThrow(message);
      expect(existsSync(join(hashed.config.indexUri, ".ingest.lock"))).toBe(false);
      const store = await IndexStore.connect({ uri: hashed.config.indexUri, storageOptions: {} });
      try {
        expect((await store.listRuns())[0]!.run_id).toBe(before);
      } finally {
        store.close();
      }
      await app.index.refresh();
      expect((await app.health()).json.runId).toBe(before);
      expect((await app.search()).status).toBe(200);
    } finally {
      fake.embedMode = "ok";
      app.index.stop();
    }
  });

  it("at query time: healthy → hybrid; down, failing or slow → keyword-only results with a note", async () => {
    // The same question each time: without the result cache every request meets the endpoint.
    const app = await appFor(configFor(openaiIndex, embedEnv(fake.url, { GONGBAO_SEARCH_CACHE: "0" })));
    try {
      expect((await app.health()).json.embedder).toMatch(/^openai:/);
      fake.embedMode = "ok";
      const ok = await app.search();
      expect(ok.status).toBe(200);
      expect(ok.json.note).toBeUndefined();
      for (const mode of ["down", "http500", "garbage", "slow"] as FakeMode[]) {
        fake.embedMode = mode;
        const started = performance.now();
        const r = await app.search();
        expect(r.status, mode).toBe(200);
        expect(r.json.results.length, mode).toBeGreaterThan(0);
        expect(r.json.note, mode).toMatch(/关键词/);
        expect(performance.now() - started, mode).toBeLessThan(3000);
        const chat = await app.chat();
        expect(chat.status, mode).toBe(200);
        expect(chat.json.note, mode).toMatch(/关键词/);
      }
    } finally {
      fake.embedMode = "ok";
      app.index.stop();
    }
  });

  it("with the result cache: a question answered while the endpoint was healthy stays whole when it goes down; keyword-only outcomes are not kept", async () => {
    const app = await appFor(configFor(openaiIndex, embedEnv(fake.url)));
    try {
      fake.embedMode = "ok";
      const healthy = await app.search();
      expect(healthy.json.note).toBeUndefined();
      fake.embedMode = "down";
      const cached = await app.search();
      expect(cached.json).toEqual(healthy.json);
      const chat = await app.chat();
      expect(chat.json.note).toMatch(/关键词/);
      const embedCalls = () => fake.requests.filter((r) => r.path === "/v1/embeddings").length;
      const calls = embedCalls();
      await app.chat();
      expect(embedCalls()).toBeGreaterThan(calls);
    } finally {
      fake.embedMode = "ok";
      app.index.stop();
    }
  });
});

describe("ingest lock", () => {
  let index: TempIndex;
  beforeAll(async () => {
    index = await buildTempIndex({ files: SMALL_CORPUS });
  });
  afterAll(() => index?.cleanup());
  const lockPath = () => join(index.config.indexUri, ".ingest.lock");

  it("two ingests at once in one process: the second fails with 'already running', the first publishes", async () => {
    const results = await Promise.allSettled([runIngest(index.config, { force: true }), runIngest(index.config, { force: true })]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const failed = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(String(failed.reason.message)).toMatch(/already running/);
    expect(existsSync(lockPath())).toBe(false);
  });

  it("a lock held by a live process → 'already running (pid …)'; the lock is left alone", async () => {
    writeFileSync(lockPath(), String(process.ppid));
    try {
      await expect(runIngest(index.config, { force: true })).rejects.toThrow(/already running \(pid \d+\)/);
      expect(existsSync(lockPath())).toBe(true);
    } finally {
      rmSync(lockPath(), { force: true });
    }
  });

  it("a stale lock (dead pid) is taken over and released", async () => {
    const dead = spawnSync(process.execPath, ["-e", "0"]).pid!;
    writeFileSync(lockPath(), String(dead));
    const report = await runIngest(index.config, { force: true });
    expect(report.runId).toBeTruthy();
    expect(existsSync(lockPath())).toBe(false);
  });

  it("an empty lock file: fresh → refused (an ingest is starting); old → taken over", async () => {
    writeFileSync(lockPath(), "");
    await expect(runIngest(index.config, { force: true })).rejects.toThrow(/already running/);
    const old = new Date(Date.now() - 60_000);
    utimesSync(lockPath(), old, old);
    await expect(runIngest(index.config, { force: true })).resolves.toMatchObject({ runId: expect.any(String) });
    expect(existsSync(lockPath())).toBe(false);
  });
});

describe("leaks", () => {
  it("no response in this file carries a stack trace, a path or a panic text", () => {
    expect(leaks.count()).toBeGreaterThan(40);
    expect(leaks.leaks()).toEqual([]);
  });
});

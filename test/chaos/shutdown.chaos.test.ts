/**
 * SIGTERM with requests in flight (practices B.4 #25): the real server (`node --import tsx
 * server/main.ts`) with a fake LLM that takes 1.5 s per answer; 5 JSON requests and 2 SSE streams
 * are open when SIGTERM arrives. They all complete, new connections are refused, exit code 0.
 */
import { connect } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Child } from "../helpers/child.ts";
import { indexEnv, killLeftovers, startServerChild } from "../helpers/child.ts";
import { SMALL_CORPUS } from "../helpers/config.ts";
import type { FakeOpenAI } from "../helpers/fake-openai.ts";
import { startFakeOpenAI } from "../helpers/fake-openai.ts";
import { findLeaks, TEST_API_KEY } from "../helpers/leaks.ts";
import { parseSse } from "../helpers/sse.ts";
import type { TempIndex } from "../helpers/temp-index.ts";
import { buildTempIndex } from "../helpers/temp-index.ts";

let index: TempIndex;
let fake: FakeOpenAI;
let server: Child & { url: string };

beforeAll(async () => {
  index = await buildTempIndex({ files: SMALL_CORPUS });
  fake = await startFakeOpenAI();
  fake.delayMs = 1500;
  server = await startServerChild({
    ...indexEnv(index.config), GONGBAO_RATE_LIMIT: "0",
    OPENAI_BASE_URL: fake.url, OPENAI_API_KEY: TEST_API_KEY, GONGBAO_LLM_MODEL: "fake", GONGBAO_LLM_TIMEOUT_MS: "10000",
  });
});

afterAll(async () => {
  killLeftovers();
  await fake?.close();
  index?.cleanup();
});

/** "refused" when the connection is refused or reset; "served" when an HTTP response comes back on a new connection. */
const tryConnect = (url: string) =>
  new Promise<"refused" | "served">((resolve) => {
    const { hostname, port } = new URL(url);
    const s = connect(Number(port), hostname);
    s.setTimeout(3000, () => {
      s.destroy();
      resolve("refused");
    });
    s.once("connect", () => s.write("GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
    s.once("data", () => {
      s.destroy();
      resolve("served");
    });
    s.once("error", () => resolve("refused"));
    s.once("close", () => resolve("refused"));
  });

it("finishes 5 in-flight requests and 2 open streams, refuses new connections, then exits 0", async () => {
  const body = (stream: boolean) => JSON.stringify({ stream, messages: [{ role: "user", content: "行政执法人员培训有什么要求？" }] });
  const post = (stream: boolean) =>
    fetch(`${server.url}/api/chat`, { method: "POST", headers: { "content-type": "application/json" }, body: body(stream) }).then(async (r) => ({
      status: r.status, text: await r.text(),
    }));
  const pending = [...Array.from({ length: 5 }, () => post(false)), post(true), post(true)];
  // All seven are waiting on the model when the signal arrives.
  const until = Date.now() + 10_000;
  while (fake.open < 7 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
  expect(fake.open).toBe(7);
  const signalled = performance.now();
  server.process.kill("SIGTERM");
  await server.waitFor(/shutting down/, 5000);
  expect(await tryConnect(server.url)).toBe("refused");

  const results = await Promise.all(pending);
  for (const r of results.slice(0, 5)) {
    expect(r.status).toBe(200);
    expect(JSON.parse(r.text)).toMatchObject({ mode: "llm", abstained: false });
  }
  for (const r of results.slice(5)) {
    expect(r.status).toBe(200);
    const events = parseSse(r.text);
    expect(events[0]!.event).toBe("citations");
    expect(events.at(-1)).toMatchObject({ event: "done", data: { mode: "llm" } });
  }
  const { code, signal } = await server.exited;
  expect({ code, signal }).toEqual({ code: 0, signal: null });
  expect(performance.now() - signalled).toBeLessThan(10_000);
  expect(fake.aborted).toBe(0);
  // The log says what happened, and nothing it should not.
  expect(server.output()).toMatch(/"msg":"stopped"/);
  expect(server.output()).not.toContain(TEST_API_KEY);
  expect(findLeaks(results.map((r) => r.text).join("\n"))).toEqual([]);
});

/**
 * Abuse and hardening (practices B.5 #27, #31, B.4 #26): per-client rate limit that spoofed
 * X-Forwarded-For cannot reset, secure headers on every kind of response, the static UI
 * cannot be used to read files outside its folder, and a route that throws gives a clean 500.
 */
import { request } from "node:http";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AnswerService } from "../../api/answer/service.ts";
import { FeedbackStore } from "../../api/feedback/store.ts";
import { createApp } from "../../api/app.ts";
import type { AppDeps } from "../../api/deps.ts";
import type { OpenRun } from "../../api/index/live-index.ts";
import type { Retriever } from "../../api/retrieval/search.ts";
import { listen } from "../../api/server.ts";
import { createLog } from "../../core/util/log.ts";
import { captureStream } from "../helpers/capture.ts";
import { configFor, SMALL_CORPUS } from "../helpers/config.ts";
import { createLeakCheck } from "../helpers/leaks.ts";
import { rawGet } from "../helpers/raw-http.ts";
import type { TestServer } from "../helpers/server.ts";
import { startServer } from "../helpers/server.ts";
import { parseSse } from "../helpers/sse.ts";
import type { TempIndex } from "../helpers/temp-index.ts";
import { buildTempIndex } from "../helpers/temp-index.ts";

const leaks = createLeakCheck();
let index: TempIndex;
beforeAll(async () => {
  index = await buildTempIndex({ files: SMALL_CORPUS });
});
afterAll(() => index?.cleanup());

/** GET from a chosen loopback address (127.0.0.x), to act as distinct clients without a proxy. */
function getFrom(url: string, localAddress: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const req = request(url, { localAddress, headers: { connection: "close", ...headers } }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d) => (body += d));
      res.on("end", () => {
        leaks.note(url, res.statusCode ?? 0, body);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
      });
    });
    req.on("error", reject);
    req.end();
  });
}

describe("rate limit", () => {
  let strict: TestServer;
  let proxied: TestServer;
  beforeAll(async () => {
    strict = await startServer(configFor(index, { GONGBAO_RATE_LIMIT: "5" }));
    proxied = await startServer(configFor(index, { GONGBAO_RATE_LIMIT: "5", GONGBAO_TRUST_PROXY: "true" }));
  });
  afterAll(async () => {
    await strict?.close();
    await proxied?.close();
  });

  it("the 6th request in a minute gets 429 JSON with Retry-After; spoofed X-Forwarded-For does not reset the bucket", async () => {
    const url = `${strict.url}/api/health`;
    for (let i = 0; i < 5; i++) {
      const r = await getFrom(url, "127.0.0.1", { "x-forwarded-for": `10.0.0.${i}` });
      expect(r.status).toBe(200);
      expect(r.headers["ratelimit-remaining"]).toBe(String(4 - i));
    }
    for (const spoof of ["10.9.9.9", "127.0.0.2", "1.1.1.1, 2.2.2.2", ""]) {
      const r = await getFrom(url, "127.0.0.1", spoof ? { "x-forwarded-for": spoof, "x-real-ip": spoof } : {});
      expect(r.status).toBe(429);
      const retry = Number(r.headers["retry-after"]);
      expect(retry).toBeGreaterThanOrEqual(1);
      expect(retry).toBeLessThanOrEqual(60);
      expect(r.headers["content-type"]).toContain("application/json");
      expect(JSON.parse(r.body).error).toMatchObject({ code: "rate_limited", message: expect.stringContaining(`${retry} s`) });
    }
    // Chat and the OpenAI route count against the same client.
    const chat = await fetch(`${strict.url}/api/chat`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect((await leaks.read(chat)).status).toBe(429);
  });

  it("another client (another address) is unaffected", async () => {
    const r = await getFrom(`${strict.url}/api/health`, "127.0.0.2");
    expect(r.status).toBe(200);
  });

  it("behind a trusted proxy: the address the proxy appended is the key; a forged left part does not escape it", async () => {
    const url = `${proxied.url}/api/health`;
    for (let i = 0; i < 5; i++) expect((await getFrom(url, "127.0.0.1", { "x-forwarded-for": `203.0.113.${i}, 198.51.100.7` })).status).toBe(200);
    expect((await getFrom(url, "127.0.0.1", { "x-forwarded-for": "198.51.100.7" })).status).toBe(429);
    expect((await getFrom(url, "127.0.0.1", { "x-forwarded-for": "evil, 198.51.100.7" })).status).toBe(429);
    expect((await getFrom(url, "127.0.0.1", { "x-forwarded-for": "198.51.100.8" })).status).toBe(200);
  });
});

describe("secure headers", () => {
  let web: TestServer;
  let webDir: string;
  beforeAll(async () => {
    webDir = mkdtempSync(join(tmpdir(), "gongbao-web-"));
    mkdirSync(join(webDir, "dist", "assets"), { recursive: true });
    writeFileSync(join(webDir, "dist", "index.html"), "<!doctype html><html><body><div id=root></div><script src=/assets/app.js></script></body></html>");
    writeFileSync(join(webDir, "dist", "assets", "app.js"), "console.log('ui')");
    writeFileSync(join(webDir, "secret.txt"), "TOP-SECRET-OUTSIDE-DIST");
    web = await startServer(configFor(index), { webDist: join(webDir, "dist") });
  });
  afterAll(async () => {
    await web?.close();
    rmSync(webDir, { recursive: true, force: true });
  });

  const common = (h: Headers) => {
    expect(h.get("x-content-type-options")).toBe("nosniff");
    expect(h.get("x-frame-options")).toBe("SAMEORIGIN");
    expect(h.get("referrer-policy")).toBe("no-referrer");
    expect(h.get("x-powered-by")).toBeNull();
    expect(h.get("server")).toBeNull();
    expect(h.get("x-request-id")).toMatch(/^[\w.-]+$/);
  };

  it.each([
    ["HTML page", "/", "text/html"],
    ["SPA route", "/some/page", "text/html"],
    ["static asset", "/assets/app.js", "javascript"],
    ["JSON", "/api/health", "application/json"],
    ["JSON error", "/api/nope", "application/json"],
    ["validation error", "/api/search", "application/json"],
  ])("%s %s: nosniff, frame and referrer policy, CSP, no X-Powered-By", async (_name, path, type) => {
    const res = await fetch(`${web.url}${path}`);
    await leaks.read(res);
    expect(res.headers.get("content-type")).toContain(type);
    common(res.headers);
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-(inline|eval)/);
  });

  it("SSE responses carry the same headers", async () => {
    const res = await fetch(`${web.url}/api/chat`, {
      method: "POST", headers: { "content-type": "application/json" },
      body: JSON.stringify({ stream: true, messages: [{ role: "user", content: "行政执法人员培训有什么要求？" }] }),
    });
    common(res.headers);
    leaks.note("sse", res.status, await res.text());
  });

  it.each([
    "/../../../../etc/passwd",
    "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/assets/..%2f..%2f..%2f..%2fetc%2fpasswd",
    "/..%2fsecret.txt",
    "/assets/../../secret.txt",
    "/%2e%2e%2fsecret.txt",
    "/..%5csecret.txt",
    "/assets/%00../../secret.txt",
  ])("static files never escape the UI folder: %s", async (path) => {
    const r = await rawGet(web.url, path);
    leaks.note(path, r.status, r.body);
    expect(r.status).toBeLessThan(500);
    expect(r.body).not.toContain("TOP-SECRET-OUTSIDE-DIST");
    expect(r.body).not.toMatch(/root:x:0:0/);
  });
});

describe("a route that throws", () => {
  const secretMessage = "boom at /srv/secret/path.ts:12:3 with key sk-live-abcdefghijkl";
  const fakeRun = { run: { run_id: "rtest0000", passages: 1, documents: 1, issues: 1, embedder: "x" } } as unknown as OpenRun;
  const throwing = {
    search: async () => {
      throw new Error(secretMessage);
    },
  } as unknown as Retriever;

  function deps(log = createLog("silent")): AppDeps {
    return {
      index: { current: () => fakeRun, state: () => ({ state: "ok", runId: "rtest0000" }), recheck: async () => false },
      retriever: throwing, answers: new AnswerService(throwing, null), feedback: new FeedbackStore(join(tmpdir(), "gongbao-unused", "feedback.jsonl")), embedderId: "x", webDist: null, corsOrigins: [],
      rateLimitPerMinute: 0, trustProxy: false, requestTimeoutMs: 5000, log,
    };
  }

  it("→ 500 internal_error with a request id, no stack, no message, no path; the server keeps serving; the log has the detail", async () => {
    const capture = captureStream();
    const listening = await listen(createApp(deps(createLog("debug", capture.stream))), { port: 0, host: "127.0.0.1", log: createLog("silent") });
    const url = `http://127.0.0.1:${listening.port}`;
    try {
      for (const [path, init] of [
        [`/api/search?q=${encodeURIComponent("行政执法")}`, {}],
        ["/api/chat", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ messages: [{ role: "user", content: "行政执法" }] }) }],
        ["/v1/chat/completions", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ messages: [{ role: "user", content: "行政执法" }] }) }],
      ] as [string, RequestInit][]) {
        const r = await leaks.read(await fetch(`${url}${path}`, init));
        expect(r.status, path).toBe(500);
        expect(r.json.error.code).toBe("internal_error");
        expect(r.json.error.requestId).toMatch(/^[\w-]+$/);
        expect(r.text).not.toContain("boom");
        expect(r.text).not.toContain("/srv/");
      }
      const stream = await fetch(`${url}/api/chat`, {
        method: "POST", headers: { "content-type": "application/json" },
        body: JSON.stringify({ stream: true, messages: [{ role: "user", content: "行政执法" }] }),
      });
      const text = await stream.text();
      leaks.note("sse throw", stream.status, text);
      expect(parseSse(text).at(-1)).toMatchObject({ event: "error", data: { code: "internal_error" } });
      expect(text).not.toContain("boom");
      expect((await leaks.read(await fetch(`${url}/api/health`))).status).toBe(200);
      // The detail is logged for operators, with the request id, minus the key.
      const logs = capture.text();
      expect(logs).toContain("boom at /srv/secret/path.ts");
      expect(logs).toMatch(/"requestId":"[\w-]+"/);
      expect(logs).not.toContain("sk-live-abcdefghijkl");
    } finally {
      await listening.close(1000);
    }
  });
});

describe("leaks", () => {
  it("no response in this file carries a stack trace, a path or a secret", () => {
    expect(leaks.count()).toBeGreaterThan(20);
    expect(leaks.leaks()).toEqual([]);
  });
});

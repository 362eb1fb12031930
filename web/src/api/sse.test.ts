import { describe, expect, it, vi, afterEach } from "vitest";
import { citation, sseBody } from "../testing/fixtures.ts";
import { RequestError, parseRetryAfter, streamChat } from "./client.ts";
import { SseParser } from "./sse.ts";

afterEach(() => vi.unstubAllGlobals());

describe("SseParser", () => {
  it("assembles events from chunks split anywhere, including inside a CRLF", () => {
    const text = 'event: delta\r\ndata: {"text":"一"}\r\n\r\n: keep-alive\n\nevent: done\ndata: {"a":1}\ndata: {"b":2}\n\n';
    for (let size = 1; size <= text.length; size++) {
      const parser = new SseParser();
      const events = [];
      for (let i = 0; i < text.length; i += size) events.push(...parser.push(text.slice(i, i + size)));
      expect(events).toEqual([
        { event: "delta", data: '{"text":"一"}' },
        { event: "done", data: '{"a":1}\n{"b":2}' },
      ]);
    }
  });

  it("ignores an unterminated event and lines without data", () => {
    const parser = new SseParser();
    expect(parser.push("event: citations\n\nevent: delta\ndata: x")).toEqual([]);
  });
});

describe("streamChat", () => {
  const handlers = () => ({ citations: vi.fn(), delta: vi.fn(), done: vi.fn() });

  it("dispatches citations, deltas and done from a body cut mid-character", async () => {
    const events: [string, unknown][] = [
      ["citations", [citation(1)]],
      ["delta", { text: "由市交通运输局" }],
      ["delta", { text: "牵头[1]。" }],
      ["done", { abstained: false, mode: "llm" }],
    ];
    for (const size of [1, 2, 5, 13]) {
      vi.stubGlobal("fetch", async () => new Response(sseBody(events, size), { headers: { "Content-Type": "text/event-stream" } }));
      const on = handlers();
      await streamChat({ messages: [{ role: "user", content: "q" }] }, on, new AbortController().signal);
      expect(on.citations).toHaveBeenCalledWith([citation(1)]);
      expect(on.delta.mock.calls.map((c) => c[0]).join("")).toBe("由市交通运输局牵头[1]。");
      expect(on.done).toHaveBeenCalledWith({ abstained: false, mode: "llm" });
    }
  });

  it("turns an error event into a RequestError", async () => {
    vi.stubGlobal("fetch", async () =>
      new Response(sseBody([["error", { code: "upstream", message: "模型服务中断" }]]), { headers: { "Content-Type": "text/event-stream" } }),
    );
    await expect(streamChat({ messages: [] }, handlers(), new AbortController().signal)).rejects.toMatchObject({
      kind: "interrupted",
      message: "模型服务中断",
    });
  });

  it("reports a stream that ends before done", async () => {
    vi.stubGlobal("fetch", async () => new Response(sseBody([["delta", { text: "半" }]]), { headers: { "Content-Type": "text/event-stream" } }));
    await expect(streamChat({ messages: [] }, handlers(), new AbortController().signal)).rejects.toBeInstanceOf(RequestError);
  });

  it("classifies HTTP errors, with Retry-After on 429", async () => {
    const cases: [Response, object][] = [
      [new Response(JSON.stringify({ error: { code: "rate_limited", message: "慢一点" } }), { status: 429, headers: { "Retry-After": "12" } }), { kind: "rate_limited", status: 429, retryAfter: 12 }],
      [new Response(JSON.stringify({ error: { code: "no_index", message: "run ingest" } }), { status: 503 }), { kind: "no_index", message: "run ingest" }],
      [new Response(JSON.stringify({ error: { code: "internal", message: "boom" } }), { status: 500 }), { kind: "server", status: 500 }],
      [new Response("<html>bad gateway</html>", { status: 502 }), { kind: "network", status: 502 }],
    ];
    for (const [res, expected] of cases) {
      vi.stubGlobal("fetch", async () => res);
      await expect(streamChat({ messages: [] }, handlers(), new AbortController().signal)).rejects.toMatchObject(expected);
    }
    vi.stubGlobal("fetch", async () => {
      throw new TypeError("Failed to fetch");
    });
    await expect(streamChat({ messages: [] }, handlers(), new AbortController().signal)).rejects.toMatchObject({ kind: "network" });
  });

  it("parses Retry-After as seconds or as a date", () => {
    expect(parseRetryAfter("3")).toBe(3);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 0)).toBe(10);
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});

// @vitest-environment jsdom
import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ErrorBanner } from "../common/ErrorBanner.tsx";
import { jsonResponse, sseBody } from "../testing/fixtures.ts";
import { RequestError, streamChat } from "./client.ts";
import { CODE_TEXT, explain, toErrorInfo } from "./errors.ts";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

/** The codes the API sends (api/http, api/routes); each needs its own Chinese explanation. */
const API_CODES = [
  "invalid_request", "invalid_json", "empty_question", "question_too_long", "payload_too_large", "unsupported_media_type",
  "rate_limited", "no_index", "not_found", "internal_error", "timeout",
];

const hasHan = (s: string) => /\p{Script=Han}/u.test(s);

describe("error explanations", () => {
  it("has a distinct Chinese title and hint for every code of the API", () => {
    for (const code of API_CODES) {
      const text = CODE_TEXT[code];
      expect(text, code).toBeDefined();
      expect(hasHan(text!.title) && hasHan(text!.hint), code).toBe(true);
    }
    const titles = API_CODES.map((c) => CODE_TEXT[c]!.title);
    expect(new Set(titles).size).toBe(titles.length);
  });

  it("falls back to the kind of failure for unknown or missing codes", () => {
    expect(explain({ kind: "server", code: "brand_new_code" }).title).toBe("服务暂时出现问题");
    expect(explain({ kind: "network" }).title).toBe("无法连接到问答服务");
  });

  it("keeps the code, and a rate limit's wait, from a RequestError", () => {
    const err = new RequestError("rate_limited", "slow down", 429, 12, "rate_limited");
    expect(toErrorInfo(err, 1000)).toEqual({ kind: "rate_limited", code: "rate_limited", status: 429, message: "slow down", retryAt: 13_000 });
    expect(toErrorInfo(new RequestError("server", "busy", 503, 30, "timeout"), 0)).toEqual({ kind: "server", code: "timeout", status: 503, message: "busy" });
    expect(toErrorInfo(new Error("x"))).toMatchObject({ kind: "interrupted" });
  });

  it("shows each code in Chinese with the server's English message as a detail", () => {
    for (const code of API_CODES) {
      const { unmount } = render(
        <ErrorBanner error={{ kind: "request", code, status: 400, message: `server said ${code}` }} onRetry={() => {}} />,
      );
      const alert = screen.getByRole("alert");
      expect(alert.textContent).toContain(`${CODE_TEXT[code]!.title}（400）`);
      expect(alert.textContent).toContain(CODE_TEXT[code]!.hint);
      const detail = within(alert).getByText(`server said ${code}`);
      expect(detail.getAttribute("lang")).toBe("en");
      expect(alert.dataset.code).toBe(code);
      unmount();
    }
  });

  it("carries the code of an HTTP error and of a stream's error event", async () => {
    vi.stubGlobal("fetch", async () => jsonResponse({ error: { code: "payload_too_large", message: "the request body is larger than 256 KB" } }, 413));
    const on = { citations: vi.fn(), delta: vi.fn(), done: vi.fn() };
    await expect(streamChat({ messages: [] }, on, new AbortController().signal)).rejects.toMatchObject({ code: "payload_too_large", status: 413 });

    vi.stubGlobal("fetch", async () =>
      new Response(sseBody([["error", { code: "timeout", message: "the server could not answer within 30 s" }]]), {
        headers: { "Content-Type": "text/event-stream" },
      }),
    );
    const err = await streamChat({ messages: [] }, on, new AbortController().signal).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "timeout", kind: "interrupted" });
    expect(explain(toErrorInfo(err)).title).toBe("回答超时");
  });
});

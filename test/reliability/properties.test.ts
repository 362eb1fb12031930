/**
 * Property-based tests (fast-check): the request schemas, the whole validation path of the
 * HTTP app, and the text normalisers never throw on arbitrary input, and what they let
 * through has no control characters.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createApp } from "../../api/app.ts";
import type { AnswerService } from "../../api/answer/service.ts";
import { FeedbackStore } from "../../api/feedback/store.ts";
import type { AppDeps } from "../../api/deps.ts";
import type { Retriever } from "../../api/retrieval/search.ts";
import { ChatRequestSchema, FiltersSchema, LIMITS, SearchQuerySchema } from "../../core/api-schema.ts";
import { createLog } from "../../core/util/log.ts";
import { normalizeQuery, sanitizeText } from "../../core/text/normalize.ts";

/** Characters that must never survive cleaning: C0/C1 controls (other than none), bidi controls, zero-width, BOM, lone surrogates. */
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Strings rich in the characters that break things: controls, surrogates, bidi, CJK, full-width, combining marks. */
const nasty = fc.oneof(
  fc.string({ unit: "binary", maxLength: 200 }),
  fc.string({ unit: "grapheme", maxLength: 100 }),
  fc
    .array(
      fc.constantFrom("\u0000", "\u0007", "\u001b[2J", "\u007f", "\u0085", "\u200b", "\u200d", "\u202e", "\u2066", "\ufeff", "\ud800", "\udc00",
        "\u3000", " ", "\t", "\r\n", "\u2028", "返乡创业", "补贴", "三政办〔2020〕5号", "ＡＢＣ１２３", "e\u0301", "㍻", "ﬁ", "'", '"', "\\", "<script>"),
      { maxLength: 40 },
    )
    .map((parts) => parts.join("")),
);

describe("sanitizeText and normalizeQuery", () => {
  it("never throw, leave no control or invisible characters, and are idempotent", () => {
    fc.assert(
      fc.property(nasty, (s) => {
        for (const f of [sanitizeText, normalizeQuery]) {
          const out = f(s);
          expect(out).not.toMatch(FORBIDDEN);
          expect(out).toBe(out.trim());
          expect(out).not.toMatch(/\s{2,}/);
          expect(f(out)).toBe(out);
        }
        expect(normalizeQuery(s)).toBe(normalizeQuery(s).normalize("NFKC"));
      }),
      { numRuns: 3000 },
    );
  });

  it("keep the visible text of a question", () => {
    expect(normalizeQuery("\u0000返乡\u200b创业\u202e补贴\ud800？")).toBe("返乡创业补贴?");
    expect(normalizeQuery("  三政办〔２０２０〕５号\u3000讲了什么 ")).toBe("三政办〔2020〕5号 讲了什么");
  });
});

describe("request schemas", () => {
  const schemas = { chat: ChatRequestSchema, search: SearchQuerySchema, filters: FiltersSchema };

  it("safeParse never throws on any JSON value", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => {
        for (const schema of Object.values(schemas)) expect(() => schema.safeParse(value)).not.toThrow();
      }),
      { numRuns: 2000 },
    );
  });

  const message = fc.record({ role: fc.constantFrom("user", "assistant", "system", "tool", ""), content: nasty }, { requiredKeys: [] });
  const chatLike = fc.record(
    {
      messages: fc.oneof(fc.array(message, { maxLength: 45 }), nasty, fc.constant(null)),
      stream: fc.oneof(fc.boolean(), nasty),
      filters: fc.record({ year: fc.oneof(fc.integer(), nasty), issue: nasty, category: nasty, docNumber: nasty }, { requiredKeys: [] }),
    },
    { requiredKeys: [] },
  );

  it("a chat request that parses respects every limit", () => {
    fc.assert(
      fc.property(chatLike, (value) => {
        const r = ChatRequestSchema.safeParse(value);
        if (!r.success) {
          // Zod 4 reports paths and messages, never the input itself.
          for (const issue of r.error.issues) expect(issue).not.toHaveProperty("input");
          return;
        }
        expect(r.data.messages.length).toBeGreaterThanOrEqual(1);
        expect(r.data.messages.length).toBeLessThanOrEqual(LIMITS.messages);
        for (const m of r.data.messages) {
          expect(["user", "assistant"]).toContain(m.role);
          expect(m.content.length).toBeLessThanOrEqual(LIMITS.messageChars);
        }
        const f = r.data.filters ?? {};
        if (f.issue !== undefined) expect(f.issue).toMatch(/^[0-9]{4}-[0-9]{1,3}$/);
        if (f.category !== undefined) expect(f.category).not.toMatch(/['"\\;]/);
        if (f.year !== undefined) expect(Number.isInteger(f.year)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("the HTTP validation path, in process", () => {
  // No index is loaded: a request that passes validation ends in 503 no_index, so any 500 is a validation bug.
  const deps: AppDeps = {
    index: { current: () => null, state: () => ({ state: "missing", message: "no index has been built yet: run `npm run ingest`" }) },
    retriever: {} as Retriever,
    answers: { mode: "extractive" } as AnswerService,
    // Never written: these requests are chats and searches.
    feedback: new FeedbackStore("/nonexistent/feedback.jsonl"),
    embedderId: "test", webDist: null, corsOrigins: [], rateLimitPerMinute: 0, trustProxy: false, requestTimeoutMs: 5000,
    log: createLog("silent"),
  };
  const app = createApp(deps);

  it("POST /api/chat answers arbitrary bodies with a 4xx or 503 JSON error, never a 500", async () => {
    const bodies = fc.oneof(
      fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
      fc.record({ messages: fc.array(fc.record({ role: fc.constantFrom("user", "assistant"), content: nasty }), { minLength: 1, maxLength: 3 }) }).map((v) => JSON.stringify(v)),
      nasty,
    );
    await fc.assert(
      fc.asyncProperty(bodies, async (body) => {
        const res = await app.request("/api/chat", { method: "POST", headers: { "content-type": "application/json" }, body });
        expect([400, 413, 415, 503]).toContain(res.status);
        const json = (await res.json()) as { error: { code: string; message: string } };
        expect(json.error.code).toMatch(/^[a-z_]+$/);
        if (res.status === 503) expect(json.error.message).toContain("npm run ingest");
      }),
      { numRuns: 500 },
    );
  });

  it("GET /api/search answers arbitrary query strings with a 4xx or 503 JSON error", async () => {
    const params = fc.dictionary(fc.constantFrom("q", "k", "year", "issue", "category", "docNumber", "x"), nasty, { maxKeys: 4 });
    await fc.assert(
      fc.asyncProperty(params, async (p) => {
        const qs = Object.entries(p).map(([k, v]) => `${k}=${encodeURIComponent(v.replace(/[\ud800-\udfff]/g, ""))}`).join("&");
        const res = await app.request(`/api/search?${qs}`);
        expect([400, 503]).toContain(res.status);
        expect(((await res.json()) as { error: { code: string } }).error.code).toMatch(/^[a-z_]+$/);
      }),
      { numRuns: 500 },
    );
  });
});

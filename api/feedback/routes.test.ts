import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Hono } from "hono";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { FeedbackRequest } from "../../core/feedback.ts";
import { parseFeedbackLines } from "../../core/feedback.ts";
import { createLog } from "../../core/util/log.ts";
import type { AppDeps } from "../deps.ts";
import { ApiError, errorResponse } from "../http/errors.ts";
import type { OpenRun } from "../index/live-index.ts";
import { feedbackRoutes } from "./routes.ts";
import { FeedbackStore } from "./store.ts";

const GOOD: FeedbackRequest = {
  rating: "helpful",
  comment: "条件写得很清楚",
  question: "返乡创业有什么补贴？",
  answer: "对被认定为示范园区的给予20万元奖励[1]。",
  abstained: false,
  citations: [{
    n: 1, passageId: "p-2021-3-9-012", quote: "对被认定为示范园区的给予20万元奖励。", documentId: "2021-3-9",
    title: "三门峡市人民政府办公室关于印发三门峡市市级农民工返乡创业示范县评审认定办法（试行）等三个办法的通知",
    docNumber: "三政办〔2021〕9号", issue: "2021年第3号", total: 182,
  }],
  filters: { year: 2021 },
};

let dir: string;
let file: string;

function app(maxBytes?: number): Hono {
  const run = { run: { run_id: "r20261206" } } as unknown as OpenRun;
  const deps = {
    index: { current: () => run, state: () => ({ state: "ok", runId: "r20261206" }) },
    feedback: new FeedbackStore(file, maxBytes),
    log: createLog("silent"),
  } as unknown as AppDeps;
  const hono = new Hono();
  hono.route("/api", feedbackRoutes(deps));
  hono.onError((err, c) => errorResponse(c, err instanceof ApiError ? err : new ApiError(500, "internal_error", "x")));
  return hono;
}

const post = async (hono: Hono, body: unknown, type = "application/json"): Promise<Response> =>
  hono.request("/api/feedback", { method: "POST", headers: { "Content-Type": type }, body: typeof body === "string" ? body : JSON.stringify(body) });

const stored = () => parseFeedbackLines(readFileSync(file, "utf8"));

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "gongbao-feedback-"));
  file = join(dir, "feedback", "feedback.jsonl");
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("POST /api/feedback", () => {
  it("stores the rating with the question, the answer, its citations verbatim and the served index run", async () => {
    const res = await post(app(), GOOD);
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const [record, ...rest] = stored();
    expect(rest).toEqual([]);
    expect(record).toEqual({ ...GOOD, id, at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/), runId: "r20261206" });
  });

  it("keeps nothing but what was typed and answered: unknown fields are refused, not stored", async () => {
    const res = await post(app(), { ...GOOD, email: "someone@example.com" });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("invalid_request");
    expect(() => readFileSync(file)).toThrow();
  });

  it.each([
    ["an unknown rating", { ...GOOD, rating: "great" }],
    ["a comment over 500 characters", { ...GOOD, comment: "很".repeat(501) }],
    ["an empty question", { ...GOOD, question: "  " }],
    ["a citation without its quote", { ...GOOD, citations: [{ ...GOOD.citations[0], quote: "" }] }],
    ["a malformed issue", { ...GOOD, citations: [{ ...GOOD.citations[0], issue: "2021-3" }] }],
  ])("answers %s with a 400 JSON error, and the records already stored stay as they were", async (_, body) => {
    const hono = app();
    await post(hono, GOOD);
    const before = readFileSync(file, "utf8");
    const res = await post(hono, body);
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toContain("application/json");
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/^invalid request/);
    expect(readFileSync(file, "utf8")).toBe(before);
  });

  it("refuses a body that is not JSON (415, 400)", async () => {
    expect((await post(app(), "rating=helpful", "application/x-www-form-urlencoded")).status).toBe(415);
    expect((await post(app(), "{not json")).status).toBe(400);
  });

  it("refuses new feedback once the file reaches its size limit (507), keeping what it holds", async () => {
    expect((await post(app(), GOOD)).status).toBe(201);
    const before = readFileSync(file, "utf8");
    // Room for one more byte than the file holds: not for a second record.
    const res = await post(app(Buffer.byteLength(before) + 1), GOOD);
    expect(res.status).toBe(507);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("feedback_full");
    expect(readFileSync(file, "utf8")).toBe(before);
  });

  it("appends concurrent feedback whole, one record a line", async () => {
    const hono = app();
    const statuses = await Promise.all(Array.from({ length: 20 }, (_, i) => post(hono, { ...GOOD, question: `问题${i}` }).then((r) => r.status)));
    expect(statuses.every((s) => s === 201)).toBe(true);
    expect(stored().map((r) => r.question).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `问题${i}`).sort());
  });

  it("reads a file whose last line was torn by a crash: the whole records survive", async () => {
    await post(app(), GOOD);
    writeFileSync(file, `${readFileSync(file, "utf8")}{"id":"x","rat`);
    expect(stored()).toHaveLength(1);
  });
});

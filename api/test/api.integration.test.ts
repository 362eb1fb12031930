import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatResponse, SearchResult } from "../../core/api-schema.ts";
import type { TempIndex } from "../../test/helpers/temp-index.ts";
import { buildTempIndex } from "../../test/helpers/temp-index.ts";
import type { TestServer } from "../../test/helpers/server.ts";
import { startServer } from "../../test/helpers/server.ts";

let index: TempIndex;
let server: TestServer;

beforeAll(async () => {
  index = await buildTempIndex();
  server = await startServer(index.config);
});

afterAll(async () => {
  await server?.close();
  index?.cleanup();
});

const chat = async (body: unknown) =>
  fetch(`${server.url}/api/chat`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

describe("catalog routes", () => {
  it("reports health with the index counts", async () => {
    const res = await fetch(`${server.url}/api/health`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ status: "ok", issues: 5, documents: 41, answerer: "extractive" });
    expect(body.passages).toBeGreaterThan(500);
  });

  it("lists issues with their documents and opens a document with its passages in order", async () => {
    const { issues } = await (await fetch(`${server.url}/api/issues`)).json();
    expect(issues.map((i: { label: string }) => i.label)).toContain("2020年第3号（总第170号）");
    const doc = issues.flatMap((i: { documents: { id: string; docNumber: string | null }[] }) => i.documents).find((d: { docNumber: string | null }) => d.docNumber === "三政办〔2020〕4号");
    const res = await fetch(`${server.url}/api/documents/${doc.id}`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.document.title).toBe("三门峡市人民政府办公室关于印发三门峡市煤矿智能化建设实施方案的通知");
    expect(body.passages.map((p: { ordinal: number }) => p.ordinal)).toEqual([...body.passages.keys()]);
  });

  it("answers unknown and malformed document ids with JSON errors", async () => {
    expect((await fetch(`${server.url}/api/documents/2020-3-ffffffff`)).status).toBe(404);
    const bad = await fetch(`${server.url}/api/documents/..%2F..%2Fetc%2Fpasswd`);
    expect([400, 404]).toContain(bad.status);
    expect((await bad.json()).error.code).toBeTruthy();
  });
});

describe("search", () => {
  const search = async (params: Record<string, string>) => {
    const res = await fetch(`${server.url}/api/search?${new URLSearchParams(params)}`);
    return { status: res.status, body: await res.json() };
  };

  it("finds the formal text for a resident's words", async () => {
    const { body } = await search({ q: "返乡创业能拿什么补贴", k: "5" });
    const top: SearchResult = body.results[0];
    expect(top.document.docNumber).toBe("三政办〔2021〕9号");
    expect(top.issue.label).toBe("2021年第3号（总第182号）");
  });

  it("uses a 文号 written with ASCII brackets and spaces", async () => {
    const { body } = await search({ q: "三政办[2019] 8 号讲了什么", k: "5" });
    expect(body.results.length).toBeGreaterThan(0);
    for (const r of body.results as SearchResult[]) expect(r.document.docNumber).toBe("三政办〔2019〕8号");
  });

  it("applies filters inside the query and still fills the page", async () => {
    const { body } = await search({ q: "就业", k: "8", year: "2019" });
    expect(body.results).toHaveLength(8);
    for (const r of body.results as SearchResult[]) expect(r.issue.year).toBe(2019);
  });

  it("rejects an empty question and SQL-ish filters with 400 JSON", async () => {
    expect((await search({ q: "   " })).status).toBe(400);
    const sqlish = await search({ q: "就业", issue: "2020' OR 1=1" });
    expect(sqlish.status).toBe(400);
    expect(sqlish.body.error.code).toBe("invalid_request");
  });
});

describe("chat", () => {
  it("answers with verbatim quotes cited by issue and 文号", async () => {
    const res = await chat({ messages: [{ role: "user", content: "2020年重点民生实事要新增多少城镇就业？" }] });
    const body: ChatResponse = await res.json();
    expect(body.abstained).toBe(false);
    expect(body.mode).toBe("extractive");
    expect(body.answer).toContain("3.8万人");
    for (const n of body.answer.match(/\[(\d+)\]/g) ?? []) expect(body.citations.some((c) => `[${c.n}]` === n)).toBe(true);
    for (const c of body.citations) {
      expect(c.passage.text).toContain(c.quote);
      expect(c.document.docNumber).toBe("三政办〔2020〕6号");
      expect(c.issue.label).toBe("2020年第3号（总第170号）");
    }
  });

  it("says so when the gazettes do not hold the answer", async () => {
    const body: ChatResponse = await (await chat({ messages: [{ role: "user", content: "三政办〔2020〕99号是什么文件？" }] })).json();
    expect(body.abstained).toBe(true);
    expect(body.citations).toEqual([]);
    expect(body.answer).toContain("没有");
  });

  it("names a topic the gazettes never mention instead of quoting a neighbouring one", async () => {
    const body: ChatResponse = await (await chat({ messages: [{ role: "user", content: "三门峡现在最低工资一个月多少钱？" }] })).json();
    expect(body.abstained).toBe(true);
    expect(body.citations).toEqual([]);
    expect(body.answer).toContain("没有提到“最低工资”");
    const res = await fetch(`${server.url}/api/search?${new URLSearchParams({ q: "最低工资标准是多少" })}`);
    expect((await res.json()).note).toContain("没有提到“最低工资”");
  });

  it("streams citations first, then deltas, then done", async () => {
    const res = await chat({ stream: true, messages: [{ role: "user", content: "返乡创业示范县要具备哪些条件？" }] });
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const text = await res.text();
    const events = [...text.matchAll(/^event: (\w+)$/gm)].map((m) => m[1]);
    expect(events[0]).toBe("citations");
    expect(events.at(-1)).toBe("done");
    expect(events.filter((e) => e === "delta").length).toBeGreaterThan(0);
  });

  it("resolves a follow-up with the conversation so far", async () => {
    const body: ChatResponse = await (
      await chat({
        messages: [
          { role: "user", content: "市级农民工返乡创业示范县怎么评？" },
          { role: "assistant", content: "……" },
          { role: "user", content: "那申报程序呢？" },
        ],
      })
    ).json();
    expect(body.abstained).toBe(false);
    expect(body.citations[0]?.document.docNumber).toBe("三政办〔2021〕9号");
  });

  it("serves OpenAI-compatible chat completions with citations", async () => {
    const res = await fetch(`${server.url}/v1/chat/completions`, {
      method: "POST", headers: { "content-type": "application/json" },
      body: JSON.stringify({ model: "gongbao", messages: [{ role: "system", content: "ignored" }, { role: "user", content: "2020年重点民生实事要新增多少城镇就业？" }] }),
    });
    const body = await res.json();
    expect(body.choices[0].message.content).toContain("3.8万人");
    expect(body.citations.length).toBeGreaterThan(0);
  });
});

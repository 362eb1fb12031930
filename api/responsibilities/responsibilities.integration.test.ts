import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatResponse } from "../../core/api-schema.ts";
import type { TempIndex } from "../../test/helpers/temp-index.ts";
import { buildTempIndex } from "../../test/helpers/temp-index.ts";
import type { TestServer } from "../../test/helpers/server.ts";
import { startServer } from "../../test/helpers/server.ts";
import type { TaskOut } from "./present.ts";

/** 2019 (labels, clauses) and 2024 (clauses, 分工台账) are enough for every form the routes serve. */
const FILES = ["002_0d3f9b1dac89e8da.txt", "004_56bc4d1f9f69706c.txt"];

let index: TempIndex;
let server: TestServer;

beforeAll(async () => {
  index = await buildTempIndex({ files: FILES });
  server = await startServer(index.config);
});

afterAll(async () => {
  await server?.close();
  index?.cleanup();
});

const get = async (path: string) => {
  const res = await fetch(`${server.url}${path}`);
  return { status: res.status, type: res.headers.get("content-type") ?? "", body: await res.json() };
};
const responsibilities = (params: Record<string, string>) => get(`/api/responsibilities?${new URLSearchParams(params)}`);
const chat = async (content: string): Promise<ChatResponse> => {
  const res = await fetch(`${server.url}/api/chat`, {
    method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ messages: [{ role: "user", content }], stream: false }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as ChatResponse;
};

/** Passage texts by id, read through the public documents route. */
const passageTexts = new Map<string, string>();
async function passageText(documentId: string, passageId: string): Promise<string | undefined> {
  if (!passageTexts.has(passageId)) {
    const { body } = await get(`/api/documents/${documentId}`);
    for (const p of body.passages as { id: string; text: string }[]) passageTexts.set(p.id, p.text);
  }
  return passageTexts.get(passageId);
}

describe("GET /api/units", () => {
  it("lists units with aliases and task counts, most tasks first", async () => {
    const { status, body } = await get("/api/units");
    expect(status).toBe(200);
    const units = body.units as { name: string; aliases: string[]; tasks: number }[];
    expect(units.length).toBeGreaterThan(30);
    const transport = units.find((u) => u.name === "市交通运输局")!;
    expect(transport.tasks).toBeGreaterThan(15);
    expect(transport.aliases).toContain("市交通局"); // the wording of 2024 item 48
    expect(units.map((u) => u.tasks)).toEqual([...units.map((u) => u.tasks)].sort((a, b) => b - a));
    expect(units.some((u) => u.name === "各县〔市、区〕政府")).toBe(true);
  });
});

describe("GET /api/responsibilities", () => {
  it("finds a unit by a short name, filtered by year, each quote verbatim in its passage", async () => {
    const { status, body } = await responsibilities({ unit: "交通局", year: "2024" });
    expect(status).toBe(200);
    expect(body.unit.matched).toEqual(["市交通运输局"]);
    const tasks = body.tasks as TaskOut[];
    expect(tasks.length).toBeGreaterThan(15);
    for (const t of tasks) {
      expect(t.issue).toMatchObject({ year: 2024, number: 2, total: 215, label: "2024年第2号（总第215号）" });
      expect(t.units.some((u) => u.name === "市交通运输局")).toBe(true);
      expect(await passageText(t.document.id, t.passageId)).toContain(t.quote);
    }
    const lead = tasks.find((t) => t.title === "强化示范引领")!;
    expect(lead.units).toContainEqual({ name: "市交通运输局", role: "lead" });
    expect(lead.document.docNumber).toBe("三政办〔2024〕3号");
  });

  it("understands 发改委, words in q, table rows with leaders, and body/table disagreements", async () => {
    const { body } = await responsibilities({ unit: "发改委", q: "抽水蓄能电站" });
    expect(body.unit.matched).toEqual(["市发展改革委"]);
    const row = (body.tasks as TaskOut[]).find((t) => t.form === "table")!;
    expect(row).toMatchObject({ title: "开工建设灵宝抽水蓄能电站", leaders: ["万战伟"], seq: "38" });
    expect(row.units.map((u) => u.name)).toEqual(["市发展改革委", "灵宝市政府"]);
    expect(row.conflicts[0]!.note).toContain("正文第42项");

    const customs = await responsibilities({ unit: "三门峡海关", year: "2024", q: "保税物流中心" });
    const item = (customs.body.tasks as TaskOut[]).find((t) => t.form === "clause")!;
    expect(item.units).toEqual([
      { name: "市商务局", role: "lead" }, { name: "三门峡海关", role: "lead" }, { name: "相关县〔市、区〕政府", role: "cooperate" },
    ]);
    expect(item.conflicts.map((c) => c.label)).toContain("分工台账第53项");
  });

  it("reads 2019 牵头单位/配合单位 lines as lead and cooperating units", async () => {
    const { body } = await responsibilities({ unit: "市扶贫办", year: "2019", role: "lead" });
    const titles = (body.tasks as TaskOut[]).map((t) => t.title);
    expect(titles).toEqual(expect.arrayContaining(["提高脱贫质量", "聚焦特殊贫困群体", "切实搞好统筹推进"]));
  });

  it("answers an unknown unit with an empty list", async () => {
    const { status, body } = await responsibilities({ unit: "市太空探索局" });
    expect(status).toBe(200);
    expect(body.tasks).toEqual([]);
  });

  it("rejects bad query parameters with 400 JSON", async () => {
    const bad: Record<string, string>[] = [{}, { unit: "交通局", year: "明年" }, { unit: "交通局", limit: "0" }, { unit: "交" .repeat(41) }, { unit: "交通局", sort: "x" }, { unit: "\u0001" }];
    for (const params of bad) {
      const { status, type, body } = await responsibilities(params);
      expect(status, JSON.stringify(params)).toBe(400);
      expect(type).toContain("application/json");
      expect(body.error.code).toBe("invalid_request");
    }
    expect((await get("/api/units?year=abc")).status).toBe(400);
  });
});

describe("chat answers from structured rows", () => {
  const checkCitations = async (r: ChatResponse) => {
    expect(r.abstained).toBe(false);
    expect(r.citations.length).toBeGreaterThan(0);
    const used = new Set([...r.answer.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1])));
    expect(new Set(r.citations.map((c) => c.n))).toEqual(used);
    for (const c of r.citations) expect(await passageText(c.document.id, c.passageId)).toContain(c.quote);
  };

  it("who is responsible for a topic: 2024年城市公交优先由哪个单位负责？", async () => {
    const r = await chat("2024年城市公交优先由哪个单位负责？");
    await checkCitations(r);
    expect(r.answer).toContain("市交通运输局");
    expect(r.answer).toMatch(/主要由市交通运输局负责/);
    expect(r.citations[0]!.document.docNumber).toBe("三政办〔2024〕3号");
  });

  it("what a unit must do this year: 市交通运输局今年要负责哪些事？", async () => {
    const r = await chat("市交通运输局今年要负责哪些事？");
    await checkCitations(r);
    expect(r.answer).toContain("2024年");
    expect(r.answer).toContain("强化示范引领");
    expect(r.citations.every((c) => c.issue.year === 2024)).toBe(true);
  });

  it("says where the body text and the 分工台账 disagree", async () => {
    const r = await chat("申报三门峡保税物流中心由哪个单位负责？");
    await checkCitations(r);
    expect(r.answer).toContain("市商务局、三门峡海关牵头");
    expect(r.answer).toContain("不一致");
    expect(r.answer).toContain("分工台账第53项");
    expect(r.citations.some((c) => c.quote.startsWith("53\t申报三门峡保税物流中心"))).toBe(true);
  });

  it("leaves other questions to retrieval", async () => {
    const r = await chat("政府信息公开条例什么时候开始施行？");
    expect(r.answer).not.toContain("责任单位如下");
  });
});

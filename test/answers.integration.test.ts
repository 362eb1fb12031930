/**
 * Answers over HTTP on the five issues, as a resident, a civil servant and a researcher meet
 * them: the first screen's examples, outlines, lists, a conversation, a filter that hides the answer.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatMessage, ChatResponse } from "../core/api-schema.ts";
import { EXAMPLES } from "../web/src/chat/examples.ts";
import type { TestServer } from "./helpers/server.ts";
import { startServer } from "./helpers/server.ts";
import type { TempIndex } from "./helpers/temp-index.ts";
import { buildTempIndex } from "./helpers/temp-index.ts";

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

async function chat(messages: ChatMessage[], filters?: Record<string, unknown>): Promise<ChatResponse> {
  const res = await fetch(`${server.url}/api/chat`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ messages, filters }) });
  expect(res.status).toBe(200);
  return (await res.json()) as ChatResponse;
}
const ask = (question: string, filters?: Record<string, unknown>) => chat([{ role: "user", content: question }], filters);

function expectVerbatim(r: ChatResponse) {
  for (const c of r.citations) expect(c.passage.text).toContain(c.quote);
}

/** Where each first-screen example is answered: the document its citations must come from. */
const EXPECTED: Record<(typeof EXAMPLES)[number]["question"], (r: ChatResponse) => void> = {
  "返乡创业有什么补贴？": (r) => {
    expect(r.citations.every((c) => c.document.docNumber === "三政办〔2021〕9号")).toBe(true);
    expect(r.answer).toMatch(/万元/u);
  },
  "2024年城市公交优先发展由哪个单位牵头？": (r) => {
    expect(r.citations[0]!.document.docNumber).toBe("三政办〔2024〕3号");
    expect(r.answer).toContain("市交通运输局");
  },
  "2020年第3号公报收录了哪些领导讲话？": (r) => {
    expect(r.answer).toMatch(/共6篇/u);
    expect(new Set(r.citations.map((c) => c.document.id)).size).toBe(6);
    expect(r.citations.every((c) => c.issue.label.startsWith("2020年第3号"))).toBe(true);
  },
};

describe("the first screen's examples", () => {
  for (const { question } of EXAMPLES) {
    it(`answers ${question} from the right document`, async () => {
      const r = await ask(question);
      expect(r.abstained).toBe(false);
      expectVerbatim(r);
      EXPECTED[question](r);
    });
  }
});

describe("structured answers", () => {
  it("outlines a document named by 文号: its purpose and its five parts", async () => {
    const r = await ask("三政办〔2020〕5号讲了什么？");
    expect(r.abstained).toBe(false);
    expect(r.answer).toContain("正文分为5个部分");
    for (const part of ["一、充分认识", "二、依法办案", "三、规范应诉", "四、以案促改", "五、加强组织领导"]) expect(r.answer).toContain(part);
    expectVerbatim(r);
  });

  it("lists every item of the matching section, not the first one found", async () => {
    const r = await ask("2019年重点民生实事有哪些？");
    expect(r.abstained).toBe(false);
    for (const item of ["一、全力实施脱贫攻坚工程", "五、提高医疗卫生保障水平", "十、实施文化惠民提质工程"]) expect(r.answer).toContain(item);
    expectVerbatim(r);
  });
});

describe("a conversation", () => {
  it("answers a follow-up about the previous turn's topic without repeating the previous answer", async () => {
    const first = await ask("2019年重点民生实事有哪些？");
    const messages: ChatMessage[] = [{ role: "user", content: "2019年重点民生实事有哪些？" }, { role: "assistant", content: first.answer }, { role: "user", content: "其中教育方面要新增多少学位？" }];
    const next = await chat(messages);
    expect(next.abstained).toBe(false);
    expect(next.answer).not.toBe(first.answer);
    expect(next.answer).toMatch(/学位/u);
    expect(next.citations.every((c) => c.document.docNumber === "三政办〔2019〕8号")).toBe(true);
  });
});

describe("filters", () => {
  it("say when they exclude a clearly better match, and name it", async () => {
    const r = await ask("城市公交优先发展由哪个单位牵头？", { year: 2019 });
    expect(r.excludedByFilter?.[0]?.document.docNumber).toBe("三政办〔2024〕3号");
    expect(r.note).toContain("筛选条件排除了更相关的文件");
  });

  it("say nothing when the filter keeps the best match", async () => {
    const r = await ask("城市公交优先发展由哪个单位牵头？", { year: 2024 });
    expect(r.excludedByFilter).toBeUndefined();
  });
});

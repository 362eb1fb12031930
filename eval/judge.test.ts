import type OpenAI from "openai";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../core/config.ts";
import type { DatasetItem } from "./dataset.ts";
import { FaithfulnessJudge } from "./judge.ts";
import type { Observation } from "./runners/observation.ts";

const llm = { baseURL: "http://127.0.0.1:9", apiKey: "x", model: "m", temperature: 0, timeoutMs: 1000, maxTokens: 100, concurrency: 1 };
const item = { question: "补贴多少？" } as DatasetItem;
const obs = (over: Partial<Observation> = {}): Observation => ({
  id: "q", standalone: "补贴多少？", retrieved: [], answer: "给予20万元奖励[1]", abstained: false, mode: "llm",
  citations: [{ n: 1, quote: "给予20万元奖励", passageText: "给予20万元奖励。", document: { id: "d", title: "t", docNumber: null, issueLabel: "l" } }], latencyMs: 1, ...over,
});
const fake = (reply: string | Error) =>
  ({ chat: { completions: { create: async () => { if (reply instanceof Error) throw reply; return { choices: [{ message: { content: reply } }] }; } } } }) as unknown as OpenAI;

describe("FaithfulnessJudge", () => {
  it("scores the share of supported claims from the judge's JSON", async () => {
    expect(await new FaithfulnessJudge("j", llm, fake('结果：{"supported": 2, "total": 3}')).score(item, obs())).toBeCloseTo(2 / 3);
  });

  it("gives no score for abstentions, unreadable verdicts and failures", async () => {
    expect(await new FaithfulnessJudge("j", llm, fake('{"supported":1,"total":1}')).score(item, obs({ abstained: true }))).toBeNull();
    expect(await new FaithfulnessJudge("j", llm, fake("looks fine")).score(item, obs())).toBeNull();
    expect(await new FaithfulnessJudge("j", llm, fake(new Error("down"))).score(item, obs())).toBeNull();
  });

  it("runs only in LLM mode with a judge model and an endpoint, and says why not", () => {
    expect(FaithfulnessJudge.unavailable(loadConfig({}), "extractive")).toBeNull();
    expect(FaithfulnessJudge.unavailable(loadConfig({}), "llm")).toMatch(/GONGBAO_JUDGE_MODEL/);
    expect(FaithfulnessJudge.unavailable(loadConfig({ GONGBAO_JUDGE_MODEL: "j" }), "llm")).toMatch(/OPENAI_BASE_URL/);
    expect(FaithfulnessJudge.unavailable(loadConfig({ GONGBAO_JUDGE_MODEL: "j", OPENAI_BASE_URL: "http://127.0.0.1:9/v1" }), "llm")).toBeNull();
  });
});

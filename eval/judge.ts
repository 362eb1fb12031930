/**
 * LLM-judged faithfulness (LLM mode only): the share of an answer's claims that its cited
 * passages support, scored by GONGBAO_JUDGE_MODEL through the answerer's OpenAI-compatible
 * endpoint. Extractive answers are verbatim quotes, so they are not judged.
 */
import OpenAI from "openai";
import { z } from "zod";
import type { Config } from "../core/config.ts";
import type { DatasetItem } from "./dataset.ts";
import type { Observation } from "./runners/observation.ts";

const VerdictSchema = z.object({ supported: z.number().int().min(0), total: z.number().int().min(0) });

const PROMPT = [
  "你是严格的事实核查员。下面给出一个问题、一个回答，以及回答所引用的公报段落。",
  "把回答拆成独立的事实性陈述，逐条判断它是否完全由所引用的段落支持（不得依据常识或其他知识）。",
  '只输出一个JSON对象：{"supported": 被支持的陈述数, "total": 陈述总数}。',
].join("\n");

export class FaithfulnessJudge {
  private client: OpenAI;
  constructor(private model: string, llm: NonNullable<Config["llm"]>, client?: OpenAI) {
    this.client = client ?? new OpenAI({ baseURL: llm.baseURL, apiKey: llm.apiKey, timeout: 60_000, maxRetries: 2 });
  }

  /** Why judging is off for this run, or null when it can run. */
  static unavailable(config: Config, mode: string): string | null {
    if (mode !== "llm") return null;
    if (!config.judgeModel) return "faithfulness not judged: set GONGBAO_JUDGE_MODEL to score LLM answers";
    if (!config.llm) return "faithfulness not judged: the judge uses the LLM endpoint (OPENAI_BASE_URL / OPENAI_API_KEY), which is not configured here";
    return null;
  }

  /** A score in [0, 1], or null when the answer has nothing to judge or the judge failed. */
  async score(item: DatasetItem, obs: Observation): Promise<number | null> {
    if (obs.abstained || obs.error || !obs.answer) return null;
    const passages = obs.citations.map((c) => `[${c.n}] ${c.passageText}`).join("\n\n") || "（无引用）";
    try {
      const res = await this.client.chat.completions.create({
        model: this.model, temperature: 0,
        messages: [
          { role: "system", content: PROMPT },
          { role: "user", content: `问题：${item.question}\n\n回答：${obs.answer}\n\n引用的段落：\n${passages}` },
        ],
      });
      const text = res.choices[0]?.message?.content ?? "";
      const verdict = VerdictSchema.safeParse(JSON.parse(/\{[\s\S]*\}/.exec(text)?.[0] ?? "null"));
      if (!verdict.success || verdict.data.total === 0) return null;
      return Math.min(1, verdict.data.supported / verdict.data.total);
    } catch {
      return null;
    }
  }
}

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../core/config.ts";
import type { Corpus } from "./corpus.ts";
import { loadCorpus } from "./corpus.ts";
import { parseDataset, validateDataset } from "./dataset.ts";

const DEV = fileURLToPath(new URL("./datasets/dev.jsonl", import.meta.url));
let corpus: Corpus;

beforeAll(async () => {
  corpus = await loadCorpus(loadConfig().corpusDir);
});

const good = {
  id: "x-1", question: "三政办〔2024〕2号要求中期评估什么时候完成？", persona: "staff", answerable: true,
  gold: [{ issue: "2024年第2号", total: 215, doc_number: "三政办〔2024〕2号", title: "三门峡市人民政府办公室关于进一步提升行政执法质量的通知" }],
  evidence: ["于2024年9月月底前完成中期评估"], answer: "2024年9月月底前。", must_include: ["2024年9月月底前"],
};
const line = (over: Record<string, unknown>) => JSON.stringify({ ...good, ...over });

describe("the dev dataset", () => {
  it("parses, and every evidence snippet and gold document is found in the corpus", () => {
    const { lines, problems } = validateDataset(readFileSync(DEV, "utf8"), corpus);
    expect(problems.filter((p) => p.severity === "error")).toEqual([]);
    expect(lines.length).toBeGreaterThanOrEqual(100);
  });
});

describe("validateDataset", () => {
  it("accepts a good line", () => {
    expect(validateDataset(line({}), corpus).problems).toEqual([]);
  });

  it("reports each broken line with its line number and a clear reason", () => {
    const text = [
      line({}),
      "{not json",
      line({ id: "x-1" }),
      line({ id: "x-3", persona: "tourist" }),
      line({ id: "x-4", answerable: false }),
      line({ id: "x-5", evidence: ["这段文字不在任何公报里出现过"], must_include: ["不在任何公报"] }),
      line({ id: "x-6", must_include: ["2030年"] }),
      line({ id: "x-7", gold: [{ ...good.gold[0], doc_number: "三政办〔2024〕99号" }] }),
      line({ id: "x-8", gold: [{ ...good.gold[0], issue: "2020年第3号", total: 170 }] }),
    ].join("\n");
    const { problems } = validateDataset(text, corpus);
    const at = (n: number) => problems.filter((p) => p.line === n && p.severity === "error").map((p) => p.message).join(" | ");
    expect(at(1)).toBe("");
    expect(at(2)).toMatch(/not valid JSON/);
    expect(at(3)).toMatch(/duplicate id \(first used on line 1\)/);
    expect(at(4)).toMatch(/^persona: /);
    expect(at(5)).toMatch(/unanswerable question must have an empty gold/);
    expect(at(6)).toMatch(/evidence\[0\] .* is not verbatim text of any corpus file/);
    expect(at(7)).toMatch(/must_include\[0\] "2030年" is in no evidence snippet/);
    expect(at(8)).toMatch(/gold\[0\] 三政办〔2024〕99号 matches no parsed document/);
    expect(at(9)).toMatch(/is in 2024年第2号（总第215号）, not 2020年第3号/);
  });

  it("accepts optional history and tags but rejects unknown fields", () => {
    const history = [{ role: "user", content: "三门峡公交有什么目标？" }, { role: "assistant", content: "……" }];
    expect(parseDataset(line({ history, tags: ["followup"] })).problems).toEqual([]);
    expect(parseDataset(line({ extra: 1 })).problems[0]?.message).toMatch(/extra|Unrecognized/i);
  });
});

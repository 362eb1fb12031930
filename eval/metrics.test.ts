import { describe, expect, it } from "vitest";
import type { DatasetItem } from "./dataset.ts";
import { matchesGold, titlesMatch } from "./match.ts";
import { aggregate, percentile, scoreQuestion } from "./metrics.ts";
import type { Scored } from "./metrics.ts";
import type { Observation, ObservedDoc, ObservedPassage } from "./runners/observation.ts";

const NOTICE: ObservedDoc = { id: "2024-2-a", title: "三门峡市人民政府办公室关于进一步提升行政执法质量的通知", docNumber: "三政办〔2024〕2号", issueLabel: "2024年第2号（总第215号）" };
const OTHER: ObservedDoc = { id: "2024-2-b", title: "三门峡市人民政府办公室关于印发公交方案的通知", docNumber: "三政办〔2024〕3号", issueLabel: "2024年第2号（总第215号）" };
const SPEECH: ObservedDoc = {
  id: "2020-3-s", title: "安伟同志在国道310南移项目2020年国庆节前通车决战动员会上的讲话——在动员会上", docNumber: null, issueLabel: "2020年第3号（总第170号）",
};

const EVIDENCE = "于2024年9月月底前完成中期评估，2025年9月月底前完成终期评估";
const PASSAGE = `各地要认真组织实施，${EVIDENCE}。`;

function item(over: Partial<DatasetItem> = {}): DatasetItem {
  return {
    id: "t-1", question: "中期评估什么时候完成？", persona: "staff", answerable: true,
    gold: [{ issue: "2024年第2号", total: 215, doc_number: "三政办〔2024〕2号", title: NOTICE.title }],
    evidence: [EVIDENCE], answer: "2024年9月月底前", must_include: ["2024年9月月底前", "2025年9月月底前"], ...over,
  };
}

const passage = (document: ObservedDoc, text: string, id = `${document.id}-${text.length}`): ObservedPassage => ({ passageId: id, text, document });

function obs(over: Partial<Observation> = {}): Observation {
  return {
    id: "t-1", standalone: "中期评估什么时候完成？", retrieved: [passage(NOTICE, PASSAGE), passage(OTHER, "公交站牌")],
    answer: `${EVIDENCE}。[1]`, abstained: false, mode: "extractive",
    citations: [{ n: 1, quote: EVIDENCE, passageText: PASSAGE, document: NOTICE }], latencyMs: 12, ...over,
  };
}

const ABSTAIN = { answer: "所收录的政府公报中没有找到能回答这个问题的内容。", abstained: true, citations: [] };

describe("scoreQuestion", () => {
  it("a perfect run passes every check and scores 1 everywhere", () => {
    const s = scoreQuestion(item(), obs(), 10);
    expect(s.goldRank).toBe(1);
    expect(s.reciprocalRank).toBe(1);
    expect(s.evidenceRecall5).toBe(1);
    expect(s.citationPrecision).toBe(1);
    expect(s.citationRecall).toBe(1);
    expect(s.keyFactCoverage).toBe(1);
    expect(Object.values(s.checks).every((v) => v === true)).toBe(true);
    expect(s.severity).toBe(0);
  });

  it("a citation of a non-gold document lowers precision, not recall", () => {
    const wrong = { n: 2, quote: "公交站牌", passageText: "公交站牌", document: OTHER };
    const s = scoreQuestion(item(), obs({ citations: [...obs().citations, wrong], answer: `${EVIDENCE}。[1]公交站牌[2]` }), 10);
    expect(s.citationPrecision).toBe(0.5);
    expect(s.citationRecall).toBe(1);
    expect(s.checks.cite_precision).toBe(false);
    expect(s.checks.cite_recall).toBe(true);
  });

  it("a citation whose quote is not in its passage fails quote validity", () => {
    const s = scoreQuestion(item(), obs({ citations: [{ n: 1, quote: "2024年9月底前完成中期评估", passageText: PASSAGE, document: NOTICE }] }), 10);
    expect(s.checks.quotes).toBe(false);
  });

  it("an abstention on an answerable question: 0 coverage, 0 recall, precision and quote validity excluded", () => {
    const s = scoreQuestion(item(), obs(ABSTAIN), 10);
    expect(s.keyFactCoverage).toBe(0);
    expect(s.citationRecall).toBe(0);
    expect(s.citationPrecision).toBeNull();
    expect(s.checks.quotes).toBeNull();
    expect(s.checks.abstention).toBe(false);
    expect(s.goldRank).toBe(1); // retrieval is scored on its own
  });

  it("an abstention on an unanswerable question passes; answering it fails", () => {
    const unanswerable = item({ answerable: false, gold: [], evidence: [], must_include: [] });
    const ok = scoreQuestion(unanswerable, obs(ABSTAIN), 10);
    expect(ok.checks.abstention).toBe(true);
    expect(ok.keyFactCoverage).toBeNull();
    expect(ok.reciprocalRank).toBeNull();
    expect(Object.entries(ok.checks).filter(([, v]) => v !== null)).toEqual([["abstention", true]]);
    expect(scoreQuestion(unanswerable, obs(), 10).checks.abstention).toBe(false);
  });

  it("evidence recall: whitespace and width differences match, a snippet split across two passages does not", () => {
    const spaced = item({ evidence: ["于 2024 年 9 月月底前完成中期评估，\n2025 年 9 月月底前完成终期评估"] });
    expect(scoreQuestion(spaced, obs(), 10).evidenceRecall5).toBe(1);
    const split = [passage(NOTICE, "于2024年9月月底前完成中期评估，", "p1"), passage(NOTICE, "2025年9月月底前完成终期评估。", "p2")];
    const s = scoreQuestion(item(), obs({ retrieved: split }), 10);
    expect(s.evidenceRecallK).toBe(0);
    expect(s.checks.evidence).toBe(false);
  });

  it("evidence recall@5 and @k count passages by rank; documents are deduplicated for hit and MRR", () => {
    const filler = Array.from({ length: 6 }, (_, i) => passage(OTHER, `其他内容${i}`, `o${i}`));
    const s = scoreQuestion(item(), obs({ retrieved: [...filler, passage(NOTICE, PASSAGE)] }), 10);
    expect(s.evidenceRecall5).toBe(0);
    expect(s.evidenceRecallK).toBe(1);
    expect(s.rankedDocs.map((d) => d.id)).toEqual([OTHER.id, NOTICE.id]);
    expect(s.goldRank).toBe(2);
    expect(s.reciprocalRank).toBe(0.5);
    expect(s.checks["doc@1"]).toBe(false);
    expect(s.checks["doc@5"]).toBe(true);
  });

  it("key facts ignore [n] markers and count partially", () => {
    const s = scoreQuestion(item(), obs({ answer: "2024年9月[1]月底前完成中期评估。" }), 10);
    expect(s.factsFound).toEqual([true, false]);
    expect(s.keyFactCoverage).toBe(0.5);
    expect(s.checks.facts).toBe(false);
  });
});

describe("gold matching", () => {
  it("matches by normalised 文号 when the gold has one, never by title alone", () => {
    expect(matchesGold(NOTICE, { doc_number: "三政办[2024] 2 号", title: "别的标题" })).toBe(true);
    expect(matchesGold({ ...NOTICE, docNumber: "三政办〔2024〕5号" }, { doc_number: "三政办〔2024〕2号", title: NOTICE.title })).toBe(false);
    expect(matchesGold({ ...NOTICE, docNumber: null }, { doc_number: "三政办〔2024〕2号", title: NOTICE.title })).toBe(false);
  });

  it("matches by title when the gold has no number: the main title of a speech, punctuation and spaces ignored", () => {
    expect(matchesGold(SPEECH, { doc_number: null, title: "安伟同志在国道 310 南移项目2020年国庆节前通车决战动员会上的讲话" })).toBe(true);
    expect(titlesMatch("关于表彰的通知", "三门峡市人民政府关于表彰的通知")).toBe(false); // shorter than 10 characters
    expect(titlesMatch("《2020年三门峡市国民经济和社会发展统计公报》", "2020 年三门峡市国民经济和社会发展统计公报")).toBe(true);
    expect(matchesGold(NOTICE, { doc_number: null, title: SPEECH.title })).toBe(false);
  });
});

describe("aggregate", () => {
  it("computes answer metrics on answerable questions only and abstention rates on each side", () => {
    const unanswerable = item({ id: "t-2", answerable: false, gold: [], evidence: [], must_include: [] });
    const rows: Scored[] = [
      { item: item(), obs: obs({ latencyMs: 10 }) },
      { item: item({ id: "t-3" }), obs: obs({ ...ABSTAIN, latencyMs: 30 }) },
      { item: unanswerable, obs: obs({ ...ABSTAIN, latencyMs: 20 }) },
    ].map((r) => ({ ...r, score: scoreQuestion(r.item, r.obs, 10) }));
    const m = aggregate(rows, 10).values;
    expect(m.key_fact_coverage).toEqual({ value: 0.5, n: 2 });
    expect(m.citation_precision).toEqual({ value: 1, n: 1 });
    expect(m.citation_recall).toEqual({ value: 0.5, n: 2 });
    expect(m.false_abstention_rate).toEqual({ value: 0.5, n: 2 });
    expect(m.abstention_rate_unanswerable).toEqual({ value: 1, n: 1 });
    expect(m["doc_mrr@10"]).toEqual({ value: 1, n: 2 });
    expect(m.latency_p50_ms).toEqual({ value: 20, n: 3 });
    expect(m.faithfulness).toEqual({ value: null, n: 0 });
  });

  it("percentile is nearest-rank", () => {
    expect(percentile([5, 1, 3, 2, 4], 0.5)).toBe(3);
    expect(percentile(Array.from({ length: 20 }, (_, i) => i + 1), 0.95)).toBe(19);
    expect(percentile([], 0.5)).toBeNull();
  });
});

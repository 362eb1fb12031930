import { describe, expect, it } from "vitest";
import type { GazetteDocument, Issue, Passage } from "../../core/model.ts";
import { Catalog } from "../index/catalog.ts";
import type { Hit } from "../retrieval/search.ts";
import type { Kind } from "../question/kinds.ts";
import { understand } from "../question/understand.ts";
import type { AnswerContext } from "./context.ts";
import type { RespondInput } from "./respond.ts";
import { assess, respond } from "./respond.ts";
import { repeats } from "./repeats.ts";
import type { ScopeModel } from "./scope.ts";
import { FEATURES } from "./scope.ts";
import { asksContents } from "./plans/issue.ts";

const issue2020: Issue = { id: "2020-3", year: 2020, number: 3, total: 170, published: "2020-04-11", label: "2020年第3号（总第170号）", source: "000.txt" };
const issue2012: Issue = { id: "2012-12", year: 2012, number: 12, total: 86, published: "2012-12-31", label: "2012年第12号（总第86号）", source: "003.txt" };
const issue2021: Issue = { id: "2021-3", year: 2021, number: 3, total: 182, published: "2021-04-27", label: "2021年第3号（总第182号）", source: "001.txt" };

function doc(id: string, issue: Issue, title: string, docNumber: string | null): GazetteDocument {
  return { id, issueId: issue.id, ordinal: 0, title, docNumber, category: "市政府办公室文件", issued: null, kind: "official", issuer: null, attachments: [], tocTitle: null, tocPage: null };
}

const minsheng = doc("2020-3-minsheng", issue2020, "三门峡市人民政府办公室关于印发2020年三门峡市重点民生实事工作方案的通知", "三政办〔2020〕6号");
const chanye = doc("2021-3-chanye", issue2021, "三门峡市人民政府办公室关于建立特色（新兴）产业链工作推进机制的通知", "三政办〔2021〕11号");
const anquan = doc("2021-3-anquan", issue2021, "三门峡市人民政府办公室关于成立或调整三门峡市安全生产委员会等三个议事协调机构的通知", "三政办文〔2021〕4号");
const fanxiang = doc("2021-3-fanxiang", issue2021, "三门峡市人民政府办公室关于印发三门峡市市级农民工返乡创业示范县评审认定办法（试行）等三个办法的通知", "三政办〔2021〕9号");
const canji = doc("2012-12-canji", issue2012, "三门峡市人民政府办公室关于三门峡市残疾人救助保障的意见", "三政办〔2012〕63号");
const xingzheng = doc("2020-3-xingzheng", issue2020, "三门峡市人民政府办公室关于加强行政复议应诉工作提升依法行政能力的意见", "三政办〔2020〕5号");
const speech = { ...doc("2020-3-speech", issue2020, "安伟同志在全市产教融合型城市建设工作推进会上的讲话", null), kind: "speech" as const, ordinal: 9 };
const catalog = new Catalog([issue2012, issue2020, issue2021], [minsheng, chanye, anquan, fanxiang, canji, xingzheng, speech]);

// Real excerpts of the corpus (000 L581–583, 001 L910–915, 001 L926–934, 001 L481, 000 L629–631, 003 L762).
const passages: [GazetteDocument, Passage][] = [
  [minsheng, { id: "p-jiuye", documentId: minsheng.id, issueId: "2020-3", ordinal: 3, kind: "text", page: null, heading: "2020年三门峡市重点民生实事工作方案 > 一、新增城镇就业3.8万人",
    text: "一、新增城镇就业3.8万人\n深入实施就业优先政策，重点做好高校毕业生、退役军人、下岗职工、农民工、返乡人员就业工作，开发公益性岗位安置就业特困人员，确保全市新增城镇就业3.8万人。（主要责任单位：市人力资源社会保障局；相关责任单位：市发展改革委、教育局）" }],
  [chanye, { id: "p-lianzhang", documentId: chanye.id, issueId: "2021-3", ordinal: 9, kind: "table", page: null, heading: "特色（新兴）产业链链长及牵头单位",
    text: "产业链\t链长\t牵头单位\n生物医药\t范付中\t市发展改革委\n5G\t万战伟\t市工业和信息化局" }],
  [anquan, { id: "p-anwei", documentId: anquan.id, issueId: "2021-3", ordinal: 1, kind: "text", page: null, heading: "一、三门峡市安全生产委员会",
    text: "一、三门峡市安全生产委员会\n主任：安伟（市长）\n常务副主任：范付中（市委常委、常务副市长）\n副主任：卫祥玉（副市长）" }],
  [fanxiang, { id: "p-daikuan", documentId: fanxiang.id, issueId: "2021-3", ordinal: 4, kind: "text", page: null, heading: "第二章 申报条件 > 第四条",
    text: "(六) 财政支持保障有力。鼓励县（市、区）设立农民工返乡创业投资基金子基金。落实创业担保贷款政策，年发放农民工返乡创业担保贷款不少于5000万元。" }],
  [minsheng, { id: "p-dibao", documentId: minsheng.id, issueId: "2020-3", ordinal: 30, kind: "text", page: null, heading: "2020年三门峡市重点民生实事工作方案 > 九、增强群众生活保障水平",
    text: "九、增强群众生活保障水平\n1.提高困难群众、退休人员生活保障水平。从2020年1月1日起，将城乡低保对象月人均财政补助水平分别提高至不低于286元、178元，特困人员生活标准不低于当地低保标准的1.3倍；提高退休人员基本养老金。" }],
  [canji, { id: "p-canji", documentId: canji.id, issueId: "2012-12", ordinal: 6, kind: "text", page: null, heading: "二、基本生活救助",
    text: "（三）对纳入城乡低保的精神残疾人每人每月补助100元。" }],
];


// 三政办〔2020〕5号 (000 L640–690), cut to its first sentences: a preamble, then parts 一、 to 三、 with (一) items.
const outlineDoc: Passage[] = [
  ["", "各县（市、区）人民政府，城乡一体化示范区、开发区管理委员会，市人民政府各部门：\n为进一步提高新形势下行政复议应诉工作水平，有效监督和保障行政机关依法行政，现提出如下意见。"],
  ["一、充分认识新形势下加强和改进行政复议应诉工作的重要意义", "一、充分认识新形势下加强和改进行政复议应诉工作的重要意义\n行政复议和行政诉讼是有效解决行政争议和化解社会矛盾的重要法律制度。"],
  ["二、依法办案，提高行政复议工作质量 > （一）规范受理行政复议申请", "二、依法办案，提高行政复议工作质量\n（一）规范受理行政复议申请。对符合受理条件的行政复议申请，应当依法受理，不得拖延和拒绝。"],
  ["二、依法办案，提高行政复议工作质量 > （二）依法履行行政复议答复工作职责", "（二）依法履行行政复议答复工作职责。各级行政机关应当结合工作实际，建立和完善行政复议答复工作机制。"],
  ["三、规范应诉，积极稳妥做好行政应诉工作 > （一）明确行政应诉责任分工", "三、规范应诉，积极稳妥做好行政应诉工作\n（一）明确行政应诉责任分工。按照“谁主管、谁负责，谁主办、谁应诉”的原则，强化行政应诉责任。"],
].map(([heading, text], ordinal) => ({ id: `p-xz-${ordinal}`, documentId: xingzheng.id, issueId: "2020-3", ordinal, kind: "text", page: null, heading: heading!, text: text! }));

const speechDoc: Passage[] = [
  { id: "p-speech-0", documentId: speech.id, issueId: "2020-3", ordinal: 0, kind: "text", page: null, heading: "", text: "同志们：\n今天召开全市产教融合型城市建设工作推进会，主要任务是安排部署产教融合型城市建设工作。" },
];

const byDocument = new Map<string, Passage[]>([[xingzheng.id, outlineDoc], [speech.id, speechDoc]]);
for (const [d, p] of passages) byDocument.set(d.id, [...(byDocument.get(d.id) ?? []), p]);
const allText = [...byDocument.values()].flat().map((p) => p.text).join("\n");
const ctx: AnswerContext = { catalog, passagesOf: async (id) => byDocument.get(id) ?? [], holds: async (ws) => ws.some((w) => allText.includes(w)) };

function hitsFor(...ids: string[]): Hit[] {
  const all = [...byDocument.values()].flat();
  return ids.map((id, i) => {
    const passage = all.find((p) => p.id === id)!;
    return { passage, document: catalog.document(passage.documentId)!, issue: catalog.issue(passage.issueId)!, score: 1 - i * 0.1, bm25: 1, similarity: null };
  });
}

/** A scope model that answers whatever has a plan, and one that abstains on everything: the decision is tested apart from the plans. */
const model = (threshold: number): ScopeModel => ({ features: [...FEATURES], mean: FEATURES.map(() => 0), scale: FEATURES.map(() => 1), weights: FEATURES.map(() => 0), bias: 0, threshold, trained: {} });
const ANSWER = model(0);
const ABSTAIN = model(1);

const input = (q: string, ids: string[], previousAnswer: string | null = null, askedBefore: Kind[] = []): RespondInput =>
  ({ ctx, query: understand(q, catalog), hits: hitsFor(...ids), uncoveredTopics: [], followUp: previousAnswer !== null, previousAnswer, askedBefore });
const ask = async (q: string, ...ids: string[]) => (await respond(input(q, ids), ANSWER)).response;

function expectVerbatim(r: { citations: { quote: string; passage: { text: string } }[] }) {
  for (const c of r.citations) expect(c.passage.text).toContain(c.quote);
}

describe("fact answers", () => {
  it("quote the sentence stating the asked figure, under a lead naming the source by title, 文号 and issue", async () => {
    const r = await ask("2020年全市要新增多少城镇就业？", "p-jiuye", "p-anwei");
    expect(r.abstained).toBe(false);
    expect(r.answer.startsWith("根据《三门峡市人民政府办公室关于印发2020年三门峡市重点民生实事工作方案的通知》（三政办〔2020〕6号，2020年第3号（总第170号））")).toBe(true);
    expect(r.answer).toContain("3.8万人");
    expectVerbatim(r);
    expect(r.citations.every((c) => c.document.docNumber === "三政办〔2020〕6号")).toBe(true);
  });

  it("date a policy that is not recent: a 2012 rule says 2012年印发", async () => {
    const r = await ask("精神残疾人吃低保的每月补多少？", "p-canji");
    expect(r.answer).toContain("（三政办〔2012〕63号，2012年第12号（总第86号），2012年印发）");
    expect(r.answer).toContain("100元");
  });

  it("answer a question about a year from that year's documents only", async () => {
    const r = await ask("2020年城里吃低保的，政府每月人均最少补多少钱？", "p-dibao", "p-canji");
    expect(r.answer).toContain("286元、178元");
    expect(r.citations.map((c) => c.document.docNumber)).toEqual(["三政办〔2020〕6号"]);
  });

  it("read a table row with its column names and quote the row verbatim", async () => {
    const r = await ask("5G产业链的链长是谁？牵头单位是哪个？", "p-lianzhang");
    expect(r.answer).toContain("链长：万战伟");
    expect(r.citations[0]!.quote).toBe("5G\t万战伟\t市工业和信息化局");
  });

  it("prefer the line labelled with the asked role over its deputy", async () => {
    const r = await ask("安全生产委员会的主任是谁？", "p-anwei");
    expect(r.citations[0]!.quote).toBe("主任：安伟（市长）");
  });
});

describe("summaries", () => {
  it("give the document's outline: its opening, then each top-level part by its printed heading with the headings below it", async () => {
    const r = await ask("三政办〔2020〕5号讲了什么？", "p-xz-0");
    expect(r.answer).toContain("正文分为3个部分");
    const lines = r.answer.split("\n");
    expect(lines[1]).toMatch(/^为进一步提高新形势下行政复议应诉工作水平.*现提出如下意见。\[1\]$/u);
    expect(lines[2]).toBe("一、充分认识新形势下加强和改进行政复议应诉工作的重要意义[2]");
    expect(lines[3]).toBe("二、依法办案，提高行政复议工作质量（（一）规范受理行政复议申请；（二）依法履行行政复议答复工作职责）[3]");
    expect(lines[4]).toMatch(/^三、规范应诉/u);
    expectVerbatim(r);
  });
});

describe("lists", () => {
  it("give every item of the section the question names, in order, not the first one found", async () => {
    const r = await ask("依法办案方面有哪些要求？", "p-xz-3", "p-xz-2");
    expect(r.answer).toContain("“二、依法办案，提高行政复议工作质量”列有以下2项");
    expect(r.citations.map((c) => c.quote)).toEqual(["（一）规范受理行政复议申请。对符合受理条件的行政复议申请，应当依法受理，不得拖延和拒绝。", "（二）依法履行行政复议答复工作职责。各级行政机关应当结合工作实际，建立和完善行政复议答复工作机制。"]);
  });

  it("list an issue's documents of the kind asked, each by title", async () => {
    const r = await ask("2020年第3号公报收录了哪些领导讲话？", "p-jiuye");
    expect(r.answer.split("\n")[0]).toBe("2020年第3号（总第170号）公报收录的领导讲话共1篇：");
    expect(r.answer).toContain("《安伟同志在全市产教融合型城市建设工作推进会上的讲话》[1]");
    expectVerbatim(r);
  });
});

describe("an issue's contents", () => {
  it("are asked for by documents, not by something inside one", () => {
    const titles = [speech.title, minsheng.title];
    expect(asksContents(["收录", "领导", "讲话"], titles)).toBe(true);
    expect(asksContents(["杜爱民", "受到", "表彰"], [...titles, "三门峡市人民政府关于表彰全市民政工作先进集体和先进工作者的决定"])).toBe(false);
  });
});

describe("follow-ups", () => {
  it("never repeat a sentence the previous answer already quoted when there is another to give", async () => {
    const first = await ask("2020年全市要新增多少城镇就业？", "p-jiuye", "p-dibao");
    const again = (await respond(input("2020年全市要新增多少城镇就业？那低保呢？", ["p-jiuye", "p-dibao"], first.answer, ["amount"]), ANSWER)).response;
    expect(again.citations.some((c) => first.answer.includes(c.quote))).toBe(false);
    expect(again.answer).toContain("286元");
  });

  it("answer a follow-up asking something new of a sentence already quoted with the part of it that says so", async () => {
    const first = await ask("2020年全市要新增多少城镇就业？", "p-jiuye");
    const who = (await respond(input("2020年全市要新增 城镇就业 哪个单位牵头？", ["p-jiuye", "p-dibao"], first.answer, ["amount"]), ANSWER)).response;
    expect(who.citations[0]?.quote).toBe("（主要责任单位：市人力资源社会保障局；相关责任单位：市发展改革委、教育局）");
    expect(repeats(who.answer, first.answer)).toBe(false);
    expectVerbatim(who);
  });
});

describe("the scope decision", () => {
  it("abstains when the model says the gazettes do not answer, offering the closest documents", async () => {
    const { response } = await respond(input("2020年全市要新增多少城镇就业？", ["p-jiuye"]), ABSTAIN);
    expect(response.abstained).toBe(true);
    expect(response.citations).toEqual([]);
    expect(response.related?.[0]?.document.docNumber).toBe("三政办〔2020〕6号");
  });

  it("abstains on a 文号 the gazettes do not have, whatever the model says", async () => {
    const r = await ask("三政办〔2020〕99号讲了什么？", "p-jiuye");
    expect(r.abstained).toBe(true);
    expect(r.answer).toContain("三政办〔2020〕99号");
  });

  it("reads signals, not words: a year no issue is from, a figure of the wrong kind, a topic the gazettes never mention", async () => {
    expect((await assess(input("2023年全市要新增多少城镇就业？", ["p-jiuye"]), ANSWER)).features.yearAbsent).toBe(1);
    expect((await assess(input("返乡创业担保贷款一个人最多能贷多少钱？", ["p-daikuan"]), ANSWER)).features.statesAsked).toBe(0);
    expect((await assess(input("返乡创业的示范县每年至少要发放多少创业担保贷款？", ["p-daikuan"]), ANSWER)).features.statesAsked).toBe(1);
    const passport = await assess(input("护照怎么办理？", ["p-jiuye"]), ANSWER);
    const jobs = await assess(input("城镇就业要新增多少？", ["p-jiuye"]), ANSWER);
    expect(passport.features.topicAbsent).toBeGreaterThan(0.9);
    expect(jobs.features.topicAbsent).toBe(0);
  });
});

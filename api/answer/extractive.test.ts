import { describe, expect, it } from "vitest";
import type { GazetteDocument, Issue, Passage } from "../../core/model.ts";
import { Catalog } from "../index/catalog.ts";
import type { Hit } from "../retrieval/search.ts";
import { understand } from "../retrieval/understand.ts";
import { answerExtractive } from "./extractive.ts";

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
const catalog = new Catalog([issue2012, issue2020, issue2021], [minsheng, chanye, anquan, fanxiang, canji]);

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

function hitsFor(...ids: string[]): Hit[] {
  return ids.map((id, i) => {
    const [document, passage] = passages.find(([, p]) => p.id === id)!;
    return { passage, document, issue: catalog.issue(document.issueId)!, score: 1 - i * 0.1, bm25: 1, similarity: null };
  });
}

const ask = (q: string, ...ids: string[]) => answerExtractive(understand(q, catalog), hitsFor(...ids), catalog);

describe("extractive answers", () => {
  it("answers with a verbatim sentence cited by issue and 文号", () => {
    const r = ask("2020年全市要新增多少城镇就业？", "p-jiuye", "p-anwei");
    expect(r.abstained).toBe(false);
    expect(r.answer).toContain("3.8万人");
    expect(r.answer).toMatch(/\[1\]/);
    for (const c of r.citations) {
      expect(c.passage.text).toContain(c.quote);
      expect(c.document.docNumber).toBe("三政办〔2020〕6号");
      expect(c.issue.label).toBe("2020年第3号（总第170号）");
    }
  });

  it("answers a question about a year from that year's documents only", () => {
    const r = ask("2020年城里吃低保的，政府每月人均最少补多少钱？农村的呢？", "p-dibao", "p-canji");
    expect(r.answer).toContain("286元、178元");
    expect(r.citations.map((c) => c.document.docNumber)).toEqual(["三政办〔2020〕6号"]);
    const without = answerExtractive(understand("城里吃低保的，政府每月人均最少补多少钱？", catalog), hitsFor("p-dibao", "p-canji"), catalog);
    expect(without.citations.map((c) => c.document.docNumber)).toContain("三政办〔2012〕63号");
  });

  it("reads a table row with its column names and quotes the row verbatim", () => {
    const r = ask("5G产业链的链长是谁？牵头单位是哪个？", "p-lianzhang");
    expect(r.answer).toContain("链长：万战伟");
    expect(r.answer).toContain("牵头单位：市工业和信息化局");
    expect(r.citations[0]!.quote).toBe("5G\t万战伟\t市工业和信息化局");
  });

  it("prefers the line labelled with the asked role over its deputy", () => {
    const r = ask("安全生产委员会的主任是谁？", "p-anwei");
    expect(r.answer.startsWith("主任：安伟（市长）")).toBe(true);
  });

  it("abstains when the question names a 文号 the gazettes do not have", () => {
    const r = ask("三政办〔2020〕99号讲了什么？", "p-jiuye");
    expect(r.abstained).toBe(true);
    expect(r.citations).toEqual([]);
    expect(r.answer).toContain("三政办〔2020〕99号");
  });

  it("abstains when the asked year is not in the evidence", () => {
    const r = ask("2023年全市要新增多少城镇就业？", "p-jiuye");
    expect(r.abstained).toBe(true);
    expect(r.related?.[0]?.document.docNumber).toBe("三政办〔2020〕6号");
  });

  it("abstains when a figure is asked and no sentence states one", () => {
    const r = ask("市长质量奖的奖金是多少钱？", "p-anwei");
    expect(r.abstained).toBe(true);
  });

  it("abstains when the figure stated is not the kind asked for (a yearly target is no per-person maximum)", () => {
    expect(ask("返乡创业担保贷款一个人最多能贷多少钱？", "p-daikuan").abstained).toBe(true);
    expect(ask("返乡创业的示范县，每年至少要发放多少创业担保贷款？", "p-daikuan").abstained).toBe(false);
  });

  it("asks for money: a count of people is not an answer, a sum is", () => {
    expect(ask("新增城镇就业能拿多少补贴？", "p-jiuye").abstained).toBe(true);
    const r = ask("返乡创业担保贷款每年发放多少钱？", "p-daikuan");
    expect(r.abstained).toBe(false);
    expect(r.answer).toContain("5000万元");
  });
});

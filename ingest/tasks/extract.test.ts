import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { BodyLine } from "../gazette/body.ts";
import { classifyBody } from "../gazette/body.ts";
import { toLines } from "../gazette/lines.ts";
import { parseIssue } from "../gazette/parse-issue.ts";
import { splitDocument } from "../passages/split.ts";
import { toRecords } from "../records.ts";
import { documentTaskDrafts, extractResponsibilities, locate } from "./extract.ts";
import type { EffectiveRecord, TaskRecord } from "../../core/tasks.ts";
import { deadlineOf, effectiveStatement, taskTitle } from "./text.ts";
import { canonicalUnit } from "../../core/units.ts";

/*
 * Fixtures (verbatim corpus lines, blank lines kept):
 *   002-road-units.txt       002 L775–797   四好农村路 tasks, `（责任单位：各县〔市、区〕政府，市交通运输局、发展改革委…）`
 *   002-labels.txt           002 L1028–1054 2019 重点工作: task paragraphs followed by `牵头单位：` / `配合单位：` lines
 *   000-livelihood.txt       000 L581–602   2020 民生实事: `（主要责任单位：…；相关责任单位：…）` under `一、…` headings
 *   004-lead-cooperate.txt   004 L302–318 + L404–420  2024 重点工作: `（…牵头，…配合）`, `（…牵头负责）`, `市交通局`
 *   004-ledger.txt           004 L508–560   分工台账: header `序号 项目（任务） 责任领导 责任单位` repeated at page breaks
 *   001-chain-table.txt      001 L898–917   产业链链长及牵头单位 table
 */
const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), "utf8");
const bodyOf = (raw: string): BodyLine[] => classifyBody(toLines(raw)).lines;
const drafts = (name: string) => documentTaskDrafts(bodyOf(fixture(name)));
const unitsOf = (d: { units: { name: string; role: string }[] }) => d.units.map((u) => `${u.name}:${u.role}`);

describe("body tasks", () => {
  it("a 责任单位 parenthesis with elided 市 prefixes (002 L783)", () => {
    const tasks = drafts("002-road-units.txt");
    const build = tasks.find((t) => t.title === "加快项目建设")!;
    expect(build.seq).toBe("3");
    expect(unitsOf(build)).toEqual(["各县〔市、区〕政府:responsible", "市交通运输局:responsible", "市发展改革委:responsible", "市财政局:responsible"]);
    expect(build.units.find((u) => u.name === "市发展改革委")?.surface).toBe("发展改革委");
    const road = tasks.find((t) => t.title === "开展路域整治")!;
    expect(road.units.map((u) => u.name)).toEqual(["各县〔市、区〕政府", "市交通运输局", "市生态环境局", "市农业农村局", "市自然资源规划局", "市林业局", "市城管局"]);
  });

  it("牵头单位 / 配合单位 lines belong to the paragraph above them (002 L1030–1046)", () => {
    const tasks = drafts("002-labels.txt");
    expect(tasks.map((t) => t.title)).toEqual(["保持工业稳定增长", "全面实施“十大工程”", "加大招商引资和项目建设力度", "突出抓好优化营商环境"]);
    expect(tasks.every((t) => t.form === "labels")).toBe(true);
    expect(unitsOf(tasks[0]!)).toEqual([
      "市工业和信息化局:lead", "市发展改革委:cooperate", "市科技局:cooperate", "市投资集团:cooperate", "各县〔市、区〕政府:cooperate",
    ]);
    expect(unitsOf(tasks[2]!).slice(0, 2)).toEqual(["市商务局:lead", "市发展改革委:lead"]);
    expect(tasks[0]!.extra[0]).toBe("牵头单位：市工业和信息化局。\n配合单位：市发展改革委、科技局、投资集团，各县（市、区）政府。");
  });

  it("主要责任单位 / 相关责任单位 under a heading take the heading as title (000 L581–589)", () => {
    const [jobs, city] = drafts("000-livelihood.txt");
    expect(jobs!.title).toBe("新增城镇就业3.8万人");
    expect(jobs!.seq).toBe("一");
    expect(jobs!.units[0]).toEqual({ name: "市人力资源社会保障局", role: "lead" });
    expect(jobs!.units.filter((u) => u.role === "cooperate")).toHaveLength(10);
    expect(unitsOf(city!)).toEqual([
      "市住房城乡建设局:lead", "市自然资源规划局:cooperate", "湖滨区政府:cooperate", "陕州区政府:cooperate",
      `${canonicalUnit("城乡一体化示范区管委会")}:cooperate`, `${canonicalUnit("开发区管委会")}:cooperate`,
    ]);
  });

  it("a 牵头/配合 split, 牵头负责, and an older unit name (004 L308, L406, L416)", () => {
    const tasks = drafts("004-lead-cooperate.txt");
    const first = tasks.find((t) => t.seq === "1")!;
    expect(unitsOf(first)).toEqual([
      "市商务局:lead", "市市场监管局:cooperate", "市住房城乡建设局:cooperate", "市文化广电旅游局:cooperate", "市体育局:cooperate",
      "各县〔市、区〕政府:cooperate",
    ]);
    expect(first.title).toBe("把恢复和扩大消费摆在优先位置");
    expect(unitsOf(tasks.find((t) => t.seq === "43")!)).toEqual(["市自然资源规划局:lead"]);
    const highway = tasks.find((t) => t.seq === "48")!;
    expect(highway.units[0]).toEqual({ name: "市交通运输局", role: "lead", surface: "市交通局" });
    expect(unitsOf(tasks.find((t) => t.seq === "46")!)).toEqual(["市发展改革委:lead", "市铁建公司:lead"]);
  });
});

describe("分工台账 tables", () => {
  it("one task per row; the header repeated at page breaks is no task (004 L512–560)", () => {
    const tasks = drafts("004-ledger.txt");
    expect(tasks.every((t) => t.form === "table")).toBe(true);
    expect(tasks.map((t) => t.seq)).toEqual(Array.from({ length: 42 }, (_, i) => String(i + 1)));
    const row14 = tasks[13]!;
    expect(row14.leaders).toEqual(["万战伟", "卫祥玉"]);
    expect(row14.units.map((u) => u.name)).toEqual(["市发展改革委", "市科技局"]);
    expect(row14.quotes[0]).toBe("14\t加快智慧岛、双创基地建设，优化创新创业全链条服务，再培育1家国家级、2家省级双创孵化载体。\t万战伟 卫祥玉\t市发展改革委 市科技局");
  });

  it("a row continued over a page break, after the repeated header, stays one task (004 L522–525, row 10 split at its comma)", () => {
    // The corpus rows fit their pages; this excerpt cuts row 10 where a page end would, the way
    // the 2020 table continues rows (empty 序号 cell), with the header repeated in between.
    const raw = fixture("004-ledger.txt").replace(
      "10\t推进大唐第二台100万千瓦机组前期工作，加快宝武清能绿色供电园区建设，探索开展工业绿色微电网和新能源电力直供试点，支持卢氏县申建增量配电业务改革试点。\t万战伟\t市发展改革委\n",
      "10\t推进大唐第二台100万千瓦机组前期工作，加快宝武清能绿色供电园区建设，\t万战伟\t市发展改革委\n序号\t项目(任务)\t责任领导\t责任单位\n\t探索开展工业绿色微电网和新能源电力直供试点，支持卢氏县申建增量配电业务改革试点。\t\t\n",
    );
    expect(raw).not.toBe(fixture("004-ledger.txt"));
    const body = bodyOf(raw);
    const tasks = documentTaskDrafts(body);
    expect(tasks).toHaveLength(42);
    const row10 = tasks.find((t) => t.seq === "10")!;
    expect(row10.text).toBe("推进大唐第二台100万千瓦机组前期工作，加快宝武清能绿色供电园区建设，探索开展工业绿色微电网和新能源电力直供试点，支持卢氏县申建增量配电业务改革试点。");
    expect(row10.units.map((u) => u.name)).toEqual(["市发展改革委"]);
    expect(row10.leaders).toEqual(["万战伟"]);
    // the quote (both physical rows) is verbatim in one passage of the same table
    const passages = splitDocument(body).map((p, i) => ({ id: `p${i}`, documentId: "d", issueId: "i", heading: p.heading, text: p.text, ordinal: i, kind: p.kind, page: null }));
    const where = locate(passages, row10.quotes)!;
    expect(where.quote).toContain("\n\t探索开展工业绿色微电网");
    expect(tasks.find((t) => t.seq === "11")!.units.map((u) => u.name)).toEqual(["市科技局"]);
  });

  it("产业链 table: 链长 as leaders, 牵头单位 as lead (001 L910–916)", () => {
    const tasks = drafts("001-chain-table.txt");
    expect(tasks.map((t) => t.title)).toEqual(["铝及铝精深加工产业链", "生物医药产业链", "铜精深加工产业链", "煤化工及精细化工产业链", "5G产业链", "高端装备制造产业链"]);
    expect(tasks[0]!.leaders).toEqual(["范付中"]);
    expect(unitsOf(tasks[2]!)).toEqual(["市工业和信息化局:lead"]);
  });
});

describe("titles, deadlines, effective dates", () => {
  it("titles cut at the first sentence or clause, never inside quotes", () => {
    expect(taskTitle("1. 加强规划引领。加快编制《三门峡市城市公共交通专项规划》……")).toBe("加强规划引领");
    expect(taskTitle("36. 坚持“重在保护，要在治理”，加强山水林田湖草沙一体化保护和系统治理，持续深化“十百千万亿”工程，扎实推进“两大库区、三千沟壑”治理。")).toBe("坚持“重在保护，要在治理”");
  });

  it("deadlines as written (004 L116–118, L136)", () => {
    expect(deadlineOf("确保行政执法人员每人每年接受不少于60学时的公共法律知识、业务知识和行政执法技能培训，2024年6月月底前完成全市行政执法队伍全员轮训。")).toBe("2024年6月月底前");
    expect(deadlineOf("市、县两级司法行政等部门要督促指导同级行政执法部门在2024年年底前制定行政执法事项目录。")).toBe("2024年年底前");
    expect(deadlineOf("到2025年年底，行政执法突出问题得到有效整治")).toBeNull();
  });

  it("effective dates, absolute and relative; a validity of something granted is not the text's (002 L349, 001 L542, L532)", () => {
    expect(effectiveStatement("第五十六条 本条例自 2019 年 5 月 15 日起施行。")).toMatchObject({ date: "2019-05-15", relativeTo: null, validity: null });
    expect(effectiveStatement("第十五条 本办法自印发之日起实施。")).toMatchObject({ date: null, relativeTo: "印发之日" });
    expect(effectiveStatement("第十一条 示范县每年认定一批，有效期三年。")).toBeNull();
    expect(effectiveStatement("本办法自2021年3月1日起施行，有效期3年。")).toMatchObject({ date: "2021-03-01", validity: "3年" });
  });
});

describe("whole issues", () => {
  const issue = (file: string) => {
    const parsed = parseIssue(readFileSync(new URL(`../../data/corpus/${file}`, import.meta.url)), file);
    const records = toRecords([parsed]);
    return { index: records, ...extractResponsibilities([parsed], records) };
  };

  it("every task quote is verbatim in its passage; body and 分工台账 disagree on 申报三门峡保税物流中心 (004)", () => {
    const { index, records, warnings } = issue("004_56bc4d1f9f69706c.txt");
    const { passages } = index;
    const tasks = records.filter((r): r is TaskRecord => r.kind === "task");
    expect(warnings).toEqual([]);
    const byId = new Map(passages.map((p) => [p.id, p]));
    for (const t of tasks) {
      expect(byId.get(t.passageId)?.text).toContain(t.quote);
      for (const e of t.evidence) expect(byId.get(e.passageId)?.text).toContain(e.quote);
    }
    expect(index.documents.length).toBe(3);
    const row53 = tasks.find((t) => t.form === "table" && t.seq === "53")!;
    const item62 = tasks.find((t) => t.form === "clause" && t.seq === "62")!;
    expect(row53.related).toEqual([item62.id]);
    expect(row53.conflicts[0]).toMatchObject({ taskId: item62.id, kind: "narrower", onlyThere: ["市商务局"] });
    expect(item62.conflicts.map((c) => c.label)).toEqual(["分工台账第53项", "分工台账第54项", "分工台账第55项"]);
    const row49 = tasks.find((t) => t.form === "table" && t.seq === "49")!;
    expect(row49.conflicts[0]).toMatchObject({ kind: "different", onlyHere: ["市工业和信息化局"] });
    expect(item62.leaders).toEqual(["秦迎军"]);
  });

  it("牵头单位 lines, repeated word for word across tasks, are quoted from the passage at or just after their task (002)", () => {
    const { index, records } = issue("002_0d3f9b1dac89e8da.txt");
    const ordinal = new Map(index.passages.map((p) => [p.id, p.ordinal]));
    const labelled = records.filter((r): r is TaskRecord => r.kind === "task" && r.form === "labels");
    expect(labelled.length).toBeGreaterThan(40);
    for (const t of labelled) {
      for (const e of t.evidence) expect(ordinal.get(e.passageId)! - ordinal.get(t.passageId)!).toBeGreaterThanOrEqual(0);
      for (const e of t.evidence) expect(ordinal.get(e.passageId)! - ordinal.get(t.passageId)!).toBeLessThanOrEqual(2);
    }
  });

  it("the effective date of the decree (002) and of the enclosed 办法 (001, relative to the issue date)", () => {
    const decree = issue("002_0d3f9b1dac89e8da.txt").records.filter((r): r is EffectiveRecord => r.kind === "effective");
    expect(decree).toEqual([expect.objectContaining({ subject: "中华人民共和国政府信息公开条例", effective: "2019-05-15" })]);
    const measures = issue("001_14c302aa96ff3042.txt").records.filter((r): r is EffectiveRecord => r.kind === "effective");
    expect(measures.map((m) => [m.subject, m.effective, m.relativeTo])).toContainEqual(["中小学教育惩戒规则（试行）", "2021-03-01", null]);
    expect(measures.filter((m) => m.relativeTo === "印发之日")).toHaveLength(3);
  });
});

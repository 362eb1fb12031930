import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { BodyLine } from "../gazette/body.ts";
import { classifyBody } from "../gazette/body.ts";
import { toLines } from "../gazette/lines.ts";
import { titleKey } from "../gazette/toc-match.ts";
import type { PassageDraft } from "./split.ts";
import { DEFAULT_SPLIT, splitDocument } from "./split.ts";
import { readTable } from "./tables.ts";

/*
 * Fixtures (verbatim corpus lines, blank lines kept):
 *   000-table.txt  000 L450–507  `附件：…一览表`, table title, TSV table with 续表一/续表二 + repeated header rows,
 *                                continuation rows with empty first cells, then the next document's heading
 *   004-table.txt  004 L500–560  `附件：…台账`, signature, `## 附 件`, `**…台账**`, TSV table whose header
 *                                is repeated at every page break as 项目（任务） / 项目(任务)
 */
const bodyOf = (name: string): BodyLine[] =>
  classifyBody(toLines(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), "utf8"))).lines;
const tableRows = (body: BodyLine[]) => body.filter((l) => l.role === "table").map((l) => l.text);
const rowsOf = (p: PassageDraft) => p.text.split("\n");
const firstCell = (row: string) => row.split("\t")[0]!;

describe("000: 续表 with repeated header rows", () => {
  const body = bodyOf("000-table.txt");
  const passages = splitDocument(body);
  const tables = passages.filter((p) => p.kind === "table");
  const HEADER = "序号\t矿井名称\t项目\t完成时间";

  it("drops the 续表 labels while classifying", () => {
    expect(body.some((l) => l.text.includes("续表"))).toBe(false);
  });

  it("readTable keeps one header and drops its two repetitions", () => {
    const rows = tableRows(body);
    expect(rows.filter((r) => r === HEADER)).toHaveLength(3);
    const table = readTable(rows);
    expect(table.header).toBe(HEADER);
    expect(table.records.flatMap((r) => r.rows)).not.toContain(HEADER);
    // 1 耿村, 2 常村, 3 千秋 (page 1), 3 千秋 (continued on 续表一), 4, 5, 6, 7, 8
    expect(table.records.map((r) => firstCell(r.rows[0]!))).toEqual(["1", "2", "3", "3", "4", "5", "6", "7", "8"]);
  });

  it("keeps continuation rows (empty first cell) with their record", () => {
    const table = readTable(tableRows(body));
    const longmen = table.records.find((r) => r.rows[0]!.startsWith("6\t"))!;
    expect(longmen.rows).toHaveLength(6); // 000 L489–494
    expect(longmen.rows.slice(1).every((r) => r.startsWith("\t\t"))).toBe(true);
  });

  it("makes table passages that start with the header row, without 续表 or a repeated header", () => {
    expect(tables.length).toBeGreaterThan(1);
    for (const p of tables) {
      expect(p.text.startsWith(`${HEADER}\n`)).toBe(true);
      expect(rowsOf(p).filter((r) => r === HEADER)).toHaveLength(1);
      expect(p.text).not.toContain("续表");
      expect(p.heading).toBe("三门峡市煤矿智能化建设主要任务一览表");
    }
  });

  it("never starts a passage with a continuation row", () => {
    for (const p of tables) expect(firstCell(rowsOf(p)[1]!)).not.toBe("");
  });

  it("keeps every row exactly once, the record 1 rows together", () => {
    const data = tables.flatMap((p) => rowsOf(p).slice(1));
    expect(data).toHaveLength(tableRows(body).length - 3);
    const first = tables.find((p) => p.text.includes("1\t耿村煤矿\t井下万兆环网系统升级改造\t2020.3"))!;
    for (const row of ["\t\t13200综采工作面智能化建设\t2020.5", "\t\t12090下巷掘进工作面智能化\t2020.9", "\t\t21002综采工作面实现智能化\t2020.7"]) {
      expect(rowsOf(first)).toContain(row);
    }
  });

  it("stays within DEFAULT_SPLIT.max", () => {
    for (const p of passages) expect(p.text.length).toBeLessThanOrEqual(DEFAULT_SPLIT.max);
  });
});

describe("004: 分工台账 with 项目(任务) / 项目（任务） header variants at page breaks", () => {
  const body = bodyOf("004-table.txt");
  const tables = splitDocument(body).filter((p) => p.kind === "table");
  const rows = tableRows(body);
  const headerKey = titleKey(rows[0]!);
  const isHeader = (row: string) => titleKey(row) === headerKey;

  it("sees the half- and full-width header rows as the same header", () => {
    // 004 L512, L524, L541, L556
    expect(rows.filter(isHeader)).toEqual([
      "序号\t项目（任务）\t责任领导\t责任单位",
      "序号\t项目(任务)\t责任领导\t责任单位",
      "序号\t项目（任务）\t责任领导\t责任单位",
      "序号\t项目(任务)\t责任领导\t责任单位",
    ]);
    expect(readTable(rows).records).toHaveLength(42);
  });

  it("keeps exactly one header row in every table passage, as its first line", () => {
    expect(tables.length).toBeGreaterThan(1);
    for (const p of tables) {
      expect(rowsOf(p).filter(isHeader)).toHaveLength(1);
      expect(isHeader(rowsOf(p)[0]!)).toBe(true);
      expect(p.heading).toBe("2024年政府工作报告重点项目（任务）分工台账");
    }
  });

  it("keeps the 42 items, each once and in order", () => {
    const numbers = tables.flatMap((p) => rowsOf(p).slice(1).map(firstCell));
    expect(numbers).toEqual(Array.from({ length: 42 }, (_, i) => String(i + 1)));
  });

  it("names the attachment (附件：… before the signature, then `## 附 件` and the **bold** title)", () => {
    const { attachments } = classifyBody(toLines(readFileSync(new URL("./__fixtures__/004-table.txt", import.meta.url), "utf8")));
    expect(attachments).toEqual(["2024年政府工作报告重点项目（任务）分工台账"]);
  });
});

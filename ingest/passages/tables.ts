/** Table rows → records that keep their header, so a passage from a table names its columns. */
import { titleKey } from "../gazette/toc-match.ts";

export interface TableRecord {
  rows: string[];
}

export interface Table {
  header: string | null;
  records: TableRecord[];
}

const HEADER_WORDS = /序号|名称|项目|任务|单位|时间|姓名|职务|责任|内容|备注|类别|指标|链长|地点|金额|数量|年份|目标/u;

function cells(row: string): string[] {
  return row.split("\t").map((c) => c.trim());
}

/** A header row: short cells, none numeric, at least one a typical column name. */
export function isTableHeader(row: string): boolean {
  const cs = cells(row).filter((c) => c !== "");
  return cs.length >= 2 && cs.every((c) => c.length <= 12 && !/^\d/.test(c)) && cs.some((c) => HEADER_WORDS.test(c));
}

/**
 * Group consecutive table rows: repeated header rows (page breaks, 续表) are dropped,
 * and a row whose first cell is empty continues the record above it.
 */
export function readTable(rows: string[]): Table {
  const header = rows[0] !== undefined && isTableHeader(rows[0]) ? rows[0] : null;
  const headerKey = header ? titleKey(header) : null;
  const records: TableRecord[] = [];
  for (const row of header ? rows.slice(1) : rows) {
    if (headerKey !== null && titleKey(row) === headerKey) continue;
    const first = cells(row)[0] ?? "";
    const last = records[records.length - 1];
    if (first === "" && last) last.rows.push(row);
    else records.push({ rows: [row] });
  }
  return { header, records };
}

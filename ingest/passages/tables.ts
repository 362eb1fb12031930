/** Table rows → records that keep their header, so a passage from a table names its columns. */
import { isTableHeader, tableCells } from "../../core/text/table-rows.ts";
import { titleKey } from "../gazette/toc-match.ts";

export interface TableRecord {
  rows: string[];
}

export interface Table {
  header: string | null;
  records: TableRecord[];
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
    const first = tableCells(row)[0] ?? "";
    const last = records[records.length - 1];
    if (first === "" && last) last.rows.push(row);
    else records.push({ rows: [row] });
  }
  return { header, records };
}

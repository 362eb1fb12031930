/** Table rows as the index stores them: cells separated by tabs, the header row first when there is one. */

/** Words typical of column names; a header row has at least one. */
const HEADER_WORDS = /序号|名称|项目|任务|单位|时间|姓名|职务|责任|内容|备注|类别|指标|链长|地点|金额|数量|年份|目标/u;
/** Column names are short; longer cells are content. */
const MAX_HEADER_CELL = 12;

export function tableCells(row: string): string[] {
  return row.split("\t").map((c) => c.trim());
}

/** A header row: short cells, none numeric, at least one a typical column name. */
export function isTableHeader(row: string): boolean {
  const cs = tableCells(row).filter((c) => c !== "");
  return cs.length >= 2 && cs.every((c) => c.length <= MAX_HEADER_CELL && !/^\d/.test(c)) && cs.some((c) => HEADER_WORDS.test(c));
}

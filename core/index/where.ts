/**
 * Building LanceDB `where` clauses from validated values only. Column names come from a
 * fixed list; strings are quoted with '' escaping after validation, never concatenated raw.
 */
const COLUMNS = ["id", "document_id", "issue_id", "year", "category", "doc_number", "ordinal", "kind"] as const;
export type Column = (typeof COLUMNS)[number];

export function sqlString(value: string): string {
  if (/[\u0000-\u001f]/.test(value)) throw new Error("control characters are not allowed in filter values");
  return `'${value.replace(/'/g, "''")}'`;
}

export type Condition =
  | { column: Column; op: "="; value: string | number }
  | { column: Column; op: "in"; values: (string | number)[] }
  | { column: Column; op: "between"; from: number; to: number };

function literal(v: string | number): string {
  if (typeof v === "number") {
    if (!Number.isFinite(v)) throw new Error("numbers in filters must be finite");
    return String(v);
  }
  return sqlString(v);
}

export function buildWhere(conditions: Condition[]): string | undefined {
  const parts = conditions.map((c) => {
    if (!COLUMNS.includes(c.column)) throw new Error(`unknown column ${c.column}`);
    if (c.op === "=") return `${c.column} = ${literal(c.value)}`;
    if (c.op === "between") return `${c.column} BETWEEN ${literal(c.from)} AND ${literal(c.to)}`;
    if (c.values.length === 0) return "false";
    return `${c.column} IN (${c.values.map(literal).join(", ")})`;
  });
  return parts.length ? parts.join(" AND ") : undefined;
}

/** The same conditions evaluated on a row held in memory (the in-memory vector side of small runs). */
export function matchesAll(row: Record<string, unknown>, conditions: Condition[]): boolean {
  return conditions.every((c) => {
    const v = row[c.column];
    if (c.op === "=") return v === c.value;
    if (c.op === "between") return typeof v === "number" && v >= c.from && v <= c.to;
    return c.values.includes(v as string | number);
  });
}

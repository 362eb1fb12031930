/**
 * Filters never reach a LanceDB `where` string unescaped: unit tests of core/index/where.ts,
 * and a property test that runs the generated clauses against a real LanceDB table, so the
 * escaping is proven against the SQL parser that actually reads it.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as lancedb from "@lancedb/lancedb";
import type { Table } from "@lancedb/lancedb";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Column } from "../../core/index/where.ts";
import type { Condition } from "../../core/index/where.ts";
import { buildWhere, matchesAll, sqlString } from "../../core/index/where.ts";

describe("buildWhere", () => {
  it("quotes strings and doubles single quotes", () => {
    expect(sqlString("a'b")).toBe("'a''b'");
    expect(buildWhere([{ column: "category", op: "=", value: "2020' OR 1=1" }])).toBe("category = '2020'' OR 1=1'");
    expect(buildWhere([{ column: "issue_id", op: "=", value: `2021-02") OR (1=1` }])).toBe(`issue_id = '2021-02") OR (1=1'`);
  });

  it("joins conditions with AND and renders IN, BETWEEN and empty IN", () => {
    expect(
      buildWhere([
        { column: "year", op: "=", value: 2020 },
        { column: "document_id", op: "in", values: ["a", "b'c"] },
        { column: "ordinal", op: "between", from: 0, to: 5 },
      ]),
    ).toBe("year = 2020 AND document_id IN ('a', 'b''c') AND ordinal BETWEEN 0 AND 5");
    expect(buildWhere([{ column: "document_id", op: "in", values: [] }])).toBe("false");
    expect(buildWhere([])).toBeUndefined();
  });

  it("refuses unknown columns, control characters and non-finite numbers", () => {
    expect(() => buildWhere([{ column: "text; DROP TABLE runs" as Column, op: "=", value: "x" }])).toThrow(/unknown column/);
    expect(() => buildWhere([{ column: "vector" as Column, op: "=", value: "x" }])).toThrow(/unknown column/);
    expect(() => sqlString("a\u0000b")).toThrow(/control/);
    expect(() => sqlString("a\nb")).toThrow(/control/);
    expect(() => buildWhere([{ column: "year", op: "=", value: Number.NaN }])).toThrow(/finite/);
    expect(() => buildWhere([{ column: "year", op: "between", from: 0, to: Number.POSITIVE_INFINITY }])).toThrow(/finite/);
  });

  it("property: a string literal is one token whose content is exactly the value", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 80 }), (value) => {
        if (/[\u0000-\u001f]/.test(value)) {
          expect(() => sqlString(value)).toThrow();
          return;
        }
        const lit = sqlString(value);
        expect(lit.startsWith("'") && lit.endsWith("'")).toBe(true);
        const inner = lit.slice(1, -1);
        // Every quote inside is doubled: no quote can close the literal early.
        expect(inner.replace(/''/g, "")).not.toContain("'");
        expect(inner.replace(/''/g, "'")).toBe(value);
      }),
      { numRuns: 800 },
    );
  });
});

describe("where clauses against a real LanceDB table", () => {
  let dir: string;
  let table: Table;
  const rows = [
    { id: "a", category: "x", doc_number: "三政办〔2024〕2号", year: 2024 },
    { id: "b", category: "y'", doc_number: "' OR '1'='1", year: 2020 },
    { id: "c", category: "z\\", doc_number: "\\'", year: 2021 },
    { id: "d", category: "部门文件", doc_number: "%", year: 2019 },
    { id: "e", category: "--", doc_number: "x' OR 1=1 --", year: 2018 },
  ];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "gongbao-where-"));
    const db = await lancedb.connect(dir);
    table = await db.createTable("t", rows);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const idsWhere = async (column: Column, value: string) =>
    (await table.query().where(buildWhere([{ column, op: "=", value }])!).toArray()).map((r) => String(r.id)).sort();

  it("classic injections match nothing (or only the row holding that exact text)", async () => {
    for (const value of ["' OR '1'='1", "x' OR 1=1 --", "\\' OR 1=1 --", "2020' OR 1=1", "') OR ('1'='1", "%", "' UNION SELECT * FROM runs --"]) {
      const expected = rows.filter((r) => r.doc_number === value).map((r) => r.id);
      expect(await idsWhere("doc_number", value), value).toEqual(expected);
    }
  });

  it("property: `column = literal` selects exactly the rows whose value is equal", async () => {
    const values = fc.oneof(
      fc.constantFrom(...rows.map((r) => r.category), ...rows.map((r) => r.doc_number)),
      fc.string({ unit: "grapheme", maxLength: 30 }).filter((s) => !/[\u0000-\u001f]/.test(s)),
      fc.stringMatching(/^[' \\%_a-z()=;-]{0,20}$/),
    );
    await fc.assert(
      fc.asyncProperty(values, fc.constantFrom<Column>("category", "doc_number"), async (value, column) => {
        const expected = rows.filter((r) => r[column as "category" | "doc_number"] === value).map((r) => r.id).sort();
        expect(await idsWhere(column, value)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it("property: matchesAll (in-memory runs) selects the same rows as LanceDB's where", async () => {
    const value = fc.oneof(fc.constantFrom(...rows.map((r) => r.category), ...rows.map((r) => r.doc_number)), fc.stringMatching(/^[' a-z%-]{0,6}$/));
    const condition: fc.Arbitrary<Condition> = fc.oneof(
      fc.record({ column: fc.constantFrom<Column>("category", "doc_number", "id"), op: fc.constant("=" as const), value }),
      fc.record({ column: fc.constant<Column>("year"), op: fc.constant("=" as const), value: fc.integer({ min: 2017, max: 2025 }) }),
      fc.record({ column: fc.constantFrom<Column>("id", "category"), op: fc.constant("in" as const), values: fc.array(value, { maxLength: 4 }) }),
      fc.record({ column: fc.constant<Column>("year"), op: fc.constant("between" as const), from: fc.integer({ min: 2017, max: 2025 }), to: fc.integer({ min: 2017, max: 2025 }) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(condition, { minLength: 1, maxLength: 3 }), async (conditions) => {
        const fromLance = (await table.query().where(buildWhere(conditions)!).toArray()).map((r) => String(r.id)).sort();
        const inMemory = rows.filter((r) => matchesAll(r, conditions)).map((r) => r.id).sort();
        expect(inMemory).toEqual(fromLance);
      }),
      { numRuns: 200 },
    );
  });
});

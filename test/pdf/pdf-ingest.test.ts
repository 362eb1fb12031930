/**
 * The five issues as PDFs: laid out as printed (test/pdf/typeset.ts) with a different running head,
 * page-number style and TOC layout each, then ingested through the PDF path. They must give the
 * inventory's documents, and passages within 1% of the text path's, each with its page.
 */
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { parseIssue } from "../../ingest/gazette/parse-issue.ts";
import { parsePdfIssue } from "../../ingest/pdf/parse-pdf.ts";
import type { Records } from "../../ingest/records.ts";
import { toRecords } from "../../ingest/records.ts";
import inventory from "../../ingest/gazette/__fixtures__/inventory.json" with { type: "json" };
import { CORPUS_DIR } from "../helpers/temp-index.ts";
import { charDifference } from "./char-diff.ts";
import type { TypesetOptions } from "./typeset.ts";
import { typesetGazette } from "./typeset.ts";

/** One layout per issue, so every variant of head, page number and TOC is read at least once. */
const LAYOUTS: TypesetOptions[] = [
  {},
  { runningHead: (p) => (p % 2 ? "三门峡市人民政府公报" : null), pageNumber: "plain", toc: "leaders" },
  { runningHead: () => "政府公报 · 三门峡", pageNumber: "chinese" },
  { runningHead: (p, label) => `${label}  第${p}页`, pageNumber: "none", toc: "leaders" },
  { runningHead: () => null, pageNumber: "dash", bodySize: 10.5 },
];

const documentFacts = (r: Records) => r.documents.map(({ title, docNumber, category, issued, kind, attachments }) => ({ title, docNumber, category, issued, kind, attachments }));

describe.each(inventory.issues.map((issue, i) => ({ ...issue, layout: LAYOUTS[i]! })))("$label as a PDF", (expected) => {
  let text: Records;
  let pdf: Records;
  let pages: number | null;
  beforeAll(async () => {
    const bytes = readFileSync(`${CORPUS_DIR}${expected.file}`);
    text = toRecords([parseIssue(bytes, expected.file)]);
    const parsed = await parsePdfIssue(await typesetGazette(bytes.toString("utf8"), expected.layout), expected.file);
    pages = parsed.pages;
    pdf = toRecords([parsed]);
  });

  it("gives the inventory's documents with their own 文号, categories, dates and attachments", () => {
    const want = expected.documents.map(({ title, docNumber, category, issued, kind, attachments }) => ({ title, docNumber, category, issued, kind, attachments }));
    expect(documentFacts(pdf)).toEqual(want);
  });

  it("puts a page on every passage, within the file's pages and never going back", () => {
    expect(pages).toBeGreaterThan(10);
    expect(pdf.passages.every((p) => p.page !== null && p.page >= 1 && p.page <= pages!)).toBe(true);
    for (const d of pdf.documents) {
      const own = pdf.passages.filter((p) => p.documentId === d.id).map((p) => p.page!);
      expect(own).toEqual([...own].sort((a, b) => a - b));
    }
  });

  it("splits each document into passages within 1% character difference of the text path", () => {
    for (const d of text.documents) {
      const twin = pdf.documents.find((x) => x.title === d.title)!;
      const joined = (r: Records, id: string) => r.passages.filter((p) => p.documentId === id).map((p) => p.text).join("\n");
      expect({ title: d.title, difference: charDifference(joined(text, d.id), joined(pdf, twin.id)) < 0.01 }).toEqual({ title: d.title, difference: true });
    }
  });
});

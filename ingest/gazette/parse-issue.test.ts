import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseIssue } from "./parse-issue.ts";
import inventory from "./__fixtures__/inventory.json" with { type: "json" };

const corpus = new URL("../../data/corpus/", import.meta.url);

describe.each(inventory.issues)("$label ($file)", (expected) => {
  const parsed = parseIssue(readFileSync(new URL(expected.file, corpus)), expected.file);

  it("reads the issue metadata", () => {
    const { year, number, total, published, label } = parsed.issue;
    expect({ year, number, total, published, label }).toEqual({
      year: expected.year, number: expected.number, total: expected.total, published: expected.published, label: expected.label,
    });
  });

  it("finds every document, in body order", () => {
    expect(parsed.documents.map((d) => d.title)).toEqual(expected.documents.map((d) => d.title));
  });

  it("gives each document its own 文号, category, date, kind and attachments", () => {
    const got = parsed.documents.map((d) => ({
      docNumber: d.docNumber, category: d.category, issued: d.issued, kind: d.kind, attachments: d.attachments, bodyStartLine: d.startLine,
    }));
    const want = expected.documents.map((d) => ({
      docNumber: d.docNumber, category: d.category, issued: d.issued, kind: d.kind, attachments: d.attachments, bodyStartLine: d.bodyStartLine,
    }));
    expect(got).toEqual(want);
  });

  it("matches every table-of-contents entry to a body document", () => {
    const listed = expected.documents.filter((d) => d.inToc).length;
    expect(parsed.tocEntries).toBe(listed);
    expect(parsed.documents.filter((d) => d.toc !== null).map((d) => d.title)).toEqual(
      expected.documents.filter((d) => d.inToc).map((d) => d.title),
    );
    expect(parsed.warnings.filter((w) => w.startsWith("TOC entry without"))).toEqual([]);
  });

  it("flags only the body documents the TOC misses", () => {
    const missing = expected.documents.filter((d) => !d.inToc).map((d) => d.title);
    const flagged = parsed.warnings.filter((w) => w.startsWith("body document not in the TOC"));
    expect(flagged).toHaveLength(missing.length);
    for (const title of missing) expect(flagged.some((w) => w.includes(title))).toBe(true);
  });
});

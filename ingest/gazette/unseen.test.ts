/**
 * Issues the parser was not built from: real public documents of other governments laid out in this
 * gazette's style, each with an inventory written by hand (an independent helper; sources in
 * __fixtures__/unseen/). Each must parse to its inventory, as text and typeset as a PDF.
 */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { removeCjkSpaces } from "../../core/text/normalize.ts";
import { typesetGazette } from "../../test/pdf/typeset.ts";
import { parsePdfIssue } from "../pdf/parse-pdf.ts";
import type { ParsedIssue } from "./parse-issue.ts";
import { parseIssue } from "./parse-issue.ts";

const dir = new URL("./__fixtures__/unseen/", import.meta.url);
const issues = readdirSync(dir).filter((f) => f.endsWith(".txt")).map((file) => ({
  file,
  text: readFileSync(new URL(file, dir), "utf8"),
  inventory: JSON.parse(readFileSync(new URL(file.replace(/\.txt$/, ".inventory.json"), dir), "utf8")) as Inventory,
}));

interface Inventory {
  year: number; number: number; total: number; published: string | null; label: string;
  documents: { title: string; docNumber: string | null; issuer: string | null; category: string; issued: string | null; kind: string; inToc: boolean; attachments: string[]; firstLine: string; mustContain: string[] }[];
}

const facts = (p: ParsedIssue) => p.documents.map((d) => ({ title: d.title, docNumber: d.docNumber, issuer: d.issuer, category: d.category, issued: d.issued, kind: d.kind, inToc: d.toc !== null, attachments: d.attachments }));
const wanted = (inv: Inventory) => inv.documents.map(({ title, docNumber, issuer, category, issued, kind, inToc, attachments }) => ({ title, docNumber, issuer, category, issued, kind, inToc, attachments }));
const bodyText = (p: ParsedIssue, i: number) => removeCjkSpaces(p.documents[i]!.body.map((l) => l.text).join(""));

describe.each(issues)("unseen issue $file", ({ file, text, inventory }) => {
  const parsed = parseIssue(Buffer.from(text), file);

  it("reads the issue metadata", () => {
    const { year, number, total, published, label } = parsed.issue;
    expect({ year, number, total, published, label }).toEqual({ year: inventory.year, number: inventory.number, total: inventory.total, published: inventory.published, label: inventory.label });
  });

  it("finds each document with its own title, 文号, issuer, category, date, kind and attachments", () => {
    expect(facts(parsed)).toEqual(wanted(inventory));
  });

  it("starts each document at its first line and keeps its text inside it", () => {
    const lines = text.split("\n");
    inventory.documents.forEach((d, i) => {
      expect(lines[parsed.documents[i]!.startLine - 1]!.trim().startsWith(d.firstLine), d.firstLine).toBe(true);
      for (const phrase of d.mustContain) expect(bodyText(parsed, i), `${d.title}: ${phrase}`).toContain(removeCjkSpaces(phrase));
    });
  });

  it("gives the same documents when typeset and read as a PDF", async () => {
    const pdf = await parsePdfIssue(await typesetGazette(text), file.replace(/\.txt$/, ".pdf"));
    expect(facts(pdf)).toEqual(wanted(inventory));
    inventory.documents.forEach((d, i) => {
      for (const phrase of d.mustContain) expect(bodyText(pdf, i), `${d.title}: ${phrase}`).toContain(removeCjkSpaces(phrase));
    });
  });
});

/**
 * The five issues changed the way the next issue may differ: 文号 lines removed, issuers moved onto
 * their own line, the TOC reordered or dropped, other running heads and page marks, paragraphs
 * hard-wrapped. Each must still parse to the same documents.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseDocNumber } from "../../core/text/doc-number.ts";
import { parseIssue } from "./parse-issue.ts";
import type { ParsedIssue } from "./parse-issue.ts";
import { categoryOf, MASTHEAD_START, splitPage } from "./patterns.ts";
import { removeCjkSpaces } from "../../core/text/normalize.ts";
import inventory from "./__fixtures__/inventory.json" with { type: "json" };

const corpus = new URL("../../data/corpus/", import.meta.url);
const parse = (text: string) => parseIssue(Buffer.from(text), "variant.txt");
const titles = (p: ParsedIssue) => p.documents.map((d) => d.title);
const facts = (p: ParsedIssue) => p.documents.map((d) => ({ title: d.title, docNumber: d.docNumber, category: d.category, issued: d.issued, kind: d.kind }));

/** The line index where the body starts: the first document's first line. */
const bodyStart = (lines: string[], p: ParsedIssue) => p.documents[0]!.startLine - 1;

/** Each TOC category heading with its entries, up to the next heading, the masthead or the body. */
function tocBlocks(lines: string[], end: number): { from: number; to: number }[] {
  const blocks: { from: number; to: number }[] = [];
  for (let i = 0; i < end; i++) {
    if (categoryOf(lines[i]!) === null) continue;
    let j = i + 1;
    while (j < end && categoryOf(lines[j]!) === null && !MASTHEAD_START.test(removeCjkSpaces(lines[j]!))) j++;
    blocks.push({ from: i, to: j });
    i = j - 1;
  }
  return blocks;
}

describe.each(inventory.issues)("variations of $label", (expected) => {
  const text = readFileSync(new URL(expected.file, corpus), "utf8");
  const lines = text.split("\n");
  const original = parse(text);
  const start = bodyStart(lines, original);

  it("parses as the inventory says before any change", () => {
    expect(titles(original)).toEqual(expected.documents.map((d) => d.title));
  });

  it("reads the same documents with the TOC's category blocks in reverse order", () => {
    const blocks = tocBlocks(lines, start);
    const head = lines.slice(0, blocks[0]?.from ?? 0);
    const moved = [...blocks].reverse().flatMap((b) => lines.slice(b.from, b.to));
    const between = lines.slice(blocks[0]?.from ?? 0, start).filter((_, k) => !blocks.some((b) => k + (blocks[0]?.from ?? 0) >= b.from && k + (blocks[0]?.from ?? 0) < b.to));
    expect(facts(parse([...head, ...between, ...moved, ...lines.slice(start)].join("\n")))).toEqual(facts(original));
  });

  it("reads the same documents without a TOC (categories inferred), except a bulletin that only its TOC entry finds", () => {
    const kept = lines.filter((l, i) => i >= start || (categoryOf(l) === null && splitPage(l).page === null));
    const parsed = parse(kept.join("\n"));
    const found = (p: ParsedIssue) => p.documents.filter((d) => d.kind !== "report").map((d) => [d.title, d.docNumber, d.issued]);
    expect(found(parsed)).toEqual(found(original));
  });

  it("reads the same documents with page marks and other running heads every 30 lines of the body", () => {
    const out = lines.slice(0, start);
    lines.slice(start).forEach((l, i) => {
      out.push(l);
      const page = (i + 1) / 30;
      if (i % 30 === 29) out.push("", `- ${page} -`, "", page % 2 ? "政府公报" : `${expected.year}年第${expected.number}期`, "");
    });
    expect(facts(parse(out.join("\n")))).toEqual(facts(original));
  });

  it("reads the same documents with each issuer moved onto its own line above 关于…", () => {
    const out = lines.map((l, i) => (i >= start && /^\S{4,20}?(?:人民政府办公室|人民政府)\s?关于/u.test(l) ? l.replace(/^(\S{4,20}?(?:人民政府办公室|人民政府))\s?关于/u, "$1\n\n关于") : l));
    expect(facts(parse(out.join("\n")))).toEqual(facts(original));
  });

  it("reads the same documents with their own 文号 lines removed", () => {
    const own = new Set(original.documents.filter((d) => d.kind === "official").map((d) => d.docNumber));
    const out = lines.filter((l, i) => i < start || !(parseDocNumber(l.trim()) && own.has(l.replace(/\s+/g, "").replace(/号$/, "号"))) );
    const parsed = parse(out.join("\n"));
    expect(titles(parsed)).toEqual(titles(original));
  });

  it("reads the same documents with long paragraphs hard-wrapped at 34 characters", () => {
    const wrap = (l: string) => (l.length > 80 && /[。；，]/.test(l) && !l.includes("\t") ? l.match(/.{1,34}/gu)!.join("\n") : l);
    const out = lines.map((l, i) => (i >= start ? wrap(l) : l));
    expect(facts(parse(out.join("\n")))).toEqual(facts(original));
  });
});

/**
 * PDFs dropped into the corpus folder: a good one is ingested and served with page numbers; a scan,
 * a broken file and a password-protected one are named in the report with the reason, and the
 * other files are still served.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatResponse, DocumentResponse, SearchResult } from "../../core/api-schema.ts";
import type { TempIndex } from "../helpers/temp-index.ts";
import { buildTempIndex, CORPUS_DIR } from "../helpers/temp-index.ts";
import type { TestServer } from "../helpers/server.ts";
import { startServer } from "../helpers/server.ts";
import { encryptedPdf, scannedPdf, withScannedPages } from "./fixtures.ts";
import { typesetGazette } from "./typeset.ts";

const ISSUE_2024 = "004_56bc4d1f9f69706c.txt";
let index: TempIndex;
let server: TestServer;

beforeAll(async () => {
  const text2024 = readFileSync(`${CORPUS_DIR}${ISSUE_2024}`, "utf8");
  // A short issue of two pages of text with its pages 3–4 scanned: the 2012 issue's head and the opening of its first speech.
  const head2012 = readFileSync(`${CORPUS_DIR}003_88ae00261bb208d1.txt`, "utf8").split("\n").filter((l) => l.trim()).slice(0, 24).map((l) => l.slice(0, 60));
  index = await buildTempIndex({
    files: ["000_852d44e181674f23.txt"],
    extra: [
      { name: "2024-2.pdf", bytes: await typesetGazette(text2024) },
      { name: "2012-12-part-scanned.pdf", bytes: await withScannedPages([head2012.slice(0, 20).join("\n"), head2012.slice(20).join("\n")], [3, 4]) },
      { name: "scan.pdf", bytes: await scannedPdf(3) },
      { name: "broken.pdf", bytes: Buffer.from("%PDF-1.7\n1 0 obj << /Type /Catalog >>\ngarbage, no xref, no trailer") },
      { name: "locked.pdf", bytes: await encryptedPdf() },
    ],
  });
  server = await startServer(index.config);
}, 180_000);

afterAll(async () => {
  await server?.close();
  index?.cleanup();
});

const fileReport = (name: string) => index.report.files.find((f) => f.file === name)!;

describe("the ingest report", () => {
  it("names each unreadable PDF with the reason, and still ingests the others", () => {
    expect(fileReport("scan.pdf")).toMatchObject({ status: "failed", reason: expect.stringMatching(/images without a text layer.*OCR is not enabled/) });
    expect(fileReport("broken.pdf")).toMatchObject({ status: "failed", reason: expect.stringMatching(/not a readable PDF/) });
    expect(fileReport("locked.pdf")).toMatchObject({ status: "failed", reason: expect.stringMatching(/password-protected/) });
    expect(index.report.totals).toMatchObject({ issues: 3, failedFiles: 3 });
  });

  it("gives a PDF's pages and documents found vs listed in its TOC", () => {
    expect(fileReport("2024-2.pdf")).toMatchObject({ status: "ok", encoding: "pdf", label: "2024年第2号（总第215号）", documents: 3, documentsInToc: 3, documentsNotInToc: 0 });
    expect(fileReport("2024-2.pdf").pages).toBeGreaterThan(20);
    expect(fileReport("000_852d44e181674f23.txt")).toMatchObject({ status: "ok", pages: null });
  });

  it("names the pages without a text layer of a partly scanned PDF", () => {
    const f = fileReport("2012-12-part-scanned.pdf");
    expect(f).toMatchObject({ status: "ok", pages: 4 });
    expect(f.warnings).toContainEqual(expect.stringMatching(/^页 3–4 无文字层/));
  });
});

describe("serving a PDF issue", () => {
  it("cites the page of the quoted passage, and the reader's passages carry their pages", async () => {
    const res = await fetch(`${server.url}/api/chat`, {
      method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ messages: [{ role: "user", content: "2024年城市公交优先由哪个单位牵头？" }] }),
    });
    const body = (await res.json()) as ChatResponse;
    const fromPdf = body.citations.filter((c) => c.issue.year === 2024);
    expect(fromPdf.length).toBeGreaterThan(0);
    for (const c of fromPdf) expect(c.page).toBe(c.passage.page);
    expect(fromPdf.every((c) => typeof c.page === "number" && c.page > 1)).toBe(true);
    const doc = (await (await fetch(`${server.url}/api/documents/${fromPdf[0]!.document.id}`)).json()) as DocumentResponse;
    expect(doc.passages.every((p) => typeof p.page === "number")).toBe(true);
    expect(doc.passages.find((p) => p.id === fromPdf[0]!.passageId)?.page).toBe(fromPdf[0]!.page);
  });

  it("serves text-file passages without a page", async () => {
    const res = await fetch(`${server.url}/api/search?${new URLSearchParams({ q: "煤矿智能化建设", k: "3" })}`);
    const { results } = (await res.json()) as { results: SearchResult[] };
    expect(results[0]!.issue.year).toBe(2020);
    expect(results[0]!.passage.page).toBeNull();
  });
});

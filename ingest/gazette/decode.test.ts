import { readFileSync } from "node:fs";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { decodeGazette } from "./decode.ts";
import { ParseError } from "./front-matter.ts";
import { parseIssue } from "./parse-issue.ts";

const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), "utf8");

// 003 L283–323: Chinese-numeral date, 〔〕, curly quotes, 澠 (traditional variant).
const excerpt = fixture("003-multiline-title.txt");

describe("decodeGazette: encodings", () => {
  it("reads UTF-8 as is", () => {
    expect(decodeGazette(Buffer.from(excerpt, "utf8"))).toEqual({ text: excerpt, encoding: "utf-8" });
  });

  it("drops a UTF-8 byte order mark", () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(excerpt, "utf8")]);
    expect(decodeGazette(bytes)).toEqual({ text: excerpt, encoding: "utf-8" });
  });

  it.each(["gbk", "gb18030"])("decodes %s bytes of a real excerpt to the same text", (encoding) => {
    const bytes = iconv.encode(excerpt, encoding);
    expect(bytes.equals(Buffer.from(excerpt, "utf8"))).toBe(false);
    expect(decodeGazette(bytes)).toEqual({ text: excerpt, encoding: "gb18030" });
  });

  it("parses a GBK issue exactly like its UTF-8 original", () => {
    const raw = fixture("000-front-matter.txt"); // 000 L1–119
    const utf8 = parseIssue(Buffer.from(raw, "utf8"), "000.txt");
    const gbk = parseIssue(iconv.encode(raw, "gbk"), "000.txt");
    expect(gbk.encoding).toBe("gb18030");
    expect(utf8.encoding).toBe("utf-8");
    expect({ ...gbk, encoding: "utf-8" }).toEqual(utf8);
  });

  it("reads CRLF line ends like LF", () => {
    const raw = fixture("000-front-matter.txt");
    const lf = parseIssue(Buffer.from(raw, "utf8"), "000.txt");
    const crlf = parseIssue(Buffer.from(raw.replace(/\n/g, "\r\n"), "utf8"), "000.txt");
    expect(crlf).toEqual(lf);
  });
});

describe("decodeGazette: what is not a gazette", () => {
  const fails = (bytes: Buffer) => {
    try {
      decodeGazette(bytes);
    } catch (e) {
      expect(e).toBeInstanceOf(ParseError);
      return (e as Error).message;
    }
    throw new Error("decodeGazette did not throw");
  };

  it("an empty file", () => {
    expect(fails(Buffer.alloc(0))).toMatch(/empty/);
  });

  it("a whitespace-only file (blank lines, tabs, ideographic spaces)", () => {
    expect(fails(Buffer.from("\n\n \t\r\n\u3000\u3000\n", "utf8"))).toMatch(/only whitespace/);
    expect(fails(iconv.encode("\r\n\r\n　\r\n", "gbk"))).toMatch(/only whitespace/);
  });

  it("a binary file (NUL bytes): a PNG header, and UTF-16 text", () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    expect(fails(png)).toMatch(/binary.*NUL/);
    expect(fails(Buffer.from(excerpt, "utf16le"))).toMatch(/binary.*NUL/);
  });

  it("English-only text (000 L62–66)", () => {
    const english = "GAZETTE OF THE PEOPLE'S GOVERNMENT OF SANMENXIA CITY\n\n第 3 号(总第 170 号)\n\nCONTENTS\n";
    expect(fails(Buffer.from(english.replace("第 3 号(总第 170 号)", ""), "utf8"))).toMatch(/not Chinese gazette text \(0 Chinese characters/);
    // a handful of Chinese characters (第 号 总 第 号) is still not a gazette
    expect(fails(Buffer.from(english, "utf8"))).toMatch(/not Chinese gazette text \(5 Chinese characters/);
  });

  it("parseIssue reports the same ParseError", () => {
    expect(() => parseIssue(Buffer.alloc(0), "empty.txt")).toThrow(ParseError);
    expect(() => parseIssue(Buffer.from("\n \n"), "blank.txt")).toThrow(/only whitespace/);
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { DocNumber } from "./doc-number.ts";
import { findDocNumbers, formatDocNumber, normalizeDocNumber, normalizeTypedDocNumber, parseDocNumber } from "./doc-number.ts";

describe("parseDocNumber / formatDocNumber", () => {
  it("round-trips the 文号 of the corpus", () => {
    // 000 L379, 001 L920 (prefix 三政办文), 001 L1109 (部门文件), 002 L444
    for (const s of ["三政办〔2020〕4号", "三政办文〔2021〕4号", "三教文〔2021〕37号", "三政〔2019〕9号"]) {
      const parsed = parseDocNumber(s);
      expect(parsed).not.toBeNull();
      expect(formatDocNumber(parsed!)).toBe(s);
    }
    expect(parseDocNumber("三政办文〔2021〕4号")).toEqual({ prefix: "三政办文", year: 2021, seq: 4 });
  });

  it("tolerates the space before 号 (000 L365, 003 L292)", () => {
    expect(parseDocNumber("三政〔2020〕5 号")).toEqual({ prefix: "三政", year: 2020, seq: 5 });
    expect(normalizeDocNumber("三政〔2020〕5 号")).toBe("三政〔2020〕5号");
    expect(normalizeDocNumber("三政〔2012〕78 号")).toBe("三政〔2012〕78号");
  });

  it.each([
    ["三政办[2020]4号", "square brackets"],
    ["三政办 [ 2020 ] 4 号", "square brackets with spaces"],
    ["三政办（2020）4号", "full-width parentheses"],
    ["三政办 （ 2020 ） 4 号", "full-width parentheses with spaces"],
    ["三政办［2020］4号", "full-width square brackets"],
    ["三政办(2020)4号", "ASCII parentheses"],
    ["三政办〔２０２０〕４号", "full-width digits"],
  ])("normalises %s (%s) to 三政办〔2020〕4号", (variant) => {
    expect(normalizeDocNumber(variant)).toBe("三政办〔2020〕4号");
  });

  it("drops leading zeros of the sequence number", () => {
    expect(normalizeDocNumber("三政〔2020〕05号")).toBe("三政〔2020〕5号");
  });

  it("builds the State Council decree number from its spaced forms (002 L110–112)", () => {
    expect(normalizeDocNumber("国务院令第711号")).toBe("国务院令第711号");
    expect(normalizeDocNumber("国务院令第 711 号")).toBe("国务院令第711号");
    expect(normalizeDocNumber("中华人民共和国国务院令 第 711 号")).toBe("国务院令第711号");
  });

  it("is null for anything that is not exactly one 文号", () => {
    expect(normalizeDocNumber("（豫政办〔2019〕48号）")).toBeNull(); // quoted in 000 L391
    expect(normalizeDocNumber("国办发〔2012〕6号文件")).toBeNull(); // 003 L1215
    expect(normalizeDocNumber("第 711 号")).toBeNull(); // the decree number alone (002 L112)
    expect(normalizeDocNumber("三门峡市人民政府办公室")).toBeNull();
    expect(normalizeDocNumber("")).toBeNull();
  });
});

describe("findDocNumbers in free text", () => {
  it("finds a 文号 in a question; the prefix runs into the sentence but ends with the real prefix", () => {
    const found = findDocNumbers("请问三政办〔2019〕8号规定了什么？");
    expect(found).toHaveLength(1);
    expect(found[0]!.prefixTail.endsWith("三政办")).toBe(true);
    expect(found[0]).toMatchObject({ year: 2019, seq: 8 });
  });

  it("finds quoted 文号 with their spaces and any bracket style", () => {
    // 000 L391 and 003 L666
    expect(findDocNumbers("根据《河南省人民政府办公厅关于印发河南省煤矿智能化建设实施方案的通知》（豫政办〔2019〕48号），结合我市实际")).toEqual([
      { prefixTail: "豫政办", year: 2019, seq: 48 },
    ]);
    expect(findDocNumbers("（三政〔2009〕36 号印发）")).toEqual([{ prefixTail: "三政", year: 2009, seq: 36 }]);
    expect(findDocNumbers("三政办[2020]4号和三政办［2020］5号").map((m) => [m.year, m.seq])).toEqual([
      [2020, 4],
      [2020, 5],
    ]);
  });

  it("finds decree numbers (year 0)", () => {
    expect(findDocNumbers("国务院令第711号修订了什么")).toContainEqual({ prefixTail: "国务院令", year: 0, seq: 711 });
    expect(findDocNumbers("中华人民共和国国务院令 第 492 号公布")).toContainEqual({ prefixTail: "国务院令", year: 0, seq: 492 });
  });

  it("finds nothing in plain text", () => {
    expect(findDocNumbers("三门峡市煤矿智能化建设实施方案")).toEqual([]);
  });
});

// ---------------------------------------------------------------------------
// Property-based tests

const PREFIX_CHARS = [..."三政办文教豫国发府函综字"];
const prefixArb = fc.array(fc.constantFrom(...PREFIX_CHARS), { minLength: 1, maxLength: 6 }).map((cs) => cs.join(""));
const docNumberArb: fc.Arbitrary<DocNumber> = fc.record({
  prefix: prefixArb,
  year: fc.integer({ min: 1990, max: 2030 }),
  seq: fc.integer({ min: 1, max: 999 }),
});
const BRACKETS: [string, string][] = [
  ["〔", "〕"],
  ["[", "]"],
  ["［", "］"],
  ["(", ")"],
  ["（", "）"],
  ["【", "】"],
];
/** Zero or more spaces of the kinds PDF extraction leaves behind. */
const gapArb = fc.array(fc.constantFrom(" ", "\u3000", "\t"), { maxLength: 2 }).map((cs) => cs.join(""));
const FULL_WIDTH_DIGITS = "０１２３４５６７８９";
const digitsArb = (n: number) =>
  fc.boolean().map((wide) => (wide ? [...String(n)].map((d) => FULL_WIDTH_DIGITS[Number(d)]).join("") : String(n)));

/** A printed variant of a 文号: any bracket pair, any spacing around brackets, numbers and 号, any digit width. */
const variantArb = docNumberArb.chain((d) =>
  fc
    .record({
      brackets: fc.constantFrom(...BRACKETS),
      gaps: fc.array(gapArb, { minLength: 7, maxLength: 7 }),
      year: digitsArb(d.year),
      seq: digitsArb(d.seq),
    })
    .map(({ brackets: [open, close], gaps: g, year, seq }) => ({
      d,
      text: `${g[0]}${d.prefix}${g[1]}${open}${g[2]}${year}${g[3]}${close}${g[4]}${seq}${g[5]}号${g[6]}`,
    })),
);

describe("文号 properties (fast-check)", () => {
  it("normalizeDocNumber of any spacing/bracket variant equals formatDocNumber", () => {
    fc.assert(
      fc.property(variantArb, ({ d, text }) => {
        expect(normalizeDocNumber(text)).toBe(formatDocNumber(d));
      }),
    );
  });

  it("parseDocNumber(formatDocNumber(x)) equals x", () => {
    fc.assert(
      fc.property(docNumberArb, (d) => {
        expect(parseDocNumber(formatDocNumber(d))).toEqual(d);
      }),
    );
  });

  it("normalizeDocNumber is idempotent", () => {
    fc.assert(
      fc.property(variantArb, ({ text }) => {
        const once = normalizeDocNumber(text)!;
        expect(normalizeDocNumber(once)).toBe(once);
      }),
    );
  });

  it("findDocNumbers finds a normalised 文号 inside a question", () => {
    fc.assert(
      fc.property(docNumberArb, fc.constantFrom("请问", "", "关于"), fc.constantFrom("是什么文件？", "", "的内容"), (d, before, after) => {
        const found = findDocNumbers(`${before}${formatDocNumber(d)}${after}`);
        expect(found.some((m) => m.prefixTail.endsWith(d.prefix) && m.year === d.year && m.seq === d.seq)).toBe(true);
      }),
    );
  });

  it("normalizeDocNumber never throws on arbitrary unicode (returns null or a string)", () => {
    const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
    const nearMiss = fc.string({
      unit: fc.oneof(fc.constantFrom("〔", "〕", "[", "］", "（", ")", "号", "第", "令", "国务院", " ", "\u3000", "\t", "\n", ...PREFIX_CHARS, ..."0123456789２０"), loneSurrogate),
      maxLength: 30,
    });
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: "binary", maxLength: 40 }), fc.string({ unit: "grapheme", maxLength: 40 }), nearMiss), (s) => {
        const r = normalizeDocNumber(s);
        expect(r === null || typeof r === "string").toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  // BUG (doc-number: whitespace inside the prefix is not removed): corpus.md rule 8 says
  // "文号 normalisation: delete all whitespace", but parseDocNumber only tolerates spaces
  // around the brackets/numbers, so a letter-spaced prefix as PDF extraction prints names
  // (`三 政 办〔2020〕4号`) normalises to null instead of `三政办〔2020〕4号`.
  it("normalizeDocNumber also removes spaces inside the prefix (letter-spaced 三 政 办)", () => {
    const spacedPrefix = fc.record({
      prefix: fc.array(fc.constantFrom(...PREFIX_CHARS), { minLength: 2, maxLength: 6 }).map((cs) => cs.join("")),
      year: fc.integer({ min: 1990, max: 2030 }),
      seq: fc.integer({ min: 1, max: 999 }),
    });
    fc.assert(
      fc.property(spacedPrefix, (d) => {
        const text = `${[...d.prefix].join(" ")}〔${d.year}〕${d.seq}号`;
        expect(normalizeDocNumber(text)).toBe(formatDocNumber(d));
      }),
    );
  });
});

describe("normalizeTypedDocNumber", () => {
  it.each([
    ["三政办2020第5号", "no brackets, 第 before the number"],
    ["三政办[2020]5号", "square brackets"],
    ["三政办2020年5号", "年 after the year"],
    ["三政办 2020 5号", "spaces instead of brackets"],
    ["三政办〔2020〕5号", "the printed form"],
  ])("reads %s (%s) as 三政办〔2020〕5号, the parser's normal form", (typed) => {
    expect(normalizeTypedDocNumber(typed)).toBe("三政办〔2020〕5号");
    expect(normalizeTypedDocNumber(typed)).toBe(normalizeDocNumber("三政办〔2020〕5号"));
  });

  it("keeps decree numbers and refuses what is not a 文号", () => {
    expect(normalizeTypedDocNumber("国务院令第711号")).toBe("国务院令第711号");
    expect(normalizeTypedDocNumber("返乡创业")).toBeNull();
    expect(normalizeTypedDocNumber("2020年5号")).toBeNull();
  });
});

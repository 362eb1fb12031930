import { describe, expect, it } from "vitest";
import { isDateLine, isParenDateLine, parseChineseDate } from "./dates.ts";

// Inputs are corpus lines (file and line noted) unless marked "constructed".

describe("parseChineseDate: Chinese-numeral dates (003)", () => {
  it.each([
    ["二〇一二年十一月四日", "2012-11-04"], // 003 L313, signature date
    ["二〇一二年十一月九日", "2012-11-09"], // 003 L506
    ["（二〇一二年十月二十日）", "2012-10-20"], // 003 L821, date of an enclosed opinion
  ])("%s → %s", (text, iso) => {
    expect(parseChineseDate(text)).toBe(iso);
  });

  it("reads 十 in every position: 十 = 10, 十一 = 11, 二十 = 20, 三十一 = 31 (constructed)", () => {
    expect(parseChineseDate("二〇一二年十月四日")).toBe("2012-10-04");
    expect(parseChineseDate("二〇一二年十一月二十日")).toBe("2012-11-20");
    expect(parseChineseDate("二〇一二年十二月三十一日")).toBe("2012-12-31");
  });

  it("accepts the other zero glyphs ○ and 零 like 〇 (constructed)", () => {
    expect(parseChineseDate("二○一二年十一月四日")).toBe("2012-11-04");
    expect(parseChineseDate("二零一二年十一月四日")).toBe("2012-11-04");
  });
});

describe("parseChineseDate: Arabic dates with extraction spaces", () => {
  it.each([
    ["2020 年 3 月 24 日", "2020-03-24"], // 000 L375
    ["2021 年 4 月 13 日", "2021-04-13"], // 001 L347
    ["2019 年 4 月 3 日", "2019-04-03"], // 002 L118
    ["2020年2月28日", "2020-02-28"], // 000 L387
    ["(2020 年 3 月 10 日，根据录音整理)", "2020-03-10"], // 000 L115
    ["(2021年3月31日,根据录音整理)", "2021-03-31"], // 001 L261, ASCII comma
    ["（2012年11月22日）", "2012-11-22"], // 003 L41
    ["出版日期:2020 年 4 月 11 日", "2020-04-11"], // 000 L91
  ])("%s → %s", (text, iso) => {
    expect(parseChineseDate(text)).toBe(iso);
  });

  it("returns null when there is no full date", () => {
    expect(parseChineseDate("2019年6月")).toBeNull();
    expect(parseChineseDate("第 3 号(总第 170 号)")).toBeNull();
    expect(parseChineseDate("")).toBeNull();
  });

  it("rejects a month or day out of range (constructed)", () => {
    expect(parseChineseDate("2020年13月1日")).toBeNull();
    expect(parseChineseDate("2020年3月32日")).toBeNull();
  });
});

describe("isDateLine: a line that is only a date (signature date)", () => {
  it.each(["2020 年 3 月 24 日", "2020年3月7日", "二〇一二年十一月四日"])("%s is a date line", (line) => {
    expect(isDateLine(line)).toBe(true);
  });

  it.each([
    "(2020 年 3 月 10 日，根据录音整理)", // a speech date, parenthesised
    "第二十条 本规则自 2021 年 3 月 1 日起施行。", // 001 L1300, a date inside prose
    "三门峡市人民政府办公室",
  ])("%s is not a date line", (line) => {
    expect(isDateLine(line)).toBe(false);
  });
});

describe("isParenDateLine: the date under a speech title", () => {
  it.each(["(2020 年 3 月 10 日，根据录音整理)", "(2021年3月31日,根据录音整理)", "（2012年11月22日）", "（二〇一二年十月二十日）"])(
    "%s",
    (line) => {
      expect(isParenDateLine(line)).toBe(true);
    },
  );

  it("is not fooled by the long promulgation note of a decree (002 L122)", () => {
    const line = "(2007 年 4 月 5 日中华人民共和国国务院令 第 492 号公布 2019 年 4 月 3 日中华人民共和国国务院令 第 711 号修订)";
    expect(isParenDateLine(line)).toBe(false);
  });

  it("needs the parentheses", () => {
    expect(isParenDateLine("2020 年 3 月 24 日")).toBe(false);
  });
});

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseFrontMatter, ParseError } from "./front-matter.ts";
import type { Line } from "./lines.ts";
import { toLines } from "./lines.ts";
import { categoryOf, splitPage } from "./patterns.ts";

/*
 * Fixtures (verbatim corpus lines, blank lines kept):
 *   000-front-matter.txt  000 L1–119   TOC part 1 (TAB pages) / masthead L18–97 / TOC part 2 (space pages) / first speech
 *   001-front-matter.txt  001 L1–115   ` ... 1` pages, `- ` bullets after the masthead
 *   002-front-matter.txt  002 L1–126 + L440–447   TOC entries wrapped over two lines, typo `应急管理体的`
 *   003-front-matter.txt  003 L1–47 + L131–141   bare category lines, no page numbers, no masthead
 *   004-front-matter.txt  004 L1–104   markdown headings, ` .....<TAB>1` pages
 */
const load = (name: string): Line[] => toLines(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), "utf8"));
const front = (name: string) => {
  const lines = load(name);
  const fm = parseFrontMatter(lines);
  return { ...fm, lines, bodyLine: lines[fm.bodyStart]!.no, bodyText: lines[fm.bodyStart]!.text };
};

describe("splitPage: TOC page numbers", () => {
  it.each([
    ["安伟同志在国道 310 南移项目 2020 年国庆节前通车决战动员会上的讲话\t1", 1], // 000 L11, TAB
    ["三门峡市人民政府关于表彰 2019 年度三门峡市市长质量奖获奖单位的决定 37", 37], // 000 L101, space
    ["2020年三门峡市国民经济和社会发展统计公报 ... 1", 1], // 001 L11
    ["三门峡市人民政府办公室关于进一步提升行政执法质量的通知 .....\t1", 1], // 004 L13
    ["工作先进单位和先进个人的决定 11", 11], // 002 L14, second half of a wrapped entry
    ["“四好农村路”建设实施方案的通知 25", 25], // 002 L102
  ])("%s → page %i", (line, page) => {
    const got = splitPage(line);
    expect(got.page).toBe(page);
    expect(got.title).not.toMatch(/\s\d+$|\.{2,}|\t/);
  });

  it.each([
    "三门峡市人民政府关于表彰新能源汽车产业发展", // 002 L13, first half of a wrapped entry
    "赵海燕同志在全市新型农村社区建设推进会上的讲话提纲", // 003 L9, no page numbers
    "第 3 号(总第 170 号)",
    "出版日期:2020 年 4 月 11 日",
  ])("%s has no page", (line) => {
    expect(splitPage(line).page).toBeNull();
  });
});

describe("categoryOf", () => {
  it("reads 【…】 lines and the bare categories of 2012 (003 L7, 13, 21)", () => {
    expect(categoryOf("【领导讲话】")).toBe("领导讲话");
    expect(categoryOf("【市政府办公室文件】")).toBe("市政府办公室文件");
    expect(categoryOf("领导讲话")).toBe("领导讲话");
    expect(categoryOf("市政府办公室文件")).toBe("市政府办公室文件");
    expect(categoryOf("三门峡市人民政府关于进一步加强新时期民政工作的实施意见")).toBeNull();
  });
});

describe("000: TOC split around the masthead, TAB and space page numbers", () => {
  const fm = front("000-front-matter.txt");

  it("reads the issue metadata from inside the masthead", () => {
    expect(fm.meta).toEqual({ year: 2020, number: 3, total: 170, published: "2020-04-11" });
  });

  it("finds the masthead block 《三门峡市人民政府公报》 … (内部资料免费赠阅)", () => {
    expect(fm.masthead).not.toBeNull();
    expect(fm.lines[fm.masthead!.from]!.no).toBe(18);
    expect(fm.lines[fm.masthead!.to]!.no).toBe(97);
  });

  it("reads all 10 entries on both sides of the masthead, with their categories and pages", () => {
    expect(fm.toc.map((e) => [e.category, e.page, e.lineNo])).toEqual([
      ["领导讲话", 1, 11],
      ["领导讲话", 8, 12],
      ["领导讲话", 15, 13],
      ["领导讲话", 19, 14],
      ["领导讲话", 25, 15],
      ["领导讲话", 31, 16],
      ["市政府文件", 37, 101],
      ["市政府办公室文件", 38, 105],
      ["市政府办公室文件", 45, 107],
      ["市政府办公室文件", 49, 109],
    ]);
    expect(fm.toc[0]!.title).toBe("安伟同志在国道310南移项目2020年国庆节前通车决战动员会上的讲话");
    expect(fm.toc[6]!.title).toBe("三门峡市人民政府关于表彰2019年度三门峡市市长质量奖获奖单位的决定");
    expect(fm.toc[9]!.title).toBe("三门峡市人民政府办公室关于印发2020年三门峡市重点民生实事工作方案的通知");
  });

  it("takes nothing from the masthead into the TOC", () => {
    const mastheadWords = /编委会|编辑部|主任|GAZETTE|CONTENTS|出版日期|内部资料/;
    expect(fm.toc.filter((e) => mastheadWords.test(e.title))).toEqual([]);
    expect(fm.toc.every((e) => e.lineNo < 18 || e.lineNo > 97)).toBe(true);
  });

  it("starts the body at the letter-spaced speaker line (L111)", () => {
    expect(fm.bodyLine).toBe(111);
    expect(fm.bodyText).toBe("安 伟 同 志");
  });
});

describe("001: ` ... N` page separators and `- ` bullets", () => {
  const fm = front("001-front-matter.txt");

  it("reads metadata, 8 entries with pages, and starts the body at the statistics bulletin (L113)", () => {
    expect(fm.meta).toEqual({ year: 2021, number: 3, total: 182, published: "2021-04-27" });
    expect(fm.toc.map((e) => e.page)).toEqual([1, 8, 18, 19, 23, 36, 40, 45]);
    expect(fm.toc.map((e) => e.category)).toEqual(["重要文件", "领导讲话", "市政府文件", "市政府办公室文件", "市政府办公室文件", "市政府办公室文件", "市政府办公室文件", "部门文件"]);
    expect(fm.toc[0]!.title).toBe("2020年三门峡市国民经济和社会发展统计公报");
    expect(fm.toc[6]!.title).toBe("三门峡市人民政府办公室关于成立或调整三门峡市安全生产委员会等三个议事协调机构的通知");
    expect(fm.bodyLine).toBe(113);
  });
});

describe("002: entries wrapped over two lines", () => {
  const fm = front("002-front-matter.txt");

  it("reads the metadata", () => {
    expect(fm.meta).toEqual({ year: 2019, number: 6, total: 161, published: "2019-06-11" });
  });

  it("joins the two halves of a wrapped entry and keeps the line of its first half (L13–14, L16–17)", () => {
    expect(fm.toc[1]).toEqual({
      category: "市政府文件",
      title: "三门峡市人民政府关于表彰新能源汽车产业发展工作先进单位和先进个人的决定",
      page: 11,
      lineNo: 13,
    });
    // the TOC typo is kept as printed: matching to the body is toc-match's job
    expect(fm.toc[2]).toEqual({ category: "市政府文件", title: "三门峡市人民政府关于改革完善应急管理体的通知", page: 15, lineNo: 16 });
  });

  it("joins wrapped `- ` bullet entries after the masthead (L101–108)", () => {
    expect(fm.toc.slice(3).map((e) => [e.title, e.page, e.lineNo])).toEqual([
      ["三门峡市人民政府办公室关于印发三门峡市推进“四好农村路”建设实施方案的通知", 25, 101],
      ["三门峡市人民政府办公室关于印发2019年三门峡市重点民生实事工作方案的通知", 32, 103],
      ["三门峡市人民政府办公室关于建设县域医疗卫生服务共同体的实施意见", 36, 105],
      ["三门峡市人民政府办公室关于明确政府工作报告提出的2019年重点工作责任单位的通知", 41, 107],
    ]);
    expect(fm.toc).toHaveLength(7);
  });

  it("starts the body at the decree head (L110)", () => {
    expect(fm.bodyLine).toBe(110);
    expect(fm.bodyText).toBe("中华人民共和国国务院令");
  });
});

describe("003: bare categories, no page numbers, no masthead", () => {
  const fm = front("003-front-matter.txt");

  it("takes the issue numbers from the TOC heading line and has no publication date", () => {
    expect(fm.meta).toEqual({ year: 2012, number: 12, total: 86, published: null });
    expect(fm.masthead).toBeNull();
  });

  it("reads one entry per title line, without pages", () => {
    expect(fm.toc).toHaveLength(12);
    expect(fm.toc.every((e) => e.page === null)).toBe(true);
    expect(fm.toc.map((e) => e.category)).toEqual([
      "领导讲话", "领导讲话", "市政府文件", "市政府文件", "市政府文件",
      "市政府办公室文件", "市政府办公室文件", "市政府办公室文件", "市政府办公室文件", "市政府办公室文件", "市政府办公室文件", "市政府办公室文件",
    ]);
    expect(fm.toc[2]!.title).toBe("三门峡市人民政府关于表彰2011年度农田水利基本建设“红旗渠精神杯”竞赛和水利建设管理工作先进单位、先进个人的决定");
  });

  it("starts the body at the main title of the speech missing from the TOC (L37)", () => {
    expect(fm.bodyLine).toBe(37);
  });
});

describe("004: markdown TOC with ` .....<TAB>N`", () => {
  const fm = front("004-front-matter.txt");

  it("reads the metadata; the year is the lone `2024` line above GAZETTE", () => {
    expect(fm.meta).toEqual({ year: 2024, number: 2, total: 215, published: "2024-03-10" });
  });

  it("reads the 3 entries and their pages", () => {
    expect(fm.toc.map((e) => [e.category, e.title, e.page, e.lineNo])).toEqual([
      ["市政府办公室文件", "三门峡市人民政府办公室关于进一步提升行政执法质量的通知", 1, 13],
      ["市政府办公室文件", "三门峡市人民政府办公室关于印发三门峡市深入贯彻城市公共交通优先发展战略推动城市公共交通高质量发展实施方案的通知", 7, 14],
      ["市政府办公室文件", "三门峡市人民政府办公室关于明确政府工作报告提出的2024年重点工作责任单位的通知", 14, 15],
    ]);
  });

  it("starts the body at the first `# ` document heading after the masthead (L98)", () => {
    expect(fm.bodyLine).toBe(98);
    expect(fm.lines[fm.bodyStart]!.mdHeading).toBe(true);
  });
});

describe("parseFrontMatter: errors", () => {
  it("throws a ParseError when there is no issue number", () => {
    // 000 L111–117: a speech heading without any front matter
    const lines = toLines("安 伟 同 志\n\n在国道 310 南移项目 2020 年国庆节前通车决战 动员会上的讲话\n\n(2020 年 3 月 10 日，根据录音整理)\n\n同志们：\n");
    expect(() => parseFrontMatter(lines)).toThrow(ParseError);
    expect(() => parseFrontMatter(lines)).toThrow(/issue number/);
  });
});

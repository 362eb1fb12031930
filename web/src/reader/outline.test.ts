import { describe, expect, it } from "vitest";
import { outline, withoutHeadingLines } from "./outline.ts";

describe("outline", () => {
  it("opens each heading segment once, where it first appears", () => {
    const { sections, opens } = outline([
      { id: "a", heading: "" },
      { id: "b", heading: "一、总体要求 > （一）指导思想" },
      { id: "c", heading: "一、总体要求 > （一）指导思想" },
      { id: "d", heading: "一、总体要求 > （二）基本原则" },
      { id: "e", heading: "二、保障措施" },
    ]);
    expect(sections.map((s) => `${s.depth}:${s.label}`)).toEqual([
      "1:一、总体要求",
      "2:（一）指导思想",
      "2:（二）基本原则",
      "1:二、保障措施",
    ]);
    expect(opens.get("c")).toBeUndefined();
    expect(opens.get("d")?.map((s) => s.label)).toEqual(["（二）基本原则"]);
  });
});

describe("withoutHeadingLines", () => {
  const heading = "三、重点工作 > （一）深入实施公交优先发展战略";

  it("drops leading lines that repeat the section headings", () => {
    expect(withoutHeadingLines("三、重点工作\n（一）深入实施公交优先发展战略\n1.加强规划引领。", heading)).toBe("1.加强规划引领。");
    expect(withoutHeadingLines("  （一）深入实施 公交优先发展战略\n1.加强规划引领。", heading)).toBe("1.加强规划引领。");
  });

  it("keeps text that only starts like a heading, a passage that is all heading, and a quote that needs the heading", () => {
    expect(withoutHeadingLines("三、重点工作包括：\n1.加强规划引领。", heading)).toBe("三、重点工作包括：\n1.加强规划引领。");
    expect(withoutHeadingLines("三、重点工作", heading)).toBe("三、重点工作");
    expect(withoutHeadingLines("三、重点工作\n1.加强。", heading, "三、重点工作 1.加强")).toBe("三、重点工作\n1.加强。");
    expect(withoutHeadingLines("三、重点工作\n1.加强。", "")).toBe("三、重点工作\n1.加强。");
  });
});

describe("outline: the document's real heading levels", () => {
  const labels = (headings: string[]) =>
    outline(headings.map((heading, i) => ({ id: `p${i}`, heading }))).sections.map((s) => `${s.depth}:${s.label}`);

  it("leaves articles (第X条) out of the table of contents and levels chapters above them", () => {
    expect(labels(["第一章 总则 > 第一条 为了规范", "第一章 总则 > 第二条 本办法适用", "第二章 认定 > 第三条 条件"])).toEqual([
      "1:第一章 总则", "1:第二章 认定",
    ]);
  });

  it("puts half- and full-width bracketed items at one level", () => {
    expect(labels(["一、总体要求 > （一）指导思想", "一、总体要求 > (二) 基本原则", "二、保障措施"])).toEqual([
      "1:一、总体要求", "2:（一）指导思想", "2:(二) 基本原则", "1:二、保障措施",
    ]);
  });

  it("drops a stray item that neither starts its list nor follows its sibling", () => {
    expect(labels(["一、主要任务 > （一）加强领导", "一、主要任务 > （二）强化保障", "二、工作要求", "二、工作要求 > （六）其他"])).toEqual([
      "1:一、主要任务", "2:（一）加强领导", "2:（二）强化保障", "1:二、工作要求",
    ]);
    expect(labels(["（八）附则"])).toEqual([]);
  });

  it("gives a level by kind even when a path skips one (an item directly under a chapter)", () => {
    expect(labels(["第一章 总则 > （一）目的", "第二章 措施 > 一、资金 > （一）补助"])).toEqual([
      "1:第一章 总则", "3:（一）目的", "1:第二章 措施", "2:一、资金", "3:（一）补助",
    ]);
  });
});

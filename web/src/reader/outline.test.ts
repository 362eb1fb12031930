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

import { describe, expect, it } from "vitest";
import { outline } from "./outline.ts";

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

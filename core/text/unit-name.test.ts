import { describe, expect, it } from "vitest";
import { cityForm, foldUnitText, unitKey, unitQueryForm } from "./unit-name.ts";

describe("unit names", () => {
  it("folds spaces, the counties' brackets and 澠", () => {
    expect(foldUnitText("各县（市、区） 政府")).toBe("各县〔市、区〕政府");
    expect(foldUnitText("各县(市、区)政府")).toBe("各县〔市、区〕政府");
    expect(foldUnitText("澠池县政府")).toBe("渑池县政府");
  });

  it("writes the city prefix as the gazettes' lists do, and keys a name without it", () => {
    expect(cityForm("三门峡市交通运输局")).toBe("市交通运输局");
    expect(cityForm("三门峡市人民政府")).toBe("三门峡市人民政府");
    expect(unitKey("三门峡市交通运输局")).toBe("交通运输局");
    expect(unitKey("市市场监管局")).toBe("市场监管局");
    expect(unitKey("市委人才办")).toBe("市委人才办");
  });

  it("reads a typed name like the gazettes' names, punctuation dropped", () => {
    expect(unitQueryForm("三门峡市 交通局？")).toBe("市交通局");
    expect(unitQueryForm("三门峡市人民政府")).toBe("三门峡市人民政府");
    expect(unitQueryForm("各县(市、区)政府")).toBe("各县〔市、区〕政府");
  });
});

import { describe, expect, it } from "vitest";
import { canonicalUnit } from "../../core/units.ts";
import { foldUnitText } from "../../core/text/unit-name.ts";
import { newPrefixContext, parseUnitCell, parseUnitRun } from "./units.ts";

const names = (run: string) => parseUnitRun(run, newPrefixContext()).map((u) => u.name);

describe("unit lists as the gazettes write them", () => {
  it("restores the elided 市 after an explicit 市… unit (002 L783)", () => {
    const ctx = newPrefixContext();
    const first = parseUnitRun("各县〔市、区〕政府", ctx);
    const rest = parseUnitRun("市交通运输局、发展改革委、财政局", ctx);
    expect([...first, ...rest].map((u) => u.name)).toEqual(["各县〔市、区〕政府", "市交通运输局", "市发展改革委", "市财政局"]);
    expect(rest[1]).toEqual({ name: "市发展改革委", surface: "发展改革委" });
  });

  it("keeps 各县〔市、区〕政府 one entry whatever its brackets, and 市级行政执法部门 as written", () => {
    expect(names("各县（市、区）政府")).toEqual(["各县〔市、区〕政府"]);
    expect(names("各县(市、区)政府")).toEqual(["各县〔市、区〕政府"]);
    expect(names("市司法局、市级行政执法部门")).toEqual(["市司法局", "市级行政执法部门"]);
  });

  it("shares a trailing 政府 / 管委会 over bare place names (000 L589, L615)", () => {
    expect(names("湖滨区、陕州区政府")).toEqual(["湖滨区政府", "陕州区政府"]);
    expect(names("义马市、渑池县、陕州区、灵宝市、卢氏县政府")).toEqual(["义马市政府", "渑池县政府", "陕州区政府", "灵宝市政府", "卢氏县政府"]);
    // normal forms follow core/lexicon/units.tsv where it lists these bodies
    expect(names("城乡一体化示范区、开发区管委会")).toEqual([canonicalUnit("城乡一体化示范区管委会"), canonicalUnit("开发区管委会")]);
    expect(parseUnitRun("城乡一体化示范区、开发区管委会", newPrefixContext()).map((u) => u.surface)).toEqual(["城乡一体化示范区管委会", "开发区管委会"]);
  });

  it("does not prefix 市 to units that carry their own place (002 L1120, 2020 L635)", () => {
    expect(names("人行三门峡市中心支行、三门峡银保监分局、市市场监管局、发展改革委等部门")).toEqual([
      "人行三门峡市中心支行", "三门峡银保监分局", "市市场监管局", "市发展改革委",
    ]);
    expect(names("人保财险三门峡分公司、市财政局")).toEqual(["人保财险三门峡分公司", "市财政局"]);
  });

  it("reads 市场监管局 after an explicit unit as 市市场监管局, and 统战部 after 市委外事办 as 市委统战部", () => {
    expect(names("市商务局、市场监管局")).toEqual(["市商务局", "市市场监管局"]);
    expect(names("市委外事办、统战部、市台办、史志办")).toEqual(["市委外事办", "市委统战部", "市台办", "市史志办"]);
  });

  it("normalises older and short names (市交通局 → 市交通运输局)", () => {
    expect(canonicalUnit("市交通局")).toBe("市交通运输局");
    expect(canonicalUnit("三门峡市教育局")).toBe("市教育局");
    expect(canonicalUnit("发改委")).toBe("市发展改革委");
    expect(foldUnitText("澠池县政府")).toBe("渑池县政府");
  });

  it("splits table cells on spaces, rejoining a wrapped name and separating names run together (004 L514, L578)", () => {
    expect(parseUnitCell("市发展改革委 市财政局").map((u) => u.name)).toEqual(["市发展改革委", "市财政局"]);
    expect(parseUnitCell("渑池县政府市文化 广电旅游局").map((u) => u.name)).toEqual(["渑池县政府", "市文化广电旅游局"]);
  });
});

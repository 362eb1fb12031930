import { describe, expect, it } from "vitest";
import { findClauses, parseClause } from "./clauses.ts";
import { canonicalUnit } from "../../core/units.ts";

const roles = (content: string) => parseClause(content)?.units.map((u) => `${u.name}:${u.role}`) ?? null;

describe("responsibility clauses", () => {
  it("责任单位 with elided 市 prefixes (002 L783)", () => {
    expect(roles("责任单位：各县〔市、区〕政府，市交通运输局、发展改革委、财政局")).toEqual([
      "各县〔市、区〕政府:responsible", "市交通运输局:responsible", "市发展改革委:responsible", "市财政局:responsible",
    ]);
  });

  it("主要责任单位 → lead, 相关责任单位 → cooperate (000 L589)", () => {
    expect(roles("主要责任单位：市住房城乡建设局；相关责任单位：市自然资源规划局，湖滨区、陕州区政府，城乡一体化示范区、开发区管委会")).toEqual([
      "市住房城乡建设局:lead", "市自然资源规划局:cooperate", "湖滨区政府:cooperate", "陕州区政府:cooperate",
      `${canonicalUnit("城乡一体化示范区管委会")}:cooperate`, `${canonicalUnit("开发区管委会")}:cooperate`,
    ]);
  });

  it("牵头 / 配合 split, a role-less group taking the role that follows it (004 L308, L338)", () => {
    expect(roles("市商务局牵头，市市场监管局、住房城乡建设局、文化广电旅游局、体育局，各县〔市、区〕政府配合")).toEqual([
      "市商务局:lead", "市市场监管局:cooperate", "市住房城乡建设局:cooperate", "市文化广电旅游局:cooperate", "市体育局:cooperate",
      "各县〔市、区〕政府:cooperate",
    ]);
    expect(roles("市科技局牵头，工业和信息化局、自然资源规划局，相关县〔市、区〕政府配合")).toEqual([
      "市科技局:lead", "市工业和信息化局:cooperate", "市自然资源规划局:cooperate", "相关县〔市、区〕政府:cooperate",
    ]);
  });

  it("牵头负责, 按职责分工负责, and a label with a role word inside (004 L406, L420, L230)", () => {
    expect(roles("市自然资源规划局牵头负责")).toEqual(["市自然资源规划局:lead"]);
    expect(roles("市住房城乡建设局、应急局、城管局、公安局、商务局按职责分工负责")).toEqual([
      "市住房城乡建设局:responsible", "市应急局:responsible", "市城管局:responsible", "市公安局:responsible", "市商务局:responsible",
    ]);
    expect(roles("责任单位：市交通运输局牵头，市政府有关部门按照职责分工落实")).toEqual(["市交通运输局:lead", "市政府有关部门:responsible"]);
  });

  it("ignores the note after ；以下均需… (004 L114)", () => {
    expect(roles("责任单位：市级行政执法部门，各县〔市、区〕政府，城乡一体化示范区、经济开发区、现代服务业开发区管委会；以下均需各县〔市、区〕政府和城乡一体化示范区、经济开发区、现代服务业开发区管委会落实，不再逐一列出")).toEqual([
      "市级行政执法部门:responsible", "各县〔市、区〕政府:responsible", "城乡一体化示范区管委会:responsible",
      // The same body as 三门峡经济开发区管理委员会 elsewhere: one name, from the alias table.
      "三门峡经济开发区管理委员会:responsible", "现代服务业开发区管委会:responsible",
    ]);
  });

  it("a bare list of units is a clause; other brackets are not (004 L296, 000 L655, 001 L217)", () => {
    expect(roles("市发展改革委，各县〔市、区〕政府")).toEqual(["市发展改革委:responsible", "各县〔市、区〕政府:responsible"]);
    expect(roles("以下简称各县〔市、区〕政府")).toBeNull();
    expect(roles("豫政办〔2023〕68号")).toBeNull();
    expect(roles("防疫站")).toBeNull();
    expect(roles("市、区")).toBeNull();
  });

  it("finds the clause at the end of a task paragraph, with mixed bracket widths (004 L260–262)", () => {
    const line = "3. 推进城市公共交通企业转型升级。持续提升企业现代化治理能力。（责任单位：市交通运输局、发展改革委、金融局)";
    const found = findClauses(line);
    expect(found).toHaveLength(1);
    expect(found[0]!.parsed.units.map((u) => u.name)).toEqual(["市交通运输局", "市发展改革委", "市金融局"]);
    expect(line.slice(found[0]!.start)).toBe("（责任单位：市交通运输局、发展改革委、金融局)");
  });
});

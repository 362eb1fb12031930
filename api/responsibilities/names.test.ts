import { describe, expect, it } from "vitest";
import type { TaskRecord } from "../../core/tasks.ts";
import { resolveUnit, unitsInText } from "./names.ts";
import { unitCatalogue } from "./store.ts";

const task = (names: [string, string?][]): TaskRecord => ({
  id: "2024-2-aaaaaaaa-t1", kind: "task", form: "clause", issueId: "2024-2", documentId: "2024-2-aaaaaaaa", year: 2024, seq: null, title: "t", text: "t",
  units: names.map(([name, surface]) => ({ name, role: "responsible" as const, ...(surface ? { surface } : {}) })),
  leaders: [], deadline: null, passageId: "2024-2-aaaaaaaa-p1", quote: "t", evidence: [], related: [], conflicts: [], line: 1,
});

const units = unitCatalogue([
  task([["市交通运输局", "市交通局"], ["市发展改革委", "发展改革委"], ["市教育局"], ["市市场监管局"], ["各县〔市、区〕政府"], ["三门峡职业技术学院"]]),
]);

describe("unit names as people type them", () => {
  it.each([
    ["市交通运输局", ["市交通运输局"]],
    ["交通局", ["市交通运输局"]],
    ["交通运输局", ["市交通运输局"]],
    ["三门峡市交通运输局", ["市交通运输局"]],
    ["发改委", ["市发展改革委"]],
    ["发展改革委", ["市发展改革委"]],
    ["三门峡市教育局", ["市教育局"]],
    ["市场监管局", ["市市场监管局"]],
    ["各县（市、区）政府", ["各县〔市、区〕政府"]],
    ["职业技术学院", ["三门峡职业技术学院"]],
  ])("%s → %j", (q, expected) => {
    expect(resolveUnit(q, units).names).toEqual(expected);
  });

  it("finds nothing for an unknown or too short name", () => {
    expect(resolveUnit("太空探索局", units).names).toEqual([]);
    expect(resolveUnit("局", units).names).toEqual([]);
  });

  it("finds the units a question names, longest mention first", () => {
    expect(unitsInText("市交通运输局今年要负责哪些事？", units)).toEqual([{ mention: "市交通运输局", names: ["市交通运输局"] }]);
    expect(unitsInText("发改委和交通局一起牵头哪些工作", units).flatMap((m) => m.names).sort()).toEqual(["市交通运输局", "市发展改革委"]);
  });
});

import { describe, expect, it } from "vitest";
import { TASKS, UNITS } from "../testing/fixtures.ts";
import { groupTasks, markTerms, rolesOf } from "./group.ts";
import { matchUnits, unitTerms } from "./match.ts";

const names = (query: string) => matchUnits(UNITS, query).map((m) => m.unit.name);

describe("matchUnits", () => {
  it("lists every unit by number of tasks when nothing is typed", () => {
    expect(names("")).toEqual(["各县〔市、区〕政府", "市发展改革委", "市教育局", "市交通运输局"]);
  });

  it("finds a unit by its short name and says which name matched", () => {
    const [first] = matchUnits(UNITS, "交通局");
    expect(first).toMatchObject({ unit: { name: "市交通运输局" }, rank: 0, via: "交通局" });
    expect(names("发改委")).toEqual(["市发展改革委"]);
  });

  it("reads 三门峡市…, spaces, other brackets and parts of a name", () => {
    expect(names("三门峡市教育局")).toEqual(["市教育局"]);
    expect(names(" 交通 运输 ")).toEqual(["市交通运输局"]);
    expect(names("各县(市、区)政府")).toEqual(["各县〔市、区〕政府"]);
    expect(names("交运")).toEqual(["市交通运输局"]);
    expect(names("气象局")).toEqual([]);
  });
});

describe("tasks", () => {
  it("groups by year, then document, in the order given", () => {
    const groups = groupTasks(TASKS);
    expect(groups.map((g) => g.year)).toEqual([2024, 2019]);
    expect(groups[0]!.documents).toHaveLength(1);
    expect(groups[0]!.documents[0]!.tasks.map((t) => t.id)).toEqual(["t1", "t2"]);
  });

  it("reads the unit's role in a task", () => {
    expect(rolesOf(TASKS[0]!, ["市交通运输局"])).toEqual(["lead"]);
    expect(rolesOf(TASKS[2]!, ["市交通运输局"])).toEqual(["cooperate"]);
    expect(rolesOf(TASKS[2]!, ["市教育局"])).toEqual([]);
  });

  it("marks every name of the unit in a quote, longest first", () => {
    const terms = unitTerms(["市交通运输局"], UNITS);
    const spans = markTerms("（市财政局牵头，市交通局配合；市交通运输局负责）", terms);
    expect(spans.filter((s) => s.marked).map((s) => s.text)).toEqual(["市交通局", "市交通运输局"]);
    expect(spans.map((s) => s.text).join("")).toBe("（市财政局牵头，市交通局配合；市交通运输局负责）");
  });
});

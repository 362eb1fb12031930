import { describe, expect, it } from "vitest";
import { isTableHeader, tableCells } from "./table-rows.ts";

describe("table rows", () => {
  it("splits a row at tabs and trims its cells", () => {
    expect(tableCells(" 1\t市交通运输局 \t\t2024年底")).toEqual(["1", "市交通运输局", "", "2024年底"]);
  });

  it("takes short, non-numeric cells with a column word for a header", () => {
    expect(isTableHeader("序号\t项目（任务）\t责任单位\t完成时间")).toBe(true);
    expect(isTableHeader("1\t建设智慧交通平台\t市交通运输局\t2024年底")).toBe(false);
  });

  it("needs two cells and a typical column name", () => {
    expect(isTableHeader("责任单位")).toBe(false);
    expect(isTableHeader("甲\t乙\t丙")).toBe(false);
    expect(isTableHeader("序号\t这一格写得很长已经不像一个列名了")).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import type { Passage } from "../model.ts";
import { displayColumns, PASSAGE_DISPLAY_COLUMNS, passageRow, rowToPassage } from "./passage-row.ts";

const passage: Passage = { id: "d1-p3", documentId: "d1", issueId: "2024-02", ordinal: 3, heading: "二、主要任务", text: "序号\t任务", kind: "table", page: 4 };

describe("passage rows", () => {
  it("store a passage with its document's filter columns and read back as the same passage", () => {
    const row = passageRow(passage, { category: "市政府办公室文件", docNumber: "三政办〔2024〕3号" }, { year: 2024 }, "序号 任务", new Float32Array([0.5, 0.25]));
    expect(row).toMatchObject({ document_id: "d1", issue_id: "2024-02", year: 2024, doc_number: "三政办〔2024〕3号", page: 4, vector: [0.5, 0.25] });
    expect(rowToPassage(row)).toEqual(passage);
  });

  it("store no page and no 文号 as 0 and the empty string, read back as none", () => {
    const row = passageRow({ ...passage, page: null }, { category: "讲话", docNumber: null }, { year: 2020 }, "", []);
    expect(row).toMatchObject({ page: 0, doc_number: "" });
    expect(rowToPassage(row).page).toBeNull();
  });

  it("read a run built before pages, and refuse one lacking a display column", () => {
    const fields = PASSAGE_DISPLAY_COLUMNS.filter((c) => c !== "page");
    expect(displayColumns([...fields, "text_seg", "vector"])).toEqual(fields);
    expect(() => displayColumns(["id", "text"])).toThrow(/lacks document_id/);
  });
});

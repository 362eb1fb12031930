// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { IssueListing } from "../../../core/api-schema.ts";
import { RequestError } from "../api/client.ts";
import { ISSUES } from "../testing/fixtures.ts";
import { BrowseView } from "./BrowseView.tsx";

afterEach(cleanup);

const speech = { id: "2024-2-speech", title: "安伟同志在全市工作会议上的讲话", docNumber: null, category: "领导讲话", issued: null };
const issues: IssueListing[] = [
  { ...ISSUES[0]!, documents: [...ISSUES[0]!.documents, speech] },
  { ...ISSUES[0]!, id: "2023-12", year: 2023, number: 12, total: 213, label: "2023年第12号（总第213号）", documents: [] },
];

describe("BrowseView", () => {
  it("lists issues by year with their documents, opens one, and asks about an issue", () => {
    const onOpen = vi.fn();
    const onAsk = vi.fn();
    render(<BrowseView issues={{ data: { issues }, error: undefined, loading: false, reload: () => {} }} onOpen={onOpen} onAsk={onAsk} />);
    expect(screen.getAllByRole("heading", { level: 3 }).map((h) => h.textContent)).toEqual(["2024年", "2023年"]);
    const latest = screen.getByTestId("issue-2024-2");
    expect(within(latest).getByRole("heading", { name: "领导讲话" })).toBeTruthy();
    fireEvent.click(within(latest).getByRole("button", { name: /安伟同志/ }));
    expect(onOpen).toHaveBeenCalledWith({ documentId: speech.id, title: speech.title });
    fireEvent.click(within(latest).getByRole("button", { name: "就本期提问" }));
    expect(onAsk).toHaveBeenCalledWith(issues[0]);
  });

  it("filters documents by title or 文号", () => {
    render(<BrowseView issues={{ data: { issues }, error: undefined, loading: false, reload: () => {} }} onOpen={() => {}} onAsk={() => {}} />);
    fireEvent.change(screen.getByLabelText("按标题或文号筛选"), { target: { value: "三政办〔2024〕3号" } });
    expect(screen.queryByRole("button", { name: /安伟同志/ })).toBeNull();
    expect(screen.getByRole("button", { name: /公共交通/ })).toBeTruthy();
    expect(screen.queryByTestId("issue-2023-12")).toBeNull();
  });

  it("shows a failed listing with a retry", () => {
    const reload = vi.fn();
    render(<BrowseView issues={{ data: undefined, error: new RequestError("network", ""), loading: false, reload }} onOpen={() => {}} onAsk={() => {}} />);
    fireEvent.click(within(screen.getByRole("alert")).getByRole("button", { name: "重试" }));
    expect(reload).toHaveBeenCalled();
  });
});

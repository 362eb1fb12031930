// @vitest-environment jsdom
import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { QUOTE, citation } from "../testing/fixtures.ts";
import { SourceCard } from "./SourceCard.tsx";
import { findQuote } from "./quote.ts";

afterEach(cleanup);

describe("SourceCard", () => {
  it("shows title, 文号, issue label, category, date and the quote marked in its passage", () => {
    render(<SourceCard citation={citation(2)} active={false} seq={0} onOpen={() => {}} />);
    const card = screen.getByTestId("source-2");
    expect(within(card).getByRole("heading").textContent).toBe(citation(2).document.title);
    for (const text of ["三政办〔2024〕3号", "2024年第2号（总第215号）", "市政府办公室文件", "2024年2月8日"]) {
      expect(within(card).getByText(text)).toBeTruthy();
    }
    expect(card.querySelector("mark")?.textContent).toBe(QUOTE);
    expect(within(card).getByRole("button", { name: /阅读全文/ })).toBeTruthy();
  });

  it("gives the page of the gazette PDF when the issue came from one", () => {
    render(<SourceCard citation={citation(3, { page: 12 })} active={false} seq={0} onOpen={() => {}} />);
    expect(within(screen.getByTestId("source-3")).getByText("第12页")).toBeTruthy();
    cleanup();
    render(<SourceCard citation={citation(4)} active={false} seq={0} onOpen={() => {}} />);
    expect(within(screen.getByTestId("source-4")).queryByText("页码")).toBeNull();
  });

  it("marks the quote when the passage differs only in whitespace", () => {
    const c = citation(1, { quote: "争取2025年 达到\n国家公交都市创建标准" });
    render(<SourceCard citation={c} active seq={1} onOpen={() => {}} />);
    expect(screen.getByTestId("source-1").querySelector("mark")?.textContent).toBe("争取2025年达到国家公交都市创建标准");
    expect(screen.getByTestId("source-1").className).toContain("is-active");
  });
});

describe("findQuote", () => {
  it("maps a whitespace-insensitive match back to the original text", () => {
    expect(findQuote("第一条 为 贯彻\n落实", "为贯彻落实")).toEqual({ start: 4, end: 11 });
    expect(findQuote("abc", "xyz")).toBeNull();
  });
});

// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { citation } from "../testing/fixtures.ts";
import { AnswerMessage } from "./AnswerMessage.tsx";
import type { Turn } from "./types.ts";

afterEach(cleanup);

function turn(patch: Partial<Turn>): Turn {
  return { id: "t1", question: "谁牵头？", filters: {}, status: "done", answer: "", citations: [], abstained: false, ...patch };
}

const noop = () => {};

describe("AnswerMessage", () => {
  it("turns [n] into buttons only where citation n exists, and renders markup as text", () => {
    const onCite = vi.fn();
    render(
      <AnswerMessage
        turn={turn({ answer: "由市交通运输局牵头[1]。另见[7]。<b>不是标签</b>", citations: [citation(1)], mode: "llm" })}
        isLast
        onCite={onCite}
        onOpen={noop}
        onRetry={noop}
      />,
    );
    const answer = screen.getByTestId("answer");
    expect(answer.dataset.abstained).toBe("false");
    expect(answer.dataset.mode).toBe("llm");
    expect(answer.textContent).toContain("另见[7]。");
    expect(answer.textContent).toContain("<b>不是标签</b>");
    expect(answer.querySelector("b")).toBeNull();
    expect(screen.queryByTestId("cite-7")).toBeNull();
    const marker = screen.getByTestId("cite-1");
    expect(marker.getAttribute("aria-label")).toContain(citation(1).document.title);
    fireEvent.click(marker);
    expect(onCite).toHaveBeenCalledWith(1);
  });

  it("shows an abstention apart from answers, with the closest documents", () => {
    const onOpen = vi.fn();
    const { document: doc, issue } = citation(1);
    render(
      <AnswerMessage
        turn={turn({ answer: "公报中没有找到相关内容。", abstained: true, mode: "extractive", related: [{ document: doc, issue }] })}
        isLast
        onCite={noop}
        onOpen={onOpen}
        onRetry={noop}
      />,
    );
    const answer = screen.getByTestId("answer");
    expect(answer.dataset.abstained).toBe("true");
    expect(answer.className).toContain("is-abstained");
    expect(within(answer).getByText("已收录的公报中没有找到依据")).toBeTruthy();
    fireEvent.click(within(answer).getByRole("button", { name: new RegExp(doc.title) }));
    expect(onOpen).toHaveBeenCalledWith({ documentId: doc.id, title: doc.title });
  });

  it("shows a note discreetly under the answer", () => {
    render(
      <AnswerMessage turn={turn({ answer: "摘录[1]", citations: [citation(1)], note: "已改为摘录原文作答。" })} isLast onCite={noop} onOpen={noop} onRetry={noop} />,
    );
    expect(screen.getByText("已改为摘录原文作答。").className).toBe("answer-note");
  });

  it("offers retry only on the last turn's error", () => {
    const error = { kind: "server" as const, status: 500, message: "" };
    const onRetry = vi.fn();
    const { rerender } = render(<AnswerMessage turn={turn({ status: "error", error })} isLast onCite={noop} onOpen={noop} onRetry={onRetry} />);
    fireEvent.click(within(screen.getByRole("alert")).getByRole("button", { name: "重试" }));
    expect(onRetry).toHaveBeenCalled();
    rerender(<AnswerMessage turn={turn({ status: "error", error })} isLast={false} onCite={noop} onOpen={noop} onRetry={onRetry} />);
    expect(screen.queryByRole("alert")).toBeNull();
  });
});

describe("copy", () => {
  it("copies the answer followed by its sources as plain text", async () => {
    const writeText = vi.fn(async () => {});
    Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
    render(<AnswerMessage turn={turn({ answer: "牵头单位是市交通运输局[1]。", citations: [citation(1)] })} isLast onCite={noop} onOpen={noop} onRetry={noop} />);
    fireEvent.click(screen.getByRole("button", { name: "复制" }));
    await screen.findByText("已复制回答和出处");
    expect(writeText).toHaveBeenCalledWith(
      `牵头单位是市交通运输局[1]。\n\n[1] ${citation(1).document.title}（三政办〔2024〕3号）, 2024年第2号（总第215号）`,
    );
  });
});

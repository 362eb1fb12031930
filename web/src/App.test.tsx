// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { DocumentResponse } from "../../core/api-schema.ts";
import { App } from "./App.tsx";
import { QUOTE, citation, fakeApi, jsonResponse, sseResponse } from "./testing/fixtures.ts";

const ANSWER: [string, unknown][] = [
  ["citations", [citation(1), citation(2)]],
  ["delta", { text: "由市交通运输局牵头[1]，" }],
  ["delta", { text: "有关部门按职责分工落实[2]。" }],
  ["done", { abstained: false, mode: "llm" }],
];

function use(api: ReturnType<typeof fakeApi>) {
  vi.stubGlobal("fetch", vi.fn(api.fetch));
  return api;
}

function ask(question: string) {
  const box = screen.getByLabelText("输入问题");
  fireEvent.change(box, { target: { value: question } });
  fireEvent.keyDown(box, { key: "Enter" });
}

async function lastAnswer(status = "done") {
  await waitFor(() => expect(screen.getAllByTestId("answer").at(-1)?.dataset.status).toBe(status));
  return screen.getAllByTestId("answer").at(-1)!;
}

beforeEach(() => {
  localStorage.clear();
  // The address outlives a test in jsdom; a question left in it would be asked by the next App.
  history.replaceState(null, "", "/");
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("App", () => {
  it("streams an answer whose markers scroll to and highlight their sources", async () => {
    const api = use(fakeApi([() => sseResponse(ANSWER)]));
    render(<App />);
    ask("2024年城市公交优先发展由哪个单位牵头？");
    const answer = await lastAnswer();
    expect(answer.textContent).toContain("由市交通运输局牵头");
    expect(api.chatBodies[0]).toEqual({
      messages: [{ role: "user", content: "2024年城市公交优先发展由哪个单位牵头？" }],
      stream: true,
    });

    fireEvent.click(within(answer).getByTestId("cite-2"));
    const card = screen.getByTestId("source-2");
    expect(card.className).toContain("is-active");
    expect(document.activeElement).toBe(card);
    expect(card.querySelector("mark")?.textContent).toBe(QUOTE);
    expect(screen.getByRole("complementary", { name: /引用来源/ })).toBeTruthy();
  });

  it("sends the whole conversation, with the chosen filters, on the next question", async () => {
    const api = use(fakeApi([() => sseResponse(ANSWER), () => sseResponse(ANSWER)]));
    render(<App />);
    ask("谁牵头？");
    await lastAnswer();
    await screen.findByRole("option", { name: "2024年" });
    fireEvent.change(screen.getByTestId("filter-year"), { target: { value: "2024" } });
    ask("有哪些配合单位？");
    await waitFor(() => expect(screen.getAllByTestId("answer")).toHaveLength(2));
    await lastAnswer();
    expect(api.chatBodies[1]).toEqual({
      messages: [
        { role: "user", content: "谁牵头？" },
        { role: "assistant", content: "由市交通运输局牵头[1]，有关部门按职责分工落实[2]。" },
        { role: "user", content: "有哪些配合单位？" },
      ],
      filters: { year: 2024 },
      stream: true,
    });
    expect(screen.getByText("范围：2024年")).toBeTruthy();
  });

  it("shows a failed request plainly and retries it", async () => {
    use(fakeApi([
      () => jsonResponse({ error: { code: "no_index", message: "请先导入公报。" } }, 503, { "Retry-After": "30" }),
      () => sseResponse(ANSWER),
    ]));
    render(<App />);
    ask("谁牵头？");
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("公报检索索引尚未就绪");
    expect(alert.textContent).toContain("请先导入公报。");
    fireEvent.click(within(alert).getByRole("button", { name: "重试" }));
    const answer = await lastAnswer();
    expect(answer.textContent).toContain("由市交通运输局牵头");
    expect(screen.queryByRole("alert")).toBeNull();
    expect(screen.getAllByTestId("answer")).toHaveLength(1);
  });

  it("says so on the welcome screen while the server has no index", async () => {
    const health = { status: "no_index", passages: 0, documents: 0, issues: 0, embedder: "x", answerer: "extractive", runId: null };
    use(fakeApi([], { "/api/health": () => jsonResponse(health, 503) }));
    render(<App />);
    expect(await screen.findByText(/公报数据尚未导入/)).toBeTruthy();
  });

  it("waits out Retry-After on 429 and explains a dead server", async () => {
    use(fakeApi([
      () => jsonResponse({ error: { code: "rate_limited", message: "" } }, 429, { "Retry-After": "30" }),
      () => Promise.reject(new TypeError("Failed to fetch")),
    ]));
    render(<App />);
    ask("谁牵头？");
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toMatch(/请在 (30|29) 秒后重试/);
    expect(within(alert).getByRole<HTMLButtonElement>("button", { name: "重试" }).disabled).toBe(true);
    ask("再问一次");
    await waitFor(() => expect(screen.getByRole("alert").textContent).toContain("无法连接到问答服务"));
  });

  it("stops a streaming answer and keeps what arrived", async () => {
    use(fakeApi([
      (_url, init) => {
        const bytes = new TextEncoder().encode(`event: citations\ndata: []\n\nevent: delta\ndata: {"text":"部分回答"}\n\n`);
        const body = new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(bytes);
            init?.signal?.addEventListener("abort", () => controller.error(new DOMException("aborted", "AbortError")));
          },
        });
        return new Response(body, { headers: { "Content-Type": "text/event-stream" } });
      },
    ]));
    render(<App />);
    ask("谁牵头？");
    await waitFor(() => expect(screen.getByTestId("answer").textContent).toContain("部分回答"));
    fireEvent.click(screen.getByRole("button", { name: "停止" }));
    const answer = await lastAnswer("stopped");
    expect(answer.textContent).toContain("已停止生成");
    expect(screen.getByRole("button", { name: "发送" })).toBeTruthy();
  });

  it("keeps the conversation across a reload, and 新对话 clears it", async () => {
    use(fakeApi([() => sseResponse(ANSWER)]));
    render(<App />);
    ask("谁牵头？");
    await lastAnswer();
    cleanup();
    render(<App />);
    const answer = screen.getByTestId("answer");
    expect(answer.textContent).toContain("由市交通运输局牵头");
    expect(within(answer).getByTestId("cite-1")).toBeTruthy();
    expect(screen.getByTestId("source-1")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "新对话" }));
    expect(screen.queryByTestId("answer")).toBeNull();
    cleanup();
    render(<App />);
    expect(screen.queryByTestId("answer")).toBeNull();
  });

  it("opens a source in the reader, labelled by its title, and Esc returns focus", async () => {
    const c = citation(1);
    const doc: DocumentResponse = {
      document: { ...c.document, issueId: "2024-2", ordinal: 1, kind: "official", issuer: null, attachments: [], tocTitle: null, tocPage: null },
      issue: { id: "2024-2", year: 2024, number: 2, total: 215, published: null, label: c.issue.label, source: "x" },
      passages: [
        { id: "p0", heading: "一、总体要求", text: "总体要求正文。", ordinal: 0, kind: "text", page: null },
        { ...c.passage, kind: "text" },
      ],
    };
    use(fakeApi([() => sseResponse(ANSWER)], { "/api/documents/": () => jsonResponse(doc) }));
    render(<App />);
    ask("谁牵头？");
    await lastAnswer();
    const open = within(screen.getByTestId("source-1")).getByRole("button", { name: /阅读全文/ });
    open.focus();
    fireEvent.click(open);
    const dialog = await screen.findByRole("dialog", { name: c.document.title });
    await waitFor(() => expect(dialog.querySelector(".is-target mark")?.textContent).toBe(QUOTE));
    const toc = within(dialog).getByRole("navigation", { name: "文件目录" });
    expect(within(toc).getByRole("button", { name: "三、重点工作" })).toBeTruthy();
    act(() => {
      fireEvent.keyDown(document, { key: "Escape" });
    });
    expect(screen.queryByRole("dialog")).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(open));
  });
});

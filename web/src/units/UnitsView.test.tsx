// @vitest-environment jsdom
import { useState } from "react";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { DocumentResponse } from "../../../core/api-schema.ts";
import { App } from "../App.tsx";
import { TASKS, fakeApi, jsonResponse } from "../testing/fixtures.ts";
import { UnitsView } from "./UnitsView.tsx";

/** The view with its unit held as the App holds it (from the address). */
function Controlled(props: Omit<Parameters<typeof UnitsView>[0], "selected" | "onSelect">) {
  const [selected, setSelected] = useState<string | null>(null);
  return <UnitsView {...props} selected={selected} onSelect={setSelected} />;
}

function use(api: ReturnType<typeof fakeApi>) {
  vi.stubGlobal("fetch", vi.fn(api.fetch));
  return api;
}

async function loaded() {
  await waitFor(() => expect(screen.getByTestId("unit-tasks").dataset.status).toBe("done"));
  return screen.getByTestId("unit-tasks");
}

beforeEach(() => localStorage.clear());
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("UnitsView", () => {
  it("finds a unit by its short name with the keyboard and lists its tasks by year and document", async () => {
    const api = use(fakeApi([]));
    render(<Controlled onOpen={() => {}} onAsk={() => {}} />);
    const box = screen.getByRole("combobox", { name: "查找单位" });
    await screen.findByText("共 4 个单位，按任务数排列");
    const list = screen.getByRole("listbox", { name: "单位" });
    expect(within(list).getAllByRole("option").map((o) => o.textContent)).toEqual([
      "各县〔市、区〕政府127项任务 项",
      "市发展改革委120项任务 项",
      "市教育局23项任务 项",
      "市交通运输局3项任务 项",
    ]);

    fireEvent.change(box, { target: { value: "交通局" } });
    const option = within(list).getByRole("option", { name: /市交通运输局/ });
    expect(within(list).getAllByRole("option")).toHaveLength(1);
    expect(option.textContent).toContain("简称“交通局”");
    expect(box.getAttribute("aria-activedescendant")).toBe(option.id);
    fireEvent.keyDown(box, { key: "Enter" });

    const tasks = await loaded();
    expect(api.requests).toContain(`/api/responsibilities?${new URLSearchParams({ unit: "市交通运输局", limit: "500" })}`);
    expect(option.getAttribute("aria-selected")).toBe("true");
    expect(within(tasks).getByRole("heading", { level: 2 }).textContent).toBe("市交通运输局");
    await waitFor(() => expect(document.activeElement).toBe(within(tasks).getByRole("heading", { level: 2 })));
    expect(within(tasks).getByText("共 3 项任务：牵头 1 · 负责 1 · 配合 1")).toBeTruthy();
    expect(within(tasks).getAllByRole("heading", { level: 3 }).map((h) => h.textContent)).toEqual(["2024年", "2019年"]);
    expect(within(tasks).getAllByRole("heading", { level: 4 }).map((h) => h.textContent)).toEqual([
      TASKS[0]!.document.title,
      TASKS[2]!.document.title,
    ]);
    expect(tasks.querySelector(".task-doc-meta")?.textContent).toBe("三政办〔2024〕3号 · 2024年第2号（总第215号） · 2 项");

    const [first, , third] = screen.getAllByTestId("task");
    expect(within(first!).getByText("牵头").dataset.role).toBe("lead");
    expect(within(first!).getByRole("heading", { level: 5 }).textContent).toBe("3.强化示范引领");
    expect(first!.querySelector("blockquote")?.textContent).toContain(TASKS[0]!.quote);
    expect([...first!.querySelectorAll("blockquote mark")].map((m) => m.textContent)).toEqual(["市交通运输局"]);
    expect(within(third!).getByText("配合").dataset.role).toBe("cooperate");
    expect(within(third!).getByText("张三")).toBeTruthy();
    expect(within(third!).getByText("2019年底前")).toBeTruthy();
    expect(within(third!).getByText(/台账只列了正文所列单位中的一部分/)).toBeTruthy();
    expect(third!.querySelector("blockquote mark")?.textContent).toBe("市交通局");
  });

  it("opens a task's passage in the reader, filters by role and year, and offers to ask about the unit", async () => {
    const onOpen = vi.fn();
    const onAsk = vi.fn();
    const api = use(fakeApi([]));
    render(<Controlled onOpen={onOpen} onAsk={onAsk} />);
    fireEvent.click(await screen.findByRole("option", { name: /市交通运输局/ }));
    const tasks = await loaded();

    fireEvent.click(within(screen.getAllByTestId("task")[0]!).getByRole("button", { name: /在原文中查看/ }));
    expect(onOpen).toHaveBeenCalledWith({ documentId: TASKS[0]!.document.id, title: TASKS[0]!.document.title, passageId: "p1", quote: TASKS[0]!.quote });

    fireEvent.change(within(tasks).getByLabelText("角色"), { target: { value: "lead" } });
    expect(screen.getAllByTestId("task")).toHaveLength(1);
    fireEvent.change(within(tasks).getByLabelText("年份"), { target: { value: "2019" } });
    await waitFor(() => expect(api.requests.at(-1)).toBe(`/api/responsibilities?${new URLSearchParams({ unit: "市交通运输局", year: "2019", limit: "500" })}`));
    await loaded();
    fireEvent.click(within(tasks).getByRole("button", { name: "清除筛选" }));
    await loaded();
    expect(screen.getAllByTestId("task")).toHaveLength(3);

    fireEvent.click(within(tasks).getByRole("button", { name: /就这个单位提问/ }));
    expect(onAsk).toHaveBeenCalledWith("市交通运输局负责哪些工作？");
  });

  it("looks an unknown name up on the server and says when nothing is found", async () => {
    const api = use(fakeApi([]));
    render(<Controlled onOpen={() => {}} onAsk={() => {}} />);
    const box = screen.getByRole("combobox", { name: "查找单位" });
    await screen.findByText("共 4 个单位，按任务数排列");
    fireEvent.change(box, { target: { value: "气象局" } });
    expect(screen.getByText("没有名称或简称包含“气象局”的单位。")).toBeTruthy();
    fireEvent.keyDown(box, { key: "Enter" });
    const tasks = await loaded();
    expect(api.requests.at(-1)).toContain(`unit=${encodeURIComponent("气象局")}`);
    expect(within(tasks).getByText("已收录的公报中没有找到交给这个单位的任务。")).toBeTruthy();
  });

  it("explains a failed request in Chinese, keeps the server's message, and retries", async () => {
    let fail = true;
    use(fakeApi([], {
      "/api/units": () =>
        fail
          ? jsonResponse({ error: { code: "no_index", message: "no index has been built yet" } }, 503)
          : jsonResponse({ units: [] }),
    }));
    render(<Controlled onOpen={() => {}} onAsk={() => {}} />);
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("单位列表载入失败：公报检索索引尚未就绪（503）");
    expect(within(alert).getByText("no index has been built yet").getAttribute("lang")).toBe("en");
    fail = false;
    fireEvent.click(within(alert).getByRole("button", { name: "重试" }));
    await screen.findByText("共 0 个单位，按任务数排列");
    expect(screen.queryByRole("alert")).toBeNull();
  });
});

describe("按单位查看 in the app", () => {
  it("is a third view that keeps its choice, and opens a task in the reader", async () => {
    const t = TASKS[0]!;
    const doc: DocumentResponse = {
      document: { ...t.document, category: "市政府办公室文件", issued: null, issueId: "2024-2", ordinal: 1, kind: "official", issuer: null, attachments: [], tocTitle: null, tocPage: null },
      issue: { id: "2024-2", ...t.issue, published: null, source: "x" },
      passages: [
        { id: "p0", heading: "一、总体要求", text: "总体要求正文。", ordinal: 0, kind: "text", page: null },
        { id: "p1", heading: "三、重点工作", text: t.quote, ordinal: 1, kind: "text", page: null },
      ],
    };
    use(fakeApi([], { "/api/documents/": () => jsonResponse(doc) }));
    render(<App />);
    const nav = screen.getByRole("navigation", { name: "主要功能" });
    fireEvent.click(within(nav).getByRole("button", { name: "按单位查看" }));
    expect(within(nav).getByRole("button", { name: "按单位查看" }).getAttribute("aria-current")).toBe("page");
    expect(screen.getByRole("main", { name: "按单位查看" })).toBeTruthy();
    fireEvent.click(await screen.findByRole("option", { name: /市交通运输局/ }));
    await loaded();

    fireEvent.click(within(nav).getByRole("button", { name: "问答" }));
    fireEvent.click(within(nav).getByRole("button", { name: "按单位查看" }));
    expect(screen.getByTestId("unit-tasks").dataset.status).toBe("done");

    fireEvent.click(within(screen.getAllByTestId("task")[0]!).getByRole("button", { name: /在原文中查看/ }));
    const dialog = await screen.findByRole("dialog", { name: t.document.title });
    await waitFor(() => expect(dialog.dataset.status).toBe("done"));
    expect(dialog.querySelector(".is-target mark")?.textContent).toBe(t.quote);
  });
});

/**
 * The web UI in real Chromium against the real server over a real index of the real corpus:
 * asking, citations, filters, the reader, follow-ups, errors, abstention, 按单位查看, keyboard
 * use and the phone layout. Screenshots of the main states go to test/e2e/artifacts/.
 */
import { existsSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatResponse } from "../../core/api-schema.ts";
import { startServer } from "../helpers/server.ts";
import type { TestServer } from "../helpers/server.ts";
import { buildTempIndex } from "../helpers/temp-index.ts";
import type { TempIndex } from "../helpers/temp-index.ts";
import type { Session } from "./harness.ts";
import {
  CHROMIUM, DESKTOP, PHONE, answerDone, ask, ensureWebBuild, inViewport, launchChromium, openSession, overflowsX, screenshotPath,
  squeeze,
} from "./harness.ts";

const RESIDENT_QUESTION = "返乡创业有什么补贴？";
const FOLLOW_UP = "那申请条件呢？";
const UNANSWERABLE = "火星移民签证怎么办理？";
/** Answered in 2020 (the 民生实事 target) and in 2021年第3号 (the statistics bulletin): a filter changes the source, not whether there is one. */
const IN_EVERY_YEAR = "城镇新增就业多少人？";

// Runs wherever Debian's Chromium is installed (CI installs it); elsewhere the browser tests are skipped.
describe.skipIf(!existsSync(CHROMIUM))("web UI in Chromium", () => {
  let index: TempIndex;
  let server: TestServer;
  let browser: Browser;
  const sessions: Session[] = [];

  beforeAll(async () => {
    const [webDist, built] = await Promise.all([ensureWebBuild(), buildTempIndex()]);
    index = built;
    server = await startServer(index.config, { webDist });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    index?.cleanup();
  });

  /** A fresh page; closed, and checked for page errors, by `done`. */
  async function open(viewport = DESKTOP): Promise<Page> {
    const session = await openSession(browser, server.url, viewport);
    sessions.push(session);
    return session.page;
  }

  async function done(page: Page): Promise<void> {
    const session = sessions.find((s) => s.page === page)!;
    sessions.splice(sessions.indexOf(session), 1);
    await session.close();
    expect(session.problems).toEqual([]);
  }

  /**
   * Asks and waits for the streamed reply. The citations to expect come from the same request sent
   * again without streaming (answers are deterministic offline); the browser's copy of a stream
   * that the page closed on `done` is not reliably readable.
   */
  async function askAndWait(page: Page, question: string, n = 1) {
    const response = page.waitForResponse((r) => r.url().endsWith("/api/chat"));
    const body = await ask(page, question);
    const res = await response;
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toContain("text/event-stream");
    const answer = await answerDone(page, n);
    const again = await fetch(`${server.url}/api/chat`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ ...body, stream: false }),
    });
    const expected = (await again.json()) as ChatResponse;
    return { answer, body, expected, citations: expected.citations };
  }

  it("streams a cited answer to a resident's question; a marker highlights its quote in the source card", async () => {
    const page = await open();
    await page.getByText(/已收录 5 期公报/).waitFor();
    await page.screenshot({ path: screenshotPath("desktop-welcome") });

    // Every state the answer goes through, recorded in the page as it happens.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { seen: string[] }).seen = seen;
      new MutationObserver(() => {
        const s = document.querySelector("[data-testid=answer]")?.getAttribute("data-status");
        if (s && seen.at(-1) !== s) seen.push(s);
      }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-status"] });
    });
    const { answer, body, citations } = await askAndWait(page, RESIDENT_QUESTION);
    expect(body.messages).toEqual([{ role: "user", content: RESIDENT_QUESTION }]);
    expect(await page.evaluate(() => (window as unknown as { seen: string[] }).seen)).toEqual(["streaming", "done"]);
    expect(await answer.getAttribute("data-abstained")).toBe("false");
    expect(citations.length).toBeGreaterThan(1);

    const markers = answer.locator("button.cite");
    expect(await markers.count()).toBeGreaterThan(0);
    await expect.poll(() => page.locator("[data-testid^=source-]").count()).toBe(citations.length);

    // Each card shows its quote inside the passage's scroll box without being clicked.
    const clipped = await page.$$eval(".source-passage", (boxes) =>
      boxes.flatMap((box, i) => {
        const mark = box.querySelector("mark")?.getBoundingClientRect();
        const r = box.getBoundingClientRect();
        return mark && mark.top >= r.top - 1 && mark.top < r.bottom ? [] : [i + 1];
      }),
    );
    expect(clipped).toEqual([]);

    const last = citations.at(-1)!;
    await answer.getByTestId(`cite-${last.n}`).click();
    const card = page.getByTestId(`source-${last.n}`);
    await card.and(page.locator(".is-active")).waitFor();
    expect(await card.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(squeeze(await card.locator("mark").innerText())).toBe(squeeze(last.quote));
    expect(await card.getByRole("heading").innerText()).toBe(last.document.title);
    await card.getByText(last.issue.label).waitFor();
    expect(await inViewport(page, `[data-testid=source-${last.n}] mark`)).toBe(true);
    await page.screenshot({ path: screenshotPath("desktop-answer") });
    await done(page);
  });

  it("applies a year, then an issue filter, and the next answers cite only from it", async () => {
    const page = await open();
    await page.getByTestId("filter-year").locator("option[value='2020']").waitFor({ state: "attached" });
    await page.getByTestId("filter-year").selectOption("2020");
    const first = await askAndWait(page, IN_EVERY_YEAR);
    expect(first.body.filters).toEqual({ year: 2020 });
    expect(first.citations.length).toBeGreaterThan(0);
    for (const c of first.citations) expect(c.issue.year).toBe(2020);
    await page.getByText("范围：2020年").waitFor();
    for (const label of await page.locator("[data-testid^=source-] .meta").allInnerTexts()) expect(label).toContain("2020年第3号");

    // The issue list follows the chosen year: back to all years, then one issue of 2021.
    await page.getByTestId("filter-year").selectOption("");
    await page.getByTestId("filter-issue").selectOption("2021-3");
    expect(await page.getByTestId("filter-year").inputValue()).toBe("2021");
    const second = await askAndWait(page, IN_EVERY_YEAR, 2);
    expect(second.body.filters).toEqual({ year: 2021, issue: "2021-3" });
    expect(second.citations.length).toBeGreaterThan(0);
    for (const c of second.citations) expect(c.issue.label).toBe("2021年第3号（总第182号）");
    await expect.poll(() => page.locator("[data-testid^=source-] .meta").allInnerTexts()).toEqual(
      second.citations.toSorted((a, b) => a.n - b.n).map(() => expect.stringContaining("2021年第3号（总第182号）")),
    );
    await page.screenshot({ path: screenshotPath("desktop-filtered") });
    await done(page);
  });

  it("opens a cited document in the reader: title, table of contents, the passage in place", async () => {
    const page = await open();
    const { citations } = await askAndWait(page, RESIDENT_QUESTION);
    const c = citations[0]!;
    const read = page.getByTestId(`source-${c.n}`).getByRole("button", { name: /阅读全文/ });
    await read.click();
    const dialog = page.getByRole("dialog", { name: c.document.title });
    await dialog.and(page.locator("[data-status=done]")).waitFor();
    const toc = dialog.getByRole("navigation", { name: "文件目录" });
    expect(await toc.getByRole("button").count()).toBeGreaterThan(1);
    const mark = dialog.locator(".is-target mark");
    expect(squeeze(await mark.innerText())).toBe(squeeze(c.quote));
    await expect.poll(() => inViewport(page, ".reader .is-target mark")).toBe(true);
    await page.screenshot({ path: screenshotPath("desktop-reader") });

    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
    await expect.poll(() => read.evaluate((el) => el === document.activeElement)).toBe(true);
    await done(page);
  });

  it("answers a follow-up with the conversation so far, and cites it", async () => {
    const page = await open();
    const first = await askAndWait(page, RESIDENT_QUESTION);
    const second = await askAndWait(page, FOLLOW_UP, 2);
    expect(second.body.messages.map((m) => m.role)).toEqual(["user", "assistant", "user"]);
    expect(second.body.messages[1]!.content).toBe(first.expected.answer);
    expect(second.body.messages[2]!.content).toBe(FOLLOW_UP);
    expect(await second.answer.getAttribute("data-abstained")).toBe("false");
    expect(second.citations.length).toBeGreaterThan(0);
    expect(await second.answer.locator("button.cite").count()).toBeGreaterThan(0);
    await page.getByRole("complementary", { name: "引用来源" }).getByText(`对应问题：${FOLLOW_UP}`).waitFor();
    await page.screenshot({ path: screenshotPath("desktop-follow-up") });
    await done(page);
  });

  it("shows an error in Chinese with 重试 (waiting out a 429), and a retry then succeeds", async () => {
    const page = await open();
    await page.route("**/api/chat", (route) =>
      route.fulfill({
        status: 429,
        headers: { "Retry-After": "1" },
        contentType: "application/json",
        body: JSON.stringify({ error: { code: "rate_limited", message: "too many requests; retry in 1 s" } }),
      }),
    );
    await ask(page, RESIDENT_QUESTION);
    await answerDone(page, 1, "error");
    const alert = page.getByRole("alert");
    await alert.getByText("提问太频繁了").waitFor();
    const retry = alert.getByRole("button", { name: "重试" });
    expect(await retry.isDisabled()).toBe(true);
    await page.waitForFunction(() => !document.querySelector<HTMLButtonElement>("[role=alert] button")?.disabled);

    await page.unroute("**/api/chat");
    await page.route("**/api/chat", (route) =>
      route.fulfill({
        status: 503,
        contentType: "application/json",
        body: JSON.stringify({ error: { code: "timeout", message: "the server could not answer within 30 s; please retry" } }),
      }),
    );
    await retry.click();
    await alert.getByText("回答超时（503）").waitFor();
    expect(await alert.innerText()).toContain("服务器信息：the server could not answer within 30 s; please retry");
    expect(await alert.getAttribute("data-code")).toBe("timeout");
    expect(await retry.isEnabled()).toBe(true);
    await page.screenshot({ path: screenshotPath("desktop-error") });

    await page.unroute("**/api/chat");
    await retry.click();
    const answer = await answerDone(page, 1);
    expect(await answer.locator("button.cite").count()).toBeGreaterThan(0);
    expect(await page.getByRole("alert").count()).toBe(0);
    expect(await page.getByTestId("answer").count()).toBe(1);
    await done(page);
  });

  it("abstains plainly on a question the gazettes cannot answer, and points to related documents", async () => {
    const page = await open();
    const { answer, citations } = await askAndWait(page, UNANSWERABLE);
    expect(await answer.getAttribute("data-abstained")).toBe("true");
    expect(citations).toEqual([]);
    await answer.getByText("已收录的公报中没有找到依据").waitFor();
    expect(await answer.locator("button.cite").count()).toBe(0);
    // A topic the gazettes never mention gets no "related" documents: they would be about something else.
    expect(await answer.getByRole("region", { name: "相近的文件" }).getByRole("button").count()).toBe(0);
    await page.getByRole("complementary", { name: "引用来源" }).getByText(/没有找到依据/).waitFor();
    await page.screenshot({ path: screenshotPath("desktop-abstained") });
    await done(page);
  });

  it("按单位查看: 交通局 finds 市交通运输局, its tasks by year and document, one opened in the reader", async () => {
    const page = await open();
    await page.getByTestId("view-units").click();
    const box = page.getByRole("combobox", { name: "查找单位" });
    await page.getByText(/^共 \d+ 个单位/).waitFor();
    await box.fill("交通局");
    const option = page.getByRole("option", { name: /市交通运输局/ });
    await option.getByText("简称“交通局”").waitFor();
    const response = page.waitForResponse((r) => r.url().includes("/api/responsibilities?"));
    await box.press("Enter");
    const res = await response;
    expect(new URL(res.url()).searchParams.get("unit")).toBe("市交通运输局");
    const { tasks } = (await res.json()) as { tasks: { title: string; quote: string; issue: { year: number }; document: { title: string } }[] };
    expect(tasks.length).toBeGreaterThan(0);

    const panel = page.getByTestId("unit-tasks");
    await panel.and(page.locator("[data-status=done]")).waitFor();
    expect(await option.getAttribute("aria-selected")).toBe("true");
    expect(await panel.getByRole("heading", { level: 2 }).innerText()).toBe("市交通运输局");
    expect(await panel.getByRole("heading", { level: 3 }).allInnerTexts()).toEqual([...new Set(tasks.map((t) => `${t.issue.year}年`))]);
    expect(await panel.getByRole("heading", { level: 4 }).allInnerTexts()).toEqual([...new Set(tasks.map((t) => t.document.title))]);
    const cards = page.getByTestId("task");
    expect(await cards.count()).toBe(tasks.length);
    expect(await cards.locator(".role").count()).toBeGreaterThanOrEqual(tasks.length);
    const first = cards.first();
    expect(squeeze(await first.locator("blockquote").first().innerText())).toContain(squeeze(tasks[0]!.quote));
    expect(await first.locator("blockquote mark").first().innerText()).toMatch(/交通/);
    // The list and the tasks scroll apart inside the window; the page itself does not scroll.
    expect(
      await page.evaluate(() => {
        const main = document.querySelector(".units-main")!;
        return [main.scrollHeight > main.clientHeight, document.documentElement.scrollHeight <= window.innerHeight];
      }),
    ).toEqual([true, true]);
    await page.screenshot({ path: screenshotPath("desktop-units") });

    await first.getByRole("button", { name: /在原文中查看/ }).click();
    const dialog = page.getByRole("dialog", { name: tasks[0]!.document.title });
    await dialog.and(page.locator("[data-status=done]")).waitFor();
    expect(squeeze(await dialog.locator(".is-target mark").innerText())).toBe(squeeze(tasks[0]!.quote));
    await expect.poll(() => inViewport(page, ".reader .is-target mark")).toBe(true);
    await page.screenshot({ path: screenshotPath("desktop-units-reader") });
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });

    // From a unit to a question about it, answered in the chat.
    await panel.getByRole("button", { name: /就这个单位提问/ }).click();
    const answer = await answerDone(page, 1);
    expect(await page.getByTestId("view-chat").getAttribute("aria-current")).toBe("page");
    expect(await page.locator(".question-text").innerText()).toContain("市交通运输局负责哪些工作？");
    expect(await answer.locator("button.cite").count()).toBeGreaterThan(0);
    await page.screenshot({ path: screenshotPath("desktop-unit-question") });
    await done(page);
  });

  it("works with the keyboard alone: Tab to the box, type, Enter, Tab to a marker, Enter", async () => {
    const page = await open();
    await page.getByText(/已收录 5 期公报/).waitFor();
    const focused = () => page.evaluate(() => {
      const el = document.activeElement;
      return el ? `${el.tagName.toLowerCase()}#${el.id}.${el.className}|${el.textContent?.slice(0, 20) ?? ""}` : "";
    });
    await page.keyboard.press("Tab");
    expect(await focused()).toContain("跳到提问框");
    await page.keyboard.press("Enter");
    expect(await focused()).toMatch(/^textarea#question/);

    await page.keyboard.type(RESIDENT_QUESTION);
    const response = page.waitForResponse((r) => r.url().endsWith("/api/chat"));
    await page.keyboard.press("Enter");
    await response;
    await answerDone(page, 1);

    // The answer sits above the box: Shift+Tab walks back to its last marker.
    for (let i = 0; i < 40 && !(await focused()).includes(".cite|"); i++) await page.keyboard.press("Shift+Tab");
    const marker = await focused();
    expect(marker).toContain("button#.cite|");
    const n = Number(marker.split("|")[1]);
    await page.keyboard.press("Enter");
    await page.getByTestId(`source-${n}`).and(page.locator(".is-active")).waitFor();
    expect(await focused()).toContain("source-card is-active");

    // On to the card's 阅读全文 (past its passage, a scroll box Chromium lets the keyboard focus).
    for (let i = 0; i < 3 && !(await focused()).includes("阅读全文"); i++) await page.keyboard.press("Tab");
    expect(await focused()).toContain("阅读全文");
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog");
    await dialog.and(page.locator("[data-status=done]")).waitFor();
    expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
    expect(await focused()).toContain("阅读全文");
    await done(page);
  });

  it("fits a 375 px phone: welcome, answer, sources, reader and 按单位查看 without sideways scrolling", async () => {
    const page = await open(PHONE);
    await page.getByText(/已收录 5 期公报/).waitFor();
    expect(await overflowsX(page)).toBe(false);
    for (const view of ["view-chat", "view-browse", "view-units"]) expect(await inViewport(page, `[data-testid=${view}]`)).toBe(true);
    await page.screenshot({ path: screenshotPath("phone-welcome") });

    const { answer, citations } = await askAndWait(page, RESIDENT_QUESTION);
    expect(await overflowsX(page)).toBe(false);
    await page.screenshot({ path: screenshotPath("phone-answer") });
    await page.screenshot({ path: screenshotPath("phone-answer-full"), fullPage: true });

    const c = citations[0]!;
    await answer.getByTestId(`cite-${c.n}`).click();
    await page.getByTestId(`source-${c.n}`).and(page.locator(".is-active")).waitFor();
    await expect.poll(() => inViewport(page, `[data-testid=source-${c.n}] mark`)).toBe(true);
    await page.screenshot({ path: screenshotPath("phone-source") });

    await page.getByTestId(`source-${c.n}`).getByRole("button", { name: /阅读全文/ }).click();
    const dialog = page.getByRole("dialog", { name: c.document.title });
    await dialog.and(page.locator("[data-status=done]")).waitFor();
    const toggle = dialog.getByRole("button", { name: /^目录/ });
    await toggle.waitFor();
    await expect.poll(() => inViewport(page, ".reader .is-target mark")).toBe(true);
    expect(await overflowsX(page)).toBe(false);
    await page.screenshot({ path: screenshotPath("phone-reader") });
    await toggle.click();
    expect(await toggle.getAttribute("aria-expanded")).toBe("true");
    await page.screenshot({ path: screenshotPath("phone-reader-toc") });
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });

    await page.getByTestId("view-units").click();
    await page.getByText(/^共 \d+ 个单位/).waitFor();
    await page.getByRole("combobox", { name: "查找单位" }).fill("交通局");
    await page.getByRole("option", { name: /市交通运输局/ }).click();
    await page.getByTestId("unit-tasks").and(page.locator("[data-status=done]")).waitFor();
    await expect.poll(() => inViewport(page, "#unit-title")).toBe(true);
    expect(await overflowsX(page)).toBe(false);
    await page.screenshot({ path: screenshotPath("phone-units") });
    await page.getByTestId("task").first().scrollIntoViewIfNeeded();
    expect(await overflowsX(page)).toBe(false);
    await page.screenshot({ path: screenshotPath("phone-units-task") });
    await done(page);
  });
});

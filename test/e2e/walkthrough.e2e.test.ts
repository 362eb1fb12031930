/**
 * What a resident and a civil servant stumbled on (issue 20), in real Chromium against the real
 * server and corpus: filters that stuck, the phone layout, a sloppy 文号 in 浏览公报 and markdown in
 * an answer. Screenshots go to test/e2e/artifacts/.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseFeedbackLines } from "../../core/feedback.ts";
import { parseDataset } from "../../eval/dataset.ts";
import { spawnTs } from "../helpers/child.ts";
import { startServer } from "../helpers/server.ts";
import type { TestServer } from "../helpers/server.ts";
import { buildTempIndex } from "../helpers/temp-index.ts";
import type { TempIndex } from "../helpers/temp-index.ts";
import type { Session } from "./harness.ts";
import { CHROMIUM, DESKTOP, PHONE_TALL, answerDone, ask, ensureWebBuild, launchChromium, openSession, overflowsX, screenshotPath } from "./harness.ts";

/** Answered in 2020 and in 2021: a filter changes the source, not whether there is one. */
const IN_EVERY_YEAR = "城镇新增就业多少人？";
/** A staff question whose answer lists the tasks line by line. */
const STAFF_QUESTION = "2024年城市公交优先由哪个单位牵头？";
const RESIDENT_QUESTION = "返乡创业有什么补贴？";
/** Not answered by the gazettes, but two documents come close (a commendation and a task list). */
const NOT_FOUND_WITH_RELATED = "新能源汽车购车补贴多少钱？";

describe.skipIf(!existsSync(CHROMIUM))("walked through as a resident and a civil servant", () => {
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
    for (const s of sessions) await s.close();
    await browser?.close();
    await server?.close();
    index?.cleanup();
  });

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

  const yearChip = (page: Page) => page.getByTestId("filter-year");

  it("a filter shapes only the answers it is shown on: one click asks again without it, 新对话 and a reload start unfiltered", async () => {
    const page = await open();
    await yearChip(page).locator("option[value='2020']").waitFor({ state: "attached" });
    await yearChip(page).selectOption("2020");
    const filtered = await ask(page, IN_EVERY_YEAR);
    expect(filtered.filters).toEqual({ year: 2020 });
    await answerDone(page, 1);
    const scope = page.getByTestId("turn-scope");
    await scope.getByText("范围：2020年").waitFor();

    // The answer it shaped says so after a reload too; the filter itself does not survive it.
    await page.reload();
    await answerDone(page, 1);
    await page.getByTestId("turn-scope").getByText("范围：2020年").waitFor();
    expect(await yearChip(page).inputValue()).toBe("");
    await page.screenshot({ path: screenshotPath("desktop-filter-shown") });

    // Asking again without the filter: same question, no filters, no scope on the new answer.
    const request = page.waitForRequest((r) => r.url().endsWith("/api/chat") && r.method() === "POST");
    await page.getByRole("button", { name: "不限范围重新提问" }).click();
    const again = (await request).postDataJSON() as { messages: { content: string }[]; filters?: unknown };
    expect(again.messages.at(-1)!.content).toBe(IN_EVERY_YEAR);
    expect(again.filters).toBeUndefined();
    await answerDone(page, 2);
    expect(await page.getByTestId("turn-scope").count()).toBe(1);

    // 新对话 clears the conversation and any filter chosen for it.
    await yearChip(page).selectOption("2021");
    await page.getByRole("button", { name: /新对话/ }).click();
    expect(await yearChip(page).inputValue()).toBe("");
    const fresh = await ask(page, RESIDENT_QUESTION);
    expect(fresh.filters).toBeUndefined();
    await answerDone(page, 1);
    expect(await page.getByTestId("turn-scope").count()).toBe(0);
    await done(page);
  });

  it("finds a document in 浏览公报 by a 文号 typed loosely, in the parser's normal form", async () => {
    const page = await open();
    await page.getByTestId("view-browse").click();
    const box = page.getByRole("searchbox", { name: "按标题或文号筛选" });
    for (const typed of ["三政办2020第5号", "三政办[2020]5号", "三政办2020年5号"]) {
      await box.fill(typed);
      const docs = page.locator(".doc-link");
      await expect.poll(() => docs.count()).toBe(1);
      expect(await docs.first().locator(".doc-link-meta").innerText()).toContain("三政办〔2020〕5号");
    }
    await page.screenshot({ path: screenshotPath("desktop-browse-docnumber") });
    await done(page);
  });

  it("shows a listed answer as bullets, never a raw markdown dash", async () => {
    const page = await open();
    await ask(page, STAFF_QUESTION);
    const answer = await answerDone(page, 1);
    const text = await answer.locator(".answer-text").innerText();
    expect(text).toContain("•");
    expect(text).not.toMatch(/^\s*[-*] /m);
    await done(page);
  });

  it("fits a phone: filter chips in view, the box at the bottom of a short conversation, labels whole, markers big enough to tap", async () => {
    const page = await open(PHONE_TALL);
    await page.getByText(/已收录 5 期公报/).waitFor();

    // Every chip lies inside the screen and shows its whole default label.
    const chips = await page.$$eval(".filters select", (els) =>
      els.map((el) => {
        const r = el.getBoundingClientRect();
        const text = (el as HTMLSelectElement).selectedOptions[0]!.text;
        const probe = document.createElement("span");
        probe.style.cssText = `font:${getComputedStyle(el).font};position:absolute;white-space:nowrap`;
        probe.textContent = text;
        document.body.append(probe);
        const needed = probe.getBoundingClientRect().width;
        probe.remove();
        const style = getComputedStyle(el);
        const room = r.width - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
        return { text, inside: r.left >= 0 && r.right <= window.innerWidth, fits: needed <= room + 1 };
      }),
    );
    expect(chips).toEqual(["全部年份", "全部期号", "全部类别"].map((text) => ({ text, inside: true, fits: true })));

    await ask(page, RESIDENT_QUESTION);
    const answer = await answerDone(page, 1);
    await page.evaluate(() => window.scrollTo(0, 0));
    // The box rests at the bottom of the screen, not mid-screen above the sources.
    const gap = await page.evaluate(() => window.innerHeight - document.querySelector(".composer")!.getBoundingClientRect().bottom);
    expect(Math.abs(gap)).toBeLessThanOrEqual(1);
    expect(await overflowsX(page)).toBe(false);
    await page.screenshot({ path: screenshotPath("phone-short-conversation") });

    // A tap 18 px off a marker's centre (within a 44 px target) still lands on it.
    const misses = await answer.locator("button.cite").evaluateAll((buttons) =>
      buttons.flatMap((b, i) => {
        const r = b.getBoundingClientRect();
        const [x, y] = [r.left + r.width / 2, r.top + r.height / 2];
        return [[x, y + 18], [x, y - 18], [x + 18, y], [x - 18, y]].every(([px, py]) => b.contains(document.elementFromPoint(px!, py!)))
          ? []
          : [i + 1];
      }),
    );
    expect(misses).toEqual([]);

    // 文号 and issue labels are never broken inside, in the sources and in 浏览公报.
    const broken = async () =>
      page.$$eval(".keep-whole", (els) =>
        els.filter((el) => el.getClientRects().length > 1 || el.getBoundingClientRect().height > parseFloat(getComputedStyle(el).lineHeight) * 1.5)
          .map((el) => el.textContent),
      );
    expect(await page.locator(".keep-whole").count()).toBeGreaterThan(0);
    expect(await broken()).toEqual([]);
    await page.getByTestId("view-browse").click();
    await page.locator(".doc-link").first().waitFor();
    expect(await broken()).toEqual([]);
    expect(await overflowsX(page)).toBe(false);
    await page.screenshot({ path: screenshotPath("phone-browse"), fullPage: true });
    await done(page);
  });

  it("feedback round-trips: 没用 with a comment in the UI, stored with the answer and its run, exported as a dataset candidate", async () => {
    const page = await open();
    await ask(page, RESIDENT_QUESTION);
    const answer = await answerDone(page, 1);
    const feedback = answer.getByRole("group", { name: "这个回答有用吗" });
    await feedback.getByRole("button", { name: "没用" }).click();
    expect(await feedback.getByRole("button", { name: "没用" }).getAttribute("aria-pressed")).toBe("true");
    await feedback.getByLabel(/哪里不对或缺了什么/).fill("没说怎么申请");
    await page.screenshot({ path: screenshotPath("desktop-feedback") });
    const response = page.waitForResponse((r) => r.url().endsWith("/api/feedback"));
    await feedback.getByRole("button", { name: "提交反馈" }).click();
    expect((await response).status()).toBe(201);
    await answer.getByTestId("feedback-sent").waitFor();

    const [record, ...more] = parseFeedbackLines(readFileSync(index.config.feedbackFile, "utf8"));
    expect(more).toEqual([]);
    const health = (await (await fetch(`${server.url}/api/health`)).json()) as { runId: string };
    expect(record).toMatchObject({ rating: "unhelpful", comment: "没说怎么申请", question: RESIDENT_QUESTION, abstained: false, runId: health.runId });
    expect(record!.answer).toBe(await page.evaluate(() => JSON.parse(localStorage.getItem("gongbao.conversation.v1")!)[0].answer));
    expect(record!.citations.length).toBeGreaterThan(0);

    const out = join(index.dir, "candidates.jsonl");
    const cli = spawnTs("eval/cli.ts", ["--from-feedback", "--feedback", index.config.feedbackFile, "--out", out], {});
    expect((await cli.exited).code).toBe(0);
    expect(cli.output()).toContain("没说怎么申请");
    const candidates = parseDataset(readFileSync(out, "utf8"));
    expect(candidates.problems).toEqual([]);
    expect(candidates.lines.map((l) => [l.item.question, l.item.tags])).toEqual([[RESIDENT_QUESTION, ["from-feedback", "unhelpful", "needs-review", "needs-gold"]]]);
    await done(page);
  });

  it("按单位查看 lists each body once: the near-duplicate names of one unit are merged by the alias table", async () => {
    const page = await open();
    await page.getByTestId("view-units").click();
    const box = page.getByRole("combobox", { name: "查找单位" });
    await page.getByText(/^共 \d+ 个单位/).waitFor();
    for (const [typed, name] of [["经济开发区", "三门峡经济开发区管理委员会"], ["水电十一", "中国水利水电第十一工程局"]] as const) {
      await box.fill(typed);
      const options = page.getByRole("option");
      await expect.poll(() => options.count()).toBe(1);
      expect(await options.first().innerText()).toContain(name);
    }
    await done(page);
  });

  it("a 'not found' answer lists its related documents once, as cards to open, not again in the paragraph", async () => {
    const page = await open();
    await ask(page, NOT_FOUND_WITH_RELATED);
    const answer = await answerDone(page, 1);
    expect(await answer.getAttribute("data-abstained")).toBe("true");
    const titles = await answer.getByRole("region", { name: "相近的文件" }).locator(".related-title").allInnerTexts();
    expect(titles.length).toBeGreaterThan(0);
    const text = await answer.innerText();
    for (const t of titles) expect(text.split(t).length - 1).toBe(1);
    await page.screenshot({ path: screenshotPath("desktop-not-found-related") });
    await done(page);
  });

  it("the reader's table of contents shows the real heading levels: no articles, no stray items, both bracket widths alike", async () => {
    const page = await open();
    await page.getByTestId("view-browse").click();
    for (const docNumber of ["三政办〔2021〕9号", "三政办〔2024〕3号", "三政办〔2020〕5号"]) {
      await page.getByRole("searchbox", { name: "按标题或文号筛选" }).fill(docNumber);
      await page.locator(".doc-link").first().click();
      const dialog = page.getByRole("dialog");
      await dialog.and(page.locator("[data-status=done]")).waitFor();
      const entries = await dialog.getByRole("navigation", { name: "文件目录" }).locator("li").evaluateAll((lis) =>
        lis.map((li) => ({ label: li.textContent!.trim(), depth: Number(/depth-(\d)/.exec(li.className)?.[1]) })),
      );
      expect(entries.length, docNumber).toBeGreaterThan(1);
      expect(entries.filter((e) => /^第[一二三四五六七八九十百]+条/.test(e.label)), docNumber).toEqual([]);
      // Bracketed items, half- or full-width, sit at one level, and each run of them starts at （一）.
      const bracketed = entries.map((e, j) => ({ ...e, j })).filter((e) => /^[（(][一二三四五六七八九十]+[）)]/.test(e.label));
      expect(new Set(bracketed.map((e) => e.depth)).size, docNumber).toBeLessThanOrEqual(1);
      for (const e of bracketed) {
        const before = entries[e.j - 1];
        if (!before || !/^[（(]/.test(before.label)) expect(e.label, docNumber).toMatch(/^[（(]一[）)]/);
      }
      if (docNumber === "三政办〔2021〕9号") await page.screenshot({ path: screenshotPath("desktop-reader-outline") });
      await page.keyboard.press("Escape");
      await dialog.waitFor({ state: "detached" });
    }
    await done(page);
  });

  it("views have addresses: Back and Forward move between them inside the app, and each link opens the same view in a fresh browser", async () => {
    const page = await open();
    await page.getByText(/已收录 5 期公报/).waitFor();
    const path = () => new URL(page.url()).pathname + new URL(page.url()).search;
    await page.getByTestId("view-browse").click();
    expect(path()).toBe("/browse");
    await page.getByRole("searchbox", { name: "按标题或文号筛选" }).fill("三政办〔2021〕9号");
    await page.locator(".doc-link").first().click();
    const dialog = page.getByRole("dialog");
    await dialog.and(page.locator("[data-status=done]")).waitFor();
    const docPath = path();
    expect(docPath).toMatch(/^\/doc\/[\w-]+$/);

    await page.goBack();
    await dialog.waitFor({ state: "detached" });
    expect(path()).toBe("/browse");
    await page.getByRole("heading", { name: "浏览公报" }).waitFor();
    await page.goBack();
    expect(path()).toBe("/");
    await page.getByRole("textbox", { name: "输入问题" }).waitFor();
    await page.goForward();
    await page.getByRole("heading", { name: "浏览公报" }).waitFor();
    await page.goForward();
    await dialog.and(page.locator("[data-status=done]")).waitFor();
    // Closing the reader steps back rather than piling up history entries.
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
    expect(path()).toBe("/browse");

    await page.getByTestId("view-units").click();
    await page.getByRole("combobox", { name: "查找单位" }).fill("交通局");
    await page.getByRole("option", { name: /市交通运输局/ }).click();
    await page.getByTestId("unit-tasks").and(page.locator("[data-status=done]")).waitFor();
    const unitPath = path();
    expect(decodeURIComponent(unitPath)).toBe("/units?unit=市交通运输局");

    await page.getByTestId("view-chat").click();
    await ask(page, RESIDENT_QUESTION);
    await answerDone(page, 1);
    const questionPath = path();
    expect(new URLSearchParams(new URL(page.url()).search).get("q")).toBe(RESIDENT_QUESTION);
    await done(page);

    // Each address in a fresh browser (own storage, no history).
    const unitPage = await open();
    await unitPage.goto(server.url + unitPath);
    await unitPage.getByTestId("unit-tasks").and(unitPage.locator("[data-status=done]")).waitFor();
    expect(await unitPage.getByTestId("unit-tasks").getByRole("heading", { level: 2 }).innerText()).toBe("市交通运输局");
    await done(unitPage);

    const docPage = await open();
    await docPage.goto(server.url + docPath);
    await docPage.getByRole("dialog", { name: /返乡创业示范县评审认定办法/ }).and(docPage.locator("[data-status=done]")).waitFor();
    await docPage.keyboard.press("Escape");
    await docPage.getByRole("dialog").waitFor({ state: "detached" });
    expect(new URL(docPage.url()).pathname).toBe("/");
    await done(docPage);

    const questionPage = await open();
    await questionPage.goto(server.url + questionPath);
    const answer = await answerDone(questionPage, 1);
    expect(await answer.getAttribute("data-abstained")).toBe("false");
    expect(await questionPage.locator(".question-text").innerText()).toContain(RESIDENT_QUESTION);
    await done(questionPage);
  });
});

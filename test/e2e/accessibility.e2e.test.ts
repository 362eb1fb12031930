/**
 * axe-core on every main view (welcome, an answer with its sources, the reader, 浏览公报,
 * 按单位查看, feedback opened) at 1366×900 and 375×800: no serious or critical violations.
 * A screenshot of each state goes to test/e2e/artifacts/.
 */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer } from "../helpers/server.ts";
import type { TestServer } from "../helpers/server.ts";
import { buildTempIndex } from "../helpers/temp-index.ts";
import type { TempIndex } from "../helpers/temp-index.ts";
import { CHROMIUM, answerDone, ask, ensureWebBuild, launchChromium, openSession, screenshotPath } from "./harness.ts";

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const WIDTHS = { desktop: { width: 1366, height: 900 }, phone: { width: 375, height: 800 } };

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Serious and critical violations on the page as it is now, each with the elements it names. */
async function violations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, so the app's Content-Security-Policy does not block it.
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(AXE_SOURCE);
  const found = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: Violation[] }> } }).axe;
    return (await axe.run(document, { resultTypes: ["violations"] })).violations;
  });
  return found
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
}

describe.skipIf(!existsSync(CHROMIUM))("accessibility (axe-core)", () => {
  let index: TempIndex;
  let server: TestServer;
  let browser: Browser;

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

  for (const [name, viewport] of Object.entries(WIDTHS)) {
    it(`${name} ${viewport.width}×${viewport.height}: welcome, answer, feedback, reader, 浏览公报 and 按单位查看 have no serious or critical violations`, async () => {
      const session = await openSession(browser, server.url, viewport);
      const { page } = session;
      const seen: Record<string, string[]> = {};
      const check = async (state: string) => {
        await page.screenshot({ path: screenshotPath(`a11y-${name}-${state}`) });
        seen[state] = await violations(page);
      };
      try {
        await page.getByText(/已收录 5 期公报/).waitFor();
        await check("welcome");

        await ask(page, "返乡创业有什么补贴？");
        const answer = await answerDone(page, 1);
        await check("answer");
        await answer.getByRole("button", { name: "有用" }).click();
        await check("feedback");

        await page.locator("[data-testid^=source-]").first().getByRole("button", { name: /阅读全文/ }).click();
        await page.getByRole("dialog").and(page.locator("[data-status=done]")).waitFor();
        await check("reader");
        await page.keyboard.press("Escape");
        await page.getByRole("dialog").waitFor({ state: "detached" });

        await page.getByTestId("view-browse").click();
        await page.locator(".doc-link").first().waitFor();
        await check("browse");

        await page.getByTestId("view-units").click();
        await page.getByRole("combobox", { name: "查找单位" }).fill("交通局");
        await page.getByRole("option", { name: /市交通运输局/ }).click();
        await page.getByTestId("unit-tasks").and(page.locator("[data-status=done]")).waitFor();
        await check("units");
      } finally {
        await session.close();
      }
      expect(seen).toEqual({ welcome: [], answer: [], feedback: [], reader: [], browse: [], units: [] });
      expect(session.problems).toEqual([]);
    });
  }
});

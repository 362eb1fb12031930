/**
 * Browser tests' setup: the web UI built when `web/dist` is missing or older than its sources,
 * Debian's Chromium driven by playwright-core, and helpers that wait on the UI's data attributes.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { chromium } from "playwright-core";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const WEB_DIST = join(ROOT, "web", "dist");
export const ARTIFACTS = join(ROOT, "test", "e2e", "artifacts");
export const CHROMIUM = "/usr/bin/chromium";

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 375, height: 740 };
/** The phone size issue 20 was walked through at. */
export const PHONE_TALL = { width: 375, height: 800 };

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** True when `web/dist/index.html` is missing or older than anything the build reads. */
export function webBuildIsStale(): boolean {
  const index = join(WEB_DIST, "index.html");
  if (!existsSync(index)) return true;
  const web = join(ROOT, "web");
  const inputs = [join(web, "src"), join(web, "index.html"), join(web, "vite.config.ts")].filter(existsSync);
  return Math.max(...inputs.map(newestMtime)) > statSync(index).mtimeMs;
}

/** `vite build --config web/vite.config.ts`, in a child process so the test's own vite is not involved. */
export function buildWeb(): Promise<void> {
  return new Promise((resolve, reject) => {
    const vite = join(ROOT, "node_modules", "vite", "bin", "vite.js");
    const child = spawn(process.execPath, [vite, "build", "--config", "web/vite.config.ts", "--logLevel", "warn"], {
      cwd: ROOT,
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`vite build failed (${code}): ${stderr}`))));
  });
}

export async function ensureWebBuild(): Promise<string> {
  if (webBuildIsStale()) await buildWeb();
  return WEB_DIST;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox", "--headless=new", "--disable-gpu", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--disable-quic",
    ],
  });
}

export interface Session {
  context: BrowserContext;
  page: Page;
  /** Uncaught page errors and console errors, apart from the failed loads a test provokes on purpose. */
  problems: string[];
  close(): Promise<void>;
}

/** A fresh context (own localStorage) and page at `url`, phone-like when the viewport is narrow. */
export async function openSession(browser: Browser, url: string, viewport = DESKTOP): Promise<Session> {
  const phone = viewport.width < 600;
  const context = await browser.newContext({
    viewport,
    deviceScaleFactor: phone ? 2 : 1,
    isMobile: phone,
    hasTouch: phone,
    locale: "zh-CN",
    reducedMotion: "reduce",
  });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("pageerror", (err) => problems.push(`pageerror: ${err.message}`));
  page.on("console", (msg) => {
    if (msg.type() === "error" && !msg.text().startsWith("Failed to load resource")) problems.push(`console: ${msg.text()}`);
  });
  await page.goto(url);
  return { context, page, problems, close: () => context.close() };
}

export function screenshotPath(name: string): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  return join(ARTIFACTS, `${name}.png`);
}

/** Types a question into the box and sends it with Enter; resolves with the request's JSON body. */
export async function ask(page: Page, question: string): Promise<{ messages: { role: string; content: string }[]; filters?: Record<string, unknown> }> {
  const box = page.getByRole("textbox", { name: "输入问题" });
  await box.fill(question);
  const request = page.waitForRequest((r) => r.url().endsWith("/api/chat") && r.method() === "POST");
  await box.press("Enter");
  return (await request).postDataJSON();
}

/** The n-th answer (1-based), once its stream has ended; fails with the answer's text unless it ended in `status`. */
export async function answerDone(page: Page, n: number, status = "done") {
  await page.waitForFunction(
    (i) => {
      const s = document.querySelectorAll("[data-testid=answer]")[i]?.getAttribute("data-status");
      return s !== undefined && s !== null && s !== "streaming";
    },
    n - 1,
  );
  const answer = page.getByTestId("answer").nth(n - 1);
  const got = await answer.getAttribute("data-status");
  if (got !== status) throw new Error(`answer ${n} ended "${got}", expected "${status}": ${await answer.innerText()}`);
  return answer;
}

/** Events of a text/event-stream body. */
export function sseEvents(text: string): { event: string; data: unknown }[] {
  return text
    .split(/\r?\n\r?\n/)
    .map((block) => {
      const lines = block.split(/\r?\n/);
      const event = lines.find((l) => l.startsWith("event:"))?.slice(6).trim() ?? "message";
      const data = lines.filter((l) => l.startsWith("data:")).map((l) => l.slice(5).replace(/^ /, "")).join("\n");
      return data ? { event, data: JSON.parse(data) as unknown } : null;
    })
    .filter((e): e is { event: string; data: unknown } => e !== null);
}

/** Whitespace-insensitive form, as the UI locates quotes. */
export const squeeze = (s: string) => s.replace(/\s+/g, "");

/** Whether the page scrolls sideways (content wider than the viewport). */
export function overflowsX(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
}

/** Whether the element's box lies inside the viewport (at least partly, vertically and wholly within the width). */
export async function inViewport(page: Page, selector: string): Promise<boolean> {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel);
    if (!el) return false;
    const r = el.getBoundingClientRect();
    return r.bottom > 0 && r.top < window.innerHeight && r.left >= -1 && r.right <= window.innerWidth + 1 && r.height > 0;
  }, selector);
}

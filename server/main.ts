/**
 * `npm start`: build the web UI if needed, listen (health answers at once), then ingest
 * when the index is missing or stale and start serving it.
 * Flags: `--no-web` serves the API only (no UI build), `--no-ingest` serves the index as it is.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { ConfigError, loadConfig } from "../core/config.ts";
import type { Config } from "../core/config.ts";
import { createLog } from "../core/util/log.ts";
import type { Log } from "../core/util/log.ts";
import { describeError } from "../core/index/store.ts";
import { consoleProgress } from "../ingest/console-progress.ts";
import { runIngest } from "../ingest/run-ingest.ts";
import { composeApp } from "./compose.ts";
import { exitOnSignals, listen } from "../api/server.ts";

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

async function ensureWebBuild(config: Config, log: Log): Promise<string | null> {
  const web = join(config.root, "web");
  const dist = join(web, "dist");
  const index = join(dist, "index.html");
  const src = join(web, "src");
  if (!existsSync(src)) return existsSync(index) ? dist : null;
  if (existsSync(index) && statSync(index).mtimeMs >= newestMtime(src)) return dist;
  log.info("building the web UI");
  const { build } = await import("vite");
  await build({ configFile: join(web, "vite.config.ts"), logLevel: "warn" });
  return dist;
}

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLog(config.log);
  const webDist = process.argv.includes("--no-web") ? null : await ensureWebBuild(config, log);
  const { app, index } = composeApp(config, log, webDist);
  await index.start();
  const listening = await listen(app, { port: config.server.port, host: config.server.host, log });
  log.info(`gongbao listening on http://${config.server.host}:${listening.port}`, { answerer: config.llm ? "llm" : "extractive" });
  exitOnSignals(listening, log, () => index.stop());
  if (process.argv.includes("--no-ingest")) return;
  try {
    const report = await runIngest(config, consoleProgress());
    if (!report.skipped) log.info("index built", { runId: report.runId, passages: report.totals.passages, failedFiles: report.totals.failedFiles });
    await index.refresh();
  } catch (err) {
    log.error("ingest at start-up failed; serving the previous index if there is one", { error: describeError(err, config.storageOptions) });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`gongbao could not start: ${err instanceof ConfigError ? err.message : describeError(err)}\n`);
  process.exit(1);
});

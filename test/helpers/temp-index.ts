/** A real LanceDB index in a temp folder, built from the real corpus (or a chosen subset of it). */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Config } from "../../core/config.ts";
import { loadConfig } from "../../core/config.ts";
import type { OpenRun } from "../../api/index/live-index.ts";
import { LiveIndex } from "../../api/index/live-index.ts";
import { createLog } from "../../core/util/log.ts";
import type { IngestReport } from "../../ingest/run-ingest.ts";
import { runIngest } from "../../ingest/run-ingest.ts";

export const CORPUS_DIR = new URL("../../data/corpus/", import.meta.url).pathname;

export interface TempIndex {
  dir: string;
  config: Config;
  report: IngestReport;
  cleanup(): void;
}

/** Copy `files` (default: the whole corpus) to a temp corpus folder, ingest into a temp index. */
export async function buildTempIndex(opts: { files?: string[]; extra?: { name: string; bytes: Uint8Array }[]; env?: Record<string, string> } = {}): Promise<TempIndex> {
  const dir = mkdtempSync(join(tmpdir(), "gongbao-test-"));
  const corpus = join(dir, "corpus");
  mkdirSync(corpus);
  if (opts.files) for (const f of opts.files) cpSync(join(CORPUS_DIR, f), join(corpus, f));
  else cpSync(CORPUS_DIR, corpus, { recursive: true });
  for (const f of opts.extra ?? []) writeFileSync(join(corpus, f.name), f.bytes);
  const config = loadConfig({
    GONGBAO_DATA_DIR: dir, GONGBAO_CORPUS_DIR: corpus, GONGBAO_INDEX_URI: join(dir, "index"), GONGBAO_REFRESH_SECONDS: "0",
    GONGBAO_LOG: "silent", GONGBAO_RATE_LIMIT: "0", ...opts.env,
  });
  const report = await runIngest(config);
  return { dir, config, report, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface TempRun {
  index: TempIndex;
  run: OpenRun;
  close(): void;
}

/** A temp index built from `files`, opened as a server replica would open it (no refresh timer). */
export async function openTempRun(files: string[]): Promise<TempRun> {
  const index = await buildTempIndex({ files });
  const live = new LiveIndex({ uri: index.config.indexUri, storageOptions: {}, refreshSeconds: 0, log: createLog("silent") });
  await live.start();
  return { index, run: live.current()!, close: () => { live.stop(); index.cleanup(); } };
}

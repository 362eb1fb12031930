/** A configuration over an existing temp index, with overrides (CORS, limits, LLM…) for one test. */
import { join } from "node:path";
import type { Config } from "../../core/config.ts";
import { loadConfig } from "../../core/config.ts";
import type { TempIndex } from "./temp-index.ts";

export function configFor(index: Pick<TempIndex, "dir" | "config">, env: Record<string, string> = {}): Config {
  return loadConfig({
    GONGBAO_DATA_DIR: index.dir, GONGBAO_CORPUS_DIR: index.config.corpusDir, GONGBAO_INDEX_URI: index.config.indexUri,
    GONGBAO_REFRESH_SECONDS: "0", GONGBAO_LOG: "silent", GONGBAO_RATE_LIMIT: "0", ...env,
  });
}

/** The smallest corpus file (one issue): enough for request-handling tests, fast to ingest. */
export const SMALL_CORPUS = ["004_56bc4d1f9f69706c.txt"];

export const tempPath = (index: Pick<TempIndex, "dir">, ...parts: string[]) => join(index.dir, ...parts);

/** `npm run ingest [-- --force]`: build the index from data/corpus and print the report. */
import { ConfigError, loadConfig } from "../core/config.ts";
import { describeError, redactSecrets } from "../core/index/store.ts";
import { consoleProgress } from "./console-progress.ts";
import { formatReport } from "./report.ts";
import { runIngest } from "./run-ingest.ts";

/** Ctrl-C / SIGTERM: exit through process.exit so the ingest lock is released; the unpublished run is left for GC. */
for (const [signal, code] of [["SIGINT", 130], ["SIGTERM", 143]] as const) {
  process.once(signal, () => {
    process.stderr.write(`\ningest interrupted (${signal}); the previously published index is unchanged.\n`);
    process.exit(code);
  });
}

async function main(): Promise<number> {
  const config = loadConfig();
  const force = process.argv.includes("--force");
  process.stderr.write(`gongbao ingest: ${config.corpusDir} → ${redactUri(config.indexUri)}\n`);
  const report = await runIngest(config, { force, ...consoleProgress() });
  process.stdout.write(`${formatReport(report)}\n`);
  return report.totals.failedFiles > 0 ? 2 : 0;
}

/** Object-store URIs may carry credentials in user-info; never print them. */
export function redactUri(uri: string): string {
  return redactSecrets(uri);
}

function storageOptionsOrNone(): Record<string, string> {
  try {
    return loadConfig().storageOptions;
  } catch {
    return {};
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    const message = err instanceof ConfigError ? err.message : describeError(err, storageOptionsOrNone());
    process.stderr.write(`ingest failed: ${message}\nThe previously published index (if any) is unchanged and still served.\n`);
    process.exit(1);
  },
);

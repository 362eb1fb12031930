/** What `npm run ingest` and `npm start` print while ingesting: a line per file, then a progress bar per stage. */
import { progressLine } from "../core/util/progress.ts";
import type { IngestOptions, IssueReport } from "./run-ingest.ts";

export function describeFile(f: IssueReport): string {
  if (f.status !== "ok") return `  ✗ ${f.file}: ${f.reason}`;
  const pages = f.pages ? `, ${f.pages} pages` : "";
  const unlisted = f.documentsNotInToc ? `, ${f.documentsNotInToc} not in it` : "";
  return `  ✓ ${f.file} → ${f.label}: ${f.documents} documents (${f.documentsInToc} listed in the table of contents${unlisted})${pages}, ${f.passages} passages`;
}

export function consoleProgress(stream: NodeJS.WriteStream = process.stderr): Pick<IngestOptions, "onFile" | "onProgress"> {
  const progress = progressLine(stream);
  const started = performance.now();
  return {
    onFile: (f) => stream.write(`${[describeFile(f), ...(f.warnings ?? []).map((w) => `      ! ${w}`)].join("\n")}\n`),
    onProgress: ({ stage, done, total }) => {
      const secs = (performance.now() - started) / 1000;
      // Stages reported once (done 0 of 1) get a line of their own when the output is piped.
      if (total === 1 && done === 0 && !stream.isTTY) stream.write(`${stage}…\n`);
      else progress.update(stage, done, total, stage === "embed" ? `${Math.round(done / secs)} passages/s` : stage === "parse" ? "files" : "");
    },
  };
}

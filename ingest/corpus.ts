/** Read every gazette file (.txt, .md, .pdf) of the corpus folder; a broken file is reported, never fatal. */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { lexiconFingerprint } from "../core/lexicon/lexicon.ts";
import { ParseError } from "./gazette/front-matter.ts";
import type { ParsedIssue } from "./gazette/parse-issue.ts";
import { parseIssue } from "./gazette/parse-issue.ts";
import { parsePdfIssue } from "./pdf/parse-pdf.ts";

/** Bump when parsing, passage splitting or the table layout changes, so `npm start` re-ingests a stale index. */
export const INGEST_VERSION = "9";

export interface CorpusFile {
  file: string;
  bytes: Buffer;
}

export interface FileFailure {
  file: string;
  reason: string;
}

/** The file kinds the corpus folder takes. */
export const CORPUS_FILE = /\.(txt|md|pdf)$/i;
const PDF_FILE = /\.pdf$/i;

export function listCorpusFiles(dir: string): CorpusFile[] {
  return readdirSync(dir)
    .filter((f) => CORPUS_FILE.test(f) && statSync(join(dir, f)).isFile())
    .sort()
    .map((file) => ({ file, bytes: readFileSync(join(dir, file)) }));
}

/** Fingerprint of the corpus and of everything that shapes the index built from it. */
export function corpusHash(files: CorpusFile[], embedderId: string): string {
  const h = createHash("sha1").update(`${INGEST_VERSION}\n${embedderId}\n`).update(lexiconFingerprint());
  for (const f of files) h.update(f.file).update("\0").update(f.bytes).update("\0");
  return h.digest("hex");
}

/** One file → its issue: PDFs through text extraction, text files decoded as UTF-8 or GBK. */
export function parseCorpusFile(f: CorpusFile): Promise<ParsedIssue> | ParsedIssue {
  return PDF_FILE.test(f.file) ? parsePdfIssue(f.bytes, f.file) : parseIssue(f.bytes, f.file);
}

export async function parseCorpus(files: CorpusFile[], onParsed: (done: number, total: number) => void = () => {}): Promise<{ issues: ParsedIssue[]; failures: FileFailure[] }> {
  const issues: ParsedIssue[] = [];
  const failures: FileFailure[] = [];
  for (const f of files) {
    try {
      issues.push(await parseCorpusFile(f));
    } catch (err) {
      const reason = err instanceof ParseError ? err.message : `could not be parsed (${err instanceof Error ? err.message : String(err)})`;
      failures.push({ file: f.file, reason });
    }
    onParsed(issues.length + failures.length, files.length);
  }
  const seen = new Map<string, string>();
  for (const issue of [...issues]) {
    const other = seen.get(issue.issue.id);
    if (other) {
      failures.push({ file: issue.issue.source, reason: `duplicate of ${other} (same issue ${issue.issue.label})` });
      issues.splice(issues.indexOf(issue), 1);
    } else {
      seen.set(issue.issue.id, issue.issue.source);
    }
  }
  return { issues, failures };
}

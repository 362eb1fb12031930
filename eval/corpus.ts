/** The corpus folder as the eval suite needs it: each file's text, and the parsed records. */
import { decodeGazette } from "../ingest/gazette/decode.ts";
import { listCorpusFiles, parseCorpus } from "../ingest/corpus.ts";
import type { Records } from "../ingest/records.ts";
import { toRecords } from "../ingest/records.ts";

export interface CorpusText {
  file: string;
  text: string;
}

export interface Corpus {
  texts: CorpusText[];
  records: Records;
  /** Files the parser rejected; their documents cannot be gold. */
  failures: { file: string; reason: string }[];
}

export async function loadCorpus(dir: string): Promise<Corpus> {
  const files = listCorpusFiles(dir);
  const texts: CorpusText[] = [];
  for (const f of files) {
    // A PDF's text is what the parser extracts from it; gold quotes are checked against text files.
    if (/\.pdf$/i.test(f.file)) continue;
    try {
      texts.push({ file: f.file, text: decodeGazette(f.bytes).text });
    } catch {
      // reported by parseCorpus below with the parser's reason
    }
  }
  const parsed = await parseCorpus(files);
  return { texts, records: toRecords(parsed.issues), failures: parsed.failures };
}

/**
 * A fingerprint of the source that shapes answers (api/, core/, ingest/, lexicon files):
 * two reports with different fingerprints were produced by different code, which explains
 * differences --compare shows without any change to the dataset or the index.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

const DIRS = ["api", "core", "ingest"];
const SOURCE = /\.(ts|tsv|json|txt)$/;
const SKIP = /(\.test\.ts|__fixtures__|node_modules)/;

function files(dir: string): string[] {
  let out: string[] = [];
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    const p = join(dir, e.name);
    if (SKIP.test(p)) continue;
    if (e.isDirectory()) out = out.concat(files(p));
    else if (SOURCE.test(e.name)) out.push(p);
  }
  return out;
}

export function sourceFingerprint(root: string): string {
  const h = createHash("sha1");
  for (const f of DIRS.flatMap((d) => files(join(root, d))).sort()) {
    h.update(relative(root, f)).update("\0");
    try {
      h.update(readFileSync(f)).update("\0");
    } catch {
      // deleted between listing and reading: the fingerprint still changes
    }
  }
  return h.digest("hex").slice(0, 12);
}

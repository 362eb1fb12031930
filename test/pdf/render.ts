/** `npx tsx test/pdf/render.ts <gazette.txt> <out.pdf>`: lay a text issue out as a printed PDF (to try the PDF path by hand). */
import { readFileSync, writeFileSync } from "node:fs";
import { typesetGazette } from "./typeset.ts";

const [src, out] = process.argv.slice(2);
if (!src || !out) {
  process.stderr.write("usage: npx tsx test/pdf/render.ts <gazette.txt> <out.pdf>\n");
  process.exit(2);
}
writeFileSync(out, await typesetGazette(readFileSync(src, "utf8")));
process.stderr.write(`wrote ${out}\n`);

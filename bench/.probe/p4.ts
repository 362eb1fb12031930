import { existsSync } from "node:fs";
import { loadConfig } from "../../core/config.ts";
import { runIngest } from "../../ingest/run-ingest.ts";
import { openServices } from "../query.ts";
import { devQuestions } from "../questions.ts";
import { summarize } from "../stats.ts";
import { hashedVector } from "../../core/embed/hashed.ts";
import { understand } from "../../api/retrieval/understand.ts";
import { cutForSearch } from "../../core/text/segment.ts";
const dir = "/tmp/gbb/idx";
if (!existsSync(dir)) await runIngest(loadConfig({ GONGBAO_INDEX_URI: dir, GONGBAO_LOG: "silent", GONGBAO_LLM: "off" }), {});
const { run, retriever } = await openServices(dir);
const qs = devQuestions().slice(0, 80);
const vecs = qs.map((q) => hashedVector(understand(q, run.catalog).vectorText, 1024));
const COLS = ["id", "document_id", "issue_id", "ordinal", "heading", "text", "kind"];
const t = run.passages;
console.log("fragments", (await t.stats()).fragmentStats.numFragments, "version", await t.version());
async function time(label: string, f: (i: number) => Promise<unknown>) {
  for (let i = 0; i < qs.length; i++) await f(i);
  const xs: number[] = [];
  for (let p = 0; p < 2; p++) for (let i = 0; i < qs.length; i++) { const s = performance.now(); await f(i); xs.push(performance.now() - s); }
  const r = summarize(xs); console.log(label.padEnd(50), "p50", r.p50, "p95", r.p95);
}
await time("vector COLS limit40", (i) => t.query().nearestTo(vecs[i]!).distanceType("cosine").select([...COLS, "_distance"]).limit(40).toArray());
await time("vector id limit40", (i) => t.query().nearestTo(vecs[i]!).distanceType("cosine").select(["id", "_distance"]).limit(40).toArray());
await time("vector id limit10", (i) => t.query().nearestTo(vecs[i]!).distanceType("cosine").select(["id", "_distance"]).limit(10).toArray());
await time("fts string COLS limit40", (i) => t.query().fullTextSearch(cutForSearch(qs[i]!).join(" "), { columns: "text_seg" }).select([...COLS, "_score"]).limit(40).toArray());
await time("fts string id limit40", (i) => t.query().fullTextSearch(cutForSearch(qs[i]!).join(" "), { columns: "text_seg" }).select(["id", "_score"]).limit(40).toArray());
await time("plain scan limit 40 COLS", (i) => t.query().select(COLS).limit(40).toArray());
await time("product search", (i) => retriever.search(run, qs[i]!, { k: 10 }));
await time("countRows", () => t.countRows());

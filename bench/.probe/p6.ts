import { openServices } from "../query.ts";
import { devQuestions } from "../questions.ts";
import { hashedVector } from "../../core/embed/hashed.ts";
import { understand } from "../../api/retrieval/understand.ts";
import { expandQuery } from "../../core/lexicon/lexicon.ts";
import { cutForSearch } from "../../core/text/segment.ts";
import { Retriever } from "../../api/retrieval/search.ts";
const { run, retriever, answers } = await openServices("/tmp/gbb/idx");
const qs = devQuestions();
const vecs = qs.map((q) => hashedVector(understand(q, run.catalog).vectorText, 1024));
const COLS = ["id", "document_id", "issue_id", "ordinal", "heading", "text", "kind"];
const t = run.passages;
async function cpu(label: string, f: (i: number) => unknown) {
  for (let i = 0; i < qs.length; i++) await f(i);
  const c0 = process.cpuUsage(); const w0 = performance.now();
  const N = 3;
  for (let p = 0; p < N; p++) for (let i = 0; i < qs.length; i++) await f(i);
  const c = process.cpuUsage(c0); const n = N * qs.length;
  console.log(label.padEnd(55), "cpu ms/op", ((c.user + c.system) / 1000 / n).toFixed(3), "wall ms/op", ((performance.now() - w0) / n).toFixed(3));
}
await cpu("expandQuery", (i) => expandQuery(qs[i]!));
await cpu("understand", (i) => understand(qs[i]!, run.catalog));
await cpu("cutForSearch", (i) => cutForSearch(qs[i]!));
await cpu("vector COLS limit40", (i) => t.query().nearestTo(vecs[i]!).distanceType("cosine").select([...COLS, "_distance"]).limit(40).toArray());
await cpu("vector id limit40", (i) => t.query().nearestTo(vecs[i]!).distanceType("cosine").select(["id", "_distance"]).limit(40).toArray());
await cpu("fts COLS limit40", (i) => t.query().fullTextSearch(cutForSearch(qs[i]!).join(" "), { columns: "text_seg" }).select([...COLS, "_score"]).limit(40).toArray());
await cpu("fts id limit40", (i) => t.query().fullTextSearch(cutForSearch(qs[i]!).join(" "), { columns: "text_seg" }).select(["id", "_score"]).limit(40).toArray());
await cpu("plain scan 1 row id", () => t.query().select(["id"]).limit(1).toArray());
await cpu("product search", (i) => retriever.search(run, qs[i]!, { k: 10 }));
await cpu("product search FTS only (no embedder)", (i) => new Retriever(null).search(run, qs[i]!, { k: 10 }));
await cpu("product chat (extractive)", (i) => answers.answer(run, [{ role: "user", content: qs[i]! }]));
// in-memory brute force in JS over all vectors
const all = await t.query().select(["id", "vector"]).limit(100000).toArray();
const M = new Float32Array(all.length * 1024); all.forEach((r, j) => M.set((r.vector as { toArray(): Float32Array }).toArray(), j * 1024));
await cpu("JS brute force top40 over all vectors", (i) => {
  const v = vecs[i]!; const s = new Float32Array(all.length);
  for (let j = 0; j < all.length; j++) { let d = 0; const o = j * 1024; for (let k = 0; k < 1024; k++) d += v[k]! * M[o + k]!; s[j] = d; }
  return Array.from(s.keys()).sort((a, b) => s[b]! - s[a]!).slice(0, 40);
});

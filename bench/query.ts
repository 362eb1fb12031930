/**
 * The query path at corpus scale: search and extractive chat over the dev-set questions,
 * in-process (composeServices, the objects the server uses) and over HTTP against the real
 * server child, several passes each; where the time goes from the timings the code returns;
 * and the plain in-memory BM25 baseline (MiniSearch over the same jieba tokens).
 */
import { runInNewContext } from "node:vm";
import v8 from "node:v8";
import MiniSearch from "minisearch";
import type { OpenRun } from "../api/index/live-index.ts";
import { composeServices } from "../server/compose.ts";
import { loadConfig } from "../core/config.ts";
import { cutForSearch } from "../core/text/segment.ts";
import { createLog } from "../core/util/log.ts";
import { round } from "./machine.ts";
import type { BenchServer } from "./server.ts";
import { ratio, summarize } from "./stats.ts";
import type { Summary } from "./stats.ts";

v8.setFlagsFromString("--expose_gc");
const gc = runInNewContext("gc") as () => void;

export function heapMB(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

const SEARCH_STAGES = ["understandMs", "embedMs", "ftsMs", "vectorMs", "fuseMs"] as const;
type Stage = (typeof SEARCH_STAGES)[number] | "answerMs";

export interface StageBreakdown {
  wall: Summary;
  stages: Partial<Record<Stage, Summary>>;
  /** Mean of each stage as a share of the mean wall time (FTS runs concurrently with embed+vector, so shares can sum past 1). */
  shareOfWall: Partial<Record<Stage, number>>;
  /** Wall time not covered by the stages on the critical path: understand + max(fts, embed + vector) + fuse (+ answer). */
  otherMs: Summary;
}

function breakdown(walls: number[], timings: Array<Partial<Record<Stage, number>>>, stages: readonly Stage[]): StageBreakdown {
  const wall = summarize(walls);
  const out: StageBreakdown = { wall, stages: {}, shareOfWall: {}, otherMs: summarize([]) };
  for (const s of stages) {
    const xs = timings.map((t) => t[s] ?? 0);
    out.stages[s] = summarize(xs);
    out.shareOfWall[s] = round(out.stages[s]!.mean / wall.mean, 3);
  }
  out.otherMs = summarize(
    walls.map((w, i) => {
      const t = timings[i]!;
      const critical = (t.understandMs ?? 0) + Math.max(t.ftsMs ?? 0, (t.embedMs ?? 0) + (t.vectorMs ?? 0)) + (t.fuseMs ?? 0) + (t.answerMs ?? 0);
      return Math.max(0, w - critical);
    }),
  );
  return out;
}

export interface InProcessResult {
  command: string;
  passes: number;
  questions: number;
  search: StageBreakdown;
  chat: StageBreakdown;
  /** Share of chat answers that abstained (sanity: the extractive answerer ran). */
  chatAbstainedShare: number;
  rssMB: number;
}

export async function openServices(indexDir: string) {
  const config = loadConfig({ GONGBAO_INDEX_URI: indexDir, GONGBAO_LOG: "silent", GONGBAO_REFRESH_SECONDS: "0", GONGBAO_LLM: "off", GONGBAO_SEARCH_CACHE: "0" });
  const services = composeServices(config, createLog("silent"));
  await services.index.start();
  const run = services.index.current();
  if (!run) throw new Error(`no index run could be opened at ${indexDir}`);
  return { ...services, run };
}

export async function benchInProcess(opts: { indexDir: string; questions: string[]; passes: number; log: (s: string) => void }): Promise<InProcessResult> {
  const { retriever, answers, run, index } = await openServices(opts.indexDir);
  try {
    const sWalls: number[] = [];
    const sTimings: Array<Partial<Record<Stage, number>>> = [];
    const cWalls: number[] = [];
    const cTimings: Array<Partial<Record<Stage, number>>> = [];
    let abstained = 0;
    for (let pass = 0; pass <= opts.passes; pass++) {
      const record = pass > 0; // pass 0 warms up the JIT and LanceDB caches
      for (const q of opts.questions) {
        let t = performance.now();
        const s = await retriever.search(run, q, { k: 10 });
        const sw = performance.now() - t;
        t = performance.now();
        const c = await answers.answer(run, [{ role: "user", content: q }]);
        const cw = performance.now() - t;
        if (!record) continue;
        sWalls.push(sw);
        sTimings.push(s.timings);
        cWalls.push(cw);
        cTimings.push(c.timings);
        if (c.response.abstained) abstained++;
      }
      if (record) opts.log(`in-process pass ${pass}/${opts.passes}: search p50 ${summarize(sWalls).p50} ms, chat p50 ${summarize(cWalls).p50} ms`);
    }
    return {
      command: "npm run bench -- --only=query   (composeServices in the benchmark process, result cache off; retriever.search k=10, answers.answer extractive)",
      passes: opts.passes, questions: opts.questions.length,
      search: breakdown(sWalls, sTimings, SEARCH_STAGES),
      chat: breakdown(cWalls, cTimings, [...SEARCH_STAGES, "answerMs"]),
      chatAbstainedShare: round(abstained / Math.max(1, cWalls.length), 3),
      rssMB: round(process.memoryUsage().rss / 2 ** 20, 0),
    };
  } finally {
    index.stop();
  }
}

export interface HttpResult {
  command: string;
  passes: number;
  questions: number;
  search: Summary;
  chat: Summary;
  errors: number;
  statuses: Record<string, number>;
  serverRssMB: { before: number; after: number };
}

export function searchPath(q: string, k = 10): string {
  return `/api/search?q=${encodeURIComponent(q)}&k=${k}`;
}

export function chatBody(q: string): string {
  return JSON.stringify({ messages: [{ role: "user", content: q }] });
}

export async function benchHttp(opts: { server: BenchServer; questions: string[]; passes: number; log: (s: string) => void }): Promise<HttpResult> {
  const statuses: Record<string, number> = {};
  const search: number[] = [];
  const chat: number[] = [];
  let errors = 0;
  const before = opts.server.memory()?.rssMB ?? NaN;
  const call = async (path: string, init?: RequestInit): Promise<number> => {
    const t = performance.now();
    const res = await fetch(opts.server.base + path, init);
    await res.arrayBuffer();
    const ms = performance.now() - t;
    statuses[res.status] = (statuses[res.status] ?? 0) + 1;
    if (!res.ok) errors++;
    return ms;
  };
  for (let pass = 0; pass <= opts.passes; pass++) {
    for (const q of opts.questions) {
      const s = await call(searchPath(q));
      const c = await call("/api/chat", { method: "POST", headers: { "content-type": "application/json" }, body: chatBody(q) });
      if (pass === 0) continue;
      search.push(s);
      chat.push(c);
    }
    if (pass > 0) opts.log(`http pass ${pass}/${opts.passes}: search p50 ${summarize(search).p50} ms, chat p50 ${summarize(chat).p50} ms`);
  }
  return {
    command: "npm run bench -- --only=query   (server child: node --import tsx server/main.ts --no-web --no-ingest, 127.0.0.1, GONGBAO_RATE_LIMIT=0, result cache off; one client, keep-alive fetch)",
    passes: opts.passes, questions: opts.questions.length,
    search: summarize(search), chat: summarize(chat), errors, statuses,
    serverRssMB: { before, after: opts.server.memory()?.rssMB ?? NaN },
  };
}

export interface BaselineResult {
  command: string;
  passages: number;
  minisearch: { buildMs: number; heapMB: number; query: Summary };
  lancedbFts: { query: Summary; indexBytes: number | null };
  productSearch: Summary;
  ratios: { ftsVsMinisearchP50: number; ftsVsMinisearchP95: number; productVsMinisearchP50: number; productVsMinisearchP95: number };
}

interface MiniSearchIndex {
  ms: MiniSearch;
  buildMs: number;
  heapMB: number;
}

/** MiniSearch (BM25+) over the jieba cutForSearch tokens of `text_seg`; queries are tokenized with the same cutForSearch. */
export function buildMiniSearch(docs: Array<{ id: string; text_seg: string }>): MiniSearchIndex {
  const heapBefore = heapMB();
  const t = performance.now();
  const ms = new MiniSearch({
    fields: ["text_seg"],
    idField: "id",
    tokenize: (s: string) => s.split(" "),
    processTerm: (term: string) => term || null,
    searchOptions: { tokenize: (q: string) => cutForSearch(q), processTerm: (term: string) => term },
  });
  ms.addAll(docs);
  const buildMs = performance.now() - t;
  return { ms, buildMs, heapMB: heapMB() - heapBefore };
}

export function timeMiniSearch(index: MiniSearch, questions: string[], passes: number): Summary {
  const xs: number[] = [];
  for (let pass = 0; pass <= passes; pass++) {
    for (const q of questions) {
      const t = performance.now();
      index.search(q).slice(0, 10);
      if (pass > 0) xs.push(performance.now() - t);
    }
  }
  return summarize(xs);
}

/** LanceDB FTS alone on the same tokens (jieba on the question included), top 10. */
export async function timeLanceFts(run: OpenRun, questions: string[], passes: number): Promise<Summary> {
  const xs: number[] = [];
  for (let pass = 0; pass <= passes; pass++) {
    for (const q of questions) {
      const t = performance.now();
      const terms = cutForSearch(q).join(" ");
      if (terms) await run.passages.query().fullTextSearch(terms, { columns: "text_seg" }).select(["id", "_score"]).limit(10).toArray();
      if (pass > 0) xs.push(performance.now() - t);
    }
  }
  return summarize(xs);
}

export async function ftsIndexBytes(run: OpenRun): Promise<number | null> {
  const indices = await run.passages.listIndices();
  const fts = indices.find((i) => i.indexType === "FTS") as { sizeBytes?: number } | undefined;
  return fts?.sizeBytes ?? null;
}

export async function benchBaseline(opts: { indexDir: string; questions: string[]; passes: number; productSearch: Summary }): Promise<BaselineResult> {
  const { run, index } = await openServices(opts.indexDir);
  try {
    const docs = (await run.passages.query().select(["id", "text_seg"]).limit(10_000_000).toArray()).map((r) => ({ id: String(r.id), text_seg: String(r.text_seg) }));
    const mini = buildMiniSearch(docs);
    const miniQuery = timeMiniSearch(mini.ms, opts.questions, opts.passes);
    const fts = await timeLanceFts(run, opts.questions, opts.passes);
    return {
      command: "npm run bench -- --only=query   (MiniSearch 7 BM25 over text_seg tokens, in the benchmark process; LanceDB FTS query on the same cutForSearch tokens)",
      passages: docs.length,
      minisearch: { buildMs: round(mini.buildMs, 1), heapMB: round(mini.heapMB, 1), query: miniQuery },
      lancedbFts: { query: fts, indexBytes: await ftsIndexBytes(run) },
      productSearch: opts.productSearch,
      ratios: {
        ftsVsMinisearchP50: ratio(fts.p50, miniQuery.p50), ftsVsMinisearchP95: ratio(fts.p95, miniQuery.p95),
        productVsMinisearchP50: ratio(opts.productSearch.p50, miniQuery.p50), productVsMinisearchP95: ratio(opts.productSearch.p95, miniQuery.p95),
      },
    };
  } finally {
    index.stop();
  }
}

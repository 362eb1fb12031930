/**
 * The markdown summary of a results file: targets with pass/miss, then every section's figures with
 * machine, command and load. Also a CLI: `npm run bench:report [-- bench/results/<date>.json]` re-renders
 * the markdown next to the JSON.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { IngestResult } from "./ingest.ts";
import type { LoadLevel } from "./load.ts";
import type { LoadWindow, MachineInfo } from "./machine.ts";
import { machineLine } from "./machine.ts";
import type { StageBreakdown } from "./query.ts";
import type { BenchResults, Section } from "./run.ts";
import type { ScaleRun } from "./scale.ts";
import type { Summary } from "./stats.ts";

type Verdict = "pass" | "miss" | "n/a";

interface Target {
  what: string;
  goal: string;
  measured: string;
  verdict: Verdict;
  section: string;
  loaded: boolean | null;
}

const fmt = (x: number | null | undefined, digits = 1): string =>
  x === null || x === undefined || Number.isNaN(x) ? "—" : x.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: 0 });
const ms = (x: number | null | undefined) => `${fmt(x, x !== null && x !== undefined && Math.abs(x) < 1 ? 3 : x !== null && x !== undefined && Math.abs(x) < 10 ? 2 : 1)} ms`;
const sec = (x: number | null | undefined) => (x === null || x === undefined || Number.isNaN(x) ? "—" : `${fmt(x / 1000, 1)} s`);
const gb = (bytes: number | null | undefined) => (bytes === null || bytes === undefined || Number.isNaN(bytes) ? "—" : `${fmt(bytes / 1e9, 2)} GB`);
const pct = (x: number | null | undefined) => (x === null || x === undefined || Number.isNaN(x) ? "—" : `${fmt(x * 100, 1)} %`);
const verdictOf = (ok: boolean | null): Verdict => (ok === null ? "n/a" : ok ? "pass" : "miss");
const loadNote = (l: LoadWindow | undefined) =>
  l ? `${l.loaded ? "**measured under load**" : "machine quiet"}: other processes used ${fmt(l.foreignCores, 2)} cores on average (this benchmark ${fmt(l.oursCores, 2)}), load average ${l.loadavg[0]} → ${l.loadavg[1]}` : "";

function sectionHeader<T>(s: Section<T>, command: string): string {
  return [
    `- Measured ${s.measuredAt} on ${machineLine(s.machine)}, git ${s.machine.git.commit}${s.machine.git.dirty ? " (uncommitted changes)" : ""}`,
    `- Command: \`${command}\``,
    `- Load: ${loadNote(s.load)}`,
    "",
  ].join("\n");
}

function scaleRun(r: BenchResults, size: number): ScaleRun | undefined {
  return r.sections.scale?.data.runs.find((x) => x.size === size);
}

interface SearchPhase { hybrid: Summary; stages: Record<string, Summary>; openMs: number; rssAfterMB: number }
interface VectorSetting { label: string; latency: Summary; recallAt10: number; tieTolerantRecallAt10: number; productShape?: { latency: Summary; recallAt10: number; exactTop10In40: number } }
interface IndexPhase { rows: number; buildMs: number; perIndex: Array<{ name: string; type: string; approxBuildMs: number }>; disk: { tableBytes: number; dataBytes: number; indexBytes: number; passagesPerGB: number } }

export function targets(r: BenchResults): Target[] {
  const t: Target[] = [];
  const s = r.sections;
  const ingest = s.ingest;
  t.push({
    what: "Ingest of the five issues (cold, fresh process: start → index published)", goal: "≤ 10 s",
    measured: ingest ? `${sec(ingest.data.median.coldWallMs)} (warm re-ingest ${sec(ingest.data.median.warmIngestMs)})` : "not run",
    verdict: verdictOf(ingest ? ingest.data.median.coldWallMs <= 10_000 : null), section: "ingest", loaded: ingest?.load.loaded ?? null,
  });
  const pdf = s.ingestPdf;
  t.push({
    what: "Ingest of the five issues as PDFs (cold, fresh process: start → index published)", goal: "≤ 10 s",
    measured: pdf ? `${sec(pdf.data.median.coldWallMs)} (warm re-ingest ${sec(pdf.data.median.warmIngestMs)}; parse ${ms(pdf.data.stages.cold.parseMs.ms.p50)} cold)` : "not run",
    verdict: verdictOf(pdf ? pdf.data.median.coldWallMs <= 10_000 : null), section: "ingestPdf", loaded: pdf?.load.loaded ?? null,
  });
  const load = s.load;
  const peak = load ? Math.max(load.data.serverRssMB.peak, ...load.data.levels.map((l) => l.serverRssMB.after)) : null;
  t.push({
    what: "Server RSS at corpus scale (peak VmHWM over the HTTP + load runs)", goal: "≤ 300 MB",
    measured: load ? `${fmt(peak, 0)} MB peak (idle ${fmt(load.data.serverRssMB.idle, 0)} MB, end ${fmt(load.data.serverRssMB.end, 0)} MB)` : "not run",
    verdict: verdictOf(peak === null ? null : peak <= 300), section: "load", loaded: load?.load.loaded ?? null,
  });
  const http = s.queryHttp;
  t.push({
    what: "Search p95 over HTTP at corpus scale (one client, dev set)", goal: "≤ 40 ms",
    measured: http ? ms(http.data.search.p95) : "not run", verdict: verdictOf(http ? http.data.search.p95 <= 40 : null), section: "queryHttp", loaded: http?.load.loaded ?? null,
  });
  t.push({
    what: "Extractive chat p95 over HTTP at corpus scale", goal: "≤ 150 ms",
    measured: http ? ms(http.data.chat.p95) : "not run", verdict: verdictOf(http ? http.data.chat.p95 <= 150 : null), section: "queryHttp", loaded: http?.load.loaded ?? null,
  });
  const throughput = (what: string, section: "load" | "loadCached") => {
    const sec = s[section];
    const c32 = sec?.data.levels.find((l) => l.route === "search" && l.connections === 32);
    const errs = c32 ? c32.errors + c32.timeouts + (c32.non2xx - c32.rateLimited) : null;
    t.push({
      what, goal: "≥ 300 req/s, 0 errors", measured: c32 ? `${fmt(c32.requestsPerSec, 0)} req/s, ${errs} errors` : "not run",
      verdict: verdictOf(c32 ? c32.requestsPerSec >= 300 && errs === 0 : null), section, loaded: sec?.load.loaded ?? null,
    });
  };
  throughput("Search throughput at 32 connections, zero errors (every request searches: result cache off)", "load");
  throughput("… the same with the default result cache (166 distinct questions repeating)", "loadCached");
  const m = scaleRun(r, 1_000_000);
  const mSearch = m?.phases.search as SearchPhase | undefined;
  const mVector = m?.phases.vector as { settings: VectorSetting[] } | undefined;
  const mIndex = m?.phases.index as IndexPhase | undefined;
  const extra = s.scale?.data.extrapolated.find((e) => e.size === 1_000_000);
  const scaleLoaded = m?.load?.loaded ?? s.scale?.load.loaded ?? null;
  const mRows = mIndex?.rows;
  const partial = mRows !== undefined && mRows < 1_000_000 ? ` (only ${fmt(mRows, 0)} rows measured)` : "";
  t.push({
    what: "1M passages: hybrid search p95 (product retriever, in-process)", goal: "≤ 150 ms",
    measured: mSearch ? `${ms(mSearch.hybrid.p95)}${partial}` : extra ? `${ms(extra.figures.hybridP95Ms)} EXTRAPOLATED` : "not run",
    verdict: verdictOf(mSearch && !partial ? mSearch.hybrid.p95 <= 150 : null), section: "scale", loaded: scaleLoaded,
  });
  const prodRecall = mVector?.settings[0];
  const best = mVector?.settings.filter((x) => x.recallAt10 >= 0.9).sort((a, b) => a.latency.p95 - b.latency.p95)[0];
  t.push({
    what: "1M passages: vector recall@10 vs exact search (as the product queries)", goal: "≥ 0.9",
    measured: prodRecall ? `${fmt(prodRecall.recallAt10, 3)} (tie-tolerant ${fmt(prodRecall.tieTolerantRecallAt10, 3)})${best && best !== prodRecall ? `; ${fmt(best.recallAt10, 3)} with ${best.label}` : ""}${partial}` : "not run",
    verdict: verdictOf(prodRecall && !partial ? prodRecall.recallAt10 >= 0.9 : null), section: "scale", loaded: scaleLoaded,
  });
  t.push({
    what: "1M passages: index build (FTS + btree + vector, createIndices)", goal: "≤ 15 min",
    measured: mIndex ? `${fmt(mIndex.buildMs / 60_000, 1)} min${partial}` : extra ? `${fmt(extra.figures.indexBuildMs / 60_000, 1)} min EXTRAPOLATED` : "not run",
    verdict: verdictOf(mIndex && !partial ? mIndex.buildMs <= 15 * 60_000 : null), section: "scale", loaded: scaleLoaded,
  });
  return t;
}

function breakdownTable(b: StageBreakdown): string {
  const rows = ["| | mean | p50 | p95 | p99 | share of wall (mean) |", "|---|---|---|---|---|---|"];
  rows.push(`| **wall** | ${fmt(b.wall.mean, 2)} | ${fmt(b.wall.p50, 2)} | ${fmt(b.wall.p95, 2)} | ${fmt(b.wall.p99, 2)} | 100 % |`);
  const names: Record<string, string> = {
    understandMs: "understanding (jieba, lexicon, 文号)", embedMs: "embedding (hashed, query)", ftsMs: "FTS (LanceDB, ∥ vector)", vectorMs: "vector (in memory for runs under 5,000 passages, else LanceDB IVF; ∥ FTS)",
    fuseMs: "fusion + diversify", answerMs: "answer building (extractive)",
  };
  for (const [k, v] of Object.entries(b.stages)) {
    if (!v) continue;
    rows.push(`| ${names[k] ?? k} | ${fmt(v.mean, 2)} | ${fmt(v.p50, 2)} | ${fmt(v.p95, 2)} | ${fmt(v.p99, 2)} | ${pct(b.shareOfWall[k as keyof typeof b.shareOfWall])} |`);
  }
  rows.push(`| other (not in the code's timings: resolveQuestion, row decoding, scheduling) | ${fmt(b.otherMs.mean, 2)} | ${fmt(b.otherMs.p50, 2)} | ${fmt(b.otherMs.p95, 2)} | ${fmt(b.otherMs.p99, 2)} | |`);
  return rows.join("\n");
}

function loadTable(levels: LoadLevel[]): string {
  const rows = [
    "| route | connections | req/s | p50 | p90 | p99 | max | requests | errors | timeouts | non-2xx (429) | server CPU per request | server RSS before → after |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
  ];
  for (const l of levels) {
    rows.push(
      `| ${l.route} | ${l.connections} | ${fmt(l.requestsPerSec, 0)} | ${l.latencyMs.p50} ms | ${l.latencyMs.p90} ms | ${l.latencyMs.p99} ms | ${l.latencyMs.max} ms | ${fmt(l.requests, 0)} | ${l.errors} | ${l.timeouts} | ${l.non2xx} (${l.rateLimited}) | ${ms(l.serverCpuMsPerRequest)} | ${fmt(l.serverRssMB.before, 0)} → ${fmt(l.serverRssMB.after, 0)} MB |`,
    );
  }
  return rows.join("\n");
}

function questionCount(r: BenchResults): string {
  return String(r.sections.queryInProcess?.data.questions ?? r.sections.queryHttp?.data.questions ?? "the");
}

function scaleSection(r: BenchResults): string[] {
  const s = r.sections.scale;
  if (!s) return [];
  const out = ["## Scale: synthetic corpora (real sentences recombined)", "", sectionHeader(s, s.data.command)];
  out.push(
    "Synthetic passages belong to real documents, carry real headings and real passage lengths, and recombine real sentences (80 % from the same document); " +
      "segmentation and vectors come from the product's `segmentForIndex` and `hashedVector` (1024-d) in worker threads; rows are streamed with `table.add`; " +
      "indices are the product's `createIndices`; searches are the product's `retriever.search` (hybrid, k = 10). Recall@10 is against exact search " +
      "over the first 100 dev-set questions' query vectors, the ground truth being an exact scan of every generated vector in the worker threads (cross-checked against LanceDB's flat search on a few queries); the tie-tolerant figure counts a hit whose exact distance is within the 10th exact distance (recombined passages make near-ties common).",
    "",
  );
  const head = ["| | " + s.data.runs.map((x) => `${fmt(x.size, 0)}`).join(" | ") + " |", "|---|" + s.data.runs.map(() => "---|").join("")];
  const row = (label: string, f: (x: ScaleRun) => string) => `| ${label} | ${s.data.runs.map(f).join(" | ")} |`;
  const P = <T>(x: ScaleRun, k: string) => x.phases[k] as T | undefined;
  out.push(
    ...head,
    row("measured", (x) => (x.measuredAt ? x.measuredAt.slice(0, 16).replace("T", " ") : "—")),
    row("other processes on the machine meanwhile", (x) => {
      const l = x.load ?? s.load;
      return `${fmt(l.foreignCores, 2)} cores${l.loaded ? " — **under load**" : ""}${x.load ? "" : " (whole scale section)"}`;
    }),
    row("rows written", (x) => {
      const g = P<{ rows: number; partial: boolean }>(x, "generate");
      return g ? `${fmt(g.rows, 0)}${g.partial ? " (partial: time budget)" : ""}` : x.error ? `failed: ${x.error.slice(0, 80)}` : "—";
    }),
    row("generate + segment + embed + write (2 worker threads)", (x) => {
      const g = P<{ wallMs: number; rowsPerSec: number }>(x, "generate");
      return g ? `${sec(g.wallMs)} (${fmt(g.rowsPerSec, 0)} rows/s)` : "—";
    }),
    row("index build, createIndices (total)", (x) => sec(P<IndexPhase>(x, "index")?.buildMs)),
    row("… per index (approx., from index createdAt)", (x) => P<IndexPhase>(x, "index")?.perIndex.map((i) => `${i.type} ${sec(i.approxBuildMs)}`).join(", ") ?? "—"),
    row("table on disk (du)", (x) => {
      const d = P<IndexPhase>(x, "index")?.disk;
      return d ? `${gb(d.tableBytes)} (data ${gb(d.dataBytes)}, indices ${gb(d.indexBytes)})` : "—";
    }),
    row("passages per GB on disk", (x) => fmt(P<IndexPhase>(x, "index")?.disk.passagesPerGB, 0)),
    row("open the run (LiveIndex)", (x) => ms(P<SearchPhase>(x, "search")?.openMs)),
    row("hybrid search p50 / p95 (product)", (x) => {
      const h = P<SearchPhase>(x, "search")?.hybrid;
      return h ? `${ms(h.p50)} / ${ms(h.p95)}` : "—";
    }),
    row("… FTS stage p50 / p95", (x) => {
      const h = P<SearchPhase>(x, "search")?.stages.ftsMs;
      return h ? `${ms(h.p50)} / ${ms(h.p95)}` : "—";
    }),
    row("… vector stage p50 / p95", (x) => {
      const h = P<SearchPhase>(x, "search")?.stages.vectorMs;
      return h ? `${ms(h.p50)} / ${ms(h.p95)}` : "—";
    }),
    row("product FTS path alone (Retriever without embedder) p50 / p95", (x) => {
      const h = P<{ productFtsOnly: { wall: Summary } }>(x, "stages")?.productFtsOnly.wall;
      return h ? `${ms(h.p50)} / ${ms(h.p95)}` : "—";
    }),
    row("filtered vector query (where year = …, limit 40) p50 / p95", (x) => {
      const h = P<{ filteredVector: { latency: Summary; rowsOutsideFilter: number; queriesShortOfLimit: number } }>(x, "stages")?.filteredVector;
      return h ? `${ms(h.latency.p50)} / ${ms(h.latency.p95)} (${h.rowsOutsideFilter} rows outside the filter, ${h.queriesShortOfLimit} short)` : "—";
    }),
    row("vector index (as built)", (x) => P<{ index: { type: string } | null }>(x, "vector")?.index?.type ?? (x.phases.vector ? "none (flat)" : "—")),
    row("vector query as the product runs it: p50 / p95, recall@10", (x) => {
      const v = P<{ settings: VectorSetting[] }>(x, "vector")?.settings[0];
      return v ? `${ms(v.latency.p50)} / ${ms(v.latency.p95)}, ${fmt(v.recallAt10, 3)} (tie-tol. ${fmt(v.tieTolerantRecallAt10, 3)})` : "—";
    }),
    row("exact (flat) vector search p50 / p95", (x) => {
      const e = P<{ flatScan: Summary; agreementWithWorkerScan?: number }>(x, "exact");
      return e ? `${ms(e.flatScan.p50)} / ${ms(e.flatScan.p95)} (n = ${e.flatScan.n}; agrees with the ground truth on ${fmt(e.agreementWithWorkerScan, 3)})` : "—";
    }),
    row("LanceDB FTS alone p50 / p95 (top 10)", (x) => {
      const f = P<{ lancedbFts: { query: Summary } }>(x, "fts")?.lancedbFts.query;
      return f ? `${ms(f.p50)} / ${ms(f.p95)}` : "—";
    }),
    row("FTS index size", (x) => gb(P<{ lancedbFts: { indexBytes: number | null } }>(x, "fts")?.lancedbFts.indexBytes)),
    row("MiniSearch BM25 p50 / p95, heap, build", (x) => {
      const m = P<{ minisearch?: { query: Summary; heapMB: number; buildMs: number } }>(x, "fts")?.minisearch;
      return m ? `${ms(m.query.p50)} / ${ms(m.query.p95)}, ${fmt(m.heapMB, 0)} MB, ${sec(m.buildMs)}` : "—";
    }),
    row("LanceDB FTS ÷ MiniSearch (p50, p95)", (x) => {
      const q = P<{ ratios?: { ftsVsMinisearchP50: number; ftsVsMinisearchP95: number } }>(x, "fts")?.ratios;
      return q ? `${fmt(q.ftsVsMinisearchP50, 2)}×, ${fmt(q.ftsVsMinisearchP95, 2)}×` : "—";
    }),
    row("server child: RSS idle / after 2 × dev set / peak", (x) => {
      const v = P<{ idleRssMB: number; afterRssMB: number; peakRssMB: number }>(x, "server");
      return v ? `${fmt(v.idleRssMB, 0)} / ${fmt(v.afterRssMB, 0)} / ${fmt(v.peakRssMB, 0)} MB` : "—";
    }),
    row("server child: HTTP search p50 / p95 (one client)", (x) => {
      const v = P<{ httpSearch: Summary }>(x, "server")?.httpSearch;
      return v ? `${ms(v.p50)} / ${ms(v.p95)}` : "—";
    }),
    row("benchmark process max RSS (generation, indexing, queries)", (x) => (x.maxRssMB ? `${fmt(x.maxRssMB, 0)} MB` : "—")),
    row("wall time of the whole size", (x) => sec(x.wallMs)),
    "",
  );
  // Growth between consecutive measured sizes.
  const measured = s.data.runs.filter((x) => x.phases.index && x.phases.search);
  if (measured.length >= 2) {
    out.push("### How the figures grow with the corpus", "", "| from → to (rows ×) | index build × | disk × | hybrid p95 × | FTS stage p95 × | vector stage p95 × | server RSS after queries × |", "|---|---|---|---|---|---|---|");
    for (let i = 1; i < measured.length; i++) {
      const a = measured[i - 1]!;
      const b = measured[i]!;
      const ia = P<IndexPhase>(a, "index")!;
      const ib = P<IndexPhase>(b, "index")!;
      const sa = P<SearchPhase>(a, "search")!;
      const sb = P<SearchPhase>(b, "search")!;
      const ra = P<{ afterRssMB: number }>(a, "server")?.afterRssMB;
      const rb = P<{ afterRssMB: number }>(b, "server")?.afterRssMB;
      const f = (x: number | undefined, y: number | undefined) => (x && y ? `${fmt(y / x, 2)}×` : "—");
      out.push(
        `| ${fmt(ia.rows, 0)} → ${fmt(ib.rows, 0)} (${fmt(ib.rows / ia.rows, 1)}×) | ${f(ia.buildMs, ib.buildMs)} | ${f(ia.disk.tableBytes, ib.disk.tableBytes)} | ${f(sa.hybrid.p95, sb.hybrid.p95)} | ` +
          `${f(sa.stages.ftsMs?.p95, sb.stages.ftsMs?.p95)} | ${f(sa.stages.vectorMs?.p95, sb.stages.vectorMs?.p95)} | ${f(ra, rb)} |`,
      );
    }
    out.push("");
  }
  for (const x of s.data.runs) {
    const shapes = P<{ shapes: Array<{ label: string; latency: Summary }>; questionsWithExpansions: number }>(x, "ftsShapes");
    if (!shapes) continue;
    out.push(
      `### FTS query shapes at ${fmt(x.size, 0)} passages (where the product's FTS time goes)`, "",
      `${shapes.questionsWithExpansions} of ${questionCount(r)} dev-set questions have lexicon expansions (search.ts then sends two MatchQueries side by side, one for the question's words and one for the official terms, and sums their scores; it sent one BooleanQuery of both until 2026-11-23).`, "",
      "| query | p50 | p95 |", "|---|---|---|", ...shapes.shapes.map((q) => `| ${q.label} | ${ms(q.latency.p50)} | ${ms(q.latency.p95)} |`), "",
    );
  }
  for (const x of s.data.runs) {
    const v = P<{ index: { type: string } | null; settings: VectorSetting[] }>(x, "vector");
    const variants = P<Array<{ name: string; buildMs?: number; indexBytes?: number | null; error?: string; settings?: VectorSetting[] }>>(x, "variants") ?? [];
    if (!v && variants.length === 0) continue;
    out.push(
      `### Vector search at ${fmt(x.size, 0)} passages: index types and query settings`, "",
      "limit 10 = a plain top-10 query (id); product shape = the query search.ts sends (limit 40, display columns): its first 10 rows vs the exact top 10, and how much of the exact top 10 is anywhere in its 40 rows (all 40 go into fusion).", "",
      "| index (build, size) | query settings | limit 10 p50 / p95 | recall@10 | tie-tolerant | product shape p50 / p95 | its recall@10 | exact top 10 in its 40 |",
      "|---|---|---|---|---|---|---|---|",
    );
    const line = (idx: string, st: VectorSetting) =>
      `| ${idx} | ${st.label} | ${ms(st.latency.p50)} / ${ms(st.latency.p95)} | ${fmt(st.recallAt10, 3)} | ${fmt(st.tieTolerantRecallAt10, 3)} | ` +
      `${st.productShape ? `${ms(st.productShape.latency.p50)} / ${ms(st.productShape.latency.p95)} | ${fmt(st.productShape.recallAt10, 3)} | ${fmt(st.productShape.exactTop10In40, 3)}` : "— | — | —"} |`;
    const built = P<IndexPhase>(x, "index")?.perIndex.find((i) => i.name === "vector_idx");
    for (const st of v?.settings ?? []) out.push(line(`**${v?.index?.type ?? "flat"}** (product createIndices${built ? `, ${sec(built.approxBuildMs)}` : ""})`, st));
    for (const va of variants) {
      if (va.error) out.push(`| ${va.name} | build failed: ${va.error.slice(0, 120)} | | | | | | |`);
      for (const st of va.settings ?? []) out.push(line(`${va.name} (${sec(va.buildMs)}, ${gb(va.indexBytes)})`, st));
    }
    out.push("");
  }
  for (const e of s.data.extrapolated) {
    out.push(`**EXTRAPOLATED (not measured) for ${fmt(e.size, 0)} passages** — ${e.method}:`, "");
    out.push(Object.entries(e.figures).map(([k, v]) => `- ${k}: ${k.endsWith("Bytes") ? gb(v) : k.endsWith("Ms") ? (v > 60_000 ? `${fmt(v / 60_000, 1)} min` : ms(v)) : fmt(v)}`).join("\n"), "");
  }
  return out;
}

function deployFigures(r: BenchResults): string[] {
  const runs = r.sections.scale?.data.runs ?? [];
  if (runs.length === 0 && !r.sections.load) return [];
  const out = ["## Figures for docs/deploying-at-scale.md", ""];
  for (const x of runs) {
    const idx = x.phases.index as IndexPhase | undefined;
    const search = x.phases.search as SearchPhase | undefined;
    const server = x.phases.server as { idleRssMB: number; afterRssMB: number; httpSearch: Summary } | undefined;
    const gen = x.phases.generate as { rowsPerSec: number; wallMs: number } | undefined;
    if (!idx) continue;
    out.push(
      `- **${fmt(idx.rows, 0)} passages** (1024-d hashed vectors): ${gb(idx.disk.tableBytes)} on disk → **${fmt(idx.disk.passagesPerGB, 0)} passages per GB** ` +
        `(vectors alone are 4.1 KB per passage); index build ${fmt(idx.buildMs / 60_000, 1)} min; segment + embed + write ${gen ? `${fmt(gen.rowsPerSec, 0)} passages/s on 2 cores` : "—"}; ` +
        `hybrid search p50 ${ms(search?.hybrid.p50)}, p95 ${ms(search?.hybrid.p95)} in-process` +
        (server ? `, over HTTP p50 ${ms(server.httpSearch.p50)}, p95 ${ms(server.httpSearch.p95)}; server RSS ${fmt(server.idleRssMB, 0)} MB idle, ${fmt(server.afterRssMB, 0)} MB after queries` : ""),
    );
  }
  const load = r.sections.load;
  if (load) {
    const best = [...load.data.levels].filter((l) => l.route === "search").sort((a, b) => b.requestsPerSec - a.requestsPerSec)[0];
    if (best) out.push(`- Corpus scale (one replica, 2 cores): search saturates at about ${fmt(best.requestsPerSec, 0)} req/s (${best.connections} connections, p99 ${best.latencyMs.p99} ms).`);
  }
  out.push("");
  return out;
}

export function renderMarkdown(r: BenchResults): string {
  const s = r.sections;
  const anyMachine: MachineInfo | undefined = Object.values(s).find(Boolean)?.machine;
  const out: string[] = [`# gongbao benchmarks — ${r.date}`, ""];
  if (anyMachine) out.push(`Machine: ${machineLine(anyMachine)}. Client and server share this machine (autocannon runs in the benchmark process).`, "");
  out.push(
    "Reproduce: `npm run bench` (ingest, query, HTTP, load, profile), `npm run bench:scale` (100k and 1M synthetic passages; or `npm run bench -- --scale` for everything).",
    "A section is marked **measured under load** when other processes on the machine (not this benchmark or its children) used more than 0.25 cores on average while it ran.",
    "",
    "## Targets",
    "",
    "| target | goal | measured | result | measured under load? |",
    "|---|---|---|---|---|",
  );
  for (const t of targets(r)) {
    const foreign = t.section === "scale" ? (scaleRun(r, 1_000_000)?.load ?? s.scale?.load)?.foreignCores : s[t.section as keyof typeof s]?.load.foreignCores;
    out.push(`| ${t.what} | ${t.goal} | ${t.measured} | ${t.verdict === "pass" ? "✅ pass" : t.verdict === "miss" ? "❌ miss" : "n/a"} | ${t.loaded === null ? "—" : t.loaded ? `yes (${fmt(foreign, 2)} cores busy elsewhere)` : "no"} |`);
  }
  out.push("");

  if (s.ingest) out.push(...ingestMarkdown("the five issues", s.ingest));
  if (s.ingestPdf) out.push(...ingestMarkdown("the five issues as PDFs", s.ingestPdf));
  if (s.queryInProcess) {
    const d = s.queryInProcess.data;
    out.push(`## Query path at corpus scale, in-process (${d.questions} dev-set questions × ${d.passes} passes after a warm-up pass)`, "", sectionHeader(s.queryInProcess, d.command));
    out.push("### Search (k = 10)", "", breakdownTable(d.search), "", "### Extractive chat", "", breakdownTable(d.chat), "");
    out.push(`Chat abstained on ${pct(d.chatAbstainedShare)} of the questions. FTS runs concurrently with embedding + vector search, so stage shares can add up to more than 100 %.`, "");
  }
  if (s.queryHttp) {
    const d = s.queryHttp.data;
    out.push(`## Query path over HTTP (real server child, ${d.questions} questions × ${d.passes} passes, one client)`, "", sectionHeader(s.queryHttp, d.command));
    out.push(
      "| route | mean | p50 | p95 | p99 | max |", "|---|---|---|---|---|---|",
      `| GET /api/search | ${fmt(d.search.mean, 2)} | ${fmt(d.search.p50, 2)} | ${fmt(d.search.p95, 2)} | ${fmt(d.search.p99, 2)} | ${fmt(d.search.max, 2)} |`,
      `| POST /api/chat (extractive) | ${fmt(d.chat.mean, 2)} | ${fmt(d.chat.p50, 2)} | ${fmt(d.chat.p95, 2)} | ${fmt(d.chat.p99, 2)} | ${fmt(d.chat.max, 2)} |`,
      "",
      `Statuses: ${Object.entries(d.statuses).map(([k, v]) => `${k}: ${v}`).join(", ")}; errors ${d.errors}. Server RSS ${fmt(d.serverRssMB.before, 0)} → ${fmt(d.serverRssMB.after, 0)} MB.`,
      "",
    );
  }
  if (s.baseline) {
    const d = s.baseline.data;
    out.push(`## Baseline: MiniSearch BM25 in memory vs LanceDB (${fmt(d.passages, 0)} passages)`, "", sectionHeader(s.baseline, d.command));
    out.push(
      "| | p50 | p95 | notes |", "|---|---|---|---|",
      `| MiniSearch (cutForSearch tokens, top 10) | ${ms(d.minisearch.query.p50)} | ${ms(d.minisearch.query.p95)} | build ${ms(d.minisearch.buildMs)}, heap ${fmt(d.minisearch.heapMB, 1)} MB |`,
      `| LanceDB FTS alone (same tokens, top 10) | ${ms(d.lancedbFts.query.p50)} | ${ms(d.lancedbFts.query.p95)} | index ${gb(d.lancedbFts.indexBytes)} on disk; **${fmt(d.ratios.ftsVsMinisearchP50, 2)}× / ${fmt(d.ratios.ftsVsMinisearchP95, 2)}×** MiniSearch (p50 / p95) |`,
      `| product search (hybrid, understanding, fusion) | ${ms(d.productSearch.p50)} | ${ms(d.productSearch.p95)} | **${fmt(d.ratios.productVsMinisearchP50, 2)}× / ${fmt(d.ratios.productVsMinisearchP95, 2)}×** MiniSearch |`,
      "",
    );
  }
  if (s.load) {
    const d = s.load.data;
    out.push("## Load: autocannon against the real server", "", sectionHeader(s.load, d.command));
    out.push(loadTable(d.levels), "", `Server RSS: idle ${fmt(d.serverRssMB.idle, 0)} MB, at the end ${fmt(d.serverRssMB.end, 0)} MB, peak (VmHWM) ${fmt(d.serverRssMB.peak, 0)} MB. Latencies are autocannon's (ms resolution). Connections cycle through the dev-set questions (one shared cursor).`, "");
  }
  if (s.loadCached) {
    const d = s.loadCached.data;
    out.push("## Load with the result cache on (GONGBAO_SEARCH_CACHE=1000, the default)", "", sectionHeader(s.loadCached, d.command));
    out.push(loadTable(d.levels), "", `The dev-set questions repeat, so after the first round most requests are answered from the cache: this is the ceiling for often-asked questions, not for new ones (see the table above). Server RSS: idle ${fmt(d.serverRssMB.idle, 0)} MB, peak (VmHWM) ${fmt(d.serverRssMB.peak, 0)} MB.`, "");
  }
  if (s.profile) {
    const d = s.profile.data;
    out.push("## CPU profile of the server under load (main thread)", "", sectionHeader(s.profile, d.command));
    for (const p of d.profiles) {
      out.push(`### ${p.route} at ${d.connections} connections: ${fmt(p.load.requestsPerSec, 0)} req/s, p50 ${p.load.latencyMs.p50} ms, p99 ${p.load.latencyMs.p99} ms (profiling on)`, "");
      out.push("| part of the code (self time) | share |", "|---|---|", ...p.byCategory.slice(0, 12).map((c) => `| ${c.category} | ${pct(c.share)} |`), "");
      out.push("| function (inclusive time) | share |", "|---|---|", ...p.inclusive.map((c) => `| ${c.fn} | ${pct(c.share)} |`), "");
      out.push("<details><summary>Top functions by self time</summary>", "", "| function | self | share |", "|---|---|---|", ...p.topSelf.map((f) => `| \`${f.fn}\` | ${fmt(f.ms, 0)} ms | ${pct(f.share)} |`), "", "</details>", "");
    }
  }
  if (s.memory) {
    const d = s.memory.data;
    out.push("## Server memory and throughput by allocator / LanceDB thread setting (corpus scale)", "", sectionHeader(s.memory, d.command));
    out.push("| setting | idle | after sequential pass | after 32 conns | after 128 conns | peak (VmHWM) | load (req/s, p99) |", "|---|---|---|---|---|---|---|");
    for (const m of d.runs) {
      out.push(`| ${m.setting} | ${fmt(m.rssMB.idle, 0)} MB | ${fmt(m.rssMB.afterSequential, 0)} MB | ${fmt(m.rssMB.afterLoad32, 0)} MB | ${fmt(m.rssMB.afterLoad128, 0)} MB | ${fmt(m.rssMB.peak, 0)} MB | ${m.load.map((l) => `${l.route}@${l.connections}: ${fmt(l.requestsPerSec, 0)}/s, ${l.p99} ms${l.errors ? `, ${l.errors} errors` : ""}`).join("; ")} |`);
    }
    out.push("");
  }
  out.push(...scaleSection(r), ...deployFigures(r));
  return `${out.join("\n")}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dir = new URL("./results/", import.meta.url).pathname;
  const file = process.argv[2] ?? `${dir}${readdirSync(dir).filter((f) => /^\d{4}-\d{2}-\d{2}\.json$/.test(f)).sort().at(-1)}`;
  const results = JSON.parse(readFileSync(file, "utf8")) as BenchResults;
  writeFileSync(file.replace(/\.json$/, ".md"), renderMarkdown(results));
  process.stdout.write(`wrote ${file.replace(/\.json$/, ".md")}\n`);
}

function ingestMarkdown(what: string, section: Section<IngestResult>): string[] {
  const out: string[] = [];
  const d = section.data;
    out.push(`## Ingest: ${what} (${d.issues} issues, ${d.documents} documents, ${fmt(d.passages, 0)} passages)`, "", sectionHeader(section, d.command));
  out.push(
    `Cold = a fresh process and an empty index folder (node boot + tsx + module loading ${ms(d.median.bootPlusImportMs)}, jieba dictionary load inside the first segment call); ` +
      `warm = a second \`--force\` ingest in the same process. Medians of ${d.repetitions.length} repetitions. Peak RSS of the child (\`process.resourceUsage().maxRSS\`): ${fmt(d.median.coldMaxRssMB, 0)} MB after the cold run, ${fmt(d.median.maxRssMB, 0)} MB after both.`,
    "",
    "| stage | cold ms (p50) | cold passages/s | warm ms (p50) | warm passages/s |",
    "|---|---|---|---|---|",
  );
  for (const k of ["parseMs", "segmentMs", "embedMs", "writeMs", "indexMs", "totalMs"] as const) {
    out.push(`| ${k.replace("Ms", "")} | ${fmt(d.stages.cold[k].ms.p50, 0)} | ${fmt(d.stages.cold[k].passagesPerSec, 0)} | ${fmt(d.stages.warm[k].ms.p50, 0)} | ${fmt(d.stages.warm[k].passagesPerSec, 0)} |`);
  }
  out.push(`| **process start → published (cold wall)** | ${fmt(d.median.coldWallMs, 0)} | ${fmt(d.passages / (d.median.coldWallMs / 1000), 0)} | | |`, "");
  out.push("`total` is `runIngest`'s own total (it also covers task extraction, publishing and garbage collection, which have no stage of their own).", "");
    return out;
}

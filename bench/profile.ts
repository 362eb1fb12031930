/**
 * Where the server's main thread spends its time under load: the real server child with
 * `--cpu-prof`, autocannon against it (search, then chat, one server each), and the V8 profile
 * summarised by self time per function and per part of the code. LanceDB's own query work runs
 * on its native threads and is not in the V8 profile; the JS that waits for it shows as idle.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { benchLoad } from "./load.ts";
import type { LoadLevel } from "./load.ts";
import { round } from "./machine.ts";
import { startServer } from "./server.ts";

interface CpuProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: CpuProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileSummary {
  route: "search" | "chat";
  load: LoadLevel;
  totalMs: number;
  /** Share of the main thread's time by part of the code (self time). */
  byCategory: Array<{ category: string; ms: number; share: number }>;
  /** Functions with the most self time. */
  topSelf: Array<{ fn: string; ms: number; share: number }>;
  /** Inclusive time of the functions on the request path. */
  inclusive: Array<{ fn: string; ms: number; share: number }>;
}

export interface ProfileResult {
  command: string;
  connections: number;
  profiles: ProfileSummary[];
}

function shortUrl(url: string): string {
  const root = new URL("..", import.meta.url).href;
  return url.startsWith(root) ? url.slice(root.length) : url.replace(/^file:\/\/.*\/node_modules\//, "node_modules/");
}

export function categoryOf(frame: CpuProfileNode["callFrame"]): string {
  const { functionName: fn, url } = frame;
  if (fn === "(idle)") return "idle (waiting: LanceDB native threads, network)";
  if (fn === "(garbage collector)") return "garbage collector";
  if (fn === "(program)") return "V8/native (program)";
  if (url.includes("@node-rs/jieba") || /^(cut|cutForSearch|cutAll|tag|withDict|loadDict)$/.test(fn) && url === "") return "jieba (segmentation)";
  if (url.includes("/core/text/segment")) return "jieba (segmentation)";
  if (url.includes("/core/embed/")) return "hashed embedding";
  if (url.includes("/api/question/") || url.includes("/core/lexicon/") || url.includes("/core/text/")) return "query understanding (text, lexicon, 文号)";
  if (url.includes("/api/retrieval/")) return "retrieval + fusion (JS)";
  if (url.includes("/api/answer/")) return "answer building (extractive)";
  if (url.includes("@lancedb")) return "LanceDB JS binding";
  if (url.includes("apache-arrow")) return "Arrow decoding";
  if (url.includes("/zod/")) return "zod validation";
  if (url.includes("/hono/") || url.includes("@hono")) return "Hono + node-server";
  if (url.includes("/api/")) return "API routes + middleware";
  if (url.startsWith("node:") || url === "") return "Node internals (http, streams, JSON)";
  if (url.includes("/tsx/") || url.includes("esbuild")) return "tsx loader";
  return `other (${shortUrl(url).split("/").slice(0, 2).join("/")})`;
}

const REQUEST_PATH_FNS = ["search", "answer", "understand", "answerExtractive", "fuse", "hashedVector", "cutForSearch", "segmentForIndex", "toArray", "diversify", "toSearchResult", "resolveQuestion"];

export function summarizeProfile(profile: CpuProfile): Omit<ProfileSummary, "route" | "load"> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const onRequestPath = (id: number) => {
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) if (byId.get(cur)!.callFrame.functionName === "search") return true;
    return false;
  };
  // Start-up (module loading, opening the index) is not what the load measures: count from the first request on.
  const first = Math.max(0, profile.samples.findIndex(onRequestPath));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    if (i >= first) self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const cat = new Map<string, number>();
  const fnSelf = new Map<string, number>();
  const fnIncl = new Map<string, number>();
  const key = (n: CpuProfileNode) => `${n.callFrame.functionName || "(anonymous)"} ${shortUrl(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;
  for (const [id, ms] of self) {
    const n = byId.get(id)!;
    const c = categoryOf(n.callFrame);
    cat.set(c, (cat.get(c) ?? 0) + ms);
    fnSelf.set(key(n), (fnSelf.get(key(n)) ?? 0) + ms);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const fn = byId.get(cur)!.callFrame.functionName;
      if (REQUEST_PATH_FNS.includes(fn) && !seen.has(fn)) {
        seen.add(fn);
        fnIncl.set(fn, (fnIncl.get(fn) ?? 0) + ms);
      }
    }
  }
  const share = (ms: number) => round(ms / Math.max(total, 1e-9), 3);
  return {
    totalMs: round(total, 0),
    byCategory: [...cat].sort((a, b) => b[1] - a[1]).map(([category, ms]) => ({ category, ms: round(ms, 0), share: share(ms) })),
    topSelf: [...fnSelf].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([fn, ms]) => ({ fn, ms: round(ms, 0), share: share(ms) })),
    inclusive: [...fnIncl].sort((a, b) => b[1] - a[1]).map(([fn, ms]) => ({ fn, ms: round(ms, 0), share: share(ms) })),
  };
}

export async function profileServer(opts: { indexDir: string; questions: string[]; durationS: number; connections?: number; log: (s: string) => void }): Promise<ProfileResult> {
  const connections = opts.connections ?? 32;
  const profiles: ProfileSummary[] = [];
  for (const route of ["search", "chat"] as const) {
    const dir = mkdtempSync(join(tmpdir(), "gongbao-bench-prof-"));
    try {
      const server = await startServer({ indexDir: opts.indexDir, nodeArgs: ["--cpu-prof", `--cpu-prof-dir=${dir}`] });
      let load: LoadLevel;
      try {
        const r = await benchLoad({ server, questions: opts.questions, connections: [connections], durationS: opts.durationS, routes: [route], log: opts.log });
        load = r.levels[0]!;
      } finally {
        await server.stop();
      }
      const file = readdirSync(dir).find((f) => f.endsWith(".cpuprofile"));
      if (!file) throw new Error("the server wrote no CPU profile");
      const summary = summarizeProfile(JSON.parse(readFileSync(join(dir, file), "utf8")) as CpuProfile);
      profiles.push({ route, load, ...summary });
      opts.log(`profile ${route}: ${summary.byCategory.slice(0, 6).map((c) => `${c.category} ${Math.round(c.share * 100)}%`).join(", ")}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return {
    command: `npm run bench -- --only=profile   (server child with node --cpu-prof; autocannon ${connections} connections, ${opts.durationS} s per route)`,
    connections, profiles,
  };
}

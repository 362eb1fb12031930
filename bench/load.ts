/**
 * HTTP load against the real server child: autocannon at several connection counts for search
 * and chat, cycling through the dev-set questions (percent-encoded), each level bounded in time.
 */
import autocannon from "autocannon";
import type { Result } from "autocannon";
import { procCpuMs, round, waitIdle } from "./machine.ts";
import { chatBody, searchPath } from "./query.ts";
import type { BenchServer } from "./server.ts";

export interface LoadLevel {
  route: "search" | "chat";
  connections: number;
  durationS: number;
  requests: number;
  requestsPerSec: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number; mean: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  rateLimited: number;
  statuses: Record<string, number>;
  serverRssMB: { before: number; after: number; peak: number };
  /** Time the server needed after the level to finish the requests still queued. */
  drainMs?: number;
  serverCpuMsPerRequest?: number;
}

export interface LoadResult {
  command: string;
  levels: LoadLevel[];
  serverRssMB: { idle: number; end: number; peak: number };
}

function run(opts: Parameters<typeof autocannon>[0]): Promise<Result> {
  return new Promise((resolve, reject) => {
    autocannon(opts, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

export async function benchLoad(opts: {
  server: BenchServer;
  questions: string[];
  connections: number[];
  durationS: number;
  routes: Array<"search" | "chat">;
  log: (s: string) => void;
}): Promise<LoadResult> {
  const levels: LoadLevel[] = [];
  const idle = opts.server.memory()?.rssMB ?? NaN;
  for (const route of opts.routes) {
    for (const connections of opts.connections) {
      await waitIdle(opts.server.pid);
      const before = opts.server.memory()?.rssMB ?? NaN;
      const cpuBefore = procCpuMs(opts.server.pid);
      // One shared cursor: the connections together walk through the questions, so concurrent requests differ.
      let next = 0;
      const statuses: Record<string, number> = {};
      const question = () => opts.questions[next++ % opts.questions.length]!;
      const result = await run({
        url: opts.server.base,
        connections,
        duration: opts.durationS,
        timeout: 30,
        requests: [
          route === "search"
            ? { method: "GET", setupRequest: (req) => ({ ...req, path: searchPath(question()) }), onResponse: (s) => void (statuses[s] = (statuses[s] ?? 0) + 1) }
            : {
                method: "POST", headers: { "content-type": "application/json" },
                setupRequest: (req) => ({ ...req, path: "/api/chat", body: chatBody(question()) }),
                onResponse: (s) => void (statuses[s] = (statuses[s] ?? 0) + 1),
              },
        ],
      });
      const mem = opts.server.memory();
      const level: LoadLevel = {
        route, connections, durationS: opts.durationS,
        requests: result.requests.total,
        requestsPerSec: round(result.requests.total / Math.max(result.duration, 1e-3), 1),
        latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max, mean: round(result.latency.mean, 1) },
        errors: result.errors, timeouts: result.timeouts, non2xx: result.non2xx, rateLimited: statuses["429"] ?? 0, statuses,
        serverRssMB: { before, after: mem?.rssMB ?? NaN, peak: mem?.peakMB ?? NaN },
      };
      levels.push(level);
      // Requests still queued in the server when autocannon stops must not slow the next level.
      level.drainMs = round(await waitIdle(opts.server.pid), 0);
      // CPU the server spent per completed request (drain included): a figure other load on the machine barely changes.
      // The drain finishes the ~one request per connection that autocannon stopped waiting for.
      level.serverCpuMsPerRequest = round((procCpuMs(opts.server.pid) - cpuBefore) / Math.max(1, level.requests + connections), 2);
      opts.log(
        `load ${route} c=${connections}: ${level.requestsPerSec} req/s, p50 ${level.latencyMs.p50} ms, p99 ${level.latencyMs.p99} ms, ` +
          `errors ${level.errors}, timeouts ${level.timeouts}, non2xx ${level.non2xx}, RSS ${before}→${level.serverRssMB.after} MB, ` +
          `server CPU ${level.serverCpuMsPerRequest} ms/request`,
      );
    }
  }
  const end = opts.server.memory();
  return {
    command: `npm run bench -- --only=load   (autocannon ${opts.durationS} s per level in the benchmark process → server child on 127.0.0.1, GONGBAO_RATE_LIMIT=0, ${opts.server.env.GONGBAO_SEARCH_CACHE === "0" ? "result cache off" : `GONGBAO_SEARCH_CACHE=${opts.server.env.GONGBAO_SEARCH_CACHE}`})`,
    levels,
    serverRssMB: { idle, end: end?.rssMB ?? NaN, peak: end?.peakMB ?? NaN },
  };
}

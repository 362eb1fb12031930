/**
 * Server memory (and throughput) at corpus scale under different allocator and LanceDB thread settings: the same request pattern
 * (one sequential pass of search + chat over the dev set, then search and chat at 32 and 128
 * connections) against a fresh server child per setting, with VmRSS after each step and the peak.
 * The native side (LanceDB's tokio threads) allocates through glibc malloc, whose per-thread arenas
 * keep freed memory; MALLOC_ARENA_MAX bounds them, and MALLOC_MMAP_THRESHOLD_ makes the multi-MB
 * buffers of each query (the whole vector column at corpus scale) mmap'ed and returned on free;
 * LANCE_IO_THREADS bounds LanceDB's I/O thread pool (fewer threads to wake per query on 2 cores).
 */
import { benchLoad } from "./load.ts";
import { waitIdle } from "./machine.ts";
import { chatBody, searchPath } from "./query.ts";
import { startServer } from "./server.ts";

export interface MemoryRun {
  setting: string;
  env: Record<string, string>;
  rssMB: { idle: number; afterSequential: number; afterLoad32: number; afterLoad128: number; peak: number };
  load: Array<{ route: string; connections: number; requestsPerSec: number; p99: number; errors: number }>;
}

export interface MemoryResult {
  command: string;
  runs: MemoryRun[];
}

export const MEMORY_SETTINGS: Array<{ setting: string; env: Record<string, string> }> = [
  { setting: "default (glibc malloc, LanceDB default thread pools)", env: {} },
  { setting: "MALLOC_ARENA_MAX=2", env: { MALLOC_ARENA_MAX: "2" } },
  { setting: "MALLOC_MMAP_THRESHOLD_=131072", env: { MALLOC_MMAP_THRESHOLD_: "131072" } },
  { setting: "LANCE_IO_THREADS=2", env: { LANCE_IO_THREADS: "2" } },
  { setting: "LANCE_IO_THREADS=2 MALLOC_MMAP_THRESHOLD_=131072", env: { LANCE_IO_THREADS: "2", MALLOC_MMAP_THRESHOLD_: "131072" } },
];

export async function benchMemory(opts: { indexDir: string; questions: string[]; durationS: number; log: (s: string) => void }): Promise<MemoryResult> {
  const runs: MemoryRun[] = [];
  for (const { setting, env } of MEMORY_SETTINGS) {
    const server = await startServer({ indexDir: opts.indexDir, env });
    try {
      const rss = () => server.memory()?.rssMB ?? NaN;
      const idle = rss();
      for (const q of opts.questions) {
        await (await fetch(server.base + searchPath(q))).arrayBuffer();
        await (await fetch(`${server.base}/api/chat`, { method: "POST", headers: { "content-type": "application/json" }, body: chatBody(q) })).arrayBuffer();
      }
      await waitIdle(server.pid);
      const afterSequential = rss();
      const l32 = await benchLoad({ server, questions: opts.questions, connections: [32], durationS: opts.durationS, routes: ["search", "chat"], log: opts.log });
      const afterLoad32 = rss();
      const l128 = await benchLoad({ server, questions: opts.questions, connections: [128], durationS: opts.durationS, routes: ["search", "chat"], log: opts.log });
      const afterLoad128 = rss();
      const run: MemoryRun = {
        setting, env,
        rssMB: { idle, afterSequential, afterLoad32, afterLoad128, peak: server.memory()?.peakMB ?? NaN },
        load: [...l32.levels, ...l128.levels].map((l) => ({ route: l.route, connections: l.connections, requestsPerSec: l.requestsPerSec, p99: l.latencyMs.p99, errors: l.errors + l.timeouts + l.non2xx })),
      };
      runs.push(run);
      opts.log(`memory [${setting}]: idle ${idle} MB, after sequential ${afterSequential}, after c=32 ${afterLoad32}, after c=128 ${afterLoad128}, peak ${run.rssMB.peak} MB`);
    } finally {
      await server.stop();
    }
  }
  return { command: `npm run bench -- --only=memory   (server child per setting; sequential pass, then autocannon 32 and 128 connections, ${opts.durationS} s per route)`, runs };
}

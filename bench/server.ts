/**
 * The real server as a child process (`node --import tsx server/main.ts --no-web --no-ingest`, what
 * `npm start` runs) on 127.0.0.1 and an ephemeral port, serving a given index, rate limit off.
 */
import type { ChildProcess } from "node:child_process";
import { procMemory } from "./machine.ts";
import { sleep } from "./stats.ts";
import { spawnTs } from "./child.ts";

export interface BenchServer {
  pid: number;
  base: string;
  child: ChildProcess;
  /** The environment the server was started with (on top of the benchmark's). */
  env: Record<string, string>;
  memory(): { rssMB: number; peakMB: number } | null;
  stop(): Promise<number | null>;
  stderr(): string;
}

/** Measurement servers search every request (no result cache) unless `env` asks for one: the figures are the work, not the cache. */
export async function startServer(opts: { indexDir: string; nodeArgs?: string[]; env?: Record<string, string>; timeoutMs?: number }): Promise<BenchServer> {
  const env = { GONGBAO_INDEX_URI: opts.indexDir, PORT: "0", HOST: "127.0.0.1", GONGBAO_RATE_LIMIT: "0", GONGBAO_LOG: "info", GONGBAO_LLM: "off", GONGBAO_SEARCH_CACHE: "0", ...opts.env };
  const child = spawnTs("server/main.ts", ["--no-web", "--no-ingest"], { nodeArgs: opts.nodeArgs, env });
  let err = "";
  let exited = false;
  child.on("exit", () => (exited = true));
  child.stdout!.resume();
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start in time:\n${err.slice(-2000)}`)), opts.timeoutMs ?? 180_000);
    child.stderr!.on("data", (d: Buffer) => {
      err = (err + d.toString()).slice(-200_000);
      const m = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(err);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code}) before listening:\n${err.slice(-2000)}`));
    });
  });
  const base = `http://127.0.0.1:${port}`;
  // main.ts listens before the index is open: wait until health reports a run.
  const deadline = Date.now() + (opts.timeoutMs ?? 180_000);
  for (;;) {
    if (exited) throw new Error(`the server exited:\n${err.slice(-2000)}`);
    try {
      const res = await fetch(`${base}/api/health`);
      const body = (await res.json()) as { status?: string; runId?: string | null };
      if (res.ok && body.status === "ok") break;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error(`the server never reported a loaded index:\n${err.slice(-2000)}`);
    await sleep(200);
  }
  return {
    pid: child.pid!,
    base,
    child,
    env,
    memory: () => procMemory(child.pid!),
    stderr: () => err,
    stop: () =>
      new Promise((resolve) => {
        if (exited) return resolve(child.exitCode);
        const force = setTimeout(() => child.kill("SIGKILL"), 30_000);
        child.once("exit", (code) => {
          clearTimeout(force);
          resolve(code);
        });
        child.kill("SIGTERM");
      }),
  };
}

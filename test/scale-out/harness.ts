/** Child processes (API replicas, the ingest CLI) and a background request loop for the scale-out test. */
import type { ChildProcess } from "node:child_process";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { LocalS3, S3Endpoint } from "../helpers/s3.ts";
import { localS3 } from "../helpers/s3.ts";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** Only what a process needs: no inherited AWS_* or OPENAI_* variables can change what is tested. */
function baseEnv(): Record<string, string> {
  const env: Record<string, string> = { NODE_NO_WARNINGS: "1" };
  for (const k of ["PATH", "HOME", "TMPDIR", "LANG"]) if (process.env[k]) env[k] = process.env[k]!;
  return env;
}

export interface Child {
  name: string;
  proc: ChildProcess;
  /** Everything the process wrote to stdout and stderr, as it arrives. */
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Run a TypeScript entry point as one node process (`node --import tsx`, so a signal reaches the program itself). */
export function spawnTs(name: string, script: string, args: string[], env: Record<string, string>): Child {
  const proc = spawn(process.execPath, ["--import", "tsx", script, ...args], { cwd: ROOT, env: { ...baseEnv(), ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  proc.stdout!.setEncoding("utf8").on("data", (s: string) => (out += s));
  proc.stderr!.setEncoding("utf8").on("data", (s: string) => (out += s));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.once("exit", (code, signal) => resolve({ code, signal })),
  );
  return { name, proc, output: () => out, exited };
}

export interface Replica extends Child {
  url: string;
}

/**
 * Start an API replica exactly as deployed, `server/main.ts --no-web --no-ingest` (`npm start -- --no-web
 * --no-ingest`: a replica neither builds the UI into its source tree nor ingests), and resolve once
 * it logs `gongbao listening on http://HOST:PORT`.
 */
export async function startReplica(name: string, env: Record<string, string>, timeoutMs = 60_000): Promise<Replica> {
  const child = spawnTs(name, "server/main.ts", ["--no-web", "--no-ingest"], { PORT: "0", HOST: "127.0.0.1", ...env });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const m = /gongbao listening on (http:\/\/[^\s"]+:\d+)/.exec(child.output());
    if (m) return { ...child, url: m[1]! };
    const exited = await Promise.race([child.exited, sleep(50).then(() => null)]);
    if (exited) throw new Error(`${name} exited (${exited.code ?? exited.signal}) before listening:\n${child.output()}`);
    if (Date.now() > deadline) {
      child.proc.kill("SIGKILL");
      throw new Error(`${name} did not start listening within ${timeoutMs} ms:\n${child.output()}`);
    }
  }
}

/** The object store in its own process (`test/scale-out/s3-server.ts`), so its event loop is not the test's. */
export async function startS3Process(timeoutMs = 30_000): Promise<LocalS3> {
  const child = spawnTs("s3", "test/scale-out/s3-server.ts", [], {});
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const line = child.output().split("\n").find((l) => l.startsWith("{"));
    if (line) {
      const s = JSON.parse(line) as S3Endpoint;
      return localS3(s, async () => {
        child.proc.kill("SIGTERM");
        await Promise.race([child.exited, sleep(5_000).then(() => child.proc.kill("SIGKILL"))]);
      });
    }
    const exited = await Promise.race([child.exited, sleep(50).then(() => null)]);
    if (exited || Date.now() > deadline) {
      child.proc.kill("SIGKILL");
      throw new Error(`the S3 server did not start:\n${child.output()}`);
    }
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export interface Sample {
  replica: string;
  kind: "health" | "search";
  started: number;
  ended: number;
  ok: boolean;
  status: number;
  error?: string;
  runId?: string | null;
  /** Issue ids of the search results, in order. */
  issues?: string[];
}

/**
 * Requests against each replica from `workersPerReplica` loops each (`pauseMs` between requests),
 * alternating health and a search; every response is checked for `forbidden` strings (credentials).
 */
export class LoadLoop {
  readonly samples: Sample[] = [];
  leaks = 0;
  private running = true;
  private loops: Promise<void>[] = [];

  constructor(
    private replicas: { name: string; url: string }[],
    private opts: { query: string; workersPerReplica: number; forbidden: string[]; pauseMs?: number },
  ) {
    for (const r of replicas) for (let w = 0; w < opts.workersPerReplica; w++) this.loops.push(this.loop(r, w));
  }

  private async loop(r: { name: string; url: string }, worker: number): Promise<void> {
    let i = worker;
    while (this.running) {
      const kind = i++ % 2 === 0 ? "health" : "search";
      const path = kind === "health" ? "/api/health" : `/api/search?${new URLSearchParams({ q: this.opts.query, k: "5" })}`;
      const started = Date.now();
      try {
        const res = await fetch(r.url + path, { signal: AbortSignal.timeout(15_000) });
        const text = await res.text();
        if (this.opts.forbidden.some((s) => text.includes(s))) this.leaks++;
        const sample: Sample = { replica: r.name, kind, started, ended: Date.now(), ok: res.status === 200, status: res.status };
        if (res.status !== 200) sample.error = text.slice(0, 300);
        else if (kind === "health") sample.runId = (JSON.parse(text) as { runId: string | null }).runId;
        else sample.issues = (JSON.parse(text) as { results: { issue: { id: string } }[] }).results.map((x) => x.issue.id);
        this.samples.push(sample);
        if (this.opts.pauseMs) await sleep(this.opts.pauseMs);
      } catch (err) {
        this.samples.push({ replica: r.name, kind, started, ended: Date.now(), ok: false, status: 0, error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) });
        await sleep(20);
      }
    }
  }

  /** When `replica` first answered health with `runId` (the end of that request), or null. */
  firstServing(replica: string, runId: string, after = 0): number | null {
    const s = this.samples.find((x) => x.replica === replica && x.kind === "health" && x.runId === runId && x.started >= after);
    return s ? s.ended : null;
  }

  async waitFor(pred: () => boolean, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (pred()) return true;
      await sleep(25);
    }
    return pred();
  }

  failures(filter: (s: Sample) => boolean = () => true): Sample[] {
    return this.samples.filter((s) => !s.ok && filter(s));
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
  }
}

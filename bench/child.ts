/** Running TypeScript entry points of the project as child processes (node --import tsx), as `npm start` and `npm run ingest` do. */
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";

export const ROOT = new URL("..", import.meta.url).pathname;

/** The environment of a child: ours without OpenAI settings (the benchmarks measure the offline default), LanceDB quiet. */
export function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LANCEDB_LOG: "error" };
  for (const k of Object.keys(env)) if (/^(OPENAI_|GONGBAO_)/.test(k)) delete env[k];
  return { ...env, ...extra };
}

/** Children still running, so an interrupted benchmark can stop them (and only them). */
export const liveChildren = new Set<ChildProcess>();

export function spawnTs(script: string, args: string[], opts: { env: Record<string, string>; nodeArgs?: string[] }): ChildProcess {
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), "--import", "tsx", script, ...args], {
    cwd: ROOT, env: childEnv(opts.env), stdio: ["ignore", "pipe", "pipe"],
  });
  liveChildren.add(child);
  child.once("exit", () => liveChildren.delete(child));
  return child;
}

/** Temp folders to delete however the benchmark ends. */
export const tempDirs = new Set<string>();

/** Run to completion; resolves with stdout, stderr, exit code and wall time (spawn → exit). */
export function runTs(script: string, args: string[], opts: { env: Record<string, string>; timeoutMs: number }): Promise<{ stdout: string; stderr: string; code: number | null; wallMs: number }> {
  const started = performance.now();
  const child = spawnTs(script, args, opts);
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  const timer = setTimeout(() => child.kill("SIGKILL"), opts.timeoutMs);
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, code, wallMs: performance.now() - started });
    });
  });
}

/** The JSON a child printed after `BENCH_RESULT `. */
export function benchResult<T>(stdout: string): T {
  const line = stdout.split("\n").find((l) => l.startsWith("BENCH_RESULT "));
  if (!line) throw new Error(`the child printed no BENCH_RESULT line:\n${stdout.slice(-2000)}`);
  return JSON.parse(line.slice("BENCH_RESULT ".length)) as T;
}

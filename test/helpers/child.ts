/**
 * The project's entry points as child processes (`node --import tsx …`: one process, so a
 * signal reaches the code itself, not a tsx wrapper), with their output captured line by line.
 * Every child is tracked and killed by pid if a test leaves it running.
 */
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";

export const ROOT = new URL("../..", import.meta.url).pathname;

const running = new Set<ChildProcess>();

/** Kill (SIGKILL, by pid) every child a test started and left running. */
export function killLeftovers(): void {
  for (const child of running) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  running.clear();
}

export interface Child {
  pid: number;
  process: ChildProcess;
  /** Everything written to stdout and stderr so far. */
  output(): string;
  /** Resolves with the first line (stdout or stderr) matching, rejects if the child exits first or time runs out. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  /** Register a callback for each output line, called synchronously as lines arrive. */
  onLine(cb: (line: string) => void): void;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** RSS of the child in MB, from /proc. */
  rssMB(): number;
}

/** Our environment without OpenAI/gongbao settings, plus `env`. */
function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = { ...process.env, LANCEDB_LOG: "error" };
  for (const k of Object.keys(base)) if (/^(OPENAI_|GONGBAO_|PORT$|HOST$)/.test(k)) delete base[k];
  return { ...base, ...env };
}

export function spawnTs(script: string, args: string[], env: Record<string, string>): Child {
  const child = spawn(process.execPath, ["--import", "tsx", script, ...args], { cwd: ROOT, env: childEnv(env), stdio: ["ignore", "pipe", "pipe"] });
  running.add(child);
  let out = "";
  let partial = "";
  const listeners: ((line: string) => void)[] = [];
  const onData = (d: Buffer) => {
    const s = d.toString();
    out += s;
    partial += s;
    const lines = partial.split(/\r?\n|\r/);
    partial = lines.pop() ?? "";
    for (const line of lines) for (const l of listeners) l(line);
  };
  child.stdout!.on("data", onData);
  child.stderr!.on("data", onData);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once("exit", (code, signal) => {
      running.delete(child);
      if (partial) for (const l of listeners) l(partial);
      resolve({ code, signal });
    });
  });
  return {
    pid: child.pid!,
    process: child,
    output: () => out,
    onLine: (cb) => void listeners.push(cb),
    exited,
    rssMB: () => {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"));
      return m ? Number(m[1]) / 1024 : NaN;
    },
    waitFor(pattern, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const existing = out.split(/\r?\n|\r/).map((l) => pattern.exec(l)).find(Boolean);
        if (existing) return resolve(existing);
        let done = false;
        const timer = setTimeout(() => finish(new Error(`timed out waiting for ${pattern}:\n${out.slice(-2000)}`)), timeoutMs);
        const finish = (err: Error | null, m?: RegExpExecArray) => {
          if (done) return;
          done = true;
          clearTimeout(timer);
          if (err) reject(err);
          else resolve(m!);
        };
        listeners.push((line) => {
          const m = pattern.exec(line);
          if (m) finish(null, m);
        });
        void exited.then(({ code, signal }) => finish(new Error(`exited (${code ?? signal}) before ${pattern}:\n${out.slice(-2000)}`)));
      });
    },
  };
}

/** `server/main.ts` on 127.0.0.1, port 0; resolves once it listens and health reports a loaded index. */
export async function startServerChild(env: Record<string, string>, args = ["--no-web", "--no-ingest"]): Promise<Child & { url: string }> {
  const child = spawnTs("server/main.ts", args, { PORT: "0", HOST: "127.0.0.1", GONGBAO_LOG: "info", ...env });
  const m = await child.waitFor(/gongbao listening on http:\/\/127\.0\.0\.1:(\d+)/, 120_000);
  const url = `http://127.0.0.1:${m[1]}`;
  const until = Date.now() + 60_000;
  for (;;) {
    const ok = await fetch(`${url}/api/health`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > until) throw new Error(`no index loaded:\n${child.output().slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { ...child, url };
}

/** Index settings for a child process: the corpus and index folders of a temp index. */
export function indexEnv(config: { corpusDir: string; indexUri: string; dataDir: string }): Record<string, string> {
  return { GONGBAO_DATA_DIR: config.dataDir, GONGBAO_CORPUS_DIR: config.corpusDir, GONGBAO_INDEX_URI: config.indexUri };
}

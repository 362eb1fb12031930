/**
 * The machine a figure was measured on, and how busy it was with other work while it was measured.
 *
 * The load monitor samples every process's CPU time from /proc once a second and splits it into
 * "ours" (this process and its descendants: server children, ingest children, workers) and
 * "foreign" (everything else — other engineers' tests and builds on the same box). A section whose
 * foreign load averaged more than LOADED_CORES is marked as measured under load.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import os from "node:os";

export interface MachineInfo {
  hostname: string;
  cpuModel: string;
  cores: number;
  memoryGB: number;
  node: string;
  platform: string;
  kernel: string;
  lancedb: string;
  git: { commit: string; dirty: boolean };
}

function packageVersion(name: string): string {
  try {
    const url = new URL(`../node_modules/${name}/package.json`, import.meta.url);
    return (JSON.parse(readFileSync(url, "utf8")) as { version: string }).version;
  } catch {
    return "unknown";
  }
}

function git(args: string[]): string {
  try {
    return execFileSync("git", args, { cwd: new URL("..", import.meta.url).pathname, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return "";
  }
}

export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  return {
    hostname: os.hostname(),
    cpuModel: cpus[0]?.model.trim() ?? "unknown",
    cores: os.availableParallelism(),
    memoryGB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
    kernel: os.release(),
    lancedb: packageVersion("@lancedb/lancedb"),
    git: { commit: git(["rev-parse", "--short", "HEAD"]) || "unknown", dirty: git(["status", "--porcelain"]).length > 0 },
  };
}

/** "2 cores, 23.4 GB, Node v20.20.2" — the short form printed next to every figure. */
export function machineLine(m: MachineInfo): string {
  return `${m.cores} cores (${m.cpuModel}), ${m.memoryGB} GB RAM, Node ${m.node}, ${m.platform}`;
}

const CLK_TCK = 100;

interface ProcSample {
  ppid: number;
  cpuTicks: number;
}

function readProcs(): Map<number, ProcSample> {
  const out = new Map<number, ProcSample>();
  let entries: string[];
  try {
    entries = readdirSync("/proc");
  } catch {
    return out;
  }
  for (const e of entries) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const stat = readFileSync(`/proc/${e}/stat`, "utf8");
      // The command name is in parentheses and may contain spaces: parse after the last ')'.
      const rest = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const ppid = Number(rest[1]);
      const utime = Number(rest[11]);
      const stime = Number(rest[12]);
      out.set(Number(e), { ppid, cpuTicks: utime + stime });
    } catch {
      // The process ended between readdir and read.
    }
  }
  return out;
}

function descendantsOf(root: number, procs: Map<number, ProcSample>): Set<number> {
  const children = new Map<number, number[]>();
  for (const [pid, p] of procs) {
    const list = children.get(p.ppid) ?? [];
    list.push(pid);
    children.set(p.ppid, list);
  }
  const ours = new Set<number>([root]);
  const stack = [root];
  while (stack.length) {
    for (const c of children.get(stack.pop()!) ?? []) {
      if (!ours.has(c)) {
        ours.add(c);
        stack.push(c);
      }
    }
  }
  return ours;
}

export interface LoadWindow {
  seconds: number;
  /** Average cores used by this benchmark (the process and its children). */
  oursCores: number;
  /** Average cores used by everything else on the machine. */
  foreignCores: number;
  /** 1-minute load average at the start and end of the window. */
  loadavg: [number, number];
  loaded: boolean;
}

/** Foreign CPU use above this (cores, averaged over the section) marks a figure as measured under load. */
export const LOADED_CORES = 0.25;

export class LoadMonitor {
  private last = readProcs();
  private timer: NodeJS.Timeout;
  private ours = 0;
  private foreign = 0;
  private windows = new Map<string, { ours: number; foreign: number; started: number; loadavg: number }>();

  constructor(private intervalMs = 1000) {
    this.timer = setInterval(() => this.sample(), this.intervalMs);
    this.timer.unref();
  }

  private sample(): void {
    const now = readProcs();
    const ours = descendantsOf(process.pid, now);
    for (const [pid, p] of now) {
      const before = this.last.get(pid)?.cpuTicks ?? 0;
      const delta = Math.max(0, p.cpuTicks - before);
      // A process born since the last sample counts from zero, which is right for short-lived children.
      if (ours.has(pid)) this.ours += delta;
      else this.foreign += delta;
    }
    this.last = now;
  }

  begin(name: string): void {
    this.sample();
    this.windows.set(name, { ours: this.ours, foreign: this.foreign, started: performance.now(), loadavg: os.loadavg()[0]! });
  }

  /** The window so far; `close` = false keeps it open (for progress reports). */
  end(name: string, close = true): LoadWindow {
    this.sample();
    const w = this.windows.get(name);
    if (w && !close) return this.window(w);
    if (w) this.windows.delete(name);
    if (!w) throw new Error(`load window ${name} was not begun`);
    return this.window(w);
  }

  private window(w: { ours: number; foreign: number; started: number; loadavg: number }): LoadWindow {
    const seconds = (performance.now() - w.started) / 1000;
    const oursCores = (this.ours - w.ours) / CLK_TCK / Math.max(seconds, 1e-3);
    const foreignCores = (this.foreign - w.foreign) / CLK_TCK / Math.max(seconds, 1e-3);
    return {
      seconds: round(seconds, 1), oursCores: round(oursCores, 2), foreignCores: round(foreignCores, 2),
      loadavg: [round(w.loadavg, 2), round(os.loadavg()[0]!, 2)], loaded: foreignCores > LOADED_CORES,
    };
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

export function round(x: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** Resident set size of a process in MB (VmRSS), and its peak (VmHWM), from /proc/<pid>/status. */
export function procMemory(pid: number): { rssMB: number; peakMB: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN);
    return { rssMB: round(kb("VmRSS") / 1024, 1), peakMB: round(kb("VmHWM") / 1024, 1) };
  } catch {
    return null;
  }
}

/** CPU time (ms) a process has used so far, from /proc/<pid>/stat. */
export function procCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const rest = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(rest[11]) + Number(rest[12])) * 1000) / CLK_TCK;
  } catch {
    return NaN;
  }
}

/** Wait until a process uses less than `maxShare` of a core over 500 ms windows (in-flight work drained), at most `timeoutMs`. */
export async function waitIdle(pid: number, opts: { maxShare?: number; timeoutMs?: number } = {}): Promise<number> {
  const started = performance.now();
  for (;;) {
    const a = procCpuMs(pid);
    await new Promise((r) => setTimeout(r, 500));
    const b = procCpuMs(pid);
    if (Number.isNaN(a) || Number.isNaN(b) || (b - a) / 500 <= (opts.maxShare ?? 0.05)) return performance.now() - started;
    if (performance.now() - started > (opts.timeoutMs ?? 60_000)) return performance.now() - started;
  }
}

/** Size of a directory tree in bytes (what `du -sb` reports). */
export function duBytes(dir: string): number {
  try {
    return Number(execFileSync("du", ["-sb", dir], { encoding: "utf8" }).split(/\s/)[0]);
  } catch {
    return NaN;
  }
}

/** Free space of the filesystem holding `dir`, in GB. */
export function freeGB(dir: string): number {
  try {
    const out = execFileSync("df", ["-Pk", dir], { encoding: "utf8" }).trim().split("\n").at(-1)!.split(/\s+/);
    return round(Number(out[3]) / 2 ** 20, 1);
  } catch {
    return NaN;
  }
}

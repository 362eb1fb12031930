/**
 * One ingest at a time on a local index folder: an O_EXCL lock file holding the owner's pid.
 * A lock whose owner died (SIGKILL, power loss) is taken over; the takeover itself is
 * serialised by a second O_EXCL file so two newcomers cannot both take it.
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeSync } from "node:fs";
import { join } from "node:path";

export class LockedError extends Error {}

export function isLocalUri(uri: string): boolean {
  return !/^[a-z][a-z0-9+.-]*:\/\//i.test(uri) || uri.startsWith("file://");
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Lock files this process holds: released on exit, and a second acquire in the same process is refused. */
const held = new Set<string>();
let exitHook = false;

function createExclusive(path: string, content: string): boolean {
  try {
    const fd = openSync(path, "wx");
    try {
      writeSync(fd, content);
    } finally {
      closeSync(fd);
    }
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw err;
  }
}

function readHolder(path: string): number | null {
  try {
    const pid = Number(readFileSync(path, "utf8").trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function ageMs(path: string): number {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch {
    return Infinity;
  }
}

/** Remove the lock of a dead holder, unless someone else is already doing so or has taken it meanwhile. */
function takeOverStale(path: string, stalePid: number | null): void {
  const guard = `${path}.takeover`;
  try {
    if (Date.now() - statSync(guard).mtimeMs > 30_000) rmSync(guard, { force: true });
  } catch {
    // no takeover in progress
  }
  if (!createExclusive(guard, String(process.pid))) return;
  try {
    if (readHolder(path) === stalePid) rmSync(path, { force: true });
  } finally {
    rmSync(guard, { force: true });
  }
}

/**
 * Returns a release function. A no-op on object storage (s3://, gs://, az://, …): there is no
 * lock file to share there, so run one ingest at a time per index (one scheduled job). Each
 * ingest writes its own run's tables; only the one-row publish to `runs` is shared, and LanceDB
 * makes that commit atomic with the store's conditional writes (AWS S3 `If-None-Match`, GCS,
 * Azure). A store that ignores conditional writes can lose one of two simultaneous publishes.
 */
export function acquireIngestLock(uri: string): () => void {
  if (!isLocalUri(uri)) return () => {};
  const dir = uri.replace(/^file:\/\//, "");
  mkdirSync(dir, { recursive: true });
  const path = join(dir, ".ingest.lock");
  if (held.has(path)) throw new LockedError("another ingest is already running in this process; wait for it to finish");
  for (let attempt = 0; attempt < 3; attempt++) {
    if (createExclusive(path, String(process.pid))) {
      held.add(path);
      if (!exitHook) {
        exitHook = true;
        process.on("exit", () => {
          for (const p of held) rmSync(p, { force: true });
        });
      }
      let released = false;
      return () => {
        if (released) return;
        released = true;
        held.delete(path);
        if (readHolder(path) === process.pid) rmSync(path, { force: true });
      };
    }
    const holder = readHolder(path);
    if (holder !== null && holder !== process.pid && alive(holder)) {
      throw new LockedError(`another ingest is already running (pid ${holder}); wait for it to finish`);
    }
    if (holder === null && ageMs(path) < 2000) throw new LockedError("another ingest is already running (it is just starting); wait for it to finish");
    takeOverStale(path, holder);
  }
  throw new LockedError("could not take the ingest lock: another ingest is starting at the same time");
}

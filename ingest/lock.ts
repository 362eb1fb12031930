/** One ingest at a time on a local index folder (an O_EXCL lock file; a dead holder's lock is taken over). */
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
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

/** Returns a release function; a no-op on object storage, where LanceDB's commit protocol arbitrates. */
export function acquireIngestLock(uri: string): () => void {
  if (!isLocalUri(uri)) return () => {};
  const dir = uri.replace(/^file:\/\//, "");
  mkdirSync(dir, { recursive: true });
  const path = join(dir, ".ingest.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(path, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const holder = Number(readFileSync(path, "utf8").trim());
      if (Number.isInteger(holder) && holder > 0 && alive(holder) && holder !== process.pid) {
        throw new LockedError(`another ingest is already running (pid ${holder}); wait for it to finish`);
      }
      rmSync(path, { force: true });
    }
  }
  throw new LockedError("could not take the ingest lock");
}

/** Listening with graceful shutdown: on SIGTERM in-flight requests and streams finish, then exit 0. */
import type { Server } from "node:http";
import { serve } from "@hono/node-server";
import type { Hono } from "hono";
import type { Log } from "../core/util/log.ts";

export interface Listening {
  server: Server;
  port: number;
  close(graceMs?: number): Promise<void>;
}

export function listen(app: Hono, opts: { port: number; host: string; log: Log }): Promise<Listening> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: opts.port, hostname: opts.host }, (info) => {
      const close = (graceMs = 10_000) =>
        new Promise<void>((done) => {
          const force = setTimeout(() => {
            (server as Server).closeAllConnections();
            done();
          }, graceMs);
          force.unref();
          (server as Server).close(() => {
            clearTimeout(force);
            done();
          });
          (server as Server).closeIdleConnections();
        });
      resolve({ server: server as Server, port: info.port, close });
    }) as Server;
    server.once("error", reject);
  });
}

/** Exit cleanly on SIGTERM/SIGINT once the server has drained. */
export function exitOnSignals(listening: Listening, log: Log, cleanup: () => void): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info("shutting down", { signal });
    void listening.close().then(() => {
      cleanup();
      process.exit(0);
    });
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

/** Listening with graceful shutdown: on SIGTERM in-flight requests and streams finish, then exit 0. */
import { createServer, STATUS_CODES } from "node:http";
import type { Server } from "node:http";
import type { Socket } from "node:net";
import { getRequestListener } from "@hono/node-server";
import type { Hono } from "hono";
import type { Log } from "../core/util/log.ts";

export interface Listening {
  server: Server;
  port: number;
  /** Stop accepting connections, let open requests finish (at most `graceMs`), then resolve. */
  close(graceMs?: number): Promise<void>;
}

function jsonResponse(status: number, code: string, message: string): Response {
  return new Response(JSON.stringify({ error: { code, message } }), { status, headers: { "content-type": "application/json; charset=UTF-8" } });
}

/** Requests Node's parser rejects before they reach the app still get a JSON error, then the connection closes. */
function rawJsonError(socket: Socket, status: number, code: string, message: string): void {
  const body = JSON.stringify({ error: { code, message } });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=UTF-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n${body}`,
  );
}

export function listen(app: Hono, opts: { port: number; host: string; log: Log }): Promise<Listening> {
  let closing = false;
  const handle = getRequestListener(app.fetch, {
    hostname: opts.host,
    errorHandler: (err) => {
      if (err instanceof Error && err.name === "RequestError") {
        return jsonResponse(400, "invalid_request", "the request URL or headers could not be read; percent-encode non-ASCII characters");
      }
      opts.log.error("request failed outside the app", { error: err instanceof Error ? err.message : String(err) });
      return jsonResponse(500, "internal_error", "something went wrong on the server; please retry");
    },
  });
  // 32 KB of headers: a 2,000-character Han question percent-encodes to 18 KB of URL (Node's default limit is 16 KB).
  const server = createServer({ maxHeaderSize: 32 * 1024 }, (req, res) => {
    if (closing) res.setHeader("Connection", "close");
    return handle(req, res);
  });
  server.on("clientError", (err: NodeJS.ErrnoException, socket: Socket) => {
    if (err.code === "ECONNRESET" || !socket.writable) {
      socket.destroy();
      return;
    }
    if (err.code === "HPE_HEADER_OVERFLOW") rawJsonError(socket, 431, "headers_too_large", "the request headers are too large");
    else if (err.code === "ERR_HTTP_REQUEST_TIMEOUT") rawJsonError(socket, 408, "request_timeout", "the request was not received in time");
    else rawJsonError(socket, 400, "invalid_request", "the request is not valid HTTP");
  });

  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host, () => {
      server.off("error", reject);
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : opts.port;
      const close = (graceMs = 10_000) =>
        new Promise<void>((done) => {
          closing = true;
          // Connections that finish their last response while we drain are closed as they go idle.
          const sweep = setInterval(() => server.closeIdleConnections(), 100);
          const force = setTimeout(() => {
            server.closeAllConnections();
          }, graceMs);
          force.unref();
          server.close(() => {
            clearInterval(sweep);
            clearTimeout(force);
            done();
          });
          server.closeIdleConnections();
        });
      resolve({ server, port, close });
    });
  });
}

/** Exit cleanly on SIGTERM/SIGINT once the server has drained; a second signal exits at once. */
export function exitOnSignals(listening: Listening, log: Log, cleanup: () => void, graceMs = 10_000): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      log.info("second signal: exiting now", { signal });
      process.exit(1);
    }
    stopping = true;
    // close() stops listening synchronously: once this line is logged, new connections are refused.
    const closed = listening.close(graceMs);
    log.info("shutting down: finishing open requests", { signal, graceMs });
    void closed.then(() => {
      cleanup();
      log.info("stopped");
      process.exit(0);
    });
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

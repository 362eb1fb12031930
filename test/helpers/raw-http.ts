/** Raw HTTP/1.1 over a socket: for paths fetch would normalise, bytes fetch would refuse, and garbage. */
import { connect } from "node:net";

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  raw: string;
}

export function rawRequest(url: string, request: string | Buffer, timeoutMs = 5000): Promise<RawResponse> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error("raw request timed out"));
    }, timeoutMs);
    socket.on("data", (d) => chunks.push(d));
    socket.on("error", () => {});
    socket.on("close", () => {
      clearTimeout(timer);
      const buf = Buffer.concat(chunks);
      const raw = buf.toString("utf8");
      const split = buf.indexOf("\r\n\r\n");
      const head = (split < 0 ? buf : buf.subarray(0, split)).toString("latin1");
      const bodyBytes = split < 0 ? Buffer.alloc(0) : buf.subarray(split + 4);
      const [statusLine = "", ...lines] = head.split("\r\n");
      const headers: Record<string, string> = {};
      for (const l of lines) {
        const i = l.indexOf(":");
        if (i > 0) headers[l.slice(0, i).toLowerCase()] = l.slice(i + 1).trim();
      }
      const body = (headers["transfer-encoding"] === "chunked" ? dechunk(bodyBytes) : bodyBytes).toString("utf8");
      resolve({ status: Number(statusLine.split(" ")[1] ?? 0), headers, body, raw });
    });
    socket.write(request);
  });
}

function dechunk(b: Buffer): Buffer {
  const out: Buffer[] = [];
  let rest = b;
  for (;;) {
    const i = rest.indexOf("\r\n");
    if (i < 0) break;
    const size = parseInt(rest.subarray(0, i).toString("latin1"), 16);
    if (!size) break;
    out.push(rest.subarray(i + 2, i + 2 + size));
    rest = rest.subarray(i + 2 + size + 2);
  }
  return Buffer.concat(out);
}

/** `GET <path>` sent byte for byte, the connection closed after the response. */
export const rawGet = (url: string, path: string, headers: Record<string, string> = {}) =>
  rawRequest(
    url,
    Buffer.concat([
      Buffer.from("GET "),
      Buffer.from(path, "utf8"),
      Buffer.from(` HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join("")}\r\n`),
    ]),
  );

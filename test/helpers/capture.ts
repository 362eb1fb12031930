/** The real server on port 0 with its log captured in memory, so tests can grep what would have been logged. */
import { Writable } from "node:stream";
import type { Config } from "../../core/config.ts";
import { createLog } from "../../core/util/log.ts";
import { composeApp } from "../../server/compose.ts";
import { listen } from "../../api/server.ts";

export function captureStream() {
  let text = "";
  const stream = new Writable({
    write(chunk, _enc, done) {
      text += String(chunk);
      done();
    },
  });
  return { stream, text: () => text };
}

export interface CapturedServer {
  url: string;
  services: ReturnType<typeof composeApp>;
  logs(): string;
  close(): Promise<void>;
}

export async function startCapturedServer(config: Config): Promise<CapturedServer> {
  const capture = captureStream();
  const log = createLog("debug", capture.stream);
  const services = composeApp(config, log, null);
  await services.index.start();
  const listening = await listen(services.app, { port: 0, host: "127.0.0.1", log });
  return {
    url: `http://127.0.0.1:${listening.port}`,
    services,
    logs: capture.text,
    close: async () => {
      await listening.close(2000);
      services.index.stop();
    },
  };
}

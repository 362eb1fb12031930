/** The real server (Hono on @hono/node-server) on an ephemeral port over a given configuration. */
import type { Config } from "../../core/config.ts";
import { createLog } from "../../core/util/log.ts";
import { composeApp } from "../../server/compose.ts";
import { listen } from "../../api/server.ts";

export interface TestServer {
  url: string;
  services: ReturnType<typeof composeApp>;
  close(): Promise<void>;
}

export async function startServer(config: Config, opts: { webDist?: string | null } = {}): Promise<TestServer> {
  const log = createLog(config.log);
  const services = composeApp(config, log, opts.webDist ?? null);
  await services.index.start();
  const listening = await listen(services.app, { port: 0, host: "127.0.0.1", log });
  return {
    url: `http://127.0.0.1:${listening.port}`,
    services,
    close: async () => {
      await listening.close(2000);
      services.index.stop();
    },
  };
}

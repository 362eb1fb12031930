import { defineConfig } from "vitest/config";

/** `npm run test:chaos`: child processes killed, signalled and loaded; one file at a time so timings are not shared. */
export default defineConfig({
  test: {
    pool: "forks",
    env: { LANCEDB_LOG: "error" },
    include: ["test/chaos/**/*.chaos.test.ts"],
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});

import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    pool: "forks",
    env: { LANCEDB_LOG: "error" },
    include: ["**/*.test.ts", "**/*.test.tsx"],
    exclude: ["node_modules/**", "web/dist/**", "**/*.chaos.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});

import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The root build calls this config from the project root, so every path is anchored to this folder.
const root = fileURLToPath(new URL(".", import.meta.url));
const api = "http://127.0.0.1:8787";

export default defineConfig({
  root,
  plugins: [react()],
  build: { outDir: "dist", emptyOutDir: true },
  server: { proxy: { "/api": api, "/v1": api } },
  preview: { proxy: { "/api": api, "/v1": api } },
});

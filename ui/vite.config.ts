import { defineConfig } from "vitest/config";

export default defineConfig({
  clearScreen: false,
  esbuild: { jsx: "automatic", jsxImportSource: "preact" },
  server: { port: 1420, strictPort: true, host: "127.0.0.1" },
  build: { target: "safari15", outDir: "dist", emptyOutDir: true, sourcemap: false, modulePreload: { polyfill: false } },
  // The UI's unit tests: pure functions in node, DOM helpers in happy-dom (per file).
  test: { include: ["src/**/*.test.ts"], environment: "node" },
});

/// <reference types="vitest/config" />
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// The app is loaded from `tauri://localhost` (macOS/Linux) or `http://tauri.localhost`
// (Windows), so every asset URL must be relative: `base: "./"`.
export default defineConfig({
  base: "./",
  plugins: [react()],
  clearScreen: false,
  server: {
    host: "127.0.0.1",
    port: 5173,
    strictPort: true,
  },
  preview: {
    host: "127.0.0.1",
    port: 4173,
    strictPort: true,
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // WKWebView on the oldest macOS Tauri v2 supports is Safari 15; WebView2 and
    // WebKitGTK are newer than that.
    target: ["safari15", "chrome105", "es2021"],
    cssTarget: ["safari15", "chrome105"],
    sourcemap: false,
    // Keep everything in files so a strict CSP (no inline script/style) holds.
    assetsInlineLimit: 0,
  },
  test: {
    environment: "jsdom",
    globals: true,
    setupFiles: ["./src/test/setup.ts"],
    include: ["src/**/*.test.{ts,tsx}"],
    restoreMocks: true,
    mockReset: true,
    css: false,
  },
});

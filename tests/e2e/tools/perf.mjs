// `cargo xtask perf`: command latency as the UI sees it, on a large
// organisation (STRIDE_PERF_DB, made by `stride demo --people 10000`).
// Every screen is opened ROUNDS times (each round on a freshly loaded page,
// so nothing comes from the UI's cache), the goal list is paged through
// several pages and scrolled, and every IPC call is timed by the UI's
// own wrapper (ui/src/ipc/invoke.ts). Prints p50/p95/max per command, the
// slowest p95 as a ratio to `app_info` (the IPC floor measured in the same
// run), and the longest frame gap while scrolling; writes ui-latency.json.
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { OUT, withApp } from "../webdriver.mjs";
import { findSeedGoal, screens } from "./tour.mjs";

const DB = process.env.STRIDE_PERF_DB;
if (!DB) throw new Error("STRIDE_PERF_DB must name the database to measure (cargo xtask perf makes it)");
const ROUNDS = Number(process.env.STRIDE_PERF_ROUNDS ?? "5");

function quantile(sorted, q) {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i];
}

/** Scrolls the page to the bottom in steps and returns the longest gap between frames (ms). */
async function scrollStall(s) {
  const r = await s.cmd("POST", "/execute/async", {
    script: `const done = arguments[arguments.length - 1];
      const el = document.scrollingElement;
      const content = document.querySelector("main#content");
      const target = content && content.scrollHeight > content.clientHeight ? content : el;
      target.scrollTop = 0;
      let last = performance.now(), worst = 0, frames = 0;
      const start = performance.now();
      // A list that reads its next page near the end never ends: stop after
      // 600 frames or 8 s, whichever comes first.
      function step(now) {
        worst = Math.max(worst, now - last); last = now; frames++;
        target.scrollTop += 120;
        const ms = now - start;
        if (target.scrollTop + target.clientHeight >= target.scrollHeight - 2 || frames > 600 || ms > 8000) done({ worst, frames, ms });
        else requestAnimationFrame(step);
      }
      requestAnimationFrame((now) => { last = now; requestAnimationFrame(step); });`,
    args: [],
  });
  return r;
}

const root = mkdtempSync(join(tmpdir(), "stride-perf-"));
const dataDir = join(root, "data");
mkdirSync(dataDir, { recursive: true });
copyFileSync(DB, join(dataDir, "stride.db"));

await withApp(
  async (s) => {
    const t0 = Date.now();
    await s.waitFor('main[data-screen="my-week"] [data-testid="goal-row"]', 180000);
    console.log(`first screen with data after ${Date.now() - t0} ms`);
    const seed = await findSeedGoal(s);
    const stalls = [];
    const opens = [];
    const timings = [];
    for (let round = 0; round < ROUNDS; round++) {
      // Each round starts from a fresh page, so no screen is served from the
      // UI's cache: every command is really called every round.
      if (round > 0) {
        await s.execute("window.location.hash = '#/'; window.location.reload();");
        await s.waitFor('main[data-screen="my-week"] [data-testid="goal-row"]', 180000);
      }
      await s.execute("window.__strideIpc.clear()");
      for (const [name, open] of screens(seed, { strict: false })) {
        const opened = Date.now();
        await open(s);
        const ms = Date.now() - opened;
        opens.push({ screen: name, round, ms });
        console.log(`round ${round + 1}: ${name} ready in ${ms} ms`);
        if (name === "goals") {
          // The table is windowed (only rows near the viewport are rendered):
          // count the loaded goals by its aria-rowcount, not by its rows.
          const loadedRows = () =>
            s.execute('return Number(document.querySelector(\'[data-testid="goal-table"]\')?.getAttribute("aria-rowcount") ?? 0)');
          for (let page = 0; page < 5; page++) {
            const more = await s.findAll('[data-testid="load-more"]');
            if (more.length === 0) break;
            const before = await loadedRows();
            await s.click(more[0]);
            const deadline = Date.now() + 60000;
            while ((await loadedRows()) <= before && Date.now() < deadline) {
              await new Promise((r) => setTimeout(r, 50));
            }
          }
          stalls.push({ screen: "goals", ...(await scrollStall(s)) });
        }
        if (name === "team" || name === "alignment" || name === "inbox") stalls.push({ screen: name, ...(await scrollStall(s)) });
      }
      timings.push(...(await s.execute("return window.__strideIpc.timings()")));
    }
    // The IPC floor in the same run: a trivial command (app_info), 50 times.
    const floorMs = await s.cmd("POST", "/execute/async", {
      script: `const done = arguments[arguments.length - 1];
        (async () => {
          const out = [];
          for (let i = 0; i < 50; i++) {
            const t = performance.now();
            await window.__TAURI_INTERNALS__.invoke("app_info", {});
            out.push(performance.now() - t);
          }
          return out;
        })().then(done, (e) => done({ error: String(e) }));`,
      args: [],
    });
    if (!Array.isArray(floorMs)) throw new Error(`the IPC floor could not be measured: ${JSON.stringify(floorMs)}`);
    const by = new Map();
    for (const t of timings) {
      if (!by.has(t.command)) by.set(t.command, []);
      by.get(t.command).push(t.ms);
    }
    const rows = [...by.entries()]
      .map(([command, ms]) => {
        const sorted = ms.slice().sort((a, b) => a - b);
        return { command, calls: ms.length, p50: quantile(sorted, 0.5), p95: quantile(sorted, 0.95), max: sorted[sorted.length - 1] };
      })
      .sort((a, b) => b.p95 - a.p95);
    const floorSorted = floorMs.slice().sort((a, b) => a - b);
    const floor = { command: "app_info (probe)", calls: floorSorted.length, p50: quantile(floorSorted, 0.5), p95: quantile(floorSorted, 0.95), max: floorSorted[floorSorted.length - 1] };
    console.log(`\n${"command".padEnd(22)} ${"calls".padStart(5)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)} ${"max ms".padStart(8)}`);
    for (const r of rows) {
      console.log(`${r.command.padEnd(22)} ${String(r.calls).padStart(5)} ${r.p50.toFixed(1).padStart(8)} ${r.p95.toFixed(1).padStart(8)} ${r.max.toFixed(1).padStart(8)}`);
    }
    const slowest = rows[0];
    console.log(`\nslowest command by p95: ${slowest.command} ${slowest.p95.toFixed(1)} ms`);
    console.log(`IPC floor (app_info ×${floor.calls}) p50 ${floor.p50.toFixed(2)} ms, p95 ${floor.p95.toFixed(2)} ms → the slowest p95 is ${(slowest.p95 / floor.p95).toFixed(0)}× the floor`);
    for (const st of stalls) console.log(`scroll ${st.screen}: longest frame gap ${st.worst.toFixed(1)} ms over ${st.frames} frames`);
    const file = join(OUT, "ui-latency.json");
    writeFileSync(file, JSON.stringify({ rounds: ROUNDS, rows, floor, stalls, opens }, null, 2));
    console.log(`written: ${file}`);
  },
  { dataDir },
);

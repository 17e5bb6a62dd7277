// The one call into Rust: Tauri's `invoke`, timed. The generated bindings
// import it from here; every command's latency as the UI sees it (IPC,
// Rust, SQLite and JSON both ways) lands in a bounded ring that
// `cargo xtask perf` reads through `window.__strideIpc` and that tests and
// diagnostics can read through `ipcTimings()`.
import { invoke as tauriInvoke, type InvokeArgs } from "@tauri-apps/api/core";

/** One finished command call. */
export interface IpcTiming {
  /** The Rust command's name. */
  command: string;
  /** Milliseconds from the call to its answer (or error). */
  ms: number;
  /** False when the command returned an error. */
  ok: boolean;
}

/** How many calls the ring keeps. */
export const IPC_TIMINGS_KEPT = 5000;

const ring: IpcTiming[] = [];

function record(timing: IpcTiming) {
  if (ring.length >= IPC_TIMINGS_KEPT) ring.shift();
  ring.push(timing);
}

/** The latest calls, oldest first (a copy). */
export function ipcTimings(): IpcTiming[] {
  return ring.slice();
}

/** Forgets every recorded call. */
export function clearIpcTimings() {
  ring.length = 0;
}

declare global {
  interface Window {
    /** Read by `cargo xtask perf` through WebDriver. */
    __strideIpc?: { timings: () => IpcTiming[]; clear: () => void };
  }
}

if (typeof window !== "undefined") {
  window.__strideIpc = { timings: ipcTimings, clear: clearIpcTimings };
}

/** Tauri's `invoke`, timed. */
export async function invoke<T>(command: string, args?: InvokeArgs): Promise<T> {
  const start = performance.now();
  try {
    const value = await tauriInvoke<T>(command, args);
    record({ command, ms: performance.now() - start, ok: true });
    return value;
  } catch (e) {
    record({ command, ms: performance.now() - start, ok: false });
    throw e;
  }
}

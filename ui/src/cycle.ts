// The cycle the Goals and Analytics screens show, shared between them and kept
// across restarts in localStorage (like the theme). null = every cycle.
import { useCallback, useSyncExternalStore } from "react";
import { useCycles, type Cycle } from "./ipc";

export const CYCLE_STORAGE_KEY = "stride.cycle";

const listeners = new Set<() => void>();

export function readCycleChoice(): string | null {
  try {
    const stored = window.localStorage.getItem(CYCLE_STORAGE_KEY);
    return stored === null || stored === "" ? null : stored;
  } catch {
    return null; // Storage unavailable: every cycle.
  }
}

/** Remember `cycle` (null: every cycle) and tell every screen showing it. */
export function saveCycleChoice(cycle: string | null): void {
  try {
    if (cycle === null) window.localStorage.removeItem(CYCLE_STORAGE_KEY);
    else window.localStorage.setItem(CYCLE_STORAGE_KEY, cycle);
  } catch {
    // Not persisted; this session forgets it on the next read.
  }
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  // Another window of the app changed it.
  const onStorage = (event: StorageEvent) => {
    if (event.key === CYCLE_STORAGE_KEY || event.key === null) listener();
  };
  window.addEventListener("storage", onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", onStorage);
  };
}

/** The remembered cycle id (null: every cycle), as stored. */
export function useCycleChoice(): string | null {
  return useSyncExternalStore(subscribe, readCycleChoice, () => null);
}

/**
 * The cycle to filter by, and a setter. A remembered cycle that no longer exists
 * (the list of cycles has been read and lacks it) counts as every cycle.
 */
export function useSelectedCycle(): [string | null, (cycle: string | null) => void] {
  const chosen = useCycleChoice();
  const cycles = useCycles();
  const known = chosen === null || cycles.data === undefined || cycles.data.some((c) => c.id === chosen);
  const set = useCallback((cycle: string | null) => {
    saveCycleChoice(cycle);
  }, []);
  return [known ? chosen : null, set];
}

/** A cycle's name, or null while unknown. */
export function useCycleName(id: string | null): string | null {
  const cycles = useCycles();
  if (id === null) return null;
  return cycles.data?.find((c: Cycle) => c.id === id)?.name ?? null;
}

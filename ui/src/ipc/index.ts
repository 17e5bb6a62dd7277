// Typed access to the Rust core. UI code imports from here, never from
// `@tauri-apps/api/core` (enforced by ESLint): `bindings.ts` is generated from
// the Rust IPC types and is the only file that calls `invoke`.
import { isTauri } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";
import { QueryClient, useQuery, type QueryKey } from "@tanstack/react-query";
import { commands, type AppInfo, type IpcError } from "./bindings";

export type { AppInfo, IpcError } from "./bindings";
export { commands } from "./bindings";

/** The Tauri event the core emits after any write; every cached query is then stale. */
export const CHANGED_EVENT = "stride://changed";

const ERROR_CODES: ReadonlySet<string> = new Set<IpcError["code"]>([
  "invalid_input",
  "not_found",
  "conflict",
  "storage",
  "internal",
]);

export function isIpcError(value: unknown): value is IpcError {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.code === "string" &&
    ERROR_CODES.has(v.code) &&
    typeof v.message === "string" &&
    (v.field === null || typeof v.field === "string")
  );
}

/** Whatever a rejected `invoke` produced, as an `IpcError`. */
export function toIpcError(error: unknown): IpcError {
  if (isIpcError(error)) return error;
  return { code: "internal", message: String(error), field: null };
}

/** Await a command; a rejection becomes a typed `IpcError`. */
export async function call<T>(command: () => Promise<T>): Promise<T> {
  try {
    return await command();
  } catch (error) {
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- IpcError is the IPC contract
    throw toIpcError(error);
  }
}

/** True inside the Stride window; false in vitest/jsdom or a plain browser tab. */
export function insideTauri(): boolean {
  try {
    return isTauri();
  } catch {
    return false;
  }
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Local IPC: errors are deterministic, so retrying only delays the message.
        retry: false,
        // Freshness comes from `stride://changed`, not from polling or focus.
        staleTime: Infinity,
        refetchOnWindowFocus: false,
      },
    },
  });
}

/**
 * Invalidate every query whenever the core reports a change. Returns a cleanup
 * function. Outside Tauri (tests, a plain browser) this is a no-op.
 */
export function subscribeToChanges(client: QueryClient): () => void {
  if (!insideTauri()) return () => undefined;
  let disposed = false;
  let unlisten: (() => void) | undefined;
  listen(CHANGED_EVENT, () => {
    void client.invalidateQueries();
  }).then(
    (fn) => {
      if (disposed) fn();
      else unlisten = fn;
    },
    (error: unknown) => {
      console.error(`could not subscribe to ${CHANGED_EVENT}`, error);
    },
  );
  return () => {
    disposed = true;
    unlisten?.();
  };
}

export const queryKeys = {
  appInfo: ["app_info"] as const satisfies QueryKey,
};

export function useAppInfo() {
  return useQuery<AppInfo, IpcError>({
    queryKey: queryKeys.appInfo,
    queryFn: () => call(commands.appInfo),
  });
}

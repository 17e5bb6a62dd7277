// Sync with a self-hosted Stride server: the status every indicator shows,
// conflicts, changes the server refused, and the commands behind them.
// Re-exported from `./index`; UI code imports from "../ipc".
import { listen } from "@tauri-apps/api/event";
import { useMutation, useQuery, useQueryClient, type QueryClient, type QueryKey } from "@tanstack/react-query";
import {
  commands,
  events,
  type AttentionView,
  type ConflictView,
  type IpcError,
  type OnboardingState,
  type SignInInput,
  type SyncStatus,
} from "./bindings";
import { call, insideTauri, queryKeys } from "./index";

export type { AttentionView, ConflictView, SignInInput, SyncPhase, SyncStatus } from "./bindings";

export const syncKeys = {
  /** Every sync query (prefix). */
  all: ["sync"] as const satisfies QueryKey,
  status: ["sync", "status"] as const satisfies QueryKey,
  conflicts: ["sync", "conflicts"] as const satisfies QueryKey,
  attention: ["sync", "attention"] as const satisfies QueryKey,
};

/**
 * A new status from the core (a `stride://sync` event or a command's answer):
 * into the cache at once, so every indicator shows it; the conflict and
 * attention lists are read again, and so is the onboarding state while the
 * database still waits for its first organisation (a first sync fills it).
 */
export function applySyncStatus(client: QueryClient, status: SyncStatus): void {
  client.setQueryData(syncKeys.status, status);
  void client.invalidateQueries({ queryKey: syncKeys.conflicts });
  void client.invalidateQueries({ queryKey: syncKeys.attention });
  const onboarding = client.getQueryData<OnboardingState>(queryKeys.onboarding);
  if (onboarding?.needsSetup === true) void client.invalidateQueries({ queryKey: queryKeys.onboarding });
}

/**
 * Keep the cached sync status in step with the core's `stride://sync` events
 * (background sync every ~30 s, after each local write). Returns a cleanup
 * function. Outside Tauri (a plain browser) this is a no-op; tests that make
 * `isTauri()` true hear the events through their `listen` double.
 */
export function subscribeToSync(client: QueryClient): () => void {
  if (!insideTauri()) return () => undefined;
  let disposed = false;
  let unlisten: (() => void) | undefined;
  listen<SyncStatus>(events.sync, (event) => {
    applySyncStatus(client, event.payload);
  }).then(
    (fn) => {
      if (disposed) fn();
      else unlisten = fn;
    },
    (error: unknown) => {
      console.error(`could not subscribe to ${events.sync}`, error);
    },
  );
  return () => {
    disposed = true;
    unlisten?.();
  };
}

/** Where sync stands. Kept current by `stride://sync` (see `subscribeToSync`, wired in AppProviders). */
export function useSyncStatus() {
  return useQuery<SyncStatus, IpcError>({
    queryKey: syncKeys.status,
    queryFn: () => call(commands.syncStatus),
  });
}

/** Conflicts not yet dismissed; read again on `stride://sync` and `stride://changed`. */
export function useSyncConflicts(enabled = true) {
  return useQuery<ConflictView[], IpcError>({
    queryKey: syncKeys.conflicts,
    queryFn: () => call(commands.syncConflicts),
    enabled,
  });
}

/** Changes the server refused, not yet dismissed; read again on `stride://sync` and `stride://changed`. */
export function useSyncAttention(enabled = true) {
  return useQuery<AttentionView[], IpcError>({
    queryKey: syncKeys.attention,
    queryFn: () => call(commands.syncAttention),
    enabled,
  });
}

/** A command that answers with the new status: the status now, then everything else read again. */
function onNewStatus(client: QueryClient, status: SyncStatus): void {
  applySyncStatus(client, status);
  void client.invalidateQueries({ predicate: (query) => query.queryKey[0] !== syncKeys.all[0] });
}

/** Sign in to a Stride server (only the token is kept, in the OS keychain). */
export function useSyncSignIn() {
  const client = useQueryClient();
  return useMutation<SyncStatus, IpcError, SignInInput>({
    mutationKey: ["sync_sign_in"],
    mutationFn: (input) => call(() => commands.syncSignIn(input)),
    onSuccess: (status) => {
      onNewStatus(client, status);
    },
  });
}

/** Sync now rather than at the next background round. */
export function useSyncNow() {
  const client = useQueryClient();
  return useMutation<SyncStatus, IpcError>({
    mutationFn: () => call(commands.syncNow),
    onSuccess: (status) => {
      onNewStatus(client, status);
    },
  });
}

/** Sign out: the token leaves the keychain; waiting changes stay on this computer. */
export function useSyncSignOut() {
  const client = useQueryClient();
  return useMutation<SyncStatus, IpcError>({
    mutationFn: () => call(commands.syncSignOut),
    onSuccess: (status) => {
      onNewStatus(client, status);
    },
  });
}

/** After a write on a conflict or a refused change: the lists, the status and the goals read again. */
function afterResolve(client: QueryClient): void {
  void client.invalidateQueries();
}

/** Write my value of a conflict again (sent with the next sync). */
export function useKeepMine() {
  const client = useQueryClient();
  return useMutation<null, IpcError, string>({
    mutationFn: (id) => call(() => commands.keepMine(id)),
    onSuccess: () => {
      afterResolve(client);
    },
  });
}

/** Accept the other value of a conflict and take it off the list. */
export function useDismissConflict() {
  const client = useQueryClient();
  return useMutation<null, IpcError, string>({
    mutationFn: (id) => call(() => commands.dismissConflict(id)),
    onSuccess: () => {
      afterResolve(client);
    },
  });
}

/** Take a refused change (its whole group) off the Needs attention list. */
export function useDismissAttention() {
  const client = useQueryClient();
  return useMutation<null, IpcError, string>({
    mutationFn: (opId) => call(() => commands.dismissAttention(opId)),
    onSuccess: () => {
      afterResolve(client);
    },
  });
}

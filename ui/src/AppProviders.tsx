import { QueryClientProvider, type QueryClient } from "@tanstack/react-query";
import { useEffect, type ReactNode } from "react";
import { subscribeToChanges, subscribeToSync } from "./ipc";

/**
 * Query cache + live invalidation from the core's `stride://changed` event, and
 * the sync status kept current from `stride://sync`.
 */
export function AppProviders({ client, children }: { client: QueryClient; children: ReactNode }) {
  useEffect(() => subscribeToChanges(client), [client]);
  useEffect(() => subscribeToSync(client), [client]);
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}

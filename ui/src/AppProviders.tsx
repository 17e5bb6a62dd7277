import { QueryClientProvider, type QueryClient } from "@tanstack/react-query";
import { useEffect, type ReactNode } from "react";
import { subscribeToChanges } from "./ipc";

/** Query cache + live invalidation from the core's `stride://changed` event. */
export function AppProviders({ client, children }: { client: QueryClient; children: ReactNode }) {
  useEffect(() => subscribeToChanges(client), [client]);
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}

// A stand-in for Tauri's event system in tests. Mock `@tauri-apps/api/event`
// with `fakeListen` (and make `isTauri()` true, so the app subscribes), then
// `emitEvent` delivers a payload to every listener as the core would.
import type { EventCallback, UnlistenFn } from "@tauri-apps/api/event";
import { act } from "@testing-library/react";

const handlers = new Map<string, Set<EventCallback<unknown>>>();
let nextId = 1;

/** Drop-in for `listen`: registers the handler; the returned function removes it. */
export function fakeListen<T>(event: string, handler: EventCallback<T>): Promise<UnlistenFn> {
  let set = handlers.get(event);
  if (set === undefined) {
    set = new Set();
    handlers.set(event, set);
  }
  const registered = handler as EventCallback<unknown>;
  set.add(registered);
  return Promise.resolve(() => {
    handlers.get(event)?.delete(registered);
  });
}

/** How many handlers listen to `event` now. */
export function listenerCount(event: string): number {
  return handlers.get(event)?.size ?? 0;
}

/** Deliver `payload` to every handler of `event`, inside `act`. */
export function emitEvent(event: string, payload: unknown = null): void {
  const targets = [...(handlers.get(event) ?? [])];
  act(() => {
    for (const handler of targets) handler({ event, id: nextId++, payload });
  });
}

/** Forget every handler (call in `beforeEach`). */
export function resetEvents(): void {
  handlers.clear();
}

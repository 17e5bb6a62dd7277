import { useEffect, useRef } from "react";
import { GO_KEYS } from "./screens";

export interface ShortcutHandlers {
  navigate: (path: string) => void;
  focusSearch: () => void;
  openHelp: () => void;
}

/** How long `g` waits for its second key. */
export const SEQUENCE_TIMEOUT_MS = 1500;

/** True when a key press belongs to a text field, not to the app. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === "TEXTAREA" || tag === "SELECT") return true;
  if (tag === "INPUT") {
    const type = (target as HTMLInputElement).type;
    return !["checkbox", "radio", "button", "submit", "reset", "range", "color"].includes(type);
  }
  const role = target.getAttribute("role");
  return role === "textbox" || role === "combobox" || role === "searchbox";
}

/**
 * Global single-key shortcuts: `g` + letter to go to a screen, `n` new goal,
 * `/` search, `?` help. Ignored while typing and while `enabled` is false
 * (e.g. a dialog is open).
 */
export function useGlobalShortcuts(handlers: ShortcutHandlers, enabled: boolean): void {
  const handlersRef = useRef(handlers);
  useEffect(() => {
    handlersRef.current = handlers;
  });

  useEffect(() => {
    if (!enabled) return;
    let pendingGoSince: number | null = null;

    function onKeyDown(event: KeyboardEvent): void {
      if (event.defaultPrevented || event.repeat) return;
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTypingTarget(event.target)) {
        pendingGoSince = null;
        return;
      }
      const h = handlersRef.current;
      const key = event.key;

      if (pendingGoSince !== null) {
        const fresh = event.timeStamp - pendingGoSince <= SEQUENCE_TIMEOUT_MS || event.timeStamp === 0;
        pendingGoSince = null;
        const path = GO_KEYS.get(key.toLowerCase());
        if (fresh && path !== undefined && !event.shiftKey) {
          event.preventDefault();
          h.navigate(path);
          return;
        }
      }

      if (key === "?") {
        event.preventDefault();
        h.openHelp();
      } else if (key === "/") {
        event.preventDefault();
        h.focusSearch();
      } else if (event.shiftKey) {
        return;
      } else if (key === "g") {
        pendingGoSince = event.timeStamp;
      } else if (key === "n") {
        event.preventDefault();
        h.navigate("/goals/new");
      }
    }

    document.addEventListener("keydown", onKeyDown);
    return () => {
      document.removeEventListener("keydown", onKeyDown);
    };
  }, [enabled]);
}

import { useEffect, useRef } from "react";
import { GO_KEYS } from "./screens";

export interface ShortcutHandlers {
  navigate: (path: string) => void;
  /** Open the global search (Ctrl+K / ⌘K, or `/`). */
  openSearch: () => void;
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

/** Ctrl+K (⌘K on a Mac): open the global search, even from a text field. */
export function isSearchChord(event: KeyboardEvent): boolean {
  return (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === "k";
}

/**
 * Global shortcuts: `g` + letter to go to a screen, `n` new goal, `/` or
 * Ctrl+K / ⌘K search, `?` help. The single keys are ignored while typing; all
 * are off while `enabled` is false (e.g. a dialog is open).
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
      if (isSearchChord(event)) {
        event.preventDefault();
        pendingGoSince = null;
        handlersRef.current.openSearch();
        return;
      }
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
        h.openSearch();
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

// A tiny hash router. Hash URLs work unchanged from `tauri://localhost`,
// `http://tauri.localhost`, the Vite dev server and `vite preview`.
import { useSyncExternalStore } from "react";

export type ScreenSlug =
  | "my-week"
  | "goals"
  | "goal"
  | "new-goal"
  | "team"
  | "alignment"
  | "kpis"
  | "analytics"
  | "reviews"
  | "skills"
  | "inbox"
  | "settings"
  | "not-found";

/** What `main#content[data-screen]` can say: a routed screen, or the first-launch welcome shown at `#/`. */
export type ContentSlug = ScreenSlug | "welcome";

export type Route =
  | { screen: Exclude<ScreenSlug, "goal">; path: string }
  | { screen: "goal"; path: string; goalId: string };

const STATIC_ROUTES: Readonly<Record<string, Exclude<ScreenSlug, "goal" | "not-found">>> = {
  "/": "my-week",
  "/goals": "goals",
  "/goals/new": "new-goal",
  "/team": "team",
  "/alignment": "alignment",
  "/kpis": "kpis",
  "/analytics": "analytics",
  "/reviews": "reviews",
  "/skills": "skills",
  "/inbox": "inbox",
  "/settings": "settings",
};

/** The path part of a location hash: `#/goals?x=1` → `/goals`. */
export function pathFromHash(hash: string): string {
  let path = hash.replace(/^#/, "");
  const query = path.indexOf("?");
  if (query >= 0) path = path.slice(0, query);
  if (path === "") return "/";
  if (!path.startsWith("/")) path = `/${path}`;
  if (path.length > 1 && path.endsWith("/")) path = path.slice(0, -1);
  return path;
}

/** The query part of a location hash: `#/goals?owner=p-1` → `owner=p-1` as URLSearchParams. */
export function queryFromHash(hash: string): URLSearchParams {
  const query = hash.indexOf("?");
  return new URLSearchParams(query >= 0 ? hash.slice(query + 1) : "");
}

export function parseRoute(hash: string): Route {
  const path = pathFromHash(hash);
  const known = STATIC_ROUTES[path];
  if (known) return { screen: known, path };
  const goal = /^\/goals\/([^/]+)$/.exec(path);
  if (goal?.[1]) return { screen: "goal", path, goalId: decodeURIComponent(goal[1]) };
  return { screen: "not-found", path };
}

export function hrefFor(path: string): string {
  return `#${path}`;
}

const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener("hashchange", listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("hashchange", listener);
  };
}

function snapshot(): string {
  return window.location.hash;
}

export function navigate(path: string): void {
  const next = hrefFor(path);
  if (window.location.hash === next) return;
  window.location.hash = next;
  // `hashchange` is asynchronous; update subscribers now so the UI and focus
  // management see the new route in the same task.
  for (const listener of listeners) listener();
}

/**
 * Go to `path` in place of the current history entry (e.g. a tab remembered in
 * the hash query), so Back leaves the screen rather than stepping through tabs.
 */
export function replacePath(path: string): void {
  const next = hrefFor(path);
  if (window.location.hash === next) return;
  window.history.replaceState(window.history.state, "", next);
  // replaceState fires no `hashchange`.
  for (const listener of listeners) listener();
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, snapshot, () => "#/");
  return parseRoute(hash);
}

/** One parameter of the current hash's query (`#/goals?owner=p-1` → "p-1"), or null. */
export function useHashParam(name: string): string | null {
  const hash = useSyncExternalStore(subscribe, snapshot, () => "#/");
  const value = queryFromHash(hash).get(name);
  return value === null || value === "" ? null : value;
}

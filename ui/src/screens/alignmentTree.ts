// The alignment map's rows, computed from what is loaded: the top level and
// the levels under expanded goals (each read lazily, page by page). Only rows
// on screen are walked, so a 138,000-goal cascade costs what is expanded.
import type { CascadeHit, CascadeRow, GoalMapLevel, GoalMapRequest } from "../ipc";

/**
 * A row on screen. Keys are the path of ids from the top ("/co/sales/g1"), so
 * a goal with several parents has one row (and one expansion) per parent.
 * `parentKey` is the key of the row above (null at the top).
 */
export type TreeRow =
  | {
      kind: "node";
      key: string;
      id: string;
      parentKey: string | null;
      level: number;
      row: CascadeRow;
      /** The contribution weight under this parent (null at the top). */
      weight: number | null;
      posinset: number;
      setsize: number;
      /** null for a goal nothing contributes to. */
      expanded: boolean | null;
      match: boolean;
    }
  | {
      kind: "more";
      key: string;
      parentKey: string | null;
      /** The level to read one more page of (null: the top). */
      levelId: string | null;
      level: number;
      /** Rows of the level not read yet. */
      remaining: number;
      /** The next page is being read. */
      loading: boolean;
      posinset: number;
      setsize: number;
    }
  | { kind: "loading"; key: string; parentKey: string | null; level: number; posinset: number; setsize: number }
  | {
      kind: "error";
      key: string;
      parentKey: string | null;
      levelId: string | null;
      level: number;
      message: string;
      retry: () => void;
      posinset: number;
      setsize: number;
    };

/** What a search shows: the hits on the map and every row on the way down to one. */
export interface MapSearch {
  /** Goals found (on the map). */
  matches: ReadonlySet<string>;
  /** Keys of every row on a path to a hit, the hit's own row included. */
  keys: ReadonlySet<string>;
  /** Keys of the rows a path continues below (they start expanded, and list only what leads to a hit). */
  leads: ReadonlySet<string>;
  /** Every path, as ids from a top goal down. */
  paths: readonly (readonly string[])[];
  /** Hits with no way up to a company goal. */
  orphans: readonly CascadeHit[];
}

export function rowKey(parentKey: string | null, id: string): string {
  return `${parentKey ?? ""}/${id}`;
}

/** The goal a row key ends with. */
export function keyGoal(key: string): string {
  return key.slice(key.lastIndexOf("/") + 1);
}

/** The keys above a row key, top first ("/a/b/c" → "/a", "/a/b"). */
function keysAbove(key: string): string[] {
  const out: string[] = [];
  for (let i = key.indexOf("/", 1); i > 0; i = key.indexOf("/", i + 1)) out.push(key.slice(0, i));
  return out;
}

export function searchPaths(hits: readonly CascadeHit[]): MapSearch {
  const matches = new Set<string>();
  const keys = new Set<string>();
  const leads = new Set<string>();
  const paths: string[][] = [];
  const orphans: CascadeHit[] = [];
  for (const hit of hits) {
    if (hit.paths.length === 0) {
      orphans.push(hit);
      continue;
    }
    matches.add(hit.goal);
    for (const path of hit.paths) {
      paths.push(path);
      let key = "";
      path.forEach((id, i) => {
        key = `${key}/${id}`;
        keys.add(key);
        if (i < path.length - 1) leads.add(key);
      });
    }
  }
  return { matches, keys, leads, paths, orphans };
}

/** Expansion the person chose (by row key) and pages shown (by level: parent id, "" for the top). */
export interface TreeState {
  overrides: ReadonlyMap<string, boolean>;
  pages: ReadonlyMap<string, number>;
}

export const EMPTY_TREE: TreeState = { overrides: new Map(), pages: new Map() };

export function levelKey(levelId: string | null): string {
  return levelId ?? "";
}

export function isExpanded(state: TreeState, search: MapSearch | null, key: string): boolean {
  return state.overrides.get(key) ?? search?.leads.has(key) ?? false;
}

/**
 * The levels to read: the top, and the goals under every expanded row whose
 * rows above are expanded too — from the state alone (row keys are paths), so
 * nothing is read for a collapsed subtree.
 */
export function levelRequests(state: TreeState, search: MapSearch | null): GoalMapRequest[] {
  const candidates = new Set<string>(search?.leads ?? []);
  for (const [key, open] of state.overrides) if (open) candidates.add(key);
  const ids = new Set<string>();
  for (const key of candidates) {
    if (!isExpanded(state, search, key)) continue;
    if (keysAbove(key).every((k) => isExpanded(state, search, k))) ids.add(keyGoal(key));
  }
  const pages = (id: string | null) => Math.max(1, state.pages.get(levelKey(id)) ?? 1);
  return [{ parent: null, pages: pages(null) }, ...[...ids].sort().map((id) => ({ parent: id, pages: pages(id) }))];
}

/**
 * The rows on screen, in order: the top level, then the children of every
 * expanded row (as read so far, then a "Show N more" row, or a loading or
 * error row). While searching, the top and every row a path continues below
 * list only the rows on a path; under a hit (or any other row the person
 * opens) everything shows.
 */
export function visibleRows(levels: ReadonlyMap<string | null, GoalMapLevel>, state: TreeState, search: MapSearch | null): TreeRow[] {
  const rows: TreeRow[] = [];

  function walk(levelId: string | null, parentKey: string | null, level: number, ancestors: ReadonlySet<string>): void {
    const data = levels.get(levelId);
    const pk = parentKey ?? "";
    if (data === undefined || (data.total === null && data.error === null)) {
      if (parentKey !== null) rows.push({ kind: "loading", key: `${pk}/+loading`, parentKey, level, posinset: 1, setsize: 1 });
      return;
    }
    const filtered = search !== null && (parentKey === null || search.leads.has(parentKey));
    const list = data.rows.filter((r) => !ancestors.has(r.goal.id) && (!filtered || search.keys.has(rowKey(parentKey, r.goal.id))));
    const remaining = filtered ? 0 : Math.max(0, (data.total ?? 0) - data.rows.length);
    const tail: "error" | "more" | "loading" | null =
      data.error !== null ? "error" : remaining > 0 ? "more" : data.loading ? "loading" : null;
    const setsize = list.length + (tail === null ? 0 : 1);
    list.forEach((r, i) => {
      const id = r.goal.id;
      const key = rowKey(parentKey, id);
      const expanded = r.children === 0 ? null : isExpanded(state, search, key);
      rows.push({
        kind: "node",
        key,
        id,
        parentKey,
        level,
        row: r,
        weight: parentKey === null ? null : r.weight,
        posinset: i + 1,
        setsize,
        expanded,
        match: search?.matches.has(id) ?? false,
      });
      if (expanded === true) walk(id, key, level + 1, new Set(ancestors).add(id));
    });
    const posinset = setsize;
    if (tail === "error") {
      rows.push({
        kind: "error",
        key: `${pk}/+error`,
        parentKey,
        levelId,
        level,
        message: data.error?.message ?? "",
        retry: data.retry,
        posinset,
        setsize,
      });
    } else if (tail === "more") {
      rows.push({ kind: "more", key: `${pk}/+more`, parentKey, levelId, level, remaining, loading: data.loading, posinset, setsize });
    } else if (tail === "loading") {
      rows.push({ kind: "loading", key: `${pk}/+loading`, parentKey, level, posinset, setsize });
    }
  }

  walk(null, null, 1, new Set());
  return rows;
}

/**
 * The row that has focus: `key`, or — when that row is a placeholder (loading,
 * "Show more") — the first row that took its place once the data arrived.
 */
export interface ActiveRow {
  key: string;
  next?: { parentKey: string | null; posinset: number };
}

export function activeRowFor(row: TreeRow): ActiveRow {
  if (row.kind === "node") return { key: row.key };
  return { key: row.key, next: { parentKey: row.parentKey, posinset: row.posinset } };
}

export function findActive(rows: readonly TreeRow[], active: ActiveRow | null): number {
  if (active === null) return 0;
  const next = active.next;
  if (next !== undefined) {
    const i = rows.findIndex((r) => r.kind === "node" && r.parentKey === next.parentKey && r.posinset === next.posinset);
    if (i >= 0) return i;
  }
  const i = rows.findIndex((r) => r.key === active.key);
  return i >= 0 ? i : 0;
}
